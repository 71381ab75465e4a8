"""Find event words and decide which of them name an event of this article."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor import morph
from extractor.events.context import Context
from extractor.events.cues import cue_pattern, cues, trigger_patterns, windows, words
from extractor.events.nouns import find_nouns
from extractor.events.phrases import WORD_TOKEN, quote_around

LIST_ITEM = re.compile(r"^\s*(?:[-–—•*]|\d+[.)])\s*", re.MULTILINE)


@dataclass(frozen=True)
class Trigger:
    """A word naming an event, with how strongly it suggests one."""

    start: int
    end: int
    text: str
    event_type: str
    weight: float
    kind: str = "event"  # "named": the head of a programme's own name (gazetteers/event_nouns.toml)


def find_triggers(text: str, lang: str) -> list[Trigger]:
    """Find event words (lexicon nouns in any form, and patterns); where they overlap the weightier, then longer, wins."""
    lowered = text.lower()
    # "навчальний візит" (1.0) beats "візит до громади" (0.6); patterns come first, so a compound they
    # spell out ("семінар-тренінг") beats a noun of the same weight and length.
    candidates = [Trigger(m.start(), m.end(), text[m.start():m.end()], event_type, weight)
                  for pattern, event_type, weight in trigger_patterns(lang) for m in pattern.finditer(lowered)]
    candidates += [Trigger(s, e, text[s:e], entry.event_type, entry.weight, entry.kind)
                   for s, e, entry in find_nouns(text, lang)]
    found: list[Trigger] = []
    taken = [False] * len(text)
    for trig in sorted(candidates, key=lambda t: (-t.weight, t.start - t.end, t.start)):
        if any(taken[trig.start:trig.end]):
            continue
        found.append(trig)
        for i in range(trig.start, trig.end):
            taken[i] = True
    return sorted(found, key=lambda t: t.start)


def event_word_end(text: str, pos: int, lang: str, named: bool = False) -> int | None:
    """Return where the event word starting at `pos` ends ("Конференції", "форуму"), if one starts there.

    Heads of names ("Академія", "Школа") count only when `named`: they head organizations' names as often.
    """
    window = text[pos:pos + windows().event_word]
    return next((t.end + pos for t in find_triggers(window, lang)
                 if t.start == 0 and (named or t.kind == "event")), None)


RULE_FEATURES = ("occurrence", "day_date", "next_day_date", "place", "lead", "inside_name", "aboutness", "activity")
# Every feature trigger_features() returns: the rules' cues, then what only the classifier weighs.
TRIGGER_FEATURES = RULE_FEATURES + ("weight", "headline", "named_head", "capitalized", "quoted_name_after", "plural",
                                    "online")


def trigger_features(ctx: Context, trig: Trigger) -> dict[str, float]:
    """Return what the sentence around a trigger says of it: the rules' cues and what the classifier adds."""
    i = ctx.sentence_of(trig.start)  # per-sentence facts are computed once an article: many triggers share a sentence
    s, e = ctx.sentences[i]
    quote = quote_around(ctx.text, trig.start, trig.end)
    about = bool(_aboutness().search(ctx.text[max(s, trig.start - windows().word_before):trig.start]))
    plural = is_plural(ctx, trig)
    return {
        "weight": trig.weight,
        "occurrence": float(i in ctx.sentences_with(cue_pattern("occurrence"))),
        "day_date": float(i in ctx.day_dated_sentences),
        # "Громади відвідують ґміни під час навчальних візитів. Цього разу 12-16 травня ...": one dated instance follows
        "next_day_date": float(i not in ctx.day_dated_sentences and i + 1 in ctx.day_dated_sentences),
        "place": float(i in ctx.placed_sentences),
        "lead": float(i < cues()["trigger_score"]["lead_sentences"]),
        "inside_name": float(bool(quote) and not heads_name(ctx, trig, quote)),
        "aboutness": float(about),
        "activity": float(not about and i not in ctx.day_dated_sentences and plural
                          and bool(_activity().search(ctx.text[max(s, trig.start - 30):trig.start]))),
        "headline": float(i == 0),
        "named_head": float(trig.kind == "named"),
        "capitalized": float(trig.text[:1].isupper() and trig.start > s),
        "quoted_name_after": float(bool(re.match(r"\s*[«\"“„]", ctx.text[trig.end:trig.end + 3]))),
        "plural": float(plural),
        "online": float(any(s <= a < e for a, _ in ctx.online)),
    }


def trigger_score(ctx: Context, trig: Trigger) -> float:
    """Score how likely a trigger names an event held or announced in this article (the hand-set rules)."""
    return rule_score(trig, trigger_features(ctx, trig))


def rule_score(trig: Trigger, features: dict[str, float]) -> float:
    """Score a trigger from its features with the hand-set weights of gazetteers/event_cues.toml."""
    add = cues()["trigger_score"]
    return trig.weight + sum(add[name] * features[name] for name in RULE_FEATURES)


def heads_name(ctx: Context, trig: Trigger, quote: tuple[int, int]) -> bool:
    """Tell whether a trigger inside a quoted name is that name's head: only adjectives before it («Весняний форум»)."""
    analyzer = morph.analyzer(ctx.lang)
    before = WORD_TOKEN.findall(ctx.text, quote[0] + 1, trig.start)
    return all(analyzer.parse(w)[0].tag.POS in ("ADJF", "PRTF", "NUMR") or w.isupper() for w in before)


def is_plural(ctx: Context, trig: Trigger) -> bool:
    """Tell whether an event word is in the plural ("тренінги", "круглих столів")."""
    head = WORD_TOKEN.findall(trig.text)[0]
    return any("plur" in p.tag for p in morph.analyzer(ctx.lang).parse(head)[:1])


@cache
def _activity() -> re.Pattern:
    return re.compile(r"(?i)(?<!\w)(?:" + words("activity_nouns") + r")\s+[«\"“„]?$")


@cache
def _aboutness() -> re.Pattern:
    words = sorted(cues()["aboutness"], key=len, reverse=True)
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(words) + r")\s+(?:\w+\s+){0,3}$")


def is_event_article(scores: list[float]) -> bool:
    """Decide from its trigger scores whether an article reports an event.

    One well-supported trigger suffices; a weaker best one counts when the article keeps
    coming back to the event (the top three scores add up).
    """
    rule = cues()["detection"]
    if scores[0] >= rule["min_trigger_score"]:
        return True
    return scores[0] >= rule["weak_trigger_score"] and sum(scores[:3]) >= rule["min_article_support"]


def list_items(ctx: Context, triggers: list[Trigger]) -> list[tuple[Trigger, tuple[int, int]]]:
    """Return (trigger, item span) for list items that each name a dated event."""
    items, least_weight = [], cues()["trigger_score"]["list_item_weight"]
    for m in LIST_ITEM.finditer(ctx.text):
        end = ctx.text.find("\n", m.end())
        end = len(ctx.text) if end == -1 else end
        inside = [t for t in triggers if m.end() <= t.start < end and t.weight >= least_weight]
        dated = any(m.end() <= d.start < end and d.precision == "day" for d in ctx.dates)
        if inside and dated:
            items.append((inside[0], (m.end(), end)))
    return items
