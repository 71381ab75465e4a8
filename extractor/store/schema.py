"""The store's file: opening it, its schema and migrations, write transactions, the save path's plain-SQL
writes and the event columns' codec."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import sqlite_utils

from extractor.config import settings

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


# The save path's writes are plain SQL, each statement built once per table and column set: sqlite-utils'
# insert, upsert and update read the table's layout again (PRAGMA table_info) on every call, which was a
# quarter of the time spent saving an article. They write the same rows as sqlite-utils would.
@lru_cache(maxsize=64)
def _insert_sql(table: str, columns: tuple[str, ...], conflict: str) -> str:
    return f"insert {conflict + ' ' if conflict else ''}into [{table}] " \
           f"({', '.join(f'[{c}]' for c in columns)}) values ({', '.join('?' * len(columns))})"


@lru_cache(maxsize=64)
def _upsert_sql(table: str, columns: tuple[str, ...], pk: tuple[str, ...]) -> str:
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c not in pk)
    return _insert_sql(table, columns, "") + f" on conflict ({', '.join(f'[{c}]' for c in pk)}) " + \
        (f"do update set {updates}" if updates else "do nothing")


@lru_cache(maxsize=64)
def _update_sql(table: str, columns: tuple[str, ...], pk: str) -> str:
    return f"update [{table}] set {', '.join(f'[{c}] = ?' for c in columns)} where [{pk}] = ?"


def insert_rows(db: sqlite_utils.Database, table: str, rows: Iterable[dict], conflict: str = "") -> None:
    """Insert rows that all have the keys of the first (`conflict`: "", "or ignore" or "or replace");
    a column left out takes its default. Inside a transaction they need no savepoint of their own: a failure
    rolls the caller's back."""
    rows = list(rows)
    if rows:
        columns = tuple(rows[0])
        with nullcontext() if db.conn.in_transaction else transaction(db):
            db.conn.executemany(_insert_sql(table, columns, conflict), [[r[c] for c in columns] for r in rows])


def upsert_row(db: sqlite_utils.Database, table: str, row: dict, pk: tuple[str, ...]) -> None:
    """Insert a row, or update the columns it has of the row with the same primary key (its rowid kept)."""
    db.execute(_upsert_sql(table, tuple(row), pk), list(row.values()))


def update_row(db: sqlite_utils.Database, table: str, key, row: dict, pk: str = "id") -> None:
    """Write the columns `row` has of the row whose `pk` is `key`; a missing row is an error."""
    found = db.execute(_update_sql(table, tuple(row), pk), [*row.values(), key]).rowcount == 1 if row else \
        db.execute(f"select 1 from [{table}] where [{pk}] = ?", [key]).fetchone() is not None
    if not found:
        raise StoreError(f"no row {key!r} in {table}")


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
        for step in _MIGRATIONS[version:]:
            step(db)
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
    db.execute("create index if not exists keys_event on event_keys(event_id)")  # `run` files them: no keys version yet


def _add_recent_keys_index_v5(db: sqlite_utils.Database) -> None:
    """Schema 5: an index that lists a blocking key's events newest first, so a common title word costs a bounded
    read."""
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


def _add_series_indexes_v8(db: sqlite_utils.Database) -> None:
    """Schema 8: indexes on a source record's series number and name, which the dedup candidate query reads for
    every candidate event (`store.events._candidate_sql`): SQLite takes them from the index, computed once as a
    source is written, instead of parsing each source's JSON again at every read. The expressions must stay the
    query's own."""
    for field in ("ordinal", "series_name"):
        db.execute(f"create index if not exists sources_{field} on event_sources(event_id, "
                   f"json_extract(record, '$.{field}'))")


# The migration steps in order: a store at schema version n runs the steps after the n-th.
_MIGRATIONS = (_create_v1, _add_reprint_index_v2, _add_review_indexes_v3, _add_event_keys_v4,
               _add_recent_keys_index_v5, _add_access_log_v6, _add_participant_hromadas_v7, _add_series_indexes_v8)
SCHEMA_VERSION = len(_MIGRATIONS)


def event_keys_stale(db: sqlite_utils.Database, version: int) -> bool:
    """Tell whether stored events may be filed under other blocking keys than key-making `version` makes: the store
    records another version, or none (its events were filed before versions were recorded, or before schema 4
    gave them keys; or it is new)."""
    row = db.execute("select value from meta where key = 'event_keys_version'").fetchone()
    return row is None or row[0] != str(version)


def mark_event_keys_filed(db: sqlite_utils.Database, version: int) -> None:
    """Record that every stored event is filed under the blocking keys of key-making `version`."""
    upsert_row(db, "meta", {"key": "event_keys_version", "value": str(version)}, ("key",))


def decode_event(row: dict) -> dict:
    """Turn stored JSON text back into lists and dicts, and 0/1 into booleans."""
    out = dict(row)
    for key in JSON_FIELDS:
        if key in out and isinstance(out[key], str):
            out[key] = json.loads(out[key])
    if "online" in out and out["online"] is not None:
        out["online"] = bool(out["online"])
    return out


def encode_event(record: dict) -> dict:
    return {k: (json.dumps(v, ensure_ascii=False) if k in JSON_FIELDS else v)
            for k, v in record.items() if k in EVENT_COLUMNS}


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Return row counts of the main tables."""
    return {name: db.execute(f"select count(*) from [{name}]").fetchone()[0]
            for name in ("articles", "events", "event_sources", "reviews", "runs")}
