"""Find date expressions in the token symbols and read their day/month/year points.

Why a grammar of our own rather than dateparser: dateparser reads one expression well but
mis-reads the shapes news uses most ("20-22 травня" -> 2022-05-20, "27-29 травня" -> 1929,
lists of session ranges, "09 – 11 червня" -> only the 11th), fills a missing year from the
machine clock, and takes "серед" or "16:52" for dates. The grammar below knows those shapes
and leaves a missing year open; extractor.dates.resolve fills it from the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.dates.tokens import Token

# Lists are bounded so that a page of comma-separated numbers costs linear time, not quadratic.
_MAX_DAYS, _MAX_ITEMS = 31, 12
_DAY = "[NO]"
_DAY_RANGE = f"F?{_DAY}(?:[DT]{_DAY})?"
_YEAR = "[YZJ]"                                                  # 2020 року; минулого року
_DAY_LIST = f"{_DAY_RANGE}(?:[CA]{_DAY_RANGE}){{0,{_MAX_DAYS}}}M{_YEAR}?"   # 20-22 травня; 5, 12 і 19 березня
_WEEKDAY = "(?:[Ww]C?)?"                                         # з понеділка, 1 квітня, по середу, 3 квітня
_CROSS = f"F?{_WEEKDAY}{_DAY}M{_YEAR}?C?[DT]{_WEEKDAY}{_DAY}M{_YEAR}?"   # 30 вересня – 2 жовтня 2021
_NUMERIC_RANGE = "F?[XQqN][DT][XQq]"                            # 12-14.04.2024; з 30.04 по 02.05
# the month first only with a year, as a page's stamp has it: "Листопад 20, 2026" ("у травні 5 громад" counts)
_MONTH_FIRST = "MNC?[YZ]"
_ITEM = f"(?:{_CROSS}|{_NUMERIC_RANGE}|{_DAY_LIST}|{_MONTH_FIRST}|X|F?q)"     # ...; пройде 20.05
# items joined by a comma, a semicolon or "and" (", а також" too)
_DAYS = f"(?:[RWw][CD]?)?T?{_ITEM}(?:(?:[CS]|C?A){_ITEM}){{0,{_MAX_ITEMS}}}(?:C?[Ww])?"   # Сьогодні, 13 вересня
_MONTHS = f"(?:[FP]?M{_YEAR}?[DT]M{_YEAR}?|[FTP]M(?:C?{_YEAR})?|MC?{_YEAR})"    # з березня по травень; у квітні
_YEARS = "(?:[FP]?[YZ][DT][YZ]|[FPT][YZ]|Y)"                        # 2015-2017 рр.; у 2020 році
_RELATIVE = "R[AD]R|F?[Ww][ADT][Ww](?!C?[NOXQq])|[RKJWV]"     # сьогодні і завтра; з понеділка по середу; сьогодні
EXPRESSION = re.compile(f"{_DAYS}|{_MONTHS}|{_YEARS}|{_RELATIVE}")


@dataclass
class Point:
    """One calendar point named in an expression; parts the text does not give are None."""

    day: int | None = None
    month: int | None = None
    year: int | None = None
    year_given: bool = False   # the year is written next to this point, not carried from a later one
    year_offset: int | None = None   # "минулого року": the year relative to the publication date


@dataclass
class Expression:
    """A parsed date expression: its span, the tokens' reading and its kind."""

    start: int
    end: int
    kind: str                                    # "date" | "R" | "K" | "J" | "W" | "V"
    sessions: list[list[Point | None]] = field(default_factory=list)   # [start, end]; None = open
    value: object = None                         # the relative token's value; W: the first and last weekday's
    dated: bool = False                          # "від 6 лютого 2015 року": a document's date
    adverbial: bool = False                      # "у 2014 році", "в березні 2020 року": when its clause happens

    @property
    def points(self) -> list[Point]:
        """Return the distinct points in text order."""
        seen: list[Point] = []
        for pair in self.sessions:
            for p in pair:
                if p is not None and all(p is not q for q in seen):
                    seen.append(p)
        return seen

    @property
    def precision(self) -> str:
        """Return "day", "month" or "year" by the finest part the points give."""
        points = self.points
        if any(p.day is not None for p in points):
            return "day"
        return "month" if any(p.month is not None for p in points) else "year"


