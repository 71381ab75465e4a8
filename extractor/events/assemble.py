"""Put an article's events together: one per dated list item, else the best-supported trigger."""
from __future__ import annotations

from datetime import date

from extractor.dates.model import ReferenceDate
from extractor.events.audience import audience_near, head_count_near
from extractor.events.classify import rank
from extractor.events.context import Context, build_context
from extractor.events.cues import cues
from extractor.events.detect import (Trigger, also_held, find_triggers, for_outsiders, gatherings, list_items,
                                     named_after, other_kind, the_whole, this_instance, trigger_score)
from extractor.events.fields import confidence, pick_date, status_for, topics_for
from extractor.events.hromadas import add_hromadas
from extractor.events.nouns import VERBS, find_lexicon_words
from extractor.events.record import Event
from extractor.events.phrases import folded
from extractor.events.roles import host, organizer_after, programme_after, programme_named, roles, roles_by_kind
from extractor.events.title import title_for
from extractor.events.venue import online_span, pick_place, plural_venues


def assemble(article_id: str, text: str, lang: str, published: date | ReferenceDate | None = None) -> list[Event]:
    """Return the events of one (cleaned) article; `published` is its reference date (dates/reference.py)."""
    triggers, verbs = find_triggers(text, lang), None
    if not triggers and not (verbs := find_lexicon_words(text, lang, VERBS)):
        return []  # before the dates and places are read: a page without an event word costs no more
    ctx = build_context(text, lang, published, triggers)
    scored, holds_event = rank(ctx, triggers) if triggers else ([], False)
    if not holds_event:
        # no event word holds: officials who gathered or learned ("старости зібралися ... обговорили") may be the event
        triggers = gatherings(ctx, verbs)
        min_score = cues()["detection"]["min_gathering_score"]
        scored, holds_event = rank(ctx, triggers, min_score) if triggers else ([], False)
    if not holds_event:
        return []
    scored = the_whole(ctx, this_instance(ctx, scored))
    # the best mentions that name the institution it is held in go: they are its venue (checked lazily, best first)
    scored = scored[next((i for i, (_, t) in enumerate(scored) if not hosts(ctx, t)), 0):]
    best = scored[0][1]
    shared = roles(ctx, 0, len(text))
    items = list_items(ctx, triggers)
    if len(items) >= 2:
        return [_own_item_place(fill(ctx, article_id, trig, span, shared), [o for _, o in items if o != span])
                for trig, span in items]
    # A generic word ("навчання") yields to a specific one in the same sentence, or in the next one when the
    # ranker finds them about as likely ("завершили навчання. Дводенні тренінги відбулися у Львові ...").
    s, e = ctx.window(best.start)
    _, next_end = ctx.window(best.start, after=1)
    margin = cues()["detection"]["generic_margin"]
    specific = [t for sc, t in scored if t.weight > best.weight
                and (s <= t.start < e or (e <= t.start < next_end and sc >= scored[0][0] - margin))]
    trig = specific[0] if specific else best
    event = fill(ctx, article_id, trig, ctx.window(trig.start), shared)
    venues = plural_venues(ctx, trig, days_of(event), event.evidence.get("settlement", [None])[0])
    found = [at_venue(event, venue, venue_day(ctx, venue, venues)) for venue in venues] if len(venues) >= 2 \
        else [event]
    second = other_kind(ctx, scored, trig, days_of(event))
    if second is not None:
        found = [place_apart(e, ctx.window(second.start)) for e in found]
        found.append(own_place_only(own_date_only(fill(ctx, article_id, second, ctx.window(second.start), shared))))
    elif len(found) == 1 and (again := also_held(ctx, scored, trig, days_of(event))) is not None:
        found += held_elsewhere(ctx, event, fill(ctx, article_id, again, ctx.window(again.start), shared), again)
    return [event for event in found if not for_outsiders(ctx, trig, event.audience)]


def held_elsewhere(ctx: Context, first: Event, repeat: Event, trig: Trigger) -> list[Event]:
    """Return an event told as held too (`repeat`, named by `trig`) as a second event when its own sentence puts it
    in another town; on other days at the same place, or with no place of its own, it is the first event going on
    or a part of it. Of the first one's kind and without a name of its own ("аналогічний семінар", "ще один
    семінар"), it is on the first one's topic; a day from beside it is the first one's."""
    if repeat.basis["place"] != "scope" or repeat.settlement in (None, first.settlement):
        return []
    if repeat.event_type == first.event_type and not named_after(ctx, trig):
        repeat.title = first.title
        repeat.evidence.pop("title", None)
        if "title" in first.evidence:
            repeat.evidence["title"] = first.evidence["title"]
    return [own_date_only(repeat)]


