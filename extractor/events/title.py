"""The event's title: its quoted name, a name after a title cue or after a headline's colon ("Вебінар: Як залучити
гранти"), else a topic (after a topic cue, or a preposition of aboutness: "семінар про роль старости") or the
trigger phrase."""
from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from extractor import morph
from extractor.events.context import Context
from extractor.events.cues import cue_pattern, cues, rubric_separator, windows, words
from extractor.events.detect import VERB_KINDS, Trigger, event_word_end
from extractor.events.phrases import (
    QUOTED,
    WORD_TOKEN,
    clip_phrase,
    folded,
    noun_phrase_end,
    quote_around,
)
from extractor.lexicon import load_csv
from extractor.text import HYPHENATED, ROMAN_LETTERS, line_end, skip_chars

Title = tuple[str, tuple[int, int]]
ORDINAL = re.compile(rf"[{ROMAN_LETTERS}]+|\d+-\w{{1,3}}")  # "XIV", "ХVІ", "6-ий": the edition of a recurring event
ROMAN = re.compile(rf"[{ROMAN_LETTERS}]+")
LETTER_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of letters, not a number or a stamp


@cache
def name_right_after() -> re.Pattern:
    """«…» right after the event word (or its second half: "семінар-практикум", or the quote around it:
    "«круглого столу» “…”"), maybe after "на тему".

    A page wrapped at a fixed width may break the line before or inside the name, never twice in a row.
    """
    return re.compile(r"(?:[-‐]\w+)?[»”\"]?[ \t]*(?:(?:" + words("name_intro_cues") + r")[ \t]*:?[ \t]*)?"
                      r"[ \t:–—-]*\n?[ \t]*"
                      r"(?P<quote>[«“„\"](?P<name>(?:[^«»“”„\"\n]|\n(?!\s*\n)|«[^«»\n]*»){3,250})[»”“\"])")


@cache
def name_before_cue() -> re.Pattern:
    """«…» right before a naming cue: "«…», – таку назву мав семінар", "«…» - это название форума"."""
    return re.compile(r"(?P<quote>" + QUOTED.pattern + r")[ \t,]*[–—-]?[ \t]*(?:"
                      + "|".join(cues()["name_after_quote_cues"]) + r")(?!\w)", re.IGNORECASE)


EVENT_WORD_GAP = re.compile(r"(?:[-‐]\w+)?[ \t]*")  # the rest of "семінар-практикум", then the space after it
NEXT_WORD = re.compile(r"[ \t]+(\w+)(,[ \t]+)?")  # the word after a preposition, and a comma after it ("про те, як")
QUOTE_BEFORE = re.compile(r"(?P<quote>" + QUOTED.pattern + r")[ \t]*(?:[–—-][ \t]*)?\Z")
TITLE_AFTER_CUE = re.compile(r"(?:\s+" + HYPHENATED + r"){0,3}?\s*"
                             r"(?:(?:[:–—-]\s*)?[«“„\"](?P<quoted>[^«»“”„\"\n]{3,200})[»”“\"]"
                             r"|[:–—-]\s*(?P<dashed>\w))")


def title_for(ctx: Context, trig: Trigger, scope: tuple[int, int]) -> tuple[str | None, tuple[int, int] | None]:
    """Return the event's name: its quoted name, a name after a title cue, else a topic or trigger phrase.

    The words near the trigger come first; an article's single event (its scope is the trigger's
    sentence) may also be named at another mention of it, usually in the headline or the lead, or
    by a quoted name opening the headline; a headline's bare event word takes the lead's fuller phrase.
    A bare event word ("тренінги") yields to any topic nearby, a descriptive phrase ("семінар для
    старост") only to a stated one ("Вони були присвячені X"), a gathering told by whose it is
    ("конгрес секретарів рад") to none.
    """
    if not scope[0] <= trig.start < scope[1]:
        return item_name(ctx, scope) or trigger_phrase(ctx, trig)
    single = scope == ctx.window(trig.start)
    phrase = trigger_phrase(ctx, trig)
    if trig.kind in VERB_KINDS:  # "навчалися": the verb says less than what was learnt
        phrase = learned_subject(ctx, trig) or phrase
    near = around = [scope]
    triggers: tuple[Trigger, ...] = ()
    own: set[int] = set()
    if single:  # the sentences around it that speak of no other kind of event
        triggers = ctx.triggers
        own = own_sentences(ctx, trig, triggers)
        first = ctx.sentence_of(trig.start)
        near = [ctx.sentences[i] for i in range(first, first + 4) if i in own]
        around = [ctx.sentences[i] for i in range(first - 1, first + 3) if i in own]
    earlier = earlier_mentions(ctx, trig, triggers)
    # a quoted name, here, at the headline's mention or opening the headline, comes before a topic
    # ("Конференція «X»\n... конференція, присвячена Y")
    found = (quoted_at(ctx, trig, phrase)
             or next(filter(None, (quoted_at(ctx, t, trigger_phrase(ctx, t)) for t in earlier)), None)
             or (headline_name(ctx) or headline_after_colon(ctx, triggers) if single else None)
             or name_at(ctx, trig, near, phrase, tuple(trigger_phrase(ctx, t) for t in earlier))
             or (name_elsewhere(ctx, trig, triggers, own) if single else None))
    if found:
        return found
    lead = lead_mention(ctx, trig, triggers, own) if single else None
    if lead is not None:  # the headline's event word, told more fully in the lead
        lead_phrase = trigger_phrase(ctx, lead)
        found = name_at(ctx, lead, [ctx.window(lead.start)], lead_phrase)
        if found:
            return found
        if len(WORD_TOKEN.findall(lead_phrase[0])) > len(WORD_TOKEN.findall(phrase[0])):
            phrase = lead_phrase
    if _of_whom(ctx, trig, phrase):
        return phrase
    if len(WORD_TOKEN.findall(phrase[0])) > cues()["title"]["descriptive_words"]:
        return nearest_topic(ctx, trig.start, around, ("stated_topic_cues", "discussed_topic_cues")) or phrase
    return (nearest_topic(ctx, trig.start, around,
                          ("stated_topic_cues", "discussed_topic_cues", "topic_cues", "talked_topic_cues"))
            or (headline_topic(ctx, triggers) if single else None) or phrase)


