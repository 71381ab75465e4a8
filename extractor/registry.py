"""Push approved events to the registry's HTTP API through an outbox, so each version is delivered once.

The outbox (a table in the store's file) gets one row per approved event version, keyed
`{event_id}:{version}`, before anything is sent; a row becomes `sent` only after the
registry acknowledged it. A process killed at any moment therefore leaves rows `pending`
(sent again on the next run, under the same Idempotency-Key) or `sent`, never lost.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass

import httpx
import sqlite_utils

from extractor import store
from extractor.export import registry_row

OUTBOX = "outbox"
# Statuses worth trying again: the registry is busy, restarting or asks us to slow down.
RETRY_STATUSES = frozenset({408, 425, 429})
# Statuses meaning the registry refused these events' content: resending them unchanged is useless.
REFUSED_STATUSES = frozenset({400, 422})
MAX_DELAY_S = 60.0


class RegistryError(Exception):
    """The registry cannot take the events now; the message is one line for the operator."""

    summary: PushSummary | None = None  # what the push did before it stopped


@dataclass
class PushSummary:
    """What one push did."""

    enqueued: int = 0    # new outbox rows (approved event versions not seen before)
    sent: int = 0        # rows the registry acknowledged with 2xx
    duplicates: int = 0  # rows the registry already had (409 for their Idempotency-Key)
    failed: int = 0      # rows the registry refused (400/422); a later correction is sent anew
    pending: int = 0     # rows left for a later run
    batches: int = 0     # POST requests answered 2xx or 409
    retries: int = 0     # requests repeated after a 5xx, timeout or dropped connection


def ensure_outbox(db: sqlite_utils.Database) -> None:
    """Create the outbox table and its index if the store has none yet."""
    with store.transaction(db):
        _create_outbox(db)


def _create_outbox(db: sqlite_utils.Database) -> None:
    db.table(OUTBOX).create({
        "idempotency_key": str, "event_id": str, "version": int, "payload": str, "state": str,
        "attempts": int, "last_error": str, "created_at": str, "sent_at": str,
    }, pk="idempotency_key", if_not_exists=True, defaults={"state": "pending", "attempts": 0})
    db.execute(f"create index if not exists outbox_state on {OUTBOX}(state, created_at)")
    db.execute(f"create index if not exists outbox_event on {OUTBOX}(event_id, state)")


def idempotency_key(event_id: str, version: int) -> str:
    """Return the key of one event version: the same version is never delivered twice."""
    return f"{event_id}:{version}"


def event_payload(event: dict, op: str) -> dict:
    """Return the JSON object the registry receives for one event version."""
    row = registry_row(event)
    del row["event_id"]
    return {"id": event["id"], "version": int(event["version"]), "op": op} | row


def enqueue(db: sqlite_utils.Database) -> int:
    """Add an outbox row for every approved event whose current version has none; return how many.

    An event the registry already acknowledged goes out as an update; older versions still
    waiting are marked `superseded`, since the newest version carries all of their changes.
    """
    ensure_outbox(db)
    known = {row[0] for row in db.execute(f"select idempotency_key from {OUTBOX}").fetchall()}
    added = 0
    for listed in store.list_events(db, "approved"):
        if idempotency_key(listed["id"], listed["version"]) in known:
            continue
        with store.transaction(db):
            # Re-read inside the transaction: a reviewer may have changed it since the listing.
            event = store.get_event(db, listed["id"])
            if event is None or event["review_status"] != "approved":
                continue
            key = idempotency_key(event["id"], event["version"])
            if db.execute(f"select 1 from {OUTBOX} where idempotency_key = ?", [key]).fetchone():
                continue
            delivered = db.execute(f"select 1 from {OUTBOX} where event_id = ? and state = 'sent'",
                                   [event["id"]]).fetchone()
            db.execute(f"update {OUTBOX} set state = 'superseded' where event_id = ? and state = 'pending'",
                       [event["id"]])
            payload = event_payload(event, "update" if delivered else "create")
            db.table(OUTBOX).insert({
                "idempotency_key": key, "event_id": event["id"], "version": event["version"],
                "payload": json.dumps(payload, ensure_ascii=False), "state": "pending", "attempts": 0,
                "created_at": store.now(),
            })
        added += 1
    return added


def outbox_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Return how many outbox rows are in each state."""
    ensure_outbox(db)
    return dict(db.execute(f"select state, count(*) from {OUTBOX} group by state").fetchall())


def batch_key(keys: list[str]) -> str:
    """Return the Idempotency-Key of a batch: the same rows always give the same key."""
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:32]


