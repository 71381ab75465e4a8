"""The review web app: a queue of extracted events, one page per event to check and decide, coverage charts.

Server-rendered Starlette + Jinja2 over the store; every write goes through the store (store.review_event
and review/edits.py). This module assembles the app: the route table (its endpoints live in browse.py,
event_pages.py and article_pages.py, what they share in web.py), the guards and the error page; and serves it.
"""
from __future__ import annotations

import os
import socket
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from extractor import faults, store
from extractor.review import article_pages, browse, event_pages, security
from extractor.review.web import HERE, Connections, ReviewState, environment, posted, set_reviewer

# GET pages answer as they are; every POST is CSRF-checked by web.posted (or set_reviewer itself).
ROUTES = [
    # overviews
    Route("/", browse.queue),
    Route("/missed", browse.missed_page),
    Route("/coverage", browse.coverage),
    # one event: its page, decisions and edits, split and merge
    Route("/event/{event_id:str}", event_pages.event_page, methods=["GET"]),
    Route("/event/{event_id:str}", posted(event_pages.decide), methods=["POST"]),
    Route("/event/{event_id:str}/split", posted(event_pages.split_event), methods=["POST"]),
    Route("/event/{event_id:str}/merge", event_pages.merge_page, methods=["GET"]),
    Route("/event/{event_id:str}/merge", posted(event_pages.merge_events), methods=["POST"]),
    # an article with no event, and adding one
    Route("/article/{article_id:str}", article_pages.article_page, methods=["GET"]),
    Route("/article/{article_id:str}/add", posted(article_pages.add_event), methods=["POST"]),
    # the reviewer's name, from every page's header
    Route("/reviewer", set_reviewer, methods=["POST"]),
    Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
]


def store_fault_page(request: Request, exc: Exception) -> Response:
    """Answer a store that cannot be read or written with a page saying so (503), not a bare 500."""
    if isinstance(exc, sqlite3.DatabaseError) and not faults.is_store_fault(exc):
        raise exc  # IntegrityError, ProgrammingError...: a bug to see
    reason = faults.describe(exc).message if isinstance(exc, sqlite3.DatabaseError) else str(exc)
    return PlainTextResponse(f"The event store cannot be used now: {reason}.", status_code=503)


def guards(state: ReviewState) -> list[Middleware]:
    """Return the middleware: security headers, the access token (or, without one, local host names), the write log."""
    middleware = [Middleware(security.SecurityHeaders)]
    if state.token:
        middleware.append(Middleware(security.TokenGate, token=state.token))
    else:
        # Without a token the app is only for this machine: refuse other Host names (DNS rebinding).
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost"]))
    middleware.append(Middleware(security.AccessLog, record=state.log_write))
    return middleware


def create_app(db_path: Path, token: str | None = None) -> Starlette:
    """Build the review app over a store; with a token (as `serve` always has), every request must carry it."""
    state = ReviewState(Connections(Path(db_path)), Jinja2Templates(env=environment()), security.new_secret(), token)
    app = Starlette(routes=ROUTES, middleware=guards(state),
                    exception_handlers={sqlite3.DatabaseError: store_fault_page, store.StoreError: store_fault_page})
    app.state.review = state  # endpoints reach it as request.app.state.review (web.state_of)
    return app


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
