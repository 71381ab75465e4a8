"""Article rows: their content hashes, reprint signatures, and skipped or duplicate articles."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

import sqlite_utils

from extractor import reprints
from extractor.store.schema import content_hash, insert_rows, now, transaction, upsert_row

if TYPE_CHECKING:
    from extractor.ingest import Article


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
        f"select a.id, a.minhash from (select article_id, count(*) as shared from article_bands "
        f"where band in ({marks}) and article_id != ? group by article_id order by shared desc limit ?) c "
        "join articles a on a.id = c.article_id where a.status = 'extracted' order by c.shared desc",
        [*keys, article_id, reprints.max_candidates()]).fetchall()
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
    insert_rows(db, "article_bands", ({"band": k, "article_id": article_id} for k in reprints.band_keys(sig)),
                "or ignore")


def article_row(article: Article, lang: str | None, status: str, reason: str | None = None,
                duplicate_of: str | None = None) -> dict:
    """Return the `articles` row of an input article (`lang`: the language it was read in, if any)."""
    return {"id": article.id, "url": article.url, "title": article.title, "lang": lang,
            "published": article.published.isoformat() if article.published else None, "text": article.text,
            "status": status, "reason": reason, "duplicate_of": duplicate_of, "source": article.source}


def _upsert_article(db: sqlite_utils.Database, row: dict, run_id: int | None) -> None:
    upsert_row(db, "articles", {**row, "content_hash": content_hash(row.get("text") or ""), "run_id": run_id,
                                "updated_at": now()}, ("id",))


def put_article(db: sqlite_utils.Database, row: dict, run_id: int | None, signature=None) -> None:
    """Store an article row without its old sources, and its reprint signature (inside the caller's transaction)."""
    # An event a reviewer added by hand keeps its article: a re-extraction never takes it away.
    db.execute("delete from event_sources where article_id = ? and event_id not in "
               "(select id from events where added_by is not null)", [row["id"]])
    _upsert_article(db, row, run_id)
    index_reprint_signature(db, row["id"], signature)


def put_skip(db: sqlite_utils.Database, row: dict, run_id: int | None) -> None:
    """Store the row of an article read but not extracted, without sources (inside the caller's transaction)."""
    db.execute("delete from event_sources where article_id = ?", [row["id"]])
    _upsert_article(db, row, run_id)


def save_duplicate(db: sqlite_utils.Database, article: Article, original: str, run_id: int | None) -> None:
    """Record an article whose text is stored already, under the id `original`."""
    with transaction(db):
        put_skip(db, article_row(article, None, "duplicate", f"same text as {original}", original), run_id)


def article_records(db: sqlite_utils.Database, article_id: str) -> list[dict]:
    """Return the event records stored from one article, in the order they were filed, with their event ids."""
    rows = db.execute("select event_id, record from event_sources where article_id = ? order by rowid",
                      [article_id]).fetchall()
    return [{**json.loads(record), "event_id": event_id} for event_id, record in rows]


def get_article(db: sqlite_utils.Database, article_id: str) -> dict | None:
    """Return one stored article."""
    rows = db.execute_returning_dicts("select * from articles where id = ?", [article_id])
    return rows[0] if rows else None
