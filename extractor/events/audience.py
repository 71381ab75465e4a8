"""Who takes part: audience groups ("для посадових осіб ...") and a stated head count."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, pairwise
from typing import NamedTuple

from extractor import dates as dates_stage
from extractor import morph
from extractor.events.context import Context, per_article
from extractor.events.cues import alternation, cue_pattern, cues, lemma_pattern, windows, words
from extractor.events.detect import Trigger
from extractor.events.nouns import VERBS, phrases_of_kind
from extractor.events.phrases import WORD_TOKEN, closing, quote_around
from extractor.events.roles import role_cues
from extractor.events.venue import VENUE_KINDS
from extractor.text import HYPHENATED, INLINE_SPACES, OPENING_QUOTES, apostrophe_variants, fold_apostrophes

# One token of running text: a line break, a word (digits, inner hyphens and apostrophes) or a sign.
TOKEN = re.compile(rf"[ \t\u00a0]*(?:(\n)|({HYPHENATED})|(\S))")
# Parts of speech that go on a phrase of people ("представники органів місцевого самоврядування").
PHRASE_POS = {"NOUN", "ADJF", "PRTF", "NUMR", "NPRO", "PREP", "CONJ", "LATN", "NUMB", "UNKN", "ROMN", None}
ADJECTIVE_POS = ("ADJF", "PRTF", "NPRO", "NUMR")

Found = list[tuple[str, tuple[int, int]]]


@dataclass(frozen=True)
class Head:
    """The head noun of a group: where it ends, the cases it may stand in and what it names."""

    end: int
    cases: frozenset[str]
    kind: str | None  # "person" (депутати), "crowd" (депутатський корпус), "body" (громади, органи) or None
    relational: bool  # takes the people it heads as a genitive complement ("представники громад")
    plural: bool
    lemmas: frozenset[str]


@cache
def separator() -> re.Pattern:
    """A comma, a coordinator or both between two groups of people ("голови громад, депутати та ...")."""
    return re.compile(r"\s*,\s*(?:(?:" + words("coordinators") + r")\s+)?|\s+(?:" + words("coordinators") + r")\s+")


@cache
def head_count() -> re.Pattern:
    """A head count: "понад 50", "3 700", "7,5 тисяч", "более 50-ти"; group 1 the digits, group 2 a thousand word.

    A time of day ("08:55") is no count, and the counted noun is on the same line, or the sentence ends there
    (the noun came first: "Учасників було 50.").
    """
    quantity, thousands = words("quantity_words"), "|".join(cues()["thousand_words"])
    return re.compile(r"(?<![\d,.:])(?:(?:" + quantity + r")\s+)?(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:,\d+)?)"
                      r"(?:-(?:" + words("numeral_endings") + r"))?(?:\s*(" + thousands + r"))?"
                      r"(?:[ \t\u00a0]+|(?=[.;!?](?!\d)))", re.IGNORECASE)


@cache
def noun_before_count(lang: str) -> re.Pattern:
    """People named before their number and a verb of being or a dash ("Учасників було 50", "участников — более
    30", "кількість учасників склала 120"); matched up to where the number starts."""
    return re.compile(lemma_pattern("participant_nouns", lang).pattern + r"[ \t\u00a0]*(?:"
                      + words("count_copulas") + r")[ \t\u00a0]*(?:(?:" + words("quantity_words") + r")\s+)?$",
                      re.IGNORECASE)


def audience_near(ctx: Context, trigger_start: int, trigger_end: int, scope: tuple[int, int]) -> Found:
    """Return an event's audience: from its scope, its sentences, the words after it, the lead, or the article."""
    reach = cues()["audience"]
    return audience_for(ctx, *scope) or held_with(ctx, trigger_end) or taught(ctx, *scope) \
        or audience_for(ctx, *ctx.window(trigger_start, 1, 3)) \
        or audience_phrases(ctx, trigger_end + 1, len(ctx.text)) \
        or audience_for(ctx, *ctx.window(0, 0, reach["lead_sentences"] - 1)) \
        or first_sentence(ctx, audience_for(ctx, 0, min(len(ctx.text), reach["article_reach"])))


def held_with(ctx: Context, trigger_end: int) -> Found:
    """Return the people an event is held with, right after its own word ("круглий стіл з головами громад",
    "семинар с главами поселений"); after another event word they are rather who its audience meets."""
    company = with_people().match(ctx.text, trigger_end)
    return insiders(ctx, people_after(ctx, company.end(), "ablt")) if company else []


def first_sentence(ctx: Context, found: Found) -> Found:
    """Keep the groups of the first sentence among those found."""
    first = ctx.sentence_of(found[0][1][0]) if found else None
    return [group for group in found if ctx.sentence_of(group[1][0]) == first]


@per_article
def audience_for(ctx: Context, lo: int, hi: int) -> Found:
    """Return who takes part: the people after a cue (для ..., учасниками стали ...), the subject of a verb of
    attending (before or after it), and whom a verb of telling or inviting names (in the dative or accusative)."""
    text, found = ctx.text, []
    for cue, skip_place in ((cue_pattern("audience_cues"), False), (verb_cues("audience_gather", ctx.lang), True)):
        for m in cue.finditer(text, lo, hi):
            if in_name(text, m.start(), m.end()):
                continue  # "для" inside a quoted name is part of the name
            start = object_start(ctx, m.end(), skip_place)
            for_whom = m.group(0).lower() == "для"
            if start < hi and not (for_whom and capitalized(text, start)):
                found += audience_phrases(ctx, start, len(text), "gent" if for_whom else None)
    for m in verb_cues("audience_subject", ctx.lang).finditer(text, lo, hi):
        if not in_name(text, m.start(), m.end()) and plural_verb(ctx, m.group(0)):
            found += subject_before(ctx, m.start(), {"nomn"}) or people_after(ctx, m.end(), "nomn")
    for name, case in (("audience_addressee", "datv"), ("audience_invitee", "accs")):
        for m in verb_cues(name, ctx.lang).finditer(text, lo, hi):
            if not in_name(text, m.start(), m.end()):
                found += verb_objects(ctx, m, case)
    spans, unique = set(), []
    for name, span in sorted(found, key=lambda x: x[1]):
        # a group read inside another one read from another cue is a part of it ("... посольств и партнеров")
        if span not in spans and not any(s <= span[0] and span[1] <= e and (s, e) != span for _, (s, e) in found):
            spans.add(span)
            unique.append((name, span))
    return unique


def taught(ctx: Context, lo: int, hi: int) -> Found:
    """Return whom a verb of teaching in the event's own sentence teaches ("навчали посадовців громад", "глав
    поселений обучали"): farther off such a verb tells of other lessons."""
    found = []
    for m in verb_cues("audience_learner", ctx.lang).finditer(ctx.text, lo, hi):
        if not in_name(ctx.text, m.start(), m.end()):
            # the object right after the verb first: the plural before it is rather who teaches ("експерти навчали")
            found += insiders(ctx, objects_after(ctx, m.end(), "accs")) or verb_objects(ctx, m, "accs")
    return found


@cache
def with_people() -> re.Pattern:
    """A preposition of company right after an event word ("нарада з головами громад", "встреча с депутатами")."""
    return re.compile(r"[ \t\u00a0]+(?:" + words("audience_with_prepositions") + r")[ \t\u00a0]+", re.IGNORECASE)


@cache
def verb_cues(name: str, lang: str) -> re.Pattern:
    """Return the phrases of `name`_cues and every finite form of the `name`_verbs of a language (pymorphy3
    lexemes): "audience_subject" gives "навчаються", "зібралися", "приезжают" besides "взяли участь". Verbs given
    by a `kind` are event_verbs.toml's entries of that kind (the verbs of teaching)."""
    verbs = cues()[f"{name}_verbs"]
    lemmas = phrases_of_kind(verbs["kind"], lang, VERBS) if "kind" in verbs else verbs[lang]
    forms = {variant for lemma in lemmas for form in morph.lexeme(lemma, lang)
             if finite(form.tag) for variant in apostrophe_variants(form.word)}
    return re.compile(r"(?<!\w)(?:" + alternation(cues()[f"{name}_cues"], forms) + r")(?!\w)", re.IGNORECASE)


def finite(tag) -> bool:
    """Tell whether a verb form is finite and news would use it ("навчаються", "собрались", "представив",
    "запрошуємо"): past, or first or third person."""
    return tag.POS == "VERB" and "impr" not in tag.grammemes and bool({"past", "1per", "3per"} & tag.grammemes)


def people_after(ctx: Context, pos: int, case: str, end: int | None = None) -> Found:
    """Return the plural people in `case` right after a verb (up to `end`): its subject, inverted
    ("обсудили депутаты ..."), or whom it addresses ("представив депутатам міської ради ...")."""
    start = count_end(ctx, pos)
    if start != skip_spaces(ctx.text, pos) and case == "nomn":
        case = "gent"  # a counted subject stands in the genitive ("присоединились 40 муниципальных служащих")
    head = head_of(ctx, start, case)
    if head is None or head.kind not in ("person", "crowd") or not head.plural or case not in head.cases:
        return []
    return audience_phrases(ctx, start, end or len(ctx.text), case)


def verb_objects(ctx: Context, verb: re.Match, case: str) -> Found:
    """Return the people a verb of telling or inviting names in `case`: before it when it is plural and impersonal
    ("Старостам розповіли ...", "Старост запрошують ..."), else right after it ("представив депутатам ...",
    "приглашаем глав ..."). The press is told, it does not take part ("розповів журналістам")."""
    fronted = subject_before(ctx, verb.start(), {case}) if plural_verb(ctx, verb.group(0)) else []
    return insiders(ctx, fronted or objects_after(ctx, verb.end(), case))


def insiders(ctx: Context, found: Found) -> Found:
    """Drop the groups of people who only report on an event ("журналісти")."""
    outsiders = set(cues()["audience_outsiders"])
    return [group for group in found if morph.lemma(WORD_TOKEN.match(group[0]).group(), ctx.lang) not in outsiders]


def objects_after(ctx: Context, pos: int, case: str) -> Found:
    """Return the people in `case` right after a verb, up to what follows them ("... проєкт", "... на семинар")."""
    head = head_of(ctx, count_end(ctx, pos), case)
    return people_after(ctx, pos, case, object_end(ctx, head.end, case)) if head else []


def object_end(ctx: Context, pos: int, case: str) -> int:
    """Return where a group in `case` ends: past its genitive complement and further groups in that case."""
    analyzer, end = morph.analyzer(ctx.lang), pos
    while tok := TOKEN.match(ctx.text, end):
        word = tok.group(2)
        if word is None and tok.group(3) != ",":
            break
        parses = analyzer.parse(word) if word else ()
        cases = {case_of(p) for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO")}
        if word and (any(p.tag.POS == "PREP" for p in parses[:2]) or not ({"gent", case} & cases
                     or word.lower() in cues()["coordinators"] or not word[:1].islower())):
            break  # "проєкт", "о новых правилах": what they are told
        end = tok.end()
    return trim_end(ctx, pos, end)


def in_name(text: str, start: int, end: int) -> bool:
    """Tell whether a span lies inside a quoted name; straight quotes around whole sentences quote speech, not a
    name."""
    span = quote_around(text, start, end)
    return bool(span) and not (text[span[0]] == '"' and re.search(r"[.!?]\s", text[span[0]:span[1]]))


def plural_verb(ctx: Context, cue: str) -> bool:
    """Tell whether a cue's verb is plural: a group takes part ("старости взяли участь"), not one body ("ОТГ взяла");
    a passive participle stands for the verb ("приглашены депутаты")."""
    first = WORD_TOKEN.match(cue)
    return bool(first) and any("plur" in p.tag.grammemes for p in morph.analyzer(ctx.lang).parse(first.group())
                               if p.tag.POS in ("VERB", "INFN", "PRTS") or "pssv" in p.tag.grammemes)


def capitalized(text: str, pos: int) -> bool:
    """Tell whether a name starts at `pos` ("для Києва", "для Асоціації"), not an abbreviation of people ("для ОТГ")."""
    tok = WORD_TOKEN.match(text, pos)
    return bool(tok) and tok.group()[:1].isupper() and not tok.group().split("-")[0].isupper()


def skip_spaces(text: str, pos: int) -> int:
    """Return the offset of the first non-blank character at or after `pos` on the same line."""
    return INLINE_SPACES.match(text, pos).end()


def object_start(ctx: Context, pos: int, skip_place: bool) -> int:
    """Return where the people after a cue begin: past a dash or colon, a place ("у Києві") and a head count."""
    text, analyzer = ctx.text, morph.analyzer(ctx.lang)
    while pos < len(text) and text[pos] in " \t\u00a0:–—-":
        pos += 1
    prep = TOKEN.match(text, pos)
    if skip_place and prep and prep.group(2) and prep.group(2).lower() not in cues()["quantity_words"] \
            and any(p.tag.POS == "PREP" for p in analyzer.parse(prep.group(2))[:3]):
        after = prep.end()  # "зібрав у Києві представників ...", "собрало на одной площадке ..."
        for _ in range(3):
            tok = TOKEN.match(text, after)
            if not (tok and tok.group(2)):
                break
            tag = analyzer.parse(tok.group(2))[0].tag
            after = tok.end()
            if tag.POS == "NOUN":
                if not names_people(tok.group(2), ctx.lang):
                    pos = after
                break
            if tag.POS not in ADJECTIVE_POS:
                break
    return past_generic(ctx, count_end(ctx, pos))


def past_generic(ctx: Context, pos: int) -> int:
    """Return where the groups named after a word for anyone and a colon or dash start ("150 человек: главы ..."),
    else `pos`."""
    head = head_of(ctx, pos)
    if head is None or not head.lemmas & set(cues()["audience_generic"]):
        return pos
    m = GENERIC_THEN_LIST.match(ctx.text, head.end)
    return m.end() if m else pos


GENERIC_THEN_LIST = re.compile(r"[ \t\u00a0]*[:–—][ \t\u00a0]*")


@per_article
def count_end(ctx: Context, pos: int) -> int:
    """Return the offset after a head count that starts at `pos` ("понад 50", "7,5 тысяч", "двое"), or `pos`."""
    text = ctx.text
    pos = skip_spaces(text, pos)
    m = head_count().match(text, pos)
    if m:
        return m.end()
    analyzer = morph.analyzer(ctx.lang)
    tok = TOKEN.match(text, pos)
    while tok and tok.group(2) and (tok.group(2).lower() in cues()["quantity_words"]  # "сто" is a numeral, not "СТО"
                                    or any(p.tag.POS == "NUMR" for p in analyzer.parse(tok.group(2)))
                                    or number_noun(tok.group(2), ctx.lang) is not None):
        pos = tok.end()
        tok = TOKEN.match(text, pos)
    for span in (1, 2):  # "рекордное число представителей", "велика кількість голів"
        words_ahead = [TOKEN.match(text, pos)]
        while len(words_ahead) < span and words_ahead[-1] and words_ahead[-1].group(2):
            words_ahead.append(TOKEN.match(text, words_ahead[-1].end()))
        last = words_ahead[-1]
        if last and last.group(2) and analyzer.parse(last.group(2))[0].normal_form in cues()["quantity_nouns"]:
            return skip_spaces(text, last.end())
    return skip_spaces(text, pos)


@per_article
def is_stop(ctx: Context, word: str, pos: int) -> bool:
    """Tell whether a word ends a phrase of people: a clause word, a verb, a pronoun, a name, a role cue."""
    parses = morph.analyzer(ctx.lang).parse(word)
    parse = next((p for p in parses if p.tag.case != "voct"), parses[0])  # "діє" is a verb, not a vocative
    if word.lower() in cues()["phrase_stops"] or parse.normal_form in cues()["phrase_stops"] \
            or word.lower() in cues()["relative_words"]:
        return True  # "..., среди которых", "серед яких", "школа для голів громад, яку ..."
    if word.lower() in cues()["audience_stops"] or word.strip("-") != word:
        return True
    if parse.tag.POS not in PHRASE_POS and not any(p.tag.POS == "PREP" for p in parses[:3]) \
            and not adverb_of_next(ctx, parses, pos + len(word)):
        return True  # "на" is a preposition as well as a particle
    if any(p.tag.POS == "NPRO" and p.tag.case == "nomn" and {"1per", "2per", "3per", "pers"} & p.tag.grammemes
           for p in parses):
        return True  # "сотрудники полиции, они ...": a new clause
    before = WORD_TOKEN.findall(ctx.text, max(0, pos - windows().word_before), pos)
    if word[:1].isupper() and any({"Name", "Patr"} & p.tag.grammemes for p in parses) \
            and not (before and before[-1][:1].isupper()):
        return True  # "заступник голови Романом Косинським": one named person (not "Фонду Ганса Зайделя")
    cue = role_cues(ctx.lang).match(ctx.text, pos)
    return bool(cue) and cue.lastgroup in ("org", "part")  # "за підтримки", "організованого": not "партнери"


def place_after(ctx: Context, word: str, end: int) -> bool:
    """Tell a preposition of location before a town ("главы поселений в Томске"): where the event is, not who
    comes; where they come from ("з Волині") is part of the phrase, and so is a country or region after a body
    ("представники Фонду в Україні")."""
    start = skip_spaces(ctx.text, end)
    return word.lower() in cues()["audience_venue_prepositions"] and \
        any(p.start == start and not p.in_org_name and p.kind in VENUE_KINDS for p in ctx.places)


def adverb_of_next(ctx: Context, parses: list, end: int) -> bool:
    """Tell an adverb that qualifies the participle or adjective after it ("вновь избранных", "щойно обраних")."""
    if not any(p.tag.POS == "ADVB" for p in parses[:3]):  # "щойно" is a particle and a conjunction too
        return False
    nxt = TOKEN.match(ctx.text, end)
    return bool(nxt and nxt.group(2)) and morph.analyzer(ctx.lang).parse(nxt.group(2))[0].tag.POS in ("PRTF", "ADJF")


def phrase_end(ctx: Context, start: int) -> int:
    """Return where a phrase of people going on from `start` ends: at a verb, a clause word, a date or a stop."""
    text = ctx.text
    dates = {d.start for d in ctx.dates}
    end = pos = start
    for _ in range(cues()["audience"]["phrase_limit"]):
        coordinator = separator().match(text, pos)
        if coordinator and coordinator.group().strip():
            nxt = head_of(ctx, coordinator.end())
            if "," in coordinator.group() and nxt and nxt.kind is None and "gent" not in nxt.cases:
                break  # "усі охочі, інформацію ...": the list of people is over
            pos = coordinator.end()  # "а також", "та", a comma: the list goes on
            continue
        tok = TOKEN.match(text, pos)
        if not tok or tok.group(1) or tok.start(tok.lastindex) in dates:
            break
        if tok.group(3) == "/":
            pos = tok.end()  # "голови / заступники голів / представники ..."
            continue
        if tok.group(3):
            close = closing(text, tok.start(3))
            if close is None:
                break
            end = pos = close
            continue
        if is_stop(ctx, tok.group(2), tok.start(2)) or place_after(ctx, tok.group(2), tok.end()):
            break
        end = pos = tok.end()
        if text.startswith(". ", end) and len(tok.group(2)) <= 2 and tok.group(2).islower() \
                and capitalized(text, end + 2):
            end = pos = end + 1  # "у м. Чернігові": an abbreviation, not the end of the sentence
    return trim_end(ctx, start, end)


def trim_end(ctx: Context, start: int, end: int) -> int:
    """Drop trailing commas, coordinators, prepositions and adverbs ("за" of "за участю"): a phrase never ends on
    them."""
    analyzer = morph.analyzer(ctx.lang)
    while end > start:
        while end > start and ctx.text[end - 1] in " ,\t\u00a0":
            end -= 1
        last = list(WORD_TOKEN.finditer(ctx.text, max(start, end - windows().word_before), end))
        if len(last) > 1 and last[-1].end() == end \
                and analyzer.parse(last[-1].group())[0].tag.POS in ("PREP", "CONJ", "ADVB"):
            end = last[-1].start()
            continue
        return end
    return start


def subject_before(ctx: Context, pos: int, cases: set[str]) -> Found:
    """Return the plural people in one of `cases` that open the clause before a verb ("Старости ... завершили")."""
    text = ctx.text
    starts, cursor = [], ctx.window(pos)[0]
    while cursor < pos:  # the stretch of phrase words running up to the verb
        tok = TOKEN.match(text, cursor)
        if not tok or tok.end() > pos:
            break
        cursor = tok.end()
        if tok.group(3) and tok.group(3) != ",":
            close = closing(text, tok.start(3))
            if close is None or close > pos:
                starts = []
            else:
                cursor = close  # "(голови громад, ...)", «...»: part of the phrase
        elif tok.group(1) or (tok.group(2) and is_stop(ctx, tok.group(2), tok.start(2))):
            starts = []
        elif tok.group(2):
            starts.append(tok.start(2))
    for i, start in enumerate(starts):
        head = head_of(ctx, start)
        # "70 старост ...", "Понад сто старост ...": a count of up to three words before the head
        counted = any(count_end(ctx, s) == start for s in starts[max(0, i - 3):i])
        if head and head.kind and head.plural and (cases & head.cases or counted and "gent" in head.cases):
            return audience_phrases(ctx, start, trim_end(ctx, start, pos))
    return []


@per_article
def audience_phrases(ctx: Context, a: int, b: int, case: str | None = None) -> Found:
    """Split a phrase opening with people (in the cue's `case`) into groups in the nominative ("голів" -> "голови")."""
    a = count_end(ctx, a)
    b = min(b, phrase_end(ctx, a), other_case(ctx, a, b) if case == "gent" else b)
    current = head_of(ctx, a, case)
    if b <= a or current is None or current.kind is None:
        return []  # "для Києва", "для обміну досвідом": not people
    heads, cuts, joins = [current], [a], []
    enclosed = enclosed_spans(ctx.text, a, b)
    for m in separator().finditer(ctx.text, a, b):
        if any(s <= m.start() < e for s, e in enclosed):
            continue  # a comma inside «...» or (...) belongs to a name or an aside
        nxt = head_of(ctx, count_end(ctx, m.end()))
        if nxt is None or nxt.end > b or ends_on_adjective(ctx, m.start()):
            continue
        # "голови та заступники голів ОТГ": a bare head coordinated with another shares its complement
        bare = current.relational and current.end >= m.start() and "," not in m.group()
        if not bare and starts_group(current, nxt):
            cuts += [m.start(), count_end(ctx, m.end())]
            current = nxt
            heads.append(nxt)
        elif bare and starts_group(current, nxt) or \
                nxt.kind == "body" and not current.relational and nxt.cases & current.cases:
            joins.append(count_end(ctx, m.end()))  # "громад и органов", "старост та працівників": each nominative
    cuts.append(b)
    groups = []
    for head, s, e in zip(heads, cuts[::2], cuts[1::2]):
        phrase = ctx.text[s:e].strip(" ,")
        if len(phrase) > 2 and is_audience(head, phrase, ctx.lang):
            points = [s, *(p for p in joins if s < p < e), e]
            name = "".join(group_nominative(ctx.text[p:q], ctx.lang) for p, q in pairwise(points))
            groups.append((name.strip(" ,"), (s, e)))
    return groups


SUBJECT_CASES = ("nomn", "accs", "voct")  # a word read in no other case is a clause's subject or object


def other_case(ctx: Context, a: int, b: int) -> int:
    """Return where a noun that can only be a subject or object stands after the first word of a genitive group
    ("для посадових осіб ... викладачі інституту": the clause's subject, inverted), else `b`. Names and
    abbreviations in apposition ("м. Полтава", "ЦНАП") are left alone, and so are nouns in other cases
    ("керуючих справами", "за участю")."""
    analyzer = morph.analyzer(ctx.lang)
    for before, tok in pairwise(WORD_TOKEN.finditer(ctx.text, a, b)):
        word = tok.group()
        if not word[:1].islower():
            continue
        # a locative needs a preposition before it ("на місцях" belongs to the group; "викладачі" is no locative)
        cases = SUBJECT_CASES if any(p.tag.POS == "PREP" for p in analyzer.parse(before.group())[:2]) \
            else (*SUBJECT_CASES, "loct")
        parses = analyzer.parse(word)
        if parses and all(p.tag.POS == "NOUN" and p.tag.case in cases and "Fixd" not in p.tag.grammemes
                          for p in parses):
            return trim_end(ctx, a, tok.start())
    return b


def enclosed_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Return the spans of the quoted names and parentheses that open between `a` and `b`."""
    spans, pos = [], a
    while pos < b:
        opener = re.compile(r"[«“„\"(]").search(text, pos, b)
        if not opener:
            break
        close = closing(text, opener.start())
        if close is None:
            pos = opener.end()
            continue
        spans.append((opener.start(), close))
        pos = close
    return spans


def is_audience(head: Head, phrase: str, lang: str) -> bool:
    """Tell whether a group is an audience: not one person, not those who run the event, not just "учасники"."""
    if head.kind == "person" and not head.plural or head.lemmas & set(cues()["audience_roles"]):
        return False
    first = WORD_TOKEN.findall(phrase)[:2]
    lemma = morph.lemma(first[0], lang)
    if lemma not in cues()["audience_generic"]:
        return True  # "посадові особи", "іноземні учасники"
    after = first[1] if len(first) > 1 else ""
    origin = after.lower() in cues()["origin_markers"] and lemma not in cues()["head_count_nouns"]
    return bool(after) and (after[0] in OPENING_QUOTES or after[0].isupper() or origin)  # "участники «Школы мэров»",
    # "слушатели Школы", "учасники з Польщі" (not "80 человек из разных регионов": a count, not a group)


def starts_group(current: Head, nxt: Head) -> bool:
    """Tell whether the noun after a separator heads a new group rather than continuing the current one.

    A new group names people (or a crowd of them: "депутатського корпусу") in a case the current head
    can take. A body ("громад") after a head that takes a genitive complement ("представники ...")
    is that complement, and bodies in a row ("органами самоврядування, адміністраціями") are one group.
    """
    if nxt.kind is None or not nxt.cases & current.cases:
        return False
    return nxt.kind in ("person", "crowd") or current.kind in ("person", "crowd") and not current.relational


def ends_on_adjective(ctx: Context, pos: int) -> bool:
    """Tell whether the word before `pos` is an adjective awaiting its noun ("волонтерських та громадських ...")."""
    words_before = WORD_TOKEN.findall(ctx.text, max(0, pos - windows().word_before), pos)
    if not words_before:
        return False
    parses = morph.analyzer(ctx.lang).parse(words_before[-1])[:4]
    if any(p.tag.POS == "NOUN" or p.normal_form in cues()["people_groups"] for p in parses):
        return False  # a noun, or an adjective standing for people ("службовці", "служащие")
    return any(p.tag.POS in ("ADJF", "PRTF") for p in parses)


@per_article
def head_of(ctx: Context, pos: int, case: str | None = None) -> Head | None:
    """Return the head noun of the group at `pos` past its adjectives, read in `case` where it can be ("для дитини")."""
    analyzer = morph.analyzer(ctx.lang)
    groups, relational = set(cues()["people_groups"]), set(cues()["relational_heads"])
    coordinators = set(cues()["coordinators"])
    adjective = False
    for _ in range(6):
        tok = TOKEN.match(ctx.text, pos)
        if tok and tok.group(3) == "," and adjective:
            pos = tok.end()  # coordinated adjectives: "сільських, селищних та міських голів"
            continue
        if not tok or not tok.group(2):
            return None
        word = tok.group(2)
        if word.lower() in coordinators:
            pos = tok.end()
            continue
        parses = analyzer.parse(word)
        if adverb_of_next(ctx, parses, tok.end()):
            pos = tok.end()  # "вновь избранных глав", "щойно обраних депутатів"
            continue
        standing = [p for p in parses if p.tag.POS in ("ADJF", "PRTF") and p.normal_form in groups]
        nouns = standing or [p for p in parses if p.tag.POS == "NOUN"]  # "служащие края": the adjective is the head
        adjective = not standing and any(p.tag.POS in ADJECTIVE_POS for p in parses)
        following = TOKEN.match(ctx.text, tok.end())
        attributive = adjective and following and following.group(2) and agrees_next(ctx, parses, following.group(2))
        if nouns and not attributive:
            nouns = [p for p in nouns if case_of(p) == case] or nouns
            lemmas = {p.normal_form for p in nouns}
            if any(is_person(p) or p.tag.POS != "NOUN" for p in nouns):  # "депутати", "керуючі справами"
                kind = "person"
            elif lemmas & set(cues()["people_crowds"]):
                kind = "crowd"
            elif lemmas & groups or word.lower() in groups:
                kind = "body"
            else:
                kind = None
            return Head(tok.end(), frozenset(case_of(p) for p in nouns), kind,
                        bool(lemmas & relational), plural(nouns, kind), frozenset(lemmas))
        if not adjective:
            return None
        pos = tok.end()
    return None


def plural(nouns: list, kind: str | None) -> bool:
    """Tell whether a head may be plural; an indeclinable word for a person ("аташе") is taken as one person."""
    return any("plur" in p.tag.grammemes and not (kind == "person" and "Fixd" in p.tag.grammemes) for p in nouns)


def agrees_next(ctx: Context, parses: list, word: str) -> bool:
    """Tell whether an adjective parse agrees in case and number with a noun parse of the next word."""
    after = morph.analyzer(ctx.lang).parse(word)
    if after[0].tag.POS not in ("NOUN", "ADJF", "PRTF"):
        return False  # "служащие и ...": a conjunction, not a noun spelled like one
    return any(a.tag.POS in ADJECTIVE_POS and n.tag.POS in ("NOUN", "ADJF", "PRTF")
               and case_of(a) == case_of(n) and ("plur" in a.tag.grammemes) == ("plur" in n.tag.grammemes)
               for a in parses for n in after)


def names_people(phrase: str, lang: str) -> bool:
    """Tell whether a phrase's head noun denotes people or a body of people ("депутати", "органи")."""
    analyzer = morph.analyzer(lang)
    groups = set(cues()["people_groups"])
    for token in WORD_TOKEN.findall(phrase)[:5]:
        if token.isupper() and len(token) > 1:
            return token.lower() in groups  # an abbreviation: ОТГ, ВПО
        parses = analyzer.parse(token)
        if any(p.normal_form in groups for p in parses):
            return True
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        if nouns:
            return any(is_person(p) for p in nouns)
        if not any(p.tag.POS in ADJECTIVE_POS for p in parses):
            return False
    return False


def case_of(parse) -> str:
    """Return a parse's case; the Ukrainian dictionary leaves some nominatives unmarked ("директор")."""
    return parse.tag.case or "nomn"


def is_person(parse) -> bool:
    """Tell whether a noun parse denotes a kind of person (animate, not a proper name)."""
    return "anim" in parse.tag.grammemes and not {"Name", "Surn", "Patr", "Geox"} & parse.tag.grammemes


def group_nominative(phrase: str, lang: str) -> str:
    """Put a group's leading adjectives and head noun into the nominative, keeping a plural plural."""
    analyzer = morph.analyzer(lang)
    groups, coordinators = set(cues()["people_groups"]), set(cues()["coordinators"])
    tokens = [t for t in list(WORD_TOKEN.finditer(phrase))[:8] if t.group().lower() not in coordinators]
    parses = [analyzer.parse(t.group()) for t in tokens]
    best, best_key = None, None
    for k, options in enumerate(parses):
        for head in options:
            if head.tag.POS != "NOUN" and head.normal_form not in groups:
                continue
            chosen = [next((a for a in parses[i] if agree(a, head) or a.tag.POS == "ADVB"), None) for i in range(k)]
            if None in chosen:
                continue
            # a word for people used as a noun heads the group before the things after it, which it would agree
            # with as an adjective: in "служащих поселений" the settlements are whose servants
            substantive = head.tag.POS != "NOUN" and "anim" in head.tag.grammemes
            key = (not substantive, -k, "plur" not in head.tag.grammemes, "anim" not in head.tag.grammemes)
            if best_key is None or key < best_key:
                best, best_key = [*chosen, head], key
        if not any(p.tag.POS in ("ADJF", "PRTF", "NPRO", "ADVB") for p in options):
            break
    if best is None:
        return phrase
    out, pos = [], 0
    for tok, parse in zip(tokens, best):
        fixed = tok.group().lower() in cues()["audience_fixed_words"]  # "их заместителей" -> "их заместители"
        form = parse.inflect({"nomn"}) if case_of(parse) != "nomn" and not fixed and parse.tag.POS != "ADVB" else None
        word = form.word if form else tok.group()
        out.append(phrase[pos:tok.start()] + morph.match_case(word, tok.group()))
        pos = tok.end()
    return "".join(out) + phrase[pos:]


def agree(adjective, noun) -> bool:
    """Tell whether an adjective (or pronoun) parse agrees with a noun parse in case and number."""
    a, n = adjective.tag, noun.tag
    if a.POS not in ("ADJF", "PRTF", "NPRO") or case_of(adjective) != case_of(noun) \
            or ("plur" in a.grammemes) != ("plur" in n.grammemes):
        return False
    return "plur" in n.grammemes or n.gender is None or a.gender is None or a.gender == n.gender


def head_count_near(ctx: Context, trig: Trigger, lo: int, hi: int) -> tuple[int | None, tuple[int, int] | None]:
    """Return an event's head count and its span: in [lo, hi) (its scope and the next sentence), else a little
    further, else an exact one near a later mention of its type: so far from the event word an approximate figure
    ("понад 200") tells of a region or series more often than of the event."""
    later = (ctx.window(t.start, *cues()["audience"]["count_mention_window"]) for t in ctx.triggers
             if t.start > trig.start and t.event_type == trig.event_type and not plural_mention(t.text, ctx.lang))
    near = ((lo, hi), ctx.window(trig.start, *cues()["audience"]["count_near_window"]))
    for k, span in enumerate(chain(near, later)):
        count, found = participants_for(ctx, *span)
        if count is not None and (k < len(near) or not approximate(ctx, found[0])):
            return count, found
    return None, None


def plural_mention(mention: str, lang: str) -> bool:
    """Tell whether an event word is plural: "тренінги пройшли 400 посадовців" counts a series, not this event."""
    nouns = [p for p in morph.analyzer(lang).parse(WORD_TOKEN.match(mention).group()) if p.tag.POS == "NOUN"]
    return bool(nouns) and all("plur" in p.tag.grammemes for p in nouns)


def approximate(ctx: Context, pos: int) -> bool:
    """Tell whether a word of quantity ("понад", "около") comes right before the number at `pos`."""
    before = WORD_TOKEN.findall(ctx.text, max(0, pos - windows().word_before), pos)
    return bool(before) and before[-1].lower() in cues()["quantity_words"]


@per_article
def participants_for(ctx: Context, lo: int, hi: int) -> tuple[int | None, tuple[int, int] | None]:
    """Return a number stated before people ("понад 50 учасників", "7,5 тисяч глав"), not things ("12 громад")."""
    text, after = ctx.text, lo
    for tok in WORD_TOKEN.finditer(text, lo, hi):
        if tok.start() < after or tok.end() < hi and not may_start_number(tok.group(), ctx.lang):
            continue  # most words are no number: asking count_at of each cost a third of this function
        count, after = count_at(ctx, tok.start())
        if count is None or not 1 < count < 100_000:
            continue
        noun = participant_nouns(ctx.lang).match(text, after)
        start, end = tok.start(), noun.end() if noun else None
        head = None if noun else head_of(ctx, after)
        if head and head.kind == "person" and head.plural and counts_people(ctx, after, head.end) \
                and not head.lemmas & not_participants():
            end = head.end
        before = None if end else noun_before_count(ctx.lang).search(text, max(lo, start - windows().word_before),
                                                                     start)
        if before:
            start, end, after = before.start(), tok.end(), before.start()
        if end is not None and counts_everyone(ctx, after, end) and counts_this_event(ctx, tok.start()):
            return count, (start, end)
    return None, None


def counts_everyone(ctx: Context, start: int, end: int) -> bool:
    """Tell whether the people counted are all who came: a group named, then others "а також" ("понад 500 голів
    громад, а також іноземні гості"), is one part; a word for anyone ("150 человек: главы ..., а также ...") is all.
    """
    word = WORD_TOKEN.match(ctx.text, start)
    if word and morph.lemma(word.group(), ctx.lang) in cues()["audience_generic"]:
        return True
    return not cue_pattern("count_more_cues").search(ctx.text, end, ctx.window(start)[1])


def counts_this_event(ctx: Context, pos: int) -> bool:
    """Tell whether a count at `pos` may be the event's head count: not in a sentence of a plan or of other times, nor
    after words that make it a part of those who came, residents, sign-ups or a running total (see event_cues.toml).

    The tense of the verb nearest the count tells a plan too ("візьмуть участь 300", "пройдут обучение 180").
    """
    lo, hi = ctx.window(pos)
    sentence = ctx.text[lo:hi]
    if cue_pattern("count_plan_cues").search(sentence) or cue_pattern("count_other_time_cues").search(sentence):
        return False
    if cue_pattern("count_lead_cues").search(ctx.text, max(lo, pos - windows().cue_before), pos):
        return False
    return dates_stage.verb_tense(sentence, ctx.lang, pos - lo) != "announced"


@cache
def not_participants() -> frozenset[str]:
    """Return the lemmas of people who are counted but take no part as its audience: trainers, reporters, residents."""
    return frozenset(cues()["audience_roles"] + cues()["audience_outsiders"] + cues()["residents"])


def counts_people(ctx: Context, start: int, end: int) -> bool:
    """Tell whether the head noun ending at `end` names people in its likeliest reading ("глав", not "метров")."""
    word = list(WORD_TOKEN.finditer(ctx.text, start, end))[-1]
    noun = participant_nouns(ctx.lang).match(ctx.text, word.start())
    return bool(noun and noun.end() == end) or is_person(morph.analyzer(ctx.lang).parse(word.group())[0])


def participant_nouns(lang: str) -> re.Pattern:
    """Return every form of the nouns that count people ("70 старост", "понад 50 учасників")."""
    return lemma_pattern("participant_nouns", lang, r"(?!\w)")


@cache
def number_words() -> dict[str, int]:
    """Return the value of each numeral lemma ("сімдесят": 70)."""
    return {word: value for word, value in cues()["number_words"]}


@per_article
def count_at(ctx: Context, pos: int) -> tuple[int | None, int]:
    """Return the number written at `pos` (digits, maybe in thousands, or words) and where the counted noun starts."""
    text = ctx.text
    m = head_count().match(text, pos) if text[pos:pos + 1].isdigit() else None  # digits start where they are read
    if m and m.start(1) == pos:
        number = float(m.group(1).replace(",", ".").replace(" ", "").replace("\u00a0", ""))
        if number >= 1e9:  # no head count runs to a billion (an "inf" would not convert): a code, not people
            return None, m.end()
        if m.group(2) or number == int(number):
            return int(number * 1000) if m.group(2) else int(number), m.end()
        return None, m.end()
    total, end = 0, pos
    for tok in WORD_TOKEN.finditer(text, pos, min(len(text), pos + windows().number_in_words)):
        if text[end:tok.start()].strip():
            break  # "сорок п'ять учасників": words joined only by spaces
        round_number = number_noun(tok.group(), ctx.lang)
        if round_number is not None and (total or not round_number.many or approximate(ctx, tok.start())):
            # "дві тисячі", "понад тисячу", "близько сотні"; a bare "тисячі" may be "thousands", no head count
            total, end = (total or 1) * round_number.value, tok.end()
            continue
        value = numeral_value(tok.group(), ctx.lang)
        if value is None:
            break
        total, end = total + value, tok.end()
    whole = total == int(total)  # "півтора" alone counts no one
    return (int(total) if whole else None) or None, skip_spaces(text, end)


def may_start_number(word: str, lang: str) -> bool:
    """Tell whether count_at may read a number from this word: digits, a numeral or a noun of a round number ("тисяча",
    "сотня"; a word cut by its window's end is asked of count_at all the same)."""
    return word[:1].isdigit() or number_noun(word, lang) is not None or numeral_value(word, lang) is not None


class RoundNumber(NamedTuple):
    """A noun of a round number: its value, and whether its form may be a plural meaning "many" ("тисячі")."""

    value: int
    many: bool


@lru_cache(maxsize=50_000)
def number_noun(word: str, lang: str) -> RoundNumber | None:
    """Return the value of a noun of a round number ("сотні": 100) and whether the form may be a plural that means
    "many" ("тисячі": "thousands" or "of a thousand"; not "тисячу", "півсотні"); None for any other word."""
    values = dict(cues()["number_nouns"])
    parses = [p for p in morph.analyzer(lang).parse(word.lower()) if p.normal_form in values]
    if not parses:
        return None
    many = any("plur" in p.tag.grammemes and p.normal_form in cues()["plural_number_nouns"] for p in parses)
    return RoundNumber(values[parses[0].normal_form], many)


@lru_cache(maxsize=50_000)
def numeral_value(word: str, lang: str) -> float | None:
    """Return the value of a numeral ("сорок": 40), else None; cached: every word of a window is asked, twice."""
    parses = morph.analyzer(lang).parse(fold_apostrophes(word.lower()))
    return next((number_words()[p.normal_form] for p in parses if p.tag.POS == "NUMR"
                 and "Coll" not in p.tag.grammemes and p.normal_form in number_words()), None)
