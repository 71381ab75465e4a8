"""Words and sentences of running text, defined once for the stages that read them.

News writes the Ukrainian apostrophe many ways ("м'ясо", "м’ясо", "мʼясо", "м`ясо", "м´ясо"): a word
holds any of them, and `fold_apostrophes` makes them one before a word is looked up. Offsets are those
of the text given: nothing here changes a text's length.
"""
from __future__ import annotations

import importlib
import re
import sys
import types
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from extractor.lexicon import load_toml

LANGS = ("uk", "ru")  # the languages the stages read: their sentences come from tokenize-uk and razdel
APOSTROPHES = "'’ʼ`´‘ʹ"
_TO_APOSTROPHE = str.maketrans({mark: "'" for mark in APOSTROPHES})

# Letters of Roman numerals ("XIV форум"), with the look-alike Cyrillic І and Х Ukrainian pages often type ("ХVІ").
ROMAN_LETTERS = "IVXLCІХ"
ROMAN_LOOKALIKES = str.maketrans({"Х": "X", "І": "I", "Ӏ": "I"})
WORD = re.compile(rf"\w+(?:[{APOSTROPHES}]\w+)*")  # letters and digits with the apostrophes inside them
HYPHENATED = rf"[\w{APOSTROPHES}-]+"  # a word with its hyphenated parts ("онлайн-тренінг", "Кам'янець-Подільський")
HYPHENATED_WORD = re.compile(HYPHENATED)
INLINE_SPACES = re.compile(r"[ \t\u00a0]*")  # blanks on one line, no-break spaces included
UPPER, LOWER = "A-ZА-ЯІЇЄҐЁ", "a-zа-яіїєґё"  # the letters of a character class, Latin and Cyrillic
CAPITALIZED = re.compile(rf"[{UPPER}][\w{APOSTROPHES}-]*")  # a word, hyphenated or not, that starts with a capital
LOWER_CASE = rf"[{LOWER}{APOSTROPHES}-]+"  # a word, hyphenated or not, of lower-case letters only
LETTERS = r"[^\W\d_]+"
LETTER_WORD = re.compile(rf"{LETTERS}(?:[{APOSTROPHES}]{LETTERS})*")  # letters only, apostrophes inside: a name's word
# and hyphens inside ("Івано-Франківськ")
LETTER_WORD_HYPHENATED = re.compile(rf"{LETTERS}(?:[{APOSTROPHES}-]{LETTERS})*")
WORD_START = r"(?<!\w)"  # no letter or digit right before

# Sentences come from the libraries (tokenize-uk's LanguageTool rules for Ukrainian, razdel for Russian);
# scraped pages also set paragraphs and lists by lines, so a blank line and a line that starts a list
# item ("- ...", "• ...", "1. ...") end a sentence before the libraries see the text.
OPENING_QUOTES = "«\"“„"  # the marks that open a quoted name («...», "...", “...”, „...“)
BULLETS = "-–—•*·"  # marks that open a list item (a character class's members: "-" first)
LINE_BREAK = re.compile(rf"\n\s*\n|\n(?=\s*[{BULLETS}\d])")
LIST_NUMBER = re.compile(r"\d{1,3}[.)]")  # a list item's number, which tokenize-uk leaves as a sentence of its own
DIGIT_START = re.compile(r"\d")


SENTENCE_END = re.compile(r"[.!?:;]\s*$")  # a line that ends a sentence (or opens a list after it)


def headline_line(line: str, max_words: int) -> bool:
    """Tell whether a line is a headline: at most `max_words` words, ending no sentence ("У Вінниці відбувся семінар
    для старост"); a blank line is none."""
    return 0 < len(line.split()) <= max_words and not SENTENCE_END.search(line)


def prose_line(line: str, min_words: int) -> bool:
    """Tell whether a line is prose: at least `min_words` words, ending a sentence."""
    return len(line.split()) >= min_words and bool(SENTENCE_END.search(line))


def line_end(text: str, pos: int) -> int:
    """Return where the line holding `pos` ends: at its line break, or at the text's end."""
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def skip_chars(text: str, pos: int, end: int | None = None, chars: str | None = None) -> int:
    """Return where text[pos:end] goes on once the `chars` (any white space by default) opening it are skipped."""
    part = text[pos:end]
    return pos + len(part) - len(part.lstrip(chars))


def fold_apostrophes(word: str) -> str:
    """Write every apostrophe of a word as "'" (the form dictionaries and data files use)."""
    return word.translate(_TO_APOSTROPHE)


def apostrophe_variants(word: str) -> set[str]:
    """Return a word written with each apostrophe ("з'їхалися", "з’їхалися", "зʼїхалися", ...), for patterns of
    whole word forms."""
    return {word.replace("'", mark) for mark in APOSTROPHES}


