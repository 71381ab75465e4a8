"""Push reviewed events to the registry's HTTP API through an outbox, so each event version is delivered once.

The outbox (a table in the store's file) gets one row per event version the registry must hear
about, keyed `{event_id}:{version}`, before anything is sent: an approved version (op create or
update), or a withdrawal when an event the registry may hold is no longer approved. Each row is
checked against the event's current state again right before it is sent, so a version that was
rejected or edited meanwhile is never delivered. A row becomes `sent` only after the registry
acknowledged it; a process killed at any moment leaves rows `pending` (sent again on the next
run under the same per-event keys, whatever the batch size) or `sent`, never lost.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass

import httpx
import sqlite_utils

from extractor import store
from extractor.export import registry_row
from extractor.scope import in_scope
from extractor.store import outbox
from extractor.store.outbox import WITHDRAW, ensure_outbox

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

    enqueued: int = 0    # new outbox rows (event versions, or withdrawals, not seen before)
    sent: int = 0        # rows the registry acknowledged with 2xx
    duplicates: int = 0  # rows the registry already had (listed as duplicates, or a 409)
    failed: int = 0      # rows the registry refused (400/422); a later correction is sent anew
    superseded: int = 0  # rows found out of date when their turn came (rejected or edited meanwhile)
    pending: int = 0     # rows left for a later run
    batches: int = 0     # POST requests answered 2xx or 409
    retries: int = 0     # requests repeated after a 5xx, timeout or dropped connection


def idempotency_key(event_id: str, version: int) -> str:
    """Return the key of one event version: the same version is never applied twice."""
    return f"{event_id}:{version}"


def event_payload(event: dict, op: str) -> dict:
    """Return the JSON object the registry receives for one approved event version."""
    row = registry_row(event)
    del row["event_id"]
    return {"id": event["id"], "version": int(event["version"]),
            "idempotency_key": idempotency_key(event["id"], event["version"]), "op": op} | row


def withdrawal_payload(event_id: str, version: int, review_status: str | None) -> dict:
    """Return the JSON object that tells the registry to drop an event it may hold."""
    return {"id": event_id, "version": version, "idempotency_key": idempotency_key(event_id, version),
            "op": WITHDRAW, "review_status": review_status}


def wanted_row(db: sqlite_utils.Database, event_id: str, everything: bool = False) -> dict | None:
    """Return the outbox row the event's current state calls for (without state), or None when none is due.

    Approved: its current version, as an update when the registry may hold an earlier one. Not
    approved (rejected, back to pending, or gone) or out of the registry's scope (unless
    `everything`): a withdrawal, when the registry may hold a version of it and was not told to
    withdraw it since.
    """
    event = store.get_event(db, event_id)
    last = outbox.last_delivered(db, event_id)
    held = last is not None and last[0] != WITHDRAW
    if event is not None and event["review_status"] == "approved" and (everything or in_scope(event)):
        op = "update" if last is not None else "create"
        version, payload = event["version"], event_payload(event, op)
    elif held:
        version = event["version"] if event is not None else last[1] + 1
        op, payload = WITHDRAW, withdrawal_payload(event_id, version, event and event["review_status"])
    else:
        return None
    return {"idempotency_key": idempotency_key(event_id, version), "event_id": event_id, "version": version,
            "op": op, "payload": json.dumps(payload, ensure_ascii=False)}


def refresh(db: sqlite_utils.Database, event_id: str, everything: bool = False) -> bool:
    """Bring one event's outbox rows up to its current state; return whether a row was added.

    Waiting rows of other versions are `superseded`: the newest state carries all their changes.
    """
    with store.transaction(db):
        return outbox.queue_row(db, event_id, wanted_row(db, event_id, everything))


def enqueue(db: sqlite_utils.Database, everything: bool = False) -> int:
    """Bring the outbox up to the store: a row for every approved version and due withdrawal; return how many."""
    ensure_outbox(db)
    return sum(refresh(db, event_id, everything) for event_id in outbox.stale_event_ids(db))


def outbox_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Return how many outbox rows are in each state."""
    ensure_outbox(db)
    return outbox.state_counts(db)


