"""Find event words and decide which of them name an event of this article.

trigger_features() reads two kinds of cues for each event word: those of its mention (a verb of holding, a day or a
place in its sentence), and ARTICLE_CUES, which say that the word names no event the article reports (a plan, a tally,
a habit, a history, an adopted document, a part of a name, one cancelled or none held). rule_score() weighs the rules'
ones by event_cues.toml's [trigger_score]; the trained ranker (classify.py) reads all but the article cues. List
items, marked or lines that open with a day under a lead line ending in a colon, each name an event of their own
(list_items()).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache

from extractor import dates as dates_stage
from extractor import morph
from extractor.dates.tokens import word_regex
from extractor.events.context import Context, per_article
from extractor.events.cues import (alternation, cue_pattern, cue_set, cues, lemma_pattern, listed_cue,
                                   session_words, trigger_patterns, windows, words)
from extractor.events.nouns import VERBS, find_lexicon_words
from extractor.events.phrases import WORD_TOKEN, noun_phrase_end, quote_around
from extractor.lexicon import load_toml
from extractor.text import (BULLETS, HYPHENATED, OPENING_QUOTES, headline_line, line_end, prose_line,
                            word_start_matches)

LIST_ITEM = re.compile(rf"^\s*(?:[{BULLETS}]|\d+[.)])\s*", re.MULTILINE)


@dataclass(frozen=True)
class Trigger:
    """A word naming an event, with how strongly it suggests one."""

    start: int
    end: int
    text: str
    event_type: str
    weight: float
    kind: str = "event"  # "named": the head of a programme's own name; "none": no event (gazetteers/event_nouns.toml);
    # "gathering": a verb of officials gathering or learning, "taught": one of teaching them
    # (gazetteers/event_verbs.toml)


# the kinds of a verb's triggers (gazetteers/event_verbs.toml): people met, and no noun names what they held
VERB_KINDS = ("gathering", "taught")


def find_triggers(text: str, lang: str) -> list[Trigger]:
    """Find event words (lexicon nouns in any form, and patterns); where they overlap the weightier, then longer,
    wins."""
    lowered = text.lower()
    # "навчальний візит" (1.0) beats "візит до громади" (0.6); patterns come first, so a compound they
    # spell out ("семінар-тренінг") beats a noun of the same weight and length.
    candidates = [Trigger(m.start(), m.end(), text[m.start():m.end()], event_type, weight)
                  for pattern, event_type, weight in trigger_patterns(lang)
                  for m in word_start_matches(pattern, lowered)]
    candidates += [Trigger(s, e, text[s:e], entry.event_type, entry.weight, entry.kind)
                   for s, e, entry in find_lexicon_words(text, lang)]
    found: list[Trigger] = []
    taken = [False] * len(text)
    # words that only look like event words ("прес-конференція") come first and take their span from them
    for trig in sorted(candidates, key=lambda t: (t.kind != "none", -t.weight, t.start - t.end, t.start)):
        if any(taken[trig.start:trig.end]):
            continue
        if trig.kind != "none":
            found.append(trig)
        for i in range(trig.start, trig.end):
            taken[i] = True
    return sorted(found, key=lambda t: t.start)


def gatherings(ctx: Context, verbs: list | None = None) -> list[Trigger]:
    """Find verbs of gathering or learning ("старости зібралися", "депутаты обучались") in sentences that name local
    government's people (officials): with no event word, they are how a page reports its event. People gathered for
    a council's own sitting ("зібралися на чергову сесію", "собрались на заседание"), or a sentence naming outsiders
    ("діти громади навчаються плавати"), hold no training; a verb of teaching reports one when its object is officials
    (_taught), whoever taught. `verbs` are the text's verbs of the lexicon when the caller has found them already
    (nouns.find_lexicon_words)."""
    officials, sittings = cue_set("officials"), cue_set("sittings")
    outsiders = cue_set("outsiders", "gathering_outsiders")
    found = []
    if verbs is None:
        verbs = find_lexicon_words(ctx.text, ctx.lang, VERBS)
    for s, e, entry in verbs:
        i = ctx.sentence_of(s)
        a, b = ctx.sentences[i]
        named = _lemmas(ctx, WORD_TOKEN.findall(ctx.text, a, b))
        if entry.kind == "taught":
            # whom a verb of teaching taught is its object, whoever taught ("рятувальники навчили старост")
            held = _taught(ctx, s, e, (a, b)) and _lesson(ctx, s, i)
        else:
            held = officials & named and not outsiders & named
        if held and not sittings & _lemmas(ctx, _words_after(ctx, e, b)) and _reported(ctx, s, a):
            found.append(Trigger(s, e, ctx.text[s:e], entry.event_type, entry.weight, entry.kind))
    return found


def _taught(ctx: Context, start: int, end: int, sentence: tuple[int, int]) -> bool:
    """Tell whether the object of a verb of teaching at `start`-`end` is local government's people: its first animate
    noun in the accusative among the words right after it ("навчили [старост] громад", "обучали муниципальных
    [служащих]"), or else right before it in a headline's order ("[Старост] громад навчать"), is one of them or is
    followed by them before any other noun ("[осіб] органів місцевого самоврядування", not "[працівників] шкіл
    громади"), and is no outsider or resident ("навчили [мешканців] громади")."""
    near = cues()["words_after"]
    after = WORD_TOKEN.findall(ctx.text, end, sentence[1])
    before = WORD_TOKEN.findall(ctx.text, sentence[0], start)[-near:]
    found = _object(ctx, after, near) or _object(ctx, before + after, len(before))
    if not found:
        return False
    heads, group = found
    people = cue_set("outsiders", "gathering_outsiders", "residents")
    officials = cue_set("officials")
    if people & heads:
        return False
    if officials & heads:
        return True
    for word in group:
        parses = morph.analyzer(ctx.lang).parse(word.lower())
        if officials & {p.normal_form for p in parses}:  # any reading: "ради" is first "рад" (glad) to pymorphy3
            return True
        if parses[0].tag.POS == "NOUN" and parses[0].normal_form not in cues()["taught_by"]["bodies"]:
            return False
    return False


def _lesson(ctx: Context, start: int, sentence: int) -> bool:
    """Tell whether a verb of teaching at `start` tells of lessons given: not a figure of speech whose subject is no
    one ("війна навчила депутатів", "кризис научил глав"), nor, in the present with no day in its sentence, a service
    or a habit ("у центрі навчають посадовців")."""
    a = ctx.sentences[sentence][0]
    subjects = {p.normal_form for w in WORD_TOKEN.findall(ctx.text, a, start)
                for p in morph.analyzer(ctx.lang).parse(w.lower()) if "nomn" in p.tag}
    if subjects & set(cues()["taught_by"]["figurative"]):
        return False
    head = WORD_TOKEN.search(ctx.text, start).group().lower()
    present = all("pres" in p.tag for p in morph.analyzer(ctx.lang).parse(head))
    return not present or sentence in ctx.day_dated_sentences


def _object(ctx: Context, words: list[str], among: int) -> tuple[set[str], list[str]] | None:
    """Return the lemmas of the first animate noun in the accusative among the first `among` words, and the words
    right after it (taught_by's reach); None where there is none."""
    for i, word in enumerate(words[:among]):
        heads = {p.normal_form for p in morph.analyzer(ctx.lang).parse(word.lower())
                 if {"anim", "accs"} <= p.tag.grammemes and (p.tag.POS == "NOUN" or "Subx" in p.tag)}
        if heads:
            return heads, words[i + 1:i + 1 + cues()["taught_by"]["reach"]]
    return None


def _reported(ctx: Context, start: int, sentence_start: int) -> bool:
    """Tell whether a verb of gathering at `start` reports people doing it: a finite form ("навчалися", "изучат"), or
    an infinitive after a future's auxiliary or a purpose ("будуть навчатися", "приехали, чтобы изучить опыт"). An
    infinitive after anything else is a wish, a duty or advice ("можуть переймати досвід", "повинні підвищувати
    кваліфікацію", "призвал учиться"): no one gathered."""
    head = WORD_TOKEN.search(ctx.text, start).group().lower()
    # a form that is a finite verb too ("навчать": a variant infinitive, and "they will teach") reports one
    if any(not morph.is_infinitive(p.tag) for p in morph.analyzer(ctx.lang).parse(head)):
        return True
    before = WORD_TOKEN.findall(ctx.text, sentence_start, start)[-cues()["gathering_infinitive_lead_words"]:]
    return bool(cue_set("gathering_infinitive_leads") & {w.lower() for w in before})


def _lemmas(ctx: Context, tokens: list[str]) -> set[str]:
    return {morph.lemma(w.lower(), ctx.lang) for w in tokens}


def _words_after(ctx: Context, end: int, stop: int | None = None) -> list[str]:
    """Return the first words after `end` (before `stop`): "конференція [школярів]", "зібралися [на сесію]"."""
    reach = end + windows().word_before
    return WORD_TOKEN.findall(ctx.text, end, reach if stop is None else min(stop, reach))[:cues()["words_after"]]


def event_word_end(text: str, pos: int, lang: str, named: bool = False) -> int | None:
    """Return where the event word starting at `pos` ends ("Конференції", "форуму"), if one starts there.

    Heads of names ("Академія", "Школа") count only when `named`: they head organizations' names as often.
    """
    window = text[pos:pos + windows().event_word]
    return next((t.end + pos for t in find_triggers(window, lang)
                 if t.start == 0 and (named or t.kind == "event")), None)


# Cues of whether the article holds an event at all, not of which mention names it: the classifier leaves them
# out, since a plural event word with no day is often the article's own event ("тренінги у Львові та Полтаві").
ARTICLE_CUES = ("undated_plural", "habitual", "tally", "recalled", "prize", "intended", "unlearned", "official_trip",
                "catalogue", "institutions", "regulation", "detached", "bygone", "programme_name", "cancelled",
                "adopted", "institution_name", "organization_name", "none_held")
RULE_FEATURES = ("occurrence", "day_date", "next_day_date", "place", "lead", "inside_name", "aboutness",
                 "activity") + ARTICLE_CUES
# Every feature trigger_features() returns: the rules' cues, then what only the classifier weighs.
TRIGGER_FEATURES = RULE_FEATURES + ("weight", "headline", "named_head", "capitalized", "quoted_name_after", "plural",
                                    "online")


def trigger_features(ctx: Context, trig: Trigger) -> dict[str, float]:
    """Return what the sentence around a trigger says of it: the rules' cues and what the classifier adds."""
    i = ctx.sentence_of(trig.start)  # per-sentence facts are computed once an article: many triggers share a sentence
    s, e = ctx.sentences[i]
    quote = quote_around(ctx.text, trig.start, trig.end)
    about = about_before(ctx, trig.start)
    plural = is_plural(ctx, trig)
    dated = i in ctx.day_dated_sentences or i + 1 in ctx.day_dated_sentences
    # a verb of gathering says itself that people met ("зібралися", "вивчали досвід"); after a plural introduction the
    # next sentence's dated instance may say it ("Громади відвідують ґміни. 3-6 березня делегація перебувала у Жешуві")
    occurs = (trig.kind in VERB_KINDS or i in ctx.sentences_with(cue_pattern("occurrence"))
              or (i not in ctx.day_dated_sentences and i + 1 in ctx.day_dated_sentences
                  and i + 1 in ctx.sentences_with(cue_pattern("instance_occurrence"))))
    return {
        "weight": trig.weight,
        "occurrence": float(occurs),
        "day_date": float(i in ctx.day_dated_sentences),
        # "Громади відвідують ґміни під час навчальних візитів. Цього разу 12-16 травня ...": one dated instance follows
        "next_day_date": float(i not in ctx.day_dated_sentences and i + 1 in ctx.day_dated_sentences),
        "place": float(i in ctx.placed_sentences),
        "lead": float(i < cues()["trigger_score"]["lead_sentences"]),
        "inside_name": float(bool(quote) and not heads_name(ctx, trig, quote)),
        "aboutness": float(about),
        "activity": float(not about and i not in ctx.day_dated_sentences and plural
                          and bool(_activity().search(ctx.text[max(s, trig.start - windows().cue_before):trig.start]))),
        **_article_cues(ctx, trig, quote, plural, dated, occurs),
        "headline": float(i == 0),
        "named_head": float(trig.kind == "named"),
        "capitalized": float(trig.text[:1].isupper() and trig.start > s),
        "quoted_name_after": float(bool(re.match(rf"\s*[{OPENING_QUOTES}]",
                                                 ctx.text[trig.end:trig.end + windows().quote_after]))),
        "plural": float(plural),
        "online": float(any(s <= a < e for a, _ in ctx.online)),
    }


def _article_cues(ctx: Context, trig: Trigger, quote: tuple[int, int] | None, plural: bool, dated: bool,
                  occurs: bool) -> dict[str, float]:
    """Return a trigger's ARTICLE_CUES (a plan, a tally, a history, a document, a name: no event of the article) from
    what trigger_features found: the quote around it, its number, a day in its sentence or the next (`dated`), and a
    verb of holding (`occurs`)."""
    i = ctx.sentence_of(trig.start)
    s, e = ctx.sentences[i]
    document = adopted(ctx, trig, s)
    return {
        "undated_plural": float(plural and not dated and not occurs),
        # undated plural or generic words held only by a verb of a habit or a service ("центр проводить семінари",
        # "брав участь у семінарах"), not by one that tells one occurrence ("провели тренінги")
        "habitual": float((plural or _generic(trig)) and not dated and occurs and trig.kind not in VERB_KINDS
                          and i not in _once_sentences(ctx)),
        "tally": float(not dated and ((plural and counted(ctx, max(s, trig.start - windows().cue_before), trig.start))
                           or ((plural or _generic(trig))
                               and i in ctx.sentences_with(cue_pattern("history_periods"))))),
        "recalled": float(recalled(ctx, trig.start, (s, e))),
        "prize": float(not dated and bool(lemma_pattern("prize_cues", ctx.lang, r"(?!\w)").search(ctx.text, s, trig.start))),
        "intended": float(i not in ctx.day_dated_sentences
                          and bool(cue_pattern("intended").search(ctx.text, s, trig.start))),
        "unlearned": float(unlearned(ctx, trig)),
        "official_trip": float(official_trip(ctx, trig, (s, e))),
        # a programme's name is singular and named ("Школа мерів"): "шкіл", "в академиях", "у школі №5" are the
        # buildings where pupils learn
        "institutions": float((plural or _numbered(ctx.text, trig)) and trig.kind == "named"
                              and trig.event_type in cues()["institution_types"]),
        "catalogue": float((plural and trig.event_type in cues()["catalogue_types"]
                            and len(_quoted().findall(ctx.text, trig.end, e)) >= cues()["catalogue_names"])
                           or (not dated and (plural or _generic(trig)) and i in ctx.sentences_with(
                               cue_pattern("platforms")))),
        # a page whose lead adopts a rule ("Кабмін затвердив порядок ...", "ПОСТАНОВЛЕНИЕ ... Об утверждении"): its
        # undated event words are what the rule provides for; an event word that is what was adopted ("рада
        # затвердила програму підвищення кваліфікації") is a plan, whatever day the sentence gives
        "regulation": float((not dated and bool(ctx.sentences_with(cue_pattern("normative_acts", "normative_documents"))
                                                & set(range(cues()["trigger_score"]["lead_sentences"]))))
                            or document),
        "detached": float(detached(ctx, trig)),
        "bygone": float(not dated and i in _bygone_years(ctx)),
        # a weak name head opening a project's quoted name ("зустріч проєкту «Діалог громади»"): the project's name
        "programme_name": float(bool(quote) and trig.kind == "named" and trig.weight < cues()["programme_name_weight"]
                                and bool(cue_set("programme_heads") & _lemmas(
                                    ctx, WORD_TOKEN.findall(ctx.text, s, quote[0])[-1:]))),
        # the object of a verb adopting a document ("депутати затвердили Програму підвищення кваліфікації")
        "adopted": float(document),
        # a part of a training institution's name ("центр підвищення кваліфікації")
        "institution_name": float(institution_name(ctx, trig, s)),
        # a known organization's name holds it ("Конгрес місцевих і регіональних влад", "Українська школа урядування")
        "organization_name": float(organization_name(ctx, trig, (s, e))),
        # none of them held ("не проходили жодного тренінгу", "не прошли ни одного семинара")
        "none_held": float(bool(_none_before(ctx.lang).search(
            ctx.text[max(s, trig.start - windows().cue_before):trig.start]))),
        # called off in its sentence ("семінар, запланований на 20 березня, скасовано"), or put off to no new day
        "cancelled": float(i in ctx.sentences_with(lemma_pattern("cancelled", ctx.lang, r"(?!\w)"))
                           or (i in ctx.sentences_with(cue_pattern("postponed"))
                               and not ctx.sentences_with(cue_pattern("rescheduled")))),
    }


def detached(ctx: Context, trig: Trigger) -> bool:
    """Tell whether an event word stands in a run of headlines after all the article's prose: short lines ending no
    sentence, not list items ("Рекомендуємо\n\nУ Вінниці відбувся семінар для старост\n\nАнонс: вебінар ..."), as a
    site lists other news under a heading the cleaning does not know. A lone such line is a subheading, or the
    page cut off mid-sentence."""
    line = bisect_right(ctx.lines, (trig.start, len(ctx.text))) - 1
    if line < 0 or not _headline_line(ctx, line):
        return False
    return (_headline_line(ctx, line - 1) or _headline_line(ctx, line + 1)) and -1 < _last_prose_line(ctx) < line


@per_article
def _last_prose_line(ctx: Context) -> int:
    """Return the index of the article's last line of prose (long, ending a sentence), else -1."""
    least = cues()["detached"]["prose_words"]
    return max((i for i, (s, e) in enumerate(ctx.lines) if prose_line(ctx.text[s:e], least)), default=-1)


def _headline_line(ctx: Context, line: int) -> bool:
    """Tell whether a non-blank line of the text is short, ends no sentence and is no list item."""
    if not 0 <= line < len(ctx.lines):
        return False
    a, b = ctx.lines[line]
    most = load_toml("boilerplate.toml")["headline_max_words"]  # the cleaning's headline, one number for both stages
    return headline_line(ctx.text[a:b], most) and not LIST_ITEM.match(ctx.text, a)


@per_article
def _bygone_years(ctx: Context) -> frozenset[int]:
    """Return the sentences dated by a year alone before the year of publication ("Онлайн-форум відкрили у 2018
    році" on a page of 2025): a history, not this article's event."""
    if ctx.published is None:
        return frozenset()
    return frozenset(ctx.sentence_of(d.start) for d in ctx.dates
                     if d.precision == "year" and d.start_date is not None and d.start_date.year < ctx.published.year)


@per_article
def _once_sentences(ctx: Context) -> frozenset[int]:
    """Return the sentences whose occurrence cue tells one occurrence: not an imperfective verb in the present or the
    past, which tells a habit or a service ("центр проводить семінари", "брав участь у семінарах", "ми відправляли
    людей на всі семінари, які проводили ..."), nor an infinitive of a duty or a wish ("має проходити навчання"), nor
    a verb of a relative clause, which tells what someone does ("відбір тренерів, які проводитимуть тренінги"), nor a
    negated one ("не проходили"); a perfective verb ("провели", "состоялся"), a future ("проведуть") or a noun
    ("підсумки") does."""
    return frozenset(ctx.sentence_of(m.start()) for m in cue_pattern("occurrence").finditer(ctx.text)
                     if not (_habitual(ctx, m.start()) or _relative(ctx, m.start()) or _negated(ctx, m.start())))


def _negated(ctx: Context, start: int) -> bool:
    """Tell whether a negation stands right before `start` ("не проходили", "не состоялся")."""
    before = _words_before(ctx, start, 1)
    return bool(before) and before[0].lower() in cues()["negations"]


def _relative(ctx: Context, start: int) -> bool:
    """Tell whether a relative word stands among the words right before `start` in its sentence ("які
    проводитимуть", "которые будут проводить")."""
    before = _words_before(ctx, start, cues()["relative_lead_words"])
    return bool(cue_set("relative_words") & {w.lower() for w in before})


def _words_before(ctx: Context, start: int, count: int) -> list[str]:
    """Return the last `count` words before `start` in its sentence ("[які] проводитимуть")."""
    return WORD_TOKEN.findall(ctx.text, ctx.sentences[ctx.sentence_of(start)][0], start)[-count:]


def _habitual(ctx: Context, start: int) -> bool:
    """Tell whether the verb at `start` is imperfective in the present or the past (its likeliest reading as a finite
    verb, and none of them a perfective past: "стартувало", "организовали" may be one), or an infinitive after no
    future's auxiliary or purpose (_reported)."""
    head = WORD_TOKEN.search(ctx.text, start).group().lower()
    parses = morph.analyzer(ctx.lang).parse(head)
    if all(morph.is_infinitive(p.tag) for p in parses):
        return not _reported(ctx, start, ctx.sentences[ctx.sentence_of(start)][0])
    finite = [p.tag for p in parses if morph.is_finite_verb(p.tag)]
    return bool(finite) and "impf" in finite[0] and bool({"pres", "past"} & finite[0].grammemes) \
        and not any("perf" in tag and "past" in tag for tag in finite)


def adopted(ctx: Context, trig: Trigger, sentence_start: int) -> bool:
    """Tell whether an event word is the object of a verb adopting a document: right after it or after one adjective
    ("затвердили [Програму підвищення кваліфікації]", "утвердили новую [программу повышения квалификации]"), or
    right after an adopted act's last word ("затвердила програму [підвищення кваліфікації]"): a document, not an
    event."""
    if any(act.start() < trig.start <= act.end() + 1
           for act in cue_pattern("normative_acts").finditer(ctx.text, sentence_start, trig.end)):
        return True
    before = WORD_TOKEN.findall(ctx.text, sentence_start, trig.start)[-2:]
    if len(before) == 2 and morph.analyzer(ctx.lang).parse(before[1].lower())[0].tag.POS in ("ADJF", "PRTF"):
        before = before[:1]
    return bool(before) and morph.lemma(before[-1].lower(), ctx.lang) in cues()["adopting"][ctx.lang]


def organization_name(ctx: Context, trig: Trigger, sentence: tuple[int, int]) -> bool:
    """Tell whether an event word lies in the name of an organization of the project's gazetteer ("Конгрес місцевих і
    регіональних влад Ради Європи оприлюднив доповідь"): a body, not an event. Names open with a capital, so only a
    capitalized word or one after a capitalized word is looked up (the gazetteer's ruler runs on its line then)."""
    before = WORD_TOKEN.findall(ctx.text, sentence[0], trig.start)[-1:]
    if not (trig.text[:1].isupper() or (before and before[0][:1].isupper())):
        return False
    if not _word_forms(trig.text, ctx.lang) & _organization_words(ctx.lang):
        return False  # no name of the gazetteer holds the event word: its line need not be matched
    return any(org.start <= trig.start and trig.end <= org.end for org in ctx.organizations_in(*sentence))


def _word_forms(text: str, lang: str) -> set[str]:
    """Return the words of a text in lower case with every dictionary form pymorphy3 gives them."""
    words = [w.lower() for w in WORD_TOKEN.findall(text)]
    return set(words) | {p.normal_form for w in words for p in morph.analyzer(lang).parse(w)}


@cache
def _organization_words(lang: str) -> frozenset[str]:
    """Return the words of every alias in the organization gazetteer, in every dictionary form."""
    from extractor.ner.ruler import gazetteer_rows

    return frozenset(_word_forms(" ".join(row["aliases"] for row in gazetteer_rows(lang)), lang))


def institution_name(ctx: Context, trig: Trigger, sentence_start: int) -> bool:
    """Tell whether an event word is a part of an institution's name: right after its head noun ("центр
    [підвищення кваліфікації]", "Институт [повышения квалификации]"), or after that head's first genitive and a
    coordinator ("центру перепідготовки та [підвищення кваліфікації]")."""
    if trig.kind in VERB_KINDS:  # "фахівці центру навчили старост": a verb is in no name
        return False
    before = [w.lower() for w in WORD_TOKEN.findall(ctx.text, sentence_start, trig.start)[-3:]]
    heads = cue_set("host_heads")
    if before and morph.lemma(before[-1], ctx.lang) in heads:
        return True
    return len(before) == 3 and before[-1] in cues()["coordinators"] and morph.lemma(before[0], ctx.lang) in heads


def _generic(trig: Trigger) -> bool:
    """Tell whether an event word is generic enough ("навчання", "підвищення кваліфікації", "навчалися") that in the
    singular it names a habit or a norm as often as one event ("посадовці мають проходити навчання не рідше ...")."""
    return trig.weight <= cues()["trigger_score"]["habit_weight"]


def _numbered(text: str, trig: Trigger) -> bool:
    """Tell whether a word is followed by a number ("школа №5", "школе № 12", "школа 3"): a building, not a name."""
    return bool(NUMBER_AFTER.match(text, trig.end))


NUMBER_AFTER = re.compile(r"\s*(?:№\s*)?\d")


def recalled(ctx: Context, pos: int, sentence: tuple[int, int]) -> bool:
    """Tell whether a sentence recalls, before `pos`, a past event ("Нагадаємо, 5 березня відбувся семінар"); a
    reminder of one to come ("Нагадуємо, що 15 травня відбудеться вебінар"), or of one that was to come ("мав
    відбутися", planned_then), announces it."""
    s, e = sentence
    return bool(cue_pattern("recalled").search(ctx.text, s, pos)) \
        and dates_stage.verb_tense(ctx.text[s:e], ctx.lang, pos - s) != "announced" \
        and not cue_pattern("planned_then").search(ctx.text, s, e)


def unlearned(ctx: Context, trig: Trigger) -> bool:
    """Tell whether a meeting is a council's business ("нарада щодо бюджету", "встреча с избирателями"): the article
    names such a topic and no learning at all."""
    return trig.event_type in cues()["learning_types"] \
        and bool(ctx.sentences_with(cue_pattern("non_training_topics"))) and not learned(ctx)


@per_article
def learned(ctx: Context) -> bool:
    """Tell whether an article names learning other than as what something is about ("обговорили організацію
    навчання", "розповіли про тренінг" name none)."""
    return any(not about_before(ctx, m.start()) for m in cue_pattern("learning_cues").finditer(ctx.text))


def about_before(ctx: Context, pos: int) -> bool:
    """Tell whether the words right before `pos` in its sentence make what follows a topic ("база даних про
    проведення навчань", "обговорили організацію тренінгів")."""
    s = ctx.sentences[ctx.sentence_of(pos)][0]
    return bool(_aboutness().search(ctx.text[max(s, pos - windows().word_before):pos]))


def official_trip(ctx: Context, trig: Trigger, sentence: tuple[int, int]) -> bool:
    """Tell whether a visit named by a bare word ("з робочим візитом", "с визитом") is a state official's trip: its
    sentence names an ambassador, a minister or a governor ("посол Канади відвідав Вінницю з робочим візитом")."""
    rule = cues()["official_trips"]
    return trig.event_type in rule["types"] and trig.kind == "event" and trig.weight <= rule["weight"] \
        and bool(set(rule["visitors"]) & _lemmas(ctx, WORD_TOKEN.findall(ctx.text, *sentence)))


def only_generic(ctx: Context, triggers: list[Trigger]) -> bool:
    """Tell whether an article names events by generic words alone ("урочистий захід", "зустріч з ветеранами",
    "презентація книги") and no learning at all: such words name celebrations and talks as often. An event word that
    is what they are about ("зустріч, на якій обговорили проведення тренінгів") holds none either."""
    generic = cues()["generic_words"]
    return all((t.weight <= generic["weight"]
                and bool(set(generic["lemmas"]) & _lemmas(ctx, WORD_TOKEN.findall(t.text)))
                and not congress_of_councils(ctx, t)) or about_before(ctx, t.start)
               for t in triggers) and not learned(ctx)


def congress_of_councils(ctx: Context, trig: Trigger) -> bool:
    """Tell whether the noun phrase a congress word heads names local self-government ("з'їзд Асоціації об'єднаних
    територіальних громад", "съезд муниципальных образований"): a congress of councils, not a party's or a road's."""
    rule = cues()["councils_congress"]
    after = WORD_TOKEN.findall(ctx.text, trig.end, noun_phrase_end(ctx, trig.end))
    return bool(set(rule["lemmas"]) & _lemmas(ctx, WORD_TOKEN.findall(trig.text))) \
        and bool(set(rule["members"]) & _lemmas(ctx, after))


def for_outsiders(ctx: Context, trig: Trigger, audience: list[str]) -> bool:
    """Tell whether the people named right after the event word ("конференція школярів", "навчання для безробітних",
    "зустріч з мешканцями"), or everyone said to take part ("підприємці обговорили ..."), are outside local
    government, or a generic event word's sentence speaks of schooling ("навчання ... до кінця навчального року"):
    pupils' lessons, drills, business fairs and an official's talk with residents train no council. A group is
    outsiders by an adjective too, of pupils' or elections' bodies or of people displaced ("члени шкільного
    парламенту", "членів дільничних виборчих комісій", "внутрішньо переміщених осіб")."""
    outsiders = cue_set("outsiders", "residents")
    after = " ".join(_words_after(ctx, trig.end))
    return bool(outsiders & _plural_head_lemmas(after, ctx.lang)) or _outsider_group(after, ctx.lang) \
        or (bool(audience) and all(outsiders & _plural_head_lemmas(group, ctx.lang) or _outsider_group(group, ctx.lang)
                                   for group in audience)) \
        or (not audience and outsider_subjects(ctx, trig)) \
        or (trig.weight <= cues()["generic_words"]["weight"]
            and bool(cue_pattern("schooling").search(ctx.text, *ctx.sentences[ctx.sentence_of(trig.start)])))


def outsider_subjects(ctx: Context, trig: Trigger) -> bool:
    """Tell whether the event word's sentence or the next one opens with outsiders ("Військові відпрацювали дії",
    "Предпринимательницы поделились опытом") and neither names local government's people: who took part, where
    no audience is stated."""
    i = ctx.sentence_of(trig.start)
    spans = ctx.sentences[i:i + cues()["detection"]["subject_sentences"]]
    words = [WORD_TOKEN.findall(ctx.text, a, b) for a, b in spans]
    if cue_set("officials") & _lemmas(ctx, [w for found in words for w in found]):
        return False
    outsiders = cue_set("outsiders")
    return any(found and outsiders & _plural_head_lemmas(found[0], ctx.lang) for found in words)


def _outsider_group(group: str, lang: str) -> bool:
    """Tell whether a group is outsiders by a body's adjective or by a trade (outsider_trades)."""
    return _outsiders_body(group, lang) or _outsiders_trade(group, lang)


def _outsiders_trade(group: str, lang: str) -> bool:
    """Tell whether a group is of a trade outside a council's staff: an adjective of one before its first noun
    ("соціальних працівників"), a field right after that noun ("працівників культури"), or a collective noun of one
    heading it ("молоді")."""
    rule = cues()["outsider_trades"]
    words = [morph.analyzer(lang).parse(w.lower()) for w in WORD_TOKEN.findall(group)]
    parses = [p for p in words if p[0].tag.POS not in FUNCTION_WORDS]
    # "молоді" is youth before a preposition or alone, young ones before a noun ("молоді депутати")
    if parses and set(rule["collectives"]) & {q.normal_form for q in parses[0]}:
        following = words[words.index(parses[0]) + 1:][:1]
        return not following or following[0][0].tag.POS != "NOUN"
    first = next((i for i, p in enumerate(parses) if p[0].tag.POS == "NOUN"), None)
    if first is None:
        return False
    before = {p[0].normal_form for p in parses[:first] if p[0].tag.POS in ("ADJF", "PRTF")}
    after = parses[first + 1][0] if first + 1 < len(parses) else None
    return bool(set(rule["adjectives"]) & before) \
        or (after is not None and after.tag.POS == "NOUN" and after.tag.case == "gent"
            and after.normal_form in rule["fields"])


def _outsiders_body(group: str, lang: str) -> bool:
    """Tell whether an adjective before a group's second noun ("члени [шкільного] парламенту", "членів [дільничних
    виборчих] комісій", "[внутрішньо переміщених] осіб") names a body of pupils or of elections, or people displaced
    (outsider_bodies). Such a group is plural or governed by its members' noun; a singular adjective in the nominative
    or the accusative starts a name instead («Шкільний автобус»)."""
    marks, nouns = cue_set("outsider_bodies"), 0
    for word in WORD_TOKEN.findall(group):
        parse = morph.analyzer(lang).parse(word.lower())[0]
        if parse.tag.POS == "NOUN":
            nouns += 1
            if nouns == 2:
                return False
        elif (parse.tag.POS in ("ADJF", "PRTF") and parse.normal_form in marks
              and not ("plur" not in parse.tag and parse.tag.case in ("nomn", "accs", "voct"))):
            return True
    return False


def _plural_head_lemmas(group: str, lang: str) -> set[str]:
    """Return the dictionary forms, read as a plural, of a group's first content word ("безробітних", "військові") and
    of its first word most likely a noun ("старші школярі"); prepositions ("для", "с") are skipped. A singular head
    ("захист прав учня") is a topic, not who takes part."""
    parses = [p for p in (morph.analyzer(lang).parse(w.lower()) for w in WORD_TOKEN.findall(group))
              if p[0].tag.POS not in FUNCTION_WORDS]
    heads = parses[:1] + [p for p in parses if p[0].tag.POS == "NOUN"][:1]
    return {q.normal_form for p in heads for q in p if "plur" in q.tag}


FUNCTION_WORDS = {"PREP", "CONJ", "PRCL"}


def trigger_score(ctx: Context, trig: Trigger) -> float:
    """Score how likely a trigger names an event held or announced in this article (the hand-set rules)."""
    return rule_score(trig, trigger_features(ctx, trig))


def rule_score(trig: Trigger, features: dict[str, float]) -> float:
    """Score a trigger from its features with the hand-set weights of gazetteers/event_cues.toml."""
    add = cues()["trigger_score"]
    return trig.weight + sum(add[name] * features[name] for name in RULE_FEATURES)


def heads_name(ctx: Context, trig: Trigger, quote: tuple[int, int]) -> bool:
    """Tell whether a trigger inside a quoted name is that name's head: only adjectives before it («Весняний форум»)."""
    analyzer = morph.analyzer(ctx.lang)
    before = WORD_TOKEN.findall(ctx.text, quote[0] + 1, trig.start)
    return all(analyzer.parse(w)[0].tag.POS in ("ADJF", "PRTF", "NUMR") or w.isupper() for w in before)


def is_plural(ctx: Context, trig: Trigger) -> bool:
    """Tell whether an event word is in the plural ("тренінги", "круглих столів"); a verb's number is its subject's."""
    if trig.kind in VERB_KINDS:
        return False
    head = WORD_TOKEN.findall(trig.text)[0]
    return any("plur" in p.tag for p in morph.analyzer(ctx.lang).parse(head)[:1])


@cache
def _activity() -> re.Pattern:
    return re.compile(r"(?i)(?<!\w)(?:" + alternation(cues()["planned_passives"]) + "|" + words("activity_nouns")
                      + rf")\s+[{OPENING_QUOTES}]?$")


@cache
def tally() -> re.Pattern:
    """A count right before an event word, one word between at most ("120 тренінгів", "сотні семінарів"), or before
    the first of coordinated words, group "listed" ("300 тренінгів і семінарів", "сотні нарад, семінарів та
    вебінарів"): counted() requires those to be event words too."""
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(cues()["tally_words"]) + r")\s+(?:" + HYPHENATED + r"\s+)?"
                      + r"(?P<listed>(?:" + _listed_item().pattern + r"){0,3})$")


@cache
def _listed_item() -> re.Pattern:
    """One of coordinated words and the comma or coordinator after it ("тренінгів і ", "нарад, ")."""
    coordinators = words("coordinators")
    return re.compile(HYPHENATED + r"(?:\s*,\s*(?:(?:" + coordinators + r")\s+)?|\s+(?:" + coordinators + r")\s+)",
                      re.IGNORECASE)


def counted(ctx: Context, lo: int, pos: int) -> bool:
    """Tell whether a count stands right before the event word at `pos`, or before the first of event words
    coordinated with it ("понад 300 тренінгів і семінарів"): the count counts them all. Other words between
    ("120 учасників, експертів та семінари") part the count from it, and the year of a date is no count
    ("проводить 14 червня 2026 року вебінар", "у 2025 році, зокрема, семінари")."""
    starts = {t.start for t in ctx.triggers_in(lo, pos) if t.kind == "event"}
    while count := tally().search(ctx.text, lo, pos):
        if not any(d.start <= count.start() < d.end for d in ctx.dates) \
                and all(m.start() in starts for m in _listed_item().finditer(ctx.text, *count.span("listed"))):
            return True
        lo = count.start() + 1
    return False


@cache
def _none_before(lang: str) -> re.Pattern:
    """A word for none right before an event word, one more word between at most ("жодного тренінгу", "ни одного
    семинара", "жодних навчальних заходів")."""
    return lemma_pattern("none_words", lang, r"\s+(?:" + HYPHENATED + r"\s+)?$")


@cache
def _aboutness() -> re.Pattern:
    words = sorted(cues()["aboutness"], key=len, reverse=True)
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(words) + r")\s+(?:\w+\s+){0,3}$")


