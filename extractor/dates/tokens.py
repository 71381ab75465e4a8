"""Cut a text into the tokens of the date grammar, one symbol letter per token.

The grammar (extractor.dates.grammar) then runs a regular expression over the string of
symbols, so finding "3-5 лютого, 10-12 квітня 2022 року" costs one pass of compiled
regexes over the text instead of a date parser call per word.

Symbols: N day number, O day ordinal word, M month, Y year with a year word, Z bare year,
X numeric date (12.04.2024, 2024-04-12, 15.V.2023), Q numeric day.month, q one that may stand alone
("пройде 20.05"), D dash, C comma, S semicolon,
A "and", F "from", T "to/until", P period preposition ("у", "наприкінці"), R relative day
(сьогодні), K relative week or month (минулого тижня), J relative year (минулого року),
W weekday with a preposition or modifier ("у середу"), w bare weekday ("середа"),
V vague ("днями"), x a phrase that is no date ("на сьогодні"), and | where anything else
stands between two tokens. A clock time ("о 10.00") or a weekday in brackets ("(пн)") stands for a space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor.dates.lexicon import DateLexicon, lexicon, norm
from extractor.text import APOSTROPHES, initials

BARRIER = "|"
# Between two tokens of one expression only spaces and at most one line break may stand; after a comma or
# semicolon no line break: a list goes on on its line, and a line ending in one is a page's stamp ("20 листопада
# 2026, 12:30") over a lead that opens with the event's day. After a weekday an opening bracket may stand too:
# "у четвер (3 грудня)" names one day.
_BLANKS = r"[ \t\u00a0\u202f]*"
_GLUE = re.compile(rf"{_BLANKS}(?:\r?\n{_BLANKS})?")
_LINE_GLUE = re.compile(_BLANKS)
_WEEKDAY_GLUE = re.compile(rf"{_BLANKS}\({_BLANKS}")
# "Школа № 1905" is a number, not a year; the digit is tested first, as most positions hold none
_NUM_LEFT = r"(?=\d)(?<![\w.,/:№#])(?<!№\s)"
# An official notice quotes the day ("«15» квітня 2024 р."): the closing quote belongs to the day
_QUOTED_DAY_END = r"(?:(?<=[«\"“]\d)[»\"”]|(?<=[«\"“]\d\d)[»\"”])?"
_NUM_RIGHT = r"(?![\w%]|[.,/:]\d)"
SIGNS = "DCS"  # dash, comma, semicolon: the tokens that may follow a word character directly


@dataclass(frozen=True)
class Token:
    """One grammar token: its symbol, character span and parsed value."""

    sym: str
    start: int
    end: int
    value: object = None


def _alt(words) -> str:
    """Return a regex alternation of words, longest first, spaces and apostrophes loosened.

    A look-ahead for the words' first letters goes in front (`text.initials`): a third of the date stage's time
    went to trying every word at every word start of a text.
    """
    words = sorted({norm(word) for word in words}, key=len, reverse=True)
    if not words:
        return r"(?!x)x"
    parts = [re.escape(word).replace("'", f"[{APOSTROPHES}]").replace(r"\ ", r"\s+") for word in words]
    return rf"{initials(words)}(?:{'|'.join(parts)})"


def word_regex(words) -> str:
    """Return a regex matching any of the words as whole words."""
    return rf"(?<!\w)(?:{_alt(words)})(?!\w)"


@cache
def _token_regex(lang: str) -> re.Pattern:
    lex = lexicon(lang)
    year_word = rf"\s*(?P<{{}}>{_alt(lex.year_words)})(?!\w)"
    bare_weekday = rf"(?:{_alt(lex.weekdays)})"
    # A weekday alone ("крім понеділка") is no date; with a preposition or modifier it is.
    prep, mod = _alt(lex.weekday_prepositions), _alt(lex.weekday_modifiers)
    weekday = rf"(?:(?:{prep})\s+(?:(?:{mod})\s+)?|(?:{mod})\s+){bare_weekday}"
    decade = rf"(?!-(?:{_alt(lex.decade_suffixes)})(?!\w))"
    not_section = "".join(rf"(?<!(?<!\w){re.escape(w)}\s)" for w in lex.day_month_not_after)
    # "17 (понеділок)", "15 травня (ср)": a weekday in brackets glosses the day before it
    gloss = rf"\(\s*(?:{bare_weekday}|(?:{_alt(lex.weekday_abbreviations)})\.?)\s*\)"
    # "10,11 травня": days joined by a bare comma are a list only when a month follows the last
    listed_days = rf"\d{{1,2}}(?:,\d{{1,2}})*\s+(?:{_alt(lex.months)})(?!\w)"
    # "з 10:00 до 13:00", "10:00–13:00", "с 10.00 до 13.00": a day's hours, which a list of days may carry ("3 грудня з
    # 10:00 до 13:00 та 4 грудня ..."); with a dot only ".00", as "з 10.05 по 13.05" are days
    hour = r"\d{1,2}(?::\d\d|\.00)"
    hours = rf"(?:(?:{_alt(lex.from_words)})\s+)?{hour}\s*(?:[-–—]|(?:{_alt(lex.until_words)})(?!\w))\s*{hour}"
    # "15.V.2023", "15 ХІ 2023 р.": a Roman month between a day and a year, upper case ("і", "в" are words)
    roman = "|".join(sorted(map(re.escape, lex.roman_months), key=len, reverse=True))
    roman_date = rf"(?P<rd>\d{{1,2}})(?P<rs>[. \u00a0])(?-i:(?P<rm>{roman}))(?P=rs)(?P<ry>(?:19|20)\d\d)"
    clock = (rf"(?<![\w.:])(?:{hours}|(?:{_alt(lex.clock_prepositions)})\s+\d{{1,2}}[:.]\d\d|\d{{1,2}}:\d\d)"
             rf"(?![\d.:/]?\d)")
    groups = [
        ("h", clock),
        ("g", gloss),
        ("X", rf"{_NUM_LEFT}(?:(?P<xd>\d{{1,2}})[./](?P<xm>\d{{1,2}})[./](?P<xy>\d{{4}}|\d{{2}})"
              rf"|(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)|{roman_date})"
              rf"(?:{year_word.format('xw')}|{_NUM_RIGHT})"),
        ("q", rf"{_NUM_LEFT}{not_section}(?P<bd>\d{{1,2}})\.(?P<bm>\d\d){_NUM_RIGHT}"
              rf"(?!\s*(?:{_alt(lex.units)})(?!\w))"),
        ("Q", rf"{_NUM_LEFT}(?P<qd>\d{{1,2}})[./](?P<qm>\d{{1,2}}){_NUM_RIGHT}"),
        ("Y", rf"{_NUM_LEFT}(?P<y>(?:19|20)\d\d){decade}(?:-?(?:го|му|й|м))?{year_word.format('yw')}"),
        ("Z", rf"{_NUM_LEFT}(?P<z>(?:19|20)\d\d){decade}(?:-(?:го|му|й|м)\b)?{_NUM_RIGHT}"),
        ("N", rf"(?:{_NUM_LEFT}|(?<=\d,)(?={listed_days}))(?P<n>[12]\d|3[01]|0?[1-9])"
              rf"(?:-?(?:{_alt(lex.day_suffixes)}))?{_QUOTED_DAY_END}(?:{_NUM_RIGHT}|(?=,{listed_days}))"),
        ("x", word_regex(lex.not_dates)),
        ("J", word_regex(k for k, (unit, _) in lex.relative_periods.items() if unit == "year")),
        ("K", word_regex(k for k, (unit, _) in lex.relative_periods.items() if unit != "year")),
        ("R", word_regex(lex.relative_days)),
        ("V", word_regex(lex.vague)),
        ("W", rf"(?<!\w){weekday}(?!\w)"),
        ("w", rf"(?<!\w){bare_weekday}(?!\w)"),
        ("O", word_regex(lex.ordinals)),
        ("M", rf"(?<!\w)(?:{_alt(lex.months)})(?:(?<=\.)|(?!\w))"),
        ("P", word_regex(lex.period_words)),
        ("F", word_regex(lex.from_words)),
        ("T", word_regex(lex.until_words)),
        ("A", word_regex(lex.and_words)),
        ("D", r"\s?[-–—‑−‒]\s?"),
        ("C", r","),
        ("S", r";"),
    ]
    # Every token but the signs (last in the list) starts where no word character stands before it: one look
    # behind in front of them all rejects a position inside a word in one test instead of one per symbol, and one
    # look-ahead a position before a space or a mark, as every one of them opens with a word character or "(".
    starts_word = "|".join(f"(?P<{sym}>{body})" for sym, body in groups if sym not in SIGNS)
    signs = "|".join(f"(?P<{sym}>{body})" for sym, body in groups if sym in SIGNS)
    return re.compile(rf"(?<!\w)(?=[\w(])(?:{starts_word})|{signs}", re.IGNORECASE)


def _year(text: str) -> int:
    value = int(text)
    return value if len(text) == 4 else 2000 + value


def _value(sym: str, m: re.Match, lex: DateLexicon):
    """Parse a token's value; None for a number that cannot be a date part."""
    g = m.group
    if sym == "X":
        if g("rd"):
            d, mo, y = int(g("rd")), lex.roman_months[g("rm")], int(g("ry"))
        else:
            d, mo, y = (g("xd"), g("xm"), g("xy")) if g("xd") else (g("id"), g("im"), g("iy"))
            d, mo, y = int(d), int(mo), _year(y)
        return (d, mo, y) if 1 <= d <= 31 and 1 <= mo <= 12 and 1900 <= y <= 2099 else None
    if sym in "Qq":
        d, mo = int(g("qd") or g("bd")), int(g("qm") or g("bm"))
        return (d, mo) if 1 <= d <= 31 and 1 <= mo <= 12 else None
    if sym == "Y":
        return int(g("y"))
    if sym == "Z":
        return int(g("z"))
    if sym == "N":
        return int(g("n"))
    key = " ".join(norm(m.group(sym)).split())
    if sym == "O":
        return lex.ordinals[key]
    if sym == "M":
        return lex.months[key]
    if sym == "R":
        return lex.relative_days[key]
    if sym == "F":
        return key in lex.since_words   # True: "з", which alone opens a period
    if sym == "P":
        return key not in lex.through_words   # True: "у", a point of time; False: "протягом", a whole period
    if sym in "JK":
        return lex.relative_periods[key]
    if sym in "Ww":
        words = key.split()
        modifier = next((lex.weekday_modifiers[w] for w in words[:-1] if w in lex.weekday_modifiers), None)
        return lex.weekdays[words[-1]], modifier
    return True


