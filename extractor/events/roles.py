"""Organizers and partners: names around role cues, host institutions, and known organizations by their kind.

A role cue governs the names next to it: "організовано Асоціацією" and "спільно з Проєктом" name
organizers after the cue, "Асоціація провела" before an active verb, "за підтримки Фонду" partners.
A relative clause ("проєкт X, який реалізує Y") gives its names the role of the name it describes.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from extractor import morph, ner
from extractor.events.context import Context
from extractor.events.cues import alternation, cue_pattern, cues, on_credit_line, windows, words
from extractor.events.detect import Trigger, event_word_end
from extractor.events.phrases import WORD_TOKEN, closing, folded, name_separator, names_end, quote_around
from extractor.lexicon import load_csv
from extractor.text import HYPHENATED_WORD

Named = tuple[str, tuple[int, int]]  # a name in the nominative and the span it was read from

ORGANIZERS, PARTNERS = "organizers", "partners"
CLAUSE_END = re.compile(r"[.;:!?\n]|,\s")
ACRONYM = re.compile(r"[A-ZА-ЯІЇЄҐЁ]{2,}[A-ZА-ЯІЇЄҐЁa-zа-яіїєґё0-9-]*")
LATIN = re.compile(r"[A-Za-z]")


# --- cues ----------------------------------------------------------------------------------------


@cache
def role_cues(lang: str) -> re.Pattern:
    """Return one pattern of every role cue of a language; the group that matched names its kind.

    org: names after it (passives, "спільно з"), or the passive agent before it;
    noun: "організатор": names after it, past its event word and a copula or dash;
    subj: an active verb, its subject before it (or right after it, inverted);
    pnoun: "партнери": partners after it, read like an organizer noun;
    part: funders, supporters and programmes after it.
    """
    verbs = verb_forms(lang)

    def group(name: str, forms: tuple[str, ...] = ()) -> str:
        return alternation(cues().get(name, ()), forms)
    return re.compile(r"(?<!\w)(?:(?P<subj>" + group("organizer_subject_cues", verbs["subj"]) + r")|(?P<noun>"
                      + group("organizer_noun_cues") + r")|(?P<org>" + group("organizer_cues", verbs["org"])
                      + r")|(?P<pnoun>" + group("partner_noun_cues") + r")|(?P<part>"
                      + group("partner_cues") + r"))(?!\w)", re.IGNORECASE)


@cache
def verb_forms(lang: str) -> dict[str, tuple[str, ...]]:
    """Return every form of the organizer verbs (event_cues.toml: organizer_verbs) by the frame its grammar gives."""
    found: dict[str, set[str]] = {"subj": set(), "org": set()}
    for lemma in cues()["organizer_verbs"][lang]:
        for form in morph.lexeme(lemma, lang):
            frame = verb_frame(form, lemma)
            if frame:
                found[frame] |= {form.word, form.word.replace("ё", "е")}
    return {frame: tuple(sorted(forms)) for frame, forms in found.items()}


def verb_frame(form, lemma: str) -> str | None:
    """Return the frame of one verb form: "subj" for a finite active one ("провела", "организуют"), "org" for a
    passive or reflexive one ("організованій", "проведено", "здійснюється", "организован"), else None."""
    tag = form.tag
    if tag.POS in ("INFN", "GRND", "COMP") or {"impr", "infn"} & tag.grammemes or \
            (tag.POS == "VERB" and form.word == lemma):
        return None  # an infinitive, an order or a gerund names no one who runs the event
    if {"pssv", "Impe"} & tag.grammemes:
        return "org"
    if tag.POS != "VERB":
        return None
    if lemma.endswith(("ся", "сь")):
        return "org"
    return "subj" if {"past", "3per"} & tag.grammemes else None


@cache
def relative_clause() -> re.Pattern:
    """A relative word opening a clause about the name before it ("проєкт X, який реалізує ...")."""
    return re.compile(r"\s*[,(]?\s*(?:" + words("relative_words") + r")(?:\s+[\w'’-]+){0,2}\s*$", re.IGNORECASE)


@cache
def copula() -> re.Pattern:
    """Words between an organizer noun and the name ("Організаторами форуму стали ...")."""
    return re.compile(r"(?:\s*(?:" + "|".join(cues()["organizer_copulas"]) + r")(?!\w))?[\s:–—*-]*", re.IGNORECASE)


@cache
def copula_before() -> re.Pattern:
    """A copula right before an organizer noun: the name before it holds the role ("Фонд став партнером")."""
    return re.compile(r"(?<!\w)(?:" + "|".join(cues()["organizer_copulas"]) + r")\s+$", re.IGNORECASE)


@cache
def affiliation() -> re.Pattern:
    """A person noun before an organization: the organization is where people come from, not a role."""
    return re.compile(r"(?<!\w)(?:" + "|".join(cues()["affiliation_nouns"])
                      + r")(?:\s+[\w'’-]+){0,3}(?:\s+«[^«»]*»)?\s*\(?$", re.IGNORECASE)


@cache
def person_head() -> re.Pattern:
    """A person noun opening a phrase ("Главами муниципалитетов"): people, not an organization."""
    return re.compile(r"(?:" + "|".join(cues()["affiliation_nouns"]) + r")(?!\w)", re.IGNORECASE)


@cache
def host_marker() -> re.Pattern:
    """A preposition before a place that may be an institution hosting the event ("у Центрі ...")."""
    return re.compile(r"(?<!\w)(?:" + words("host_markers") + r")\s+(?=[«\"A-ZА-ЯІЇЄҐЁ])", re.IGNORECASE)


# --- names ---------------------------------------------------------------------------------------


def name_end(ctx: Context, start: int, hi: int) -> int:
    """Return where a coordinated list of organization names starting at `start` ends (before `hi`).

    Quoted parts in any quotes are taken whole, and a date ends the name ("Центром ... 25 вересня").
    """
    text = ctx.text
    end = start
    while end < hi:
        pos = end + len(text[end:hi]) - len(text[end:hi].lstrip(" "))
        if pos >= hi or (pos > start and role_cues(ctx.lang).match(text, pos)):
            break  # "... академии при поддержке ...": the next name has another role
        close = closing(text, pos)
        nxt = close if close else names_end(ctx, end)
        if nxt < hi and text[nxt] == "." and text[:nxt].rsplit(" ", 1)[-1] in cues()["name_abbreviations"]:
            nxt += 1  # "Фонд ... ім. Єжи Регульського": the name goes on past the abbreviation
        if nxt <= end:
            break
        end = nxt
    end = min(end, hi)
    inner = next((m for m in role_cues(ctx.lang).finditer(text, start + 1, end) if not quote_around(text, *m.span())), None)
    if inner:
        end = inner.start()  # "Центрами ... у співпраці з Асоціацією": the cue starts another name
    if text.count("«", start, end) > text.count("»", start, end):  # «Асоціація "Відродження і розвиток"»
        close = text.find("»", end, min(hi, end + windows().open_quote_close))
        end = close + 1 if close >= 0 and "\n" not in text[end:close] else end
    for d in ctx.dates:
        if start < d.start < end:
            end = d.start
    while end > start:
        end = len(text[:end].rstrip(" ,–—-("))
        last = text[:end].rsplit(" ", 1)[-1]
        if not (0 < len(last) <= 2 and last.islower() and end - len(last) > start):
            break
        end -= len(last)  # "Асоціацією міст з метою": a preposition left before a stop word
    return end


def split_org_names(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """Split "A, B та C" into names; a coordinator before a lower-case word joins one name's parts,
    unless adjectives lead to a capital ("Асоціацією ... та регіональними Центрами ...")."""
    text, spans, cursor, depth, i = ctx.text, [], start, 0, start
    while i < end:
        ch = text[i]
        if ch in "«“„(":
            depth += 1
        elif ch in "»”)" and depth:
            depth -= 1
        elif depth == 0:
            m = name_separator().match(text, i)
            if m and m.end() < end and (starts_name(text, m.end()) or adjectives_then_name(ctx, m.end())
                                        or described_body(ctx, m.end()) and not after_adjective(ctx, i)):
                spans.append((cursor, i))
                cursor = i = m.end()
                continue
        i += 1
    spans.append((cursor, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def after_adjective(ctx: Context, pos: int) -> bool:
    """Tell whether the word before `pos` is an adjective: "державного та муниципального управления" is one name."""
    before = WORD_TOKEN.findall(ctx.text, max(0, pos - windows().word_before), pos)
    return bool(before) and before[-1][:1].islower() and \
        morph.analyzer(ctx.lang).parse(before[-1])[0].tag.POS in ("ADJF", "PRTF")


def starts_name(text: str, pos: int) -> bool:
    """Tell whether a name starts at `pos`: a capital, a quote, or lower-case words with a head and a name.

    "уряду Швеції", "шведсько-український проєкт PROSTO", "проекта «...»" start names;
    "програми у форматі вебінару" does not.
    """
    if pos >= len(text):
        return False
    if text[pos].isupper() or text[pos] in "«\"“„":
        return True
    tokens = list(HYPHENATED_WORD.finditer(text, pos, min(len(text), pos + windows().name_start)))
    heads = tuple(cues()["lowercase_name_heads"])
    for i, tok in enumerate(tokens[:3]):
        if tok.start() != (tokens[i - 1].end() + 1 if i else pos) or not tok.group()[0].islower():
            return False
        if tok.group().startswith(heads):
            return bool(NAME_AFTER_HEAD.match(text, tok.end()))
        if not ADJECTIVE_ENDING.search(tok.group()):
            return False  # only adjectives go before the head: "шведсько-український проєкт"
    return False


ADJECTIVE_ENDING = re.compile(r"(?:[иіыо]й|[аяеє]|[иы]х|[іи]х|[ои]го|[ои]му|[иы]ми?|[ео]ї|ій|[уою]ю|ей|ое|ые|ая)$")
LOWER_WORDS_THEN_CAPITAL = re.compile(r"((?:[a-zа-яіїєґё'’-]+\s+){1,2})[A-ZА-ЯІЇЄҐЁ]")
NAME_AFTER_HEAD = re.compile(r"\s+(?:[a-zа-яіїєґё'’-]+\s+)?[«\"“„A-ZА-ЯІЇЄҐЁ]")  # "проєкту USAID", "уряду Швеції"


def adjectives_then_name(ctx: Context, pos: int) -> bool:
    """Tell whether one or two lower-case adjectives and a capital start a name ("регіональними Центрами")."""
    m = LOWER_WORDS_THEN_CAPITAL.match(ctx.text, pos)
    analyzer = morph.analyzer(ctx.lang)
    return bool(m) and all(analyzer.parse(w)[0].tag.POS in ("ADJF", "PRTF") for w in m.group(1).split())


def nominative(phrase: str, lang: str) -> str:
    """Put a name in the nominative, leaving acronyms, Latin and quoted names as written.

    "ВШГУ Президентской академии" stays; "Асоціацією міст" -> "Асоціація міст".
    """
    first = phrase.split(" ", 1)[0]
    if ACRONYM.fullmatch(first.strip("«»\"()")) or LATIN.match(first) or first[:1] in "«\"“„":
        return phrase
    return morph.nominative(phrase, lang)


def names_in(ctx: Context, start: int, end: int) -> list[Named]:
    """Return the names of a coordinated span, each in the nominative."""
    found = []
    for s, e in split_org_names(ctx, start, end):
        segment = ctx.text[s:e]
        s += len(segment) - len(segment.lstrip(" ,–—-"))
        raw = segment.strip(" ,–—-")
        if len(raw) <= 2 or event_word_end(raw, 0, ctx.lang) or person_head().match(raw) or bare_head(raw, ctx.lang) \
                or not (starts_name(raw, 0) or adjectives_then_name(ctx, s) or described_body(ctx, s)) \
                or is_place(ctx, s, s + len(raw)):
            continue
        found.append((nominative(raw, ctx.lang), (s, s + len(raw))))
    return found


def is_place(ctx: Context, start: int, end: int) -> bool:
    """Tell whether a span is just a place ("в межах України"), not an organization named after one."""
    if any(ACRONYM.fullmatch(w) for w in ctx.text[start:end].split()):
        return False  # "Одеська ОДА": an acronym names a body
    return any(p.start <= start and end <= p.end + 1 for p in ctx.places) and head_noun(ctx, start, None) is None


def name_start_after(ctx: Context, pos: int, hi: int, noun: bool = False) -> int | None:
    """Return where the name after a cue starts, past an event word and a copula ("Організатор форуму – ...").

    After an organizer noun (`noun`), a lower-case word right after it is what is organized, not who.
    """
    text = ctx.text
    cue_end, pos = pos, copula().match(text, pos).end()
    if noun and pos == cue_end + 1 and pos < hi and text[pos].islower() and not event_word_at(text, pos, ctx.lang):
        return None
    person = person_head().match(text, pos) if pos < hi and text[pos].islower() else None
    if person and person.end() + 1 < hi and text[person.end()] == " " and starts_name(text, person.end() + 1) \
            and not text[person.end() + 1].islower():
        pos = person.end() + 1  # "при содействии консультантов Офиса реформ": the office acts through its people
    event_end = event_word_at(text, pos, ctx.lang) if pos < hi else None
    if event_end:
        after = copula().match(text, event_end).end()
        if after < hi and text[after] in "«\"“„" and after == event_end + 1:
            return None  # "організатори програми «Школа мерів»": the event's own name follows
        pos = after
    return pos if pos < hi and (starts_name(text, pos) or described_body(ctx, pos)) else None


def event_word_at(text: str, pos: int, lang: str) -> int | None:
    """Return where the event word at `pos` ends; in lower case the head of a programme's name counts too
    ("Організаторами заходу виступили ...", "організатори школи – ...")."""
    return event_word_end(text, pos, lang, named=text[pos:pos + 1].islower())


def described_body(ctx: Context, pos: int) -> bool:
    """Tell whether a body described in lower case starts at `pos`: adjectives and a body head, or a body head
    and its complement ("обласної державної адміністрації", "комітету з питань освіти", "союзом MitOst")."""
    tokens = list(WORD_TOKEN.finditer(ctx.text, pos, min(len(ctx.text), pos + windows().name_start)))[:5]
    if not tokens or not tokens[0].group()[:1].islower():
        return False
    analyzer = morph.analyzer(ctx.lang)
    for i, tok in enumerate(tokens):
        parses = analyzer.parse(tok.group())
        if any(p.tag.POS == "NOUN" and p.normal_form in body_heads() for p in parses):
            following = tokens[i + 1].group() if i + 1 < len(tokens) and \
                not ctx.text[tok.end():tokens[i + 1].start()].strip() else ""
            return i > 0 or bool(following) and complement(analyzer, following)
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses):
            return False
    return False


def complement(analyzer, word: str) -> bool:
    """Tell whether a word can start a head's complement: a genitive, a preposition, a capital, a quote or Latin."""
    return not word[:1].islower() or LATIN.match(word) is not None or \
        any(p.tag.case == "gent" or p.tag.POS == "PREP" for p in analyzer.parse(word))


