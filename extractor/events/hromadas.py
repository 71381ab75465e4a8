"""The hromadas that took part in an event, resolved to KATOTTH codes, and the country the event belongs to.

A hromada is named as a place phrase ("старости Любешівської, Маневицької та Колківської громад",
"представники Бродівської міської громади", the host "Гуменецька громада" of a study visit) or as
an item of a list after a head word ("12 громад Полтавщини: Решетилівська, Білицька, …").
Same-named hromadas are told apart by the oblast named in the same sentence. A region alone
("голови громад Тернопільщини") names no hromada and gives none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor import communities
from extractor.events.context import Context
from extractor.events.cues import windows
from extractor.events.phrases import list_separator
from extractor.events.record import Event
from extractor.lexicon import load_toml
from extractor.places import PlaceMention, find_places
from extractor.text import CAPITALIZED

SENTENCES_BEFORE = 1  # participants are named near the event: the sentence before its trigger ...
SENTENCES_AFTER = 4  # ... to a few after it ("Участь у навчанні взяли ...")


@dataclass(frozen=True)
class HromadaRef:
    """A hromada named in the text: its KATOTTH code, nominative name and where it is named."""

    code: str
    name: str
    start: int
    end: int

    def to_dict(self) -> dict:
        """Return the stored form: {code, name, evidence}."""
        return {"code": self.code, "name": self.name, "evidence": [self.start, self.end]}


@cache
def _words(lang: str) -> dict:
    return load_toml("hromadas.toml")["ru" if lang == "ru" else "uk"]


@cache
def _list_pattern(lang: str) -> re.Pattern:
    """Match a head word, up to a few words of region, and a colon: "громад Полтавщини:"."""
    heads = "|".join(re.escape(h) for h in _words(lang)["list_heads"])
    return re.compile(rf"(?<!\w)(?:{heads})\w*[^\n:.;]{{0,{windows().list_heading}}}:\s*", re.IGNORECASE)


@cache
def _item_pattern(lang: str) -> re.Pattern:
    """Match one list item: a capitalized name (hyphen and apostrophe allowed) and its type words."""
    types = "|".join(re.escape(t) for t in _words(lang)["types"])
    return re.compile(rf"{CAPITALIZED.pattern}(?:\s+(?:{types}))?")


def _oblasts_near(ctx: Context, pos: int) -> set[str]:
    """Return the oblast prefixes of the places named in the sentence holding `pos`."""
    lo, hi = ctx.window(pos)
    return {communities.oblast_prefix(p.code or (p.candidates[0] if p.candidates else None))
            for p in ctx.places if lo <= p.start < hi and p.kind != "hromada" and p.country == "UA"} - {None}


def _resolved(codes: list[str], oblasts: set[str]) -> str | None:
    """Return the one code left when same-named hromadas are narrowed to the oblasts of the sentence."""
    narrowed = [c for c in codes if communities.oblast_prefix(c) in oblasts] if len(codes) > 1 else codes
    return narrowed[0] if len(narrowed) == 1 and narrowed[0] in communities.by_code() else None


def _ref(ctx: Context, mention: PlaceMention, start: int, end: int) -> HromadaRef | None:
    code = _resolved([mention.code] if mention.code else list(mention.candidates), _oblasts_near(ctx, start))
    if code is None:
        return None
    name = mention.name if mention.code and not mention.in_org_name else communities.by_code()[code].name
    return HromadaRef(code, name, start, end)


def named_hromadas(ctx: Context, lo: int, hi: int) -> list[HromadaRef]:
    """Return the hromadas named as place phrases between offsets lo and hi (a council's too: "Бродівської міської
    ради")."""
    refs = (_ref(ctx, p, p.start, p.end) for p in ctx.places if lo <= p.start < hi and p.kind == "hromada")
    return [r for r in refs if r is not None]


def listed_hromadas(ctx: Context, lo: int, hi: int) -> list[HromadaRef]:
    """Return the hromadas listed after a head word and a colon between offsets lo and hi."""
    text, found = ctx.text, []
    for head in _list_pattern(ctx.lang).finditer(text, lo, hi):
        pos = head.end()
        while (item := _item_pattern(ctx.lang).match(text, pos)) is not None:
            if (ref := _resolve_item(ctx, item.start(), item.end())) is not None:
                found.append(ref)
            join = list_separator().match(text, item.end())
            if join is None:
                break
            pos = join.end()
    return found


@cache
def _before_pattern() -> re.Pattern:
    """Match, at the end of a stretch, a capitalized name and the comma or joining word after it: "Маневичской и "."""
    return re.compile(rf"({CAPITALIZED.pattern})(?:{list_separator().pattern})$")


def _resolve_item(ctx: Context, start: int, end: int) -> HromadaRef | None:
    """Resolve a bare hromada name (any case) as "<name> <head noun>" through the place stage."""
    for mention in find_places(f"{ctx.text[start:end]} {_words(ctx.lang)['head_noun']}", ctx.lang):
        if mention.kind == "hromada":
            return _ref(ctx, mention, start, end)
    return None


def coordinated_hromadas(ctx: Context, lo: int, hi: int) -> list[HromadaRef]:
    """Return the names coordinated before a hromada phrase that the place stage left out of it.

    "Любешовской, Маневичской и Колковской громад": a name the gazetteer does not know in the
    middle breaks the place stage's chain, so the names before it are read here one by one.
    """
    found = []
    for place in ctx.places:
        if not (lo <= place.start < hi and place.kind == "hromada"):
            continue
        end, reach = place.start, windows().hromada_name
        while (item := _before_pattern().search(ctx.text, max(lo, end - reach), end)) is not None:
            if (ref := _resolve_item(ctx, item.start(1), item.end(1))) is not None:
                found.append(ref)
            end = item.start()
    return found


def participating(ctx: Context, lo: int, hi: int) -> list[HromadaRef]:
    """Return each hromada named between lo and hi once, in order of first mention."""
    first: dict[str, HromadaRef] = {}
    found = named_hromadas(ctx, lo, hi) + listed_hromadas(ctx, lo, hi) + coordinated_hromadas(ctx, lo, hi)
    for ref in sorted(found, key=lambda r: r.start):
        first.setdefault(ref.code, ref)
    return list(first.values())


def country_of(event: Event, refs: list[HromadaRef], lang: str) -> tuple[str | None, list[int] | None]:
    """Return (ISO code, evidence) of an event's country: its venue's, else its hromadas' (UA), else its organizers'."""
    if event.country:
        return event.country, event.evidence.get("settlement") or event.evidence.get("region")
    if refs:
        return "UA", [refs[0].start, refs[0].end]
    for name in event.organizers:
        countries = [p.country for p in find_places(name, lang) if p.country]
        if countries:
            return countries[0], event.evidence.get("organizers")
    return None, None


def add_hromadas(ctx: Context, event: Event, trigger_start: int, scope: tuple[int, int]) -> None:
    """Fill an event's participating hromadas and its country (with evidence) from the text around its trigger."""
    lo, hi = ctx.window(trigger_start, before=SENTENCES_BEFORE, after=SENTENCES_AFTER)
    if scope != ctx.window(trigger_start):  # a list item: its own hromadas only
        lo, hi = scope
    refs = participating(ctx, lo, hi)
    event.participant_hromadas = [r.to_dict() for r in refs]
    if refs:
        event.evidence["participant_hromadas"] = [refs[0].start, refs[0].end]
    event.country, span = country_of(event, refs, ctx.lang)
    if event.country and span:
        event.evidence["country"] = list(span)
