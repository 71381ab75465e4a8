"""Find every date expression of an article and resolve it to calendar dates.

A date without a year takes one from the article's years near it; days counted from the day before ("наступного
дня", "на следующий день") are resolved against the last day the text named (_following_days)."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from extractor.dates.grammar import Expression, parse
from extractor.dates.model import DateMention, ReferenceDate, as_reference
from extractor.dates.purpose import other_years, purposes, words_regex
from extractor.dates.resolve import (
    YearContext, bounds, fill_years, relative_period, weekday_date,
)
from extractor.dates.status import cue, nearest_tense
from extractor.dates.lexicon import lexicon, norm
from extractor.dates.tokens import Token, tokenize
from extractor.lexicon import load_toml
from extractor.text import LOWER, sentence_around, split_sentences

# A bare number like 2000 followed by a lower-case word counts people, not years.
_COUNTED = re.compile(rf"\s*[{LOWER}]")
# A copyright line's years ("© 2014–2024") are the site's, not the article's.
_COPYRIGHT = re.compile(r"(?:©|\([cс]\))[\s\d–—-]*$", re.IGNORECASE)


def _quote_test(text: str):
    """Return a function telling whether an offset lies inside «...».

    Direct speech often recalls other years ("коли 5 травня 2016 року ухвалили закон ..."), so its
    full dates do not tell the article's year.
    """
    opens = [m.start() for m in re.finditer("«", text)]
    closes = [m.start() for m in re.finditer("»", text)]

    def quoted(pos: int) -> bool:
        o, c = bisect_right(opens, pos - 1), bisect_right(closes, pos - 1)
        return o > 0 and (c == 0 or opens[o - 1] > closes[c - 1])

    return quoted


def _article_years(text: str, lang: str, tokens: list[Token | None], found: list[Expression],
                   quoted: Callable[[int], bool]) -> list[tuple[int, int, bool]]:
    """Return (offset, year, adverbial) of the years the article speaks of: "у 2020 році", "2019:", full dates outside
    quotes; adverbial for a year that tells when its own sentence's happening is ("у 2014 році", "в березні 2020 року").

    Open periods ("з 2017 року", "до 2027 року") name a start or a target, a document's date ("Закон від 6 лютого 2015
    року") or year ("Закон «Про ...» 2015 року") an earlier act, and "на 2025 рік", "за 2023 рік" a plan's or a
    report's year (`purpose.other_years`), not the article's time.
    """
    years = []
    for e in found:
        closed = all(None not in pair for pair in e.sessions)
        if (e.kind == "date" and closed and not e.dated and (e.precision != "day" or not quoted(e.start))
                and not (e.precision == "year" and other_years(text, e.start, lang))):
            years.extend((e.start, p.year, e.adverbial) for p in e.points if p.year)
    starts = [e.start for e in found]
    for tok in tokens:
        if (tok is None or tok.sym != "Z" or _COUNTED.match(text, tok.end)
                or _COPYRIGHT.search(text, max(0, tok.start - 12), tok.start)):
            continue
        i = bisect_right(starts, tok.start) - 1
        # a year outside every expression
        if (i < 0 or tok.start >= found[i].end) and not other_years(text, tok.start, lang):
            years.append((tok.start, tok.value, False))
    return years


def _past_years(text: str, lang: str, sentences: tuple[tuple[int, int], ...],
                years: list[tuple[int, int, bool]]) -> frozenset[int]:
    """Return the offsets of the years in sentences that tell when a past happening was ("Громаду утворили у 2017
    році", "У 2015 та 2016 роках громади об'єдналися"): outside such a sentence, years of something else, not the
    article's. A sentence without a verb ("Це вже третій семінар у 2024 році") or with one of now ("У 2024 році в
    області пройдуть 10 семінарів") is none."""
    past = set()
    for pos, _, adverbial in years:
        if adverbial:
            lo, hi = sentence_around(sentences, pos, pos + 1)
            if nearest_tense(text[lo:hi], lang, pos - lo) == "past":
                past.add((lo, hi))
    return frozenset(pos for pos, _, _ in years if past and sentence_around(sentences, pos, pos + 1) in past)


def _years_near(years: list[tuple[int, int, bool]], at: int, headline_end: int, sentence: tuple[int, int],
                past: frozenset[int]) -> frozenset[int]:
    """Return the years written near an offset or in the headline: one far off in the body speaks of other things
    ("реалізовано в 2022 році"), as one of another sentence's past happening does (`_past_years`: "12 березня
    відбувся семінар. Громаду утворили у 2017 році."); the headline's speaks of the article's own time."""
    reach = load_toml("dates.toml")["year_inference"]["text_year_reach_chars"]
    return frozenset(year for pos, year, _ in years
                     if abs(pos - at) <= reach and (pos not in past or sentence[0] <= pos < sentence[1])
                     or pos < headline_end)


def _by_day_month(found: list[Expression]) -> dict[tuple[int, int], frozenset[int]]:
    """Return the years written with each (day, month) in the text."""
    table: dict[tuple[int, int], set[int]] = {}
    for e in found:
        for p in e.points if e.kind == "date" else ():
            if p.year and p.day and p.month:
                table.setdefault((p.day, p.month), set()).add(p.year)
    return {k: frozenset(v) for k, v in table.items()}


def _date_mention(text: str, e: Expression, ctx: YearContext, tense: str | None) -> DateMention | None:
    points = e.points
    fill_years(points, ctx, tense)
    spans = {id(p): bounds(p, p.year if p.year else 2000) for p in points}   # 2000: a leap year
    if any(s is None for s in spans.values()):
        return None   # "31 червня": not a date
    resolved = {id(p): spans[id(p)] if p.year else None for p in points}
    sessions = []
    for first, last in e.sessions:
        lo = resolved[id(first)][0] if first is not None and resolved[id(first)] else None
        hi = resolved[id(last)][1] if last is not None and resolved[id(last)] else None
        sessions.append((lo, hi))
    if any(lo and hi and lo > hi for lo, hi in sessions):
        return None   # "12.05.2024-10.05.2024": a range that ends before it starts is not a date
    head = next((p for p in points if p.day is not None and p.month is not None), None)
    return DateMention(
        start=e.start, end=e.end, text=text[e.start:e.end],
        start_date=sessions[0][0], end_date=sessions[-1][1], precision=e.precision,
        relative=any(p.year_offset is not None for p in points),
        day_month=(head.day, head.month) if head else None,
        sessions=tuple(sessions) if len(sessions) > 1 else (),
    )


def _relative_mention(text: str, e: Expression, published: date | None, tense: str | None) -> DateMention:
    lo = hi = None
    precision = "day"
    if e.kind in "JK":
        unit, offset = e.value
        precision = unit   # "week" | "month" | "year": a period, not a day
        if published:
            lo, hi = relative_period(unit, offset, published)
    elif published and e.kind == "R":
        lo, hi = (published + timedelta(days=offset) for offset in e.value)
    elif published and e.kind == "W":
        first, last = e.value
        lo = weekday_date(*first, published, tense)
        hi = lo + timedelta(days=(last[0] - first[0]) % 7)   # "з понеділка по середу": the days after the first
    return DateMention(e.start, e.end, text[e.start:e.end], lo, hi, precision, True, None, ())


def find_dates(text: str, lang: str, published: date | ReferenceDate | None = None,
               sentences: tuple[tuple[int, int], ...] = ()) -> list[DateMention]:
    """Return the date expressions of a text, sorted by offset and never overlapping; `sentences` are the
    text's `split_sentences` where the caller has them; `published` is the article's reference date."""
    if not isinstance(text, str) or not text:
        return []
    reference = as_reference(published)
    published = reference.day if reference else None
    tokens, symbols = tokenize(text, lang)
    found = parse(tokens, symbols)
    context = YearContext(published, _by_day_month(found), frozenset())
    quoted = _quote_test(text)
    years = _article_years(text, lang, tokens, found, quoted)
    headline_end = max(text.find("\n"), 0)   # the first line; a text of one line has no headline
    sentences = sentences or (split_sentences(text, lang) if found else ())
    # only a date without a year and without a publication date reads the text's years
    past = _past_years(text, lang, sentences, years) if published is None else frozenset()
    mentions = []
    for e in found:
        tense = None
        sentence = sentence_around(sentences, e.start, e.end)
        if published and (e.kind == "W" or any(p.year is None for p in e.points)):
            # only a weekday or a yearless date against the publication date needs the tense
            tense = cue(text[sentence[0]:sentence[1]], lang, e.start - sentence[0])
        try:
            if e.kind == "date":
                near = _years_near(years, e.start, headline_end, sentence, past)
                local_context = replace(context, article_years=near)
                mention = _date_mention(text, e, local_context, tense)
            else:
                mention = _relative_mention(text, e, published, tense)
        except (ValueError, OverflowError):   # a publication date at the calendar's edge
            mention = None
        if mention is not None:
            mentions.append(replace(mention, quoted=quoted(e.start), **purposes(text, e, sentence, lang)))
    return sorted(mentions + _following_days(text, lang, mentions, sentences), key=lambda m: m.start)


def _following_days(text: str, lang: str, mentions: list[DateMention],
                    sentences: tuple[tuple[int, int], ...]) -> list[DateMention]:
    """Return the days a phrase counts from the day before it ("4 березня ... Наступного дня у Конотопі ...", "На
    следующий день"): the last day of the nearest earlier date to the day, in the phrase's sentence or the one
    before, when its own sentence names no day (then that day is the phrase's: "Наступного дня, 5 березня, ...")."""
    offsets = lexicon(lang).following_days
    if not offsets or not sentences:
        return []
    starts = [a for a, _ in sentences]
    days = [m for m in mentions if m.precision == "day" and (m.end_date or m.start_date)
            and not (m.deadline or m.stamp or m.document or m.as_of)]
    found = []
    for phrase in words_regex(lang, "following_days").finditer(text):
        own = bisect_right(starts, phrase.start()) - 1
        if any(sentences[own][0] <= m.start < sentences[own][1] for m in days):
            continue
        before = [m for m in days if m.end <= phrase.start() and m.start >= sentences[max(0, own - 1)][0]]
        if before:
            day = (before[-1].end_date or before[-1].start_date) + timedelta(days=offsets[norm(phrase.group())])
            found.append(DateMention(phrase.start(), phrase.end(), phrase.group(), day, day, "day", True, None))
    return found