def item_name(ctx: Context, scope: tuple[int, int]) -> Title | None:
    """Return the quoted name of a list item that its list's lead names in the plural ("круглі столи:\n- «X»")."""
    quote = QUOTED.search(ctx.text, *scope)
    return (" ".join(quote.group()[1:-1].split()), quote.span()) if quote else None


def _of_whom(ctx: Context, trig: Trigger, phrase: Title) -> bool:
    """Tell whether the event word's phrase goes on with whose or what event it is, in the genitive ("конгрес
    секретарів рад", "съезд глав муниципальных образований", "форум місцевого самоврядування"): a name of sorts,
    which what its people discussed ("Учасники обговорили X") does not replace. Not who runs it ("семінар
    Асоціації міст", "тренінг проєкту"): a name or a name's head. Only gatherings that their members name
    (`whose_types`): a "семінар бухгалтерів" is still best told by its subject.
    """
    if trig.event_type not in cues()["title"]["whose_types"]:
        return False
    analyzer = morph.analyzer(ctx.lang)
    heads = name_owner_heads()
    for tok in WORD_TOKEN.finditer(ctx.text, trig.end, phrase[1][1]):
        tag = analyzer.parse(tok.group())[0].tag
        if tag.POS not in ("ADJF", "PRTF") or tag.case != "gent":
            return (tag.POS == "NOUN" and tag.case == "gent" and tok.group().islower()
                    and morph.lemma(tok.group(), ctx.lang) not in heads)
    return False


def lead_mention(ctx: Context, trig: Trigger, triggers: tuple[Trigger, ...], own: set[int]) -> Trigger | None:
    """Return the lead's mention of a headline's event: the same kind of event word in the next sentences.

    A headline is a line of its own without a full stop; the lead is the first `lead_reach` sentences after it.
    """
    line_start = ctx.text.rfind("\n", 0, trig.start) + 1
    newline = ctx.text.find("\n", trig.end)
    line = ctx.text[line_start:len(ctx.text) if newline < 0 else newline].strip()
    if newline < 0 or not line or line[-1] in ".!?…" or ctx.sentence_of(line_start) != ctx.sentence_of(trig.start):
        return None
    first = ctx.sentence_of(newline + 1) if newline + 1 < len(ctx.text) else len(ctx.sentences)
    lead = set(range(first, first + cues()["title"]["lead_reach"])) & own
    return next((t for t in triggers if t.start > newline and ctx.sentence_of(t.start) in lead
                 and t.event_type == trig.event_type and t.weight >= trig.weight and not _inside_name(ctx.text, t)),
                None)


def own_sentences(ctx: Context, trig: Trigger, triggers: tuple[Trigger, ...]) -> set[int]:
    """Return the indices of the sentences that speak of no other kind of event than the trigger's.

    A specific event word of another kind outside a quoted name ("Нагадаємо, торік відбувся форум
    на тему «…»") gives its sentence to that other event.
    """
    specific = cues()["title"]["specific_weight"]
    foreign = {ctx.sentence_of(t.start) for t in triggers if t.event_type != trig.event_type
               and t.weight >= specific and not quote_around(ctx.text, t.start, t.end)}
    return set(range(len(ctx.sentences))) - foreign


