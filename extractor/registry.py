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

OUTBOX = "outbox"
WITHDRAW = "withdraw"
# Statuses worth trying again: the registry is busy, restarting or asks us to slow down.
RETRY_STATUSES = frozenset({408, 425, 429})
# Statuses meaning the registry refused these events' content: resending them unchanged is useless.
REFUSED_STATUSES = frozenset({400, 422})
MAX_DELAY_S = 60.0
# Rows the registry may hold: acknowledged, or sent at least once without an answer (it may have applied them).
MAYBE_DELIVERED = "(state = 'sent' or (attempts > 0 and state != 'failed'))"


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


def ensure_outbox(db: sqlite_utils.Database) -> None:
    """Create the outbox table and its indexes if the store has none yet (and the `op` column of older ones)."""
    with store.transaction(db):
        _create_outbox(db)


def _create_outbox(db: sqlite_utils.Database) -> None:
    table = db.table(OUTBOX)
    table.create({
        "idempotency_key": str, "event_id": str, "version": int, "op": str, "payload": str, "state": str,
        "attempts": int, "last_error": str, "created_at": str, "sent_at": str,
    }, pk="idempotency_key", if_not_exists=True, defaults={"state": "pending", "attempts": 0})
    if "op" not in table.columns_dict:  # an outbox written before withdrawals existed
        table.add_column("op", str)
        db.execute(f"update {OUTBOX} set op = json_extract(payload, '$.op')")
    db.execute(f"create index if not exists outbox_state on {OUTBOX}(state, created_at)")
    db.execute(f"create index if not exists outbox_event on {OUTBOX}(event_id, state)")


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
    last = db.execute(f"select op, version from {OUTBOX} where event_id = ? and {MAYBE_DELIVERED} "
                      "order by version desc limit 1", [event_id]).fetchone()
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
        row = wanted_row(db, event_id, everything)
        key = row["idempotency_key"] if row else None
        db.execute(f"update {OUTBOX} set state = 'superseded' where event_id = ? and state = 'pending' "
                   "and idempotency_key is not ?", [event_id, key])
        if row is None or db.execute(f"select 1 from {OUTBOX} where idempotency_key = ?", [key]).fetchone():
            return False
        db.table(OUTBOX).insert({**row, "state": "pending", "attempts": 0, "created_at": store.now()})
    return True


def stale_events(db: sqlite_utils.Database) -> list[str]:
    """Return the ids of events whose outbox lags behind them.

    Approved versions without a row; and events no longer approved (or gone) that have a row
    waiting, or whose latest version the registry may hold is not a withdrawal.
    """
    approved = db.execute(f"select e.id from events e where e.review_status = 'approved' and not exists "
                          f"(select 1 from {OUTBOX} o where o.event_id = e.id and o.version = e.version)")
    # Inside the subquery the bare column names of MAYBE_DELIVERED are those of its own table.
    others = db.execute(
        f"select event_id from {OUTBOX} where event_id not in (select id from events where review_status = "
        f"'approved') and (state = 'pending' or (op != ? and {MAYBE_DELIVERED} and version = "
        f"(select max(version) from {OUTBOX} l where l.event_id = {OUTBOX}.event_id and {MAYBE_DELIVERED})))",
        [WITHDRAW])
    return sorted({r[0] for r in approved} | {r[0] for r in others})


def enqueue(db: sqlite_utils.Database, everything: bool = False) -> int:
    """Bring the outbox up to the store: a row for every approved version and due withdrawal; return how many."""
    ensure_outbox(db)
    return sum(refresh(db, event_id, everything) for event_id in stale_events(db))


def outbox_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Return how many outbox rows are in each state."""
    ensure_outbox(db)
    return dict(db.execute(f"select state, count(*) from {OUTBOX} group by state").fetchall())


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
            while rows := _pending(db, max(1, batch_size)):
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


def _pending(db: sqlite_utils.Database, limit: int) -> list[dict]:
    """Return the oldest pending rows."""
    return db.execute_returning_dicts(
        f"select * from {OUTBOX} where state = 'pending' order by created_at, event_id, version limit ?", [limit])


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
                _mark(db, keys, "sent", None)
                summary.batches += 1
                known = len(keys) if status == 409 else len(_listed_duplicates(response) & set(keys))
                summary.duplicates += known
                summary.sent += len(keys) - known
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
