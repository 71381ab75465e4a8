"""The remaining fields of an event: its date, status, topics and confidence."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from extractor import dates as dates_stage
from extractor.events.context import Context
from extractor.events.cues import cues, windows
from extractor.events.detect import Trigger
from extractor.lexicon import load_toml


def topics_for(text: str) -> list[str]:
    """Return the taxonomy topics whose stems occur in the text."""
    lowered = text.lower()
    return [topic for topic, stems in topic_patterns() if stems.search(lowered)]


@cache
def topic_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """Return each topic with one pattern of its stems at a word start, compiled once (a search a stem cost 10x)."""
    return tuple((topic, re.compile(r"(?<!\w)(?:" + ("|".join(map(re.escape, spec["stems"])) or "(?!)") + ")"))
                 for topic, spec in load_toml("topics.toml").items())


def pick_date(ctx: Context, trig: Trigger, scope: tuple[int, int]):
    """Return (date mention, where it was found) for an event: inside its scope, nearest the trigger."""
    usable = [d for d in ctx.dates if d.precision == "day" and not _standalone_line(ctx.text, d.start, d.end)
              and not (d.relative and d.start_date and d.start_date != d.end_date)]  # not "last week"
    inside = [d for d in usable if scope[0] <= d.start < scope[1]]
    if inside:
        # A list of sessions spans the whole event; a single date beside it is one of its days.
        first = min(inside, key=lambda d: (not d.sessions, abs(d.start - trig.start)))
        return _later_sessions(ctx, _until(ctx, first)), "scope"
    lo, hi = ctx.window(trig.start, before=1, after=2)
    near = [d for d in usable if lo <= d.start < hi]
    if near:
        return min(near, key=lambda d: abs(d.start - trig.start)), "near"
    return None, "none"


def _until(ctx: Context, when):
    """Extend a start day to the end its sentence gives later with an open start ("розпочався 14 травня і
    триватиме до 24 травня", "стартовал 14 мая и продлится до 24 мая")."""
    if when.sessions or when.start_date is None or (when.end_date or when.start_date) != when.start_date:
        return when
    _, stop = ctx.window(when.start)
    ends = [d for d in ctx.dates if when.end <= d.start < stop and d.start_date is None
            and d.end_date is not None and d.end_date > when.start_date and d.precision == "day"]
    if not ends:
        return when
    return replace(when, end=ends[0].end, text=ctx.text[when.start:ends[0].end], end_date=ends[0].end_date)


def _later_sessions(ctx: Context, when):
    """Extend a programme's session to the last of the sessions the next sentences date ("Перший модуль
    відбувся 5 травня. Другий модуль пройде 20 червня."): one programme in several sessions is one event."""
    pattern, reach = _session_words(), cues()["sessions"]["reach"]
    first = ctx.sentence_of(when.start)
    lo, hi = ctx.sentences[first]
    if when.start_date is None or not pattern.search(ctx.text, lo, hi):
        return when
    last = ctx.sentences[min(len(ctx.sentences) - 1, first + reach)][1]
    later = [d for d in ctx.dates if hi <= d.start < last and d.precision == "day" and d.start_date
             and d.start_date > (when.end_date or when.start_date)
             and pattern.search(ctx.text, *ctx.sentences[ctx.sentence_of(d.start)])]
    if not later:
        return when
    end = max(later, key=lambda d: d.end_date or d.start_date)
    return replace(when, end_date=end.end_date or end.start_date,
                   sessions=((when.start_date, when.end_date),) + tuple((d.start_date, d.end_date) for d in later))


@cache
def _session_words() -> re.Pattern:
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(cues()["sessions"]["nouns"]) + r")")


def _standalone_line(text: str, start: int, end: int) -> bool:
    """Tell a date that stands alone on its line (a page's publication stamp)."""
    reach = windows().stamp_line  # a stamp line is short: looking further than this around the date is never needed
    line_start = text.rfind("\n", max(0, start - reach), start) + 1
    line_end = text.find("\n", end, end + reach)
    if line_start == 0 and start > reach or line_end == -1 and end + reach < len(text):
        return False
    line = text[line_start:line_end if line_end != -1 else len(text)]
    rest = line.replace(text[start:end], "")
    return len(re.sub(r"[\W\d_]+", "", rest)) <= 12


def status_for(ctx: Context, trig: Trigger, scope: tuple[int, int], when) -> str:
    """Return held/announced from the event's own words, else from the sentences that introduce it."""
    s, e = ctx.window(trig.start)
    spans = [(min(s, scope[0]), max(e, scope[1])), ctx.window(trig.start, before=2), ctx.window(0, after=2),
             (0, len(ctx.text))]
    if when is not None and dates_stage.runs_until(ctx.text[slice(*ctx.window(when.start))], when, ctx.lang,
                                                   ctx.published):
        return "held"  # its own sentence says it goes on, whatever the event word's sentence says
    own_cue = dates_stage.cue_beside(ctx.text, trig.start, trig.end, ctx.lang)
    for lo, hi in spans:
        status = dates_stage.event_status(ctx.text[lo:hi], ctx.lang, when, ctx.published, own_cue)
        if status != "unknown":
            return status
    # no cue word anywhere: the tense of the verbs nearest the event word
    for lo, hi in spans:
        if status := dates_stage.verb_tense(ctx.text[lo:hi], ctx.lang, trig.start - lo if lo <= trig.start < hi else None):
            return status
    return "unknown"


def confidence(basis: dict) -> float:
    """Return the probability that the record is right on event, dates and place.

    The product of three parts, each the share of right records measured on the dev set for
    that kind of support (numbers in gazetteers/event_cues.toml, [confidence]).
    """
    table = cues()["confidence"]
    trigger = next(p for bound, p in table["trigger"] if basis["trigger"] >= bound)
    return round(trigger * table["date"][basis["date"]] * table["place"][basis["place"]], 3)