@cache
def body_heads() -> frozenset[str]:
    """Return the lemmas that head a body described in lower case."""
    return frozenset(cues()["body_heads"])


def bare_head(name: str, lang: str) -> bool:
    """Tell whether a name is one head word that names no one ("Проект", "Асоціації")."""
    words = WORD_TOKEN.findall(name)
    heads = body_heads() | frozenset(cues()["programme_heads"])
    return len(words) == 1 and not ACRONYM.fullmatch(words[0]) and morph.lemma(words[0], lang) in heads


def names_after(ctx: Context, pos: int, hi: int, case: str | None = None,
                noun: bool = False) -> tuple[list[Named], int]:
    """Return the names right after `pos` (in `case` when given) and where they end."""
    start = name_start_after(ctx, pos, hi, noun)
    if case and start is not None and person_head().match(ctx.text, copula().match(ctx.text, pos).end()):
        case = "gent"  # "провели фахівці Центру ...": the body its people come from
    if start is None or (case and not name_in_case(ctx, start, case)):
        return [], pos
    end = name_end(ctx, start, hi)
    return names_in(ctx, start, end), end


# --- heads and cases -----------------------------------------------------------------------------


@cache
def organization_heads() -> frozenset[str]:
    """Return the lemmas that head an organization's name (organizer_heads and host_heads)."""
    return frozenset(cues()["organizer_heads"]) | frozenset(cues()["host_heads"])


