"""The word lists of event assembly (gazetteers/event_cues.toml, event_triggers.csv) as patterns."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import groupby

from extractor.config import EventWindows, settings
from extractor.events.nouns import word_forms
from extractor.lexicon import load_csv, load_toml
from extractor.text import WORD_START, initials


@cache
def cues() -> dict:
    """Return the cue lists and numbers of event assembly, each list with the words it includes ([includes]; a
    dotted name is a list inside a table: "councils_congress.members")."""
    data = load_toml("event_cues.toml")
    for name, sources in data["includes"].items():
        path = name.split(".")
        patterns = any(REGEX_SYNTAX.search(entry) for entry in _listed(data, path))
        data = _extended(data, path, [word for source in sources for word in included(source, patterns)])
    return data


def _listed(table: dict, path: list[str]) -> list[str]:
    """Return the list at `path` in a table, empty where there is none yet (a list made of included ones only)."""
    for key in path:
        table = table.get(key, {})
    return table or []


def _extended(table: dict, path: list[str], words: list[str]) -> dict:
    """Return a copy of a table whose list at `path` (made where missing) has `words` added (the loaded file itself
    is left as it is)."""
    key, *rest = path
    return {**table, key: _extended(table.get(key, {}), rest, words) if rest else [*table.get(key, []), *words]}


def included(source: str, patterns: bool = False) -> list[str]:
    """Return the words of a list kept in another data file or table ("dates.toml:background.uk"): plain words,
    which the cue lists' patterns and lemma sets read alike; with `patterns` (the including list is one of
    regular expressions), regular expressions too."""
    name, _, path = source.partition(":")
    found = load_toml(name)
    for key in path.split("."):
        found = found[key]
    if not patterns and any(REGEX_SYNTAX.search(word) for word in found):
        raise ValueError(f"{source}: a list of plain words must include plain words, not regular-expression syntax")
    return list(found)


def windows() -> EventWindows:
    """Return how many characters event assembly reads around a position (extractor.toml, [event_windows])."""
    return settings().event_windows


@cache
def cue_pattern(name: str, lemmas: str = "") -> re.Pattern:
    """Return one case-insensitive pattern matching any cue of a list (entries are regular expressions), or any
    form of a word of the table `lemmas` lists by language when given."""
    forms = {form for lang, words in cues()[lemmas].items() for word in words for form in word_forms(word, lang)} \
        if lemmas else ()
    return re.compile(r"(?<!\w)(?:" + alternation(cues()[name], forms) + r")(?!\w)", re.IGNORECASE)


@cache
def lemma_pattern(name: str, lang: str, end: str = "") -> re.Pattern:
    """Return a case-insensitive pattern of a table's lemma phrases of one language, each word in every form
    ("ещё один" matches "еще одного"), then `end`."""
    phrases = (r"\s+".join(f"(?:{alternation((), word_forms(word, lang))})" for word in phrase.split())
               for phrase in cues()[name][lang])
    return re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")" + end, re.IGNORECASE)


REGEX_SYNTAX = re.compile(r"[.^$*+?{}\[\]\\|()]")  # an entry without these is plain text
HEAD_LETTERS = 4  # how many first letters of each phrase the look-ahead tests
GUARDED_RUN = 20  # entries in a run of plain phrases worth a look-ahead


def alternation(patterns: Iterable[str], phrases: Iterable[str] = ()) -> str:
    """Return regular expressions and plain phrases as one alternation, longest first.

    A run of plain entries that share their first letters gets a look-ahead for those in front: a word that
    starts none of them skips the run in one test instead of one per entry (the organizer verbs' 300 forms
    share about 20 beginnings; the role cues scan 4-5x faster). Only what no entry of the run matches is
    skipped, and the entries keep their order, so the pattern matches what the plain alternation did.
    When every entry spells out its first letter, a look-ahead for those letters goes in front of them all
    (`text.initials`): most words of a text then cost one test.
    """
    entries = [(p, None if REGEX_SYNTAX.search(p) else p) for p in patterns] + [(re.escape(f), f) for f in phrases]
    entries.sort(key=lambda entry: len(entry[0]), reverse=True)
    parts = []
    for plain, run in groupby(entries, key=lambda entry: entry[1] is not None):
        run = list(run)
        heads = sorted({re.escape(text[:HEAD_LETTERS]) for _, text in run}) if plain else ()
        if plain and len(run) >= GUARDED_RUN and len(heads) * 3 <= len(run):  # else the test costs more than it saves
            parts.append(f"(?=(?:{'|'.join(heads)}))(?:{'|'.join(regex for regex, _ in run)})")
        else:
            parts.extend(regex for regex, _ in run)
    firsts = [_first_letters(regex) for regex, _ in entries]
    if not firsts or None in firsts:
        return "|".join(parts)
    return f"{initials(letter for letters in firsts for letter in letters)}(?:{'|'.join(parts)})"


def _first_letters(regex: str) -> list[str] | None:
    """Return the letters every match of an entry starts with ("відбув\\w*": в; "(?:взя\\w*|бра\\w*) участь": в, б),
    or None where the regex does not say."""
    branches = _top_level_branches(regex)
    if len(branches) > 1:
        found = [_first_letters(branch) for branch in branches]
        return None if None in found else [letter for letters in found for letter in letters]
    if regex.startswith("(?:"):
        close = _group_end(regex)
        if close is None or regex[close + 1:close + 2] in ("?", "*", "+", "{"):
            return None
        return _first_letters(regex[3:close])
    if regex.startswith("["):  # "[ув] минулому році": a class of plain letters
        close = _class_end(regex, 0)
        letters = regex[1:close]
        quantified = regex[close + 1:close + 2] in ("?", "*", "+", "{")
        return list(letters) if letters.isalpha() and not quantified else None
    optional = regex[1:2] in ("?", "*", "+", "{")
    return [regex[0]] if regex[:1].isalpha() and not optional else None


def _top_level_branches(regex: str) -> list[str]:
    """Split a regex at the bars outside its groups."""
    cuts = [i for i, char, depth in _syntax(regex) if char == "|" and depth == 0]
    return [regex[i + 1:j] for i, j in zip([-1, *cuts], [*cuts, len(regex)])]


def _group_end(regex: str) -> int | None:
    """Return the index of the parenthesis closing the group that opens a regex, or None."""
    return next((i for i, char, depth in _syntax(regex) if char == ")" and depth == 0), None)


def _syntax(regex: str) -> Iterator[tuple[int, str, int]]:
    """Yield the bars and parentheses of a regex outside its character classes and escapes, with the depth of
    groups after each."""
    depth, i = 0, 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i = _class_end(regex, i)
        elif char in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[char]
            yield i, char, depth
        i += 1


def _class_end(regex: str, i: int) -> int:
    """Return the index of the bracket closing the character class that opens at `i`."""
    j = i + 1 + (regex[i + 1:i + 2] == "^")
    j += regex[j:j + 1] == "]"  # a "]" first in a class is a literal
    while j < len(regex) and regex[j] != "]":
        j += 1 + (regex[j] == "\\")
    return j


@cache
def listed_cue(name: str, end: str = "") -> re.Pattern:
    """Return a case-insensitive pattern of a list's cues as written (list order, no word bounds), then `end`."""
    return re.compile(r"(?:" + "|".join(cues()[name]) + r")" + end, re.IGNORECASE)


