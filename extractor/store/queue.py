"""Reads of the review app: the filtered queue, its neighbours, filter choices, counts, and what a reviewer sees
beside an event (articles where nothing was found, events that could be the same).

Plain functions over the store's sqlite_utils Database; every value goes in as a parameter.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import sqlite_utils

if TYPE_CHECKING:
    from extractor.review.forms import QueueFilter

PAGE_SIZE = 50
_INPUT_SUFFIX = re.compile(r"(?:[:#]\d+)+$")  # "dump.jsonl:12", "list.json#3": the record's place in its file
# The articles where nothing was found that the nothing-found view ranks: the most recently stored.
MISSED_MAX = 2000
# The queue's order: pending first (when all statuses are shown), lowest confidence first.
_RANK = "(case when e.review_status = 'pending' then 0 else 1 end)"
# Null confidence sorts first like in _ORDER; the neighbour comparison needs it as a number.
_KEY = f"({_RANK}, coalesce(e.confidence, -1.0), e.id)"


def site_of(url: str | None, source: str | None) -> str:
    """Return the site an article came from: its URL's host without www., else its input file."""
    host = urlsplit(url or "").hostname if (url or "").lower().startswith(("http://", "https://")) else None
    if host:
        return host.removeprefix("www.")
    return _INPUT_SUFFIX.sub("", source or "").rsplit("/", 1)[-1]


