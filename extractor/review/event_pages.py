"""One event's page and what a reviewer does there: approve, reject, edit, reset, undo, split, merge.

Every endpoint here uses the store, so each is a plain function (POST ones wrapped by web.posted in the
route table): Starlette runs them in its thread pool, and a write waiting for the store's lock never
stalls the event loop.
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

import sqlite_utils
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from extractor import store
from extractor.review import edits, forms, highlight
from extractor.review.web import found, reviewer_of, safe_url, state_of, to_event
from extractor.store import queue as queries
from extractor.text import split_sentences

DECISIONS = ("approve", "reject", "edit", "reset", "undo")


def event_context(db: sqlite_utils.Database, event: dict, f: forms.QueueFilter) -> dict:
    """Return what event.html shows besides the form: sources with marked evidence, snippets, neighbours, history."""
    labels = forms.vocabulary()["labels"]["fields"]
    sources, snippets = [], {}
    for source in event["sources"]:
        article = store.get_article(db, source["article_id"]) or {}
        text = article.get("text") or ""
        spans = highlight.spans_of(source["evidence"], len(text))
        sentences = split_sentences(text, article.get("lang") or "uk")
        for span in spans:
            snippets.setdefault(span.field, highlight.snippet(text, span, sentences))
        sources.append({**source, "article": article, "link": safe_url(source.get("url") or article.get("url")),
                        "marked": highlight.marked_text(text, spans, labels)})
    return {"event": event, "sources": sources, "snippets": snippets, "f": f,
            "prev": queries.neighbour(db, f, event["id"], -1), "next": queries.neighbour(db, f, event["id"], 1),
            "history": store.reviews_of(db, event["id"]), "near": queries.events_near(db, event)}


def event_page(request: Request) -> Response:
    """GET /event/ID: the event's form beside its sources; `done`/`last` say what the previous step did."""
    state = state_of(request)
    db = state.db()
    event = found(store.get_event(db, request.path_params["event_id"]), "event")
    f = forms.QueueFilter.from_params(request.query_params)
    return state.render(request, "event.html", {
        **event_context(db, event, f), "values": forms.form_values(event), "errors": {},
        "done": request.query_params.get("done"), "last": request.query_params.get("last")})


def decide(request: Request, form: FormData) -> Response:
    """POST /event/ID: approve, reject, edit, reset or undo; a form with errors comes back (400) as typed."""
    state = state_of(request)
    db = state.db()
    event_id = request.path_params["event_id"]
    event = found(store.get_event(db, event_id), "event")
    action = str(form.get("action") or "")
    if action not in DECISIONS:
        return PlainTextResponse("Unknown action", status_code=400)
    f = forms.QueueFilter.from_params(request.query_params)
    parsed = forms.parse_changes(form, event) if action in ("approve", "edit") else forms.Parsed()
    if parsed.errors:
        return state.render(request, "event.html", {
            **event_context(db, event, f), "values": forms.typed_values(form, event), "errors": parsed.errors,
            "done": None, "last": None}, status_code=400)
    if action == "edit" and not parsed.changes:  # nothing to log: saving an untouched form
        return to_event(event_id, f.params() | {"done": "same"})
    if action == "undo":
        try:
            edits.undo(db, event_id, reviewer_of(request))
        except store.StoreError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        return to_event(event_id, f.params() | {"done": "undo"})
    return record_decision(request, db, event_id, action, parsed.changes, f)


def record_decision(request: Request, db: sqlite_utils.Database, event_id: str, action: str, changes: dict,
                    f: forms.QueueFilter) -> Response:
    """Log the decision through the store; approve and reject go on to the next event of the queue."""
    following = queries.neighbour(db, f, event_id, 1)  # asked first: the decision may move the event out of f
    store.review_event(db, event_id, reviewer_of(request), action, changes)
    params = f.params()
    if action in ("approve", "reject"):
        params |= {"done": action, "last": event_id}
        target = f"/event/{quote(following, safe='')}" if following else "/"
        return RedirectResponse(f"{target}?{urlencode(params)}", status_code=303)
    # an edit can be undone from the page it leads to
    return to_event(event_id, params | {"done": action, **({"last": event_id} if action == "edit" else {})})


def split_event(request: Request, form: FormData) -> Response:
    """POST /event/ID/split: give one source article back as an event of its own (or copy a single-source one)."""
    event_id = request.path_params["event_id"]
    try:
        new_id = edits.split_event(state_of(request).db(), event_id, reviewer_of(request),
                                   str(form.get("article_id") or "") or None)
    except store.StoreError as exc:
        return PlainTextResponse(str(exc), status_code=400)
    return to_event(new_id, {"done": "split", "last": event_id})


def merge_page(request: Request) -> Response:
    """GET /event/ID/merge?other=ID: dedup's verdict on the pair and both events side by side, to confirm."""
    state = state_of(request)
    try:
        keep, other, verdict = edits.merge_verdict(state.db(), request.path_params["event_id"],
                                                   request.query_params.get("other", "").strip())
    except store.StoreError as exc:
        return PlainTextResponse(str(exc), status_code=404)
    return state.render(request, "merge.html", {"keep": keep, "other": other, "verdict": verdict})


def merge_events(request: Request, form: FormData) -> Response:
    """POST /event/ID/merge: merge the other event into this one (confirmed on the merge page)."""
    event_id = request.path_params["event_id"]
    try:
        edits.merge_events(state_of(request).db(), event_id, str(form.get("other") or ""), reviewer_of(request))
    except store.StoreError as exc:
        return PlainTextResponse(str(exc), status_code=400)
    return to_event(event_id, {"done": "merge"})
