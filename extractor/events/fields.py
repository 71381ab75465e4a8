"""One function per field of an event record, each returning the value and the span it came from."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from extractor import dates as dates_stage
from extractor import morph, ner
from extractor.events.context import Context
from extractor.events.cues import cue_pattern, cues, words
from extractor.events.detect import Trigger
from extractor.events.phrases import (WORD_TOKEN, clip_phrase, count_prefix, group_separator, head_count, names_end,
                                      noun_phrase_end, quote_around, split_names)
from extractor.lexicon import load_csv, load_toml


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


def organizer_after(ctx: Context, trig: Trigger) -> tuple[str, tuple[int, int]] | None:
    """Return the organization named in the genitive right after the event word ("форум Програми Polaris")."""
    tok = WORD_TOKEN.match(ctx.text, trig.end + 1) if ctx.text[trig.end:trig.end + 1] == " " else None
    if not tok or not tok.group()[0].isupper():
        return None
    if morph.lemma(tok.group(), ctx.lang) not in set(cues()["organizer_heads"]):
        return None
    end = names_end(ctx, tok.start())
    return morph.nominative(ctx.text[tok.start():end], ctx.lang), (tok.start(), end)


def names_after(ctx: Context, pattern: re.Pattern, lo: int, hi: int) -> list[tuple[str, tuple[int, int]]]:
    """Return the names (nominative) that follow each cue of `pattern` inside [lo, hi)."""
    found = []
    for m in pattern.finditer(ctx.text, lo, hi):
        start = m.end()
        while start < hi and ctx.text[start] in " :–—-*":
            start += 1
        if start >= hi or not (ctx.text[start].isupper() or ctx.text[start] in "«\"" or
                               ctx.text[start:start + 30].lower().startswith(tuple(cues()["lowercase_name_heads"]))):
            continue
        a, b = start, names_end(ctx, start)
        for s, e in split_names(ctx.text, a, b):
            name = morph.nominative(ctx.text[s:e].strip(), ctx.lang)
            if name and len(name) > 2:
                found.append((name, (s, e)))
    return found


@lru_cache(maxsize=16)
def known_organizations(text: str, lang: str, offset: int = 0) -> tuple:
    """Return the organizations of the project's gazetteer that NER finds in a text (donors, centres, ...).

    Offsets are shifted by `offset`, so a caller may tag only the sentences around an event.
    """
    encodable = LONE_SURROGATE.sub("\ufffd", text)  # NER models need UTF-8; one code point each keeps offsets
    return tuple(replace(e, start=e.start + offset, end=e.end + offset) for e in ner.entities(encodable, lang)
                 if e.label == "ORG" and e.source == "gazetteer")


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@cache
def organization_kinds() -> dict[str, str]:
    """Return the kind (donor_agency, association, ...) of each gazetteer organization id."""
    return {row["id"]: row["kind"] for row in load_csv("organizations.csv")}


def roles_by_kind(ctx: Context, lo: int, hi: int, named: list[str]) -> dict[str, list]:
    """Return known organizations in [lo, hi) not named yet, as partners (funders) or organizers (the rest)."""
    funders = set(cues()["funder_kinds"])
    found: dict[str, list] = {"organizers": [], "partners": []}
    seen = [dedup_key(n) for n in named]
    for e in known_organizations(ctx.text[lo:hi], ctx.lang, lo):  # only the event's sentences: NER is costly
        key = dedup_key(e.text)
        if any(key in s or s in key for s in seen):
            continue
        seen.append(key)
        role = "partners" if organization_kinds().get(e.kb_id) in funders else "organizers"
        found[role].append((morph.nominative(e.text, ctx.lang), (e.start, e.end)))
    return found


def dedup_key(name: str) -> str:
    """Return a name folded for containment checks (case, quotes and spacing ignored)."""
    return re.sub(r"[\W_]+", "", name.lower())


def roles(ctx: Context, lo: int, hi: int) -> dict[str, list]:
    """Return organizers and partners named in the article body."""
    organizers = names_after(ctx, cue_pattern("organizer_cues"), lo, hi)
    partners = names_after(ctx, cue_pattern("partner_cues"), lo, hi)
    seen: set[str] = set()
    return {"organizers": [x for x in organizers if not (x[0] in seen or seen.add(x[0]))],
            "partners": [x for x in partners if not (x[0] in seen or seen.add(x[0]))]}


def audience_for(ctx: Context, lo: int, hi: int) -> list[tuple[str, tuple[int, int]]]:
    """Return who takes part: the phrase after a cue (для ..., учасники – ...) or the subject before one."""
    found = []
    for m in cue_pattern("audience_cues").finditer(ctx.text, lo, hi):
        if quote_around(ctx.text, m.start(), m.end()):
            continue  # "для" inside a quoted name is part of the name
        start = m.end()
        while start < hi and ctx.text[start] in " :–—-":
            start += 1
        if start >= hi or (m.group(0).lower() == "для" and not ctx.text[start].islower()):
            continue  # "для Києва" names a place or a body, not people
        a, b = clip_phrase(ctx.text, start, limit=200)
        found += audience_phrases(ctx, count_prefix().match(ctx.text, a).end(), b)
    for m in cue_pattern("audience_subject_cues").finditer(ctx.text, lo, hi):
        sentence_start = ctx.window(m.start())[0]
        clause = max(sentence_start, ctx.text.rfind(",", sentence_start, m.start()) + 1)
        a = clause + len(ctx.text[clause:m.start()]) - len(ctx.text[clause:m.start()].lstrip())
        a = count_prefix().match(ctx.text, a).end()
        if m.start() - a > 3:
            found += audience_phrases(ctx, a, len(ctx.text[:m.start()].rstrip()))
    return found


def audience_phrases(ctx: Context, a: int, b: int) -> list[tuple[str, tuple[int, int]]]:
    """Split an audience phrase into groups of people, each in the nominative."""
    analyzer = morph.analyzer(ctx.lang)
    cuts, depth = [a], 0
    for m in group_separator().finditer(ctx.text, a, b):
        depth = ctx.text.count("«", a, m.start()) - ctx.text.count("»", a, m.start())
        nxt = WORD_TOKEN.match(ctx.text, m.end())
        if depth == 0 and nxt and analyzer.parse(nxt.group())[0].tag.POS == "NOUN":
            cuts += [m.start(), m.end()]
    cuts.append(b)
    groups = []
    for s, e in zip(cuts[::2], cuts[1::2]):
        phrase = ctx.text[s:e].strip(" ,")
        if len(phrase) > 2 and names_people(phrase, ctx.lang):
            groups.append((morph.nominative(phrase, ctx.lang), (s, e)))
    return groups


def names_people(phrase: str, lang: str) -> bool:
    """Tell whether a phrase's head noun denotes people or a body of people ("депутати", "органи")."""
    analyzer = morph.analyzer(lang)
    groups = set(cues()["people_groups"])
    for token in WORD_TOKEN.findall(phrase)[:4]:
        if token.isupper() and len(token) > 1:
            return token.lower() in groups  # an abbreviation: ОТГ, ВПО
        parses = analyzer.parse(token)[:4]
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        if nouns:
            return any("anim" in p.tag or p.normal_form in groups for p in nouns)
        if not any(p.tag.POS in ("ADJF", "PRTF", "NUMR", "PREP") for p in parses):
            return False
    return False


