"""The review web app: a queue of extracted events, one page per event to check and decide, coverage charts.

Server-rendered Starlette + Jinja2 over the store; every write goes through store.review_event.
"""
from __future__ import annotations

import os
import socket
import sqlite3
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlencode, urlsplit

import jinja2
import sqlite_utils
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from extractor import faults, store
from extractor.coverage import topic_labels
from extractor.scope import in_scope
from extractor.review import charts, coverage_view, edits, forms, highlight, missed, security
from extractor.review.decisions import clean_name, default_reviewer
from extractor.store import queue as queries
from extractor.text import split_sentences

HERE = Path(__file__).parent
REVIEWER_COOKIE = "reviewer"
DECISIONS = ("approve", "reject", "edit", "reset", "undo")
# The nothing-found view shows this many articles, most likely to hold an event first.
MISSED_SHOWN = 200
CSRF_FAILED = "Form expired or forged (CSRF check failed): reload the page"
# The filter drop-downs scan the whole store; a batch adding a region may show up this much later.
CHOICES_TTL_S = 60.0
# A queue page number longer than this is no page of any store (and would overflow SQLite's OFFSET).
MAX_PAGE_DIGITS = 9


class Connections:
    """One store connection per thread (sqlite3 connections must stay in the thread that opened them)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.local = threading.local()
        self.get()  # fail at start, not at the first page, when the file is unusable

    def get(self) -> sqlite_utils.Database:
        """Return this thread's connection, opening it on first use."""
        db = getattr(self.local, "db", None)
        if db is None:
            db = self.local.db = store.open_db(self.path)
        return db


def safe_url(url: object) -> str | None:
    """Return a source URL fit for a link (http or https only), else None."""
    text = str(url or "")
    return text if urlsplit(text).scheme.lower() in ("http", "https") else None


def page_number(text: str) -> int:
    """Return the queue page asked for, or the first page when the text is no page number."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= MAX_PAGE_DIGITS else 1


def store_fault_page(request: Request, exc: Exception) -> Response:
    """Answer a store that cannot be read or written with a page saying so (503), not a bare 500."""
    if isinstance(exc, sqlite3.DatabaseError) and not faults.is_store_fault(exc):
        raise exc  # IntegrityError, ProgrammingError...: a bug to see
    reason = faults.describe(exc).message if isinstance(exc, sqlite3.DatabaseError) else str(exc)
    return PlainTextResponse(f"The event store cannot be used now: {reason}.", status_code=503)


def local_path(target: str | None) -> str:
    """Return a redirect target only when it stays on this site (a path), else the queue."""
    target = target or "/"
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"


def reviewer_of(request: Request) -> str:
    """Return the reviewer name kept in the cookie, else the OS user."""
    return clean_name(unquote(request.cookies.get(REVIEWER_COOKIE, ""))) or default_reviewer()


def as_text(value: object) -> str:
    """Return a field value as a reviewer reads it: lists joined, booleans in words."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "так" if value else "ні"
    return "—" if value is None else str(value)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["qs"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})
    env.filters["safe_url"] = safe_url
    env.filters["as_text"] = as_text
    env.filters["dmy"] = forms.dmy
    env.filters["in_scope"] = in_scope
    env.globals["vocab"] = forms.vocabulary()
    env.globals["topic_labels"] = topic_labels()
    env.globals["field_labels"] = forms.vocabulary()["labels"]["fields"]
    env.globals["editable"] = store.EDITABLE_FIELDS
    return env


