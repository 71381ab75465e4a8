"""Hostile text for property tests and the fuzz benchmark: strategies and the invariants each stage keeps.

Words come from the project's own data files (month and weekday forms, place names and their
case forms, trigger patterns), so the generated text reaches deep into the grammars instead of
bouncing off the tokenizer; around them go control characters, mixed scripts, nested quotes and
very long tokens.
"""
from __future__ import annotations

import calendar
from datetime import date
from functools import cache

from hypothesis import strategies as st

from extractor.dates import DateMention
from extractor.dates.lexicon import lexicon
from extractor.lexicon import load_csv

# Characters scrapers leave behind: NUL, C0/C1 controls, zero-width and direction marks, BOM,
# a combining acute, soft hyphen, line/paragraph separators, lone surrogates (from JSON "\ud800").
NOISE = ["\x00", "\x07", "\x0b", "\x0c", "\r", "\x1b", "\x85", "\u00ad", "\u0301", "\u200b", "\u200d",
         "\u202e", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ud800", "\udfff", "\U0001f600"]
PUNCT = [" ", " ", " ", "\n", "\n\n", "\t", ",", ".", ". ", "-", "–", "—", "/", ":", ";", "(", ")", "«", "»",
         "„", "“", "”", "\"", "'", "’", "…", "№", "р.", "г."]
# Latin look-alikes of Cyrillic letters, as in text typed on the wrong keyboard layout.
HOMOGLYPHS = str.maketrans("аеіорсух", "aeiopcyx")


@cache
def date_words() -> tuple[str, ...]:
    """Return every word the date grammar knows, in uk and ru."""
    words: list[str] = []
    for lang in ("uk", "ru"):
        lex = lexicon(lang)
        for table in (lex.months, lex.ordinals, lex.relative_days, lex.relative_periods, lex.weekdays):
            words.extend(table)
        for group in (lex.year_words, lex.from_words, lex.since_words, lex.until_words, lex.and_words,
                      lex.period_words, lex.vague, lex.weekday_prepositions, lex.held, lex.announced):
            words.extend(group)
        words.extend(lex.weekday_modifiers)
    return tuple(sorted(set(words)))


@cache
def place_words() -> tuple[str, ...]:
    """Return a sample of place-name words in their case forms, capitalized as in text."""
    words = []
    for name in ("ua_forms.csv", "ru_forms.csv"):
        for row in load_csv(name)[::40]:
            words.extend(w.capitalize() for w in [row["word"], *row["forms"].split()])
    return tuple(words)


def numbers() -> st.SearchStrategy[str]:
    """Days, months, years and counts as a scraper writes them."""
    return st.one_of(
        st.integers(0, 40).map(str),
        st.integers(1800, 2200).map(str),
        st.integers(0, 99999).map(str),
        st.builds(lambda d, m, y: f"{d:02d}.{m:02d}.{y}", st.integers(0, 39), st.integers(0, 19),
                  st.integers(0, 9999)),
        st.builds(lambda d, e: f"{d}-{e}", st.integers(0, 40), st.integers(0, 40)),
        st.builds(lambda y: f"{y}-ті", st.integers(1900, 2090)),
    )


def tokens() -> st.SearchStrategy[str]:
    """One piece of hostile news text; phrases of date and place words weigh most, to reach the grammars."""
    months = st.sampled_from(tuple(m for lang in ("uk", "ru") for m in lexicon(lang).months))
    word = st.one_of(st.sampled_from(date_words()), st.sampled_from(place_words()))
    phrase = st.lists(st.one_of(st.integers(1, 31).map(str), months, numbers(), word),
                      min_size=2, max_size=6).map(" ".join)   # "з 12 по 14 травня 2024 року"
    return st.one_of(
        phrase, phrase, phrase, phrase, word, word.map(str.upper), word.map(lambda w: w.translate(HOMOGLYPHS)),
        numbers(), st.sampled_from(PUNCT), st.sampled_from(NOISE),
        st.text(max_size=12),                                                # any Unicode at all
        st.builds(lambda c, n: c * n, st.sampled_from("аї9«-. x"), st.integers(200, 20_000)),  # long tokens
        st.integers(1, 60).map(lambda n: "«" * n + "слово" + "»" * n),       # nested quotes
        st.integers(1, 60).map(lambda n: "(«\"" * n),                        # unbalanced openers
    )


def news_text(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Hostile text made of date words, place names, numbers, punctuation and noise."""
    gap = st.sampled_from([" "] * 8 + PUNCT)
    return st.lists(st.tuples(tokens(), gap), max_size=max_pieces).map(lambda pairs: "".join(a + b for a, b in pairs))


def any_text() -> st.SearchStrategy[str]:
    """Either arbitrary Unicode (surrogates included) or hostile news text."""
    return st.one_of(st.text(st.characters(codec=None, exclude_categories=())), news_text())


def publication_dates() -> st.SearchStrategy[date | None]:
    """Publication dates including the calendar's edges."""
    return st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max, date(2024, 2, 29)]))


def check_span(text: str, start: int, end: int, what: str) -> None:
    """Assert that [start, end) is a well-formed span inside the text."""
    assert isinstance(start, int) and isinstance(end, int), f"{what}: offsets {start!r}, {end!r}"
    assert 0 <= start <= end <= len(text), f"{what}: span {start}..{end} outside 0..{len(text)}"


def check_ordered(spans: list[tuple[int, int]], what: str) -> None:
    """Assert that spans are sorted by start and do not overlap."""
    for (_, e1), (s2, _) in zip(spans, spans[1:]):
        assert e1 <= s2, f"{what}: overlapping spans {spans}"


def check_date_mentions(text: str, mentions: list[DateMention], ordered_ends: bool = True) -> None:
    """Assert the dates stage's contract: spans in the text, ordered, valid calendar dates, start <= end."""
    assert isinstance(mentions, list)
    for m in mentions:
        check_span(text, m.start, m.end, "date")
        assert m.text == text[m.start:m.end], f"date text {m.text!r} != text[{m.start}:{m.end}]"
        assert m.end > m.start, f"empty date span at {m.start}"
        for d in (m.start_date, m.end_date, *(x for pair in m.sessions for x in pair)):
            assert d is None or type(d) is date, f"not a date: {d!r}"
        if ordered_ends and m.start_date and m.end_date:
            assert m.start_date <= m.end_date, f"{m.text!r}: start {m.start_date} after end {m.end_date}"
        if m.day_month:
            day, month = m.day_month
            assert 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1], f"day/month {m.day_month}"
        assert m.precision in ("day", "week", "month", "year"), m.precision
    check_ordered([(m.start, m.end) for m in mentions], "dates")


def check_place_mentions(text: str, mentions: list) -> None:
    """Assert the places stage's contract: spans in the text and consistent, ordered, named."""
    assert isinstance(mentions, list)
    for m in mentions:
        check_span(text, m.start, m.end, "place")
        assert m.end > m.start, f"empty place span at {m.start}"
        assert m.text == text[m.start:m.end], f"place text {m.text!r} != text[{m.start}:{m.end}]"
        assert isinstance(m.name, str) and m.name.strip(), f"place without a name at {m.start}"
    check_ordered([(m.start, m.end) for m in mentions], "places")