def name_at(ctx: Context, trig: Trigger, near: list[tuple[int, int]], phrase: Title,
            earlier: tuple[Title, ...] = ()) -> Title | None:
    """Return the name stated at one mention (`phrase` its trigger phrase).

    A quoted name around or right after the event word or after a title cue in one of the `near` spans; else the
    trigger phrase when it is a proper name, or that of an `earlier` mention ("VIII Всеукраїнський форум громад" in
    the headline); else a topic right after the event word, or a name a title cue gives unquoted. A proper name
    comes before a topic ("XIV форум … Тема форуму – розвиток громад", "VIII форум, присвячений X").
    """
    found = quoted_at(ctx, trig, phrase)
    if found:
        return found
    cued = next(filter(None, (named_by_cue(ctx, *span) for span in near)), None)
    if cued and QUOTED.match(ctx.text, cued[1][0]):
        return cued
    proper = next(filter(None, (proper_name(ctx, p) for p in (phrase, *earlier))), None)
    return proper or topic_right_after(ctx, trig, phrase) or cued


def quoted_at(ctx: Context, trig: Trigger, phrase: Title) -> Title | None:
    """Return the quoted name at one mention: around or right after the event word, before or inside its phrase."""
    return quoted_name(ctx, trig) or name_before(ctx, phrase) or name_in_phrase(ctx, trig, phrase)


def quoted_name(ctx: Context, trig: Trigger) -> Title | None:
    """Return the quoted name the event word heads («Школа мэров») or that follows it (семінар «…»)."""
    quote = quote_around(ctx.text, trig.start, trig.end)
    inner = ctx.text[quote[0] + 1:quote[1] - 1].strip() if quote else ""
    if quote and inner == trig.text:
        quote = None  # the event word alone in quotes («круглого столу» “…”): its name may follow
    if len(WORD_TOKEN.findall(inner)) > cues()["title"]["name_max_words"]:
        return None  # a quoted speech that opens with the event word («Форум став ... », – сказав), no name
    if quote and _spoken(inner, ctx.lang):
        return None  # «Семінар допоміг нам ...», – сказала: what someone said of it
    if quote:  # the trigger word is part of a quoted name: «Школа мэров»
        if not ctx.text[quote[0] + 1:trig.start].strip():
            inner = morph.nominative(inner, ctx.lang)  # «Школы мэров» -> Школа мэров
        return inner, quote
    named = name_right_after().match(ctx.text, trig.end)
    if named is None or not _wrapped(ctx.text, trig.end, named.start("quote")):
        return None  # none, or a headline, then a lead opening with a quotation: «…», – сказав
    name = " ".join(named.group("name").split())  # «…» right after the word, or after "на тему", "під назвою"
    lo, hi = named.span("name")
    first = skip_chars(ctx.text, lo, hi)  # where the name's first word starts
    if any(t.start == first for t in ctx.triggers_in(lo, hi)):
        name = morph.nominative(name, ctx.lang)  # "семинар «Школы депутата»": a part of the named school
    return name, named.span("quote")


def name_before(ctx: Context, phrase: Title) -> Title | None:
    """Return the quoted name standing right before the event's phrase ("«Прозорий бюджет» – семінар для депутатів").

    Not a quote that names what stands before it ("проєкту «…» семінар"), nor a known programme's name.
    """
    lo = ctx.window(phrase[1][0])[0]
    quote = QUOTE_BEFORE.search(ctx.text, lo, phrase[1][0])
    word = WORD_TOKEN.match(ctx.text, phrase[1][0])
    if quote is None or word is None or not word.group().islower():
        return None
    inner = quote.group("quote")[1:-1].strip()
    before = WORD_TOKEN.findall(ctx.text, lo, quote.start())
    if (folded(inner) in known_names() or _names_owner(before, ctx.lang)
            or len(WORD_TOKEN.findall(inner)) > cues()["title"]["name_max_words"]):
        return None
    return inner, quote.span("quote")


def _spoken(quoted: str, lang: str) -> bool:
    """Tell whether quoted words are what someone said, not a name: a finite verb or a personal pronoun
    ("Ми готові"). A word that may also be a noun is none ("правила": rules, or "ruled")."""
    analyzer = morph.analyzer(lang)
    parses = [analyzer.parse(w) for w in WORD_TOKEN.findall(quoted)]
    return any(p[0].tag.POS == "NPRO" or (morph.is_finite_verb(p[0].tag) and all(q.tag.POS != "NOUN" for q in p))
               for p in parses)


def _wrapped(text: str, start: int, end: int) -> bool:
    """Tell whether [start, end) stays on one line or breaks a line as long as a page wrapped at a fixed width."""
    brk = text.find("\n", start, end)
    return brk < 0 or brk - (text.rfind("\n", 0, brk) + 1) >= cues()["title"]["wrapped_line"]


def name_in_phrase(ctx: Context, trig: Trigger, phrase: Title) -> Title | None:
    """Return a quoted name further on in the trigger's phrase ("вебінар Асоціації міст «…»").

    Not when it names what stands right before it ("семінар проєкту «…»", "форум Програми Polaris
    «…»") or a place on the way ("семінар у готелі «…»"): only "для" may lead to it.
    """
    quote = QUOTED.search(ctx.text, trig.end, phrase[1][1])
    if quote is None:
        return None
    inner = ctx.text[quote.start() + 1:quote.end() - 1].strip()
    before = WORD_TOKEN.findall(ctx.text[trig.end:quote.start()])
    analyzer = morph.analyzer(ctx.lang)
    allowed = set(cues()["name_path_preps"])
    if any(w.lower() not in allowed and analyzer.parse(w)[0].tag.POS == "PREP" for w in before):
        return None
    if folded(inner) in known_names() or _names_owner(before, ctx.lang):
        return None
    return inner, quote.span()


