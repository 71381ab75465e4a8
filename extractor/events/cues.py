"""The word lists of event assembly (gazetteers/event_cues.toml, event_triggers.csv) as patterns."""
from __future__ import annotations

import re
from functools import cache

from extractor.lexicon import load_csv, load_toml


@cache
def cues() -> dict:
    """Return the cue lists and numbers of event assembly."""
    return load_toml("event_cues.toml")


@cache
def cue_pattern(name: str) -> re.Pattern:
    """Return one case-insensitive pattern matching any cue of a list (entries are regular expressions)."""
    entries = sorted(cues()[name], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(entries) + r")(?!\w)", re.IGNORECASE)


@cache
def words(name: str) -> str:
    """Return a list of plain words as a regular-expression alternation."""
    return "|".join(re.escape(w) for w in sorted(cues()[name], key=len, reverse=True))


@cache
def trigger_patterns(lang: str) -> tuple[tuple[re.Pattern, str, float], ...]:
    """Return (pattern, event type, weight) of a language's trigger words, longest first."""
    rows = [r for r in load_csv("event_triggers.csv") if r["lang"] == lang]
    rows.sort(key=lambda r: len(r["pattern"]), reverse=True)
    return tuple((re.compile(r"(?<!\w)" + r["pattern"]), r["event_type"], float(r["weight"])) for r in rows)


@cache
def credit_line(labels: str = "credit_labels") -> re.Pattern:
    """A line opening with a label of the list `labels`: a credit ("Фото:", "Джерело –", "Источник:") by default."""
    return re.compile(r"\s*(?:" + words(labels) + r")\s*[:–—-]", re.IGNORECASE)


def on_credit_line(text: str, pos: int, labels: str = "credit_labels") -> bool:
    """Tell whether `pos` is on a photo or source credit line ("Фото: Совет ..."): who took the photo, not the event's;
    with `labels="contact_labels"`, on a site's contact line ("Адреса: м. Полтава ...")."""
    return bool(credit_line(labels).match(text, text.rfind("\n", 0, pos) + 1, pos))
