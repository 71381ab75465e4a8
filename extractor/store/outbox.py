"""The registry outbox: one row per event version the registry must hear about, keyed `{event_id}:{version}`.

What is due and when it is sent is decided by `extractor.registry`; these are its table's reads and writes.
"""
from __future__ import annotations

import sqlite_utils

from extractor.store.schema import now, transaction

OUTBOX = "outbox"
WITHDRAW = "withdraw"  # the op of a row that tells the registry to drop an event
# Rows the registry may hold: acknowledged, or sent at least once without an answer (it may have applied them).
MAYBE_DELIVERED = "(state = 'sent' or (attempts > 0 and state != 'failed'))"


def ensure_outbox(db: sqlite_utils.Database) -> None:
    """Create the outbox table and its indexes if the store has none yet (and the `op` column of older ones)."""
    with transaction(db):
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


def last_delivered(db: sqlite_utils.Database, event_id: str) -> tuple[str, int] | None:
    """Return (op, version) of the newest row of an event that the registry may hold, if any."""
    return db.execute(f"select op, version from {OUTBOX} where event_id = ? and {MAYBE_DELIVERED} "
                      "order by version desc limit 1", [event_id]).fetchone()


def queue_row(db: sqlite_utils.Database, event_id: str, row: dict | None) -> bool:
    """Supersede an event's waiting rows other than `row`, and add `row` (without state) unless its key is known.

    Return whether a row was added. Runs inside the caller's transaction.
    """
    key = row["idempotency_key"] if row else None
    db.execute(f"update {OUTBOX} set state = 'superseded' where event_id = ? and state = 'pending' "
               "and idempotency_key is not ?", [event_id, key])
    if row is None or db.execute(f"select 1 from {OUTBOX} where idempotency_key = ?", [key]).fetchone():
        return False
    db.table(OUTBOX).insert({**row, "state": "pending", "attempts": 0, "created_at": now()})
    return True


def stale_event_ids(db: sqlite_utils.Database) -> list[str]:
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


def state_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Return how many outbox rows are in each state."""
    return dict(db.execute(f"select state, count(*) from {OUTBOX} group by state").fetchall())


def pending_rows(db: sqlite_utils.Database, limit: int) -> list[dict]:
    """Return the oldest pending rows."""
    return db.execute_returning_dicts(
        f"select * from {OUTBOX} where state = 'pending' order by created_at, event_id, version limit ?", [limit])


def mark_attempt(db: sqlite_utils.Database, keys: list[str], state: str, error: str | None) -> None:
    """Record one attempt on the rows of a batch, in one transaction."""
    marks = ",".join("?" * len(keys))
    sent_at = now() if state == "sent" else None
    # An acknowledged row is sent whatever happened meanwhile; otherwise a row another
    # process superseded during the attempt stays superseded.
    only = "" if state == "sent" else " and state = 'pending'"
    with transaction(db):
        db.execute(f"update {OUTBOX} set state = ?, attempts = attempts + 1, last_error = ?, "
                   f"sent_at = coalesce(?, sent_at) where idempotency_key in ({marks}){only}",
                   [state, error, sent_at, *keys])
