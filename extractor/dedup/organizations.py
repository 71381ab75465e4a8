"""Canonical organizations: one key per body, whatever the language or spelling of its name.

The registry is `gazetteers/organizations.csv` (id; the Ukrainian and Russian names; aliases,
abbreviations among them): a name matching any of an id's names is that id. A body the registry
does not list ("Полтавська ОДА", "Полтавская облгосадминистрация") is keyed by its canonical word
stems, which fold uk/ru spelling, expand abbreviations and map Ukrainian words to Russian.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from extractor.dedup.normalize import fold, name_stems, title_language
from extractor.lexicon import load_csv


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


def language(name: str, default: str | None) -> str | None:
    """Return the language a name is written in: by its letters, else the record's language."""
    return title_language(name) or default


def display_name(names: list[tuple[str, str | None]]) -> str:
    """Return the name to show for one body named in several ways ((name, lang) pairs, first seen first).

    Where Ukrainian and Russian sources name it, the official Ukrainian name comes first: the
    registry's, else the Ukrainian source's; otherwise the first name as written.
    """
    langs = {lang for _, lang in names}
    if {"uk", "ru"} <= langs:
        body = registry()[1].get(key(names[0][0]))
        if body and "uk" in body.names:
            return body.names["uk"]
        return next(name for name, lang in names if lang == "uk")
    return names[0][0]