def _with_site(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """Give the connection the SQL function site(url, source)."""
    try:
        db.conn.create_function("site", 2, site_of, deterministic=True)
    except sqlite3.ProgrammingError:  # a closed connection: the query itself will say so
        pass
    return db


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue and how many events match in all."""

    rows: list[dict]
    total: int
    page: int
    pages: int


def _where(f: QueueFilter) -> tuple[str, list]:
    clauses, params = [], []
    if f.status != "all":
        clauses.append("e.review_status = ?")
        params.append(f.status)
    for column, value in (("e.region", f.region), ("e.event_type", f.event_type), ("e.lang", f.lang)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if f.source:
        clauses.append("e.id in (select s.event_id from event_sources s join articles a on a.id = s.article_id "
                       "where site(a.url, a.source) = ?)")
        params.append(f.source)
    if f.date_from:
        clauses.append("coalesce(e.end_date, e.start_date) >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("e.start_date <= ?")
        params.append(f.date_to)
    return (" where " + " and ".join(clauses)) if clauses else "", params


def queue_page(db: sqlite_utils.Database, f: QueueFilter, page: int = 1, size: int = PAGE_SIZE) -> QueuePage:
    """Return one page of events matching the filter, in queue order, with site and source count."""
    _with_site(db)
    where, params = _where(f)
    total = db.execute(f"select count(*) from events e{where}", params).fetchone()[0]
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    # Within one review status the rank is constant; leaving it out lets the status index give the order.
    order = f"{_RANK}, e.confidence, e.id" if f.status == "all" else "e.confidence, e.id"
    # Page through ids alone first: deep offsets then skip index entries, not joined rows.
    ids = [r[0] for r in db.execute(f"select e.id from events e{where} order by {order} limit ? offset ?",
                                    [*params, size, (page - 1) * size]).fetchall()]
    rows = db.execute_returning_dicts(
        "select e.id, e.event_type, e.title, e.start_date, e.end_date, e.date_text, e.settlement, e.region, "
        "e.country, e.organizers, e.lang, e.confidence, e.review_status, site(a.url, a.source) as site, "
        "a.title as article_title, "
        "(select count(*) from event_sources s where s.event_id = e.id) as n_sources "
        f"from events e left join articles a on a.id = e.article_id where e.id in ({','.join('?' * len(ids))})",
        ids)
    by_id = {r["id"]: {**r, "organizers": _list(r["organizers"])} for r in rows}
    return QueuePage([by_id[i] for i in ids if i in by_id], total, page, pages)


def _list(cell: str | None) -> list[str]:
    """Decode a JSON list cell, treating anything else as empty."""
    try:
        value = json.loads(cell or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def neighbour(db: sqlite_utils.Database, f: QueueFilter, event_id: str, step: int) -> str | None:
    """Return the id of the event after (step=1) or before (step=-1) this one in the filtered queue."""
    _with_site(db)
    row = db.execute(
        f"select {_RANK}, coalesce(e.confidence, -1.0), e.id from events e where e.id = ?", [event_id]).fetchone()
    if row is None:
        return None
    where, params = _where(f)
    op, order = (">", "asc") if step > 0 else ("<", "desc")
    key_order = ", ".join(f"{part} {order}" for part in (_RANK, "coalesce(e.confidence, -1.0)", "e.id"))
    where = f"{where} and" if where else " where"
    found = db.execute(f"select e.id from events e{where} {_KEY} {op} (?, ?, ?) order by {key_order} limit 1",
                       [*params, *row]).fetchone()
    return found[0] if found else None


def choices(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Return the distinct values the queue can be filtered by (sources as sites, not input lines)."""
    _with_site(db)

    def distinct(sql: str) -> list[str]:
        return [r[0] for r in db.execute(sql).fetchall() if r[0] not in (None, "")]
    return {
        "region": distinct("select distinct region from events order by region"),
        "event_type": distinct("select distinct event_type from events order by event_type"),
        "lang": distinct("select distinct lang from events order by lang"),
        "source": distinct("select distinct site(a.url, a.source) as site from event_sources s "
                           "join articles a on a.id = s.article_id order by site"),
    }


def status_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Return how many events have each review status."""
    return dict(db.execute("select review_status, count(*) from events group by review_status").fetchall())


def coverage(db: sqlite_utils.Database) -> dict[str, list[tuple[str | None, int]]]:
    """Count approved events by oblast, by topic, by partner (funder) and by organizer (months: coverage_view)."""
    approved = "e.review_status = 'approved'"

    def rows(sql: str) -> list[tuple[str | None, int]]:
        return [(r[0], r[1]) for r in db.execute(sql).fetchall()]

    def by_list(column: str) -> list[tuple[str | None, int]]:
        # A malformed JSON cell counts as an empty list instead of failing the whole page.
        return rows(f"select j.value, count(distinct e.id) as n from events e, "
                    f"json_each(case when json_valid(e.{column}) then e.{column} else '[]' end) j "
                    f"where {approved} group by j.value order by n desc, j.value")
    return {
        "region": rows(f"select e.region, count(*) as n from events e where {approved} "
                       "group by e.region order by n desc, e.region"),
        "topic": by_list("topics"),
        "partner": by_list("partners"),
        "organizer": by_list("organizers"),
    }


def articles_without_events(db: sqlite_utils.Database, limit: int = MISSED_MAX) -> list[dict]:
    """Return the most recently stored extracted articles that are the source of no event."""
    return db.execute_returning_dicts(
        "select a.id, a.url, a.title, a.lang, a.published, a.source, a.text, a.content_hash from articles a "
        "where a.status = 'extracted' and not exists (select 1 from event_sources s where s.article_id = a.id) "
        "order by a.updated_at desc, a.id limit ?", [limit])


def events_near(db: sqlite_utils.Database, event: dict, limit: int = 8) -> list[dict]:
    """Return other events that could be this one: dates overlapping it, else the same region and type."""
    columns = "select id, title, event_type, start_date, end_date, settlement, region, review_status from events "
    if event.get("start_date"):
        return db.execute_returning_dicts(
            columns + "where id != ? and start_date <= ? and coalesce(end_date, start_date) >= ? "
            "order by start_date, id limit ?",
            [event["id"], event.get("end_date") or event["start_date"], event["start_date"], limit])
    return db.execute_returning_dicts(
        columns + "where id != ? and coalesce(region, '') = ? and event_type = ? order by id limit ?",
        [event["id"], event.get("region") or "", event.get("event_type"), limit])