def _glued(text: str, start: int, end: int, previous: str) -> bool:
    """Tell whether the gap text[start:end] after a token of symbol `previous` joins it to the next token."""
    if previous in "CS":
        return bool(_LINE_GLUE.fullmatch(text, start, end))
    return bool(_GLUE.fullmatch(text, start, end) or previous in "Ww" and _WEEKDAY_GLUE.fullmatch(text, start, end))


def tokenize(text: str, lang: str) -> tuple[list[Token | None], str]:
    """Return the tokens of a text and their symbol string (None and | where a barrier stands)."""
    lex = lexicon(lang)
    tokens: list[Token | None] = []
    symbols: list[str] = []
    last_end = 0
    for m in _token_regex(lang).finditer(text):
        sym = m.lastgroup
        start, end = m.span()
        if sym in "hg":   # a clock time or a bracketed weekday glues what it stands between, as a space would
            if _glued(text, last_end, start, symbols[-1] if symbols else ""):
                last_end = end
            continue
        value = _value(sym, m, lex)
        if value is None:
            continue
        if sym == "D":  # the dash's own spaces belong to the gap, not the span
            start, end = start + (text[start] in " "), end - (text[end - 1] in " ")
        if tokens and not _glued(text, last_end, start, symbols[-1]):
            tokens.append(None)
            symbols.append(BARRIER)
        tokens.append(Token(sym, start, end, value))
        symbols.append(sym)
        last_end = end
    return tokens, "".join(symbols)
