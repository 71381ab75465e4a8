"""The overview pages: the event queue, the articles where nothing was found, the coverage charts.

They read the store, so each is a plain function: Starlette runs it in its thread pool, and a page
waiting for the store's lock never stalls the event loop.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from extractor.coverage import topic_labels
from extractor.review import charts, coverage_view, forms, missed
from extractor.review.web import page_number, state_of
from extractor.store import queue as queries

# The nothing-found view shows this many articles, most likely to hold an event first.
MISSED_SHOWN = 200


def queue(request: Request) -> Response:
    """GET /: one page of the filtered queue, lowest confidence first."""
    state = state_of(request)
    db = state.db()
    f = forms.QueueFilter.from_params(request.query_params)
    result = queries.queue_page(db, f, page_number(request.query_params.get("page", "1")))
    return state.render(request, "queue.html", {
        "f": f, "result": result, "choices": state.filter_choices(db), "counts": queries.status_counts(db),
        "done": request.query_params.get("done"), "last": request.query_params.get("last")})


def missed_page(request: Request) -> Response:
    """GET /missed: articles with no event, the likeliest to hold one first."""
    state = state_of(request)
    rows = missed.ranked(queries.articles_without_events(state.db()))
    return state.render(request, "missed.html", {"rows": rows[:MISSED_SHOWN], "total": len(rows)})


def coverage(request: Request) -> Response:
    """GET /coverage: approved events by oblast, topic, partner and organizer, by month and hromada."""
    state = state_of(request)
    db = state.db()
    data = queries.coverage(db)
    regions = [(r, n) for r, n in data["region"] if r]
    unknown = sum(n for r, n in data["region"] if not r)  # counted apart: never the biggest bar
    chart_list = [  # months: the time axis of _coverage_hromadas.html
        charts.bar_chart("За областями" + (f" (без області: {unknown})" if unknown else ""), regions),
        charts.bar_chart("За темами", data["topic"], topic_labels()),
        charts.bar_chart("За партнерами та донорами", coverage_view.by_body(data["partner"])),
        charts.bar_chart("За організаторами", coverage_view.by_body(data["organizer"])),
    ]
    total = sum(n for _, n in data["region"])
    return state.render(request, "coverage.html", {"charts": chart_list, "total": total,
                                                   **coverage_view.page(db, request.query_params)})