def push(db: sqlite_utils.Database, url: str, token: str | None = None, batch_size: int = 50,
         max_retries: int = 5, timeout: float = 10.0, backoff: float = 0.5, everything: bool = False) -> PushSummary:
    """Enqueue new versions and withdrawals, then POST pending outbox rows that are still current to `url` in batches.

    Retries a batch up to `max_retries` times on 5xx/408/425/429, timeouts and dropped
    connections, waiting `backoff * 2**attempt` seconds; raises RegistryError on any other
    4xx and when retries run out. 409 means the registry already had every event version of the batch.
    Only events in the registry's scope are sent unless `everything`.
    """
    _check_url(url)
    _check_token(token)
    summary = PushSummary(enqueued=enqueue(db, everything))
    headers = {"User-Agent": "extractor-registry-push"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        with httpx.Client(timeout=timeout, headers=headers) as client:
            while rows := outbox.pending_rows(db, max(1, batch_size)):
                current = _current(db, rows, summary, everything)
                if current:
                    _send(db, client, url, current, summary, max_retries, backoff)
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


def _current(db: sqlite_utils.Database, rows: list[dict], summary: PushSummary, everything: bool = False) -> list[dict]:
    """Return the rows that still match their event's state; bring the outbox up to date for the others.

    A reviewer may have rejected or edited an event since its row was queued (or since a push
    that failed): that row is superseded, and a withdrawal or the new version is queued instead.
    """
    current = []
    for row in rows:
        wanted = wanted_row(db, row["event_id"], everything)
        if wanted is not None and wanted["idempotency_key"] == row["idempotency_key"]:
            current.append(row)
        else:
            summary.superseded += 1
            summary.enqueued += refresh(db, row["event_id"], everything)
    return current


def _send(db: sqlite_utils.Database, client: httpx.Client, url: str, rows: list[dict], summary: PushSummary,
          max_retries: int, backoff: float) -> None:
    """Deliver one batch, retrying transient failures; mark its rows sent or failed, or raise."""
    keys = [r["idempotency_key"] for r in rows]
    body = {"events": [json.loads(r["payload"]) for r in rows]}
    for attempt in range(max(0, max_retries) + 1):
        delay = backoff * 2 ** attempt
        try:
            response = client.post(url, json=body)
        except httpx.UnsupportedProtocol as exc:
            raise RegistryError(f"cannot reach the registry at {url}: {exc}") from None
        except httpx.TransportError as exc:
            error = " ".join(f"{type(exc).__name__}: {exc}".split()).rstrip(":")
        else:
            status = response.status_code
            if response.is_success or status == 409:
                outbox.mark_attempt(db, keys, "sent", None)
                summary.batches += 1
                known = len(keys) if status == 409 else len(_listed_duplicates(response) & set(keys))
                summary.duplicates += known
                summary.sent += len(keys) - known
                return
            error = f"HTTP {status} {response.reason_phrase}: {_first_line(response.text)}".rstrip(": ")
            if status not in RETRY_STATUSES and status < 500:
                refused = status in REFUSED_STATUSES
                outbox.mark_attempt(db, keys, "failed" if refused else "pending", error)
                summary.failed += len(keys) if refused else 0
                what = "refused the batch (rows marked failed)" if refused else "rejected the request"
                raise RegistryError(f"registry {what}: {error}")
            delay = max(delay, _retry_after(response))
        outbox.mark_attempt(db, keys, "pending", error)
        if attempt < max_retries:
            summary.retries += 1
            time.sleep(min(max(0.0, delay), MAX_DELAY_S))
    raise RegistryError(f"registry unavailable after {max(0, max_retries) + 1} attempts: {error}")


def _listed_duplicates(response: httpx.Response) -> set[str]:
    """Return the keys a 2xx answer lists as already applied (`{"duplicates": [...]}`), if it lists any."""
    try:
        listed = response.json().get("duplicates")
    except (ValueError, AttributeError):
        return set()
    return {k for k in listed if isinstance(k, str)} if isinstance(listed, list) else set()


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