def _names_owner(words: list[str], lang: str) -> bool:
    """Tell whether the words before a quote end with what it names ("проєкту", "програми Polaris", "ГО")."""
    heads = name_owner_heads()
    if words and words[-1][:1].isascii() and len(words) >= 2:
        words = words[:-1]  # "програми Polaris «…»": the programme's Latin name, then the quoted one
    return bool(words) and (words[-1] in heads or morph.lemma(words[-1], lang) in heads)


def name_elsewhere(ctx: Context, trig: Trigger, triggers: tuple[Trigger, ...], own: set[int]) -> Title | None:
    """Return the name stated at another mention of the article's event, the earliest first.

    Another mention is an event word of the same kind, at least as specific, before the trigger (the
    headline, the lead: a later one may be the next event of that kind); failing one, a quoted name
    after a naming word anywhere in the sentences `own` ("Тема семинара «…»"); failing that, a
    quoted name right at a later mention ("Семінар «…» провели експерти") or at a word any event is
    called by ("Захід «…»"), unless its sentence recalls an earlier event ("Нагадаємо, торік ...").
    """
    same = _same_event_words(ctx, trig, triggers)
    for other in earlier_mentions(ctx, trig, triggers):
        near = [ctx.window(other.start)] if ctx.sentence_of(other.start) in own else []
        found = name_at(ctx, other, near, trigger_phrase(ctx, other))
        if found:
            return found
    spans = (span for i, span in enumerate(ctx.sentences) if i in own)
    found = next(filter(None, (named_by_cue(ctx, *span, far=True) for span in spans)), None)
    generic = set(cues()["title"]["generic_event_words"])  # "Захід «…» організувала ...": any kind's word
    others = [t for t in triggers if t.start != trig.start and morph.lemma(t.text, ctx.lang) in generic]
    recall = cue_pattern("recalled")
    later = (t for t in sorted({*[t for t in same if t.start > trig.end], *others}, key=lambda t: t.start)
             if ctx.sentence_of(t.start) in own and not recall.search(ctx.text, *ctx.window(t.start)))
    return found or next(filter(None, (quoted_name(ctx, t) for t in later)), None)


def earlier_mentions(ctx: Context, trig: Trigger, triggers: tuple[Trigger, ...]) -> list[Trigger]:
    """Return the first mentions of the trigger's event before it (the headline, the lead): event words of the same
    kind, at least as specific, outside another thing's quoted name."""
    return [t for t in _same_event_words(ctx, trig, triggers) if t.start < trig.start][:cues()["title"]["mentions"]]


def _same_event_words(ctx: Context, trig: Trigger, triggers: tuple[Trigger, ...]) -> list[Trigger]:
    """Return the event words that may name the trigger's event: of the same kind, at least as specific, outside
    another thing's quoted name."""
    return [t for t in triggers if t.weight >= trig.weight and t.event_type == trig.event_type
            and not _inside_name(ctx.text, t)]


def _inside_name(text: str, trig: Trigger) -> bool:
    """Tell whether an event word sits inside another thing's quoted name («Проєкт ... семінарів»)."""
    quote = quote_around(text, trig.start, trig.end)
    return bool(quote and text[quote[0] + 1:trig.start].strip())


def named_by_cue(ctx: Context, lo: int, hi: int, far: bool = False) -> Title | None:
    """Return the name after a title cue in [lo, hi): "Тема семінару «…»", "отримав назву «…»", "тема: …".

    Far from the event word (`far`) only a quoted name counts, and a programme's only when its
    name is an event's ("Программа «Школа мэров»"): another programme is its own thing. A name
    the text states before its cue ("«…» – таку назву мав семінар") comes first.
    """
    stated = next((m for m in name_before_cue().finditer(ctx.text, max(0, lo - windows().stated_name), hi)
                   if m.end() > lo and _names_event(ctx, m.end())), None)
    if stated and folded(stated.group("quote")) not in known_names():
        return stated.group("quote")[1:-1].strip(), stated.span("quote")
    found = [(m, name) for name in ("title_cues", "quoted_name_cues", "programme_name_cues")
             for m in cue_pattern(name).finditer(ctx.text, lo, hi)]
    for m, name in sorted(found, key=lambda c: c[0].start()):
        named = TITLE_AFTER_CUE.match(ctx.text, m.end())
        quoted = named.group("quoted") if named else None
        between = ctx.text[m.end():named.start("quoted")] if quoted else ""
        if _spoken(between, ctx.lang) and not cue_pattern("quoted_name_cues").search(between):
            continue  # a verb between, not of naming: "Програма включала модулі «…»" names a part, not the event
        if (quoted and not _after_partner_cue(ctx, m.start()) and not _cue_of_owner(ctx, m.start())
                and folded(quoted) not in known_names()):
            if far and name == "programme_name_cues" and not ctx.triggers_in(*named.span("quoted")):
                continue
            return quoted.strip(), (named.start("quoted") - 1, named.end("quoted") + 1)  # with its quotes
        if named and named.group("dashed") and name == "title_cues" and not far:
            a, b = clip_phrase(ctx.text, named.start("dashed"))
            if b > a:
                return ctx.text[a:b], (a, b)
    return None


