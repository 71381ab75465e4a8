"""An article where extraction found no event: its text with candidate sentences marked, and adding an event.

Both endpoints use the store, so both are plain functions (the POST one wrapped by web.posted in the
route table): Starlette runs them in its thread pool, and a write waiting for the store's lock never
stalls the event loop.
"""
from __future__ import annotations

import sqlite_utils
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from extractor import store
from extractor.review import edits, forms, highlight, missed
from extractor.review.web import found, reviewer_of, safe_url, state_of, to_event


def article_context(db: sqlite_utils.Database, article: dict) -> dict:
    """Return what article.html shows besides the form: the text with candidates marked, the article's events."""
    found = missed.candidates(article.get("text") or "", article.get("lang"), article.get("published"))
    spans = [highlight.Span("candidate", c.start, c.end) for c in found]
    return {"article": article, "candidates": found, "link": safe_url(article.get("url")),
            "marked": highlight.marked_text(article.get("text") or "", spans, {"candidate": "кандидат"}),
            "events": [store.get_event(db, i) for i in store.article_event_ids(db, article["id"])]}


def article_page(request: Request) -> Response:
    """GET /article/ID: the article and an empty form to add an event from it."""
    state = state_of(request)
    db = state.db()
    article = found(store.get_article(db, request.path_params["article_id"]), "article")
    return state.render(request, "article.html", {**article_context(db, article), "values": forms.form_values({}),
                                                  "errors": {}})


def add_event(request: Request, form: FormData) -> Response:
    """POST /article/ID/add: add the event a reviewer typed, its source the reviewer; it needs at least a type."""
    state = state_of(request)
    db = state.db()
    article = found(store.get_article(db, request.path_params["article_id"]), "article")
    parsed = forms.parse_changes(form, {})
    errors = parsed.errors | ({} if parsed.changes.get("event_type") else {"event_type": "оберіть тип події"})
    if errors:
        return state.render(request, "article.html", {**article_context(db, article),
                                                      "values": forms.typed_values(form, {}), "errors": errors},
                            status_code=400)
    event_id = edits.add_event(db, article["id"], parsed.changes, reviewer_of(request))
    return to_event(event_id, {"done": "add"})