@dataclass
class _Walk:
    """The state of reading one expression's tokens: the sessions so far, every point, the days still waiting for
    their month ("20-22 травня"), whether the next point ends a range, and whether the first one has an open start."""

    sessions: list[list[Point | None]] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    no_month: list[Point] = field(default_factory=list)
    link: bool = False
    open_start: bool = False

    def attach(self, p: Point) -> None:
        """Add a point: the end of the session a dash opened, else a session of its own."""
        self.points.append(p)
        if self.link and self.sessions:
            self.sessions[-1][1] = p
        else:
            self.sessions.append([None if self.open_start else p, p])
        self.link = self.open_start = False

    def day(self, v: int, after_month: bool) -> None:
        """Read a day number: the day of the month just read ("Листопад 20, 2026"), else a point awaiting its month."""
        if after_month and self.points and self.points[-1].day is None:
            self.points[-1].day = v
        else:
            p = Point(day=v)
            self.no_month.append(p)
            self.attach(p)

    def numeric(self, s: str, v: tuple) -> None:
        """Read a numeric date ("12.04.2024", "30.04"): its month goes to the days before it, its year to every
        point still without one."""
        p = Point(*v, year_given=s == "X")
        for q in self.no_month:
            q.month = p.month
        self.no_month.clear()
        self.attach(p)
        if s == "X":
            for q in self.points:
                if q.year is None:
                    q.year = p.year

    def month(self, v: int) -> None:
        """Read a month name: the month of the days before it, else a point of a month alone ("у квітні")."""
        if self.no_month:
            for q in self.no_month:
                q.month = v
            self.no_month.clear()
        else:
            self.attach(Point(month=v))

    def year(self, v: int) -> None:
        """Read a year: the year of every point still without one, given next to the last; else a year alone."""
        open_points = [q for q in self.points if q.year is None]
        if not open_points:
            self.attach(Point(year=v, year_given=True))
        for q in open_points:
            q.year = v
        if open_points:
            open_points[-1].year_given = True

    def year_offset(self, v: tuple) -> None:
        """Read a relative year ("минулого року") for every point still without a year."""
        for q in self.points:
            if q.year is None:
                q.year_offset = v[1]

    def dash(self, s: str) -> None:
        """Read a dash or "до": a leading "до" opens the start ("до 19 лютого"), else the next point ends a range."""
        if s == "T" and not self.points:
            self.open_start = True
        else:
            self.link = True

    def step(self, s: str, v: object, after_month: bool) -> None:
        """Read one token by its symbol."""
        if s in "NO":
            self.day(v, after_month)
        elif s in "XQq":
            self.numeric(s, v)
        elif s == "M":
            self.month(v)
        elif s in "YZ":
            self.year(v)
        elif s == "J":
            self.year_offset(v)
        elif s in "DT":
            self.dash(s)
        elif s in "CSA":
            self.link = False


def _read(tokens: list[Token]) -> list[list[Point | None]]:
    """Walk the tokens of one date expression into sessions of points.

    "до 19 лютого" opens the start (None, point); "з 6 квітня" alone opens the end (point, None).
    """
    walk = _Walk()
    previous = ""
    for tok in tokens:
        after_month = previous == "M"
        weekday_comma, previous = tok.sym in "CSA" and previous in "Ww", tok.sym
        if not weekday_comma:   # "по середу, 3 квітня": the weekday's comma ends no range
            walk.step(tok.sym, tok.value, after_month)
    sessions = walk.sessions
    if tokens[0].sym == "F" and tokens[0].value and len(sessions) == 1 and sessions[0][0] is sessions[0][1]:
        sessions[0][1] = None   # "з 6 квітня": a start without an end
    return sessions


def parse(tokens: list[Token | None], symbols: str) -> list[Expression]:
    """Return every date expression of a tokenized text, in order, never overlapping."""
    found = []
    for m in EXPRESSION.finditer(symbols):
        toks = [t for t in tokens[m.start():m.end()] if t is not None]
        first, last = toks[0], toks[-1]
        if first.sym == "R" and all(t.sym in "RAD" for t in toks):   # the first and last day's offsets
            found.append(Expression(first.start, last.end, "R", value=(first.value, last.value)))
            continue
        weekdays = [t.value for t in toks if t.sym in "Ww"]
        if len(toks) == 1 and first.sym in "KJV":
            found.append(Expression(first.start, first.end, first.sym, value=first.value))
            continue
        if weekdays and all(t.sym in "FWwADT" for t in toks):   # the first and last day's weekday readings
            found.append(Expression(first.start, last.end, "W", value=(weekdays[0], weekdays[-1])))
            continue
        sessions = _read(toks)
        if sessions:
            dated = first.sym == "F" and not first.value and len(sessions) == 1 and sessions[0][0] is sessions[0][1]
            expression = Expression(first.start, last.end, "date", sessions, dated=dated)
            expression.adverbial = first.sym == "P" and first.value and expression.precision != "day"
            found.append(expression)
    return found
