"""The SQLite store (through sqlite-utils): articles, events, their sources, reviews and runs.

All SQL of the product lives here; which stored event a new record joins is decided elsewhere
(`extractor.dedup.resolve`) over the primitives below, inside the caller's transaction (a
savepoint when the batch writer holds one around several articles), so a run killed at any
moment leaves either the whole article or nothing.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from extractor import reprints
from extractor.config import settings

SCHEMA_VERSION = 7
REVIEW_STATUSES = ("pending", "approved", "rejected")
JSON_FIELDS = ("organizers", "partners", "audience", "topics", "evidence", "sessions",
               "reviewed_fields", "conflicts", "participant_hromadas")
# Fields a reviewer may change; extraction never overwrites them once reviewed.
EDITABLE_FIELDS = ("event_type", "title", "organizers", "partners", "start_date", "end_date",
                   "settlement", "settlement_code", "hromada", "raion", "region", "online",
                   "audience", "participants", "topics", "status", "country", "participant_hromadas")
EVENT_COLUMNS = {
    "id": str, "article_id": str, "lang": str, "event_type": str, "title": str,
    "organizers": str, "partners": str, "start_date": str, "end_date": str, "date_text": str,
    "sessions": str, "settlement": str, "settlement_code": str, "hromada": str, "raion": str,
    "region": str, "region_code": str, "country": str, "online": int, "audience": str,
    "participants": int, "topics": str, "status": str, "confidence": float, "evidence": str,
    "review_status": str, "reviewed_by": str, "reviewed_at": str, "reviewed_fields": str,
    "conflicts": str, "version": int, "created_at": str, "updated_at": str, "added_by": str,
    "participant_hromadas": str,
}


class StoreError(Exception):
    """The database cannot be used (not SQLite, locked, read-only...)."""


def now() -> str:
    """Return the current UTC time as ISO text (seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(text: str) -> str:
    """Return the SHA-256 of an article's text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run a write transaction that takes the write lock first, waiting up to the busy timeout.

    sqlite-utils' atomic() begins DEFERRED: in WAL mode a transaction that reads and then writes
    while another connection writes fails at once with 'database is locked', whatever the timeout.
    """
    if db.conn.in_transaction:
        with db.atomic():  # nested: a savepoint
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise


def open_db(path: str | Path, create: bool = True) -> sqlite_utils.Database:
    """Open the store in WAL mode and migrate it to the current schema; create it only if `create`.

    Commands that only read or review (`events`, `export`, `approve`, ...) pass create=False, so a
    mistyped --db is an error instead of a new empty store that silently shows nothing.
    """
    path = Path(path)
    if not create and not path.is_file():
        raise StoreError(f"{path}: no such database (`extractor run` creates it)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # The timeout is SQLite's busy timeout: how long a statement waits for another process's lock.
        conn = sqlite3.connect(path, timeout=settings().db_busy_timeout_s)
        db = sqlite_utils.Database(conn)
        if db.journal_mode != "wal":
            db.enable_wal()
        migrate(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot open database ({exc.strerror})") from None
    return db


def schema_version(db: sqlite_utils.Database) -> int:
    """Return the schema version recorded in the database (0 for a new one)."""
    if "meta" not in db.table_names():
        return 0
    row = db.execute("select value from meta where key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the schema forward, one numbered step at a time."""
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise StoreError(f"database schema {version} is newer than this program ({SCHEMA_VERSION})")
    if version == SCHEMA_VERSION:
        return
    with transaction(db):
        if version < 1:
            _create_v1(db)
        if version < 2:
            _add_reprint_index_v2(db)
        if version < 3:
            _add_review_indexes_v3(db)
        if version < 4:
            _add_event_keys_v4(db)
        if version < 5:
            _add_recent_keys_index_v5(db)
        if version < 6:
            _add_access_log_v6(db)
        if version < 7:
            _add_participant_hromadas_v7(db)
        db.table("meta").upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


def _create_v1(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db.table("articles").create({
        "id": str, "url": str, "title": str, "lang": str, "published": str, "text": str,
        "content_hash": str, "status": str, "reason": str, "duplicate_of": str, "source": str,
        "run_id": int, "updated_at": str,
    }, pk="id", if_not_exists=True)
    db.table("events").create(EVENT_COLUMNS, pk="id", if_not_exists=True,
                              defaults={"review_status": "pending", "version": 1})
    db.table("event_sources").create({
        "event_id": str, "article_id": str, "url": str, "record": str, "evidence": str, "added_at": str,
    }, pk=("event_id", "article_id"), if_not_exists=True)
    db.table("reviews").create({
        "id": int, "event_id": str, "reviewer": str, "at": str, "action": str, "field": str,
        "before": str, "after": str,
    }, pk="id", if_not_exists=True)
    db.table("runs").create({
        "id": int, "started_at": str, "finished_at": str, "paths": str, "status": str,
        "counts": str, "errors": str,
    }, pk="id", if_not_exists=True)
    db.execute("create index if not exists events_dates on events(start_date, end_date)")
    db.execute("create index if not exists events_review on events(review_status, confidence)")
    db.execute("create index if not exists sources_article on event_sources(article_id)")
    db.execute("create index if not exists articles_hash on articles(content_hash)")


def _add_reprint_index_v2(db: sqlite_utils.Database) -> None:
    """Schema 2: MinHash signatures of articles and their LSH band keys, for reprint detection."""
    db.table("articles").add_column("minhash", bytes)
    db.table("article_bands").create({"band": str, "article_id": str}, pk=("band", "article_id"),
                                     if_not_exists=True)
    db.execute("create index if not exists bands_article on article_bands(article_id)")


def _add_review_indexes_v3(db: sqlite_utils.Database) -> None:
    """Schema 3: indexes for the review queue's filters (source, region)."""
    db.execute("create index if not exists articles_source on articles(source)")
    db.execute("create index if not exists events_region on events(region)")


def _add_event_keys_v4(db: sqlite_utils.Database) -> None:
    """Schema 4: blocking keys of events (title words, settlement), so undated records find candidates."""
    db.table("event_keys").create({"key": str, "event_id": str}, pk=("key", "event_id"), if_not_exists=True)
    db.execute("create index if not exists keys_event on event_keys(event_id)")
    if db.execute("select 1 from event_sources limit 1").fetchone():
        db.table("meta").upsert({"key": "event_keys_stale", "value": "1"}, pk="key")  # dedup refiles them


def event_keys_stale(db: sqlite_utils.Database) -> bool:
    """Tell whether stored events predate their blocking keys (a store migrated from schema 3)."""
    return "meta" in db.table_names() and db.execute(
        "select 1 from meta where key = 'event_keys_stale'").fetchone() is not None


def sources_by_event(db: sqlite_utils.Database) -> Iterator[tuple[str, dict]]:
    """Yield (event id, record) of every stored source."""
    for event_id, record in db.execute("select event_id, record from event_sources"):
        yield event_id, json.loads(record)


def mark_event_keys_filed(db: sqlite_utils.Database) -> None:
    """Record that every stored event is filed under its blocking keys."""
    db.execute("delete from meta where key = 'event_keys_stale'")


def _add_recent_keys_index_v5(db: sqlite_utils.Database) -> None:
    """Schema 5: an index that lists a blocking key's events newest first, so a common title word costs a bounded read."""
    db.execute("create index if not exists keys_recent on event_keys(key)")


def _add_access_log_v6(db: sqlite_utils.Database) -> None:
    """Schema 6: the review app's log of writes (who, with which token, when), and who added an event by hand."""
    db.table("access_log").create({
        "id": int, "at": str, "reviewer": str, "token": str, "method": str, "path": str, "status": int,
    }, pk="id", if_not_exists=True)
    if "added_by" not in db.table("events").columns_dict:
        db.table("events").add_column("added_by", str)


def _add_participant_hromadas_v7(db: sqlite_utils.Database) -> None:
    """Schema 7: the hromadas that took part in an event ([{code, name, evidence}], see events/hromadas.py)."""
    if "participant_hromadas" not in db.table("events").columns_dict:
        db.table("events").add_column("participant_hromadas", str)


def _decode(row: dict) -> dict:
    """Turn stored JSON text back into lists and dicts, and 0/1 into booleans."""
    out = dict(row)
    for key in JSON_FIELDS:
        if key in out and isinstance(out[key], str):
            out[key] = json.loads(out[key])
    if "online" in out and out["online"] is not None:
        out["online"] = bool(out["online"])
    return out


def _encode(record: dict) -> dict:
    return {k: (json.dumps(v, ensure_ascii=False) if k in JSON_FIELDS else v)
            for k, v in record.items() if k in EVENT_COLUMNS}


def article_hash(db: sqlite_utils.Database, article_id: str) -> str | None:
    """Return the content hash stored for an article, or None if it was never processed."""
    row = db.execute("select content_hash from articles where id = ?", [article_id]).fetchone()
    return row[0] if row else None


def hash_owner(db: sqlite_utils.Database, digest: str, article_id: str) -> str | None:
    """Return the id of another processed article with the same text, if any."""
    row = db.execute("select id from articles where content_hash = ? and id != ? and status != 'duplicate'",
                     [digest, article_id]).fetchone()
    return row[0] if row else None


def find_reprint(db: sqlite_utils.Database, article_id: str, sig) -> str | None:
    """Return the id of a stored article whose text this one reprints, if any."""
    if sig is None:
        return None
    keys = reprints.band_keys(sig)
    marks = ",".join("?" * len(keys))
    # A reprint shares most bands; boilerplate shared by many articles only a few: rank by shared bands.
    rows = db.execute(
        f"select a.id, a.minhash from (select article_id, count(*) as shared from article_bands where band in ({marks}) "
        f"and article_id != ? group by article_id order by shared desc limit ?) c join articles a on a.id = c.article_id "
        f"where a.status = 'extracted' order by c.shared desc", [*keys, article_id, reprints.max_candidates()]).fetchall()
    for other, blob in rows:
        if blob and reprints.is_reprint(sig, reprints.from_blob(blob)):
            return other
    return None


def index_reprint_signature(db: sqlite_utils.Database, article_id: str, sig) -> None:
    """Store an article's signature and band keys (inside the caller's transaction)."""
    db.execute("delete from article_bands where article_id = ?", [article_id])
    if sig is None:
        return
    db.execute("update articles set minhash = ? where id = ?", [reprints.to_blob(sig), article_id])
    db.table("article_bands").insert_all(({"band": k, "article_id": article_id} for k in reprints.band_keys(sig)),
                                         pk=("band", "article_id"), ignore=True)


# Lock files of the runs this process is making, by run id: held (shared) from start_run to finish_run.
_run_locks: dict[int, int] = {}


def _no_run_holds(lock_path: str) -> bool:
    """Tell whether no run holds the lock file now: an exclusive lock on it can be taken (and is let go at once)."""
    with open(lock_path, "a") as probe:
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


def start_run(db: sqlite_utils.Database, paths: list[str]) -> int:
    """Record the start of a run and return its id; runs left `running` by a killed process become `interrupted`.

    Every run holds a shared lock on `STORE.lock` until finish_run (the system drops it when the
    process dies). Starts look at it inside the write transaction, one at a time: when no run
    holds it, a run still marked running was killed.
    """
    db_file = db.execute("pragma database_list").fetchone()[2]
    lock_path = f"{db_file}.lock"
    with transaction(db):
        try:
            held = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644) if db_file else None
        except OSError:  # a read-only folder (or an in-memory store): killed runs stay unmarked
            held = None
        if held is not None and _no_run_holds(lock_path):
            db.execute("update runs set status = 'interrupted' where status = 'running'")
        table = db.table("runs").insert({"started_at": now(), "paths": json.dumps(paths, ensure_ascii=False),
                                         "status": "running"})
        if held is not None:
            fcntl.flock(held, fcntl.LOCK_SH)
            _run_locks[table.last_pk] = held
    return table.last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, counts: dict, errors: list[str], status: str = "done") -> None:
    """Record the end of a run with its counts and error lines, and let go of its lock."""
    try:
        with transaction(db):
            db.table("runs").update(run_id, {"finished_at": now(), "status": status,
                                             "counts": json.dumps(counts, ensure_ascii=False),
                                             "errors": json.dumps(errors[:1000], ensure_ascii=False)})
    finally:
        if (fd := _run_locks.pop(run_id, None)) is not None:
            os.close(fd)


def file_event_keys(db: sqlite_utils.Database, event_id: str, keys: set[str]) -> None:
    """File an event under blocking keys (inside the caller's transaction)."""
    db.table("event_keys").insert_all(({"key": k, "event_id": event_id} for k in keys),
                                      pk=("key", "event_id"), ignore=True)


def _candidate_sql(columns: tuple[str, ...]) -> str:
    """Select a candidate event's columns with the publication dates of its articles and its series number.

    An undated event is placed in time by its articles' publication dates; the number in a series
    ("XVI форум") may stand next to the title in a source's text, so it is kept in the sources' records.
    """
    sources = "from event_sources s join articles a on a.id = s.article_id where s.event_id = e.id"
    return ("select " + ", ".join(f"e.{c}" for c in ("id", "version", *columns) if c in EVENT_COLUMNS) +
            f", (select min(a.published) {sources}) as published_min, (select max(a.published) {sources}) as "
            "published_max, (select max(json_extract(s.record, '$.ordinal')) from event_sources s "
            "where s.event_id = e.id) as ordinal from events e ")


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


def _rows(db: sqlite_utils.Database, sql: str, params: list) -> list[_StoredRow]:
    cursor = db.conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [_StoredRow(zip(names, row)) for row in cursor]


def events_in_dates(db: sqlite_utils.Database, columns: tuple[str, ...], earliest: str, lo: str, hi: str,
                    region_code: str | None) -> list[dict]:
    """Return events starting from `earliest` to `hi` and ending from `lo` on, of the region or of none."""
    return _rows(db, _candidate_sql(columns) + "where e.start_date between ? and ? and coalesce(e.end_date, "
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
    return _rows(db, _candidate_sql(columns) + f"where e.id in (select event_id from ({recent}) group by event_id "
                 "order by count(*) desc, max(filed) desc limit ?)",
                 [x for key in keys for x in (key, per_key)] + [limit])


COVERAGE_COLUMNS = ("id", "event_type", "title", "start_date", "end_date", "region", "settlement", "settlement_code",
                    "country", "online", "organizers", "partners", "topics", "participant_hromadas", "review_status")
# The events of a coverage query (?1 review status, ?2 since, ?3 until, ?4 topic; null: any) and each hromada they
# reached by its code prefix (UA + oblast, raion, hromada digits): the venue's, and each one named as taking part.
_COVERAGE_LINKS = """with ev as (select id, start_date, settlement_code, participant_hromadas, topics from events
  where (?1 is null or review_status = ?1) and (?2 is null or coalesce(end_date, start_date) >= ?2)
  and (?3 is null or start_date <= ?3) and (?4 is null or exists (select 1 from json_each(events.topics) where value = ?4))),
link as (select id, start_date, topics, substr(settlement_code, 1, ?5) as prefix, 1 as hosted from ev
  where settlement_code like 'UA%'
  union all select ev.id, ev.start_date, ev.topics, substr(json_extract(j.value, '$.code'), 1, ?5), 0
  from ev, json_each(ev.participant_hromadas) j where json_valid(ev.participant_hromadas))
"""


def hromada_reach(db: sqlite_utils.Database, since: str | None, until: str | None, status: str | None,
                  topic: str | None, prefix_len: int) -> list[tuple[str, int, int, int, str | None, list[str]]]:
    """Return (hromada code prefix, events, hosted, took part, last start date, topics) of the matching events.

    One pass: the topics are joined in, so each event counts once by its id (topic ids hold no comma).
    """
    rows = db.execute(_COVERAGE_LINKS + "select l.prefix, count(distinct l.id), count(distinct case when l.hosted "
                      "then l.id end), count(distinct case when not l.hosted then l.id end), max(l.start_date), "
                      "group_concat(distinct t.value) from link l left join json_each(case when json_valid(l.topics) "
                      "then l.topics end) t group by l.prefix", [status, since, until, topic, prefix_len]).fetchall()
    return [(*row[:5], sorted(row[5].split(",")) if row[5] else []) for row in rows]


def events_per_month(db: sqlite_utils.Database, since: str | None, until: str | None,
                     status: str | None) -> list[tuple[str | None, int]]:
    """Return (YYYY-MM of the start date, events) of a review status (None: all) in since..until; None for undated."""
    return db.execute("select substr(start_date, 1, 7) as month, count(*) from events where (?1 is null or "
                      "review_status = ?1) and (?2 is null or coalesce(end_date, start_date) >= ?2) and (?3 is null or "
                      "start_date <= ?3) group by month order by month", [status, since, until]).fetchall()


def events_for_coverage(db: sqlite_utils.Database, since: str | None, until: str | None, status: str | None,
                        topic: str | None) -> list[dict]:
    """Return the events of a review status (None: all) and topic that overlap since..until, undated last.

    An undated event counts only when neither since nor until is given. JSON columns are decoded when first read.
    """
    return _rows(db, f"select {', '.join(COVERAGE_COLUMNS)} from events where (?1 is null or review_status = ?1) "
                 "and (?2 is null or coalesce(end_date, start_date) >= ?2) and (?3 is null or start_date <= ?3) "
                 "and (?4 is null or exists (select 1 from json_each(events.topics) where value = ?4)) "
                 "order by start_date is null, start_date, id", [status, since, until, topic])


def article_event_ids(db: sqlite_utils.Database, article_id: str) -> list[str]:
    """Return the ids of the events an article is a source of."""
    return [r[0] for r in db.execute("select event_id from event_sources where article_id = ?", [article_id])]


def source_record(db: sqlite_utils.Database, event_id: str, article_id: str) -> dict:
    """Return the record an article gave an event."""
    row = db.execute("select record from event_sources where event_id = ? and article_id = ?",
                     [event_id, article_id]).fetchone()
    return json.loads(row[0]) if row else {}


def put_article(db: sqlite_utils.Database, article: dict, run_id: int | None, signature=None) -> None:
    """Store an article row without its old sources, and its reprint signature (inside the caller's transaction)."""
    # An event a reviewer added by hand keeps its article: a re-extraction never takes it away.
    db.execute("delete from event_sources where article_id = ? and event_id not in "
               "(select id from events where added_by is not null)", [article["id"]])
    db.table("articles").upsert({**article, "content_hash": content_hash(article.get("text") or ""),
                                 "run_id": run_id, "updated_at": now()}, pk="id")
    index_reprint_signature(db, article["id"], signature)


def event_exists(db: sqlite_utils.Database, event_id: str) -> bool:
    """Tell whether an event id is taken."""
    return db.execute("select 1 from events where id = ?", [event_id]).fetchone() is not None


def insert_event(db: sqlite_utils.Database, row: dict) -> None:
    """Insert a new event row."""
    db.table("events").insert(_encode(row), pk="id", replace=True)


def read_event(db: sqlite_utils.Database, event_id: str) -> dict:
    """Return one event row, decoded, without its sources."""
    return _decode(db.execute_returning_dicts("select * from events where id = ?", [event_id])[0])


def update_event(db: sqlite_utils.Database, event_id: str, row: dict) -> None:
    """Write changed columns of an event."""
    db.table("events").update(event_id, _encode(row))


def add_source(db: sqlite_utils.Database, event_id: str, article: dict, record: dict) -> None:
    """Record that an article reports an event, with the record extracted from it."""
    db.table("event_sources").upsert({
        "event_id": event_id, "article_id": article["id"], "url": article.get("url"),
        "record": json.dumps(record, ensure_ascii=False),
        "evidence": json.dumps(record.get("evidence") or {}, ensure_ascii=False), "added_at": now(),
    }, pk=("event_id", "article_id"))


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


def save_skip(db: sqlite_utils.Database, article: dict, run_id: int | None) -> None:
    """Record an article that was read but not extracted (another language, duplicate...)."""
    with transaction(db):
        db.execute("delete from event_sources where article_id = ?", [article["id"]])
        db.table("articles").upsert({**article, "content_hash": content_hash(article.get("text") or ""),
                                     "run_id": run_id, "updated_at": now()}, pk="id")


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
    return [_decode(r) for r in db.execute_returning_dicts(sql, params)]


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
    event = _decode(rows[0])
    sources = db.execute_returning_dicts(
        "select s.*, a.title as article_title, a.lang as article_lang from event_sources s "
        "left join articles a on a.id = s.article_id where s.event_id = ? order by s.added_at, s.article_id",
        [event_id])
    event["sources"] = [{**s, "record": json.loads(s["record"]), "evidence": json.loads(s["evidence"])}
                        for s in sources]
    return event


def get_article(db: sqlite_utils.Database, article_id: str) -> dict | None:
    """Return one stored article."""
    rows = db.execute_returning_dicts("select * from articles where id = ?", [article_id])
    return rows[0] if rows else None


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
        db.table("events").update(event_id, _encode(update))
        log_review(db, event_id, reviewer, stamp, action, log)
    return get_event(db, event_id)


def log_review(db: sqlite_utils.Database, event_id: str, reviewer: str, stamp: str, action: str,
               changes: list[tuple[str | None, object, object]]) -> None:
    """Append one decision to `reviews`, a row per (field, before, after); a decision that changed nothing gets one row."""
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


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Return row counts of the main tables."""
    return {name: db.execute(f"select count(*) from [{name}]").fetchone()[0]
            for name in ("articles", "events", "event_sources", "reviews", "runs")}