def _names_event(ctx: Context, pos: int) -> bool:
    """Tell whether an event word is among the few words after `pos` ("таку назву мав тематичний семінар")."""
    tokens = WORD_TOKEN.finditer(ctx.text, pos, min(len(ctx.text), pos + windows().cue_to_event_word))
    return any(event_word_end(ctx.text, tok.start(), ctx.lang, named=True)
               for tok, _ in zip(tokens, range(cues()["title"]["name_cue_reach"])))


def _cue_of_owner(ctx: Context, pos: int) -> bool:
    """Tell whether a cue names what a project or a contest is called ("проект ... под названием «…»").

    Going back from the cue, a name-owning noun (name_owner_heads) comes before any event word.
    """
    lo = ctx.window(pos)[0]
    tokens = list(WORD_TOKEN.finditer(ctx.text, lo, pos))[-cues()["title"]["owner_reach"]:]
    heads = name_owner_heads()
    for tok in reversed(tokens):
        if event_word_end(ctx.text, tok.start(), ctx.lang):
            return False
        if tok.group() in heads or morph.lemma(tok.group(), ctx.lang) in heads:
            return True
    return False


def _after_partner_cue(ctx: Context, pos: int) -> bool:
    """Tell whether a cue word follows "в рамках", "за підтримки": a programme the event belongs to."""
    before = ctx.text[max(0, pos - windows().cue_before):pos]
    return any(m.end() >= len(before.rstrip()) for m in cue_pattern("partner_cues").finditer(before.rstrip()))


@cache
def name_owner_heads() -> frozenset[str]:
    """Return the nouns that own a name ("проєкт", "програма", "фонд"): what a quote or a genitive after them
    names."""
    return frozenset(cues()["name_owner_heads"])


@cache
def known_names() -> frozenset[str]:
    """Return the names of known programmes and projects (organizations.csv), folded: «U-LEAD з Європою»."""
    names = set()
    for row in load_csv("organizations.csv"):
        for alias in [row["name"], *row["aliases"].split("|")]:
            names.add(folded(alias))
            names.update(folded(q) for q in re.findall(r"[«“\"]([^«»“”\"]+)[»”\"]", alias))
    return frozenset(names)


def proper_name(ctx: Context, phrase: Title) -> Title | None:
    """Return the trigger phrase when it is a proper name: "XIV Український муніципальний форум".

    A Roman numeral, or a capital inside a sentence ("відбувся Форум громад"), marks one.
    """
    start = phrase[1][0]
    first = WORD_TOKEN.match(ctx.text, start)
    if first is None:
        return None
    sentence_start = ctx.window(start)[0]
    line_start = max(sentence_start, ctx.text.rfind("\n", sentence_start, start) + 1)
    opens = not ctx.text[line_start:start].strip(" \t«\"")
    word = first.group()
    return phrase if ROMAN.fullmatch(word) or (word[0].isupper() and not opens) else None


def headline(ctx: Context) -> tuple[int, int]:
    """Return the span of the headline: the first line of `headline_min_words` words or more that is no menu.

    A scraped page may open with a menu, a site's name or a date stamp ("Наверх", "Головна | Новини").
    """
    least = cues()["title"]["headline_min_words"]
    for lo, hi in ctx.lines:
        line = ctx.text[lo:hi]
        if len(LETTER_WORD.findall(line)) >= least and not rubric_separator().search(line):
            return skip_chars(ctx.text, lo, hi), hi
    return 0, 0


def headline_name(ctx: Context) -> Title | None:
    """Return the quoted name opening a headline before a colon or a dash ("«Відкрита громада»: у Луцьку ...").

    A site's name of a few words may stand above the headline ("Рівненська обласна рада"): any line from the
    first that may be a headline to the first event word's line may be it.
    """
    start, _ = headline(ctx)
    first = min((t.start for t in ctx.triggers), default=len(ctx.text))
    lines = ((skip_chars(ctx.text, lo, hi), hi) for lo, hi in ctx.lines)
    return next(filter(None, (_opening_name(ctx, lo) for lo, _ in lines if start <= lo <= first)), None)


