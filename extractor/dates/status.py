"""Tell held from announced events by tense and cue words, else by date."""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from extractor import morph
from extractor.dates.lexicon import lexicon, norm
from extractor.dates.model import DateMention
from extractor.dates.tokens import word_regex
from extractor.lexicon import load_toml
from extractor.text import INLINE_SPACES, LETTER_WORD_HYPHENATED

# A verb's tense tells the event's status as the cue words do: present counts as held (the event has started).
_TENSE_STATUS = {"past": "held", "pres": "held", "futr": "announced"}


@cache
def _cue_regex(lang: str) -> re.Pattern:
    lex = lexicon(lang)
    return re.compile(f"(?P<held>{word_regex(lex.held)})|(?P<announced>{word_regex(lex.announced)})", re.IGNORECASE)


def cue(sentence: str, lang: str, at: int | None = None) -> str | None:
    """Return "held"/"announced" from the cue word nearest to `at` (else the first), or None."""
    hits = [(m.start(), m.lastgroup) for m in _cue_regex(lang).finditer(sentence)]
    if not hits:
        return None
    if at is None:
        return hits[0][1]
    return min(hits, key=lambda h: abs(h[0] - at))[1]


def verb_tense(text: str, lang: str, at: int | None = None) -> str | None:
    """Return "held"/"announced" from the tense of the finite verb nearest to `at` (else the first), or None.

    The fallback where no cue word speaks: "взяла активну участь", "участь взяли", "проходил", "примут".
    """
    return _TENSE_STATUS.get(nearest_tense(text, lang, at))


def nearest_tense(text: str, lang: str, at: int | None = None) -> str | None:
    """Return the grammatical tense ("past", "pres", "futr") of the finite verb nearest to `at` (else the first)."""
    analyzer = morph.analyzer(lang)
    hits = []
    for m in LETTER_WORD_HYPHENATED.finditer(text):
        tag = analyzer.parse(m.group().lower())[0].tag
        if tag.POS == "VERB" and tag.tense in _TENSE_STATUS:
            hits.append((m.start(), tag.tense))
    if not hits:
        return None
    return min(hits, key=lambda h: abs(h[0] - at))[1] if at is not None else hits[0][1]


def cue_beside(text: str, start: int, end: int, lang: str) -> str | None:
    """Return "held"/"announced" from a cue word right beside an event word, or None.

    The verb of the event noun itself ("стартовала образовательная программа", "семінар
    відбувся") outranks the tense of the sentence that gives its dates ("С 10 по 14 ноября
    депутаты будут изучать ...": the days ahead of a programme that has started).
    """
    pattern = _cue_regex(lang)
    before = [m for m in pattern.finditer(text, max(0, start - 40), start) if not text[m.end():start].strip()]
    if before:
        return before[-1].lastgroup
    after = pattern.match(text, INLINE_SPACES.match(text, end).end())
    return after.lastgroup if after else None


@cache
def _continues_regex(lang: str, anchored: bool = True) -> re.Pattern:
    return re.compile(word_regex(lexicon(lang).continues) + ("\\s*$" if anchored else ""), re.IGNORECASE)


def goes_on(sentence: str, lang: str) -> bool:
    """Tell a sentence that says an event goes on ("триває", "продолжается", "триватиме")."""
    return bool(_continues_regex(lang, anchored=False).search(sentence))


def runs_until(sentence: str, when: DateMention | None, lang: str, published: date | None) -> bool:
    """Tell whether an event goes on until a day not yet past: a verb of going on right before an end date
    alone ("Обучение продлится до 19 февраля", published on the 16th)."""
    if not (when and published and when.start_date is None and when.end_date and published <= when.end_date):
        return False
    at = sentence.find(when.text)
    return at > 0 and bool(_continues_regex(lang).search(sentence, 0, at))


@cache
def _opens_regex(lang: str) -> re.Pattern:
    lex = lexicon(lang)
    return re.compile(f"{word_regex(lex.opens)}(?!\\s+{word_regex(lex.opens_not_before)})", re.IGNORECASE)


@cache
def _postponed_regex(lang: str) -> re.Pattern:
    return re.compile(word_regex(lexicon(lang).postponed), re.IGNORECASE)


def tells_postponed(sentence: str, lang: str) -> bool:
    """Tell a sentence that moves an event to another day ("Семінар перенесено з 1 квітня на 15 квітня")."""
    return bool(_postponed_regex(lang).search(sentence))


