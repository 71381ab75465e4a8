"""Who takes part: audience groups ("для посадових осіб ...") and a stated head count."""
from __future__ import annotations

from extractor import morph
from extractor.events.context import Context
from extractor.events.cues import cue_pattern, cues
from extractor.events.phrases import (
    WORD_TOKEN,
    clip_phrase,
    count_prefix,
    group_separator,
    head_count,
    quote_around,
)


def audience_for(ctx: Context, lo: int, hi: int) -> list[tuple[str, tuple[int, int]]]:
    """Return who takes part: the phrase after a cue (для ..., учасники – ...) or the subject before one."""
    found = []
    for m in cue_pattern("audience_cues").finditer(ctx.text, lo, hi):
        if quote_around(ctx.text, m.start(), m.end()):
            continue  # "для" inside a quoted name is part of the name
        start = m.end()
        while start < hi and ctx.text[start] in " :–—-":
            start += 1
        if start >= hi or (m.group(0).lower() == "для" and not ctx.text[start].islower()):
            continue  # "для Києва" names a place or a body, not people
        a, b = clip_phrase(ctx.text, start, limit=200)
        found += audience_phrases(ctx, count_prefix().match(ctx.text, a).end(), b)
    for m in cue_pattern("audience_subject_cues").finditer(ctx.text, lo, hi):
        sentence_start = ctx.window(m.start())[0]
        clause = max(sentence_start, ctx.text.rfind(",", sentence_start, m.start()) + 1)
        a = clause + len(ctx.text[clause:m.start()]) - len(ctx.text[clause:m.start()].lstrip())
        a = count_prefix().match(ctx.text, a).end()
        if m.start() - a > 3:
            found += audience_phrases(ctx, a, len(ctx.text[:m.start()].rstrip()))
    return found


def audience_phrases(ctx: Context, a: int, b: int) -> list[tuple[str, tuple[int, int]]]:
    """Split an audience phrase into groups of people, each in the nominative."""
    analyzer = morph.analyzer(ctx.lang)
    cuts, depth = [a], 0
    for m in group_separator().finditer(ctx.text, a, b):
        depth = ctx.text.count("«", a, m.start()) - ctx.text.count("»", a, m.start())
        nxt = WORD_TOKEN.match(ctx.text, m.end())
        if depth == 0 and nxt and analyzer.parse(nxt.group())[0].tag.POS == "NOUN":
            cuts += [m.start(), m.end()]
    cuts.append(b)
    groups = []
    for s, e in zip(cuts[::2], cuts[1::2]):
        phrase = ctx.text[s:e].strip(" ,")
        if len(phrase) > 2 and names_people(phrase, ctx.lang):
            groups.append((morph.nominative(phrase, ctx.lang), (s, e)))
    return groups


def names_people(phrase: str, lang: str) -> bool:
    """Tell whether a phrase's head noun denotes people or a body of people ("депутати", "органи")."""
    analyzer = morph.analyzer(lang)
    groups = set(cues()["people_groups"])
    for token in WORD_TOKEN.findall(phrase)[:4]:
        if token.isupper() and len(token) > 1:
            return token.lower() in groups  # an abbreviation: ОТГ, ВПО
        parses = analyzer.parse(token)[:4]
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        if nouns:
            return any("anim" in p.tag or p.normal_form in groups for p in nouns)
        if not any(p.tag.POS in ("ADJF", "PRTF", "NUMR", "PREP") for p in parses):
            return False
    return False


def participants_for(ctx: Context, lo: int, hi: int) -> tuple[int | None, tuple[int, int] | None]:
    """Return a stated head count ("70 старост", "понад 50 учасників")."""
    nouns = cue_pattern("participant_nouns")
    for m in head_count().finditer(ctx.text, lo, hi):
        follow = nouns.match(ctx.text, m.end())
        if follow and 1 < int(m.group(1)) < 100_000:
            return int(m.group(1)), (m.start(1), follow.end())
    return None, None
