"""Event nouns (gazetteers/event_nouns.toml), and verbs of gathering (event_verbs.toml), in every word form, found in
running text.

The data file lists dictionary forms only ("круглий стіл", "стажировка"); pymorphy3's lexemes
give every case and number of each word, so a new event noun is one line of data, not a pattern.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor import morph
from extractor.lexicon import load_toml
from extractor.text import WORD, fold_apostrophes

NOUNS, VERBS = "event_nouns.toml", "event_verbs.toml"  # the lexicons: event nouns, verbs of gathering or learning
FINITE = {"INFN", "VERB"}  # the parts of speech a verb in the lexicon is matched in
JOINER = re.compile(r"[ \t\u00a0]+|\s*[-‐]\s*")  # words of one phrase: a space or a hyphen between them


@dataclass(frozen=True)
class LexiconEntry:
    """One entry of a lexicon (an event noun or a verb of gathering): its word-form sets, event type, weight, kind."""

    phrase: str
    forms: tuple[frozenset[str], ...]
    event_type: str
    weight: float
    kind: str  # "event" (names an event by itself), "named" (heads a programme's own name), "none" (holds an event
    # word but names none: "прес-конференція"), "gathering" (a verb of officials gathering or learning), "taught" (a
    # verb of teaching them)


def word_forms(word: str, lang: str) -> frozenset[str]:
    """Return every form of a word as written in the data file ("навчальна" gives "навчальних", "навчальний" ...).

    The union of the lexemes of the dictionary's parses of it (not guesses), so a homonym's forms
    ("захід": a west and an event) are all in: only event nouns are looked up this way.
    A verb gives its finite forms only: its participles name people ("обучающихся": pupils), not what they do.
    Russian forms come with "ё" and also with "е", as most pages write them ("слёта", "слета").
    """
    parses = [p for p in morph.analyzer(lang).parse(word) if p.is_known] or morph.analyzer(lang).parse(word)[:1]
    forms = {word} | {form.word for p in parses for form in p.lexeme if p.tag.POS != "INFN" or form.tag.POS in FINITE}
    return frozenset(forms | {form.replace("ё", "е") for form in forms})


@cache
def lexicon(lang: str, source: str = NOUNS) -> tuple[LexiconEntry, ...]:
    """Return a language's entries of a lexicon file, longest phrase first."""
    entries = []
    for phrase, (event_type, weight, kind) in load_toml(source)[lang].items():
        words = WORD.findall(phrase.lower())
        forms = tuple(word_forms(w, lang) for w in words)
        entries.append(LexiconEntry(phrase, forms, event_type, float(weight), kind))
    return tuple(sorted(entries, key=lambda e: -len(e.forms)))


def phrases_of_kind(kind: str, lang: str, source: str = NOUNS) -> list[str]:
    """Return a language's entries of a lexicon file of one kind as written ("taught": the verbs of teaching)."""
    return [entry.phrase for entry in lexicon(lang, source) if entry.kind == kind]


@cache
def _first_words(lang: str, source: str) -> dict[str, tuple[LexiconEntry, ...]]:
    """Index the entries by every form of their first word."""
    index: dict[str, list[LexiconEntry]] = {}
    for entry in lexicon(lang, source):
        for form in entry.forms[0]:
            index.setdefault(form, []).append(entry)
    return {form: tuple(entries) for form, entries in index.items()}


def find_lexicon_words(text: str, lang: str, source: str = NOUNS) -> list[tuple[int, int, LexiconEntry]]:
    """Return (start, end, entry) of every entry of the lexicon `source` (event nouns or verbs of gathering) in the
    text, in any word form; at one word the longest phrase wins."""
    words = list(WORD.finditer(text))
    index, found = _first_words(lang, source), []
    for i, word in enumerate(words):
        for entry in index.get(fold_apostrophes(word.group().lower()), ()):
            end = _phrase_end(text, words, i, entry)
            if end is not None:
                found.append((_compound_start(text, words, i), end, entry))
                break
    return found


def _compound_start(text: str, words: list[re.Match], i: int) -> int:
    """Return where the compound holding word `i` starts: a prefix joined by a hyphen belongs to it
    ("онлайн-тренінг")."""
    if i and words[i - 1].end() + 1 == words[i].start() and text[words[i - 1].end()] in "-‐":
        return words[i - 1].start()
    return words[i].start()


def _phrase_end(text: str, words: list[re.Match], i: int, entry: LexiconEntry) -> int | None:
    """Return where an entry ends when its words follow word `i` in order, else None."""
    for k, forms in enumerate(entry.forms[1:], 1):
        if i + k >= len(words):
            return None
        prev, cur = words[i + k - 1], words[i + k]
        if not JOINER.fullmatch(text[prev.end():cur.start()]) or fold_apostrophes(cur.group().lower()) not in forms:
            return None
    return words[i + len(entry.forms) - 1].end()