def is_event_article(ranked: list[tuple[float, dict[str, float]]]) -> bool:
    """Decide from its triggers' rule scores and features, best first, whether an article reports an event.

    One well-supported trigger suffices; a weaker best one counts when the article keeps
    coming back to the event (the top three scores add up) and one of them says it happens
    (a platform called "онлайн-форум" is named again and again, but never held), or when it is a
    specific singular event word heading the page that no cue speaks against ("Семінар для старост
    громад", then what was learned).
    """
    rule = cues()["detection"]
    scores = [score for score, _ in ranked]
    if scores[0] >= rule["min_trigger_score"]:
        return True
    if any(score >= rule["weak_trigger_score"] and features["headline"] and not features["plural"]
           and features["weight"] >= rule["headline_weight"] and not _countered(features)
           for score, features in ranked):
        return True
    # a verb of holding next to a countered word ("Як провести семінар", "Нагадаємо, відбувся форум") says nothing
    happens = any(features[name] for _, features in ranked[:3] if not _countered(features)
                  for name in rule["happening"])
    return scores[0] >= rule["weak_trigger_score"] and sum(scores[:3]) >= rule["min_article_support"] and happens


def _countered(features: dict[str, float]) -> bool:
    """Tell whether any cue against an event fires (a plan to take part, a recalled story, ...)."""
    add = cues()["trigger_score"]
    return any(features[name] and add[name] < 0 for name in RULE_FEATURES)


