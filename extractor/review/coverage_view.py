"""The coverage page's figures: events per month on a full time axis, hromadas reached per oblast as bars and tiles.

Every bar, month and tile links to the event queue filtered to it. The map is a tile grid
(gazetteers/oblast_tiles.csv), the fallback the issue allows: the one PyPI package found with offline
oblast shapes, pygal-maps-ua 1.0.2 (LGPL-3, an SVG from geoBoundaries, CC BY 4.0), would add pygal and
an SVG keyed by its own ids, and is left for later.
"""
from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

import sqlite_utils

from extractor import communities, coverage, store
from extractor.dedup import organizations
from extractor.lexicon import load_csv

MONTH_W = 26  # px per month column
MONTH_H = 120  # px of the tallest month bar
TILE = 84  # px per tile, gap included: "Кропивницький" fits at 10 px
MAX_MONTHS = 120  # a longer period shows its last ten years
MONTH_NAMES = ("січ", "лют", "бер", "кві", "тра", "чер", "лип", "сер", "вер", "жов", "лис", "гру")


@dataclass(frozen=True)
class Month:
    """One month of the time axis: its label, event count, bar height and the queue link."""

    month: str
    label: str
    count: int
    x: int
    height: float
    href: str


@dataclass(frozen=True)
class OblastBar:
    """One oblast: hromadas reached of all, the share as a bar and a tile, and the queue link."""

    oblast: str
    short: str
    reached: int
    total: int
    share: float
    href: str
    col: int | None
    row: int | None


@dataclass(frozen=True)
class Period:
    """The chosen period as YYYY-MM months (empty: open) and review status."""

    since: str = ""
    until: str = ""
    status: str = "approved"

    @classmethod
    def from_params(cls, params) -> Period:
        """Read since/until (YYYY-MM) and status (approved | all) from query parameters, dropping malformed ones."""
        def month(text: str) -> str:
            return text if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() \
                and 1 <= int(text[5:]) <= 12 else ""
        status = str(params.get("status") or "approved")
        return cls(month(str(params.get("since") or "")), month(str(params.get("until") or "")),
                   status if status in coverage.STATUSES else "approved")

    def first_day(self) -> str | None:
        return f"{self.since}-01" if self.since else None

    def last_day(self) -> str | None:
        return f"{self.until}-{monthrange(int(self.until[:4]), int(self.until[5:]))[1]:02d}" if self.until else None


@cache
def tiles() -> dict[str, tuple[str, int, int]]:
    """Return the tile of each oblast prefix: (short label, column, row)."""
    return {r["oblast"]: (r["short"], int(r["col"]), int(r["row"])) for r in load_csv("oblast_tiles.csv")}


def _queue(status: str, **params: str) -> str:
    return "/?" + urlencode({"status": status, **{k: v for k, v in params.items() if v}})


def _months_between(first: str, last: str) -> list[str]:
    """Return every YYYY-MM from first to last, both included."""
    year, month = int(first[:4]), int(first[5:])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def time_axis(counts: list[tuple[str | None, int]], period: Period) -> tuple[list[Month], int]:
    """Return every month of the period (empty months as zero) and the count of undated events apart."""
    dated = {m: n for m, n in counts if m}
    undated = sum(n for m, n in counts if not m)
    first = period.since or min(dated, default="")
    last = period.until or max(dated, default="")
    months = _months_between(first, last)[-MAX_MONTHS:] if first and last else []
    top = max((dated.get(m, 0) for m in months), default=0) or 1
    status = "all" if period.status == "all" else "approved"
    axis = []
    for i, m in enumerate(months):
        n = dated.get(m, 0)
        days = monthrange(int(m[:4]), int(m[5:]))[1]
        axis.append(Month(m, f"{MONTH_NAMES[int(m[5:]) - 1]} {m[2:4]}", n, i * MONTH_W, MONTH_H * n / top,
                          _queue(status, date_from=f"{m}-01", date_to=f"{m}-{days:02d}")))
    return axis, undated


def oblast_bars(cov: coverage.Coverage, status: str) -> list[OblastBar]:
    """Return each oblast's hromadas reached of all, least covered first, with its tile position."""
    bars = []
    for o in cov.oblasts:
        short, col, row = tiles().get(communities.oblast_prefix(o.oblast_code), (o.oblast, None, None))
        bars.append(OblastBar(o.oblast, short, o.reached, o.total, o.reached / o.total if o.total else 0.0,
                              _queue("all" if status == "all" else "approved", region=o.oblast), col, row))
    return bars


def by_body(rows: list[tuple[str | None, int]]) -> list[tuple[str | None, int]]:
    """Return (name, events) rows with each body once whatever the language of its name, most events first.

    "U-LEAD з Європою" and "U-LEAD с Европой" are one bar. A stored event lists each body once (dedup
    unites its sources' names), so the counts add up.
    """
    groups: dict[object, list] = {}
    for name, n in rows:
        if name:
            group = groups.setdefault(organizations.key(name), [[], 0])
            group[0].append((name, organizations.language(name, None)))
            group[1] += n
    return sorted(((organizations.display_name(names), n) for names, n in groups.values()), key=lambda r: (-r[1], r[0]))


def page(db: sqlite_utils.Database, params) -> dict:
    """Return the coverage page's figures for the period and status in the query parameters."""
    period = Period.from_params(params)
    since, until = period.first_day(), period.last_day()
    status = None if period.status == "all" else period.status
    months, undated = time_axis(store.events_per_month(db, since, until, status), period)
    cov = coverage.coverage(db, since, until, status=period.status)
    bars = oblast_bars(cov, period.status)
    return {"period": period, "months": months, "undated": undated, "month_w": MONTH_W, "month_h": MONTH_H,
            "oblasts": bars, "tile": TILE, "reached": sum(b.reached for b in bars),
            "hromadas": sum(b.total for b in bars), "map_cols": 1 + max((b.col or 0) for b in bars),
            "map_rows": 1 + max((b.row or 0) for b in bars)}