def participants_for(ctx: Context, lo: int, hi: int) -> tuple[int | None, tuple[int, int] | None]:
    """Return a stated head count ("70 старост", "понад 50 учасників")."""
    nouns = cue_pattern("participant_nouns")
    for m in head_count().finditer(ctx.text, lo, hi):
        follow = nouns.match(ctx.text, m.end())
        if follow and 1 < int(m.group(1)) < 100_000:
            return int(m.group(1)), (m.start(1), follow.end())
    return None, None


def topics_for(text: str) -> list[str]:
    """Return the taxonomy topics whose stems occur in the text."""
    lowered = text.lower()
    return [topic for topic, spec in load_toml("topics.toml").items()
            if any(re.search(r"(?<!\w)" + re.escape(stem), lowered) for stem in spec["stems"])]


def pick_date(ctx: Context, trig: Trigger, scope: tuple[int, int]):
    """Return (date mention, where it was found) for an event: inside its scope, nearest the trigger."""
    usable = [d for d in ctx.dates if d.precision == "day" and not _standalone_line(ctx.text, d.start, d.end)
              and not (d.relative and d.start_date and d.start_date != d.end_date)]  # not "last week"
    inside = [d for d in usable if scope[0] <= d.start < scope[1]]
    if inside:
        # A list of sessions spans the whole event; a single date beside it is one of its days.
        return min(inside, key=lambda d: (not d.sessions, abs(d.start - trig.start))), "scope"
    lo, hi = ctx.window(trig.start, before=1, after=2)
    near = [d for d in usable if lo <= d.start < hi]
    if near:
        return min(near, key=lambda d: abs(d.start - trig.start)), "near"
    return None, "none"