def another_instance(text: str, start: int, trig: Trigger) -> bool:
    """Tell an event word right after "наступний", "попередній", "следующий" (one more word may stand between,
    `start` bounds the look back): another instance of a series ("Наступний семінар відбудеться 15 травня")."""
    return bool(listed_cue("other_instance", r"(?:\s+\w+)?\s+$").search(text, start, trig.start))


def this_instance(ctx: Context, scored: list[tuple[float, Trigger]]) -> list[tuple[float, Trigger]]:
    """Drop the event words of another instance of a series ("Наступний семінар відбудеться 15 травня") when an
    event word stands in an earlier sentence: the article tells its own event first, then the next one. Drop those
    in the headlines of other news below the article (detached) too, where the article names an event of its own."""
    def later(trig: Trigger) -> bool:
        lo = ctx.window(trig.start)[0]
        return (another_instance(ctx.text, lo, trig) or detached(ctx, trig)) and any(t.start < lo for _, t in scored)
    return [(score, t) for score, t in scored if not later(t)] or scored


def the_whole(ctx: Context, scored: list[tuple[float, Trigger]]) -> list[tuple[float, Trigger]]:
    """Put first the best one's kind told as the event itself after its stages or parts ("Сам форум пройде у квітні в
    Києві", whole_itself): its sentence, not a headline of the stages, dates and places the whole event."""
    cue = lemma_pattern("whole_itself", ctx.lang, r"(?:\s+же)?\s+$")
    for i, (_, trig) in enumerate(scored):
        if trig.event_type == scored[0][1].event_type \
                and cue.search(ctx.text, max(ctx.window(trig.start)[0], trig.start - windows().word_before), trig.start):
            return [scored[i], *scored[:i], *scored[i + 1:]]
    return scored


