"""What a reviewer does to the set of events itself: add one the extraction missed, split, merge, undo.

Each is one transaction over the store's primitives and is logged in `reviews`. An event a reviewer
adds (or splits off) records the reviewer in `added_by`: every editable field counts as reviewed,
and a re-run of its article keeps it and its source, so no extraction overwrites it.
"""
from __future__ import annotations

import json
import secrets

import sqlite_utils
from starlette.datastructures import FormData

from extractor import store
from extractor.dedup import judge, profile
from extractor.dedup.candidates import blocking_keys
from extractor.review import forms

UNDOABLE = ("approve", "reject", "edit", "reset", "undo")


def _new_id(db: sqlite_utils.Database) -> str:
    """Return a fresh event id (a person's event has no extraction record to derive one from)."""
    while True:
        event_id = "ev-" + secrets.token_hex(8)
        if not store.event_exists(db, event_id):
            return event_id


def _manual_row(event_id: str, fields: dict, reviewer: str, stamp: str, **extra) -> dict:
    """Return the events row of an event a reviewer made: every editable field counts as reviewed."""
    return {**extra, **fields, "id": event_id, "review_status": "pending", "version": 1, "created_at": stamp,
            "updated_at": stamp, "reviewed_by": reviewer, "reviewed_at": stamp, "added_by": reviewer,
            "reviewed_fields": list(store.EDITABLE_FIELDS), "conflicts": []}


def add_event(db: sqlite_utils.Database, article_id: str, fields: dict, reviewer: str) -> str:
    """Add an event that a stored article reports and the extraction missed; return its id."""
    article = store.get_article(db, article_id)
    if article is None:
        raise store.StoreError(f"no article '{article_id}'")
    fields = {k: v for k, v in fields.items() if k in store.EDITABLE_FIELDS and v not in (None, "", [])}
    if fields.get("start_date") and not fields.get("end_date"):
        fields["end_date"] = fields["start_date"]  # a one-day event, as the record says it
    if fields.get("event_type") not in forms.vocabulary()["event_types"]:
        raise store.StoreError(f"an added event needs a type: {' | '.join(forms.vocabulary()['event_types'])}")
    record = {**fields, "article_id": article_id, "lang": article.get("lang"), "evidence": {}, "added_by": reviewer}
    stamp = store.now()
    with store.transaction(db):
        event_id = _new_id(db)
        store.insert_event(db, _manual_row(event_id, fields, reviewer, stamp, article_id=article_id,
                                           lang=article.get("lang"), confidence=1.0, evidence={}))
        store.add_source(db, event_id, article, record)
        store.file_event_keys(db, event_id, blocking_keys(record))
        store.log_review(db, event_id, reviewer, stamp, "add", [(None, None, fields)])
    return event_id


def add_typed(db: sqlite_utils.Database, article_id: str, typed: dict[str, str | list[str]], reviewer: str) -> str:
    """Add an event from values as typed (dates ДД.ММ.РРРР, lists as lists); raise ValueError naming bad fields."""
    typed = {k: "\n".join(v) if isinstance(v, list) and k != "topics" else v for k, v in typed.items() if v}
    pairs = [(k, x) for k, v in typed.items() for x in (v if isinstance(v, list) else [v])]
    parsed = forms.parse_changes(FormData(pairs), {})
    if parsed.errors:
        raise ValueError("; ".join(f"{k}: {v}" for k, v in parsed.errors.items()))
    return add_event(db, article_id, parsed.changes, reviewer)