def create_app(db_path: Path, token: str | None = None) -> Starlette:
    """Build the review app over a store; with a token (as `serve` always has), every request must carry it."""
    connections = Connections(Path(db_path))
    templates = Jinja2Templates(env=_environment())
    csrf = security.new_secret()
    cached_choices: list = [0.0, {}]

    def filter_choices(db: sqlite_utils.Database) -> dict[str, list[str]]:
        if time.monotonic() - cached_choices[0] > CHOICES_TTL_S:
            cached_choices[:] = [time.monotonic(), queries.choices(db)]
        return cached_choices[1]

    def render(request: Request, name: str, context: dict, status_code: int = 200) -> Response:
        context = {"csrf": csrf, "reviewer": reviewer_of(request), **context}
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    # Endpoints that use the store are plain functions: Starlette runs them in its thread pool, so a
    # write waiting for the lock never stalls the event loop (nor the static files it serves).
    def queue(request: Request) -> Response:
        db = connections.get()
        f = forms.QueueFilter.from_params(request.query_params)
        result = queries.queue_page(db, f, page_number(request.query_params.get("page", "1")))
        return render(request, "queue.html", {
            "f": f, "result": result, "choices": filter_choices(db), "counts": queries.status_counts(db),
            "done": request.query_params.get("done"), "last": request.query_params.get("last")})

    def event_context(db: sqlite_utils.Database, event: dict, f: forms.QueueFilter) -> dict:
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
        db = connections.get()
        event = store.get_event(db, request.path_params["event_id"])
        if event is None:
            return PlainTextResponse("No such event", status_code=404)
        f = forms.QueueFilter.from_params(request.query_params)
        return render(request, "event.html", {
            **event_context(db, event, f), "values": forms.form_values(event), "errors": {},
            "done": request.query_params.get("done"), "last": request.query_params.get("last")})

    async def decide(request: Request) -> Response:
        return await run_in_threadpool(apply_decision, request, await request.form())

    def apply_decision(request: Request, form) -> Response:
        if not security.same_secret(str(form.get("csrf") or ""), csrf):
            return PlainTextResponse("Form expired or forged (CSRF check failed): reload the page", status_code=403)
        db = connections.get()
        event_id = request.path_params["event_id"]
        event = store.get_event(db, event_id)
        if event is None:
            return PlainTextResponse("No such event", status_code=404)
        action = str(form.get("action") or "")
        if action not in DECISIONS:
            return PlainTextResponse("Unknown action", status_code=400)
        f = forms.QueueFilter.from_params(request.query_params)
        parsed = forms.parse_changes(form, event) if action in ("approve", "edit") else forms.Parsed()
        if parsed.errors:
            values = {**forms.form_values(event), **{k: form.get(k) for k in store.EDITABLE_FIELDS if k in form},
                      "topics": [t for t in form.getlist("topics") if t]}
            return render(request, "event.html", {**event_context(db, event, f), "values": values,
                                                  "errors": parsed.errors, "done": None, "last": None},
                          status_code=400)
        params = f.params()
        if action == "edit" and not parsed.changes:  # nothing to log: saving an untouched form
            return RedirectResponse(f"/event/{quote(event_id, safe='')}?{urlencode(params | {'done': 'same'})}",
                                    status_code=303)
        if action == "undo":
            try:
                edits.undo(db, event_id, reviewer_of(request))
            except store.StoreError as exc:
                return PlainTextResponse(str(exc), status_code=400)
            return to_event(event_id, params | {"done": "undo"})
        following = queries.neighbour(db, f, event_id, 1)
        store.review_event(db, event_id, reviewer_of(request), action, parsed.changes)
        if action in ("approve", "reject"):
            params |= {"done": action, "last": event_id}
            target = f"/event/{quote(following, safe='')}" if following else "/"
        else:  # an edit can be undone from the page it leads to
            params |= {"done": action, **({"last": event_id} if action == "edit" else {})}
            target = f"/event/{quote(event_id, safe='')}"
        return RedirectResponse(f"{target}?{urlencode(params)}", status_code=303)

    def to_event(event_id: str, params: dict) -> Response:
        return RedirectResponse(f"/event/{quote(event_id, safe='')}?{urlencode(params)}", status_code=303)

    def posted(handler):
        """Return an endpoint that reads the form, checks its CSRF token and runs the handler in the thread pool."""
        async def endpoint(request: Request) -> Response:
            form = await request.form()
            if not security.same_secret(str(form.get("csrf") or ""), csrf):
                return PlainTextResponse(CSRF_FAILED, status_code=403)
            return await run_in_threadpool(handler, request, form)
        return endpoint

    def missed_page(request: Request) -> Response:
        rows = missed.ranked(queries.articles_without_events(connections.get()))
        return render(request, "missed.html", {"rows": rows[:MISSED_SHOWN], "total": len(rows)})

    def article_context(db: sqlite_utils.Database, article: dict) -> dict:
        found = missed.candidates(article.get("text") or "", article.get("lang"), article.get("published"))
        spans = [highlight.Span("candidate", c.start, c.end) for c in found]
        return {"article": article, "candidates": found, "link": safe_url(article.get("url")),
                "marked": highlight.marked_text(article.get("text") or "", spans, {"candidate": "кандидат"}),
                "events": [store.get_event(db, i) for i in store.article_event_ids(db, article["id"])]}

    def article_page(request: Request) -> Response:
        db = connections.get()
        article = store.get_article(db, request.path_params["article_id"])
        if article is None:
            return PlainTextResponse("No such article", status_code=404)
        return render(request, "article.html", {**article_context(db, article), "values": forms.form_values({}),
                                                "errors": {}})

    def add_event(request: Request, form) -> Response:
        db = connections.get()
        article = store.get_article(db, request.path_params["article_id"])
        if article is None:
            return PlainTextResponse("No such article", status_code=404)
        parsed = forms.parse_changes(form, {})
        errors = parsed.errors | ({} if parsed.changes.get("event_type") else {"event_type": "оберіть тип події"})
        if errors:
            values = {**forms.form_values({}), **{k: form.get(k) for k in store.EDITABLE_FIELDS if k in form},
                      "topics": [t for t in form.getlist("topics") if t]}
            return render(request, "article.html", {**article_context(db, article), "values": values,
                                                    "errors": errors}, status_code=400)
        event_id = edits.add_event(db, article["id"], parsed.changes, reviewer_of(request))
        return to_event(event_id, {"done": "add"})

    def split_event(request: Request, form) -> Response:
        event_id = request.path_params["event_id"]
        try:
            new_id = edits.split_event(connections.get(), event_id, reviewer_of(request),
                                       str(form.get("article_id") or "") or None)
        except store.StoreError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        return to_event(new_id, {"done": "split", "last": event_id})

    def merge_page(request: Request) -> Response:
        try:
            keep, other, verdict = edits.merge_verdict(connections.get(), request.path_params["event_id"],
                                                       request.query_params.get("other", "").strip())
        except store.StoreError as exc:
            return PlainTextResponse(str(exc), status_code=404)
        return render(request, "merge.html", {"keep": keep, "other": other, "verdict": verdict})

    def merge_events(request: Request, form) -> Response:
        event_id = request.path_params["event_id"]
        try:
            edits.merge_events(connections.get(), event_id, str(form.get("other") or ""), reviewer_of(request))
        except store.StoreError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        return to_event(event_id, {"done": "merge"})

    def coverage(request: Request) -> Response:
        data = queries.coverage(connections.get())
        topics = topic_labels()
        regions = [(r, n) for r, n in data["region"] if r]
        unknown = sum(n for r, n in data["region"] if not r)  # counted apart: never the biggest bar
        chart_list = [  # months: the time axis of _coverage_hromadas.html
            charts.bar_chart("За областями" + (f" (без області: {unknown})" if unknown else ""), regions),
            charts.bar_chart("За темами", data["topic"], topics),
            charts.bar_chart("За партнерами та донорами", coverage_view.by_body(data["partner"])),
            charts.bar_chart("За організаторами", coverage_view.by_body(data["organizer"])),
        ]
        total = sum(n for _, n in data["region"])
        return render(request, "coverage.html", {"charts": chart_list, "total": total,
                                                 **coverage_view.page(connections.get(), request.query_params)})

    async def set_reviewer(request: Request) -> Response:
        form = await request.form()
        if not security.same_secret(str(form.get("csrf") or ""), csrf):
            return PlainTextResponse("Form expired or forged (CSRF check failed): reload the page", status_code=403)
        response = RedirectResponse(local_path(str(form.get("back") or "")), status_code=303)
        name = clean_name(str(form.get("name") or ""))
        if name:
            response.set_cookie(REVIEWER_COOKIE, quote(name, safe=""), max_age=365 * 86400, httponly=True,
                                samesite="strict")
        else:
            response.delete_cookie(REVIEWER_COOKIE)
        return response

    routes = [
        Route("/", queue),
        Route("/event/{event_id:str}", event_page, methods=["GET"]),
        Route("/event/{event_id:str}", decide, methods=["POST"]),
        Route("/coverage", coverage),
        Route("/reviewer", set_reviewer, methods=["POST"]),
        Route("/missed", missed_page),
        Route("/article/{article_id:str}", article_page, methods=["GET"]),
        Route("/article/{article_id:str}/add", posted(add_event), methods=["POST"]),
        Route("/event/{event_id:str}/split", posted(split_event), methods=["POST"]),
        Route("/event/{event_id:str}/merge", merge_page, methods=["GET"]),
        Route("/event/{event_id:str}/merge", posted(merge_events), methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]

    def record_write(scope, status: int) -> None:
        request = Request(scope)
        store.log_access(connections.get(), reviewer_of(request), security.token_name(token), request.method,
                         request.url.path, status)

    middleware = [Middleware(security.SecurityHeaders)]
    if token:
        middleware.append(Middleware(security.TokenGate, token=token))
    else:
        # Without a token the app is only for this machine: refuse other Host names (DNS rebinding).
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost"]))
    middleware.append(Middleware(security.AccessLog, record=record_write))
    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={sqlite3.DatabaseError: store_fault_page, store.StoreError: store_fault_page})