def other_kind(ctx: Context, scored: list[tuple[float, Trigger]], main: Trigger,
               first: tuple[date, date] | None = None) -> Trigger | None:
    """Return a second event of another kind that the article names on its own, else None.

    A course and its closing conference, a visit and a round table during it: an event word of
    another type, singular and specific, followed by its own quoted name or with days of its own apart
    from the first event's (`first`, see own_days). A mention without either is the same event retold
    ("семінар ... Захід тривав") or a passing one; one the first
    event belongs to ("в рамках форуму «…»", "частина курсу «…»") is its programme, one in a session
    ("у першому модулі школи — тренінг «…»") a part of the programme, and one recalled ("Нагадаємо, торік
    пройшов форум «…»") an earlier story, not a second event.
    """
    for _, trig in scored:
        if trig.event_type != main.event_type and _apart(ctx, trig) \
                and (named_after(ctx, trig) or own_days(ctx, trig, first)):
            return trig
    return None


def also_held(ctx: Context, scored: list[tuple[float, Trigger]], main: Trigger,
              first: tuple[date, date] | None) -> Trigger | None:
    """Return an event told in a later sentence as held too, else None: the first one's kind on days of its own
    ("14 квітня у Полтаві відбувся семінар. 17 квітня аналогічний семінар провели у Миргороді"), said to be the
    same once more ("Аналогічний семінар провели у Лубнах") or under a name of its own ("тренінг «Закупівлі»" after
    "тренінг «Бюджет громади»"), or another kind held in an undated clause ("У Бердичеві пройшов тренінг для
    бухгалтерів"). Whether it is held somewhere else, which makes it a second event
    rather than the first one's later day or part, the caller tells from its place."""
    told = ctx.sentence_of(main.start)
    for _, trig in scored:
        if ctx.sentence_of(trig.start) <= told or not (_apart(ctx, trig) and _clause_head(ctx, trig)):
            continue
        lo, hi = clause_of(ctx, trig.start)
        if trig.event_type == main.event_type:
            if own_days(ctx, trig, first) or _held_undated(ctx, trig, "same_again") or _renamed(ctx, trig, main):
                return trig
        # another kind in a clause that names the first one's ("Під час семінару пройшов тренінг") is a part of it
        elif _held_undated(ctx, trig) and not any(t.event_type == main.event_type and lo <= t.start < hi
                                                  for _, t in scored):
            return trig
    return None