def name_in_case(ctx: Context, start: int, case: str) -> bool:
    """Tell whether the name at `start` reads as an organization in `case` (acronyms, Latin, quotes do)."""
    tok = WORD_TOKEN.match(ctx.text, start)
    if tok is None:
        return False
    word = tok.group()
    if word in "«\"“„" or ACRONYM.fullmatch(word) or LATIN.match(word):
        return True
    return head_noun(ctx, start, case) is not None


def head_noun(ctx: Context, start: int, case: str | None) -> str | None:
    """Return the lemma of the organization noun heading the phrase at `start` (adjectives before it)."""
    analyzer = morph.analyzer(ctx.lang)
    for tok in list(WORD_TOKEN.finditer(ctx.text, start, min(len(ctx.text), start + windows().name_head)))[:4]:
        parses = analyzer.parse(tok.group())
        adjective = any(p.tag.POS in ("ADJF", "PRTF") for p in parses)
        if parses[0].tag.POS in ("ADJF", "PRTF") or adjective and all(PROPER & p.tag.grammemes for p in parses
                                                                         if p.tag.POS == "NOUN"):
            continue  # "Донецька", "громадська" are rather adjectives than a rare noun form or a surname
        nouns = [p for p in parses if p.tag.POS == "NOUN" and (case is None or p.tag.case == case)]
        if nouns:  # any reading will do: "ради" is "рад" (nominative) or "рада" (genitive)
            return next((p.normal_form for p in nouns if p.normal_form in organization_heads()), None)
        if not adjective:
            return None
    return None


