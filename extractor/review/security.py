"""Guards of the review app: access token, CSRF token, trusted hosts and browser security headers."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_COOKIE = "review_token"
TOKEN_HEADER = "x-review-token"
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
MIN_TOKEN = 16  # a given access token shorter than this is refused: it could be guessed
# Scraped text is shown in these pages: allow nothing but our own files, and no inline script.
HEADERS = [
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                 b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def is_loopback(host: str) -> bool:
    """Tell whether binding to this host keeps the app on this machine."""
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def same_secret(given: str | None, expected: str) -> bool:
    """Compare a submitted secret with the expected one in constant time."""
    return bool(given) and hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def new_secret() -> str:
    """Return a fresh random secret (the access token of a start, the CSRF token of this process)."""
    return secrets.token_urlsafe(32)


def checked_token(token: str) -> str:
    """Return a given access token, or raise ValueError when it is too short to be safe."""
    if len(token) < MIN_TOKEN:
        raise ValueError(f"the access token must be at least {MIN_TOKEN} characters (it has {len(token)})")
    return token


def token_name(token: str | None) -> str:
    """Return the name a token is logged under: a fingerprint that does not reveal it."""
    return f"token:{hashlib.sha256(token.encode()).hexdigest()[:8]}" if token else "no-token"


class TokenGate:
    """Let a request through only with the access token (header, cookie, or ?token= which sets the cookie)."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        bearer = headers.get("authorization", "").removeprefix("Bearer ").strip()
        cookie = cookie_parser(headers.get("cookie", "")).get(TOKEN_COOKIE)
        given = [bearer, headers.get(TOKEN_HEADER), cookie]
        if any(same_secret(g, self.token) for g in given):
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        if any(k == "token" and same_secret(v, self.token) for k, v in query):
            # Move the token from the address into a cookie, so it leaves the history and the screen.
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            response = RedirectResponse(scope["path"] + (f"?{rest}" if rest else ""), status_code=303)
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
        else:
            # No data of the store in a refusal: only what to do.
            response = PlainTextResponse("Access token required: open the address that `extractor review` printed",
                                         status_code=401)
        await response(scope, receive, send)


class AccessLog:
    """Record every write request that got past the token gate (who, which token, when, the answer).

    The record is written before the answer leaves, so whoever sees the answer finds it logged.
    """

    def __init__(self, app: ASGIApp, record: Callable[[Scope, int], None]) -> None:
        self.app = app
        self.record = record

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return

        async def send_after_logging(message: Message) -> None:
            if message["type"] == "http.response.start":
                await run_in_threadpool(self.record, scope, message["status"])
            await send(message)
        await self.app(scope, receive, send_after_logging)


class SecurityHeaders:
    """Add the content security policy and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)
        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)