def _held_undated(ctx: Context, trig: Trigger, marked: str | None = None) -> bool:
    """Tell an event word in a clause with no date and a verb saying it is held (not "такой же семинар был бы
    полезен"), and with a phrase of the lemma table `marked` right before it when given ("Аналогічний семінар
    провели"): a dated one is another day of the first event unless its days are its own (own_days)."""
    lo, hi = clause_of(ctx, trig.start)
    cue = lemma_pattern(marked, ctx.lang, r"(?:\s+\w+)?\s+$") if marked else None
    return (cue is None or bool(cue.search(ctx.text, lo, trig.start))) \
        and not any(lo <= d.start < hi for d in ctx.dates) and bool(cue_pattern("occurrence").search(ctx.text, lo, hi))


def _clause_head(ctx: Context, trig: Trigger) -> bool:
    """Tell whether an event word is what its clause tells of ("семінар провели", "семинар прошел"), in a case
    [segments] clause_cases lists, not a word another one governs ("учасники семінару відвідали Миргород")."""
    cases = set(cues()["segments"]["clause_cases"])
    return any(p.tag.case in cases for w in WORD_TOKEN.findall(trig.text) for p in morph.analyzer(ctx.lang).parse(w))


def _apart(ctx: Context, trig: Trigger) -> bool:
    """Tell whether an event word may name an event of its own: specific and singular, not one the first event
    belongs to or a part of it ("в рамках форуму", "у першому модулі"), and not recalled."""
    if trig.kind != "event" or trig.weight < cues()["segments"]["least_weight"] or is_plural(ctx, trig):
        return False
    start, end = ctx.sentences[ctx.sentence_of(trig.start)]
    return not (_part_of().search(ctx.text[max(0, trig.start - windows().word_before):trig.start])
                or recalled(ctx, trig.start, (start, end)) or session_words().search(ctx.text[start:end]))