def split_event(db: sqlite_utils.Database, event_id: str, reviewer: str, article_id: str | None = None) -> str:
    """Split an event in two and return the new one's id.

    With `article_id` (one of several sources), that source leaves with the fields its own article
    gave; without, the new event starts as a copy (a record that took two events' fields), for the
    reviewer to correct both.
    """
    event = store.get_event(db, event_id)
    if event is None:
        raise store.StoreError(f"no event with id '{event_id}'")
    moving = next((s for s in event["sources"] if s["article_id"] == article_id), None)
    if article_id and (moving is None or len(event["sources"]) < 2):
        raise store.StoreError(f"'{article_id}' is not one of several sources of {event_id}")
    origin = moving["record"] if moving else event
    fields = {k: origin.get(k) for k in store.EDITABLE_FIELDS}
    keep = ("article_id", "lang", "date_text", "country", "region_code", "confidence", "evidence")
    stamp = store.now()
    with store.transaction(db):
        new_id = _new_id(db)
        store.insert_event(db, _manual_row(new_id, fields, reviewer, stamp, **{k: origin.get(k) for k in keep}))
        for source in [moving] if moving else event["sources"]:
            if moving:
                store.move_source(db, source["article_id"], event_id, new_id)
            else:
                store.add_source(db, new_id, {"id": source["article_id"], "url": source.get("url")},
                                 source["record"])
            store.file_event_keys(db, new_id, blocking_keys(source["record"]))
        store.update_event(db, event_id, {"version": event["version"] + 1, "updated_at": stamp})
        store.log_review(db, event_id, reviewer, stamp, "split", [(None, None, new_id)])
        store.log_review(db, new_id, reviewer, stamp, "split", [(None, event_id, new_id)])
    return new_id


def merge_verdict(db: sqlite_utils.Database, keep_id: str, other_id: str) -> tuple[dict, dict, list[str]]:
    """Return both events and what dedup says of them: its decision and reasons, in words, before a merge."""
    keep, other = store.get_event(db, keep_id), store.get_event(db, other_id)
    if keep is None or other is None:
        raise store.StoreError(f"no event with id '{other_id if keep else keep_id}'")
    verdict = judge(profile(keep), profile(other))
    said = "dedup: the same event" if verdict.same else "dedup: not the same event (it would not merge them)"
    return keep, other, [f"{said}, score {verdict.score:.2f}", *verdict.reasons]


def merge_events(db: sqlite_utils.Database, keep_id: str, other_id: str, reviewer: str) -> dict:
    """Merge another event into this one: its sources join, its values fill empty fields; it is deleted."""
    if keep_id == other_id:
        raise store.StoreError("an event cannot be merged with itself")
    keep, other, _ = merge_verdict(db, keep_id, other_id)
    filled = {k: other[k] for k in store.EDITABLE_FIELDS if keep.get(k) in (None, "", []) and
              other.get(k) not in (None, "", [])}
    stamp = store.now()
    with store.transaction(db):
        for source in other["sources"]:
            store.move_source(db, source["article_id"], other_id, keep_id)
            store.file_event_keys(db, keep_id, blocking_keys(source["record"]))
        store.update_event(db, keep_id, {**filled, "version": keep["version"] + 1, "updated_at": stamp,
                                         "reviewed_by": reviewer, "reviewed_at": stamp,
                                         "reviewed_fields": sorted(set(keep["reviewed_fields"]) | set(filled))})
        store.delete_event(db, other_id)
        store.log_review(db, keep_id, reviewer, stamp, "merge",
                         [(None, other_id, keep_id)] + [(k, None, v) for k, v in filled.items()])
        store.log_review(db, other_id, reviewer, stamp, "merge", [(None, other_id, keep_id)])
    return store.get_event(db, keep_id)


def last_decision(db: sqlite_utils.Database, event_id: str) -> list[dict]:
    """Return the review rows of the event's latest decision (one row per field it changed)."""
    rows = store.reviews_of(db, event_id)
    if not rows:
        return []
    last = rows[-1]
    return [r for r in rows if (r["at"], r["action"], r["reviewer"]) == (last["at"], last["action"], last["reviewer"])]


def undo(db: sqlite_utils.Database, event_id: str, reviewer: str) -> dict:
    """Undo the event's latest decision (approve, reject, an edit, a reset, an undo): each field goes back."""
    decision = last_decision(db, event_id)
    if not decision or decision[0]["action"] not in UNDOABLE:
        raise store.StoreError(f"nothing to undo on {event_id}" if not decision
                               else f"a {decision[0]['action']} cannot be undone here")
    event = store.get_event(db, event_id)
    back = {r["field"]: json.loads(r["before"]) for r in decision if r["field"]}
    stamp = store.now()
    with store.transaction(db):
        if back:
            store.update_event(db, event_id, {**back, "version": event["version"] + 1, "updated_at": stamp,
                                              "reviewed_by": reviewer, "reviewed_at": stamp})
        store.log_review(db, event_id, reviewer, stamp, "undo", [(f, event.get(f), v) for f, v in back.items()])
    return store.get_event(db, event_id)
