"""Decide whether two event records describe the same real event, and merge them.

Blocking (which stored events are compared at all) is done by the store on dates and place;
this module holds the decision and the merge, as pure functions over event dicts.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from rapidfuzz import fuzz

from extractor.lexicon import load_toml

LIST_FIELDS = ("organizers", "partners", "audience", "topics")
SCALAR_FIELDS = ("event_type", "title", "start_date", "end_date", "date_text", "settlement",
                 "settlement_code", "hromada", "raion", "region", "region_code", "country", "participants")
# A report (held) supersedes an announcement for these fields.
REPORT_WINS = ("start_date", "end_date", "date_text", "participants", "status")


@dataclass(frozen=True)
class Match:
    """A stored event judged the same as a new record, with the reasons."""

    event: dict
    score: float
    reasons: tuple[str, ...]


@cache
def _config() -> dict:
    return load_toml("dedup.toml")


def fold(text: str | None) -> str:
    """Lower-case, fold uk/ru spelling differences and drop punctuation, for fuzzy comparison."""
    if not text:
        return ""
    text = text.lower()
    for src, dst in _config()["fold"].items():
        text = text.replace(src, dst)
    return re.sub(r"[^\w ]+", " ", text).strip()


def date_window(start: str, end: str | None) -> tuple[str, str]:
    """Return the ISO dates `date_slack_days` before start and after end."""
    slack = timedelta(days=_config()["date_slack_days"])
    lo = date.fromisoformat(start) - slack
    hi = date.fromisoformat(end or start) + slack
    return lo.isoformat(), hi.isoformat()


def dates_overlap(a: dict, b: dict) -> bool:
    """Tell whether two records' date ranges overlap (both must have dates)."""
    if not (a.get("start_date") and b.get("start_date")):
        return False
    a_end = a.get("end_date") or a["start_date"]
    b_end = b.get("end_date") or b["start_date"]
    return a["start_date"] <= b_end and b["start_date"] <= a_end


def same_family(a: str | None, b: str | None) -> bool:
    """Tell whether two event types can name the same event."""
    if not a or not b or a == b:
        return True
    return any(a in family and b in family for family in _config()["type_families"])


def same_place(a: dict, b: dict) -> bool | None:
    """Compare venues: True/False when both name one, None when either is silent."""
    for key in ("settlement_code", "settlement", "region"):
        if a.get(key) and b.get(key):
            return fold(a[key]) == fold(b[key])
    return None


def title_similarity(a: dict, b: dict) -> float:
    """Return 0-100 similarity of two titles after folding uk/ru spelling."""
    ta, tb = fold(a.get("title")), fold(b.get("title"))
    if not ta or not tb:
        return 0.0
    return fuzz.token_set_ratio(ta, tb)


def organizer_similarity(a: dict, b: dict) -> float:
    """Return the best 0-100 similarity between any two organizers (or partners) of the records."""
    names_a = [fold(x) for x in (a.get("organizers") or []) + (a.get("partners") or [])]
    names_b = [fold(x) for x in (b.get("organizers") or []) + (b.get("partners") or [])]
    return max((fuzz.token_set_ratio(x, y) for x in names_a for y in names_b), default=0.0)


def compare(a: dict, b: dict) -> Match | None:
    """Decide whether record `b` is the same event as stored event `a`; None if not."""
    cfg = _config()
    if not same_family(a.get("event_type"), b.get("event_type")):
        return None
    place = same_place(a, b)
    if place is False:
        return None
    title = title_similarity(a, b)
    reasons = [f"title {title:.0f}"]
    if dates_overlap(a, b):
        reasons.append("dates overlap")
        organizers = organizer_similarity(a, b)
        if title >= cfg["title_threshold"] or (place and organizers >= cfg["organizer_threshold"]):
            reasons += ["same place"] * bool(place) + [f"organizers {organizers:.0f}"]
            return Match(a, title / 100 + 0.5, tuple(reasons))
        return None
    if a.get("start_date") and b.get("start_date"):
        return None  # both dated, dates apart: different events (or sessions kept apart)
    if title >= cfg["title_threshold_undated"] and place is not False:
        reasons.append("same place" if place else "place unknown")
        return Match(a, title / 100, tuple(reasons))
    return None


def find_match(record: dict, candidates: list[dict]) -> Match | None:
    """Return the best-matching candidate for a record, if any is the same event."""
    best = None
    for candidate in candidates:
        match = compare(candidate, record)
        if match and (best is None or match.score > best.score):
            best = match
    return best


def event_id(record: dict) -> str:
    """Return a stable id for a new event: it never changes when other sources join."""
    key = "|".join(str(record.get(k) or "") for k in ("article_id", "event_type", "start_date", "title",
                                                       "settlement"))
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _union(a: list, b: list) -> list:
    seen = {fold(x) for x in a}
    return list(a) + [x for x in b if fold(x) not in seen and not seen.add(fold(x))]


def merge(existing: dict, record: dict, replace: bool = False) -> dict:
    """Merge a new source's record into a stored event.

    Empty fields are filled; a report supersedes an announcement's dates, head count and
    status; lists are united. `replace` (a re-extraction of the event's own article) lets the
    record's values win. Fields a reviewer changed are never overwritten: a differing
    extracted value is recorded in `conflicts` instead.
    """
    merged = dict(existing)
    reviewed = set(existing.get("reviewed_fields") or [])
    conflicts = list(existing.get("conflicts") or [])
    report_over_announcement = record.get("status") == "held" and existing.get("status") == "announced"
    proposals: dict = {}
    for field in SCALAR_FIELDS + ("status",):
        new = record.get(field)
        if new in (None, "", []) or new == existing.get(field):
            continue
        if field in reviewed or replace or existing.get(field) in (None, "") or (
                report_over_announcement and field in REPORT_WINS):
            proposals[field] = new
    for field in LIST_FIELDS:
        old = existing.get(field) or []
        value = list(record.get(field) or []) if replace else _union(old, record.get(field) or [])
        if value != old and (value or replace):
            proposals[field] = value
    if bool(record.get("online")) != bool(existing.get("online")) and (replace or record.get("online")):
        proposals["online"] = bool(record.get("online"))
    for field, value in proposals.items():
        if field in reviewed:
            conflict = {"field": field, "value": value, "article_id": record.get("article_id")}
            if conflict not in conflicts:
                conflicts.append(conflict)
        else:
            merged[field] = value
    merged["conflicts"] = conflicts
    merged["confidence"] = record.get("confidence") if replace else max(
        existing.get("confidence") or 0.0, record.get("confidence") or 0.0)
    return merged
