"""Events, their sources and blocking keys: the primitives `extractor.dedup` resolves records over, and event reads.

The writes run inside the caller's transaction; which stored event a record joins is decided by dedup.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

import sqlite_utils

from extractor.store.schema import (EVENT_COLUMNS, JSON_FIELDS, REVIEW_STATUSES, decode_event, encode_event,
                                    insert_rows, now, update_row, upsert_row)


def event_records(db: sqlite_utils.Database) -> Iterator[tuple[str, dict]]:
    """Yield (event id, record) of every stored source, and an event's own fields for an event without sources
    (one a reviewer touched keeps them when its articles are re-extracted without it)."""
    for event_id, record in db.execute("select event_id, record from event_sources"):
        yield event_id, json.loads(record)
    for row in db.execute_returning_dicts("select * from events e where not exists "
                                          "(select 1 from event_sources s where s.event_id = e.id)"):
        yield row["id"], decode_event(row)


def clear_event_keys(db: sqlite_utils.Database) -> None:
    """Delete every event's blocking keys (inside the caller's transaction, which files them again)."""
    db.execute("delete from event_keys")


def file_event_keys(db: sqlite_utils.Database, event_id: str, keys: set[str]) -> None:
    """File an event under blocking keys (inside the caller's transaction), in sorted order so that
    the stored rows do not depend on the interpreter's hash seed."""
    insert_rows(db, "event_keys", ({"key": k, "event_id": event_id} for k in sorted(keys)), "or ignore")


def _candidate_sql(columns: tuple[str, ...]) -> str:
    """Select a candidate event's columns with the publication dates of its articles and its series number.

    An undated event is placed in time by its articles' publication dates; the number in a series
    ("XVI форум") and the series' name may stand next to the title in a source's text, so they are kept in the
    sources' records, and read through the indexes of schema 8 (the same expressions).
    """
    sources = "from event_sources s join articles a on a.id = s.article_id where s.event_id = e.id"
    return ("select " + ", ".join(f"e.{c}" for c in ("id", "version", *columns) if c in EVENT_COLUMNS) +
            f", (select min(a.published) {sources}) as published_min, (select max(a.published) {sources}) as "
            "published_max, (select max(json_extract(s.record, '$.ordinal')) from event_sources s "
            "where s.event_id = e.id) as ordinal, (select max(json_extract(s.record, '$.series_name')) from "
            "event_sources s where s.event_id = e.id) as series_name from events e ")


class _StoredRow(dict):
    """A candidate event's columns; a JSON column is decoded when first read.

    The dedup judge keeps the profiles of the stored events it has seen, so for most candidates
    it reads only the id and version, and their organizers and audience are never decoded.
    """

    def __getitem__(self, key):
        value = super().__getitem__(key)
        if key in JSON_FIELDS and isinstance(value, str):
            value = json.loads(value)
            self[key] = value
        return value

    def get(self, key, default=None):
        return self[key] if key in self else default


def lazy_rows(db: sqlite_utils.Database, sql: str, params: list) -> list[_StoredRow]:
    """Run a query; each row's JSON columns are decoded when first read."""
    cursor = db.conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [_StoredRow(zip(names, row)) for row in cursor]


def events_in_dates(db: sqlite_utils.Database, columns: tuple[str, ...], earliest: str, lo: str, hi: str,
                    region_code: str | None) -> list[dict]:
    """Return events starting from `earliest` to `hi` and ending from `lo` on, of the region or of none."""
    return lazy_rows(db, _candidate_sql(columns) + "where e.start_date between ? and ? and coalesce(e.end_date, "
                 "e.start_date) >= ? and (? is null or coalesce(e.region_code, '') in ('', ?))",
                 [earliest, hi, lo, region_code or None, region_code])


def events_by_keys(db: sqlite_utils.Database, columns: tuple[str, ...], keys: list[str], per_key: int,
                   limit: int) -> list[dict]:
    """Return events filed under the most of `keys`, then the most recently filed, reading each key's newest only.

    Each key contributes its `per_key` newest events: a common title word does not grow the read with the store.
    """
    if not keys:
        return []
    recent = " union all ".join(["select * from (select event_id, rowid as filed from event_keys indexed by "
                                 "keys_recent where key = ? order by rowid desc limit ?)"] * len(keys))
    return lazy_rows(db, _candidate_sql(columns) + f"where e.id in (select event_id from ({recent}) group by event_id "
                 "order by count(*) desc, max(filed) desc limit ?)",
                 [x for key in keys for x in (key, per_key)] + [limit])


def article_event_ids(db: sqlite_utils.Database, article_id: str) -> list[str]:
    """Return the ids of the events an article is a source of."""
    return [r[0] for r in db.execute("select event_id from event_sources where article_id = ?", [article_id])]


def source_records(db: sqlite_utils.Database, event_id: str) -> list[dict]:
    """Return the records an event's source articles gave it."""
    return [json.loads(r[0]) for r in db.execute("select record from event_sources where event_id = ?", [event_id])]


def source_record(db: sqlite_utils.Database, event_id: str, article_id: str) -> dict:
    """Return the record an article gave an event."""
    row = db.execute("select record from event_sources where event_id = ? and article_id = ?",
                     [event_id, article_id]).fetchone()
    return json.loads(row[0]) if row else {}


def event_exists(db: sqlite_utils.Database, event_id: str) -> bool:
    """Tell whether an event id is taken."""
    return db.execute("select 1 from events where id = ?", [event_id]).fetchone() is not None


def insert_event(db: sqlite_utils.Database, row: dict) -> None:
    """Insert a new event row."""
    insert_rows(db, "events", [encode_event(row)], "or replace")


def read_event(db: sqlite_utils.Database, event_id: str) -> dict:
    """Return one event row, decoded, without its sources."""
    return decode_event(db.execute_returning_dicts("select * from events where id = ?", [event_id])[0])


def update_event(db: sqlite_utils.Database, event_id: str, row: dict) -> None:
    """Write changed columns of an event."""
    update_row(db, "events", event_id, encode_event(row))


def add_source(db: sqlite_utils.Database, event_id: str, article: dict, record: dict) -> None:
    """Record that an article reports an event, with the record extracted from it."""
    upsert_row(db, "event_sources", {
        "event_id": event_id, "article_id": article["id"], "url": article.get("url"),
        "record": json.dumps(record, ensure_ascii=False),
        "evidence": json.dumps(record.get("evidence") or {}, ensure_ascii=False), "added_at": now(),
    }, ("event_id", "article_id"))


def remove_orphans(db: sqlite_utils.Database, event_ids: list[str]) -> int:
    """Delete those of the events left without a source that no reviewer touched; return how many."""
    removed = 0
    for event_id in event_ids:
        orphan = db.execute(
            "select e.reviewed_fields, e.review_status from events e where e.id = ? and not exists "
            "(select 1 from event_sources s where s.event_id = e.id)", [event_id]).fetchone()
        if orphan and orphan[0] in (None, "[]") and orphan[1] == "pending":
            db.execute("delete from events where id = ?", [event_id])
            db.execute("delete from event_keys where event_id = ?", [event_id])
            removed += 1
    return removed


def list_events(db: sqlite_utils.Database, status: str | None = None, limit: int | None = None) -> list[dict]:
    """Return events (optionally of one review status), lowest confidence first."""
    if status and status not in REVIEW_STATUSES:
        raise ValueError(f"unknown review status '{status}': {' | '.join(REVIEW_STATUSES)}")
    sql = "select * from events"
    params: list = []
    if status:
        sql += " where review_status = ?"
        params.append(status)
    sql += " order by confidence, id"
    if limit:
        sql += " limit ?"
        params.append(limit)
    return [decode_event(r) for r in db.execute_returning_dicts(sql, params)]


def source_counts(db: sqlite_utils.Database, event_ids: list[str]) -> dict[str, int]:
    """Return how many source articles each of these events has."""
    counts: dict[str, int] = {}
    for start in range(0, len(event_ids), 500):  # SQLite limits the number of parameters
        ids = event_ids[start:start + 500]
        counts.update(db.execute(f"select event_id, count(*) from event_sources where event_id in "
                                 f"({','.join('?' * len(ids))}) group by event_id", ids).fetchall())
    return counts


def get_event(db: sqlite_utils.Database, event_id: str) -> dict | None:
    """Return one event with its sources (article id, url, evidence, the article's own record)."""
    rows = db.execute_returning_dicts("select * from events where id = ?", [event_id])
    if not rows:
        return None
    event = decode_event(rows[0])
    sources = db.execute_returning_dicts(
        "select s.*, a.title as article_title, a.lang as article_lang from event_sources s "
        "left join articles a on a.id = s.article_id where s.event_id = ? order by s.added_at, s.article_id",
        [event_id])
    event["sources"] = [{**s, "record": json.loads(s["record"]), "evidence": json.loads(s["evidence"])}
                        for s in sources]
    return event