PROPER = {"Name", "Surn", "Patr"}


def attaches(analyzer, word: str, following: str) -> bool:
    """Tell whether a word makes the next one part of its phrase: a preposition, or a lower-case noun
    or adjective before a genitive ("заместитель министра юстиции РТ"), an acronym or a quote."""
    tag = analyzer.parse(word)[0].tag
    if tag.POS == "PREP":
        return True
    if not (word[:1].islower() and tag.POS in ("NOUN", "ADJF", "PRTF")):
        return False
    return not following[:1].isalpha() or ACRONYM.fullmatch(following) is not None or LATIN.match(following) \
        is not None or any(p.tag.case == "gent" for p in analyzer.parse(following))


def clause_start(text: str, lo: int, pos: int) -> int:
    """Return where the clause holding `pos` starts: after the last comma, colon or sentence end."""
    starts = [m.end() for m in CLAUSE_END.finditer(text, max(lo, pos - windows().clause), pos)]
    return starts[-1] if starts else max(lo, pos - windows().clause)


def name_before(ctx: Context, lo: int, pos: int, case: str) -> list[Named]:
    """Return the organization named in `case` in the clause before `pos` ("Асоціація міст провела")."""
    text = ctx.text
    analyzer = morph.analyzer(ctx.lang)
    previous = None
    for tok in WORD_TOKEN.finditer(text, clause_start(text, lo, pos), pos):
        attached = previous is not None and (attaches(analyzer, previous, tok.group())
                                             or tok.group() in "«\"“„")  # a quote after a word names that word
        previous = tok.group()
        if quote_around(text, tok.start(), tok.end()) and tok.group() not in "«\"“„":
            continue  # inside a quoted name: part of the name before it
        if attached or not starts_name(text, tok.start()) or not name_in_case(ctx, tok.start(), case):
            continue
        end = name_end(ctx, tok.start(), pos)
        between = text[end:pos]
        if not role_cues(ctx.lang).search(between) and (re.search(r"[A-ZА-ЯІЇЄҐЁ«\"]", between) or len(between.split()) > 3):
            end = len(text[:pos].rstrip(" ,–—-"))  # "Інститутом – IRN Ukraine проведено": the name runs to the cue
            if len(text[tok.start():end].split()) > 12:
                continue
        return names_in(ctx, tok.start(), end)
    return []