def tells_start_only(sentence: str, lang: str) -> bool:
    """Tell a sentence that dates an event's start or opening, not the event ("Сьогодні стартував
    семінар", "Сегодня состоялось открытие"): a day there leaves the end open."""
    return bool(_opens_regex(lang).search(sentence))


def event_status(sentence: str, lang: str, when: DateMention | None, published: date | None,
                 own_cue: str | None = None) -> str:
    """Return "held", "announced" or "unknown": the event word's own cue (`cue_beside`), cue words
    in the sentence, else the date.

    A range that began before the publication date and goes on past it has started: held,
    whatever the tense ("Стажування триватиме з 4 по 12 вересня", published on the 8th).
    So has one that goes on until a day ahead ("Обучение продлится до 19 февраля").
    """
    if isinstance(published, datetime):
        published = published.date()
    try:
        if when and published and when.start_date and when.end_date and when.start_date < published <= when.end_date:
            return "held"
        if runs_until(sentence, when, lang, published):
            return "held"
        if own_cue:
            return own_cue
        at = sentence.find(when.text) if when is not None and when.text else -1
        found = cue(sentence, lang, at if at >= 0 else None)
        if found:
            return found
        day = when and (when.start_date or when.end_date)
        if day and published:
            return "held" if day <= published else "announced"
    except (TypeError, AttributeError, ValueError):
        pass
    return "unknown"


@cache
def _closing_regexes(lang: str) -> tuple[re.Pattern, re.Pattern]:
    lex = lexicon(lang)
    counted = (rf"(?<!\w)(?P<days>\d{{1,2}})(?:-{word_regex(lex.duration_suffixes)}"
               rf"|\s+{word_regex(lex.day_nouns)})")
    return (re.compile(word_regex(lex.closes), re.IGNORECASE),
            re.compile(f"{counted}|{word_regex(lex.durations)}", re.IGNORECASE))


def length_in_days(sentence: str, lang: str) -> int | None:
    """Return how many days a sentence says an event runs ("триденний семінар", "триватиме три дні",
    "продлится 3 дня"), else None."""
    length = _closing_regexes(lang)[1].search(sentence)
    if not length:
        return None
    if length.group("days"):
        return int(length.group("days")) or None
    return lexicon(lang).durations[" ".join(norm(length.group()).split())]


def days_before_close(sentence: str, lang: str) -> int | None:
    """Return how many days before its one named day an event began when the sentence says it closed
    then and how long it ran ("Вчора завершився триденний семінар": 2), else None."""
    days = length_in_days(sentence, lang)
    if not days or not _closing_regexes(lang)[0].search(sentence):
        return None
    return days - 1


@cache
def _verb_regexes(lang: str, kind: str) -> tuple[re.Pattern, re.Pattern]:
    verb = word_regex(getattr(lexicon(lang), kind))
    # before the day a few words may stand between ("завершиться у Полтаві 12 квітня"), no clause break; after
    # it the verb follows at once ("2 квітня розпочався, а 3 квітня завершився семінар")
    gap = load_toml("dates.toml")["reach"]["verb_gap_chars"]
    return (re.compile(f"{verb}[^,;.!?\n]{{0,{gap}}}$", re.IGNORECASE),
            re.compile(f"[^\\S\n]+{verb}", re.IGNORECASE))


def _verb_beside(text: str, start: int, end: int, lang: str, kind: str) -> bool:
    before, after = _verb_regexes(lang, kind)
    reach = load_toml("dates.toml")["reach"]["verb_chars"]
    return bool(before.search(text, max(0, start - reach), start) or after.match(text, end))


def ends_on(text: str, start: int, end: int, lang: str) -> bool:
    """Tell a day, text[start:end], that a verb of ending gives ("розпочнеться 10 квітня, а завершиться 12
    квітня", "а 12 квітня завершиться")."""
    return _verb_beside(text, start, end, lang, "closes")


def lasts_until(text: str, start: int, end: int, lang: str) -> bool:
    """Tell a day, text[start:end], that a verb of going on gives ("Вона триватиме до 22 березня", "Оно продлится до
    22 марта")."""
    return _verb_beside(text, start, end, lang, "continues")


def starts_on(text: str, start: int, end: int, lang: str) -> bool:
    """Tell a day, text[start:end], that a verb of starting gives ("семінар, який розпочався вчора", "2 квітня
    розпочався")."""
    return _verb_beside(text, start, end, lang, "opens")
