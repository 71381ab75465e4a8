"""Where an event takes place: the venue settlement and its region, never a place in a body's name.

A place is the venue when a venue word stands before it ("у Львові", "на базі ... ОТГ") or a
hosting verb after it ("Полтава прийняла учасників"). It is not the venue when it says where
people come from ("з Вінницької області", "делегація Ивановской области", "Золочівська ОТГ взяла
участь"), when it is one of a list of several places ("управленцы из регионов: Татарстан,
Московская и Астраханская области"), or when it is part of an organization's name.
"""
from __future__ import annotations

import re
from datetime import date
from functools import cache

from extractor import morph
from extractor.events.context import Context
from extractor.events.cues import (alternation, cue_pattern, cues, lemma_pattern, on_credit_line, rubric_separator,
                                   windows, words)
from extractor.events.detect import LIST_ITEM, Trigger, is_plural
from extractor.text import HYPHENATED, line_end

VENUE_KINDS = ("settlement", "hromada", "ru_city")
REGION_KINDS = ("oblast", "ru_region", "raion")  # a raion stands for the oblast it lies in
PREVIOUS_WORD = re.compile(r"(\w+)[ \t\u00a0]+$")
LOCATOR_GAP = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*")


def online_span(ctx: Context, trig: Trigger, scope: tuple[int, int]) -> tuple[int, int] | None:
    """Return the words that put an event online (in its scope, else near its trigger; a webinar's own word)."""
    near = [s for s in ctx.online if scope[0] <= s[0] < scope[1]] or \
        [s for s in ctx.online if abs(s[0] - trig.start) < windows().online_cue]
    if near:
        return near[0]
    return (trig.start, trig.end) if trig.event_type == "webinar" else None


def pick_place(ctx: Context, trig: Trigger, scope: tuple[int, int], anchor: int | None = None,
               online: bool = False):
    """Return (venue, region mention, where found) of an event.

    Areas are searched in order: the event's scope, the sentences around its trigger, the
    sentence of its date (`anchor`), the article's lead. A marked settlement (venue word before
    it) wins; a marked region bounds it (a settlement elsewhere in another oblast is not the
    venue); then the only settlement the whole article marks; then a regional body the event is
    held at ("у Львівській ОДА"); then, for an event held in a room, unmarked places, never a
    rubric or credit line. An online event has a place only where the text states a venue: an
    unmarked region there, or one a word away from its venue word, is where its participants or
    organizers are ("для громад Полтавщини", "у громадах Полтавщини").
    """
    groups = _groups(ctx)
    locators = _locators(ctx)
    places = [p for p in ctx.places if not p.in_org_name and not _listed(groups[p.start]) and p.start not in locators
              and not _is_origin_in(ctx, p, groups) and not on_credit_line(ctx.text, p.start)
              and not on_credit_line(ctx.text, p.start, "contact_labels") and not _on_footer_line(ctx, p)]
    areas = _areas(ctx, trig, scope, anchor)
    marked = [p for p in places if _is_venue_in(ctx, p, groups, 0 if online and p.kind in REGION_KINDS else 1)]
    found_region, region_where = None, "none"
    for (lo, hi), where in areas:
        here = [p for p in marked if lo <= p.start < hi]
        settlements = [p for p in here if p.kind in VENUE_KINDS and _fits(p, found_region)]
        if settlements:
            venue = _closest(settlements, trig, groups)
            return venue, _region_of(venue, found_region or _one_region(here)), where
        if found_region is None and (region := _one_region(here)):
            found_region, region_where = region, where
    # the one venue the whole article marks ("Старт модуля был дан ... в Москве"), in the region marked nearer
    settlements = [p for p in marked if p.kind in VENUE_KINDS]
    if len({p.code or p.name for p in settlements}) == 1 and _fits(settlements[0], found_region):
        return settlements[0], _region_of(settlements[0], found_region), "unmarked"
    if found_region is not None:
        return None, found_region, region_where
    for (lo, hi), _ in areas:  # a regional body the event is held at ("у Полтавському центрі підвищення кваліфікації")
        bodies = [p for p in ctx.places if p.in_org_name and p.region and lo <= p.start < hi
                  and _spells_body(ctx, p) and is_venue(ctx, p, words_between=2)]
        # a local council's building ("у приміщенні Миргородської міської ради") is in its town or hromada
        councils = {p.code: p for p in bodies if p.kind in VENUE_KINDS and p.code}
        if len(councils) == 1 and len({p.region for p in bodies}) == 1:
            return next(iter(councils.values())), None, "org"
        if len({p.region for p in bodies}) == 1:
            return None, bodies[0], "org"
    if online:
        return None, None, "none"
    # a hromada named without a venue word is mentioned in passing ("досвід Гадяцької громади"): no venue
    unmarked = [p for p in places if not _on_rubric_line(ctx, p) and p.kind != "hromada"]
    for (lo, hi), _ in areas:
        here = [p for p in unmarked if lo <= p.start < hi]
        settlements = [p for p in here if p.kind in VENUE_KINDS]
        if settlements:
            venue = _closest(settlements, trig, groups)
            return venue, _region_of(venue, _one_region(here)), "unmarked"
        if region := _one_region(here):
            return None, region, "unmarked"
    return None, None, "none"