def review_url(host: str, port: int, token: str | None) -> str:
    """Return the address a reviewer opens: the app's root, carrying the access token."""
    name = f"[{host}]" if ":" in host else host
    return f"http://{name}:{port}/" + (f"?token={quote(token, safe='')}" if token else "")


def listen(host: str, port: int) -> socket.socket:
    """Open the listening socket (port 0: any free one), or raise ValueError in one line."""
    try:  # a taken port or an unknown address: one line here, instead of uvicorn's start-up log and exit 3
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        reason = os.strerror(exc.errno) if isinstance(exc.errno, int) and exc.errno > 0 else exc.strerror or exc
        raise ValueError(f"cannot listen on {host}:{port}: {reason}") from None


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          no_token: bool = False) -> None:
    """Run the review app with uvicorn until interrupted, printing the one address to open.

    Every start makes a random access token unless one is given; `no_token` (for tests) serves
    this machine without one. Binding beyond this machine always needs a token.
    """
    if no_token and not security.is_loopback(host):
        raise ValueError(f"binding to {host} exposes the review app to the network: it needs an access token")
    if no_token:
        print("warning: --no-token: any program on this machine can read and change the events", file=sys.stderr)
        token = None
    else:
        token = security.checked_token(token) if token else security.new_secret()
    sock = listen(host, port)
    print(f"review: {review_url(host, sock.getsockname()[1], token)}", flush=True)
    config = uvicorn.Config(create_app(Path(db_path), token), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