def hosts(ctx: Context, trig: Trigger) -> bool:
    """Tell whether a programme's head word names the institution an event is held in ("в Высшей школе ... КФУ")."""
    if trig.kind != "named":
        return False
    found = host(ctx, *ctx.window(trig.start))
    return found is not None and found[1][0] <= trig.start < found[1][1]


def fill(ctx: Context, article_id: str, trig: Trigger, scope: tuple[int, int], shared: dict) -> Event:
    """Fill one event's fields from its scope (its sentence or list item) and the article."""
    event = Event(article_id=article_id, event_type=trig.event_type, lang=ctx.lang)
    event.evidence["event_type"] = [trig.start, trig.end]
    event.title, span = title_for(ctx, trig, scope)
    if span:
        event.evidence["title"] = list(span)
    when, date_basis = pick_date(ctx, trig, scope)
    if when is not None:
        _set_date(event, when)
    place_basis = _set_place(ctx, event, trig, scope, when)
    _set_people(ctx, event, trig, scope)
    _set_roles(ctx, event, trig, shared)
    add_hromadas(ctx, event, trig.start, scope)
    event.topics = topics_for(f"{event.title or ''} {ctx.text[scope[0]:scope[1]]}")
    event.status = status_for(ctx, trig, scope, when)
    # Confidence is calibrated on the rules' score, whichever detector chose the event.
    event.basis = {"trigger": round(trigger_score(ctx, trig), 2), "date": date_basis, "place": place_basis}
    event.confidence = confidence(event.basis)
    return event


def _set_date(event: Event, when) -> None:
    """Set an event's days, sessions and date evidence from the picked date (a DateMention)."""
    event.date_text = when.text
    event.evidence["start_date"] = event.evidence["end_date"] = [when.start, when.end]
    event.start_date = when.start_date.isoformat() if when.start_date else None
    event.end_date = when.end_date.isoformat() if when.end_date else None
    event.sessions = [[a.isoformat() if a else None, b.isoformat() if b else None] for a, b in when.sessions]


def _set_place(ctx: Context, event: Event, trig: Trigger, scope: tuple[int, int], when) -> str:
    """Set an event's venue, region and online flag with their evidence; return the place's basis."""
    ev = event.evidence
    online = online_span(ctx, trig, scope)
    venue, region, place_basis = pick_place(ctx, trig, scope, when.start if when is not None else None,
                                            online is not None)
    if venue is not None:
        event.settlement, event.settlement_code = venue.old_name or venue.name, venue.code
        event.hromada, event.raion, event.country = venue.hromada, venue.raion, venue.country
        event.region = venue.region
        ev["settlement"] = [venue.start, venue.end]
    if region is not None and (event.region is None or venue is None):
        event.region, event.country = region_name(region), region.country
        ev["region"] = [region.start, region.end]
    elif venue is not None and venue.region:
        # the region's own words where they name the venue's oblast ("відвідають Полтавщину ... у Полтаві")
        named = region is not None and region_name(region) == venue.region
        ev["region"] = [region.start, region.end] if named else [venue.start, venue.end]
    if online is not None:
        event.online, ev["online"] = True, list(online)
    return place_basis


def _set_people(ctx: Context, event: Event, trig: Trigger, scope: tuple[int, int]) -> None:
    """Set an event's audience and head count with their evidence: in its scope and the next sentence, the count
    else a little further."""
    lo, hi = ctx.window(trig.start, before=0, after=1)
    lo, hi = min(lo, scope[0]), max(hi, scope[1])
    audience = audience_near(ctx, trig.start, trig.end, scope)
    event.audience = list(dict.fromkeys(a for a, _ in audience))
    if audience:
        event.evidence["audience"] = list(audience[0][1])
    event.participants, span = head_count_near(ctx, trig, lo, hi)
    if span:
        event.evidence["participants"] = list(span)


def _set_roles(ctx: Context, event: Event, trig: Trigger, shared: dict) -> None:
    """Set an event's organizers and partners: the article's (`shared`), the owner named after the event word, and
    the known bodies near it."""
    ev = event.evidence
    event.organizers = [n for n, _ in shared["organizers"]]
    owner = organizer_after(ctx, trig)
    if owner and owner[0] not in event.organizers:
        event.organizers.append(owner[0])
        ev.setdefault("organizers", list(owner[1]))
    # a programme named by the event's title is the event itself ("Программа «Школа мэров» реализуется ВШГУ")
    event.partners = [n for n, _ in shared["partners"] if n not in event.organizers
                      and not (event.title and programme_named(n, ctx.lang) and folded(event.title) in folded(n))]
    programme = programme_after(ctx, trig, event.title)
    if programme and programme[0] not in event.partners + event.organizers:
        event.partners.append(programme[0])
    known = roles_by_kind(ctx, *ctx.window(trig.start, before=1, after=2), event.organizers + event.partners)
    event.organizers += [n for n, _ in known["organizers"]]
    event.partners += [n for n, _ in known["partners"]]
    if shared["organizers"]:
        ev["organizers"] = list(shared["organizers"][0][1])
    if shared["partners"]:
        ev["partners"] = list(shared["partners"][0][1])