def _opening_name(ctx: Context, start: int) -> Title | None:
    """Return the quoted name opening a line at `start` before a colon or a dash.

    A quotation of what someone said opens headlines that way too: a name has no finite verb, no
    personal pronoun ("Ми готові"), and no more than `headline_name_words` words.
    """
    quote = QUOTED.match(ctx.text, start)
    if quote is None or not re.match(r"\s*[:–—-]", ctx.text[quote.end():quote.end() + 3]):
        return None
    if not _name_like(quote.group()[1:-1], ctx.lang):
        return None
    rest = WORD_TOKEN.findall(ctx.text[quote.end():line_end(ctx.text, quote.end())])
    heads = name_owner_heads()
    if folded(quote.group()) in known_names() or any(morph.lemma(w, ctx.lang) in heads for w in rest):
        return None  # a programme's name: "«Громада-2025»: у Луцьку стартував проєкт"
    return quote.group()[1:-1].strip(), quote.span()


def headline_after_colon(ctx: Context, triggers: tuple[Trigger, ...]) -> Title | None:
    """Return the name after a colon that follows the event's phrase opening a headline ("Вебінар: Як залучити
    гранти", "Форум громад: стратегія та відновлення").

    Not the news told after it ("Семінар: у Луцьку навчали старост", "Форум: громади обговорили бюджет", "Семінар:
    підсумки року", "Семінар: 5 травня, Луцьк"): a name opens with a capital and no preposition, has no finite verb
    and no date, and is more than one word but no more than `headline_name_words`.
    """
    start, end = headline(ctx)
    colon = ctx.text.find(":", start, end)
    opening = next((t for t in triggers if start <= t.start < colon), None)
    if opening is None or trigger_phrase(ctx, opening)[1] != (start, len(ctx.text[:colon].rstrip())):
        return None  # no colon, or words before it other than the event's phrase
    lo = skip_chars(ctx.text, colon + 1, end)
    name = ctx.text[lo:end].rstrip(" .!")
    if not _name_like(name, ctx.lang, least=2):
        return None
    if not name[:1].isupper() or morph.analyzer(ctx.lang).parse(WORD_TOKEN.search(name)[0])[0].tag.POS == "PREP":
        return None
    if any(lo <= d.start < lo + len(name) for d in ctx.dates):
        return None
    return name, (lo, lo + len(name))


def _name_like(text: str, lang: str, least: int = 0) -> bool:
    """Tell whether a headline's words may be a name rather than what someone said: `least` to
    `headline_name_words` words of letters (numbers and stamps aside) and no finite verb or personal pronoun."""
    return least <= len(LETTER_WORD.findall(text)) <= cues()["title"]["headline_name_words"] and not _spoken(text, lang)


def headline_topic(ctx: Context, triggers: tuple[Trigger, ...]) -> Title | None:
    """Return the topic of a headline that says what the article is about ("Про роль депутата в раді").

    Only a headline that names no event: "Про проведення семінару" says nothing of its subject. A
    headline may also open with its topic and a verb of discussing ("Бюджет громади обговорили у Луцьку").
    """
    start, end = headline(ctx)
    if any(start <= t.start < end for t in triggers):
        return None
    cue = cue_pattern("headline_topic_cues").match(ctx.text, start, end)
    if cue is not None:
        return topic_phrase(ctx, cue)
    verb = cue_pattern("headline_topic_verbs").search(ctx.text, start, end)
    topic = ctx.text[start:verb.start()].rstrip() if verb else ""
    if not topic or noun_phrase_end(ctx, start) < start + len(topic) or _opens_with_people(ctx, start, verb.start()):
        return None  # a whole noun phrase, not who discussed: "Депутати ради обговорили бюджет"
    return nominative_topic(topic, ctx.lang), (start, start + len(topic))


def nearest_topic(ctx: Context, pos: int, spans: list[tuple[int, int]], cue_lists: tuple[str, ...]) -> Title | None:
    """Return the topic phrase whose cue (of any of the lists) lies nearest to `pos` in the spans."""
    found = [topic_phrase(ctx, m) for lo, hi in spans for name in cue_lists
             for m in cue_pattern(name).finditer(ctx.text, lo, hi)]
    return min(filter(None, found), key=lambda t: abs(t[1][0] - pos), default=None)


def topic_phrase(ctx: Context, cue: re.Match) -> Title | None:
    """Return the phrase after a topic cue ("на тему X", "присвячений X"), nominative."""
    return topic_at(ctx, skip_chars(ctx.text, cue.end(), chars=" :–—-"))


def topic_at(ctx: Context, start: int) -> Title | None:
    """Return the topic phrase starting at `start`, nominative, with a second one added after ", а також"."""
    end = _topic_end(ctx, start)
    if end - start < cues()["title"]["topic_min_chars"] or _opens_with_people(ctx, start, end):
        return None
    more = topic_addition().match(ctx.text, end)
    added = _topic_end(ctx, more.end()) if more and _same_case(ctx, start, more.end()) else end
    if more and added > more.end() and not _opens_with_people(ctx, more.end(), added):
        end = added
    if quote_around(ctx.text, start + 1, end - 1) == (start, end):  # "по теме «X»": a name, taken as written
        return ctx.text[start + 1:end - 1].strip(), (start, end)
    return nominative_topic(ctx.text[start:end], ctx.lang), (start, end)