def _areas(ctx: Context, trig: Trigger, scope: tuple[int, int], anchor: int | None) -> list:
    """Return the (span, basis) areas searched for the venue, nearest to the event first."""
    lead_end = ctx.sentences[min(2, len(ctx.sentences) - 1)][1]
    areas = [(scope, "scope"), (ctx.window(trig.start, before=1, after=2), "near")]
    if anchor is not None:
        areas.append((ctx.window(anchor), "near"))
    areas.append(((0, lead_end), "lead"))
    return areas


def _on_rubric_line(ctx: Context, place) -> bool:
    """Tell whether a place is (nearly) the whole of its line: the page's rubric or site name ("Иваново",
    "Новини Полтавщини", "Главная / Новости Курской области"), or on a line that names a news site or rubric
    and says nothing ("Новости Твери и Тверской области", "Полтавщина сьогодні — новини Полтави та області")."""
    line_start = ctx.text.rfind("\n", 0, place.start) + 1
    line = ctx.text[line_start:line_end(ctx.text, place.end)]
    rest = line.replace(place.text, "", 1)
    if len(re.findall(r"\w+", rest)) <= cues()["rubric_max_words"]:
        return True
    if cue_pattern("rubric_words").search(line) and not any(
            morph.analyzer(ctx.lang).parse(w)[0].tag.POS == "VERB" for w in re.findall(r"\w+", line.lower())):
        return True
    # a header of several parts ("Тернопільщина | Новини громад | 12.03.2021"): the place's part alone
    at = place.start - line_start
    parts = rubric_separator().split(line)
    return len(parts) > 1 and any(line.find(part) <= at < line.find(part) + len(part) and
                                  len(re.findall(r"\w+", part.replace(place.text, "", 1))) <= cues()["rubric_max_words"]
                                  for part in parts)


def _on_footer_line(ctx: Context, place) -> bool:
    """Tell whether a place is on a site's footer line ("© 2025 ... м. Полтава, вул. Соборності, 45") or on an
    office's address line ("36014, м. Полтава, вул. ..."), not under a label of the event's address."""
    line_start = ctx.text.rfind("\n", 0, place.start) + 1
    end = line_end(ctx.text, place.end)
    if _footer_mark().search(ctx.text, line_start, end):
        return True
    above = ctx.text[ctx.text.rfind("\n", 0, max(0, line_start - 1)) + 1:end]
    return bool(_postal_code().match(ctx.text, line_start)) and not _event_address_label().search(above)


@cache
def _footer_mark() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in cues()["footer_marks"]), re.IGNORECASE)


@cache
def _postal_code() -> re.Pattern:
    return re.compile(r"[ \t\u00a0]*" + cues()["postal_code"])


@cache
def _event_address_label() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + words("event_address_labels") + r")\s*:", re.IGNORECASE)


def _spells_body(ctx: Context, place) -> bool:
    """Tell whether a mention spells a body's name, a place adjective and its head ("Львівській ОДА"), or a
    region governed by one ("в Законодательном Собрании Вологодской области"), or a town's council ("міської ради
    Ковеля"), not a place named inside one ("Деснянська районна у м. Чернігові рада", "мера Луцька"), nor a region
    after a preposition, which ends a body's name ("Офіс реформ у Полтавській області")."""
    words = place.text.split()
    prev = PREVIOUS_WORD.search(ctx.text, max(0, place.start - windows().word_before), place.start)
    if len(words) == 1 and prev and any(q.normal_form in cues()["council_heads"]
                                        for q in morph.analyzer(ctx.lang).parse(prev.group(1).lower())):
        return True  # a town's council or administration, the town in the genitive ("міської ради Ковеля")
    if not (place.text[:1].isupper() and len(words) >= 2):
        return False
    own_head = morph.lemma(words[-1].lower(), ctx.lang) == morph.lemma(place.name.split()[-1].lower(), ctx.lang)
    return not (own_head and prev and prev.group(1).lower() in cues()["venue_markers"])