def _standalone_line(text: str, start: int, end: int) -> bool:
    """Tell a date that stands alone on its line (a page's publication stamp)."""
    reach = 40  # a stamp line is short: looking further than this around the date is never needed
    line_start = text.rfind("\n", max(0, start - reach), start) + 1
    line_end = text.find("\n", end, end + reach)
    if line_start == 0 and start > reach or line_end == -1 and end + reach < len(text):
        return False
    line = text[line_start:line_end if line_end != -1 else len(text)]
    rest = line.replace(text[start:end], "")
    return len(re.sub(r"[\W\d_]+", "", rest)) <= 12


def pick_place(ctx: Context, trig: Trigger, scope: tuple[int, int]):
    """Return (venue, region mention, where found) of an event.

    A settlement or hromada right after a venue word ("у Львові", "на базі ... ОТГ") in the
    event's scope wins; then one in the sentences around it or in the article's lead; a place in
    an organization's name is never the venue.
    """
    places = [p for p in ctx.places if not p.in_org_name]
    lead_end = ctx.sentences[min(2, len(ctx.sentences) - 1)][1]
    areas = (scope, ctx.window(trig.start, before=1, after=2), (0, lead_end))
    for marked_only in (True, False):
        for (lo, hi), where in zip(areas, ("scope", "near", "lead")):
            here = [p for p in places if lo <= p.start < hi and not is_origin(ctx, p)
                    and (not marked_only or is_venue(ctx, p))]
            settlements = [p for p in here if p.kind in ("settlement", "hromada", "ru_city")]
            regions = [p for p in here if p.kind in ("oblast", "ru_region")]
            if settlements or (regions and not marked_only):
                venue = min(settlements, key=lambda p: abs(p.start - trig.start)) if settlements else None
                region = regions[0] if len(regions) == 1 or (regions and venue is None) else None
                return venue, region, where if marked_only else "unmarked"
    # A regional body running it ("Львівська ОДА", "Полтавський центр підвищення кваліфікації")
    # places it in that region when nothing else does.
    lo, hi = ctx.window(trig.start, before=1, after=3)
    in_orgs = [p for p in ctx.places if p.in_org_name and p.region and p.country == "UA" and lo <= p.start < hi]
    if len({p.region for p in in_orgs}) == 1:
        return None, in_orgs[0], "org"
    return None, None, "none"


def is_venue(ctx: Context, place) -> bool:
    """Tell whether a place mention is preceded by a venue word ("у", "в місті", "на базі")."""
    before = ctx.text[max(0, place.start - 40):place.start].lower()
    first_word = place.text.split()[0].lower() if " " in place.text else ""
    return bool(_venue_marker().search(before) or first_word in cues()["venue_markers"])


def is_origin(ctx: Context, place) -> bool:
    """Tell a place that says where people come from ("з Вінницької області", "от Ивановской области")."""
    before = ctx.text[max(0, place.start - 30):place.start].lower()
    return bool(re.search(r"(?:^|\s)(?:" + words("origin_markers") + r")\s+(?:\w+\s+){0,1}$", before))


@cache
def _venue_marker() -> re.Pattern:
    words = sorted(cues()["venue_markers"], key=len, reverse=True)
    return re.compile(r"(?:^|[\s(])(?:" + "|".join(re.escape(w) for w in words) + r")\s*(?:\w+\s+){0,1}$")


def status_for(ctx: Context, trig: Trigger, scope: tuple[int, int], when) -> str:
    """Return held/announced from the event's own words, else from the sentences that introduce it."""
    s, e = ctx.window(trig.start)
    spans = [(min(s, scope[0]), max(e, scope[1])), ctx.window(trig.start, before=2), ctx.window(0, after=2),
             (0, len(ctx.text))]
    status = "unknown"
    for lo, hi in spans:
        status = dates_stage.event_status(ctx.text[lo:hi], ctx.lang, when, ctx.published)
        if status != "unknown":
            break
    return status


def confidence(basis: dict) -> float:
    """Return the probability that the record is right on event, dates and place.

    The product of three parts, each the share of right records measured on the dev set for
    that kind of support (numbers in gazetteers/event_cues.toml, [confidence]).
    """
    table = cues()["confidence"]
    trigger = next(p for bound, p in table["trigger"] if basis["trigger"] >= bound)
    return round(trigger * table["date"][basis["date"]] * table["place"][basis["place"]], 3)
