"""Turn parsed points into calendar dates: fill missing years, anchor relative words.

A missing year comes, in this order, from the same day and month written with a year
elsewhere in the text, from the publication date (the nearest year, or the tense's side
when the nearest is far), or from the one year the text speaks of (a text naming two years
fixes none). Never from the clock.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from extractor.dates.grammar import Point
from extractor.lexicon import load_toml


@dataclass(frozen=True)
class YearContext:
    """What the article tells about years, for dates written without one."""

    published: date | None
    by_day_month: dict[tuple[int, int], frozenset[int]]   # (day, month) -> years written with it
    article_years: frozenset[int]                          # every year the text speaks of (see find)


def bounds(p: Point, year: int) -> tuple[date, date] | None:
    """Return the first and last day a point stands for in `year`; None if no such day."""
    try:
        if p.month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if p.day is None:
            return date(year, p.month, 1), date(year, p.month, calendar.monthrange(year, p.month)[1])
        day = date(year, p.month, p.day)
        return day, day
    except ValueError:
        return None


def _distance(span: tuple[date, date], anchor: date) -> int:
    lo, hi = span
    return 0 if lo <= anchor <= hi else min(abs((lo - anchor).days), abs((hi - anchor).days))


def _year_from_published(p: Point, published: date, tense: str | None) -> int | None:
    candidates = [(y, bounds(p, y)) for y in (published.year - 1, published.year, published.year + 1)]
    candidates = [(y, b) for y, b in candidates if b]
    if not candidates:
        return None
    cfg = load_toml("dates.toml")["year_inference"]
    nearest = min(candidates, key=lambda c: _distance(c[1], published))
    if _distance(nearest[1], published) <= cfg["nearest_wins_days"] or tense is None:
        return nearest[0]
    slack = timedelta(days=cfg["tense_slack_days"])
    if tense == "held":
        past = [y for y, (lo, _) in candidates if lo <= published + slack]
        return max(past) if past else nearest[0]
    future = [y for y, (_, hi) in candidates if hi >= published - slack]
    return min(future) if future else nearest[0]


def infer_year(p: Point, ctx: YearContext, tense: str | None) -> int | None:
    """Return the year of a point written without one, or None when the text does not fix it."""
    if p.day is not None and p.month is not None:
        same = ctx.by_day_month.get((p.day, p.month), frozenset())
        if len(same) == 1:
            return next(iter(same))
    if ctx.published is not None:
        return _year_from_published(p, ctx.published, tense)
    return next(iter(ctx.article_years)) if len(ctx.article_years) == 1 else None


def _key(p: Point) -> tuple[int, int, int]:
    return (p.year or 0, p.month or 1, p.day or 1)


def fill_years(points: list[Point], ctx: YearContext, tense: str | None) -> None:
    """Give every point a year where the text allows, keeping the points in calendar order."""
    # A year carried back from a later point may be one too late: "30 грудня – 2 січня 2021".
    for a, b in zip(reversed(points[:-1]), reversed(points[1:])):
        if a.year and b.year and not a.year_given and _key(a) > _key(b):
            a.year -= 1
    previous: Point | None = None
    for p in points:
        if p.year is None and p.year_offset is not None:
            p.year = ctx.published.year + p.year_offset if ctx.published else None
        elif p.year is None:
            if previous is not None and previous.year is not None:
                p.year = previous.year
                if _key(p) < _key(previous):
                    p.year += 1
            else:
                p.year = infer_year(p, ctx, tense)
        previous = p


def monday(day: date) -> date:
    """Return the Monday of the week of `day`."""
    return day - timedelta(days=day.weekday())


def relative_period(unit: str, offset: int, published: date) -> tuple[date, date]:
    """Return the week, month or year `offset` units from the publication date's one."""
    if unit == "week":
        first = monday(published) + timedelta(weeks=offset)
        return first, first + timedelta(days=6)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        year, month = divmod(index, 12)
        return date(year, month + 1, 1), date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    return date(published.year + offset, 1, 1), date(published.year + offset, 12, 31)


def weekday_date(weekday: int, modifier: str | None, published: date, tense: str | None) -> date:
    """Return the day a weekday phrase ("в середу", "минулої п'ятниці", "найближчого четверга") points at."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if modifier == "past":
        return published - timedelta(days=back or 7)
    if modifier == "next":
        return published + timedelta(days=ahead or 7)
    if modifier == "this":
        return monday(published) + timedelta(days=weekday)
    if tense == "announced" or modifier == "coming":
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)  # news mostly report: the latest such day
