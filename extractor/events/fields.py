"""The remaining fields of an event: its date, status, topics and confidence."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from functools import cache

from extractor import dates as dates_stage
from extractor import morph
from extractor.events.context import Context
from extractor.events.cues import credit_line, cue_pattern, cues, session_words, windows
from extractor.events.detect import Trigger, another_instance, contrast
from extractor.lexicon import load_toml
from extractor.text import WORD


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
        first = min(inside, key=lambda d: (_bare_end(d), not d.sessions, _nearness(ctx, d, trig)))
        return _settle(ctx, first, trig), "scope"
    lo, hi = ctx.window(trig.start, before=1, after=2)
    near = [d for d in usable if lo <= d.start < hi and not d.background and _may_date(ctx, d.start, trig)
            and not _stray_end(ctx, d, trig.start) and not _quoted_elsewhere(ctx, d, trig)]
    if near:
        return _settle(ctx, min(near, key=lambda d: _nearness(ctx, d, trig)), trig), "near"
    far = _far_date(ctx, usable, trig)
    return (_settle(ctx, far, trig), "near") if far else (None, "none")


def _nearness(ctx: Context, when, trig: Trigger) -> tuple[bool, int]:
    """Rank a date by how near the event word it stands, a contrasting clause between counting first ("18 листопада
    провели семінар, а 19 листопада – тренінг": the 19th is the other clause's)."""
    lo, hi = sorted((when.start, trig.start))
    return bool(contrast(ctx.lang).search(ctx.text, lo, hi)), abs(when.start - trig.start)


def _settle(ctx: Context, when, trig: Trigger):
    """Read the picked date against its sentences: a move to another day, a start told apart from the day it goes on,
    an end given later, later sessions or days, a start-only day or a length (also one the event word's sentence
    gives)."""
    when = _start_only(ctx, _later_sessions(ctx, _until(ctx, _opened_before(ctx, _begun(ctx, _moved(ctx, when))))))
    return _lasting(ctx, when, trig)


def _usable_dates(ctx: Context) -> list:
    """Return the dates to the day that may date an event: not a deadline, a page's stamp, a document's date, a
    day a count is given for ("станом на 5 травня"), a day alone on its line (a stamp; a range there heads an
    announcement: "Тренінг\n15–16 травня"), a day long before the publication date ("у рамках проєкту, який
    стартував 1 березня 2021 року") or a span longer than any event's ("проєкт триває з 1 січня 2024 по 31 грудня
    2026 року")."""
    return [d for d in ctx.dates if d.precision == "day" and not (d.deadline or d.stamp or d.document or d.as_of)
            and (d.labelled or d.start_date != d.end_date or not _standalone_line(ctx.text, d.start, d.end))
            and not _stale(ctx, d) and not _too_long(d)]


def _stale(ctx: Context, when) -> bool:
    """Tell a date that ended long before the article was published: it dates something earlier."""
    last = when.end_date or when.start_date
    stale = timedelta(days=load_toml("dates.toml")["event_date"]["stale_days"])
    return bool(ctx.published and last and last <= ctx.published - stale)


def _too_long(when) -> bool:
    """Tell a span of days longer than a course or school runs: a project's or a programme's term."""
    longest = load_toml("dates.toml")["event_date"]["longest_days"]
    return bool(when.start_date and when.end_date and (when.end_date - when.start_date).days >= longest)


def _far_date(ctx: Context, usable: list, trig: Trigger):
    """Return the one date that stands with a verb of occurrence or on an announcement's date line anywhere in
    the article, when no other such date competes and its sentence names no other kind of event; else None.

    A later paragraph often dates the event ("Захід відбудеться 20 травня", "Початок – 20 травня о 10:00"); a
    line dating another kind of event is another article's ("10.05 У Львові пройшов форум").
    """
    happening = ctx.sentences_with(cue_pattern("occurrence"))
    far = [d for d in usable if not d.background
           and (ctx.sentence_of(d.start) in happening or _date_line(ctx, d.start))
           and not _names_other_event(ctx, d.start, trig) and not _another_instance(ctx, d.start, trig)
           and not _stray_end(ctx, d, trig.start) and not _quoted_elsewhere(ctx, d, trig)]
    return far[0] if len({(d.start_date, d.end_date, d.day_month) for d in far}) == 1 else None


def _quoted_elsewhere(ctx: Context, when, trig: Trigger) -> bool:
    """Tell a date in direct speech outside the event word's sentence: a speaker recalls or plans other things
    ("«Ми почали готуватися ще 1 вересня», – розповіла організаторка")."""
    return when.quoted and ctx.sentence_of(when.start) != ctx.sentence_of(trig.start)


def _names_other_event(ctx: Context, pos: int, trig: Trigger) -> bool:
    """Tell whether the sentence at `pos` names a specific event of another kind than the trigger's."""
    specific = cues()["title"]["specific_weight"]
    return any(t.event_type != trig.event_type and t.weight >= specific
               for t in ctx.triggers_in(*ctx.window(pos)))


_NO_LETTERS = re.compile(r"[\W\d_]*")
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _label_head() -> re.Pattern:
    """A label with its colon or dash before an announcement's date ("Термін: "), signs before it."""
    return re.compile(r"[\W\d_]*[^\W\d_][^:\n]{0," + str(windows().date_label) + r"}[:–—-]\s*")


def _may_date(ctx: Context, pos: int, trig: Trigger) -> bool:
    """Tell whether the sentence at `pos` may date the event of a trigger in a sentence before it: the next one
    goes on about it ("Цього разу з 12 по 16 травня делегація побувала в Любліні"); one further must open with
    the day ("5 квітня учасники відвідали громаду"), speak of something happening (an occurrence verb or an event
    word: "Навчання тривало 4-5 квітня") or be an announcement's line with no verb ("15–16 травня, м. Полтава."),
    not a law's or a report's ("Закон, що набув чинності 1 квітня", "Рішення ухвалили 1 квітня") or a photo
    credit. Neither may speak of another event of the series."""
    i, own = ctx.sentence_of(pos), ctx.sentence_of(trig.start)
    if i <= own:
        return True   # the lead often opens with the day: "9 грудня голова ради привітав ..."
    if _another_instance(ctx, pos, trig):
        return False
    lo, hi = ctx.sentences[i]
    return bool(i == own + 1 or _NO_LETTERS.fullmatch(ctx.text, lo, pos)
                or i in ctx.sentences_with(cue_pattern("occurrence"))
                or ctx.triggers_in(lo, hi) or _date_line(ctx, pos))


def _date_line(ctx: Context, pos: int) -> bool:
    """Tell an announcement's date line: a label and the date ("Термін: 15–16 травня."), or the date among a few
    words and no verb ("15–16 травня, м. Полтава.", "Онлайн, 15 травня, 14:00."); not a photo credit ("Фото:
    05.04.2024") nor a short report ("Рішення ухвалили 1 квітня.")."""
    lo, hi = ctx.sentences[ctx.sentence_of(pos)]
    if credit_line().match(ctx.text, lo):
        return False
    if _label_head().fullmatch(ctx.text, lo, pos):
        return True
    end = next((d.end for d in ctx.dates if d.start == pos), pos)
    letters = len(_LETTER.findall(ctx.text, lo, pos)) + len(_LETTER.findall(ctx.text, end, hi))
    return (letters <= load_toml("dates.toml")["event_date"]["line_rest_letters"]
            and dates_stage.verb_tense(ctx.text[lo:hi], ctx.lang) is None)


def _another_instance(ctx: Context, pos: int, trig: Trigger) -> bool:
    """Tell whether the sentence at `pos`, not the trigger's own, speaks of another instance of a series: an event
    word right after "наступний", "попередній", "следующий" ("Наступний семінар відбудеться 15 травня")."""
    i = ctx.sentence_of(pos)
    if i == ctx.sentence_of(trig.start):
        return False
    lo, hi = ctx.sentences[i]
    return any(another_instance(ctx.text, lo, t) for t in ctx.triggers_in(lo, hi))


def _start_only(ctx: Context, when):
    """Leave the end open when the one day given is the day the event started or opened on ("Сьогодні
    стартував семінар", "з 5 травня"): how long it runs, the text does not say, unless it gives a length
    ("стартував тренінг, який триватиме три дні"). When it is the day a multi-day event closed on ("Вчора
    завершився триденний семінар"), the start is its length before."""
    if not _one_day(when):
        return when
    sentence = ctx.text[slice(*ctx.window(when.start))]
    days = dates_stage.length_in_days(sentence, ctx.lang) or _length_after(ctx, when.start)
    last = when.start_date + timedelta(days=days - 1) if days else None
    # "стартував ..., який завершився": the day is the start
    if when.end_date is None or dates_stage.tells_start_only(sentence, ctx.lang):
        return replace(when, end_date=last)
    if (before := dates_stage.days_before_close(sentence, ctx.lang)) is not None:
        return replace(when, start_date=when.end_date - timedelta(days=before))
    # one day and a length with no verb of ending: the day it began ("10 квітня протягом двох днів триватиме")
    return replace(when, end_date=last) if last else when


def _length_after(ctx: Context, pos: int) -> int | None:
    """Return the length in days the sentence after the one at `pos` gives when it says the event goes on ("Завтра
    розпочнеться школа. Навчання триватиме три дні."), else None."""
    i = ctx.sentence_of(pos) + 1
    if i >= len(ctx.sentences):
        return None
    following = ctx.text[slice(*ctx.sentences[i])]
    return dates_stage.length_in_days(following, ctx.lang) if dates_stage.goes_on(following, ctx.lang) else None


def _lasting(ctx: Context, when, trig: Trigger):
    """Give a one-day date from another sentence the length the event word's sentence gives ("Завершився дводенний
    семінар. Учасники 18 листопада відвідали ЦНАП ..."): the day is its first, unless its own sentence says it
    closed then."""
    if not _one_day(when):
        return when
    same = ctx.window(when.start) == ctx.window(trig.start)
    if same or dates_stage.ends_on(ctx.text, when.start, when.end, ctx.lang):
        return when
    days = dates_stage.length_in_days(ctx.text[slice(*ctx.window(trig.start))], ctx.lang)
    return replace(when, end_date=when.start_date + timedelta(days=days - 1)) if days else when


def _moved(ctx: Context, when):
    """Return the last day of the date's sentence, or of the next one when that names an event too, when it moves the
    event ("перенесений з 1 квітня, відбудеться 15 квітня", "Семинар перенесен с 1 апреля на 15 апреля", "20 травня –
    семінар.\nСемінар перенесено на 27 травня."): the new day; the one it was planned for passed it by."""
    i = ctx.sentence_of(when.start)
    for k, (lo, hi) in enumerate(ctx.sentences[i:i + 2]):
        if dates_stage.tells_postponed(ctx.text[lo:hi], ctx.lang) and (k == 0 or ctx.triggers_in(lo, hi)):
            return max((d for d in _usable_dates(ctx) if lo <= d.start < hi and d.start >= when.start),
                       key=lambda d: d.start, default=when)
    return when


def _begun(ctx: Context, when):
    """Give a bare end of an event going on ("Навчання триватиме до 20 грудня") the start day that a verb of starting
    gives in its sentence or the one before ("Курс стартує 1 грудня. Навчання триватиме до 20 грудня.")."""
    if not _bare_end(when):
        return when
    i = ctx.sentence_of(when.start)
    lo, hi = ctx.sentences[max(0, i - 1)][0], ctx.sentences[i][1]
    if not dates_stage.goes_on(ctx.text[ctx.sentences[i][0]:hi], ctx.lang):
        return when
    opened = [d for d in ctx.dates if lo <= d.start < when.start and d.precision == "day" and d.start_date
              and d.start_date == d.end_date and d.start_date < when.end_date and not (d.deadline or d.background)
              and dates_stage.starts_on(ctx.text, d.start, d.end, ctx.lang)]
    if not opened:
        return when
    return replace(when, start=opened[-1].start, text=ctx.text[opened[-1].start:when.end],
                   start_date=opened[-1].start_date)


def _opened_before(ctx: Context, when):
    """Move a one-day date of an event going on or ending back to an earlier day its sentence says it started on
    ("Сьогодні триває семінар, який розпочався вчора"): the later day ends it only when a verb of ending gives it
    ("2 квітня розпочався, а 3 квітня завершився"), else the end is open."""
    if when.sessions or when.start_date is None or when.end_date != when.start_date:
        return when
    lo, hi = ctx.sentences[ctx.sentence_of(when.start)]
    closes = dates_stage.ends_on(ctx.text, when.start, when.end, ctx.lang)
    if not (closes or dates_stage.goes_on(ctx.text[lo:hi], ctx.lang)):
        return when   # "5 квітня відбувся семінар проєкту, який стартував 1 квітня": the project's start
    opened = [d for d in ctx.dates if lo <= d.start < hi and d.precision == "day" and d.start_date
              and d.start_date == d.end_date and d.start_date < when.start_date
              and dates_stage.starts_on(ctx.text, d.start, d.end, ctx.lang)]
    if not opened:
        return when
    return replace(when, start_date=opened[0].start_date, end_date=when.end_date if closes else None)


def _one_day(when) -> bool:
    """Tell a date that gives one day and no sessions: a start with no end, or the same day as its end."""
    return not when.sessions and when.start_date is not None and when.end_date in (None, when.start_date)


def _bare_end(when) -> bool:
    """Tell a date that gives only an end ("до 19 лютого")."""
    return when.start_date is None and when.end_date is not None


def _stray_end(ctx: Context, when, own: int) -> bool:
    """Tell a bare end ("до 30 квітня") or start ("з 1 вересня") in a sentence other than the one at `own` that names
    no event: it bounds something else ("Конкурс триватиме до 30 квітня", "Прием заявок продлится до 30 апреля",
    "старости, які з 1 вересня працюють у громадах"), while "Навчання триватиме до 30 квітня" goes on about the
    event."""
    i = ctx.sentence_of(when.start)
    bare_start = when.end_date is None and when.start_date is not None and not when.sessions
    return ((_bare_end(when) or bare_start) and i != ctx.sentence_of(own)
            and not ctx.triggers_in(*ctx.sentences[i]))


def _until(ctx: Context, when):
    """Extend a start day to the end its sentence or the next two give later: with an open start ("розпочався
    14 травня і триватиме до 24 травня", "Школа стартовала 14 мая. Обучение продлится до 24 мая.", the next
    sentence's "Вона триватиме до 24 травня") or, after a day the event starts on, with a verb of ending
    ("розпочнеться 10 квітня, а завершиться 12 квітня")."""
    if when.sessions or when.start_date is None or (when.end_date or when.start_date) != when.start_date:
        return when
    _, following = ctx.window(when.start, after=1)
    _, stop = ctx.window(when.start, after=2)
    starts = when.end_date is None or dates_stage.tells_start_only(ctx.text[slice(*ctx.window(when.start))], ctx.lang)
    ends = [d for d in ctx.dates if when.end <= d.start < stop and not d.deadline and d.precision == "day"
            and d.end_date is not None and d.end_date > when.start_date
            and (_bare_end_of_it(ctx, d, when, following) or starts and _ending_day(ctx, d, following))]
    if not ends:
        return when
    return replace(when, end=ends[0].end, text=ctx.text[when.start:ends[0].end], end_date=ends[0].end_date)


def _bare_end_of_it(ctx: Context, end, when, following: int) -> bool:
    """Tell a bare end ("до 24 травня") that bounds the event dated `when`: in its own sentence or one naming an
    event, or before `following` (the next sentence's end) when said of it (_said_of_it)."""
    return end.start_date is None and (not _stray_end(ctx, end, when.start)
                                       or end.start < following and _said_of_it(ctx, end))


def _ending_day(ctx: Context, day, following: int) -> bool:
    """Tell one day that a verb of ending gives ("а завершиться 12 квітня"), before `following` (the next sentence's
    end) or in a sentence that names an event."""
    return day.start_date == day.end_date and dates_stage.ends_on(ctx.text, day.start, day.end, ctx.lang) \
        and (day.start < following or bool(ctx.triggers_in(*ctx.sentences[ctx.sentence_of(day.start)])))


def _said_of_it(ctx: Context, when) -> bool:
    """Tell a bare end that a verb of going on gives in a sentence with no noun before it, its subject a pronoun or
    left out ("Вона триватиме до 24 травня"): said of the event before, not of another thing ("Конкурс триватиме до
    30 квітня")."""
    lo = ctx.sentences[ctx.sentence_of(when.start)][0]
    analyzer = morph.analyzer(ctx.lang)
    # a noun by every reading: the dictionaries read "вона" as a surname and "до" as a noun too
    return (dates_stage.lasts_until(ctx.text, when.start, when.end, ctx.lang)
            and not any(all(p.tag.POS == "NOUN" for p in analyzer.parse(w.lower()))
                        for w in WORD.findall(ctx.text, lo, when.start)))


def _later_sessions(ctx: Context, when):
    """Extend a programme's session to the last of the sessions the next sentences date ("Перший модуль
    відбувся 5 травня. Другий модуль пройде 20 червня."), and back to a first session told apart
    (_earlier_sessions): one programme in several sessions is one event; so is an event told day by day
    ("Перший день ... 4 квітня. 5 квітня – другий"), and one that started on the day ("3 березня стартував курс.
    Заключне заняття відбудеться 28 березня")."""
    first = ctx.sentence_of(when.start)
    lo, hi = ctx.sentences[first]
    reach = cues()["sessions"]["first_session_reach" if session_words("first_session").search(ctx.text, lo, hi)
                               else "reach"]
    last = ctx.sentences[min(len(ctx.sentences) - 1, first + reach)][1]
    if when.start_date is None or not (session_words().search(ctx.text, lo, hi)
                                       or session_words("first_day").search(ctx.text, lo, ctx.window(lo, after=1)[1])
                                       or session_words("nth_day").search(ctx.text, hi, last)
                                       or dates_stage.tells_start_only(ctx.text[lo:hi], ctx.lang)):
        return when
    # In the date's own sentence a session word must stand before the later day ("перший модуль 14 травня,
    # другий – 28 травня"), or a count of sessions before the first ("у два етапи: 17 і 19 березня"); in a later
    # sentence anywhere in it.
    named = session_words("nouns", "ordinals", "nth_day", "later_day")
    counted = bool(session_words("counted").search(ctx.text, lo, when.start))
    later = [d for d in ctx.dates if when.end <= d.start < last and d.precision == "day" and d.start_date
             and d.start_date > (when.end_date or when.start_date)
             and ((counted and d.start < hi)
                  or named.search(ctx.text, *((when.end, d.start) if d.start < hi
                                              else ctx.sentences[ctx.sentence_of(d.start)])))]
    earlier = _earlier_sessions(ctx, when, (ctx.sentences[max(0, first - reach)][0], last))
    if not later and not earlier:
        return when
    sessions = sorted([(when.start_date, when.end_date)] + [(d.start_date, d.end_date) for d in earlier + later])
    return replace(when, start_date=sessions[0][0], end_date=max(end or start for start, end in sessions),
                   sessions=tuple(sessions))


def _earlier_sessions(ctx: Context, when, span: tuple[int, int]) -> list:
    """Return the days of a programme's first session told apart from the later one an article reports ("6-7 березня
    відбувся другий модуль. Перший модуль пройшов 20-21 лютого"): the event starts with it, when no longer ago than
    any event lasts."""
    longest = load_toml("dates.toml")["event_date"]["longest_days"]
    first_named = session_words("first_session")
    return [d for d in ctx.dates if span[0] <= d.start < span[1] and d.precision == "day" and d.start_date
            and (d.end_date or d.start_date) < when.start_date
            and ((when.end_date or when.start_date) - d.start_date).days < longest
            and first_named.search(ctx.text, *ctx.sentences[ctx.sentence_of(d.start)])]


def _standalone_line(text: str, start: int, end: int) -> bool:
    """Tell a date that stands alone on its line (a page's publication stamp)."""
    reach = windows().stamp_line  # a stamp line is short: looking further than this around the date is never needed
    line_start = text.rfind("\n", max(0, start - reach), start) + 1
    line_end = text.find("\n", end, end + reach)
    if line_start == 0 and start > reach or line_end == -1 and end + reach < len(text):
        return False
    line = text[line_start:line_end if line_end != -1 else len(text)]
    rest = line.replace(text[start:end], "")
    return len(re.sub(r"[\W\d_]+", "", rest)) <= load_toml("dates.toml")["event_date"]["stamp_rest_letters"]


def status_for(ctx: Context, trig: Trigger, scope: tuple[int, int], when) -> str:
    """Return held/announced from the event's own words, else from the sentences that introduce it."""
    s, e = ctx.window(trig.start)
    spans = [(min(s, scope[0]), max(e, scope[1])), ctx.window(trig.start, before=2), ctx.window(0, after=2),
             (0, len(ctx.text))]
    if when is not None and dates_stage.runs_until(ctx.text[slice(*ctx.window(when.start))], when, ctx.lang,
                                                   ctx.published):
        return "held"  # its own sentence says it goes on, whatever the event word's sentence says
    own_cue = dates_stage.cue_beside(ctx.text, trig.start, trig.end, ctx.lang)
    for k, (lo, hi) in enumerate(spans):
        # open registration ("Реєстрація триває") announces the event when no other cue speaks; its "триває"
        # alone would read as held
        text = ctx.text[lo:hi]
        unregistered = cue_pattern("registration_open").sub(lambda m: " " * len(m.group()), text)
        status = dates_stage.event_status(unregistered, ctx.lang, when, ctx.published, own_cue)
        if status == "unknown" and unregistered != text:
            return "announced"
        if status != "unknown":
            return status
        # a past verb nearest the event word in its own sentence ("голови відвідали захід") outranks cue words of
        # other sentences; a present one ("проєкт, що виконується, передбачає семінар") says less. Not the first
        # span's: a list item's line widens it to the item's other sentences
        if k == 0 and dates_stage.nearest_tense(ctx.text[s:e], ctx.lang, trig.start - s) == "past":
            return "held"
    # no cue word anywhere: the tense of the verbs nearest the event word, in its own sentence first (a list item's
    # line may hold more sentences)
    for lo, hi in dict.fromkeys([(s, e), *spans]):
        trigger_at = trig.start - lo if lo <= trig.start < hi else None
        if status := dates_stage.verb_tense(ctx.text[lo:hi], ctx.lang, trigger_at):
            return status
    return "unknown"


def confidence(basis: dict) -> float:
    """Return the probability that the record is right on event, dates and place.

    The product of three parts, each the share of right records measured on the dev set for
    that kind of support (numbers in gazetteers/event_cues.toml, [confidence]).
    """
    table = cues()["confidence"]
    # the last part holds below its bound too: a second event's word may score under zero (other_kind)
    trigger = next((p for bound, p in table["trigger"] if basis["trigger"] >= bound), table["trigger"][-1][1])
    return round(trigger * table["date"][basis["date"]] * table["place"][basis["place"]], 3)
