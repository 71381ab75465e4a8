"""Tell what a date in an article is for besides an event: a deadline for applications, the page's own
stamp, a document's date, earlier news; or an announcement's labelled event date ("Дата проведення:", "📅").

A year alone may be no time of the article either (other_years): an act's ("Закон ... 2015 року"), a plan's target
or a report's period ("бюджет на 2025 рік"), or when something was made ("утворена у 2017 році")."""
from __future__ import annotations

import re
from functools import cache

from extractor import morph
from extractor.dates.grammar import Expression
from extractor.dates.lexicon import lexicon
from extractor.dates.tokens import word_regex
from extractor.lexicon import load_toml
from extractor.text import APOSTROPHES, LETTER_WORD_HYPHENATED, UPPER

# Where a clause ends: a date's own commas ("Сьогодні, 15 травня") lie inside its span. Any stop before
# a space counts, even after a short word ("до 10 мая. Обучение ...") that the sentence splitter may read as an
# abbreviation.
_CLAUSE_END = re.compile(r"[,;()]|[.!?…](?=\s)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d\d(?!\d)")


def _label_reach() -> int:
    """How far before a date its label or a dateline's place may start (dates.toml, [reach])."""
    return load_toml("dates.toml")["reach"]["label_chars"]


@cache
def words_regex(lang: str, kind: str) -> re.Pattern:
    """Any word of the lexicon's list `kind` (deadline, background, following_days)."""
    return re.compile(word_regex(getattr(lexicon(lang), kind)), re.IGNORECASE)


@cache
def _label_regex(lang: str, kind: str) -> re.Pattern:
    """An event-date label needs its colon or dash ("Коли:"); a stamp label may go without
    ("Опубліковано 12.05")."""
    colon = "[:–—-]" if kind == "event_date_labels" else "[:–—-]?"
    return re.compile(f"{word_regex(getattr(lexicon(lang), kind))}\\s*{colon}\\s*$", re.IGNORECASE)


# A news agency's dateline: a place in capitals and a comma open the paragraph, a stop or comma closes
# the date ("КИЇВ, 15 травня. Укрінформ", "ВЕЛИКИЙ НОВГОРОД, 19 ноября, ФедералПресс."; the cleaner masks
# those with "/ТАСС/"); "АНОНС, 15 травня відбудеться ..." is none.
_DATELINE = re.compile(rf"(?:^|\n)[^\S\n]*[{UPPER}][{UPPER}{APOSTROPHES} .-]+,\s*$")
_DATELINE_END = re.compile(r"[.,]")


def _is_stamp(text: str, start: int, end: int, lang: str) -> bool:
    """Tell the page's own date: after a publication label ("Опубліковано: 12 травня 2021") or in a
    dateline."""
    return (_after_label(text, start, lang, "stamp_labels")
            or bool(_DATELINE_END.match(text, end)
                    and _DATELINE.search(text, max(0, start - _label_reach()), start)))


def _after_label(text: str, start: int, lang: str, kind: str) -> bool:
    """Tell a date right after a label of `kind`: "Дата проведення: 20 травня" (event_date_labels),
    "Опубліковано: 12 травня 2021" (stamp_labels), "Станом на 5 травня" (as_of_labels)."""
    return bool(_label_regex(lang, kind).search(text, max(0, start - _label_reach()), start))


def _signs(signs: tuple[str, ...]) -> str:
    """A regex of any of the signs, the emoji variation selector after it allowed ("🗓️")."""
    return f"(?:{'|'.join(map(re.escape, signs))})\ufe0f?"


@cache
def _date_sign_regex(lang: str) -> re.Pattern:
    """A calendar sign opening a date's line ("📅 27 травня", "🗓 Дата: 27 травня")."""
    return re.compile(f"(?:^|\\n)[^\\S\\n]*{_signs(lexicon(lang).event_date_signs)}[^\\n]*$")


def _after_date_sign(text: str, start: int, lang: str) -> bool:
    """Tell a date on a line a calendar sign opens, the sign at most a label's length before it."""
    return bool(_date_sign_regex(lang).search(text, max(0, start - _label_reach()), start))


@cache
def _detail_line_regexes(lang: str) -> tuple[re.Pattern, re.Pattern]:
    """A venue or time line of an announcement ("Місце: ...", "📍 м. Суми") right before a date's line, and right
    after it."""
    # signs may open the line ("⏰ Час: 10:00", "📍 Місце: ...") or stand for the label ("📍 м. Суми")
    lex = lexicon(lang)
    label = (f"(?:[^\\w\\n]*{word_regex(lex.event_detail_labels)}\\s*[:–—-]"
             f"|[^\\S\\n]*{_signs(lex.event_detail_signs)})")
    return (re.compile(f"(?:^|\\n){label}[^\\n]*\\n\\s*$", re.IGNORECASE),
            re.compile(f"[^\\n]*\\n\\s*{label}", re.IGNORECASE))


