"""Organizers and partners: names after role cues, and known organizations by their kind."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from extractor import morph, ner
from extractor.events.context import Context
from extractor.events.cues import cue_pattern, cues
from extractor.events.detect import Trigger
from extractor.events.phrases import WORD_TOKEN, names_end, split_names
from extractor.lexicon import load_csv


def organizer_after(ctx: Context, trig: Trigger) -> tuple[str, tuple[int, int]] | None:
    """Return the organization named in the genitive right after the event word ("форум Програми Polaris")."""
    tok = WORD_TOKEN.match(ctx.text, trig.end + 1) if ctx.text[trig.end:trig.end + 1] == " " else None
    if not tok or not tok.group()[0].isupper():
        return None
    if morph.lemma(tok.group(), ctx.lang) not in set(cues()["organizer_heads"]):
        return None
    end = names_end(ctx, tok.start())
    return morph.nominative(ctx.text[tok.start():end], ctx.lang), (tok.start(), end)


def names_after(ctx: Context, pattern: re.Pattern, lo: int, hi: int) -> list[tuple[str, tuple[int, int]]]:
    """Return the names (nominative) that follow each cue of `pattern` inside [lo, hi)."""
    found = []
    for m in pattern.finditer(ctx.text, lo, hi):
        start = m.end()
        while start < hi and ctx.text[start] in " :–—-*":
            start += 1
        if start >= hi or not (ctx.text[start].isupper() or ctx.text[start] in "«\"" or
                               ctx.text[start:start + 30].lower().startswith(tuple(cues()["lowercase_name_heads"]))):
            continue
        a, b = start, names_end(ctx, start)
        for s, e in split_names(ctx.text, a, b):
            name = morph.nominative(ctx.text[s:e].strip(), ctx.lang)
            if name and len(name) > 2:
                found.append((name, (s, e)))
    return found


@lru_cache(maxsize=16)
def known_organizations(text: str, lang: str, offset: int = 0) -> tuple:
    """Return the organizations of the project's gazetteer that NER finds in a text (donors, centres, ...).

    Offsets are shifted by `offset`, so a caller may tag only the sentences around an event.
    """
    encodable = LONE_SURROGATE.sub("\ufffd", text)  # NER models need UTF-8; one code point each keeps offsets
    return tuple(replace(e, start=e.start + offset, end=e.end + offset) for e in ner.entities(encodable, lang)
                 if e.label == "ORG" and e.source == "gazetteer")


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@cache
def organization_kinds() -> dict[str, str]:
    """Return the kind (donor_agency, association, ...) of each gazetteer organization id."""
    return {row["id"]: row["kind"] for row in load_csv("organizations.csv")}


def roles_by_kind(ctx: Context, lo: int, hi: int, named: list[str]) -> dict[str, list]:
    """Return known organizations in [lo, hi) not named yet, as partners (funders) or organizers (the rest)."""
    funders = set(cues()["funder_kinds"])
    found: dict[str, list] = {"organizers": [], "partners": []}
    seen = [dedup_key(n) for n in named]
    for e in known_organizations(ctx.text[lo:hi], ctx.lang, lo):  # only the event's sentences: NER is costly
        key = dedup_key(e.text)
        if any(key in s or s in key for s in seen):
            continue
        seen.append(key)
        role = "partners" if organization_kinds().get(e.kb_id) in funders else "organizers"
        found[role].append((morph.nominative(e.text, ctx.lang), (e.start, e.end)))
    return found


def dedup_key(name: str) -> str:
    """Return a name folded for containment checks (case, quotes and spacing ignored)."""
    return re.sub(r"[\W_]+", "", name.lower())


def roles(ctx: Context, lo: int, hi: int) -> dict[str, list]:
    """Return organizers and partners named in the article body."""
    organizers = names_after(ctx, cue_pattern("organizer_cues"), lo, hi)
    partners = names_after(ctx, cue_pattern("partner_cues"), lo, hi)
    seen: set[str] = set()
    return {"organizers": [x for x in organizers if not (x[0] in seen or seen.add(x[0]))],
            "partners": [x for x in partners if not (x[0] in seen or seen.add(x[0]))]}