def named_after(ctx: Context, trig: Trigger) -> bool:
    """Tell whether an event word is followed by its own quoted name ("семінар «Бюджет громади»")."""
    return bool(_own_name().match(ctx.text, trig.end))


def _renamed(ctx: Context, trig: Trigger, main: Trigger) -> bool:
    """Tell whether an event word is followed by a quoted name other than the first event word's."""
    mine, theirs = (_own_name().match(ctx.text, t.end) for t in (trig, main))
    return mine is not None and (theirs is None or _name_key(mine.group()) != _name_key(theirs.group()))


def _name_key(name: str) -> str:
    """Return a quoted name's words, lower-cased, without quotes or dashes: one name quoted twice is equal."""
    return " ".join(WORD_TOKEN.findall(name.lower()))


def own_days(ctx: Context, trig: Trigger, first: tuple[date, date] | None) -> bool:
    """Tell whether an event word's sentence gives it days apart from the first event's (`first`, its first and last
    day): "3 квітня відбувся семінар. А з 20 по 27 квітня старости перебували з навчальним візитом у Польщі" is a
    second event with its own dates. A day inside the first event's span ("5 травня вони були на семінарі" during a
    week's visit, "19 червня — День конгресу" of a three-day forum) is a part of it; an undated first event gives
    none."""
    s, e = clause_of(ctx, trig.start)
    if first is None:
        return False
    a, b = (first[0].month, first[0].day), (first[1].month, first[1].day)
    mine = [(_day(d.start_date, d.day_month), _day(d.end_date or d.start_date, d.day_month)) for d in ctx.dates
            if s <= d.start < e and d.precision == "day" and not d.deadline and not d.background
            and (d.start_date or d.day_month)]
    return bool(mine) and not any(a <= d <= b or a <= f <= b or d <= a <= f for d, f in mine)