def _fits(settlement, region) -> bool:
    """Tell whether a settlement may lie in a region marked nearer the event: it lies there, or the gazetteer
    does not know it ("в деревне Трубичино", named only by its cue)."""
    return region is None or settlement.region == region.region or settlement.country is None


def _region_of(venue, region):
    """Return the region mention that goes with a venue, unless it is another country's ("у Любліні" is not in
    the Volyn oblast the delegation came from)."""
    return region if region is not None and venue.country in (None, region.country) else None


def _closest(places: list, trig: Trigger, groups: dict[int, list]):
    """Return the place nearest to the trigger; of a list of venues ("у Краматорську та Слов'янську"), its first."""
    nearest = min(places, key=lambda p: abs(p.start - trig.start))
    return next((p for p in groups[nearest.start] if p in places), nearest)


def _one_region(places: list):
    """Return a region mention when all the region mentions among `places` name one region."""
    regions = [p for p in places if p.kind in REGION_KINDS and p.region]
    return regions[0] if regions and len({p.region for p in regions}) == 1 else None


def _locators(ctx: Context) -> set[int]:
    """Return the starts of the hromadas that say where the settlement just before them lies ("с. Гуменці
    Гуменецької громади", "в селе Кукуево, Кукуевская громада"): the settlement, not its hromada, is the venue."""
    return {p.start for prev, p in zip(ctx.places, ctx.places[1:])
            if p.kind == "hromada" and prev.kind in VENUE_KINDS and prev.kind != "hromada"
            and LOCATOR_GAP.fullmatch(ctx.text[prev.end:p.start])
            and (prev.hromada is None or prev.hromada.split()[0] == p.name.split()[0])}


def _groups(ctx: Context) -> dict[int, list]:
    """Map each place's start to the list of places it is enumerated with ("Львові, Полтаві та Сумах")."""
    out: dict[int, list] = {}
    current: list = []
    for p in ctx.places:
        if not (current and _list_gap().fullmatch(ctx.text[current[-1].end:p.start])):
            current = []
        current.append(p)
        out[p.start] = current
    return out


def _listed(group: list) -> bool:
    """Tell whether a list names several different places of one level (a village, its raion, its oblast do not)."""
    return any(len({p.code or p.name for p in group if p.kind in kinds}) >= cues()["venue_list_places"]
               for kinds in (VENUE_KINDS, REGION_KINDS))


def _is_venue_in(ctx: Context, place, groups: dict[int, list], words_between: int = 1) -> bool:
    """Tell whether a place, or the first of the list it is in, is marked as the venue."""
    return is_venue(ctx, place, words_between) or is_venue(ctx, groups[place.start][0], words_between)


def _is_origin_in(ctx: Context, place, groups: dict[int, list]) -> bool:
    """Tell whether a place, or the list it is in, says where people come from."""
    group = groups[place.start]
    return is_origin(ctx, place) or is_origin(ctx, group[0]) or is_origin(ctx, group[-1])


def is_venue(ctx: Context, place, words_between: int = 1) -> bool:
    """Tell whether a place is marked as the venue: a venue word before it ("у", "в місті", "на базі"),
    a hosting verb after it ("Полтава прийняла учасників"), or a verb of visiting after it in the accusative
    ("Гуменецьку громаду відвідали старости"). A body's region may stand two words from the venue word ("в
    Законодательном Собрании Вологодской области")."""
    after = ctx.text[place.end:place.end + windows().host_verb_after].lower()
    return _venue_word_before(ctx, place, words_between) or bool(_host_after().match(after)) \
        or (bool(_visited_after(ctx.lang).match(after)) and _accusative_only(ctx, place))


@cache
def _visited_after(lang: str) -> re.Pattern:
    return re.compile(_host_gap() + r"\s+" + lemma_pattern("visited_verbs", lang, r"(?!\w)").pattern)


def _accusative_only(ctx: Context, place) -> bool:
    """Tell whether a place's last word reads as an accusative and never a nominative ("громаду", "Полтаву"): what
    was visited, not who visited ("Полтава відвідала ...")."""
    tags = [p.tag for p in morph.analyzer(ctx.lang).parse(place.text.split()[-1].lower())]
    return any("accs" in t for t in tags) and not any("nomn" in t for t in tags)


