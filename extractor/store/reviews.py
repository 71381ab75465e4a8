"""Reviewers' decisions on events, their log, hand-made moves of sources, and the review app's access log."""
from __future__ import annotations

import json

import sqlite_utils

from extractor.store.events import get_event, update_event
from extractor.store.schema import EDITABLE_FIELDS, StoreError, now, transaction


def review_event(db: sqlite_utils.Database, event_id: str, reviewer: str, action: str,
                 changes: dict | None = None) -> dict:
    """Apply a reviewer's decision (approve, reject, edit) and append it to `reviews`."""
    if action not in ("approve", "reject", "edit", "reset"):
        raise StoreError(f"unknown review action '{action}'")
    changes = {k: v for k, v in (changes or {}).items() if k in EDITABLE_FIELDS}
    stamp = now()
    with transaction(db):
        event = get_event(db, event_id)
        if event is None:
            raise StoreError(f"no event with id '{event_id}'")
        update: dict = {"reviewed_by": reviewer, "reviewed_at": stamp, "updated_at": stamp}
        log = []
        for field, value in changes.items():
            if event.get(field) != value:
                log.append((field, event.get(field), value))
                update[field] = value
        if log:
            update["reviewed_fields"] = sorted(set(event["reviewed_fields"]) | {f for f, _, _ in log})
        status = {"approve": "approved", "reject": "rejected", "reset": "pending"}.get(action)
        if status and status != event["review_status"]:
            log.append(("review_status", event["review_status"], status))
            update["review_status"] = status
        if log:
            update["version"] = event["version"] + 1
        update_event(db, event_id, update)
        log_review(db, event_id, reviewer, stamp, action, log)
    return get_event(db, event_id)


def log_review(db: sqlite_utils.Database, event_id: str, reviewer: str, stamp: str, action: str,
               changes: list[tuple[str | None, object, object]]) -> None:
    """Append one decision to `reviews`, a row per (field, before, after); a decision that changed nothing gets one
    row."""
    for field, before, after in changes or [(None, None, None)]:
        db.table("reviews").insert({
            "event_id": event_id, "reviewer": reviewer, "at": stamp, "action": action, "field": field,
            "before": json.dumps(before, ensure_ascii=False), "after": json.dumps(after, ensure_ascii=False),
        })


def move_source(db: sqlite_utils.Database, article_id: str, from_id: str, to_id: str) -> None:
    """Make an article a source of another event instead (inside the caller's transaction); an existing one is kept."""
    db.execute("update or ignore event_sources set event_id = ? where event_id = ? and article_id = ?",
               [to_id, from_id, article_id])
    db.execute("delete from event_sources where event_id = ? and article_id = ?", [from_id, article_id])


def delete_event(db: sqlite_utils.Database, event_id: str) -> None:
    """Delete an event with its sources and blocking keys (inside the caller's transaction); its reviews stay."""
    db.execute("delete from event_sources where event_id = ?", [event_id])
    db.execute("delete from event_keys where event_id = ?", [event_id])
    db.execute("delete from events where id = ?", [event_id])


def log_access(db: sqlite_utils.Database, reviewer: str, token: str, method: str, path: str, status: int) -> None:
    """Append one write request of the review app to `access_log`."""
    with transaction(db):
        db.table("access_log").insert({"at": now(), "reviewer": reviewer, "token": token, "method": method,
                                       "path": path, "status": status})


def reviews_of(db: sqlite_utils.Database, event_id: str) -> list[dict]:
    """Return the review log of one event, oldest first."""
    return db.execute_returning_dicts("select * from reviews where event_id = ? order by id", [event_id])
