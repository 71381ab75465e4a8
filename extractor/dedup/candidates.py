"""Blocking: the stored events a new record is compared with (near its dates, or sharing a key)."""
from __future__ import annotations

from datetime import date, timedelta

from extractor import store
from extractor.dedup.normalize import config, generic
from extractor.dedup.profile import PROFILE_FIELDS, Profile, profile


def blocking_keys(record: dict) -> set[str]:
    """Return the keys under which the store files an event: its real title and series-name words and its settlement."""
    return profile_keys(profile(record))


def profile_keys(p: Profile) -> set[str]:
    """Return the blocking keys of a record's profile (`blocking_keys`, for a record already profiled)."""
    keys = {f"t:{s}" for s, _ in p.title + p.series if s not in generic()}
    if p.settlement:
        keys.add(f"s:{p.settlement}")
    return keys


def date_window(start: str, end: str | None) -> tuple[str, str, str]:
    """Return (earliest start, low, high) ISO dates of the stored events whose dates may overlap these.

    Low and high are `date_slack_days` before start and after end; a stored event overlaps when it
    starts by high and ends from low on, and it started at most `longest_event_days` before low
    (a bounded range keeps the store's date query an index range, whatever the store's size).
    """
    slack = timedelta(days=config()["date_slack_days"])
    lo = date.fromisoformat(start) - slack
    hi = date.fromisoformat(end or start) + slack
    earliest = lo - timedelta(days=config()["longest_event_days"])
    return earliest.isoformat(), lo.isoformat(), hi.isoformat()


def candidates(db, record: dict, keys: set[str]) -> list[dict]:
    """Fetch the stored events that could be the same event: dates near the record's, or a shared word or settlement
    (`keys`, the record's blocking keys)."""
    rows = []
    start, end = record.get("start_date"), record.get("end_date") or record.get("start_date")
    if start:
        try:
            window = date_window(start, end)
        except ValueError:
            window = None
        if window:
            # Another region's event is never the same one (the judge vetoes it): not fetched.
            rows = store.events_in_dates(db, PROFILE_FIELDS, *window, record.get("region_code"))
    # Most shared keys first, then the most recently filed (a report follows its announcement).
    rows += store.events_by_keys(db, PROFILE_FIELDS, sorted(keys), config()["recent_per_key"],
                                 config()["max_candidates"])
    return list({r["id"]: r for r in rows}.values())
