"""Canonical organizations: one key per body, whatever the language or spelling of its name.

The registry is `gazetteers/organizations.csv` (id; the Ukrainian and Russian names; aliases,
abbreviations among them): a name matching any of an id's names is that id. A body the registry
does not list ("Полтавська ОДА", "Полтавская облгосадминистрация") is keyed by its canonical word
stems, which fold uk/ru spelling, expand abbreviations and map Ukrainian words to Russian.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from extractor.dedup.normalize import WORD, config, fold, name_stems, proper_stems, stems, stopwords, title_language
from extractor.lexicon import load_csv
from extractor.text import LANGS, OPENING_QUOTES

QUOTED = re.compile(rf"[{OPENING_QUOTES}]([^{OPENING_QUOTES}»”]+)")  # a quoted name inside a longer one


@dataclass(frozen=True)
class Body:
    """An organization of the registry: its id and its names by language."""

    id: str
    names: dict[str, str]  # "uk" | "ru" | "any" -> the canonical name in that language


@cache
def registry() -> tuple[dict[frozenset[str], str], dict[str, Body]]:
    """Return (stems of every name and alias -> id, id -> Body) of the registry's named rows."""
    by_stems: dict[frozenset[str], str] = {}
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for row in load_csv("organizations.csv"):
        if not row["name"]:  # a pattern row ("* обласна рада") names no one body
            continue
        names[row["id"]][row["lang"]] = row["name"]
        for name in [row["name"], *row["aliases"].split("|")]:
            stems = name_stems(name)
            if stems:
                by_stems.setdefault(stems, row["id"])
    return by_stems, {id_: Body(id_, dict(langs)) for id_, langs in names.items()}


def key(name: str) -> str | frozenset[str]:
    """Return the registry id of an organization name, else its canonical stems (its folded text when it has none)."""
    stems = name_stems(name)
    if not stems:  # only stop words or letters: one name only as itself
        return f"text:{fold(name)}"
    return registry()[0].get(stems, stems)


def spelled_out(name: str, other: str) -> str:
    """Spell out the abbreviations of `name` ("КФУ") that the initials of a run of `other`'s words make.

    Stop words ("и", "та") are skipped in the run: "ВШГМУ" is "Высшая школа государственного и
    муниципального управления".
    """
    others = [w for w in WORD.findall(other) if len(w) > 1 and fold(w) not in stopwords()]
    initials = "".join(fold(w)[0] for w in others)
    out = []
    for token in WORD.findall(name):
        letters = fold(token)
        at = initials.find(letters) if token.isupper() and 2 <= len(token) <= 6 and token not in others else -1
        out.extend(others[at:at + len(letters)] if at >= 0 else [token])
    return " ".join(out)


def _overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and 2 * len(a & b) / (len(a) + len(b)) >= config()["same_name_dice"]


@lru_cache(maxsize=100_000)  # a stored event's list is compared with each new source's: the same pairs again
def same_body(a: str, b: str) -> bool:
    """Tell whether two names in one list are one body (or one group of people), whatever the language.

    One registry id; or, spelling out abbreviations by the other name's words, stems that overlap
    almost wholly (unless each names a place or person the other does not), or the one's words
    leading the other's ("Мастерская управления «Сенеж»" of "Мастерская управления «Сенеж»
    Президентской платформы") or its quoted name's.
    """
    key_a, key_b = key(a), key(b)
    if key_a == key_b:
        return True
    if isinstance(key_a, str) and isinstance(key_b, str):  # two bodies of the registry
        return False
    full_a, full_b = spelled_out(a, b), spelled_out(b, a)
    words_a, words_b = [s for s, _ in stems(full_a)], [s for s, _ in stems(full_b)]
    if proper_stems(full_a) - set(words_b) and proper_stems(full_b) - set(words_a):  # "Волинської" / "Рівненської"
        return False
    return (_overlap(frozenset(words_a), frozenset(words_b))
            or _leads(words_a, b, words_b) or _leads(words_b, a, words_a))


def _leads(words: list[str], other: str, other_words: list[str]) -> bool:
    """Tell whether a name of a few words leads another name, or the quoted name inside it ("Совет муниципальных
    образований" of "Ассоциация «Совет муниципальных образований Омской области»": a body by its own name, without
    its legal form)."""
    if len(words) < config()["same_name_lead_words"] or len(words) >= len(other_words):
        return False
    quoted = QUOTED.search(other)
    return other_words[:len(words)] == words or bool(quoted) and [
        s for s, _ in stems(quoted.group(1))][:len(words)] == words


def language(name: str, default: str | None) -> str | None:
    """Return the language a name is written in: by its letters, else the record's language."""
    return title_language(name) or default


def display_name(names: list[tuple[str, str | None]]) -> str:
    """Return the name to show for one body named in several ways ((name, lang) pairs, first seen first).

    Where Ukrainian and Russian sources name it, the official Ukrainian name comes first: the
    registry's, else the Ukrainian source's; otherwise the first name as written.
    """
    langs = {lang for _, lang in names}
    if set(LANGS) <= langs:
        body = registry()[1].get(key(names[0][0]))
        if body and "uk" in body.names:
            return body.names["uk"]
        return next(name for name, lang in names if lang == "uk")
    return names[0][0]