def clause_of(ctx: Context, pos: int) -> tuple[int, int]:
    """Return the span of the clause holding `pos`: its sentence, cut at the contrasting clauses around it
    ("15 квітня відбувся семінар, а 18 квітня – круглий стіл")."""
    s, e = ctx.sentences[ctx.sentence_of(pos)]
    cuts = [m.start() for m in contrast(ctx.lang).finditer(ctx.text, s, e)]
    return max((c for c in cuts if c < pos), default=s), min((c for c in cuts if c > pos), default=e)


@cache
def contrast(lang: str) -> re.Pattern:
    """A comma and a word opening a contrasting clause ("..., а 19 листопада – тренінг")."""
    return re.compile(rf",\s*{word_regex(load_toml('dates.toml')['contrast'][lang])}", re.IGNORECASE)


def _day(value: date | None, day_month: tuple[int, int] | None) -> tuple[int, int]:
    """Return a day as (month, day), from its date or, without a year, from its (day, month)."""
    return (value.month, value.day) if value is not None else (day_month[1], day_month[0])


@cache
def _quoted() -> re.Pattern:
    return re.compile(r"[«“„\"][^«»“”„\"\n]{3,}[»”\"]")


@cache
def _own_name() -> re.Pattern:
    # the quote may close around the event word itself first: «круглого столу» “…”
    return re.compile(r"[»”\"]?[ \t]*(?:[:–—-][ \t]*)?[«“„\"][^«»“”„\"\n]{3,}")