# --- roles from cues -----------------------------------------------------------------------------


def roles(ctx: Context, lo: int, hi: int) -> dict[str, list[Named]]:
    """Return organizers and partners named around role cues in [lo, hi), each name once."""
    found: dict[str, list[Named]] = {ORGANIZERS: [], PARTNERS: []}
    last_role, last_end = None, -1
    for m in role_cues(ctx.lang).finditer(ctx.text, lo, hi):
        if m.start() < last_end:
            continue  # a cue word inside a name already read
        kind = m.lastgroup
        role = PARTNERS if kind in ("part", "pnoun") else ORGANIZERS
        about_name = bool(last_role and relative_clause().match(ctx.text[last_end:m.start()]))
        if role == ORGANIZERS and about_name:
            # "в рамках проєкту X, який реалізує Y": Y runs the event unless someone else was named
            # as its organizer; then Y only runs the project, a partner of the event.
            role = PARTNERS if last_role == PARTNERS and found[ORGANIZERS] else ORGANIZERS
        if kind == "subj" and not about_name and about_other_thing(ctx, lo, m.start()):
            continue  # "реформи, які ініціює Президент": who does something else
        if kind == "part" and programme_after_organizer_cue(ctx, lo, m):
            role = ORGANIZERS  # "організовано в рамках Проєкту X": the project runs it
        if kind == "subj":
            names, end = name_before(ctx, lo, m.start(), "nomn"), m.end()
            if not names:
                names, end = names_after(ctx, m.end(), hi, case="nomn")
        else:
            names, end = names_after(ctx, m.end(), hi, noun=kind in ("noun", "pnoun"))
            if not names and kind == "org":
                names, end = name_before(ctx, lo, m.start(), "ablt"), m.end()
            elif not names and kind in ("noun", "pnoun") and (link := copula_before().search(ctx.text, lo, m.start())):
                names, end = name_before(ctx, lo, link.start(), "nomn"), m.end()  # "Асоціація виступила організатором"
        if names:
            found[role] += names
            last_role, last_end = role, max(end, m.end())
    seen: set[str] = set()
    return {r: [x for x in found[r] if not (folded(x[0]) in seen or seen.add(folded(x[0])))]
            for r in (ORGANIZERS, PARTNERS)}


