"""Event detection and assembly: from an article and its dates, places and entities to event records.

An article gives events where a trigger word (семінар, круглий стіл, форум...) stands in a
sentence that also says the event happens (a verb of occurrence, a date, a venue). A list of
dated items gives one event per item; otherwise the best-supported trigger is the article's
event. Every field keeps the character span it came from.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache

from extractor import dates as dates_stage
from extractor import morph, places as places_stage
from extractor.lexicon import load_csv, load_toml

OPENERS, CLOSERS = "«“„(", "»”)"
QUOTED = re.compile(r"«(?:[^«»]|«[^«»]*»)*»|“[^”]*”|„[^“”]*[“”]|\"[^\"\n]{3,200}\"")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"A-ZА-ЯІЇЄҐЁ0-9(])|\n\s*\n|\n(?=\s*[-–—•*\d])")
LIST_ITEM = re.compile(r"^\s*(?:[-–—•*]|\d+[.)])\s*", re.MULTILINE)
PHRASE_END = re.compile(r"[.;:!?()\n]|,\s*(?=(?:що|який|яка|які|де|коли|который|которая|которые|где|когда)\b)"
                        r"|\s[–—]\s")
NUMBER = re.compile(r"(?:понад|більше|близько|майже|около|более|свыше|почти)?\s*(\d{1,5})\s+")
TOP_LEVEL_AND = re.compile(r"\s+(?:та|і|й|и)\s+|,\s+(?=[А-ЯІЇЄҐA-Z«\"])")


@dataclass
class Event:
    """One event record (the fields of DESIGN.md, plus place codes, sessions and date_text)."""

    article_id: str
    event_type: str
    title: str | None = None
    organizers: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    start_date: str | None = None
    end_date: str | None = None
    date_text: str | None = None
    sessions: list[list[str | None]] = field(default_factory=list)
    settlement: str | None = None
    settlement_code: str | None = None
    hromada: str | None = None
    raion: str | None = None
    region: str | None = None
    country: str | None = None
    online: bool = False
    audience: list[str] = field(default_factory=list)
    participants: int | None = None
    topics: list[str] = field(default_factory=list)
    status: str = "unknown"
    confidence: float = 0.0
    lang: str | None = None
    evidence: dict[str, list[int]] = field(default_factory=dict)
    basis: dict = field(default_factory=dict)  # what the confidence rests on: trigger score, where date and place were found
    sources: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Return the JSON-ready record."""
        return asdict(self)


@dataclass(frozen=True)
class Trigger:
    """A word naming an event, with how strongly it suggests one."""

    start: int
    end: int
    text: str
    event_type: str
    weight: float


@dataclass(frozen=True)
class Context:
    """What the stages found in one article, shared by all its events."""

    text: str  # cleaned article text (furniture masked, same offsets as the article)
    lang: str
    published: date | None
    sentences: tuple[tuple[int, int], ...]
    dates: tuple
    places: tuple
    online: tuple[tuple[int, int], ...]

    def sentence_of(self, pos: int) -> int:
        """Return the index of the sentence holding offset `pos`."""
        for i, (s, e) in enumerate(self.sentences):
            if s <= pos < e:
                return i
        return len(self.sentences) - 1

    def window(self, pos: int, before: int = 0, after: int = 0) -> tuple[int, int]:
        """Return the span of the sentence holding `pos`, widened by whole sentences."""
        i = self.sentence_of(pos)
        lo = max(0, i - before)
        hi = min(len(self.sentences) - 1, i + after)
        return self.sentences[lo][0], self.sentences[hi][1]


@cache
def _cues() -> dict:
    return load_toml("event_cues.toml")


@cache
def _trigger_patterns(lang: str) -> tuple[tuple[re.Pattern, str, float], ...]:
    rows = [r for r in load_csv("event_triggers.csv") if r["lang"] == lang]
    rows.sort(key=lambda r: len(r["pattern"]), reverse=True)
    return tuple((re.compile(r"(?<!\w)" + r["pattern"]), r["event_type"], float(r["weight"])) for r in rows)