def _beside_detail_line(text: str, start: int, end: int, lang: str) -> bool:
    """Tell a date in an announcement's block: on the line next to its venue or time line ("15 квітня, 10:00"
    over "Місце: м. Полтава"), blank lines between allowed."""
    before, after = _detail_line_regexes(lang)
    line_start = text.rfind("\n", 0, start) + 1
    reach = load_toml("dates.toml")["reach"]["detail_line_chars"]
    return bool(line_start and before.search(text, max(0, line_start - reach), line_start) or after.match(text, end))


def _is_background(text: str, start: int, sentence_start: int, lang: str) -> bool:
    """Tell a date of earlier news: "Нагадаємо" or "Ранее" before it in its sentence."""
    return bool(words_regex(lang, "background").search(text, sentence_start, start))


def _is_deadline(text: str, e: Expression, sentence: tuple[int, int], lang: str) -> bool:
    """Tell a date of applications or registration: a deadline word in its clause ("Заявки приймаються до
    10 травня", "Регистрация открыта с 20 апреля"), which dates no event. A clock time beside a whole day
    makes it the event day's programme ("Реєстрація учасників 20 травня о 9:30"); beside an open bound it
    stays a deadline ("до 27 листопада 18:00")."""
    lo, hi = sentence
    left = max((m.end() for m in _CLAUSE_END.finditer(text, lo, e.start)), default=lo)
    right = _CLAUSE_END.search(text, e.end, hi)
    right = right.start() if right else hi
    if not words_regex(lang, "deadline").search(text, left, right):
        return False
    closed = all(None not in pair for pair in e.sessions)
    return not (closed and _CLOCK.search(text, left, right))


@cache
def _document_regex(lang: str) -> re.Pattern:
    """An act's name right before its year: the noun, a few words, a «quoted» title ("Закону України «Про ...»")."""
    between = load_toml("dates.toml")["documents"]["words_between"]
    return re.compile(f"{word_regex(lexicon(lang).documents)}(?:\\s+[^\\s«»,.;:!?]+){{0,{between}}}\\s*"
                      f"(?:«[^«»\\n]*»\\s*)?$", re.IGNORECASE)


@cache
def _scope_regex(lang: str) -> re.Pattern:
    """A word of a plan's target or a report's period right before a year ("на 2025 рік", "за 2023 рік")."""
    return re.compile(f"{word_regex(lexicon(lang).year_scope)}\\s*$", re.IGNORECASE)


_LAST_WORD = re.compile(rf"({LETTER_WORD_HYPHENATED.pattern})[^\S\n]+$")


def _made_then(text: str, start: int, lang: str) -> bool:
    """Tell a year right after a perfective passive participle ("громада, утворена у 2017 році", "основанная в 2016
    году"): the year something was made."""
    last = _LAST_WORD.search(text, max(0, start - _label_reach()), start)
    if not last:
        return False
    tag = morph.analyzer(lang).parse(last.group(1).lower())[0].tag
    return tag.POS in ("ADJF", "PRTF", "PRTS") and {"pssv", "perf"} <= tag.grammemes


def other_years(text: str, start: int, lang: str) -> bool:
    """Tell a year that is not the article's time: one that follows an act's name ("Закон «Про добровільне
    об'єднання територіальних громад» 2015 року", "Хартии 1985 года"), a plan's target or a report's period ("бюджет
    на 2025 рік", "отчет за 2023 год"), or tells when something was made ("утворена у 2017 році")."""
    reach = load_toml("dates.toml")["reach"]["act_name_chars"]
    return bool(_scope_regex(lang).search(text, max(0, start - _label_reach()), start)
                or _document_regex(lang).search(text, max(0, start - reach), start)
                or _made_then(text, start, lang))


def purposes(text: str, e: Expression, sentence: tuple[int, int], lang: str) -> dict[str, bool]:
    """Return the DateMention flags of a parsed date expression in its sentence: deadline, labelled, stamp,
    background, document, as_of."""
    in_block = _beside_detail_line(text, e.start, e.end, lang) or _after_date_sign(text, e.start, lang)
    return {
        "deadline": _is_deadline(text, e, sentence, lang),
        "labelled": _after_label(text, e.start, lang, "event_date_labels") or in_block,
        # "Дата: 15 квітня" over "Час: 10:00" is an announcement's block, not the page's "Дата: 12.05.2021"
        "stamp": not in_block and _is_stamp(text, e.start, e.end, lang),
        "background": _is_background(text, e.start, sentence[0], lang),
        "document": e.dated,
        "as_of": _after_label(text, e.start, lang, "as_of_labels"),
    }
