"""What the other stages found in one article: sentences, dates, places, online cues and known organizations."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cached_property, wraps

from extractor import dates as dates_stage
from extractor import ner
from extractor import online as online_stage
from extractor import places as places_stage
from extractor.dates.model import ReferenceDate, as_reference
from extractor.dates.reference import stamp_date
from extractor.text import split_sentences


@dataclass(frozen=True)
class Context:
    """What the stages found in one article, shared by all its events."""

    text: str  # cleaned article text (furniture masked, same offsets as the article)
    lang: str
    published: date | None  # the reference date: the publication's, else the page's date stamp's
    sentences: tuple[tuple[int, int], ...]
    dates: tuple
    places: tuple
    online: tuple[tuple[int, int], ...]
    triggers: tuple  # the event words of the whole text (detect.Trigger), found once an article

    def sentence_of(self, pos: int) -> int:
        """Return the index of the sentence holding offset `pos` (or the last one before it)."""
        return max(0, bisect_right(self.starts, pos) - 1)

    @cached_property
    def starts(self) -> list[int]:
        """Sentence start offsets, for bisection."""
        return [s for s, _ in self.sentences]

    @cached_property
    def _sentence_hits(self) -> dict:
        return {}

    @cached_property
    def memo(self) -> dict:
        """Results of `per_article` functions for this article, keyed by function and arguments."""
        return {}

    def sentences_with(self, pattern: re.Pattern) -> frozenset[int]:
        """Return the indexes of the sentences where `pattern` matches, searched once per article."""
        hits = self._sentence_hits.get(pattern)
        if hits is None:
            hits = self._sentence_hits[pattern] = frozenset(
                self.sentence_of(m.start()) for m in pattern.finditer(self.text))
        return hits

    @cached_property
    def day_dated_sentences(self) -> frozenset[int]:
        """Return the indexes of the sentences holding a date to the day (not one of applications or of earlier
        news)."""
        return frozenset(self.sentence_of(d.start) for d in self.dates
                         if d.precision == "day" and not d.deadline and not d.background)

    @cached_property
    def placed_sentences(self) -> frozenset[int]:
        """Return the indexes of the sentences naming a place (not inside an organization's name)."""
        return frozenset(self.sentence_of(p.start) for p in self.places if not p.in_org_name)

    @cached_property
    def lines(self) -> tuple[tuple[int, int], ...]:
        """The spans of the text's non-blank lines."""
        return tuple(m.span() for m in LINE.finditer(self.text) if not m.group().isspace())

    @cached_property
    def _line_organizations(self) -> dict[int, tuple]:
        return {}

    def organizations_in(self, lo: int, hi: int) -> tuple:
        """Return the organizations of the project's gazetteer (ner.Entity) lying wholly in [lo, hi).

        The ruler runs on a line the first time an event's window reaches it: a page whose event words
        hold no event, and the lines no window reaches (about 40 % of the text on dev), do not pay for it.
        Lines not matched yet are matched as runs of adjacent lines, each in one spaCy doc (a doc a line cost more).
        """
        found = self._line_organizations
        wanted = [i for i, (s, e) in enumerate(self.lines) if s < hi and lo < e]
        runs: list[list[int]] = []
        for i in (i for i in wanted if i not in found):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        pieces = [(self.lines[run[0]][0], self.lines[run[-1]][1]) for run in runs]
        for run, entities in zip(runs, known_organizations(self.text, self.lang, pieces)):
            found.update(dict.fromkeys(run, ()))
            for e in entities:
                line = bisect_right(self.lines, (e.start, len(self.text))) - 1
                found[line] += (e,)
        return tuple(e for i in wanted for e in found[i] if lo <= e.start and e.end <= hi)

    @cached_property
    def _trigger_starts(self) -> list[int]:
        return [t.start for t in self.triggers]

    def triggers_in(self, lo: int, hi: int) -> tuple:
        """Return the article's event words lying wholly in [lo, hi): what find_triggers would find in that span,
        but for a word the span cuts (the text's words are matched once)."""
        first = bisect_left(self._trigger_starts, lo)
        last = bisect_left(self._trigger_starts, hi, first)
        return tuple(t for t in self.triggers[first:last] if t.end <= hi)

    def window(self, pos: int, before: int = 0, after: int = 0) -> tuple[int, int]:
        """Return the span of the sentence holding `pos`, widened by whole sentences."""
        i = self.sentence_of(pos)
        lo = max(0, i - before)
        hi = min(len(self.sentences) - 1, i + after)
        return self.sentences[lo][0], self.sentences[hi][1]


def per_article(fn):
    """Keep a pure function of (context, hashable arguments) once an article: an article's events ask it again
    over overlapping windows (scope, sentences, lead). Callers must not change what it returns."""

    @wraps(fn)
    def cached(ctx: Context, *args):
        key = (fn, *args)
        if key not in ctx.memo:
            ctx.memo[key] = fn(ctx, *args)
        return ctx.memo[key]

    return cached


def build_context(text: str, lang: str, published: date | ReferenceDate | None,
                  triggers: list | None = None) -> Context:
    """Run the date, place and online stages over the cleaned text (the organizations follow when asked);
    `triggers` are its event words when the caller has found them already.

    `published` is the article's reference date; without one, the page's own stamp among its dates
    ("Опубліковано 12 травня 2021") becomes it and the dates are read again against it.
    """
    if triggers is None:
        from extractor.events.detect import find_triggers  # detect reads Context: imported at the top, it would loop

        triggers = find_triggers(text, lang)
    sentences = split_sentences(text, lang)
    reference = as_reference(published)
    found = dates_stage.find_dates(text, lang, reference, sentences)
    if reference is None and (reference := stamp_date(found)):
        found = dates_stage.find_dates(text, lang, reference, sentences)
    return Context(
        text=text, lang=lang, published=reference.day if reference else None, sentences=sentences,
        dates=tuple(found),
        places=tuple(places_stage.find_places(text, lang)),
        online=tuple(online_stage.find_online(text, lang)),
        triggers=tuple(triggers),
    )


def known_organizations(text: str, lang: str, pieces: list[tuple[int, int]]) -> list[tuple]:
    """Return the organizations of the project's gazetteer (donors, centres, ...) in each piece of a text, made of
    whole lines.

    The gazetteer ruler runs alone: the NER model's spans would not change which organizations match.
    """
    if not pieces:
        return []
    encodable = LONE_SURROGATE.sub("\ufffd", text)  # spaCy needs UTF-8; one code point each keeps offsets
    return [tuple(found) for found in ner.gazetteer_entities(encodable, lang, pieces)]


LONE_SURROGATE = re.compile("[\ud800-\udfff]")
LINE = re.compile(r"[^\n]+")