def _topic_end(ctx: Context, start: int) -> int:
    """Return where a topic phrase starting at `start` ends."""
    return _before_subject(ctx, start, noun_phrase_end(ctx, start, max_words=cues()["title"]["topic_words"],
                                                       stop_list="topic_stops"))


def _same_case(ctx: Context, first: int, second: int) -> bool:
    """Tell whether the words at two offsets share an oblique case, the second being no nominative person
    ("бюджету, а також старости громад": who came, not a second topic)."""
    analyzer = morph.analyzer(ctx.lang)
    one, two = WORD_TOKEN.match(ctx.text, first), WORD_TOKEN.match(ctx.text, second)
    if one is None or two is None:
        return False
    parses = analyzer.parse(two.group())
    if any(p.tag.case == "nomn" and "anim" in p.tag for p in parses):
        return False
    return bool({p.tag.case for p in parses} & {p.tag.case for p in analyzer.parse(one.group())} - {"nomn"})


@cache
def topic_addition() -> re.Pattern:
    """A comma and the words that add a second topic to the first ("…, а також участь громад у мережах")."""
    return re.compile(r",[ \t]*(?:" + words("topic_additions") + r")[ \t]+")


def _opens_with_people(ctx: Context, start: int, end: int) -> bool:
    """Tell whether a phrase after a topic cue is who acts, not what about ("обсудили депутаты думы").

    Its first noun is a nominative person: the subject put after the verb.
    """
    analyzer = morph.analyzer(ctx.lang)
    for tok in WORD_TOKEN.finditer(ctx.text, start, end):
        tag = analyzer.parse(tok.group())[0].tag
        if tag.POS == "NOUN":
            return "anim" in tag and tag.case == "nomn"
    return False


def _before_subject(ctx: Context, start: int, end: int) -> int:
    """Return where the clause's subject starts inside a topic phrase, else `end`.

    "Для вивчення досвіду громад представники області вирушили…": after the phrase's head, a
    noun that can only be nominative (or accusative), with no preposition or conjunction before
    it, right after another noun, begins the clause after a fronted phrase.
    """
    analyzer = morph.analyzer(ctx.lang)
    tokens = list(WORD_TOKEN.finditer(ctx.text, start, end))
    for prev, tok in pairwise(tokens):
        if not tok.group().islower() or any(p.tag.POS != "NOUN" for p in analyzer.parse(prev.group())):
            continue  # only a noun right after a noun: "громад представники", not "бюджетний процес"
        if all(p.tag.POS == "NOUN" and p.tag.case in ("nomn", "accs", "voct") for p in analyzer.parse(tok.group())):
            return prev.end()
    return end


def nominative_topic(phrase: str, lang: str) -> str:
    """Put a topic in the nominative, and a second topic joined to its head as well.

    "профилактике и ликвидации ЧС" -> "профилактика и ликвидация ЧС"; a conjunct that agrees
    only with a dependent noun stays ("розвитку громад та регіонів" -> "розвиток громад та регіонів").
    """
    joint = next((m for m in coordinator().finditer(phrase) if not quote_around(phrase, m.start(), m.end())),
                 None)
    if joint is None:
        return morph.nominative(phrase, lang)
    first, second = phrase[:joint.start()], phrase[joint.end():]
    analyzer = morph.analyzer(lang)
    tokens = WORD_TOKEN.findall(first)
    k = next((i for i, w in enumerate(tokens)
              if not any(p.tag.POS in ("ADJF", "PRTF") for p in analyzer.parse(w))), None)  # the head noun
    lead = WORD_TOKEN.match(second)
    if k is None or lead is None:
        return morph.nominative(phrase, lang)
    # by case only: conjuncts may differ in number ("плануванню, а також закупівлям")
    conjunct = {p.tag.case for p in analyzer.parse(lead.group()) if p.tag.case != "nomn"}
    heads = {p.tag.case for p in analyzer.parse(tokens[k]) if p.tag.POS == "NOUN"}
    dependents = {p.tag.case for w in tokens[k + 1:] for p in analyzer.parse(w) if p.tag.POS == "NOUN"}
    if not conjunct & heads or conjunct & dependents:
        return morph.nominative(phrase, lang)  # agrees with no head, or maybe with a dependent noun: keep it
    return morph.nominative(first, lang) + joint.group() + morph.nominative(second, lang)


@cache
def coordinator() -> re.Pattern:
    """A coordinator between two words ("і", "та", "и")."""
    return re.compile(r"\s+(?:" + words("coordinators") + r")\s+")


def topic_right_after(ctx: Context, trig: Trigger, phrase: Title) -> Title | None:
    """Return the topic stated right after the event word ("семінар з питань X", "форум, присвячений X")."""
    reach = trig.end + cues()["title"]["topic_reach"]
    # what was discussed at an event told by whose it is ("конгрес секретарів рад, на якому обговорили X") is not
    # its name
    lists = ("topic_cues", "stated_topic_cues") + (() if _of_whom(ctx, trig, phrase) else ("discussed_topic_cues",))
    found = [m for name in lists  # a cue may look past the reach: only its start counts
             for m in cue_pattern(name).finditer(ctx.text, trig.end, ctx.window(trig.start)[1]) if m.start() < reach]
    if found:
        return topic_phrase(ctx, min(found, key=lambda m: m.start()))
    return subject_after(ctx, EVENT_WORD_GAP.match(ctx.text, trig.end).end())


