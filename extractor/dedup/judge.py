"""Decide whether two profiles describe the same real event, with the reasons.

A type, time, place or series-number conflict vetoes a merge; otherwise the title similarity
must reach a threshold that depends on what else agrees (dates, settlement, organizer, audience),
lower for a Ukrainian and a Russian title of one event. Time comes from the dates or, for an
undated record, from its article's publication date or the day and month its date words name.
Who attends counts like who organizes: a specific audience named alike on both sides anchors a
title match, and a title made only of its audience's words names no event, so such a record is
matched by its audience, type and settlement instead. A record's title stands beside the series'
name its text gives by the title ("«…» - це назва ІІІ форуму …"), and a name before a colon or
dash beside the name with its theme. Where the venues do not agree, a body of one venue's place
against a body of the same kind of another place ("Полтавська обласна рада" in Полтава / "Сумська
обласна рада") are two events. An announcement may name the regional centre where its report
names a village of the region. Thresholds are in `gazetteers/dedup.toml`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from rapidfuzz import fuzz

from extractor.dedup.normalize import config, generic, outskirts, place_codes, place_regions, stems
from extractor.dedup.profile import Profile, profile


@dataclass(frozen=True)
class Verdict:
    """The outcome of comparing two profiles: same event or not, a score, and why."""

    same: bool
    score: float
    reasons: tuple[str, ...]


@lru_cache(maxsize=4096)  # a stored event's dates meet every undated record near them
def _calendar_days(start: int, end: int, slack: int) -> frozenset[tuple[int, int]]:
    """Return the (month, day) pairs of the days from start-slack to end+slack (a year at most)."""
    first = date.fromordinal(start - slack)
    return frozenset(((d := first + timedelta(days=n)).month, d.day)
                     for n in range(min(end - start + 2 * slack, 366) + 1))


def same_family(a: str | None, b: str | None) -> bool:
    """Tell whether two event types can name the same event."""
    if not a or not b or a == b:
        return True
    return any(a in family and b in family for family in config()["type_families"])


def _weight(stem: str) -> float:
    return config()["generic_weight"] if stem in generic() else 1.0


def title_similarity(a: Profile, b: Profile) -> tuple[float, float]:
    """Return (0-1 similarity, shared weight of non-generic words) of two titles.

    A series' name found by a title ("«Громада» - це назва ІІІ Польсько-українського форуму") stands
    for the record too: the likest pair of names counts.
    """
    titles = _titles_similarity(a, b)
    series = [_name_similarity(x, y, False) for x, y in ((a.series, b.title), (a.title, b.series),
                                                        (a.series, b.series)) if x and y]
    return max([titles] + series)


def _titles_similarity(a: Profile, b: Profile) -> tuple[float, float]:
    """Return the similarity of the two titles themselves (a name before its theme contained in the other)."""
    return _name_similarity(a.title, b.title, _names_the_head(a, b) or _names_the_head(b, a))


def _name_similarity(title_a: tuple[tuple[str, str], ...], title_b: tuple[tuple[str, str], ...],
                     heads: bool) -> tuple[float, float]:
    """Return (0-1 similarity, shared weight of non-generic words) of two names.

    Similarity is the weighted Dice overlap of stems (a word with a typo still matches), or the
    share of the shorter name found in the longer one when the shorter has two real words or
    `heads` (it is all of the other's name before its theme).
    """
    if not title_a or not title_b:
        return 0.0, 0.0
    stems_b = {s for s, _ in title_b}
    matched, informative = 0.0, 0.0
    unmatched_a = []
    for stem, word in title_a:
        if stem in stems_b:
            matched += _weight(stem)
            informative += stem not in generic()
        else:
            unmatched_a.append((stem, word))
    if unmatched_a:
        stems_a = {s for s, _ in title_a}
        rest_b = [(s, w) for s, w in title_b if s not in stems_a]
        ratio = config()["typo_ratio"]
        for stem, word in unmatched_a:
            for other in rest_b:
                if len(word) >= 5 and fuzz.ratio(word, other[1]) >= ratio:
                    matched += min(_weight(stem), _weight(other[0]))
                    informative += stem not in generic() and other[0] not in generic()
                    rest_b.remove(other)
                    break
    weight_a = sum(_weight(s) for s, _ in title_a)
    weight_b = sum(_weight(s) for s, _ in title_b)
    dice = 2 * matched / (weight_a + weight_b)
    shorter = min(weight_a, weight_b)
    # A name is contained in a longer title where it has two real words' weight, or where it is all the
    # other's name before its theme ("Форум громад Слобожанщини" / "Форум громад Слобожанщини: відновлення").
    contained = matched / shorter if shorter >= 2 or heads else 0.0
    return min(1.0, max(dice, 0.9 * contained)), informative


def _names_the_head(a: Profile, b: Profile) -> bool:
    """Tell whether title `a` is all of title `b`'s name before its colon, with a real word in it."""
    return bool(b.head) and not a.head and {s for s, _ in a.title} == b.head and bool(b.head - generic())


@cache
def _levels() -> frozenset[str]:
    return frozenset(config()["government_levels"])


def _other_level(x: frozenset[str], y: frozenset[str]) -> bool:
    """Tell whether two names' stems differ only in their levels of government ("Черкаська обласна рада" /
    "Черкаська міська рада"): two bodies, or two groups of people."""
    levels = _levels()
    return bool(x & levels and y & levels and x & levels != y & levels and x - levels == y - levels)


def _share_a_name(a: Profile, b: Profile, field: int, limit: float, real_words: int = 0) -> bool:
    """Tell whether two names of a field (0: organizers, 1: audience), one of each side, overlap by `limit`
    (weighted Dice) with `real_words` real words, neither naming a place or person the other does not, nor being the
    other's name at another level of government ("Черкаська обласна рада" / "Черкаська міська рада")."""
    names_a, names_b = (a.organizers, a.audience)[field], (b.organizers, b.audience)[field]
    for x, proper_x in zip(names_a, a.proper[field]):
        for y, proper_y in zip(names_b, b.proper[field]):
            if x and y and not (proper_x - y and proper_y - x) and not _other_level(x, y):
                shared = x & y
                if 2 * sum(map(_weight, shared)) / (sum(map(_weight, x)) + sum(map(_weight, y))) >= limit and \
                        len(shared - generic()) >= real_words:
                    return True
    return False


def bodies_of_two_places(a: Profile, b: Profile) -> bool:
    """Tell whether one record is held by a body of its own venue's place and the other by a body of the same kind
    of another place ("Полтавська обласна рада" in Полтава / "Сумська обласна рада"), sharing no organizer.

    A body of another place than the venue (a region's delegation at a national forum) tells nothing.
    """
    if same_organizer(a, b):
        return False
    for home, other in ((a, b), (b, a)):
        venue = frozenset(s for label in home.places for s, _ in stems(label))
        for x, proper_x in zip(home.organizers, home.proper[0]):
            if proper_x and proper_x <= venue and (x - proper_x) - generic() and any(
                    proper_y and not proper_x & proper_y and x - proper_x == y - proper_y
                    for y, proper_y in zip(other.organizers, other.proper[0])):
                return True
    return False


def same_organizer(a: Profile, b: Profile) -> bool:
    """Tell whether the records share an organizer or partner (by weighted word overlap)."""
    return _share_a_name(a, b, 0, config()["organizer_dice"])


def same_audience(a: Profile, b: Profile) -> bool:
    """Tell whether the records name one specific audience (not just "депутати": several real words alike)."""
    cfg = config()
    return _share_a_name(a, b, 1, cfg["audience_dice"], cfg["audience_words"])


def _agreement(code_a: str, code_b: str, name_a: str, name_b: str, label_a: str, label_b: str) -> str:
    """Return 'same', 'conflict' or 'unknown' for two places: by codifier code, a name standing for its codes.

    Codes decide where both sides have one; a side with only a name ("Днепр", "Днепропетровская
    область") stands for the codes the gazetteer gives that name; spellings decide only where a
    name is not in the gazetteer.
    """
    if code_a and code_b:
        return "same" if code_a == code_b else "conflict"
    if not (name_a and name_b):
        return "unknown"
    codes_a = frozenset((code_a,)) if code_a else place_codes(label_a)
    codes_b = frozenset((code_b,)) if code_b else place_codes(label_b)
    if codes_a and codes_b:
        return "same" if codes_a & codes_b else "conflict"
    return "same" if name_a == name_b else "conflict"


def _regions(p: Profile) -> frozenset[str]:
    """Return the codes of the regions a record's place may lie in: its region's, else its settlement's."""
    if p.region_code:
        return frozenset((p.region_code,))
    return place_regions(p.places[1] or p.places[0]) if p.places[1] or p.places[0] else frozenset()


def _city_region(a: Profile, b: Profile) -> bool:
    """Tell whether `a` names only a region that is the city `b` names ("Москва", "Київ": a city of region rank)."""
    if a.places[0] or a.settlement_code or not (b.places[0] or b.settlement_code):
        return False
    regions = frozenset((a.region_code,)) if a.region_code else place_codes(a.places[1]) if a.places[1] else frozenset()
    towns = frozenset((b.settlement_code,)) if b.settlement_code else place_codes(b.places[0])
    return bool(regions & towns)


def place_relation(a: Profile, b: Profile) -> tuple[str, str]:
    """Compare venues: ('same'|'region'|'conflict'|'unknown', reason); 'same' needs one settlement."""
    region = _agreement(a.region_code, b.region_code, a.region, b.region, a.places[1], b.places[1])
    if region == "unknown" and (regions := (_regions(a), _regions(b)))[0] and regions[1]:
        # A side names only a town, the other only a region (or another town): the town's region decides.
        region = "same" if regions[0] & regions[1] else "conflict"
    if region == "conflict":
        return "conflict", f"regions differ: {a.places[1] or a.places[0] or a.region_code} / " \
                           f"{b.places[1] or b.places[0] or b.region_code}"
    settlement = _agreement(a.settlement_code, b.settlement_code, a.settlement, b.settlement, a.places[0],
                            b.places[0])
    if settlement == "conflict":
        mobile = a.event_type in config()["mobile_types"] or b.event_type in config()["mobile_types"]
        if mobile and region == "same":
            return "same", f"a visit in one region: {a.places[1] or b.places[1]}"
        near_centre = region == "same"
        if outskirts(a.places[0], b.places[0], near_centre) or outskirts(b.places[0], a.places[0], near_centre):
            return "region", f"a village by the regional centre: {a.places[0]} / {b.places[0]}"
        return "conflict", \
            f"settlements differ: {a.places[0] or a.settlement_code} / {b.places[0] or b.settlement_code}"
    if settlement == "same" or settlement == "unknown" and (_city_region(a, b) or _city_region(b, a)):
        return "same", f"same settlement: {a.places[0] or b.places[0] or a.settlement_code}"
    if region == "same":  # a region holds many towns: no conflict, but no agreement either
        return "region", f"same region: {a.places[1] or b.places[1] or a.region_code}"
    return "unknown", "place unknown on a side"


def time_relation(a: Profile, b: Profile) -> tuple[str, str]:
    """Compare when the events happen: ('agree'|'adjacent'|'near'|'unknown'|'conflict', reason).

    'adjacent': dated a day or so apart; 'near': an undated side's publication or day and month fit;
    'close': its publication is within days of the other's dates or publication.
    """
    cfg = config()
    if a.start and b.start:
        gap = max(a.start, b.start) - min(a.end, b.end)
        if gap <= 0:
            return "agree", "dates overlap"
        if gap <= cfg["date_gap_days"]:
            return "adjacent", f"dates {gap} day(s) apart"
        return "conflict", f"dates {gap} days apart"
    dated, undated = (a, b) if a.start else (b, a)
    if dated.start and undated.day_months:
        if undated.day_months & _calendar_days(dated.start, dated.end, cfg["date_gap_days"]):
            return "agree", "day and month agree (no year on a side)"
        return "conflict", "day and month differ (no year on a side)"
    if a.day_months and b.day_months:
        if a.day_months & b.day_months:
            return "near", "day and month agree (no year)"
        return "conflict", "day and month differ (no year)"
    dayed, other = (a, b) if a.day_months else (b, a)
    if dayed.day_months and other.published:  # days without a year against an undated page's publication
        lo, hi = other.published
        if dayed.day_months & _calendar_days(lo - cfg["report_days"], hi + cfg["announce_days"], 0):
            return "near", "day and month fit the other's publication (no year)"
        return "conflict", "day and month far from the other's publication (no year)"
    if dated.start and undated.published:
        lo, hi = undated.published
        if undated.announced and lo > dated.end + cfg["late_announcement_days"]:
            return "conflict", f"an undated announcement published {lo - dated.end} days after the dates"
        if dated.start - cfg["close_days"] <= lo and hi <= dated.end + cfg["close_days"]:
            return "close", f"published {lo - dated.start:+d} days from the dates"
        if undated.report and lo > dated.end + cfg["undated_report_days"]:
            return "conflict", f"an undated report published {lo - dated.end} days after the dates"
        if dated.start - cfg["announce_days"] <= hi and lo <= dated.end + cfg["report_days"]:
            return "near", f"published {lo - dated.start:+d} days from the dates"
        return "conflict", f"published {lo - dated.start:+d} days from the dates"
    if a.published and b.published:
        gap = max(a.published[0], b.published[0]) - min(a.published[1], b.published[1])
        if a.report and b.report and gap > cfg["undated_report_days"]:
            return "conflict", f"undated reports published {gap} days apart"
        if _announced_after_report(a, b) or _announced_after_report(b, a):
            return "conflict", f"an undated announcement published {gap} days after a report"
        if gap <= cfg["undated_gap_days"]:
            label = "close" if max(a.published[1], b.published[1]) - min(a.published[0], b.published[0]) <= \
                cfg["close_days"] else "near"
            return label, f"undated, published {max(gap, 0)} days apart"
        return "conflict", f"undated, published {gap} days apart"
    return "unknown", "no dates on a side"


def _announced_after_report(report: Profile, announcement: Profile) -> bool:
    """Tell whether an undated announcement appeared days after an undated report: it announces a later edition."""
    return report.report and announcement.announced and \
        announcement.published[0] > report.published[1] + config()["late_announcement_days"]


def _first_and_last(p: Profile) -> frozenset[tuple[int, int]]:
    """Return the (month, day) of the first and last day of an event of several days, else nothing."""
    if p.start and p.end and p.end > p.start:
        return frozenset(((d := date.fromordinal(n)).month, d.day) for n in (p.start, p.end))
    return p.day_months if len(p.day_months) == 2 else frozenset()


def same_span(a: Profile, b: Profile) -> bool:
    """Tell whether both records name the same first and last day of an event of several days ("10-14 ноября")."""
    span = _first_and_last(a)
    return bool(span) and span == _first_and_last(b) and (
        not (a.start and b.start) or (a.start, a.end) == (b.start, b.end))


def _other_edition(a: Profile, b: Profile) -> str | None:
    """Return why two records are other editions of one series (numbers or years in the names differ), else None."""
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return f"numbers in the series differ: {a.ordinal} / {b.ordinal}"
    if a.years and b.years and not a.years & b.years:  # "Форум громад 2024" / "Форум громад 2025"
        return f"years in the names differ: {min(a.years)} / {min(b.years)}"
    return None


@dataclass(frozen=True)
class _Evidence:
    """What two profiles that nothing rules out share, read once for the decision, its reasons and its score."""

    time: str
    place: str
    title: float
    informative: float          # shared weight of real title words
    numbered: bool              # "XVI форум" and "16-й форум": one of a series
    by_series: bool
    organizer: bool
    audience: bool
    span: bool
    counted_alike: bool
    bare: bool
    part_apart: bool            # a part of a programme against the programme's name
    by_audience: bool
    one_a_day: bool             # a programme and its day for the same people, or two forums: one a day per organizer

    @property
    def who(self) -> bool:
        """The same organizer, or the same specific group of people."""
        return self.organizer or self.audience


def _ruled_out(a: Profile, b: Profile, time: tuple[str, str], place: tuple[str, str]) -> str | None:
    """Return why two records cannot be one event whatever their titles say (type, time, place, edition, bodies of
    two places), else None."""
    if not same_family(a.event_type, b.event_type):
        return f"types differ: {a.event_type} / {b.event_type}"
    if time[0] == "conflict":
        return time[1]
    if place[0] == "conflict":
        return place[1]
    if edition := _other_edition(a, b):
        return edition
    if place[0] != "same" and bodies_of_two_places(a, b):
        return "organizers are bodies of one kind in two places"
    return None


def _evidence(a: Profile, b: Profile, time: str, place: str) -> _Evidence:
    """Gather what agrees between two records: title, series number, organizer, audience, days, head count."""
    numbered = bool(a.ordinal and a.ordinal == b.ordinal)
    title, informative = title_similarity(a, b)
    # A number found by the name in the text (not in a title) counts like a shared real title word.
    informative += numbered and not all(any(s == str(p.ordinal) for s, _ in p.title) for p in (a, b))
    organizer = same_organizer(a, b)
    audience = same_audience(a, b)
    one_a_day = time == "agree" and _once_a_day(a, b)
    if time == "adjacent":  # a day apart is one event only where place or organizer agree too
        time = "agree" if place == "same" or organizer else "near"
    # A title made of its audience's words names no event: such a record is the other one in its
    # settlement for the same people on the same dates; without dates, only where it is of the same
    # type and the other title mentions those people too.
    by_audience = audience and place == "same" and (a.nameless or b.nameless) and (
        time == "agree" or (a.event_type == b.event_type and informative >= 1))
    return _Evidence(
        time=time, place=place, title=title, informative=informative, numbered=numbered,
        by_series=bool(a.series or b.series) and title > _titles_similarity(a, b)[0],
        organizer=organizer, audience=audience, span=same_span(a, b),
        counted_alike=a.participants is not None and a.participants == b.participants,
        bare=a.bare or b.bare, part_apart=a.part != b.part, by_audience=by_audience, one_a_day=one_a_day)


def _once_a_day(a: Profile, b: Profile) -> bool:
    """Tell two records of what one organizer holds once a day: a forum, or a programme ("Школа мэров") and a day of
    it named by its theme, for people of the same head noun. The organizer is named all alike on both sides (not the
    town's council against the region's council of that town)."""
    cfg = config()
    forums = a.event_type == b.event_type and a.event_type in cfg["one_a_day_types"]
    programme_day = bool(a.audience_heads & b.audience_heads) and bool(
        {a.event_type, b.event_type} & set(cfg["programme_types"]))
    return (forums or programme_day) and _share_a_name(a, b, 0, cfg["one_body_dice"])


def _title_thresholds(a: Profile, b: Profile) -> dict[str, float]:
    """Return the title similarity thresholds, lowered for a Ukrainian and a Russian title: a translated title
    shares only some words; the glossary covers the common ones."""
    t = config()["title"]
    if a.lang and b.lang and a.lang != b.lang:
        factor = config()["cross_language_factor"]
        t = {k: v * factor for k, v in t.items()}
    return t


def _same_generic(e: _Evidence) -> bool:
    """Event words alone ("форум", "навчальний семінар"), or a part of a programme ("модуль 2 Школи мерів") against
    the programme's name, name no one event: it takes the same settlement, near time and the same organizer or
    audience (and the part, a word of the programme's name)."""
    return e.place == "same" and e.time in ("agree", "close") and e.who and (e.bare or e.informative >= 1)


def _same_dated(e: _Evidence, t: dict[str, float]) -> bool:
    """Decide two records on the same dates: by the title, or in one settlement by who runs it and for whom."""
    by_title = e.title >= t["dated"] or (e.title >= t["dated_place"] and (e.place == "same" or e.who))
    # On the same dates in one settlement, one organizer for the same people is one event even
    # where one report names the programme and another describes it.
    # Nor do two names of one course by one organizer in one town over the same several days, nor two names of
    # what one organizer holds once a day there (a forum; a programme and its day named by the day's theme).
    return (by_title and (e.informative >= 1 or (e.title >= 1.0 and e.place == "same"))) or (
        e.place == "same" and ((e.title >= t["dated_place_organizer"] and e.who) or (e.organizer and e.audience)
                               or (e.organizer and (e.span or e.one_a_day)))
    ) or e.by_audience


def _same_undated(e: _Evidence, t: dict[str, float]) -> bool:
    """Without dates on both sides the title carries the decision: a recurring programme's name ("Школа мэров") is
    not enough without any time, and a title found in a loose time window must also agree on place, organizer or
    audience unless it is long and specific."""
    anchored = (e.time == "close" or e.place in ("same", "region") or e.who
                or e.informative >= config()["specific_title_words"])
    timed = e.time in ("near", "close")
    # Without any time, one named event in one settlement for the same people counted alike.
    counted = e.place == "same" and e.who and e.counted_alike
    return e.informative >= (1 if timed or counted else 2) and (
        (e.title >= t["undated"] and anchored)
        or (e.title >= t["undated_place"] and e.place == "same" and (e.who or timed))
        # two sites of one region report it within days, each in its own words
        or (e.title >= t["undated_region"] and e.place == "region" and e.time == "close" and e.informative >= 2)
    ) or e.by_audience


def _agreements(e: _Evidence) -> tuple[str, ...]:
    """Return the names of the things that agree, for the verdict's reasons."""
    agreements = (("a title of event words only", e.bare), ("a part against the whole", e.part_apart),
                  ("same number in the series", e.numbered), ("same organizer", e.organizer),
                  ("same audience", e.audience), ("by the series' name", e.by_series),
                  ("the same first and last day", e.span), ("as many taking part", e.counted_alike),
                  ("a title that names only its audience", e.by_audience),
                  ("what one organizer holds once a day", e.one_a_day))
    return tuple(r for r, holds in agreements if holds)


def ruled_out(a: Profile, b: Profile) -> str | None:
    """Return why two records cannot be one event whatever their titles say (type, time, place, edition), else None."""
    return _ruled_out(a, b, time_relation(a, b), place_relation(a, b))


def judge(a: Profile, b: Profile) -> Verdict:
    """Decide whether two profiles are the same event; the reasons say why (or why not)."""
    time, time_reason = time_relation(a, b)
    place, place_reason = place_relation(a, b)
    if veto := _ruled_out(a, b, (time, time_reason), (place, place_reason)):
        return Verdict(False, 0.0, (veto,))
    e = _evidence(a, b, time, place)
    if e.bare or e.part_apart:
        same = _same_generic(e)
    elif e.time == "agree":
        same = _same_dated(e, _title_thresholds(a, b))
    else:
        same = _same_undated(e, _title_thresholds(a, b))
    reasons = (f"title {e.title:.2f}", time_reason, place_reason) + _agreements(e)
    score = (e.title + {"agree": 0.3, "close": 0.2, "near": 0.1}.get(e.time, 0.0) + 0.2 * (e.place == "same")
             + 0.1 * e.organizer + 0.1 * e.audience)
    return Verdict(same, round(score, 3), reasons)


def compare(a: dict, b: dict) -> Verdict:
    """Decide whether record `b` is the same event as record (or stored event) `a`."""
    return judge(profile(a), profile(b))
