"""The article's reference date, the day its yearless dates and relative words are read against, and the day a
page's address names.

The reference date is the page's own publication date, else its date stamp ("Дата публікації: 12.03.2021",
"Опубліковано 12 травня 2021"): both are the page showing when it appeared. The day in its address
("/2025/04/21/") is not: the dev set's convention leaves a year the text does not give empty then (dated by the
address, start_date F1 fell on both parts, tune .97 -> .93, check .71 -> .67), so only the duplicate decision
reads it, as weak evidence. The record keeps its own `published`.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from extractor.dates.find import find_dates
from extractor.dates.model import ReferenceDate, as_reference
from extractor.lexicon import load_toml


@cache
def _url_config() -> tuple[tuple[re.Pattern, ...], int, ZoneInfo]:
    cfg = load_toml("dates.toml")["url_dates"]
    return (tuple(re.compile(p, re.IGNORECASE) for p in cfg["patterns"]), cfg["timestamp_first_year"],
            ZoneInfo(cfg["timestamp_zone"]))


def _matched_day(found: re.Match, first_year: int, zone: ZoneInfo, today: date) -> ReferenceDate | None:
    groups = found.groupdict()
    if groups.get("ts"):
        day = datetime.fromtimestamp(int(groups["ts"]), zone).date()
        return ReferenceDate(day, "url") if first_year <= day.year and day <= today else None
    try:
        day = date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    except ValueError:
        return None   # "/2025/13/40/": no day
    return ReferenceDate(day, "url") if day <= today else None


def url_date(url: str | None, today: date | None = None) -> ReferenceDate | None:
    """Return the day a page's address names, by the CMS shapes of dates.toml [url_dates]; None for an
    address without one ("/news/12345/") or a day after `today`."""
    if not isinstance(url, str):
        return None
    patterns, first_year, zone = _url_config()
    today = today or date.today()
    for pattern in patterns:
        if (found := pattern.search(url)) and (day := _matched_day(found, first_year, zone, today)):
            return day
    return None


def stamp_date(mentions) -> ReferenceDate | None:
    """Return the first full date of the page's own stamp among the dates stage's mentions (DateMention)."""
    return next((ReferenceDate(m.start_date, "stamp") for m in mentions
                 if m.stamp and m.precision == "day" and m.start_date and not m.relative), None)


def metadata_stamp(metadata: tuple[str, ...], lang: str) -> ReferenceDate | None:
    """Return the page's date in its labelled metadata lines ("Дата: 30.10.2024 10:03"; clean.Cleaned.metadata),
    which the cleaner masks out of the text the dates stage reads."""
    for line in metadata:
        if found := stamp_date(find_dates(line, lang)):
            return found
    return None


def reference_date(published: date | None, metadata: tuple[str, ...], lang: str) -> ReferenceDate | None:
    """Return the publication date, else the date of a metadata line (clean.Cleaned.metadata); a stamp written
    with a month word ("Опубліковано 12 травня 2021") is read with the text's dates (events/context.py)."""
    return as_reference(published) or metadata_stamp(metadata, lang)