def about_other_thing(ctx: Context, lo: int, pos: int) -> bool:
    """Tell whether a verb at `pos` opens a relative clause about a thing that is no event ("реформи, які ініціює")."""
    m = antecedent().search(ctx.text, max(lo, pos - windows().relative_clause), pos)
    return bool(m) and event_word_end(ctx.text, m.start(1), ctx.lang) is None


@cache
def antecedent() -> re.Pattern:
    """The word before a relative word that opens a clause right before a verb ("семінар, який провела")."""
    return re.compile(r"([\w'’-]+)\s*,\s*(?:" + words("relative_words") + r")\s+$", re.IGNORECASE)


def programme_after_organizer_cue(ctx: Context, lo: int, m: re.Match) -> bool:
    """Tell whether a programme cue ("в рамках") follows "organized" with no name between them."""
    if not re.fullmatch(r"(?:" + "|".join(cues()["programme_cues"]) + r")", m.group(), re.IGNORECASE):
        return False
    before = ctx.text[max(lo, m.start() - windows().word_before):m.start()].rstrip()
    organized = re.compile(r"(?:" + "|".join(cues()["programme_organizer_cues"]) + r")$", re.IGNORECASE)
    return bool(organized.search(before))


def organizer_after(ctx: Context, trig: Trigger) -> Named | None:
    """Return the organization named in the genitive after the event word ("форум Програми Polaris"),
    else the training institution that hosts the event ("у Полтавському регіональному центрі ...")."""
    tok = WORD_TOKEN.match(ctx.text, trig.end + 1) if ctx.text[trig.end:trig.end + 1] == " " else None
    if tok and tok.group()[0].isupper() and morph.lemma(tok.group(), ctx.lang) in set(cues()["organizer_heads"]):
        end = name_end(ctx, tok.start(), len(ctx.text))
        return nominative(ctx.text[tok.start():end], ctx.lang), (tok.start(), end)
    source = source_marker().match(ctx.text, trig.end)
    if source and (starts_name(ctx.text, source.end()) or described_body(ctx, source.end())):
        names = names_in(ctx, source.end(), name_end(ctx, source.end(), len(ctx.text)))
        if names:
            return names[0]
    return host(ctx, *ctx.window(trig.start, before=1, after=1))


