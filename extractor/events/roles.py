"""Organizers and partners: names around role cues, host institutions, and known organizations by their kind.

A role cue governs the names next to it: "організовано Асоціацією" and "спільно з Проєктом" name
organizers after the cue, "Асоціація провела" before an active verb, "за підтримки Фонду" partners.
A relative clause ("проєкт X, який реалізує Y") gives its names the role of the name it describes.
An official named by office and name ("за сприяння народного депутата ... Сергія Лабазюка") holds a role too.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from extractor import morph
from extractor.events.context import Context
from extractor.events.cues import alternation, cue_pattern, cues, listed_cue, on_credit_line, windows, words
from extractor.events.detect import Trigger, counted, event_word_end, recalled
from extractor.events.phrases import (
    WORD_TOKEN, closing, folded, list_separator, name_separator, names_end, quote_around,
)
from extractor.lexicon import load_csv
from extractor.text import (BULLETS, CAPITALIZED, HYPHENATED, HYPHENATED_WORD, LOWER, LOWER_CASE, OPENING_QUOTES, UPPER,
                            skip_chars)

Named = tuple[str, tuple[int, int]]  # a name in the nominative and the span it was read from

ORGANIZERS, PARTNERS = "organizers", "partners"
# A line break ends a clause unless the line goes on in lower case or with a bracket: a page wrapped at a
# fixed width breaks its sentences anywhere.
CLAUSE_END = re.compile(rf"[.;:!?]|\n(?![ \t]*[{LOWER}(])|,\s")
ACRONYM = re.compile(rf"[{UPPER}]{{2,}}[{UPPER}{LOWER}0-9-]*")
LATIN = re.compile(r"[A-Za-z]")


# --- cues ----------------------------------------------------------------------------------------


@cache
def role_cues(lang: str) -> re.Pattern:
    """Return one pattern of every role cue of a language; the group that matched names its kind.

    org: names after it (passives, "спільно з"), or the passive agent before it;
    noun: "організатор": names after it, past its event word and a copula or dash;
    subj: an active verb, its subject before it (or right after it, inverted);
    pnoun: "партнери": partners after it, read like an organizer noun;
    part: funders, supporters and programmes after it (passives of funding and support too);
    psubj: an active verb of funding or support, its subject a partner, read like subj; a form listed in
    partner_cues ("фінансує") keeps its funder after it;
    with: "разом з": names after it share the role of the cue before it in the same clause.
    """
    verbs, support = verb_forms(lang, "organizer_verbs"), verb_forms(lang, "partner_verbs")

    def group(name: str, forms: tuple[str, ...] = ()) -> str:
        return alternation(cues().get(name, ()), forms)
    return re.compile(r"(?<!\w)(?:(?P<subj>" + group("organizer_subject_cues", (*verbs["subj"], *event_verbs(lang)))
                      + r")|(?P<noun>"
                      + group("organizer_noun_cues") + r")|(?P<org>"
                      + group("organizer_cues", (*verbs["org"], *cues()["joint_cues"]))
                      + r")|(?P<pnoun>" + group("partner_noun_cues") + r")|(?P<part>"
                      + group("partner_cues", support["org"]) + r")|(?P<psubj>"
                      + group("partner_subject_cues", support["subj"]) + r")|(?P<with>"
                      + group("companion_cues") + r"))(?!\w)", re.IGNORECASE)


PARTNER_KINDS = ("part", "pnoun", "psubj")


@cache
def event_verbs(lang: str) -> frozenset[str]:
    """Return the active forms of verbs that name an organizer only with an event in their clause
    (event_cues.toml: organizer_event_verbs, "Асоціація запрошує старост на семінар")."""
    return frozenset(verb_forms(lang, "organizer_event_verbs")["subj"])


@cache
def verb_forms(lang: str, name: str) -> dict[str, tuple[str, ...]]:
    """Return every form of a list of verbs (event_cues.toml: organizer_verbs, partner_verbs) by the frame
    its grammar gives."""
    found: dict[str, set[str]] = {"subj": set(), "org": set()}
    for lemma in cues()[name][lang]:
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
    return re.compile(r"\s*[,(]?\s*(?:" + words("relative_words") + r")(?:\s+" + HYPHENATED + r"){0,2}\s*$",
                      re.IGNORECASE)


@cache
def represented_by(lang: str) -> re.Pattern:
    """A relative clause saying who represents the name before it ("..., що представлений агентством X",
    "..., которое представляет общество X"): every form of the representative_verbs lemmas."""
    forms = {f.word for lemma in cues()["representative_verbs"][lang] for f in morph.lexeme(lemma, lang)}
    return re.compile(r"\s*(?:" + words("relative_words") + r")(?:\s+" + HYPHENATED + r")?\s+(?:"
                      + alternation((), forms) + r")(?!\w)", re.IGNORECASE)


@cache
def relative_start() -> re.Pattern:
    """A relative word opening a clause ("..., яка об'єднує громади, ...")."""
    return re.compile(r"\s*(?:" + words("relative_words") + r")(?!\w)", re.IGNORECASE)


@cache
def copula() -> re.Pattern:
    """Words between an organizer noun and the name ("Організаторами форуму стали ...")."""
    return re.compile(r"(?:\s*(?:" + "|".join(cues()["organizer_copulas"]) + r")(?!\w))?[" + BULLETS + r"\s:]*",
                      re.IGNORECASE)


@cache
def side() -> re.Pattern:
    """Words naming whose side a support comes from, if any ("з боку ", "со стороны "), after a second noun of the
    cue ("та участі ")."""
    return re.compile(r"(?:(?:" + "|".join(cues()["cue_tails"]) + r")\s+)?(?:(?:" + "|".join(cues()["side_words"])
                      + r")\s+)?", re.IGNORECASE)


@cache
def late_copula() -> re.Pattern:
    """A copula a few words after an organizer or partner noun, in the same clause ("Партнерами проєкту на
    території області є ...", "Организатором форума традиционно выступило ...")."""
    return re.compile(r"(?:[ \t\u00a0]+" + HYPHENATED + r"){1,6}?[ \t\u00a0]+(?:"
                      + "|".join(cues()["organizer_copulas"]) + r")(?!\w)[" + BULLETS + r"\s:]*", re.IGNORECASE)


@cache
def copula_before() -> re.Pattern:
    """A copula right before an organizer noun: the name before it holds the role ("Фонд став партнером")."""
    return re.compile(r"(?<!\w)(?:" + "|".join(cues()["organizer_copulas"]) + r")\s+$", re.IGNORECASE)


@cache
def affiliation() -> re.Pattern:
    """A person noun before an organization: the organization is where people come from, not a role."""
    return re.compile(r"(?<!\w)(?:" + "|".join(cues()["affiliation_nouns"])
                      + r")(?:\s+" + HYPHENATED + r"){0,3}(?:\s+«[^«»]*»)?\s*\(?$", re.IGNORECASE)


@cache
def person_head() -> re.Pattern:
    """A person noun opening a phrase ("Главами муниципалитетов"): people, not an organization."""
    return re.compile(r"(?:" + "|".join(cues()["affiliation_nouns"]) + r")(?!\w)", re.IGNORECASE)


@cache
def host_marker() -> re.Pattern:
    """A preposition before a place that may be an institution hosting the event ("у Центрі ...")."""
    return re.compile(r"(?<!\w)(?:" + words("host_markers") + rf")\s+(?=[«\"{UPPER}])", re.IGNORECASE)


# --- names ---------------------------------------------------------------------------------------


def name_end(ctx: Context, start: int, hi: int) -> int:
    """Return where a coordinated list of organization names starting at `start` ends (before `hi`).

    Quoted parts in any quotes are taken whole, and a date ends the name ("Центром ... 25 вересня").
    """
    text = ctx.text
    end = start
    while end < hi:
        pos = skip_chars(text, end, hi, " ")
        if pos >= hi or (pos > start and role_cues(ctx.lang).match(text, pos)):
            break  # "... академии при поддержке ...": the next name has another role
        close = closing(text, pos)
        body = body_separator(ctx, end) or genitive_comma(ctx, end)
        # a body's area is part of its name, and the list may go on past it ("Офісу реформ у Сумській області та ...")
        nxt = region_after(ctx, close if close else names_end(ctx, body.end() if body else end), hi)
        if nxt < hi and text[nxt] == "." and text[:nxt].rsplit(" ", 1)[-1] in cues()["name_abbreviations"]:
            nxt += 1  # "Фонд ... ім. Єжи Регульського": the name goes on past the abbreviation
        if nxt <= end:
            break
        end = nxt
    end = min(end, hi)
    inner = next((m for m in role_cues(ctx.lang).finditer(text, start + 1, end)
                  if not quote_around(text, *m.span())), None)
    if inner:
        end = inner.start()  # "Центрами ... у співпраці з Асоціацією": the cue starts another name
    if text.count("«", start, end) > text.count("»", start, end):  # «Асоціація "Відродження і розвиток"»
        close = text.find("»", end, min(hi, end + windows().open_quote_close))
        end = close + 1 if close >= 0 and "\n" not in text[end:close] else end
    for d in ctx.dates:
        if start < d.start < end:
            end = d.start
    end = event_after_name(ctx, start, case_break(ctx, start, end))
    while end > start:
        end = len(text[:end].rstrip(" ,–—-("))
        last = text[:end].rsplit(" ", 1)[-1]
        if not (0 < len(last) <= 2 and last.islower() and end - len(last) > start):
            break
        end -= len(last)  # "Асоціацією міст з метою": a preposition left before a stop word
    return end


def case_break(ctx: Context, start: int, end: int) -> int:
    """Return where a noun that cannot belong to the name starting at `start` begins (its adjectives with it), else
    `end`: an instrumental is a passive's agent ("в рамках программы «Школа» комитетом Думы"), and an organization
    head in none of the head's forms and no genitive starts the next clause's subject ("при содействии
    Государственного Совета Республики Ассоциация ... провела", "за підтримки обласної ради громадська організація
    ... провела"), and so does a person's name in no genitive. Quoted parts and a preposition's object are
    skipped, and so is the head after a coordinator ("адміністрацією та консульством")."""
    text, analyzer = ctx.text, morph.analyzer(ctx.lang)
    head_forms: set[tuple[str, str | None]] | None = None
    free, run = False, None  # after a preposition or a coordinator; where the adjectives before the next noun start
    pos = start
    while (tok := WORD_OR_BRACKET.search(text, pos, end)) is not None:
        pos = closing(text, tok.start()) or tok.end()
        parses = analyzer.parse(tok.group())
        nouns = [p.tag for p in parses if p.tag.POS == "NOUN"]
        if pos > tok.end() or not tok.group()[:1].isalpha() or ACRONYM.fullmatch(tok.group()) \
                or parses[0].tag.POS in ("PREP", "CONJ"):
            free, run = parses[0].tag.POS in ("PREP", "CONJ"), None
            continue
        if not nouns or parses[0].tag.POS in ("ADJF", "PRTF"):
            run = tok.start() if run is None else run
            continue
        cases = {t.case for t in nouns}
        forms = {(t.case, number(t)) for t in nouns}  # "ради" (genitive singular) is no "Асоціація" (nominative)
        if head_forms is None:
            head_forms = forms
        elif "gent" not in cases and personal(text, tok.start(), analyzer):
            return tok.start()  # "експерт Асоціації міст України Іван Петренко": a person, not the name's end
        elif not free and "gent" not in cases and not forms & head_forms and (
                cases == {"ablt"} or organization_head(ctx, tok.start(), None)):
            return run if run is not None else tok.start()
        free, run = False, None
    return end


def event_after_name(ctx: Context, start: int, end: int) -> int:
    """Return where an event word in lower case right after a noun starts, else `end`: the name ended before the
    event it holds ("організованого Асоціацією міст України семінару", "Ассоциацией малых городов семинара");
    after an adjective or a coordinator the word is part of the name ("Центр дистанційного навчання",
    "Українська школа урядування", "Центр перепідготовки та підвищення кваліфікації")."""
    analyzer, previous = morph.analyzer(ctx.lang), None
    for tok in WORD_TOKEN.finditer(ctx.text, start, end):
        if previous is not None and tok.group()[:1].islower() and ends_noun(analyzer, previous.group()) \
                and not quote_around(ctx.text, tok.start(), tok.end()) \
                and event_word_end(ctx.text, tok.start(), ctx.lang) is not None:
            return len(ctx.text[:tok.start()].rstrip())
        previous = tok
    return end


def ends_noun(analyzer, word: str) -> bool:
    """Tell whether a word may end a name: a noun, an acronym or a closing quote, not an adjective, a preposition,
    a coordinator or the name's head ("Українська школа", "підвищення та навчання", "центр підвищення кваліфікації"
    go on)."""
    parses = analyzer.parse(word)
    return word in "»”\"" or ACRONYM.fullmatch(word) is not None or parses[0].tag.POS == "NOUN" and not any(
        p.tag.POS in ("ADJF", "PRTF") or p.normal_form in organization_heads() for p in parses)


def region_after(ctx: Context, end: int, hi: int) -> int:
    """Return the end of a region or country named right after a name, else `end`: a body's area is part of its
    name ("Офіс реформ у Волинській області", "ПРООН в Україні"); a town after it is rather the venue."""
    marker = REGION_MARKER.match(ctx.text, end)
    place = marker and next((p for p in ctx.places if p.start == marker.end() and p.kind in REGION_KINDS), None)
    return place.end if place and place.end <= hi else end


WORD_OR_BRACKET = re.compile(rf"{WORD_TOKEN.pattern}|\(")
# "Офіс реформ у Волинській області", "Управление ... по Курской области"
REGION_MARKER = re.compile(r"[ \t\u00a0]+(?:у|в|на|по)[ \t\u00a0]+", re.IGNORECASE)
REGION_KINDS = ("oblast", "ru_region", "country")


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
            if depth and closes_after(text, i + 1, end) < depth:
                depth = 0  # «Центр «Громада» та Фонд: the outer quote was dropped, the name ends here
            owner = WHITESPACE.match(text, i + 1)
            if depth == 0 and owner and owner.end() < end and programme_owner(ctx, cursor, owner.end()):
                spans.append((cursor, i + 1))  # "програми «Громади» Фонду «Відродження»": the programme and its owner
                cursor = i = owner.end()
                continue
        elif depth == 0:
            m = name_separator().match(text, i) or body_separator(ctx, i)
            if m and m.end() < end and (starts_name(text, m.end()) or adjectives_then_name(ctx, m.end())
                                        or described_body(ctx, m.end()) and not after_adjective(ctx, i)):
                spans.append((cursor, i))
                cursor = i = m.end()
                continue
        i += 1
    spans.append((cursor, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def closes_after(text: str, pos: int, end: int) -> int:
    """Return how many quotes or brackets opened before `pos` close in [pos, end)."""
    depth = closed = 0
    for ch in text[pos:end]:
        if ch in "«“„(":
            depth += 1
        elif ch in "»”)":
            depth, closed = (depth - 1, closed) if depth else (0, closed + 1)
    return closed


WHITESPACE = re.compile(r"\s+")
COMMA = re.compile(r",[ \t\u00a0]+")


def body_separator(ctx: Context, pos: int) -> re.Match | None:
    """Return the comma at `pos` before a body described in lower case, the next name of a list ("Асоціація
    «СМО», комітет з питань місцевого самоврядування ..."): a comma joins names only before a capital else."""
    m = COMMA.match(ctx.text, pos)
    return m if m and described_body(ctx, m.end()) else None


def genitive_comma(ctx: Context, pos: int) -> re.Match | None:
    """Return the comma at `pos` between two genitives of one name ("Міністерство регіонального розвитку,
    будівництва та житлово-комунального господарства України", "Центр развития научной, творческой и ...
    деятельности"): a genitive noun or adjective before it, a lower-case one after it."""
    m = COMMA.match(ctx.text, pos)
    before = WORD_TOKEN.findall(ctx.text, max(0, pos - windows().word_before), pos)
    after = WORD_TOKEN.match(ctx.text, m.end()) if m else None
    if not (m and before and after and after.group()[:1].islower()):
        return None
    analyzer = morph.analyzer(ctx.lang)
    parses = analyzer.parse(after.group())
    return m if any(p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "gent" for p in analyzer.parse(before[-1])) \
        and parses[0].tag.POS in ("NOUN", "ADJF") and any(p.tag.case == "gent" for p in parses) else None


def programme_owner(ctx: Context, start: int, pos: int) -> bool:
    """Tell whether a programme's name starts at `start` and its owner at `pos`: a capitalized organization in the
    genitive ("проєкту «Громади разом» Ради Європи", "программы «Развитие» Фонда Тимченко"), or a wider programme
    ("регионального проекта «Команда» национального проекта «Кадры»")."""
    if programme_head_after(ctx, start, None) is None:
        return False
    if ctx.text[pos].isupper():
        return organization_head(ctx, pos, "gent") in organization_heads()
    head = programme_head_after(ctx, pos, "gent")
    return head is not None and bool(NAME_AFTER_HEAD.match(ctx.text, head))


def programme_head_after(ctx: Context, pos: int, case: str | None) -> int | None:
    """Return where a programme head (in `case` when given) after lower-case adjectives at `pos` ends ("проєкту",
    "регионального проекта"), else None."""
    heads = cues()["programme_heads"]
    tok = head_after_adjectives(ctx, pos, len(ctx.text), lambda tok, parses: any(
        p.normal_form in heads and case in (None, p.tag.case) for p in parses))
    return tok.end() if tok else None


def head_after_adjectives(ctx: Context, pos: int, hi: int, is_head: Callable[[re.Match, list], bool]) \
        -> re.Match | None:
    """Return the first word after `pos` that `is_head` (given the word and its parses) accepts, with only
    lower-case adjectives or participles before it, a few at most (head_adjectives), else None."""
    analyzer = morph.analyzer(ctx.lang)
    near = WORD_TOKEN.finditer(ctx.text, pos, min(hi, pos + windows().name_head))
    for tok in list(near)[:cues()["head_adjectives"] + 1]:
        parses = analyzer.parse(tok.group())
        if is_head(tok, parses):
            return tok
        if not (tok.group()[:1].islower() and any(p.tag.POS in ("ADJF", "PRTF") for p in parses)):
            return None
    return None


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
    if text[pos].isupper() or text[pos] in OPENING_QUOTES:
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
LOWER_WORDS_THEN_CAPITAL = re.compile(rf"((?:{LOWER_CASE}\s+){{1,2}})[{UPPER}]")
NAME_AFTER_HEAD = re.compile(rf"\s+(?:{LOWER_CASE}\s+)?[{OPENING_QUOTES}{UPPER}]")  # "проєкту USAID", "уряду Швеції"


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
    if ACRONYM.fullmatch(first.strip("«»\"()")) or LATIN.match(first) or first[:1] in OPENING_QUOTES:
        return phrase
    return morph.nominative(phrase, lang)


def names_in(ctx: Context, start: int, end: int) -> list[Named]:
    """Return the names of a coordinated span, each in the nominative."""
    shared, rest = shared_head_names(ctx, start, end)
    found = []
    for s, e in split_org_names(ctx, rest, end) if rest < end else ():
        raw = ctx.text[s:e].strip(" ,–—-")
        s = skip_chars(ctx.text, s, e, " ,–—-")
        if len(raw) <= 2 and not ACRONYM.fullmatch(raw) or names_event(ctx, s, raw) \
                or person_head().match(raw) or bare_head(raw, ctx.lang) \
                or not (starts_name(raw, 0) or adjectives_then_name(ctx, s) or described_body(ctx, s)) \
                or is_place(ctx, s, s + len(raw)):
            continue
        found.append((nominative(" ".join(raw.split()), ctx.lang), (s, s + len(raw))))  # a wrapped line joins
    return shared + found


def shared_head_names(ctx: Context, start: int, end: int) -> tuple[list[Named], int]:
    """Return one name for each capitalized adjective sharing a plural head, and where they end ("Одеського,
    Миколаївського та Херсонського центрів розвитку" -> "Одеський центр розвитку", ...); none: [], `start`."""
    text, analyzer = ctx.text, morph.analyzer(ctx.lang)
    listed = adjective_list().match(text, start, end)
    adjectives = list(CAPITALIZED.finditer(text, start, listed.end())) if listed else []
    if not adjectives or not all(adjective_parse(analyzer, a.group()) for a in adjectives):
        return [], start
    between = []  # "обласних державних адміністрацій": lower-case adjectives before the head
    for tok in list(WORD_TOKEN.finditer(text, listed.end(), end))[:4]:
        head = next((p for p in analyzer.parse(tok.group()) if p.tag.POS == "NOUN" and p.tag.number == "plur"
                     and p.normal_form in organization_heads()), None)
        if head is None and tok.group()[:1].islower() and adjective_parse(analyzer, tok.group()):
            between.append(tok.group())
            continue
        singular = head and next((f for f in morph.lexeme(head.normal_form, ctx.lang)
                                  if f.tag.case == "nomn" and f.tag.number != "plur" and f.tag.gender), None)
        if not singular:
            break
        tail_end = split_org_names(ctx, tok.start(), name_end(ctx, tok.start(), end))[0][1]  # up to the next name
        shared = " ".join([*(singular_form(analyzer, w, singular.tag.gender) for w in between),
                           morph.match_case(singular.word, tok.group())]) + text[tok.end():tail_end]
        return [(f"{singular_form(analyzer, a.group(), singular.tag.gender)} {shared}", (a.start(), tail_end))
                for a in adjectives], tail_end
    return [], start


@cache
def adjective_list() -> re.Pattern:
    """Two or more capitalized words joined by commas and coordinators, then a space ("Одеського, Миколаївського
    та Херсонського ")."""
    return re.compile(CAPITALIZED.pattern + r"(?:(?:" + list_separator().pattern + r")" + CAPITALIZED.pattern + r")+ ")


def adjective_parse(analyzer, word: str):
    """Return a word's reading as an adjective, if it has one."""
    return next((p for p in analyzer.parse(word) if p.tag.POS == "ADJF"), None)


def singular_form(analyzer, word: str, gender: str) -> str:
    """Return an adjective in the nominative singular of a gender, keeping its capital."""
    form = adjective_parse(analyzer, word).inflect({"nomn", gender})  # a gender is singular
    return morph.match_case(form.word, word) if form else word


def is_place(ctx: Context, start: int, end: int) -> bool:
    """Tell whether a span is just a place ("в межах України"), not an organization named after one.

    A country is a funder after any other cue ("за фінансування Швейцарії", "при поддержке Германии").
    """
    if any(ACRONYM.fullmatch(w) for w in ctx.text[start:end].split()):
        return False  # "Одеська ОДА": an acronym names a body
    places = [p for p in ctx.places if p.start <= start and end <= p.end + 1]
    if places and all(p.kind == "country" for p in places) and not programme_cue_before(ctx.text, start):
        return False
    return bool(places) and organization_head(ctx, start, None) is None


def programme_cue_before(text: str, pos: int) -> bool:
    """Tell whether a programme cue ("в рамках", "у межах") ends right before `pos`."""
    return bool(programme_cue_end().search(text[max(0, pos - windows().cue_before):pos]))


@cache
def programme_cue_end() -> re.Pattern:
    """A programme cue at the end of a stretch of text."""
    return re.compile(r"(?<!\w)(?:" + "|".join(cues()["programme_cues"]) + r")\s+$", re.IGNORECASE)


def name_start_after(ctx: Context, pos: int, hi: int, noun: bool = False) -> int | None:
    """Return where the name after a cue starts, past an event word and a copula ("Організатор форуму – ...").

    After an organizer noun (`noun`), a lower-case word right after it is what is organized, not who.
    """
    text = ctx.text
    cue_end, pos = pos, copula().match(text, pos).end()
    pos = side().match(text, pos).end()  # "за підтримки з боку Мінрегіону"
    if noun:
        activity = WORD_TOKEN.match(text, pos)
        if activity and activity.group().lower() in cues()["activity_nouns"] and text[activity.end():][:1] == " ":
            pos = activity.end() + 1  # "Ініціатор проведення семінару – ...": who holds the event
        pos = adjectives_before_event(ctx, pos, hi)  # "Організатори обласного форуму – ..."
    programme = programme_word_end(ctx, pos) if noun and pos < hi else None
    if noun and pos == cue_end + 1 and pos < hi and text[pos].islower() and not programme \
            and not event_word_at(text, pos, ctx.lang):
        return None
    person = person_head().match(text, pos) if pos < hi and text[pos].islower() else None
    if person and person.end() + 1 < hi and text[person.end()] == " " and (
            starts_name(text, person.end() + 1) and not text[person.end() + 1].islower()
            or described_body(ctx, person.end() + 1)):
        # "при содействии консультантов Офиса реформ", "провели специалисты министерства юстиции": the body acts
        # through its people
        pos = person.end() + 1
    pos = past_activity(ctx, pos, hi)
    event_end = programme or (event_word_at(text, pos, ctx.lang) if pos < hi else None)
    if event_end and organization_like_event(ctx, pos, event_end):
        event_end = None  # "за сприяння Конгресу місцевих та регіональних влад": a body named like an event
    if event_end:
        after = copula().match(text, event_end).end()
        if after < hi and text[after] in OPENING_QUOTES and after == event_end + 1:
            # "організатори програми «Школа мерів»": the event's own name follows, and a dash or a copula after it
            # leads to who runs it ("Організатор школи «Лідер» – Фонд ...")
            close = closing(text, after)
            link = copula().match(text, close) if close else None
            if not link or not text[close:link.end()].strip():
                return None
            after = link.end()
        pos = after
    if pos < hi and role_cues(ctx.lang).match(text, pos):
        return None  # "проводиться за ініціативи Центру": the next cue governs the name
    return pos if pos < hi and (starts_name(text, pos) or described_body(ctx, pos)) else None


def programme_word_end(ctx: Context, pos: int) -> int | None:
    """Return where a lower-case programme head at `pos` ends ("Організатор проєкту – ..."): who runs the programme
    runs its events."""
    tok = WORD_TOKEN.match(ctx.text, pos)
    return tok.end() if tok and tok.group()[:1].islower() and programme_named(tok.group(), ctx.lang) else None


def adjectives_before_event(ctx: Context, pos: int, hi: int) -> int:
    """Return where the event word after lower-case adjectives at `pos` starts ("обласного форуму" -> "форуму"),
    else `pos`."""
    tok = head_after_adjectives(ctx, pos, hi, lambda tok, _: tok.start() > pos and
                                event_word_at(ctx.text, tok.start(), ctx.lang))
    return tok.start() if tok else pos


def names_event(ctx: Context, pos: int, raw: str) -> bool:
    """Tell whether a phrase at `pos` names an event rather than an organization ("форум громад")."""
    end = event_word_end(raw, 0, ctx.lang)
    return end is not None and not organization_like_event(ctx, pos, pos + end)


def organization_like_event(ctx: Context, pos: int, event_end: int) -> bool:
    """Tell whether a capitalized event word heads an organization's name: an organization head with
    lower-case words of its name right after it ("Конгресу місцевих влад", not "Конгресу – Асоціація")."""
    after = event_end + 1
    return ctx.text[pos].isupper() and after < len(ctx.text) and ctx.text[event_end] == " " \
        and ctx.text[after].islower() and copula().match(ctx.text, event_end).end() == after \
        and organization_head(ctx, pos, None) in organization_heads()


def past_activity(ctx: Context, pos: int, hi: int) -> int:
    """Return where the name after the activity or stage of a programme starts ("в рамках впровадження Програми ...",
    "у рамках другого етапу проєкту ...", "в рамках Фази впровадження Програми ..."), else `pos`."""
    analyzer, start, last = morph.analyzer(ctx.lang), None, pos
    for tok in WORD_TOKEN.finditer(ctx.text, pos, min(hi, pos + windows().programme_activity)):
        if ctx.text[last:tok.start()].strip():
            break
        parses = analyzer.parse(tok.group())
        if any(p.tag.POS == "NOUN" and p.normal_form in cues()["programme_activities"] for p in parses):
            start = tok.end() + 1
        elif not (tok.group()[:1].islower() and any(p.tag.POS in ("ADJF", "PRTF") for p in parses)):
            break
        last = tok.end()
    if start is not None and start < hi and (starts_name(ctx.text, start) or described_body(ctx, start)):
        return start
    return pos


def past_circumstances(ctx: Context, pos: int, hi: int) -> int:
    """Return where the words saying when, where or how right after `pos` end ("провело 18 июня в Рязани ...",
    "проводиться щороку Інститутом"), else `pos`."""
    analyzer = morph.analyzer(ctx.lang)
    while True:
        start = skip_chars(ctx.text, pos, hi, " ")
        marker = REGION_MARKER.match(ctx.text, pos)
        ends = [d.end for d in ctx.dates if d.start == start and d.end <= hi] + \
            [p.end for p in ctx.places if marker and p.start == marker.end() and p.end <= hi]
        adverb = WORD_TOKEN.match(ctx.text, start)
        if adverb and adverb.end() <= hi and adverb.group()[:1].islower() and not role_cues(ctx.lang).match(
                ctx.text, start) and is_adverb(analyzer.parse(adverb.group())):
            ends.append(adverb.end())
        if not ends:
            return pos
        pos = max(ends)


def is_adverb(parses) -> bool:
    """Tell whether a word is an adverb or a particle and nothing else that joins words ("щороку", "ежегодно", not
    "за", which the Ukrainian dictionary reads as an adverb first)."""
    return parses[0].tag.POS in ("ADVB", "PRCL") and not any(p.tag.POS in ("PREP", "CONJ") for p in parses)


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
    if start is None or (case and not name_in_case(ctx, start, case) and not shared_head_names(ctx, start, hi)[0]):
        return [], pos
    end = name_end(ctx, start, hi)
    return names_in(ctx, start, end), end


def person_after(ctx: Context, pos: int, hi: int) -> tuple[list[Named], int]:
    """Return the officials named by office and name right after a cue, in the nominative, and where they end
    ("за сприяння народного депутата України Сергія Лабазюка", "провел семинар глава района Иван Петров").

    An office alone, or with the place it governs, holds the role too ("при поддержке губернатора Курганской
    области", "при поддержке президента"); people without a name ("консультантов Офиса") name no one here.
    """
    start = copula().match(ctx.text, pos).end()
    event_end = event_word_at(ctx.text, start, ctx.lang) if start < hi else None
    if event_end:
        start = copula().match(ctx.text, event_end).end()  # "Проведет семинар заместитель главы ..."
    people, end = officials_at(ctx, start, hi)
    if not people and not event_end and (office := office_alone(ctx, start, hi)):
        people, end = [office], office[1][1]
    return (people, end) if people else ([], pos)


def office_alone(ctx: Context, start: int, hi: int) -> Named | None:
    """Return one holder of an office at `start` with no personal name, alone or with the places it governs, when
    nothing else follows in its clause ("губернатора Курганской области", "президента", "Президента России")."""
    analyzer = morph.analyzer(ctx.lang)
    tok = head_after_adjectives(ctx, start, hi, lambda tok, parses: any(
        p.tag.POS == "NOUN" and p.normal_form in person_titles(ctx.lang) and number(p.tag) == "sing" for p in parses))
    if tok is None or ctx.text[start:tok.start()].strip() and not all(
            w[:1].islower() for w in WORD_TOKEN.findall(ctx.text, start, tok.start())):
        return None
    end = tok.end()
    if organization_head(ctx, end + 1, None) is not None or adjectives_then_acronym(ctx, end + 1, "gent"):
        return None  # "голови обласної ради", "голови Житомирської ОДА": the body acts through its head
    while (place := next((p for p in ctx.places if p.start == end + 1 and p.end <= hi), None)) is not None \
            and ctx.text[end] == " ":
        end = place.end  # "губернатора Курганской области": the office of a place
    rest = ctx.text[end:hi]
    if rest.strip() and not CLAUSE_END.match(rest.lstrip(" ")) and not list_separator().match(rest) \
            and not role_cues(ctx.lang).match(rest.lstrip(" ")):
        return None  # "голови громади", "директора Центру": whose office is not a place's, or a name follows
    if personal(ctx.text, end + 1, analyzer):
        return None
    return morph.nominative(ctx.text[start:end], ctx.lang, animate=True), (start, end)


def person_before(ctx: Context, lo: int, pos: int) -> list[Named]:
    """Return the officials that open the sentence of a verb at `pos` as its subject ("Председатель Совета Инна
    Волкова и депутаты Думы ... провели семинар")."""
    start = max(lo, ctx.window(pos)[0], ctx.text.rfind("\n", lo, pos) + 1)
    start = skip_chars(ctx.text, start, pos)
    people, end = officials_at(ctx, start, pos)
    return people if people and not ctx.text[end:pos].strip() else []


def officials_at(ctx: Context, start: int, hi: int) -> tuple[list[Named], int]:
    """Return the coordinated officials starting at `start` ("... Інна Волкова і депутати ... Лідія Антонова")."""
    people, end = [], start
    while (person := official_at(ctx, start, hi))[0]:
        people.append(person[0])
        end = person[1]
        joint = list_separator().match(ctx.text, end)
        if not joint:
            break
        start = joint.end()
    return people, end


def official_at(ctx: Context, start: int, hi: int) -> tuple[Named | None, int]:
    """Return one official named by office and name at `start` ("Міський голова Іван Петренко", "депутаты Думы
    Лидия Антонова, Владимир Пекарев и ...") and where the names end."""
    text, analyzer = ctx.text, morph.analyzer(ctx.lang)
    titled, last = False, start
    for tok in list(WORD_TOKEN.finditer(text, start, min(hi, start + windows().official_names))):
        if text[last:tok.start()].strip() or tok.group() in "«»\"“”„":
            break  # a comma or a quote: the phrase of the office ended without a name
        last = tok.end()
        parses = analyzer.parse(tok.group())
        if not titled:
            titled = any(p.tag.POS == "NOUN" and p.normal_form in person_titles(ctx.lang) for p in parses)
            if not titled and parses[0].tag.POS not in ("ADJF", "PRTF") and not (
                    tok.group()[:1].islower() and any(p.tag.POS in ("ADJF", "PRTF") for p in parses)):
                break  # only adjectives go before the office: "народного депутата", "Міський голова", "першого"
        elif personal(text, tok.start(), analyzer):
            spans = [(tok.start(), personal_name_end(text, tok.start(), hi, analyzer))]
            while (joint := list_separator().match(text, spans[-1][1])) and personal(text, joint.end(), analyzer):
                spans.append((joint.end(), personal_name_end(text, joint.end(), hi, analyzer)))  # "Лидия Антонова, ..."
            office, end = text[start:tok.start()].strip(), spans[-1][1]
            names = [text[a:b] for a, b in spans]
            # a name in the nominative: its office too
            if morph.nominative(names[0], ctx.lang, animate=True) != names[0]:
                office = morph.nominative(office, ctx.lang, animate=True)
                names = [morph.nominative(n, ctx.lang, animate=True) for n in names]
            joints = [text[b:a] for (_, b), (a, _) in zip(spans, spans[1:])] + [""]
            names = "".join(n + joint for n, joint in zip(names, joints))
            return (f"{office} {names}", (start, end)), end
    return None, start


@cache
def person_titles(lang: str) -> frozenset[str]:
    """Return the lemmas of offices that name a person (event_cues.toml: person_titles)."""
    return frozenset(cues()["person_titles"][lang])


def personal(text: str, pos: int, analyzer) -> bool:
    """Tell whether a capitalized first name or surname and a second one start at `pos` ("Сергія Лабазюка")."""
    tokens = list(WORD_TOKEN.finditer(text, pos, min(len(text), pos + windows().person_name)))[:2]
    return len(tokens) == 2 and not text[tokens[0].end():tokens[1].start()].strip() and \
        all(name_part(tok.group(), analyzer) for tok in tokens)


def name_part(word: str, analyzer) -> bool:
    """Tell whether a word is a capitalized part of a person's name (a first name, a patronymic or a surname)."""
    return word[:1].isupper() and not word.isupper() and \
        any(morph.NAME_GRAMMEMES & p.tag.grammemes for p in analyzer.parse(word) if p.tag.POS == "NOUN")


def personal_name_end(text: str, pos: int, hi: int, analyzer) -> int:
    """Return where the run of name parts starting at `pos` ends."""
    end = pos
    for tok in WORD_TOKEN.finditer(text, pos, hi):
        if text[end:tok.start()].strip() or not name_part(tok.group(), analyzer):
            break
        end = tok.end()
    return end


def person_or_names_after(ctx: Context, pos: int, hi: int, case: str | None = None,
                          noun: bool = False) -> tuple[list[Named], int]:
    """Return the official named right after `pos`, else the organizations there, and where they end."""
    person = person_after(ctx, pos, hi)
    return person if person[0] else names_after(ctx, pos, hi, case, noun)


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
    if word in OPENING_QUOTES or ACRONYM.fullmatch(word) or LATIN.match(word):
        return True
    return organization_head(ctx, start, case) is not None or adjectives_then_acronym(ctx, start, case)


def adjectives_then_acronym(ctx: Context, start: int, case: str) -> bool:
    """Tell whether adjectives in `case` and an acronym make a body's name ("Вінницька ОВА", "Одеській ОДА")."""
    analyzer = morph.analyzer(ctx.lang)
    for tok in list(WORD_TOKEN.finditer(ctx.text, start, min(len(ctx.text), start + windows().name_head)))[:4]:
        if ACRONYM.fullmatch(tok.group()):
            return tok.start() > start
        if not any(p.tag.POS == "ADJF" and p.tag.case == case for p in analyzer.parse(tok.group())):
            return False
    return False


def organization_head(ctx: Context, start: int, case: str | None) -> str | None:
    """Return the lemma of the organization noun heading the phrase at `start` (adjectives before it)."""
    analyzer = morph.analyzer(ctx.lang)
    for tok in list(WORD_TOKEN.finditer(ctx.text, start, min(len(ctx.text), start + windows().name_head)))[:4]:
        parses = analyzer.parse(tok.group())
        # "Раніше" opening a sentence is rather an adverb than an adjective of a name
        adjective = parses[0].tag.POS != "ADVB" and any(p.tag.POS in ("ADJF", "PRTF") for p in parses)
        if parses[0].tag.POS in ("ADJF", "PRTF") or adjective and all(
                (morph.NAME_GRAMMEMES | {"Geox"}) & p.tag.grammemes for p in parses if p.tag.POS == "NOUN"):
            # "Донецька", "громадська", "Тверская" are rather adjectives than a rare noun form, a surname or a street
            continue
        nouns = [p for p in parses if p.tag.POS == "NOUN" and (case is None or p.tag.case == case)]
        if nouns:  # any reading will do: "ради" is "рад" (nominative) or "рада" (genitive)
            return next((p.normal_form for p in nouns if p.normal_form in organization_heads()
                         or short_ministry(tok.group(), p, ctx.lang)), None)
        if not adjective:
            return None
    return None


def short_ministry(word: str, parse, lang: str) -> bool:
    """Tell whether a capitalized word is a ministry's short name ("Мінцифри", "Минэкономразвития", "Минфина"):
    the dictionary marks it an organization, or a ministry prefix stands before a word ("Мін" + "регіон"),
    not before a mere ending ("Мінімум", "Мінус")."""
    if not word[:1].isupper() or "Geox" in parse.tag.grammemes:
        return False
    prefix = next((p for p in cues()["ministry_prefixes"] if parse.normal_form.startswith(p)), None)
    rest = word[len(prefix):].lower() if prefix else ""
    return prefix is not None and ("Orgn" in parse.tag.grammemes
                                   or len(rest) >= 3 and morph.analyzer(lang).word_is_known(rest))


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
        # a quote after a word names that word ("на тему: «...»"), but not after a date or a time
        # ("12 травня «Фонд громад» провів", "о 10:00 «Фонд» розпочне")
        attached = previous is not None and not any(d.start < previous.end() <= d.end for d in ctx.dates) \
            and (attaches(analyzer, previous.group(), tok.group())
                 or tok.group() in OPENING_QUOTES and previous.group()[:1].isalpha())
        previous = tok
        if quote_around(text, tok.start(), tok.end()) and tok.group() not in OPENING_QUOTES:
            continue  # inside a quoted name: part of the name before it
        if attached or not starts_name(text, tok.start()) or not name_in_case(ctx, tok.start(), case):
            continue
        end = name_end(ctx, tok.start(), pos)
        between = text[end:pos]
        if not role_cues(ctx.lang).search(between) and not circumstance(ctx, end, pos) \
                and (re.search(rf"[{UPPER}«\"]", between) or len(between.split()) > 3):
            end = len(text[:pos].rstrip(" ,–—-"))  # "Інститутом – IRN Ukraine проведено": the name runs to the cue
            if len(text[tok.start():end].split()) > 12:
                continue
        return names_in(ctx, tok.start(), end)
    return []


def object_before(ctx: Context, names: list[Named], verb: re.Match) -> bool:
    """Tell whether the one name right before a plural verb is singular, so no subject of it: an
    indefinite-personal verb's object ("Проект «X» реализуют в пяти районах"). With words between them it may be
    the subject still ("Асоціація спільно з Фондом провели")."""
    analyzer = morph.analyzer(ctx.lang)
    verbs = [p for p in analyzer.parse(verb.group()) if p.tag.POS == "VERB"]
    if len(names) != 1 or not verbs or any(p.tag.number != "plur" for p in verbs) \
            or ctx.text[names[0][1][1]:verb.start()].strip():
        return False
    start, end = names[0][1]
    for tok in WORD_TOKEN.finditer(ctx.text, start, end):
        nouns = [p for p in analyzer.parse(tok.group()) if p.tag.POS == "NOUN" and p.tag.case == "nomn"]
        if nouns:
            return all(p.tag.number != "plur" for p in nouns)  # the Ukrainian dictionary leaves the singular unmarked
        if ACRONYM.fullmatch(tok.group()) or LATIN.match(tok.group()):
            return False
    return False


def subject_end(ctx: Context, lo: int, pos: int) -> int:
    """Return where the subject of a verb at `pos` may end: before a relative or participle clause between them
    ("Асоціація міст України, яка об'єднує 600 громад, провела ...", "Фонд, объединяющий 30 городов, провёл ...")
    or at the verb."""
    text = ctx.text
    comma = text.rfind(",", lo, pos)
    if comma < 0 or text[comma + 1:pos].strip():
        return pos
    opening = text.rfind(",", lo, comma)
    first = WORD_TOKEN.search(text, opening + 1, comma) if opening >= 0 else None
    tag = morph.analyzer(ctx.lang).parse(first.group())[0].tag if first and first.group()[:1].islower() else None
    participle = tag is not None and (tag.POS == "PRTF" or "pssv" in tag.grammemes or "actv" in tag.grammemes)
    return opening if opening >= 0 and (relative_start().match(text, opening + 1, comma) or participle) else pos


def circumstance(ctx: Context, end: int, pos: int) -> bool:
    """Tell whether the words between a name and its verb say when or where ("минулого тижня в Житомирі", "вже"),
    so the name does not run on to the verb."""
    first = WORD_TOKEN.search(ctx.text, end, pos)
    return bool(first and first.group().lower() in cues()["name_stops"]) or \
        any(end <= x.start < pos for x in [*ctx.places, *ctx.dates])


# --- roles from cues -----------------------------------------------------------------------------


def roles(ctx: Context, lo: int, hi: int) -> dict[str, list[Named]]:
    """Return organizers and partners named around role cues in [lo, hi), each name once."""
    found: dict[str, list[Named]] = {ORGANIZERS: [], PARTNERS: []}
    last_role, last_end = None, -1
    cue_role, cue_end = None, None  # the last cue read, with or without names ("організовано разом з ...")
    agentless = None
    for m in role_cues(ctx.lang).finditer(ctx.text, lo, hi):
        if m.start() < last_end:
            continue  # a cue word inside a name already read
        about_name = bool(last_role and relative_clause().match(ctx.text[last_end:m.start()]))
        if _skip_cue(ctx, lo, m, about_name, cue_end):
            continue
        role = _cue_role(ctx, m, cue_role, (last_role, last_end), about_name, bool(found[ORGANIZERS]))
        names, end = _names_at_cue(ctx, lo, hi, m)
        if names and m.lastgroup == "part" and agentless \
                and not CLAUSE_END.search(ctx.text, agentless.end(), m.start()):
            agents, agents_end = names_after(ctx, end, hi, case="ablt")  # "проведено в рамках проєкту X Асоціацією"
            found[ORGANIZERS] += agents
            end = max(end, agents_end)
        if names:
            for name in names:  # a programme that runs the event is the programme it is part of: a partner
                found[PARTNERS if role == ORGANIZERS and programme_only(ctx, name) else role].append(name)
            last_role, last_end = role, max(end, m.end())
        cue_role, cue_end = role, max(end, m.end()) if names else m.end()
        if m.lastgroup == "org" and m.group().lower() in verb_forms(ctx.lang, "organizer_verbs")["org"]:
            agentless = None if names else m  # a passive whose agent may follow the programme it names
    seen: set[str] = set()
    return {r: [x for x in found[r] if not (folded(x[0]) in seen or seen.add(folded(x[0])))]
            for r in (ORGANIZERS, PARTNERS)}


def _skip_cue(ctx: Context, lo: int, m: re.Match, about_name: bool, cue_end: int | None) -> bool:
    """Tell whether a role cue names no one who runs this event: who came along, who does something else, who
    ran an earlier or counted event, who supports no event. `cue_end` is where the last cue read ended (None before
    the first one); `about_name` says the cue stands in a relative clause about the name read last."""
    kind = m.lastgroup
    if kind == "with" and (cue_end is None or CLAUSE_END.search(ctx.text, cue_end, m.start())):
        return True  # "голови разом з представниками ...": who came along, not who runs it
    if kind in ("subj", "psubj", "part") and not about_name and about_other_thing(ctx, lo, m.start()) or \
            kind == "org" and about_other_thing(ctx, lo, m.start(), m.group()):
        # "реформи, які ініціює Президент", "проєкт, який фінансує ЄС", "реформы, инициируемые Президентом":
        return True  # who does something else
    if kind == "part" and supports_other_thing(ctx, lo, m):
        return True  # "Центр, створений за підтримки Програми, провів семінар": the support made the centre
    if recalled(ctx, m.start(), ctx.sentences[ctx.sentence_of(m.start())]):
        return True  # "Нагадаємо, раніше Асоціація провела форум": who ran an earlier event
    if kind in ("subj", "psubj") and tally_only(ctx, lo, m):
        return True  # "Фонд торік провів понад 40 тренінгів": who ran other events, counted
    # support that opens its sentence and names nothing supported is of what the article reports ("Фінансову
    # підтримку надав Фонд"; not "Підтримку громадам надав уряд")
    if kind == "psubj" and opens_sentence(ctx, m.start()) and support_alone(ctx, m):
        return False
    # "Уряд підтримав ініціативу", "забезпечила організацію харчування": not of an event
    return (kind == "psubj" or kind == "subj" and (" " in m.group() or m.group().lower() in event_verbs(ctx.lang))) \
        and not event_in_clause(ctx, lo, m)


def support_alone(ctx: Context, m: re.Match) -> bool:
    """Tell whether a phrase of support is the support and its adjectives before the verb, nothing else
    ("Фінансову підтримку надав", "Организационную поддержку оказал")."""
    analyzer = morph.analyzer(ctx.lang)
    words = WORD_TOKEN.findall(m.group())
    return len(words) > 1 and all(any(p.tag.case == "accs" and p.tag.POS in ("NOUN", "ADJF") for p in analyzer.parse(w))
                                  for w in words[:-1])


def opens_sentence(ctx: Context, pos: int) -> bool:
    """Tell whether `pos` starts its sentence (or its line)."""
    start = ctx.sentences[ctx.sentence_of(pos)][0] if ctx.sentences else 0
    return not ctx.text[max(start, ctx.text.rfind("\n", 0, pos) + 1):pos].strip()


def _cue_role(ctx: Context, m: re.Match, cue_role: str | None, last: tuple[str | None, int], about_name: bool,
              organizers_named: bool) -> str:
    """Return the role a cue gives its names: its own, or for "разом з" the last cue's; a partner where an
    organizer's cue only says who runs the project a partner was named for, or where a joint cue follows a
    supporter's names. `last` is the role and end of the names read last."""
    kind = m.lastgroup
    last_role, last_end = last
    role = cue_role if kind == "with" else PARTNERS if kind in PARTNER_KINDS else ORGANIZERS
    if role == ORGANIZERS and about_name:
        # "в рамках проєкту X, який реалізує Y": Y runs the event unless someone else was named
        # as its organizer; then Y only runs the project, a partner of the event.
        role = PARTNERS if last_role == PARTNERS and organizers_named else ORGANIZERS
    if kind == "org" and last_role == PARTNERS and not ctx.text[last_end:m.start()].strip() \
            and listed_cue("joint_cues").fullmatch(m.group()):
        role = PARTNERS  # "за підтримки Програми ... у партнерстві з Хабом": a joint supporter
    return role


def _names_at_cue(ctx: Context, lo: int, hi: int, m: re.Match) -> tuple[list[Named], int]:
    """Return the names a cue governs and where they end, with a label's names one a line below it."""
    kind = m.lastgroup
    names, end = _subject_names(ctx, lo, hi, m) if kind in ("subj", "psubj") else _governed_names(ctx, lo, hi, m)
    if names and kind == "org" and listed_cue("joint_cues").fullmatch(m.group()) and infinitive_around(ctx, m, end):
        names = []  # "як працювати спільно з Офісом", "можуть спільно з Фондом реалізовувати": what others may do
    if names and LABEL.search(ctx.text, m.end(), names[0][1][0]):  # "Партнери заходу:" too
        below, end = names_below(ctx, end, hi)  # "Партнери:\nАсоціація ...\nФонд ...": one name a line
        names += below
    return names, end


def _subject_names(ctx: Context, lo: int, hi: int, verb: re.Match) -> tuple[list[Named], int]:
    """Return the subject of a verb cue: the names before it, else (inverted) the names after it."""
    names, end = name_before(ctx, lo, subject_end(ctx, lo, verb.start()), "nomn") \
        or person_before(ctx, lo, verb.start()), verb.end()
    if object_before(ctx, names, verb):
        names = []  # "Проєкт X реалізують у громадах": the project is what is done, not who does it
    if not names:  # inverted: "Семінар провела 5 травня у Львові Асоціація ..."
        names, end = person_or_names_after(ctx, past_circumstances(ctx, verb.end(), hi), hi, case="nomn")
    elif all(programme_only(ctx, name) for name in names):
        # "Проєкт «X» реалізує Інститут ...": the programme is what the body after the verb runs
        doers, doers_end = names_after(ctx, past_circumstances(ctx, verb.end(), hi), hi, case="nomn")
        names, end = names + doers, max(end, doers_end)
    return names, end


def programme_only(ctx: Context, name: Named) -> bool:
    """Tell whether a name is a programme's, not a body's named like one ("Програма розвитку ООН")."""
    return programme_named(name[0], ctx.lang) and not known_body(ctx, *name[1])


def passive_verb(ctx: Context, m: re.Match) -> bool:
    """Tell whether a cue is a passive or reflexive verb of running or funding ("впроваджується", "фінансується")."""
    word = m.group().lower()
    return any(word in verb_forms(ctx.lang, name)["org"] for name in ("organizer_verbs", "partner_verbs"))


def _governed_names(ctx: Context, lo: int, hi: int, m: re.Match) -> tuple[list[Named], int]:
    """Return the names a noun, participle or preposition cue governs: after it, else after a late copula, else
    the agent before a passive or the subject before a copula."""
    kind = m.lastgroup
    noun = kind in ("noun", "pnoun")
    # a passive's agent may follow when and where ("організовано 5 травня у Рівному Асоціацією ...")
    start = past_circumstances(ctx, m.end(), hi) if kind == "org" else m.end()
    names, end = person_or_names_after(ctx, start, hi, noun=noun)
    if not names and noun and (late := late_copula().match(ctx.text, m.end())):
        names, end = person_or_names_after(ctx, late.end(), hi)  # "Партнерами проєкту в області є ..."
    if names and passive_verb(ctx, m):
        # "Проєкт «X» впроваджується Фондом ...", "Проект «X» финансируется ЕС": the programme is the event's too
        subject = name_before(ctx, lo, subject_end(ctx, lo, m.start()), "nomn")
        names = [name for name in subject if programme_only(ctx, name)] + names
    if not names and kind == "org":
        names, end = name_before(ctx, lo, m.start(), "ablt"), m.end()
    elif not names and noun and (link := copula_before().search(ctx.text, lo, m.start())):
        names, end = name_before(ctx, lo, link.start(), "nomn"), m.end()  # "Асоціація виступила організатором"
    return names, end


def infinitive_around(ctx: Context, cue: re.Match, end: int) -> bool:
    """Tell whether an infinitive of doing anything but running an event stands right before a cue or right after
    the names it governs (the Ukrainian dictionary tags it "infn", the Russian one "INFN")."""
    before = WORD_TOKEN.findall(ctx.text, max(0, cue.start() - windows().word_before), cue.start())
    after = WORD_TOKEN.search(ctx.text, end, min(len(ctx.text), end + windows().word_before))
    words = [before[-1] if before else "", after.group() if after and not ctx.text[end:after.start()].strip() else ""]
    analyzer = morph.analyzer(ctx.lang)
    running = set(cues()["organizer_verbs"][ctx.lang])  # "планує спільно з Фондом провести семінар" runs it
    return any(word[:1].islower() and morph.is_infinitive((parse := analyzer.parse(word)[0]).tag)
               and parse.normal_form not in running for word in words)


def programme_named(name: str, lang: str) -> bool:
    """Tell whether a name is a programme's or project's ("Проєкт «Громади разом»", "программа «Развитие»")."""
    first = WORD_TOKEN.match(name)
    return bool(first) and morph.lemma(first.group(), lang) in cues()["programme_heads"]


# a role cue as a label, its names on the lines below ("Партнери:", "Партнери заходу:")
LABEL = re.compile(rf"[ \t]*:[ \t]*\n[ \t]*(?:[{BULLETS}][ \t]*)?$")
NEXT_LINE = re.compile(rf"[ \t;.,]*\n[ \t]*(?:[{BULLETS}][ \t]*)?")  # a line break, and a bullet


def names_below(ctx: Context, end: int, hi: int) -> tuple[list[Named], int]:
    """Return the names on the lines after the one ending at `end`, one a line, up to a line that names none."""
    found = []
    while (line := NEXT_LINE.match(ctx.text, end)) and line.end() < hi and starts_name(ctx.text, line.end()):
        stop = ctx.text.find("\n", line.end())
        names = names_in(ctx, line.end(), name_end(ctx, line.end(), hi if stop < 0 else min(stop, hi)))
        if not names:
            break
        found, end = found + names, names[-1][1][1]
    return found, end


def event_in_clause(ctx: Context, lo: int, m: re.Match) -> bool:
    """Tell whether the clause of a verb names an event or its holding ("Захід підтримали ...", "підтримав
    проведення форуму")."""
    stop = CLAUSE_END.search(ctx.text, m.end())
    return event_between(ctx, clause_start(ctx.text, lo, m.start()), stop.start() if stop else len(ctx.text))


def tally_only(ctx: Context, lo: int, m: re.Match) -> bool:
    """Tell whether every event word in the clause of a verb is counted ("провів понад 40 тренінгів")."""
    stop = CLAUSE_END.search(ctx.text, m.end())
    start, end = clause_start(ctx.text, lo, m.start()), stop.start() if stop else len(ctx.text)
    found = [t for t in ctx.triggers_in(start, end) if t.kind == "event"]
    return bool(found) and all(counted(ctx, max(start, t.start - windows().cue_before), t.start) for t in found)


def event_between(ctx: Context, lo: int, hi: int) -> bool:
    """Tell whether [lo, hi) names an event or its holding ("семінар", "захід", "проведення")."""
    for tok in WORD_TOKEN.finditer(ctx.text, lo, hi):
        word = tok.group()
        if word.lower() in cues()["activity_nouns"] or morph.lemma(word, ctx.lang) in cues()["generic_event_nouns"] \
                or event_word_end(ctx.text, tok.start(), ctx.lang):
            return True
    return False


def about_other_thing(ctx: Context, lo: int, pos: int, participle: str | None = None) -> bool:
    """Tell whether a verb at `pos` opens a relative clause about a thing that is no event ("реформи, які ініціює"),
    or a `participle` there a clause about the noun it agrees with, neither an event nor a programme ("реформы,
    инициируемые"; not "проекта, реализуемого", nor "Вебінар для органів самоврядування, організований")."""
    m = antecedent(participle is None).search(ctx.text, max(lo, pos - windows().relative_clause), pos)
    if not m or event_word_end(ctx.text, m.start(1), ctx.lang) is not None:
        return False
    if programme_named(m.group(1), ctx.lang) and programme_cue_before(ctx.text, m.start(1)):
        return False  # "в межах проєкту, який реалізує Фонд": who runs the programme of the event
    # a relative word or a participle may stand for a noun further back: "школа для голів громад, яку провела",
    # "Центр розвитку самоврядування, створений"
    noun = referent(ctx, clause_start(ctx.text, lo, m.start()), m, participle)
    event_further = noun is not None and noun.start() != m.start(1) and event_word_at(ctx.text, noun.start(), ctx.lang)
    if participle is None:
        return not event_further
    # a participle may agree with an event word further back: "поїздки в громади, організовані"
    return noun is not None and not programme_named(noun.group(), ctx.lang) and not event_further \
        and not event_between(ctx, clause_start(ctx.text, lo, m.start()), m.end(1))


def referent(ctx: Context, start: int, m: re.Match, participle: str | None) -> re.Match | None:
    """Return the word a clause opened after `m`'s antecedent is about: the antecedent if the relative word or
    `participle` agrees with it, else the nearest word back to `start` it agrees with."""
    def fits(word: str) -> bool:
        return agrees(word, participle, ctx.lang) if participle is not None else refers_to(word, m.group(2), ctx.lang)
    if fits(m.group(1)):
        return WORD_TOKEN.match(ctx.text, m.start(1))
    return next((t for t in reversed(list(WORD_TOKEN.finditer(ctx.text, start, m.start(1)))) if fits(t.group())), None)


def supports_other_thing(ctx: Context, lo: int, cue: re.Match) -> bool:
    """Tell whether a support cue ends a participle clause about a thing that is no event ("Центр, створений за
    підтримки ...")."""
    made = participle_before(ctx, cue.start())
    return made is not None and about_other_thing(ctx, lo, made.start(), made.group())


def participle_before(ctx: Context, pos: int) -> re.Match | None:
    """Return the passive participle right before `pos`, if any ("створений за підтримки")."""
    before = list(WORD_TOKEN.finditer(ctx.text, max(0, pos - windows().word_before), pos))
    last = before[-1] if before and not ctx.text[before[-1].end():pos].strip() else None
    if last is None or not last.group()[:1].islower():
        return None
    parses = morph.analyzer(ctx.lang).parse(last.group())
    return last if any(p.tag.POS in ("PRTF", "ADJF") and "pssv" in p.tag.grammemes for p in parses) else None


def agrees(noun: str, participle: str, lang: str) -> bool:
    """Tell whether a passive participle agrees with a noun in number and case, and in gender in the singular."""
    analyzer = morph.analyzer(lang)
    nouns = [p.tag for p in analyzer.parse(noun) if p.tag.POS == "NOUN"]
    forms = [p.tag for p in analyzer.parse(participle) if p.tag.POS in ("PRTF", "ADJF") and "pssv" in p.tag.grammemes]
    return any(f.case == n.case and f.number == n.number and (n.number == "plur" or f.gender == n.gender)
               for f in forms for n in nouns)


def refers_to(noun: str, relative: str, lang: str) -> bool:
    """Tell whether a relative word may stand for a noun: it agrees in number, and in gender in the singular ("що"
    and "что" agree with any)."""
    analyzer = morph.analyzer(lang)
    nouns = [p.tag for p in analyzer.parse(noun) if p.tag.POS == "NOUN"]
    forms = [p.tag for p in analyzer.parse(relative) if p.tag.POS in ("ADJF", "NPRO") and number(p.tag)]
    return not forms or any(number(f) == number(n) and (number(n) == "plur" or f.gender == n.gender)
                            for f in forms for n in nouns)


def number(tag) -> str | None:
    """Return a form's number; the Ukrainian dictionary leaves the singular unmarked but for its gender."""
    return tag.number or ("sing" if tag.gender else None)


@cache
def antecedent(relative: bool) -> re.Pattern:
    """The word before a comma and a relative word that open a clause right before a verb ("семінар, який провела"),
    or before a comma alone (not `relative`: "реформы, инициируемые")."""
    link = r"(" + words("relative_words") + r")\s+" if relative else ""
    return re.compile(r"(" + HYPHENATED + r")\s*,\s*" + link + "$", re.IGNORECASE)


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


def programme_after(ctx: Context, trig: Trigger, title: str | None) -> Named | None:
    """Return the programme named in the genitive right after the event word, or another of its kind in the text
    ("конференція проєкту «Громада»", "семинар программы «Развитие»"): the programme the event is part of, a partner.
    A programme named by the event's `title` is the event itself ("модуль программы «Школа мэров»")."""
    for t in [trig, *(t for t in ctx.triggers if t.event_type == trig.event_type and t.start != trig.start)]:
        tok = WORD_TOKEN.match(ctx.text, t.end + 1) if ctx.text[t.end:t.end + 1] == " " else None
        if tok and tok.group()[:1].islower() and programme_named(tok.group(), ctx.lang) \
                and NAME_AFTER_HEAD.match(ctx.text, tok.end()):
            names = names_in(ctx, tok.start(), name_end(ctx, tok.start(), ctx.window(t.start)[1]))
            if names:
                return None if title and folded(title) in folded(names[0][0]) else names[0]
    return None


@cache
def source_marker() -> re.Pattern:
    """A preposition "from" right after an event word: who gives it ("вебінар від Мінрегіону", "тренинг от Фонда")."""
    return re.compile(r"[ \t\u00a0]+(?:" + words("source_prepositions") + r")[ \t\u00a0]+", re.IGNORECASE)


def host(ctx: Context, lo: int, hi: int) -> Named | None:
    """Return the first training institution in [lo, hi) that something happens in ("в Высшей школе ...")."""
    for m in host_marker().finditer(ctx.text, lo, hi):
        head = organization_head(ctx, m.end(), None)
        if head not in set(cues()["host_heads"]) or event_word_end(ctx.text, m.end(), ctx.lang):
            continue
        end = name_end(ctx, m.end(), hi)
        name = ctx.text[m.end():end]
        if head in set(cues()["host_centres"]) and not cue_pattern("host_centre_words").search(name):
            continue  # a centre of services ("ЦНАП") hosts, but does not teach
        return nominative(name, ctx.lang), (m.end(), end)
    return None


# --- known organizations -------------------------------------------------------------------------


@cache
def organization_kinds() -> dict[str, str]:
    """Return the kind (donor_agency, association, ...) of each gazetteer organization id."""
    return {row["id"]: row["kind"] for row in load_csv("organizations.csv")}


def roles_by_kind(ctx: Context, lo: int, hi: int, named: list[str]) -> dict[str, list[Named]]:
    """Return known organizations in [lo, hi) not named yet: in the role of a cue in their clause, else organizers.

    Authorities, ministries and, without a cue, funders and organizations in a sentence that names no event are
    left out (they host or are merely mentioned), and so are organizations that only say where a person works
    ("голова Донецької ОДА", "консультанты проекта USAID"). An organization named already under another of its names
    ("Асоціацією міст України" ... "АМУ") is not repeated.
    """
    funders, unroled = set(cues()["funder_kinds"]), set(cues()["unroled_kinds"])
    found: dict[str, list[Named]] = {ORGANIZERS: [], PARTNERS: []}
    mentions = [(e, nominative(e.text, ctx.lang)) for e in ctx.organizations_in(lo, hi)]
    seen = [folded(n) for n in named]
    taken = {e.kb_id for e, name in mentions if contains_any(seen, {folded(name), folded(e.text)})}
    reach = windows().affiliation
    for e, name in mentions:
        kind = organization_kinds().get(e.kb_id)
        if kind in unroled or e.kb_id in taken or affiliation().search(ctx.text[max(lo, e.start - reach):e.start]) \
                or on_credit_line(ctx.text, e.start):
            continue
        role = cue_role_before(ctx, e.start)
        if role is None and (kind in funders or not event_between(ctx, *ctx.window(e.start))):
            continue  # a donor, or anyone in a sentence not about an event, named without a cue is merely mentioned
        taken.add(e.kb_id)
        found[role or ORGANIZERS].append((name, (e.start, e.end)))
    return found


def known_body(ctx: Context, start: int, end: int) -> bool:
    """Tell whether a gazetteer organization other than a programme starts a name ("Програмою розвитку ООН")."""
    return any(e.start == start and organization_kinds().get(e.kb_id) not in cues()["programme_kinds"]
               for e in ctx.organizations_in(start, end))


def contains_any(seen: list[str], keys: set[str]) -> bool:
    """Tell whether any folded key holds, or is held in, a name already seen."""
    return any(k in s or s in k for k in keys for s in seen if k and s)


def cue_role_before(ctx: Context, pos: int) -> str | None:
    """Return the role of the last cue in the clause before `pos` ("при поддержке администрации и ВАРМСУ").

    A clause saying who represents the name before it carries on that name's role ("за підтримки уряду
    Швеції, що представлений агентством Sida": the agency funds too).
    """
    start = clause_start(ctx.text, 0, pos)
    last = ([m for m in role_cues(ctx.lang).finditer(ctx.text, start, pos) if m.lastgroup != "with"] or [None])[-1]
    if last is None and start > 0 and represented_by(ctx.lang).match(ctx.text, start, pos):
        return cue_role_before(ctx, start - 1)
    if last is None:
        return None
    if last.lastgroup == "part" and supports_other_thing(ctx, 0, last):
        return None  # "Центр, створений за підтримки Програми ...": who supported the centre
    if last.lastgroup in PARTNER_KINDS:
        return PARTNERS  # who funds the programme an event is part of is its partner too
    if relative_clause().match(ctx.text[max(0, last.start() - windows().cue_before):last.start()].split(",")[-1]):
        return None  # who runs the programme ("проєкт, який впроваджує ПРООН") need not run the event
    return ORGANIZERS
