"""Read queries of the review app: the filtered queue, its neighbours, filter choices and coverage.

Plain functions over the store's sqlite_utils Database; every value goes in as a parameter.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from datetime import date

import sqlite_utils

PAGE_SIZE = 50
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The queue's order: pending first (when all statuses are shown), lowest confidence first.
_RANK = "(case when e.review_status = 'pending' then 0 else 1 end)"
# Null confidence sorts first like in _ORDER; the neighbour comparison needs it as a number.
_KEY = f"({_RANK}, coalesce(e.confidence, -1.0), e.id)"


@dataclass(frozen=True)
class QueueFilter:
    """What the reviewer narrowed the queue to; empty strings mean no restriction."""

    status: str = "pending"
    region: str = ""
    event_type: str = ""
    lang: str = ""
    source: str = ""
    date_from: str = ""
    date_to: str = ""

    @classmethod
    def from_params(cls, params) -> QueueFilter:
        """Build a filter from query parameters, dropping malformed dates and unknown statuses."""
        values = {f.name: str(params.get(f.name) or "").strip()[:200] for f in fields(cls)}
        if values["status"] not in ("pending", "approved", "rejected", "all"):
            values["status"] = "pending"
        for key in ("date_from", "date_to"):
            if not _is_date(values[key]):
                values[key] = ""
        return cls(**values)

    def params(self) -> dict[str, str]:
        """Return the non-empty fields as query parameters."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def _is_date(text: str) -> bool:
    try:
        return bool(_ISO_DATE.fullmatch(text)) and bool(date.fromisoformat(text))
    except ValueError:
        return False


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
                       "where a.source = ?)")
        params.append(f.source)
    if f.date_from:
        clauses.append("coalesce(e.end_date, e.start_date) >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("e.start_date <= ?")
        params.append(f.date_to)
    return (" where " + " and ".join(clauses)) if clauses else "", params


def queue_page(db: sqlite_utils.Database, f: QueueFilter, page: int = 1, size: int = PAGE_SIZE) -> QueuePage:
    """Return one page of events matching the filter, in queue order, with source and source count."""
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
        "e.organizers, e.lang, e.confidence, e.review_status, a.source, a.title as article_title, "
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
    """Return the distinct values the queue can be filtered by."""
    def distinct(sql: str) -> list[str]:
        return [r[0] for r in db.execute(sql).fetchall() if r[0] not in (None, "")]
    return {
        "region": distinct("select distinct region from events order by region"),
        "event_type": distinct("select distinct event_type from events order by event_type"),
        "lang": distinct("select distinct lang from events order by lang"),
        "source": distinct("select distinct a.source from event_sources s join articles a on a.id = s.article_id "
                           "order by a.source"),
    }


def status_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Return how many events have each review status."""
    return dict(db.execute("select review_status, count(*) from events group by review_status").fetchall())


def coverage(db: sqlite_utils.Database) -> dict[str, list[tuple[str | None, int]]]:
    """Count approved events by oblast, by month, by topic, by partner (funder) and by organizer."""
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
        "month": rows(f"select substr(e.start_date, 1, 7) as m, count(*) from events e where {approved} "
                      "group by m order by m is not null, m"),
        "topic": by_list("topics"),
        "partner": by_list("partners"),
        "organizer": by_list("organizers"),
    }