@cache
def _part_of() -> re.Pattern:
    entries = cues()["programme_cues"] + cues()["segments"]["part_of"]
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(entries) + r")\s+(?:" + HYPHENATED + r"\s+){0,2}$")


def list_items(ctx: Context, triggers: list[Trigger]) -> list[tuple[Trigger, tuple[int, int]]]:
    """Return (trigger, item span) for list items that each name a dated event: by an event word of their own, or by
    a quoted name under a lead line that names the events in the plural ("круглі столи:\n- 5 травня – «X»")."""
    items, least_weight = [], cues()["trigger_score"]["list_item_weight"]
    weighty = [t for t in triggers if t.weight >= least_weight]
    for start, end in _item_spans(ctx):
        inside = [t for t in weighty if start <= t.start < end]
        if not inside and _quoted().search(ctx.text, start, end) and (lead := _list_lead(ctx, start)):
            inside = [t for t in weighty if lead[0] <= t.start < lead[1] and is_plural(ctx, t)]
        dated = any(start <= d.start < end and d.precision == "day" for d in ctx.dates)
        if inside and dated:
            items.append((inside[0], (start, end)))
    return items


def _item_spans(ctx: Context) -> list[tuple[int, int]]:
    """Return the text spans of a page's list items: bulleted or numbered lines, and lines opening with a day under a
    lead line ending in a colon (a list whose bullets the scraper dropped: "круглі столи:\n5 травня – «X»")."""
    bulleted = [m.end() for m in LIST_ITEM.finditer(ctx.text)]
    dated = [s for s in sorted(_dated_line_starts(ctx)) if _list_lead(ctx, s)]
    return [(s, line_end(ctx.text, s)) for s in sorted(set(bulleted + dated))]


@per_article
def _dated_line_starts(ctx: Context) -> frozenset[int]:
    """Return where the lines that open with a day's date start ("5 травня – «…»")."""
    found = set()
    for d in ctx.dates:
        start = ctx.text.rfind("\n", 0, d.start) + 1
        if d.precision == "day" and not ctx.text[start:d.start].strip():
            found.add(start)
    return frozenset(found)


def _list_lead(ctx: Context, item: int) -> tuple[int, int] | None:
    """Return the line that opens the list an item (starting at `item`) is in, when it ends in a colon."""
    line_start = ctx.text.rfind("\n", 0, item) + 1
    pos = line_start - 1
    while pos > 0:
        start = ctx.text.rfind("\n", 0, pos) + 1
        line = ctx.text[start:pos]
        if line.strip() and not (LIST_ITEM.match(ctx.text, start) or start in _dated_line_starts(ctx)):
            return (start, pos) if line.rstrip().endswith(":") else None
        pos = start - 1
    return None