@cache
def _cue_pattern(name: str) -> re.Pattern:
    words = sorted(_cues()[name], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Split text into sentence spans (offsets), treating blank lines and list items as breaks."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return tuple(spans) or ((0, len(text)),)


def find_triggers(text: str, lang: str) -> list[Trigger]:
    """Find event words; at one place the longest pattern wins, and matches never overlap."""
    lowered = text.lower()
    found: list[Trigger] = []
    taken = [False] * len(text)
    for pattern, event_type, weight in _trigger_patterns(lang):
        for m in pattern.finditer(lowered):
            if any(taken[m.start():m.end()]):
                continue
            found.append(Trigger(m.start(), m.end(), text[m.start():m.end()], event_type, weight))
            for i in range(m.start(), m.end()):
                taken[i] = True
    return sorted(found, key=lambda t: t.start)


def quote_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return the span of the quoted name that contains [start, end), if any."""
    for m in QUOTED.finditer(text):
        if m.start() < start and end <= m.end():
            return m.start(), m.end()
    return None


def trigger_score(ctx: Context, trig: Trigger) -> float:
    """Score how likely a trigger names an event held or announced in this article."""
    s, e = ctx.window(trig.start)
    sentence = ctx.text[s:e]
    score = trig.weight
    if _cue_pattern("occurrence").search(sentence):
        score += 0.5
    if any(s <= d.start < e and d.precision == "day" for d in ctx.dates):
        score += 0.3
    if any(s <= p.start < e and not p.in_org_name for p in ctx.places):
        score += 0.2
    if ctx.sentence_of(trig.start) <= 2:
        score += 0.3
    quote = quote_around(ctx.text, trig.start, trig.end)
    if quote and ctx.text[quote[0] + 1:trig.start].strip():
        score -= 0.6  # the word sits inside another thing's name («Проєкт ... семінарів»)
    if _aboutness().search(ctx.text[max(s, trig.start - 40):trig.start]):
        score -= 0.6  # the event is what something is about ("база даних про проведення навчань")
    return score


@cache
def _aboutness() -> re.Pattern:
    words = sorted(_cues()["aboutness"], key=len, reverse=True)
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(words) + r")\s+(?:\w+\s+){0,3}$")


def clip_phrase(text: str, start: int, limit: int = 160) -> tuple[int, int]:
    """Return the span of a phrase starting at `start` and ending before punctuation or a clause."""
    end = min(len(text), start + limit)
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif depth == 0:
            m = PHRASE_END.match(text, i)
            if m:
                end = i
                break
    while end > start and text[end - 1] in " ,–—-":
        end -= 1
    return start, end


def organizer_after(ctx: Context, trig: Trigger) -> tuple[str, tuple[int, int]] | None:
    """Return the organization named in the genitive right after the event word ("форум Програми Polaris")."""
    tok = WORD_TOKEN.match(ctx.text, trig.end + 1) if ctx.text[trig.end:trig.end + 1] == " " else None
    if not tok or not tok.group()[0].isupper():
        return None
    if morph.lemma(tok.group(), ctx.lang) not in set(_cues()["organizer_heads"]):
        return None
    end = names_end(ctx, tok.start())
    return morph.nominative(ctx.text[tok.start():end], ctx.lang), (tok.start(), end)


def split_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a coordinated phrase ("A та B", "A, B") into name spans, never inside quotes."""
    spans, cursor = [], start
    depth = 0
    i = start
    while i < end:
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif depth == 0:
            m = TOP_LEVEL_AND.match(text, i)
            if m and m.end() <= end:
                spans.append((cursor, i))
                cursor = m.end()
                i = m.end()
                continue
        i += 1
    spans.append((cursor, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def names_after(ctx: Context, pattern: re.Pattern, lo: int, hi: int) -> list[tuple[str, tuple[int, int]]]:
    """Return the names (nominative) that follow each cue of `pattern` inside [lo, hi)."""
    found = []
    for m in pattern.finditer(ctx.text, lo, hi):
        start = m.end()
        while start < hi and ctx.text[start] in " :–—-*":
            start += 1
        if start >= hi or not (ctx.text[start].isupper() or ctx.text[start] in "«\"" or
                               ctx.text[start:start + 30].lower().startswith(_name_heads(ctx.lang))):
            continue
        a, b = start, names_end(ctx, start)
        for s, e in split_names(ctx.text, a, b):
            name = morph.nominative(ctx.text[s:e].strip(), ctx.lang)
            if name and len(name) > 2:
                found.append((name, (s, e)))
    return found


def names_end(ctx: Context, start: int) -> int:
    """Return the end of a coordinated list of names ("Проєктом «X», Управлінням Y та Z")."""
    end = noun_phrase_end(ctx, start, max_words=14, stop_list="name_stops")
    while True:
        more = re.match(r",?\s+(?:та|і|й|и|а також|а также)\s+|,\s+(?=[А-ЯІЇЄҐA-Z«\"])", ctx.text[end:])
        if not more:
            return end
        nxt = noun_phrase_end(ctx, end + more.end(), max_words=14, stop_list="name_stops")
        if nxt <= end + more.end():
            return end
        end = nxt


@cache
def _name_heads(lang: str) -> tuple[str, ...]:
    """Lower-case words that start an organization's name written without a capital."""
    heads = {"uk": ("проєкт", "проект", "програм", "уряд", "громадськ", "агентств", "фонд", "міністерств"),
             "ru": ("проект", "программ", "правительств", "общественн", "агентств", "фонд", "министерств")}
    return heads[lang]


def title_for(ctx: Context, trig: Trigger, scope: tuple[int, int]) -> tuple[str | None, tuple[int, int] | None]:
    """Return the event's name: its quoted name, a name after a title cue, else the trigger phrase."""
    quote = quote_around(ctx.text, trig.start, trig.end)
    if quote:  # the trigger word is part of a quoted name: «Школа мэров»
        inner = ctx.text[quote[0] + 1:quote[1] - 1].strip()
        if not ctx.text[quote[0] + 1:trig.start].strip():
            inner = morph.nominative(inner, ctx.lang)  # «Школы мэров» -> Школа мэров
        return inner, quote
    named = NAME_RIGHT_AFTER.match(ctx.text, trig.end)
    if named:  # «…» right after the word, or after "на тему", "під назвою"
        return named.group("name").strip(), named.span("quote")
    topic = topic_phrase(ctx, trig.end, min(len(ctx.text), trig.end + 40))
    if topic:
        return topic
    lo, hi = ctx.window(trig.start, before=1, after=3)
    for m in _cue_pattern("title_cues").finditer(ctx.text, lo, hi):
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
    m = _cue_pattern("topic_cues").search(ctx.text, lo, hi)
    if not m:
        return None
    start = m.end() + len(ctx.text[m.end():]) - len(ctx.text[m.end():].lstrip(" :–—-"))
    end = noun_phrase_end(ctx, start, max_words=14)
    if end - start < 5:
        return None
    return morph.nominative(ctx.text[start:end], ctx.lang), (start, end)


NAME_RIGHT_AFTER = re.compile(
    r"[ \t]*(?:(?:на тему|під назвою|под названием|з назвою|с названием)[ \t]*:?[ \t]*)?[ \t:–—-]*"
    r"(?P<quote>[«“„\"](?P<name>(?:[^«»“”„\"\n]|«[^«»\n]*»){3,250})[»”“\"])")


TITLE_AFTER_CUE = re.compile(r"(?:\s+[\w-]+){0,3}?\s*(?:[«“\"](?P<quoted>[^«»“”\"\n]{3,200})[»”\"]|[:–—-]\s*(?P<dashed>\w))")
WORD_TOKEN = re.compile(r"[\w’'ʼ`-]+|[«»\"“”]")
PHRASE_POS = {"NOUN", "ADJF", "PRTF", "PREP", "CONJ", "NUMR", "LATN", "UNKN", "NUMB", "ROMN", None}


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


def noun_phrase_end(ctx: Context, start: int, max_words: int = 12, stop_list: str = "phrase_stops") -> int:
    """Return where the noun phrase going on from `start` ends: at a verb, a clause word or punctuation.

    Quoted names and parentheses are taken whole; the phrase never ends on a preposition or conjunction.
    """
    analyzer = morph.analyzer(ctx.lang)
    stops = set(_cues()[stop_list])
    venues = {p.start for p in ctx.places if p.kind in ("settlement", "hromada", "ru_city", "oblast", "ru_region")}
    end, words, last_pos = start, 0, None
    pos = start
    while pos < len(ctx.text) and words < max_words:
        gap = re.match(r"[ \t]*", ctx.text[pos:]).end()
        nxt = pos + gap
        if nxt >= len(ctx.text):
            break
        ch = ctx.text[nxt]
        if ch in OPENERS:  # a quoted name or a parenthesis belongs to the phrase
            close = _closing(ctx.text, nxt)
            if close is None:
                break
            end = pos = close
            words += 1
            last_pos = "NAME"
            continue
        tok = WORD_TOKEN.match(ctx.text, nxt)
        if not tok or tok.group() in "«»\"“”":
            break
        word = tok.group()
        tag = analyzer.parse(word)[0].tag
        if word.lower() in stops or (tag.POS not in PHRASE_POS and not word[0].isupper()):
            break
        if words and _cue_pattern("partner_cues").match(ctx.text, tok.start()):
            break  # "... академии при поддержке ...": the next name has another role
        after = tok.end() + len(ctx.text[tok.end():]) - len(ctx.text[tok.end():].lstrip(" "))
        if tag.POS == "PREP" and (after in venues or after + 3 in venues):
            break  # "у Луцьку", "в м. Омске": the place is where, not part of the name
        end = pos = tok.end()
        words += 1
        last_pos = tag.POS
    while end > start:
        tail = WORD_TOKEN.findall(ctx.text[start:end])
        if len(tail) > 1 and analyzer.parse(tail[-1])[0].tag.POS in ("PREP", "CONJ"):
            end = len(ctx.text[:ctx.text.rfind(tail[-1], start, end)].rstrip())
            continue
        break
    return end


def _closing(text: str, pos: int) -> int | None:
    """Return the offset after the quote or parenthesis opened at `pos`, nesting allowed."""
    depth = 0
    for i in range(pos, min(len(text), pos + 300)):
        if text[i] in OPENERS or (text[i] == '"' and depth == 0):
            depth += 1
        elif text[i] in CLOSERS or text[i] == '"':
            depth -= 1
            if depth == 0:
                return i + 1
        elif text[i] == "\n":
            return None
    return None


@cache
def _name_head_pattern(lang: str) -> re.Pattern:
    return re.compile(r"(?i)" + "|".join(_name_heads(lang)))


def audience_for(ctx: Context, lo: int, hi: int) -> list[tuple[str, tuple[int, int]]]:
    """Return who takes part: the phrase after a cue (для ..., учасники – ...) or the subject before one."""
    found = []
    for m in _cue_pattern("audience_cues").finditer(ctx.text, lo, hi):
        if quote_around(ctx.text, m.start(), m.end()):
            continue  # "для" inside a quoted name is part of the name
        start = m.end()
        while start < hi and ctx.text[start] in " :–—-":
            start += 1
        if start >= hi or (m.group(0).lower() == "для" and not ctx.text[start].islower()):
            continue  # "для Києва" names a place or a body, not people
        a, b = clip_phrase(ctx.text, start, limit=200)
        found += audience_phrases(ctx, NUMBER_PREFIX.match(ctx.text, a).end(), b)
    for m in _cue_pattern("audience_subject_cues").finditer(ctx.text, lo, hi):
        sentence_start = ctx.window(m.start())[0]
        clause = max(sentence_start, ctx.text.rfind(",", sentence_start, m.start()) + 1)
        a = clause + len(ctx.text[clause:m.start()]) - len(ctx.text[clause:m.start()].lstrip())
        a = NUMBER_PREFIX.match(ctx.text, a).end()
        if m.start() - a > 3:
            found += audience_phrases(ctx, a, len(ctx.text[:m.start()].rstrip()))
    return found


NUMBER_PREFIX = re.compile(r"(?:(?:понад|більше|близько|около|более|свыше)\s+)?(?:\d[\d\s]*\s+)?")


def audience_phrases(ctx: Context, a: int, b: int) -> list[tuple[str, tuple[int, int]]]:
    """Split an audience phrase into groups of people, each in the nominative."""
    analyzer = morph.analyzer(ctx.lang)
    cuts, depth = [a], 0
    for m in AUDIENCE_SPLIT.finditer(ctx.text, a, b):
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
    groups = set(_cues()["people_groups"])
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


AUDIENCE_SPLIT = re.compile(r",\s+|\s+(?:та|і|й|и|а також|а также)\s+")


def participants_for(ctx: Context, lo: int, hi: int) -> tuple[int | None, tuple[int, int] | None]:
    """Return a stated head count ("70 старост", "понад 50 учасників")."""
    nouns = _cue_pattern("participant_nouns")
    for m in NUMBER.finditer(ctx.text, lo, hi):
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
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
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
            here = [p for p in places if lo <= p.start < hi and (not marked_only or is_venue(ctx, p))]
            settlements = [p for p in here if p.kind in ("settlement", "hromada", "ru_city")]
            regions = [p for p in here if p.kind in ("oblast", "ru_region")]
            if settlements or (regions and not marked_only):
                venue = min(settlements, key=lambda p: abs(p.start - trig.start)) if settlements else None
                region = regions[0] if len(regions) == 1 or (regions and venue is None) else None
                return venue, region, where if marked_only else "unmarked"
    return None, None, "none"


def is_venue(ctx: Context, place) -> bool:
    """Tell whether a place mention is preceded by a venue word ("у", "в місті", "на базі")."""
    before = ctx.text[max(0, place.start - 40):place.start].lower()
    first_word = place.text.split()[0].lower() if " " in place.text else ""
    return bool(_venue_marker().search(before) or first_word in _cues()["venue_markers"])


@cache
def _venue_marker() -> re.Pattern:
    words = sorted(_cues()["venue_markers"], key=len, reverse=True)
    return re.compile(r"(?:^|[\s(])(?:" + "|".join(re.escape(w) for w in words) + r")\s*(?:\w+\s+){0,1}$")


def fill(ctx: Context, article_id: str, trig: Trigger, scope: tuple[int, int], shared: dict) -> Event:
    """Fill one event's fields from its scope (its sentence or list item) and the article."""
    text = ctx.text
    event = Event(article_id=article_id, event_type=trig.event_type, lang=ctx.lang)
    ev = event.evidence
    ev["event_type"] = [trig.start, trig.end]
    event.title, span = title_for(ctx, trig, scope)
    if span:
        ev["title"] = list(span)
    when, date_basis = pick_date(ctx, trig, scope)
    if when is not None:
        event.date_text = when.text
        ev["start_date"] = ev["end_date"] = [when.start, when.end]
        event.start_date = when.start_date.isoformat() if when.start_date else None
        event.end_date = when.end_date.isoformat() if when.end_date else None
        event.sessions = [[a.isoformat() if a else None, b.isoformat() if b else None] for a, b in when.sessions]
    venue, region, place_basis = pick_place(ctx, trig, scope)
    if venue is not None:
        event.settlement, event.settlement_code = venue.old_name or venue.name, venue.code
        event.hromada, event.raion, event.country = venue.hromada, venue.raion, venue.country
        event.region = venue.region
        ev["settlement"] = [venue.start, venue.end]
    if region is not None and (event.region is None or venue is None):
        event.region, event.country = region.name, region.country
        ev["region"] = [region.start, region.end]
    elif venue is not None and venue.region:
        ev["region"] = [venue.start, venue.end]
    online = [s for s in ctx.online if scope[0] <= s[0] < scope[1]] or \
        [s for s in ctx.online if abs(s[0] - trig.start) < 300]
    if online or trig.event_type == "webinar":
        event.online = True
        ev["online"] = list(online[0]) if online else [trig.start, trig.end]
    lo, hi = ctx.window(trig.start, before=0, after=1)
    lo, hi = min(lo, scope[0]), max(hi, scope[1])
    audience = audience_for(ctx, scope[0], scope[1]) or audience_for(ctx, *ctx.window(trig.start, 1, 3)) or \
        audience_phrases(ctx, *clip_phrase(ctx.text, trig.end + 1, limit=150))  # "навчання службовців"
    event.audience = list(dict.fromkeys(a for a, _ in audience))
    if audience:
        ev["audience"] = list(audience[0][1])
    event.participants, span = participants_for(ctx, lo, hi)
    if event.participants is None:
        event.participants, span = participants_for(ctx, *ctx.window(trig.start, 1, 3))
    if span:
        ev["participants"] = list(span)
    event.organizers = [n for n, _ in shared["organizers"]]
    owner = organizer_after(ctx, trig)
    if owner and owner[0] not in event.organizers:
        event.organizers.append(owner[0])
        ev.setdefault("organizers", list(owner[1]))
    event.partners = [n for n, _ in shared["partners"] if n not in event.organizers]
    if shared["organizers"]:
        ev["organizers"] = list(shared["organizers"][0][1])
    if shared["partners"]:
        ev["partners"] = list(shared["partners"][0][1])
    event.topics = topics_for(f"{event.title or ''} {text[scope[0]:scope[1]]}")
    event.status = status_for(ctx, trig, scope, when)
    event.basis = {"trigger": round(trigger_score(ctx, trig), 2), "date": date_basis, "place": place_basis}
    event.confidence = confidence(event.basis)
    return event


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
    table = _cues()["confidence"]
    trigger = next(p for bound, p in table["trigger"] if basis["trigger"] >= bound)
    return round(trigger * table["date"][basis["date"]] * table["place"][basis["place"]], 3)


def list_items(ctx: Context, triggers: list[Trigger]) -> list[tuple[Trigger, tuple[int, int]]]:
    """Return (trigger, item span) for list items that each name a dated event."""
    items = []
    for m in LIST_ITEM.finditer(ctx.text):
        end = ctx.text.find("\n", m.end())
        end = len(ctx.text) if end == -1 else end
        inside = [t for t in triggers if m.end() <= t.start < end and t.weight >= 0.9]
        dated = any(m.end() <= d.start < end and d.precision == "day" for d in ctx.dates)
        if inside and dated:
            items.append((inside[0], (m.end(), end)))
    return items


def roles(ctx: Context, lo: int, hi: int) -> dict[str, list]:
    """Return organizers and partners named in the article body."""
    organizers = names_after(ctx, _cue_pattern("organizer_cues"), lo, hi)
    partners = names_after(ctx, _cue_pattern("partner_cues"), lo, hi)
    seen: set[str] = set()
    return {"organizers": [x for x in organizers if not (x[0] in seen or seen.add(x[0]))],
            "partners": [x for x in partners if not (x[0] in seen or seen.add(x[0]))]}


def is_event_article(scores: list[float]) -> bool:
    """Decide from its trigger scores whether an article reports an event.

    One well-supported trigger suffices; a weaker best one counts when the article keeps
    coming back to the event (the top three scores add up).
    """
    rule = _cues()["detection"]
    if scores[0] >= rule["min_trigger_score"]:
        return True
    return scores[0] >= rule["weak_trigger_score"] and sum(scores[:3]) >= rule["min_article_support"]


def build_context(text: str, lang: str, published: date | None) -> Context:
    """Run the date and place stages over the cleaned text."""
    return Context(
        text=text, lang=lang, published=published, sentences=split_sentences(text),
        dates=tuple(dates_stage.find_dates(text, lang, published)),
        places=tuple(places_stage.find_places(text, lang)),
        online=tuple(places_stage.find_online(text, lang)),
    )


def assemble(article_id: str, text: str, lang: str, published: date | None = None) -> list[Event]:
    """Return the events of one (cleaned) article."""
    ctx = build_context(text, lang, published)
    triggers = find_triggers(text, lang)
    if not triggers:
        return []
    scored = sorted(((trigger_score(ctx, t), t) for t in triggers), key=lambda x: (-x[0], x[1].start))
    best_score, best = scored[0]
    if not is_event_article([sc for sc, _ in scored]):
        return []
    shared = roles(ctx, 0, len(text))
    items = list_items(ctx, triggers)
    if len(items) >= 2:
        return [fill(ctx, article_id, trig, span, shared) for trig, span in items]
    # A generic word ("навчання") yields to a specific one in the same sentence.
    s, e = ctx.window(best.start)
    specific = [t for sc, t in scored if s <= t.start < e and t.weight > best.weight]
    trig = specific[0] if specific else best
    event = fill(ctx, article_id, trig, ctx.window(trig.start), shared)
    venues = plural_venues(ctx, trig)
    return [at_venue(event, venue) for venue in venues] if len(venues) >= 2 else [event]


def plural_venues(ctx: Context, trig: Trigger) -> list:
    """Return the distinct venues of a plural trigger ("тренінги відбулися у Львові та Полтаві").

    A plural event word followed by several settlements, in its sentence or the next, is one
    event per place.
    """
    head = WORD_TOKEN.findall(trig.text)[0]
    if not any("plur" in p.tag for p in morph.analyzer(ctx.lang).parse(head)[:1]):
        return []
    for lo, hi in (ctx.window(trig.start), ctx.window(trig.start, after=1)):
        found: dict[str, object] = {}
        for p in ctx.places:
            if lo <= p.start < hi and not p.in_org_name and p.kind in ("settlement", "hromada", "ru_city"):
                found.setdefault(p.code or p.name, p)
        if len(found) >= 2:
            return list(found.values())
    return []


def at_venue(event: Event, venue) -> Event:
    """Return a copy of an event held at one of its several venues."""
    copy = Event(**{**event.to_dict(), "evidence": dict(event.evidence)})
    copy.settlement, copy.settlement_code = venue.old_name or venue.name, venue.code
    copy.hromada, copy.raion, copy.region, copy.country = venue.hromada, venue.raion, venue.region, venue.country
    copy.evidence["settlement"] = copy.evidence["region"] = [venue.start, venue.end]
    return copy