def subject_after(ctx: Context, pos: int) -> Title | None:
    """Return the topic a preposition of what it is about brings in at `pos`, right after an event word ("семінар
    про роль старости", "тренінг з фандрайзингу", "семинар по энергоэффективности"), nominative.

    Only in the preposition's case (`subject_preps`: not "з головами громад"), not a pronoun, nor a noun of why,
    when or how (`subject_stops`: "з нагоди", "по приглашению"). A pronoun and a comma lead to a clause that is
    the topic, as written ("семінар про те, як скласти бюджет" -> "як скласти бюджет").
    """
    prep = WORD_TOKEN.match(ctx.text, pos)
    case = cues()["subject_preps"].get(ctx.lang, {}).get(prep.group().lower()) if prep else None
    word = NEXT_WORD.match(ctx.text, prep.end()) if case else None
    if word is None or not word.group(1).islower():
        return None
    first = morph.analyzer(ctx.lang).parse(word.group(1))
    if word.group(2) and (first[0].tag.POS == "NPRO" or "Apro" in first[0].tag.grammemes):
        start, end = clip_phrase(ctx.text, word.end())
        return (ctx.text[start:end], (start, end)) if end - start >= cues()["title"]["topic_min_chars"] else None
    # grammemes, not the tag: a tag refuses a grammeme its language lacks (Ukrainian has no "Apro")
    parses = [p for p in first if p.tag.case == case and p.tag.POS in ("NOUN", "ADJF", "PRTF")
              and "Apro" not in p.tag.grammemes]
    if not parses or parses[0].normal_form in cues()["subject_stops"][ctx.lang]:
        return None
    return topic_at(ctx, word.start(1))


def learned_subject(ctx: Context, trig: Trigger) -> Title | None:
    """Return what a verb of learning says was learnt ("навчалися у Полтаві основам діловодства"), nominative.

    It is the verb's object in the dative, later in its sentence: a lower-case noun no preposition governs;
    or the infinitive right after it, with its object ("вчилися складати бюджет громади"), as written; after a verb of
    teaching, right after whom it taught too ("навчили старост громад складати звіти").
    """
    taught = trig.kind == "taught"
    if not taught and morph.lemma(trig.text.lower(), ctx.lang) not in cues()["title"]["learning_verbs"]:
        return None
    analyzer = morph.analyzer(ctx.lang)
    governed = False  # the word before was a preposition, or an adjective after one ("у сільській раді")
    for i, tok in enumerate(WORD_TOKEN.finditer(ctx.text, trig.end, ctx.window(trig.start)[1])):
        tag = analyzer.parse(tok.group())[0].tag
        if morph.is_infinitive(tag) and (i == 0 or taught):
            end = noun_phrase_end(ctx, tok.end(), max_words=cues()["title"]["topic_words"], stop_list="topic_stops")
            return (ctx.text[tok.start():end], (tok.start(), end)) if end > tok.end() else None
        if tag.POS in ("VERB", "INFN"):
            return None
        if tag.POS == "NOUN" and tag.case == "datv" and not governed and tok.group().islower() and "anim" not in tag:
            return topic_at(ctx, tok.start())
        governed = tag.POS == "PREP" or (governed and tag.POS in ("ADJF", "PRTF", "NUMR"))
    return None


def trigger_phrase(ctx: Context, trig: Trigger) -> Title:
    """Return the noun phrase around a trigger ("навчальний семінар для секретарів сільських рад"), nominative.

    A record is one event, so the phrase is singular, except where the plural names one ("курси підвищення").
    """
    analyzer = morph.analyzer(ctx.lang)
    start = trig.start
    lead = WORD_TOKEN.match(ctx.text, start)
    if lead and lead.end() < trig.end and analyzer.parse(lead.group())[0].tag.POS == "PREP":
        start = skip_chars(ctx.text, lead.end(), trig.end)
    before = list(WORD_TOKEN.finditer(ctx.text, max(0, trig.start - windows().words_before), trig.start))
    for tok in reversed(before[-3:]):
        gap = ctx.text[tok.end():start]
        if gap.strip() or "\n" in gap:  # a line's last words qualify no noun opening the next line
            break
        if not (analyzer.parse(tok.group())[0].tag.POS in ("ADJF", "PRTF") or ORDINAL.fullmatch(tok.group())):
            break
        start = tok.start()
    end = noun_phrase_end(ctx, trig.end)
    singular = trig.event_type not in cues()["title"]["plural_types"]  # one event: "семінари" -> "семінар"
    return morph.nominative(ctx.text[start:end], ctx.lang, singular=singular), (start, end)
