"""Articles where the extraction found no event, ranked by how likely they hold one, with candidate sentences.

The ranking uses the event words alone (a few ms an article, kept per text); an opened article gets
the full trigger scores of event detection, sentence by sentence.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from extractor import clean
from extractor.events.classify import rank
from extractor.events.context import build_context
from extractor.events.detect import find_triggers
from extractor.text import LANGS

# How many of the best event words make an article's score (an article that keeps coming back to an event ranks higher).
TOP_WORDS = 3
_SCORES: OrderedDict[str, float] = OrderedDict()
SCORES_MAX = 50_000


@dataclass(frozen=True)
class Candidate:
    """A sentence with an event word, and the detection's score of its best one."""

    start: int
    end: int
    score: float
    word: str
    event_type: str


def word_score(text: str, lang: str | None) -> float:
    """Return the sum of the weights of an article's best event words (0 when it has none)."""
    if lang not in LANGS:
        return 0.0
    weights = sorted((t.weight for t in find_triggers(clean.clean(text).text, lang)), reverse=True)
    return round(sum(weights[:TOP_WORDS]), 3)


def cached_score(content_hash: str, text: str, lang: str | None) -> float:
    """Return word_score of a text, computed once per content hash."""
    if content_hash not in _SCORES:
        _SCORES[content_hash] = word_score(text, lang)
        if len(_SCORES) > SCORES_MAX:
            _SCORES.popitem(last=False)
    return _SCORES[content_hash]


def ranked(rows: list[dict]) -> list[dict]:
    """Return articles (id, text, lang, content_hash ...) with a `score`, most likely to hold an event first."""
    scored = [{**r, "score": cached_score(r["content_hash"] or r["id"], r["text"] or "", r["lang"])} for r in rows]
    return sorted(scored, key=lambda r: (-r["score"], r["id"]))


def candidates(text: str, lang: str | None, published: str | None = None) -> list[Candidate]:
    """Return the sentences holding event words, best detection score first (one entry a sentence)."""
    if lang not in LANGS:
        return []
    cleaned = clean.clean(text).text
    triggers = find_triggers(cleaned, lang)
    if not triggers:
        return []
    try:
        anchor = date.fromisoformat(published) if published else None
    except ValueError:
        anchor = None
    ctx = build_context(cleaned, lang, anchor, triggers)
    scored, _ = rank(ctx, triggers)
    best: dict[tuple[int, int], Candidate] = {}
    for score, trig in scored:
        start, end = ctx.window(trig.start)
        best.setdefault((start, end), Candidate(start, end, round(score, 3), trig.text, trig.event_type))
    return sorted(best.values(), key=lambda c: (-c.score, c.start))