def push(db: sqlite_utils.Database, url: str, token: str | None = None, batch_size: int = 50,
         max_retries: int = 5, timeout: float = 10.0, backoff: float = 0.5) -> PushSummary:
    """Enqueue new approved versions, then POST pending outbox rows to `url` in batches.

    Retries a batch up to `max_retries` times on 5xx/408/425/429, timeouts and dropped
    connections, waiting `backoff * 2**attempt` seconds; raises RegistryError on any other
    4xx and when retries run out. 409 means the registry already has the batch's key.
    """
    _check_url(url)
    _check_token(token)
    summary = PushSummary(enqueued=enqueue(db))
    headers = {"User-Agent": "extractor-registry-push"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        with httpx.Client(timeout=timeout, headers=headers) as client:
            while rows := _pending(db, max(1, batch_size)):
                _send(db, client, url, rows, summary, max_retries, backoff)
    except RegistryError as exc:
        exc.summary = summary
        raise
    finally:
        summary.pending = outbox_counts(db).get("pending", 0)
    return summary


def _check_url(url: str) -> None:
    """Refuse a URL that is not http(s) before anything is queued or sent."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise RegistryError(f"invalid registry URL '{url}': {exc}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise RegistryError(f"invalid registry URL '{url}': expected http(s)://host/...")


def _check_token(token: str | None) -> None:
    """Refuse a token that cannot travel in an HTTP header."""
    if token and not (token.isascii() and token.isprintable() and " " not in token):
        raise RegistryError("the registry token must be printable ASCII without spaces")


def _pending(db: sqlite_utils.Database, limit: int) -> list[dict]:
    """Return the oldest pending rows, in a stable order so a resumed push rebuilds the same batch."""
    return db.execute_returning_dicts(
        f"select * from {OUTBOX} where state = 'pending' order by created_at, event_id, version limit ?", [limit])


def _send(db: sqlite_utils.Database, client: httpx.Client, url: str, rows: list[dict], summary: PushSummary,
          max_retries: int, backoff: float) -> None:
    """Deliver one batch, retrying transient failures; mark its rows sent or failed, or raise."""
    keys = [r["idempotency_key"] for r in rows]
    body = {"events": [json.loads(r["payload"]) for r in rows]}
    headers = {"Idempotency-Key": batch_key(keys)}
    for attempt in range(max(0, max_retries) + 1):
        delay = backoff * 2 ** attempt
        try:
            response = client.post(url, json=body, headers=headers)
        except httpx.UnsupportedProtocol as exc:
            raise RegistryError(f"cannot reach the registry at {url}: {exc}") from None
        except httpx.TransportError as exc:
            error = " ".join(f"{type(exc).__name__}: {exc}".split()).rstrip(":")
        else:
            status = response.status_code
            if response.is_success or status == 409:
                _mark(db, keys, "sent", None)
                summary.batches += 1
                if status == 409:
                    summary.duplicates += len(keys)
                else:
                    summary.sent += len(keys)
                return
            error = f"HTTP {status} {response.reason_phrase}: {_first_line(response.text)}".rstrip(": ")
            if status not in RETRY_STATUSES and status < 500:
                refused = status in REFUSED_STATUSES
                _mark(db, keys, "failed" if refused else "pending", error)
                summary.failed += len(keys) if refused else 0
                what = "refused the batch (rows marked failed)" if refused else "rejected the request"
                raise RegistryError(f"registry {what}: {error}")
            delay = max(delay, _retry_after(response))
        _mark(db, keys, "pending", error)
        if attempt < max_retries:
            summary.retries += 1
            time.sleep(min(max(0.0, delay), MAX_DELAY_S))
    raise RegistryError(f"registry unavailable after {max(0, max_retries) + 1} attempts: {error}")


def _mark(db: sqlite_utils.Database, keys: list[str], state: str, error: str | None) -> None:
    """Record one attempt on the rows of a batch, in one transaction."""
    marks = ",".join("?" * len(keys))
    sent_at = store.now() if state == "sent" else None
    # An acknowledged row is sent whatever happened meanwhile; otherwise a row another
    # process superseded during the attempt stays superseded.
    only = "" if state == "sent" else " and state = 'pending'"
    with store.transaction(db):
        db.execute(f"update {OUTBOX} set state = ?, attempts = attempts + 1, last_error = ?, "
                   f"sent_at = coalesce(?, sent_at) where idempotency_key in ({marks}){only}",
                   [state, error, sent_at, *keys])


def _first_line(text: str) -> str:
    """Return the first line of a response body, shortened for a one-line message."""
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line[:200]


def _retry_after(response: httpx.Response) -> float:
    """Return the delay a Retry-After header asks for in seconds (0 when absent or a date)."""
    try:
        return max(0.0, float(response.headers.get("retry-after", "0")))
    except ValueError:
        return 0.0