@cache
def words(name: str) -> str:
    """Return a list of plain words as a regular-expression alternation."""
    return "|".join(re.escape(w) for w in sorted(cues()[name], key=len, reverse=True))


@cache
def cue_set(*names: str) -> frozenset[str]:
    """Return the words of the plain-word lists named, together: "outsiders", "residents"."""
    return frozenset(word for name in names for word in cues()[name])


@cache
def rubric_separator() -> re.Pattern:
    """A separator between the items of a menu or a rubric line, spaced ("Головна | Новини", "Новости » Общество")."""
    return re.compile(r"\s+(?:" + words("rubric_separators") + r")\s+")


@cache
def trigger_patterns(lang: str) -> tuple[tuple[re.Pattern, str, float], ...]:
    """Return (pattern, event type, weight) of a language's trigger words (and those of lang `any`), longest first."""
    rows = [r for r in load_csv("event_triggers.csv") if r["lang"] in (lang, "any")]
    rows.sort(key=lambda r: len(r["pattern"]), reverse=True)
    return tuple((re.compile(WORD_START + r["pattern"]), r["event_type"], float(r["weight"])) for r in rows)


@cache
def session_words(*kinds: str) -> re.Pattern:
    """Words for one session of a programme: the nouns ("модуль", "сесія", "этап") by default, or the lists named
    (`"nouns", "ordinals"`: also "другий", "второй" standing for a later session's noun)."""
    entries = [w for kind in kinds or ("nouns",) for w in cues()["sessions"][kind]]
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(entries) + r")(?!\w)")


@cache
def credit_line(labels: str = "credit_labels") -> re.Pattern:
    """A line opening with a label of the list `labels`: a credit ("Фото:", "Джерело –", "Источник:") by default."""
    return re.compile(r"\s*(?:" + words(labels) + r")\s*[:–—-]", re.IGNORECASE)


def on_credit_line(text: str, pos: int, labels: str = "credit_labels") -> bool:
    """Tell whether `pos` is on a photo or source credit line ("Фото: Совет ..."): who took the photo, not the event's;
    with `labels="contact_labels"`, on a site's contact line ("Адреса: м. Полтава ...")."""
    return bool(credit_line(labels).match(text, text.rfind("\n", 0, pos) + 1, pos))
