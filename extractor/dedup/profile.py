"""The normalized view of an event record that the duplicate decision reads."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extractor import morph
from extractor.dedup.normalize import (config, day_months, generic, head_stems, name_stems, names_part, ordinal,
                                       place_key, proper_stems, stems, title_language, title_years)
from extractor.text import LANGS

# The fields of a record that `profile` reads (besides the publication dates): the store fetches
# just these of its candidate events.
PROFILE_FIELDS = ("event_type", "title", "ordinal", "series_name", "organizers", "partners", "audience",
                  "participants", "start_date", "end_date", "date_text", "settlement", "settlement_code", "region",
                  "region_code", "status")


@dataclass(frozen=True, slots=True)
class Profile:
    """The normalized view of one event record that the decision reads."""

    event_type: str | None
    title: tuple[tuple[str, str], ...]  # (canonical stem, folded word) of each title word
    series: tuple[tuple[str, str], ...]  # the same of the series' name by the title ("ІІІ Польсько-український форум")
    head: frozenset[str]  # the stems of the name before a colon and its theme ("Форум громад: відновлення")
    ordinal: int | None  # the number of the event in its series ("VIII форум" -> 8)
    years: frozenset[int]  # the years its title names ("Форум громад 2024"): the edition of a yearly event
    part: bool  # the title names a part of a programme ("модуль", "етап") rather than the whole
    organizers: tuple[frozenset[str], ...]  # canonical stems of each organizer or partner name
    audience: tuple[frozenset[str], ...]  # canonical stems of each audience phrase
    audience_heads: frozenset[str]  # the first letters of each audience phrase's head noun ("глави" of "голови громад")
    proper: tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]  # their places and people, by name
    participants: int | None  # how many took part, as the report counts them
    nameless: bool  # the title names no event: no real word, or most of one audience phrase
    bare: bool  # the title is event words only ("форум", "навчальний семінар")
    settlement: str
    settlement_code: str
    region: str
    region_code: str
    start: int | None  # date ordinals
    end: int | None
    published: tuple[int, int] | None  # earliest and latest publication of its articles
    report: bool  # it reports a held event (an undated report tells of the last days before its publication)
    announced: bool  # it announces an event (an undated announcement tells of the days after its publication)
    day_months: frozenset[tuple[int, int]]  # (month, day) an undated record's date words name without a year
    lang: str  # "uk", "ru" or "" : the language of the title
    places: tuple[str, str]  # settlement and region as written, for the reasons people read


@lru_cache(maxsize=4096)
def _day_number(value) -> int | None:
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except (TypeError, ValueError):
        return None


def _phrases(value) -> list[str]:
    """Return the names of a list field (organizers, audience), skipping what is not text."""
    return [n for n in value if isinstance(n, str)] if isinstance(value, list) else []


def among(stem: str, stems_: frozenset[str]) -> bool:
    """Tell whether a stem is one of `stems_`, a short form matching its longer stem ("глав" of "главы")."""
    return stem in stems_ or len(stem) >= 4 and any(
        len(other) >= 4 and (other.startswith(stem) or stem.startswith(other)) for other in stems_)


def _nameless(title: tuple[tuple[str, str], ...], audience: tuple[frozenset[str], ...]) -> bool:
    """Tell whether a title names no event: it has no real word, or it is most of one of its audience phrases."""
    real = frozenset(s for s, _ in title if s not in generic())
    for phrase in audience:
        phrase_words = phrase - generic()
        if not real or phrase_words and all(among(s, phrase_words) for s in real) and \
                2 * sum(among(w, real) for w in phrase_words) >= len(phrase_words):
            return True
    return False


def _heads(phrases: list[str], lang: str) -> frozenset[str]:
    """Return the first letters of the stem of each audience phrase's head noun ("голови громад", "главы
    поселений": "глав"; "муниципальные служащие": "служ"), unless the noun names anyone ("учасники")."""
    cfg = config()
    nouns = (morph.head_noun(phrase, title_language(phrase) or lang) for phrase in phrases)
    heads = (found[0][0][:cfg["audience_head_letters"]] for found in map(stems, nouns) if found)
    return frozenset(h for h in heads if h not in cfg["vague_audience_heads"])


def _label(value) -> str:
    return sys.intern(value.split("|")[-1]) if isinstance(value, str) else ""


def profile(record: dict) -> Profile:
    """Normalize an event record (or a stored event) for comparison."""
    names = _phrases(record.get("organizers")) + _phrases(record.get("partners"))
    title = stems(record.get("title"))
    phrases = _phrases(record.get("audience"))
    audience = tuple(map(name_stems, phrases))
    start = _day_number(record.get("start_date"))
    end = _day_number(record.get("end_date")) if start else None
    published = [_day_number(record.get(k)) for k in ("published_min", "published_max", "published")]
    published = [p for p in published if p]
    event_type = record.get("event_type")
    date_text = record.get("date_text")
    number = record.get("ordinal")
    number = number if isinstance(number, int) and number > 0 else ordinal(record.get("title"))
    return Profile(
        event_type=event_type if isinstance(event_type, str) else None,
        title=title,
        series=stems(record.get("series_name")),
        head=head_stems(record.get("title")),
        ordinal=number,
        years=title_years(record.get("title")),
        part=names_part(record.get("title")) or names_part(record.get("series_name")),
        organizers=tuple(map(name_stems, names)),
        audience=audience,
        audience_heads=_heads(phrases, lang if (lang := record.get("lang")) in LANGS else "uk"),
        proper=(tuple(map(proper_stems, names)), tuple(map(proper_stems, phrases))),
        participants=count if isinstance(count := record.get("participants"), int) and count > 0 else None,
        nameless=_nameless(title, audience),
        bare=all(s in generic() for s, _ in title),
        settlement=place_key(record.get("settlement")),
        settlement_code=str(record.get("settlement_code") or ""),
        region=place_key(record.get("region")),
        region_code=str(record.get("region_code") or ""),
        start=start,
        end=max(end or start, start) if start else None,
        published=(min(published), max(published)) if published and not start else None,
        report=record.get("status") == "held",
        announced=record.get("status") == "announced",
        day_months=day_months(date_text) if isinstance(date_text, str) and date_text and not start else frozenset(),
        lang=title_language(record.get("title")),
        places=(_label(record.get("settlement")), _label(record.get("region"))),
    )