def days_of(event: Event) -> tuple[date, date] | None:
    """Return an event's first and last day, when it has them."""
    if event.start_date is None:
        return None
    return date.fromisoformat(event.start_date), date.fromisoformat(event.end_date or event.start_date)


def own_date_only(event: Event) -> Event:
    """Keep a second event's date only when its own sentence states it: a date nearby is the first event's."""
    if event.basis["date"] == "scope":
        return event
    drop_dates(event)
    event.date_text = None
    event.basis["date"] = "none"
    event.confidence = confidence(event.basis)
    return event


def own_place_only(event: Event) -> Event:
    """Keep a second event's place only when its own sentence states it: a place nearby is the first event's
    ("3 травня у Житомирі відбувся семінар. З 20 по 27 травня старости були з навчальним візитом у Польщі")."""
    if event.basis["place"] == "scope":
        return event
    _drop_place(event, region=True)
    event.basis["place"] = "none"
    event.confidence = confidence(event.basis)
    return event


def _own_item_place(event: Event, others: list[tuple[int, int]]) -> Event:
    """Drop a list item's town found in another item: "12 березня — вебінар;\n19 березня — тренінг у Полтаві" — Полтава
    is the training's."""
    for other in others:
        event = place_apart(event, other)
    return event


def place_apart(event: Event, other: tuple[int, int]) -> Event:
    """Drop an event's town found beside it, not in its own sentence, when it stands in the sentence of a second
    event (`other`): "З 19 по 25 травня старости були з візитом у Польщі. А 28 травня у Вінниці відбувся семінар" —
    Вінниця is the seminar's. A region named elsewhere stays ("гості відвідають Полтавщину. ... круглий стіл у
    Полтаві": Полтавська область)."""
    ev = event.evidence
    if "settlement" not in ev or event.basis["place"] == "scope" or not other[0] <= ev["settlement"][0] < other[1]:
        return event
    _drop_place(event, region=other[0] <= ev.get("region", [-1])[0] < other[1])
    return event


def _drop_place(event: Event, region: bool) -> None:
    """Clear an event's town, and its region and country too when `region`, with their evidence."""
    event.settlement = event.settlement_code = event.hromada = event.raion = None
    event.evidence.pop("settlement", None)
    if region:
        event.region = event.country = None
        event.evidence.pop("region", None)
        event.evidence.pop("country", None)


def drop_dates(event: Event) -> None:
    """Clear an event's dates, sessions and their evidence."""
    event.start_date = event.end_date = None
    event.sessions = []
    for name in ("start_date", "end_date"):
        event.evidence.pop(name, None)


def region_name(place) -> str:
    """Return the region a place mention stands for: itself for an oblast, else the oblast it lies in."""
    return place.name if place.kind in ("oblast", "ru_region") else place.region


def venue_day(ctx: Context, venue, venues: list):
    """Return the one day stated beside a venue in a sentence or list item of its own, away from the event word
    ("Круглі столи:\n- 14 травня у Лубнах;\n- 21 травня у Гадячі"): that venue's day; in a sentence of several,
    the day it alternates with ("15 квітня у Житомирі та 18 квітня у Бердичеві", "у Житомирі 15 квітня, у Бердичеві
    18 квітня"). None where days and venues do not pair off one by one."""
    s, e = ctx.window(venue.start)
    here = [v for v in venues if s <= v.start < e]
    days = [d for d in ctx.dates if s <= d.start < e and d.precision == "day" and not d.deadline and not d.background
            and (d.start_date or d.end_date)]
    if len(days) != len(here):
        return None
    both = sorted([(v.start, False) for v in here] + [(d.start, True) for d in days])
    if any(a[1] == b[1] for a, b in zip(both, both[1:])):
        return None
    # by position: a mention's equality is its value, not where it stands
    return days[next(i for i, v in enumerate(here) if v.start == venue.start)]


def at_venue(event: Event, venue, day=None) -> Event:
    """Return a copy of an event held at one of its several venues, on its own `day` where one is stated beside it;
    a head count stated for all of them is no one's, and so are separate days ("21 та 23 грудня у Лубнах, Гадячі й
    Пирятині"): which day where, the text does not say."""
    copy = Event(**{**event.to_dict(), "evidence": dict(event.evidence)})
    copy.participants = None
    copy.evidence.pop("participants", None)
    if day is not None:
        _set_date(copy, day)
    elif copy.sessions:
        drop_dates(copy)
    copy.settlement, copy.settlement_code = venue.old_name or venue.name, venue.code
    copy.hromada, copy.raion, copy.region, copy.country = venue.hromada, venue.raion, venue.region, venue.country
    copy.evidence["settlement"] = copy.evidence["region"] = [venue.start, venue.end]
    return copy
