"""The event's title: its quoted name, a name after a title cue, else a topic or trigger phrase."""
from __future__ import annotations

import re
from functools import cache

from extractor import morph
from extractor.events.context import Context
from extractor.events.cues import cue_pattern, words
from extractor.events.detect import Trigger
from extractor.events.phrases import (
    WORD_TOKEN,
    clip_phrase,
    noun_phrase_end,
    quote_around,
)


@cache
def name_right_after() -> re.Pattern:
    """«…» right after the event word, maybe after "на тему", "під назвою"."""
    return re.compile(r"[ \t]*(?:(?:" + words("name_intro_cues") + r")[ \t]*:?[ \t]*)?[ \t:–—-]*"
                      r"(?P<quote>[«“„\"](?P<name>(?:[^«»“”„\"\n]|«[^«»\n]*»){3,250})[»”“\"])")


TITLE_AFTER_CUE = re.compile(r"(?:\s+[\w-]+){0,3}?\s*(?:[«“\"](?P<quoted>[^«»“”\"\n]{3,200})[»”\"]|[:–—-]\s*(?P<dashed>\w))")


def title_for(ctx: Context, trig: Trigger, scope: tuple[int, int]) -> tuple[str | None, tuple[int, int] | None]:
    """Return the event's name: its quoted name, a name after a title cue, else the trigger phrase."""
    quote = quote_around(ctx.text, trig.start, trig.end)
    if quote:  # the trigger word is part of a quoted name: «Школа мэров»
        inner = ctx.text[quote[0] + 1:quote[1] - 1].strip()
        if not ctx.text[quote[0] + 1:trig.start].strip():
            inner = morph.nominative(inner, ctx.lang)  # «Школы мэров» -> Школа мэров
        return inner, quote
    named = name_right_after().match(ctx.text, trig.end)
    if named:  # «…» right after the word, or after "на тему", "під назвою"
        return named.group("name").strip(), named.span("quote")
    topic = topic_phrase(ctx, trig.end, min(len(ctx.text), trig.end + 40))
    if topic:
        return topic
    lo, hi = ctx.window(trig.start, before=1, after=3)
    for m in cue_pattern("title_cues").finditer(ctx.text, lo, hi):
        named = TITLE_AFTER_CUE.match(ctx.text, m.end())
        if named and named.group("quoted"):
            return named.group("quoted").strip(), named.span("quoted")
        if named and named.group("dashed"):
            a, b = clip_phrase(ctx.text, named.start("dashed"))
            if b > a:
                return ctx.text[a:b], (a, b)
    phrase, span = trigger_phrase(ctx, trig)
    if len(WORD_TOKEN.findall(phrase)) <= 3:  # "експертний круглий стіл": say what it was about
        topic = topic_phrase(ctx, *ctx.window(trig.start, after=2))
        if topic:
            return topic
    return phrase, span


def topic_phrase(ctx: Context, lo: int, hi: int) -> tuple[str, tuple[int, int]] | None:
    """Return the phrase after the first topic cue in [lo, hi) ("на тему X", "присвячений X"), nominative."""
    m = cue_pattern("topic_cues").search(ctx.text, lo, hi)
    if not m:
        return None
    start = m.end() + len(ctx.text[m.end():]) - len(ctx.text[m.end():].lstrip(" :–—-"))
    end = noun_phrase_end(ctx, start, max_words=14)
    if end - start < 5:
        return None
    return morph.nominative(ctx.text[start:end], ctx.lang), (start, end)


def trigger_phrase(ctx: Context, trig: Trigger) -> tuple[str, tuple[int, int]]:
    """Return the noun phrase around a trigger ("навчальний семінар для депутатів місцевих рад"), nominative."""
    analyzer = morph.analyzer(ctx.lang)
    start = trig.start
    before = list(WORD_TOKEN.finditer(ctx.text, max(0, trig.start - 60), trig.start))
    for tok in reversed(before[-2:]):
        if ctx.text[tok.end():start].strip() or analyzer.parse(tok.group())[0].tag.POS not in ("ADJF", "PRTF"):
            break
        start = tok.start()
    end = noun_phrase_end(ctx, trig.end)
    return morph.nominative(ctx.text[start:end], ctx.lang), (start, end)
