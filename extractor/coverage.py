"""Which hromadas were trained and which were not: every KATOTTH hromada with the events it hosted or took part in."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

import sqlite_utils

from extractor import communities, store
from extractor.gazetteer import normalize
from extractor.lexicon import load_toml
from extractor.places import find_places
from extractor.text import LANGS

STATUSES = ("approved", "all")
UK_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_ORDER = {c: chr(0x4E00 + i) for i, c in enumerate(UK_ALPHABET)}  # map letters onto code points in alphabet order


class CoverageError(ValueError):
    """A filter cannot be applied: an unknown status, region or topic."""


@dataclass
class HromadaCoverage:
    """One hromada of the codifier and the events that reached it."""

    hromada_code: str
    hromada: str
    raion: str
    oblast: str
    events: int = 0
    hosted: int = 0  # events held in it (the venue's hromada)
    took_part: int = 0  # events it was named as a participant of
    last_event_date: str | None = None
    topics: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OblastCoverage:
    """How many of an oblast's hromadas the events reached."""

    oblast: str
    oblast_code: str
    reached: int
    total: int


@dataclass
class Coverage:
    """The coverage table, its per-oblast summary and the events counted."""

    rows: list[HromadaCoverage]
    oblasts: list[OblastCoverage]
    events: list[dict]  # the events counted, when asked for


def alphabetical(name: str) -> str:
    """Return a sort key that orders Ukrainian names as the alphabet does (Unicode puts І, Є, Ї before А)."""
    return "".join(_ORDER.get(c, c) for c in name.lower())


@cache
def topic_labels() -> dict[str, str]:
    """Return the Ukrainian label of each topic of the taxonomy, in its order."""
    return {topic: spec["label"] for topic, spec in load_toml("topics.toml").items()}


def _topic_id(topic: str) -> str:
    """Return the taxonomy id of a topic given by id or by its Ukrainian label."""
    for topic_id, label in topic_labels().items():
        if normalize(topic) in (topic_id, normalize(label)):
            return topic_id
    raise CoverageError(f"unknown topic '{topic}' (one of: {', '.join(topic_labels())})")


def oblast_prefixes(region: str) -> set[str]:
    """Return the oblast code prefixes a region name stands for ("Полтавщина", "Полтавская область", "Полтавська")."""
    prefixes = {communities.oblast_prefix(p.code) for lang in LANGS for p in find_places(region, lang)
                if p.kind == "oblast" and p.country == "UA" and p.code}
    wanted = normalize(region).strip()
    prefixes |= {communities.oblast_prefix(h.oblast_code) for h in communities.hromadas()
                 if wanted and normalize(h.oblast).startswith(wanted)}
    if not prefixes - {None}:
        raise CoverageError(f"unknown region '{region}': name a Ukrainian oblast (Полтавська область, Полтавщина)")
    return prefixes - {None}


def event_hromadas(event: dict) -> set[str]:
    """Return the codes of the hromadas an event reached: its venue's and those named as taking part."""
    venue = communities.hromada_of(event.get("settlement_code"))
    named = {h["code"] for h in event.get("participant_hromadas") or [] if isinstance(h, dict) and h.get("code")}
    return named | ({venue.code} if venue else set())


def coverage(db: sqlite_utils.Database, since: str | None = None, until: str | None = None, region: str | None = None,
             topic: str | None = None, status: str = "approved", with_events: bool = False,
             with_crimea: bool = False) -> Coverage:
    """Count, for every hromada of the codifier (of one region if given), the events it hosted or took part in.

    `with_events` also lists the events counted (for the analyst's workbook).
    """
    if status not in STATUSES:
        raise CoverageError(f"unknown status '{status}': {' | '.join(STATUSES)}")
    query = (since, until, None if status == "all" else status, _topic_id(topic) if topic else None)
    prefixes = oblast_prefixes(region) if region else None
    rows = {h.code[:communities.HROMADA_PREFIX]: HromadaCoverage(h.code, h.name, h.raion, h.oblast)
            for h in communities.hromadas()
            if (with_crimea or not h.code.startswith(communities.OCCUPIED_BEFORE_2022))
            and (prefixes is None or communities.oblast_prefix(h.code) in prefixes)}
    for prefix, *counts in store.hromada_reach(db, *query, communities.HROMADA_PREFIX):
        if (row := rows.get(prefix)) is not None:
            row.events, row.hosted, row.took_part, row.last_event_date, row.topics = counts
    codes = {row.hromada_code for row in rows.values()}
    counted = [e for e in store.events_for_coverage(db, *query) if event_hromadas(e) & codes] if with_events else []
    # the gaps first: never reached, then reached longest ago; then by place
    ordered = sorted(rows.values(), key=lambda r: (r.events > 0, r.last_event_date or "", alphabetical(r.oblast),
                                                   alphabetical(r.raion), alphabetical(r.hromada)))
    return Coverage(ordered, oblast_summary(ordered), counted)


def oblast_summary(rows: list[HromadaCoverage]) -> list[OblastCoverage]:
    """Return, per oblast, how many of its hromadas were reached, least covered share first."""
    reached: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for row in rows:
        total[row.oblast] += 1
        reached[row.oblast] += row.events > 0
    codes = {h.oblast: h.oblast_code for h in communities.hromadas()}
    return sorted((OblastCoverage(o, codes[o], reached[o], total[o]) for o in total),
                  key=lambda o: (o.reached / o.total, alphabetical(o.oblast)))