def is_origin(ctx: Context, place) -> bool:
    """Tell a place that says where people come from: "з Вінницької області", "от Ивановской области",
    "делегація Хмельницької області", "Золочівська ОТГ взяла участь" (but not "У Полтаві взяли участь"),
    "участь взяли Решетилівська, Білицька та Диканська громади"."""
    before = ctx.text[max(0, place.start - windows().words_before):place.start].lower()
    after = ctx.text[place.end:place.end + windows().words_after].lower()
    clause = ctx.text[max(0, place.start - windows().participant_clause):place.start].lower()
    return bool(_origin_marker().search(before)) or bool(_participant_before().search(clause)) \
        or (bool(_participant_after().match(after))
                                                     and not _venue_word_before(ctx, place)
                                                     and not _after_noun(ctx, place))


def _after_noun(ctx: Context, place) -> bool:
    """Tell whether a place qualifies the noun before it ("старости громад Тернопільщини взяли участь"):
    then the noun, not the place, is the subject of what follows."""
    m = PREVIOUS_WORD.search(ctx.text, max(0, place.start - windows().word_before), place.start)
    return bool(m) and m.group(1).islower() and morph.analyzer(ctx.lang).parse(m.group(1))[0].tag.POS == "NOUN"


def _venue_word_before(ctx: Context, place, words_between: int = 1) -> bool:
    """Tell whether a venue word stands before a place, or opens its mention ("м. Полтава")."""
    before = ctx.text[max(0, place.start - windows().words_before):place.start].lower()
    first_word = place.text.split()[0].lower() if " " in place.text else ""
    return bool(_venue_marker(words_between).search(before)) or first_word in cues()["venue_markers"]


@cache
def _venue_marker(words_between: int) -> re.Pattern:
    # up to `words_between` words may come between: "у місті Києві", "в конференц-залі Хмельницької ОДА"; the
    # room's words do not count ("в актовому залі адміністрації Боровицького району")
    rooms = r"(?:(?:" + _room_words() + r")\s+){0," + str(cues()["venue_room_words"]) + "}"
    between = r"(?:\w(?:" + HYPHENATED + r")?\s+){0," + str(words_between) + "}"
    return re.compile(r"(?:^|[\s(])(?:" + words("venue_markers") + r")(?!\w)\s*" + rooms + between + "$")


@cache
def _room_words() -> str:
    """Every form of the words for a room or building of both languages, as one alternation."""
    return alternation((), {form.word for lang, lemmas in cues()["venue_rooms"].items() for lemma in lemmas
                            for form in morph.lexeme(lemma, lang)})


@cache
def _origin_marker() -> re.Pattern:
    heads = "|".join(cues()["origin_heads"])
    # "руководители Шарьинского округа и Буйского района": the second of two places the people come from
    second = r"(?:" + HYPHENATED + r"\s+){1,3}(?:" + words("coordinators") + r")\s+"
    return re.compile(r"(?:(?:^|\s)(?:" + words("origin_markers") + r")\s+(?:\w+\s+){0,1}|(?<!\w)(?:" + heads
                      + r")\s+(?:" + second + r")?)$")


@cache
def _participant_after() -> re.Pattern:
    return re.compile(r"\s*(?:\w+\s+){0,1}(?:" + "|".join(cues()["participant_verbs"]) + r")(?!\w)")


@cache
def _participant_before() -> re.Pattern:
    # the participants listed right after their verb ("участь у них взяли Решетилівська, ...", "приняли участие
    # Тула"), or after a colon or dash that ends the participation clause ("приняли участие представители
    # четырех районов области - Октябрьского, ...")
    return re.compile(r"(?<!\w)(?:" + "|".join(cues()["participant_verbs"] + cues()["participation_openers"])
                      + r")(?:\s*[:—–-]?\s*(?:\w+\s+){0,1}|(?:\s+" + HYPHENATED + r"){0,6}\s*[:—–-]\s*)$")


@cache
def _host_after() -> re.Pattern:
    verbs, objects = "|".join(cues()["host_verbs"]), "|".join(cues()["host_objects"])
    # "прийняли участь у форумі" is taking part, not hosting
    taking_part = r"(?!(?:\s+\w+)?\s+участ(?:ь|и[еяюи])(?!\w))"
    return re.compile(r"\s*(?:" + verbs + r")" + taking_part + _host_gap() + r"\s+(?:" + objects + r")(?!\w)")


def _host_gap() -> str:
    """A few words, as few as will do, between a place or a hosting verb and what it hosts (cues `host_words`)."""
    return rf"(?:\s+{HYPHENATED}){{0,{cues()['host_words']}}}?"


