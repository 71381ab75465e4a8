"""The remaining fields of an event: its date, status, topics and confidence."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from functools import cache

from extractor import dates as dates_stage
from extractor.events.context import Context
from extractor.events.cues import cue_pattern, cues, session_words, windows
from extractor.events.detect import Trigger, find_triggers
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
    """Return (date mention, where it was found) for an event: inside its scope (or on a "Дата проведення:"
    line), else nearest the trigger in the sentences around it, else the article's one date of an occurrence."""
    usable = _usable_dates(ctx)
    # An announcement's "Дата проведення:" line dates its event wherever it stands.
    inside = [d for d in usable if scope[0] <= d.start < scope[1]] or [d for d in usable if d.labelled][:1]
    if inside:
        # A list of sessions spans the whole event; a single date beside it is one of its days. A bare
        # end ("до 10 травня") mostly closes something else: applications, a call.
        first = min(inside, key=lambda d: (_bare_end(d), not d.sessions, abs(d.start - trig.start)))
        return _start_only(ctx, _later_sessions(ctx, _until(ctx, first))), "scope"
    lo, hi = ctx.window(trig.start, before=1, after=2)
    near = [d for d in usable if lo <= d.start < hi and not d.background]
    if near:
        return _start_only(ctx, min(near, key=lambda d: abs(d.start - trig.start))), "near"
    far = _far_date(ctx, usable, trig)
    return (_start_only(ctx, far), "near") if far else (None, "none")


def _usable_dates(ctx: Context) -> list:
    """Return the dates to the day that may date an event: not a deadline, a page's stamp, a document's date
    or a day alone on its line (a stamp; a range there heads an announcement: "Тренінг\n15–16 травня")."""
    return [d for d in ctx.dates if d.precision == "day" and not (d.deadline or d.stamp or d.document)
            and (d.labelled or d.start_date != d.end_date or not _standalone_line(ctx.text, d.start, d.end))]


def _far_date(ctx: Context, usable: list, trig: Trigger):
    """Return the one date that stands with a verb of occurrence anywhere in the article, when no other
    such date competes and its sentence names no other kind of event; else None.

    A later paragraph often dates the event ("Захід відбудеться 20 травня"); a line dating another kind of
    event is another article's ("10.05 У Львові пройшов форум").
    """
    happening = ctx.sentences_with(cue_pattern("occurrence"))
    far = [d for d in usable if not d.background and ctx.sentence_of(d.start) in happening
           and not _names_other_event(ctx, d.start, trig)]
    return far[0] if len({(d.start_date, d.end_date, d.day_month) for d in far}) == 1 else None


def _names_other_event(ctx: Context, pos: int, trig: Trigger) -> bool:
    """Tell whether the sentence at `pos` names a specific event of another kind than the trigger's."""
    specific = cues()["title"]["specific_weight"]
    return any(t.event_type != trig.event_type and t.weight >= specific
               for t in find_triggers(ctx.text[slice(*ctx.window(pos))], ctx.lang))


def _start_only(ctx: Context, when):
    """Leave the end open when the one day given is the day the event started or opened on ("Сьогодні
    стартував семінар"): how long it runs, the text does not say. When it is the day a multi-day event
    closed on ("Вчора завершився триденний семінар"), the start is its length before."""
    if when.sessions or when.start_date is None or when.end_date != when.start_date:
        return when
    sentence = ctx.text[slice(*ctx.window(when.start))]
    if dates_stage.tells_start_only(sentence, ctx.lang):   # "стартував ..., який завершився": the day is the start
        return replace(when, end_date=None)
    if (before := dates_stage.days_before_close(sentence, ctx.lang)) is not None:
        return replace(when, start_date=when.end_date - timedelta(days=before))
    return when


def _bare_end(when) -> bool:
    """Tell a date that gives only an end ("до 19 лютого")."""
    return when.start_date is None and when.end_date is not None


def _until(ctx: Context, when):
    """Extend a start day to the end its sentence or the next gives later with an open start ("розпочався
    14 травня і триватиме до 24 травня", "Школа стартовала 14 мая. Обучение продлится до 24 мая.")."""
    if when.sessions or when.start_date is None or (when.end_date or when.start_date) != when.start_date:
        return when
    _, stop = ctx.window(when.start, after=1)
    ends = [d for d in ctx.dates if when.end <= d.start < stop and d.start_date is None and not d.deadline
            and d.end_date is not None and d.end_date > when.start_date and d.precision == "day"]
    if not ends:
        return when
    return replace(when, end=ends[0].end, text=ctx.text[when.start:ends[0].end], end_date=ends[0].end_date)


def _later_sessions(ctx: Context, when):
    """Extend a programme's session to the last of the sessions the next sentences date ("Перший модуль
    відбувся 5 травня. Другий модуль пройде 20 червня."): one programme in several sessions is one event."""
    pattern, reach = session_words(), cues()["sessions"]["reach"]
    first = ctx.sentence_of(when.start)
    lo, hi = ctx.sentences[first]
    if when.start_date is None or not pattern.search(ctx.text, lo, hi):
        return when
    last = ctx.sentences[min(len(ctx.sentences) - 1, first + reach)][1]
    # In the date's own sentence a session word must stand before the later day ("перший модуль 14 травня,
    # другий – 28 травня"); in a later sentence anywhere in it.
    later = [d for d in ctx.dates if when.end <= d.start < last and d.precision == "day" and d.start_date
             and d.start_date > (when.end_date or when.start_date)
             and pattern.search(ctx.text, *((when.end, d.start) if d.start < hi
                                            else ctx.sentences[ctx.sentence_of(d.start)]))]
    if not later:
        return when
    end = max(later, key=lambda d: d.end_date or d.start_date)
    return replace(when, end_date=end.end_date or end.start_date,
                   sessions=((when.start_date, when.end_date),) + tuple((d.start_date, d.end_date) for d in later))


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
        # open registration ("Реєстрація триває") announces the event when no other cue speaks; its "триває"
        # alone would read as held
        text = ctx.text[lo:hi]
        unregistered = cue_pattern("registration_open").sub(lambda m: " " * len(m.group()), text)
        status = dates_stage.event_status(unregistered, ctx.lang, when, ctx.published, own_cue)
        if status == "unknown" and unregistered != text:
            return "announced"
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