def initials(words: Iterable[str]) -> str:
    """Return a look-ahead for the first characters of words (any apostrophe for one) to put in front of their
    alternation: without it the regex engine tries every word at every position of a text, with it one test.

    Each word must start with a character its alternation spells literally (not a space it loosens); with no
    words, or an empty one (which matches anywhere), there is nothing to test first.
    """
    words = list(words)
    if not words or not all(words):
        return ""
    firsts = {APOSTROPHES if word[:1] in APOSTROPHES else re.escape(word[:1]) for word in words}
    return f"(?=[{''.join(sorted(firsts))}])"


def word_start_matches(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """Yield the matches of a pattern that opens with WORD_START, as `pattern.finditer(text)` would, faster.

    The engine tries such a pattern at every position of a text; without its look-behind it skips ahead to its
    literal first letters. So the rest is searched for, and the whole pattern is tried only where that matched.
    """
    rest, pos = _without_word_start(pattern), 0
    while (found := rest.search(text, pos)) is not None:
        whole = pattern.match(text, found.start())
        if whole is None:
            pos = found.start() + 1
        else:
            yield whole
            pos = max(whole.end(), whole.start() + 1)


@cache
def _without_word_start(pattern: re.Pattern) -> re.Pattern:
    if not pattern.pattern.startswith(WORD_START):
        raise ValueError(f"{pattern.pattern!r} does not open with {WORD_START!r}")
    return re.compile(pattern.pattern[len(WORD_START):], pattern.flags)


def split_sentences(text: str, lang: str = "uk") -> tuple[tuple[int, int], ...]:
    """Split text into sentence spans (offsets into `text`): the library's sentences within each block of lines."""
    spans = []
    for start, end in _blocks(text):
        block = text[start:end]
        spans += [(start + s, start + e) for s, e in _mend(block, _library_sentences(block, lang), lang)]
    return tuple(spans) or ((0, len(text)),)


def sentence_around(sentences: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[int, int]:
    """Return the span of the sentence (of `split_sentences`) holding text[start:end], or of those it crosses."""
    starts = [s for s, _ in sentences]
    first = max(0, bisect_right(starts, start) - 1)
    last = max(first, bisect_right(starts, end - 1) - 1)
    return sentences[first][0], sentences[last][1]


def _blocks(text: str) -> list[tuple[int, int]]:
    """Return the spans between blank lines and before list items."""
    breaks = [m.span() for m in LINE_BREAK.finditer(text)]
    return list(zip([0] + [e for _, e in breaks], [s for s, _ in breaks] + [len(text)]))


def _library_sentences(block: str, lang: str) -> list[tuple[int, int]]:
    """Return the sentence spans the language's library finds in one block (imported here: their rules load slowly)."""
    if lang == "ru":
        from razdel import sentenize
        return [(s.start, s.stop) for s in sentenize(block) if s.text]  # razdel gives a blank block one empty sentence
    return [(s, e) for _, s, e in _uk_sentences()(block)]


@cache
def _uk_sentences() -> Callable[[str], list[tuple[str, int, int]]]:
    """Return tokenize-uk's sentence splitter. Its SRX engine (choppa) imports xmlschema as it loads, to validate
    rule files, which it is never asked to do here: xmlschema loads on first use instead (0.16 CPU s of a run)."""
    if "xmlschema" not in sys.modules:
        sys.modules["xmlschema"] = _Deferred("xmlschema")
    from tokenize_uk import tokenize_sents_with_spans
    return tokenize_sents_with_spans


class _Deferred(types.ModuleType):
    """Stands for a module until one of its attributes is read, then imports it and hands that attribute over.

    (importlib's LazyLoader cannot serve: on Python 3.11 an `import` statement reads the lazy module's
    `__spec__`, which loads it.)"""

    def __getattr__(self, attr: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


def _mend(block: str, spans: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Join the library's cuts that split one sentence: after a list item's number, and between an
    abbreviated month and its year ("5 трав. | 2021 р.")."""
    mended: list[tuple[int, int]] = []
    for s, e in spans:
        if mended and _joins(block[slice(*mended[-1])], block[s:e], lang):
            mended[-1] = (mended[-1][0], e)
        else:
            mended.append((s, e))
    return mended


def _joins(before: str, after: str, lang: str) -> bool:
    """Whether the library's cut between two sentences falls inside one."""
    if LIST_NUMBER.fullmatch(before):
        return True
    last = before.rsplit(None, 1)[-1].lower()
    return bool(DIGIT_START.match(after)) and last in _month_abbreviations(lang)


@cache
def _month_abbreviations(lang: str) -> frozenset[str]:
    """Return the abbreviated month forms (those ending in ".") the dates stage lists for the language."""
    months = load_toml("dates.toml")["months"]
    langs = [lang] if lang in months else list(months)
    return frozenset(form for code in langs for forms in months[code] for form in forms if form.endswith("."))