def _for_whom(ctx: Context, place) -> bool:
    """Tell whether a place (the first of its list) follows a word of whom an event is for ("для Білицької ...")."""
    return bool(_for_whom_word().search(ctx.text, max(0, place.start - windows().words_before), place.start))


@cache
def _for_whom_word() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + words("audience_prepositions") + r")\s+(?:\w+\s+)?$", re.IGNORECASE)


@cache
def _list_gap() -> re.Pattern:
    coordinators = words("coordinators")
    return re.compile(r"[ \t\u00a0]*(?:[,;][ \t\u00a0]*(?:(?:" + coordinators + r")[ \t\u00a0]+)?|(?:" + coordinators
                      + r")[ \t\u00a0]+)")


def plural_venues(ctx: Context, trig: Trigger, days: tuple[date, date] | None = None,
                  venue_at: int | None = None) -> list:
    """Return the distinct venues of a plural trigger ("семінари пройшли у Вінниці та Чернігові"), or of a singular
    one held on `days` whose venue, the place at `venue_at`, is one of two towns (_coordinated_venues).

    A plural event word followed by several settlements, in its sentence or one of the next two
    ("п'ять навчальних візитів ... . Учасники відвідали ЦНАП X, Y та Z"), is one event per place;
    places people come from, and communities that take part ("участь взяли Решетилівська, Білицька
    та Диканська громади") or that it is for ("тренінги для Решетилівської, Білицької ... громад"), are
    participants of one event.
    """
    own, groups = ctx.window(trig.start), _groups(ctx)
    if not is_plural(ctx, trig):
        return _coordinated_venues(ctx, trig, groups, days, venue_at)
    for lo, hi in (own, listed_after(ctx, trig.start), ctx.window(trig.start, after=1),
                   ctx.window(trig.start, after=2)):
        found: dict[str, object] = {}
        for p in ctx.places:
            if lo <= p.start < hi and not p.in_org_name and p.kind in VENUE_KINDS \
                    and not _is_origin_in(ctx, p, groups) and not _for_whom(ctx, groups[p.start][0]):
                found.setdefault(p.code or p.name, p)
        if len(found) >= 2:
            return list(found.values())
    return []


def _coordinated_venues(ctx: Context, trig: Trigger, groups: dict[int, list], days: tuple[date, date] | None,
                        venue_at: int | None) -> list:
    """Return the towns of a singular event's venue when it is one of two joined ("У Цюрупинську та Скадовську
    пройшов круглий стіл"): one day (or none told) cannot be spent in both, so each held its own. An event of several
    days may move between them ("з 19 по 22 квітня у Краматорську та Слов'янську відбудеться форум"), a trip visits
    several towns in one (cues `travelling_types`), and a longer list names participants' homes or a scope."""
    if venue_at is None or trig.event_type in cues()["travelling_types"] or (days and days[0] != days[1]):
        return []
    group = groups.get(venue_at, [])
    towns = [p for p in group if p.kind in VENUE_KINDS and not p.in_org_name]
    if not towns or _is_origin_in(ctx, towns[0], groups) or _for_whom(ctx, group[0]) \
            or not _is_venue_in(ctx, towns[0], groups):
        return []
    return towns if len(group) == len({p.code or p.name for p in towns}) == 2 else []


def listed_after(ctx: Context, pos: int) -> tuple[int, int]:
    """Return the span of the sentence holding `pos` with the list it introduces ("круглі столи:\n- 10 червня у
    Лубнах;\n- 12 червня у Гадячі;\n- 16 червня у Пирятині"): every item belongs to it, however many. An item
    opens a line with a list mark, or with no mark is a dated line of a schedule ("12 червня – Гадяч;")."""
    i = ctx.sentence_of(pos)
    start, end = ctx.sentences[i]
    last = i
    if ctx.text[start:end].rstrip().endswith(":"):
        while last + 1 < len(ctx.sentences) and _list_item(ctx, last + 1):
            last += 1
    return start, ctx.sentences[last][1]


def _list_item(ctx: Context, i: int) -> bool:
    """Tell whether sentence `i` is an item of a list: marked, or a dated line of its own."""
    start = ctx.sentences[i][0]
    opens_line = not ctx.text[ctx.text.rfind("\n", 0, start) + 1:start].strip()
    return bool(LIST_ITEM.match(ctx.text, start)) or (opens_line and i in ctx.day_dated_sentences)
