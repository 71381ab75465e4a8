"""What every page of the review app shares: the app's state, rendering, the reviewer, CSRF-checked forms.

The state lives on the Starlette app (`app.state.review`, as Starlette's docs advise for shared
resources) and endpoints reach it through `state_of(request)`: endpoints are plain module functions.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlencode, urlsplit

import jinja2
import sqlite_utils
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates
from starlette.types import Scope

from extractor import store
from extractor.coverage import topic_labels
from extractor.review import forms, security
from extractor.review.decisions import clean_name, default_reviewer
from extractor.scope import in_scope
from extractor.store import queue as queries

HERE = Path(__file__).parent
REVIEWER_COOKIE = "reviewer"
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


@dataclass
class ReviewState:
    """One app's resources: store connections, templates, its CSRF secret, access token and cached filter choices."""

    connections: Connections
    templates: Jinja2Templates
    csrf: str
    token: str | None
    choices_at: float = float("-inf")
    choices: dict[str, list[str]] | None = None

    def db(self) -> sqlite_utils.Database:
        """Return the store connection of the calling thread."""
        return self.connections.get()

    def filter_choices(self, db: sqlite_utils.Database) -> dict[str, list[str]]:
        """Return the queue's filter choices, scanned again at most every CHOICES_TTL_S seconds."""
        if self.choices is None or time.monotonic() - self.choices_at > CHOICES_TTL_S:
            self.choices_at, self.choices = time.monotonic(), queries.choices(db)
        return self.choices

    def render(self, request: Request, name: str, context: dict, status_code: int = 200) -> Response:
        """Render a template with what every page's header needs: the CSRF token and the reviewer."""
        context = {"csrf": self.csrf, "reviewer": reviewer_of(request), **context}
        return self.templates.TemplateResponse(request, name, context, status_code=status_code)

    def log_write(self, scope: Scope, status: int) -> None:
        """Record a write request in the store's access log (security.AccessLog calls this)."""
        request = Request(scope)
        store.log_access(self.db(), reviewer_of(request), security.token_name(self.token), request.method,
                         request.url.path, status)


def state_of(request: Request) -> ReviewState:
    """Return the state of the app serving this request."""
    return request.app.state.review


def found(record: dict | None, what: str) -> dict:
    """Return the record a page's path names, or end the request with 404 "No such <what>" (Starlette's answer)."""
    if record is None:
        raise HTTPException(404, f"No such {what}")
    return record

def safe_url(url: object) -> str | None:
    """Return a source URL fit for a link (http or https only), else None."""
    text = str(url or "")
    return text if urlsplit(text).scheme.lower() in ("http", "https") else None


def as_text(value: object) -> str:
    """Return a field value as a reviewer reads it: lists joined, booleans in words."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "так" if value else "ні"
    return "—" if value is None else str(value)


def environment() -> jinja2.Environment:
    """Return the templates' Jinja2 environment: autoescaped, strict, with the app's filters and vocabularies."""
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


def page_number(text: str) -> int:
    """Return the queue page asked for, or the first page when the text is no page number."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= MAX_PAGE_DIGITS else 1


def local_path(target: str | None) -> str:
    """Return a redirect target only when it stays on this site (a path), else the queue."""
    target = target or "/"
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"


def to_event(event_id: str, params: dict) -> Response:
    """Redirect (303, after a POST) to an event's page with these query parameters."""
    return RedirectResponse(f"/event/{quote(event_id, safe='')}?{urlencode(params)}", status_code=303)


def csrf_refusal(request: Request, form: FormData) -> Response | None:
    """Return the 403 answer when the form lacks this app's CSRF token, else None."""
    if security.same_secret(str(form.get("csrf") or ""), state_of(request).csrf):
        return None
    return PlainTextResponse(CSRF_FAILED, status_code=403)


def posted(handler: Callable[[Request, FormData], Response]) -> Callable:
    """Return a POST endpoint that reads the form, checks its CSRF token and runs the handler in the thread pool.

    Reading the form is async, so the wrapper is; the handler stays a plain function because it uses
    the store: a write waiting for the store's lock then never stalls the event loop (nor static files).
    """
    async def endpoint(request: Request) -> Response:
        form = await request.form()
        refusal = csrf_refusal(request, form)
        return refusal if refusal is not None else await run_in_threadpool(handler, request, form)
    endpoint.__name__ = handler.__name__
    return endpoint


def reviewer_of(request: Request) -> str:
    """Return the reviewer name kept in the cookie, else the OS user."""
    return clean_name(unquote(request.cookies.get(REVIEWER_COOKIE, ""))) or default_reviewer()


async def set_reviewer(request: Request) -> Response:
    """Keep the name typed in the page header in a cookie (an empty name forgets it), then go back.

    It never uses the store, so it runs on the event loop (async), unlike the pages' endpoints.
    """
    form = await request.form()
    refusal = csrf_refusal(request, form)
    if refusal is not None:
        return refusal
    response = RedirectResponse(local_path(str(form.get("back") or "")), status_code=303)
    name = clean_name(str(form.get("name") or ""))
    if name:
        response.set_cookie(REVIEWER_COOKIE, quote(name, safe=""), max_age=365 * 86400, httponly=True,
                            samesite="strict")
    else:
        response.delete_cookie(REVIEWER_COOKIE)
    return response