@cache
def source_marker() -> re.Pattern:
    """A preposition "from" right after an event word: who gives it ("вебінар від Мінрегіону", "тренинг от Фонда")."""
    return re.compile(r"[ \t\u00a0]+(?:" + words("source_prepositions") + r")[ \t\u00a0]+", re.IGNORECASE)


def host(ctx: Context, lo: int, hi: int) -> Named | None:
    """Return the first training institution in [lo, hi) that something happens in ("в Высшей школе ...")."""
    for m in host_marker().finditer(ctx.text, lo, hi):
        head = head_noun(ctx, m.end(), None)
        if head not in set(cues()["host_heads"]) or event_word_end(ctx.text, m.end(), ctx.lang):
            continue
        end = name_end(ctx, m.end(), hi)
        name = ctx.text[m.end():end]
        if head in set(cues()["host_centres"]) and not cue_pattern("host_centre_words").search(name):
            continue  # a centre of services ("ЦНАП") hosts, but does not teach
        return nominative(name, ctx.lang), (m.end(), end)
    return None


# --- known organizations -------------------------------------------------------------------------


@lru_cache(maxsize=16)
def known_organizations(text: str, lang: str, offset: int = 0) -> tuple:
    """Return the organizations of the project's gazetteer in a text (donors, centres, ...).

    Offsets are shifted by `offset`, so a caller may look only at the sentences around an event.
    The gazetteer ruler runs alone: the NER model's spans would not change which organizations match.
    """
    encodable = LONE_SURROGATE.sub("\ufffd", text)  # spaCy needs UTF-8; one code point each keeps offsets
    return tuple(replace(e, start=e.start + offset, end=e.end + offset) for e in ner.gazetteer_entities(encodable, lang))


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@cache
def organization_kinds() -> dict[str, str]:
    """Return the kind (donor_agency, association, ...) of each gazetteer organization id."""
    return {row["id"]: row["kind"] for row in load_csv("organizations.csv")}


def roles_by_kind(ctx: Context, lo: int, hi: int, named: list[str]) -> dict[str, list[Named]]:
    """Return known organizations in [lo, hi) not named yet, as partners (funders) or organizers (the rest).

    Authorities and ministries are left out (named without a cue, they host or are merely mentioned),
    and so are organizations that only say where a person works ("голова Донецької ОДА",
    "консультанты проекта USAID"). An organization named already under another of its names
    ("Асоціацією міст України" ... "АМУ") is not repeated.
    """
    funders, unroled = set(cues()["funder_kinds"]), set(cues()["unroled_kinds"])
    found: dict[str, list[Named]] = {ORGANIZERS: [], PARTNERS: []}
    mentions = [(e, nominative(e.text, ctx.lang)) for e in known_organizations(ctx.text[lo:hi], ctx.lang, lo)]
    seen = [folded(n) for n in named]
    taken = {e.kb_id for e, name in mentions if contains_any(seen, {folded(name), folded(e.text)})}
    reach = windows().affiliation
    for e, name in mentions:
        kind = organization_kinds().get(e.kb_id)
        if kind in unroled or e.kb_id in taken or affiliation().search(ctx.text[max(lo, e.start - reach):e.start]) \
                or on_credit_line(ctx.text, e.start):
            continue
        taken.add(e.kb_id)
        role = cue_role_before(ctx, e.start) or (PARTNERS if kind in funders else ORGANIZERS)
        found[role].append((name, (e.start, e.end)))
    return found


def contains_any(seen: list[str], keys: set[str]) -> bool:
    """Tell whether any folded key holds, or is held in, a name already seen."""
    return any(k in s or s in k for k in keys for s in seen if k and s)


def cue_role_before(ctx: Context, pos: int) -> str | None:
    """Return the role of the last cue in the clause before `pos` ("при поддержке администрации и ВАРМСУ")."""
    last = None
    for last in role_cues(ctx.lang).finditer(ctx.text, clause_start(ctx.text, 0, pos), pos):
        pass
    if last is None or relative_clause().match(ctx.text[max(0, last.start() - 30):last.start()].split(",")[-1]):
        return None  # a cue in a clause about a programme speaks of the programme, not the event
    return PARTNERS if last.lastgroup in ("part", "pnoun") else ORGANIZERS
