"""Ukrainian and Russian morphology through pymorphy3 (one analyzer per language, cached)."""
from __future__ import annotations

import os
import re
import unicodedata
from functools import cache, lru_cache

import pymorphy3

from extractor.text import APOSTROPHES, ROMAN_LETTERS


class SafeAnalyzer(pymorphy3.MorphAnalyzer):
    """pymorphy3's analyzer that remembers its answers and survives letters without a Unicode name.

    News repeats its words, and every stage asks about the same ones: parses are cached (as
    tuples, so no caller can change a shared answer). pymorphy3's Latin-word check calls
    unicodedata.name() without a default, which raises on letters such as Tangut ideographs;
    they are read as U+FFFD instead.
    """

    @lru_cache(maxsize=50_000)  # about 1.8 KB a word: at most ~90 MB, and a day of news uses fewer words
    def parse(self, word: str) -> tuple:
        try:
            return tuple(super().parse(word))
        except ValueError:
            return tuple(super().parse("".join(c if unicodedata.name(c, "") else "\ufffd" for c in word)))


@cache
def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    """Return the pymorphy3 analyzer for `uk` or `ru` (loaded once per process).

    Its tags give plain strings for tag.POS, tag.case, ... (pymorphy3's documented switch): the typed ones check each
    comparison for a misspelt grammeme, and those reads were the largest own time of extraction.
    """
    morph = SafeAnalyzer(lang="uk" if lang == "uk" else "ru")
    morph.TagClass.typed_grammemes = False
    return morph


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """Return the most likely normal form (lower case) of one word."""
    return analyzer(lang).parse(word)[0].normal_form


# Words of a noun phrase: Cyrillic letters with inner hyphens/apostrophes ("Кам'янець-Подільський").
_CYRILLIC_WORD = re.compile(rf"[\u0400-\u04ff]+(?:[{APOSTROPHES}-][\u0400-\u04ff]+)*")
NAME_GRAMMEMES = {"Name", "Surn", "Patr"}
# A recurring event's number before its name: Roman (Latin or the look-alike Cyrillic І and Х) or "3-й".
_LEADING_NUMBER = re.compile(rf"(?:[{ROMAN_LETTERS}]{{1,6}}|\d{{1,3}}(?:-\w{{1,3}})?)\s+(?=\w)")


def _leading_words(phrase: str) -> list[re.Match]:
    """Return the phrase's first run of Cyrillic words joined only by spaces (stops at quotes, Latin, digits)."""
    words: list[re.Match] = []
    pos = 0
    for match in _CYRILLIC_WORD.finditer(phrase):
        gap = phrase[pos:match.start()]
        if gap.strip() or (match.start() > 0 and phrase[match.start() - 1].isalnum()):
            break
        if match.end() < len(phrase) and (phrase[match.end()].isalnum() or phrase[match.end()] == "_"):
            break
        words.append(match)
        pos = match.end()
    return words


def is_infinitive(tag) -> bool:
    """Tell an infinitive: its own part of speech in the Russian dictionary (INFN), a VERB marked "infn" in the
    Ukrainian one, or a Ukrainian VERB with no grammeme of a finite form at all ("проводити", "проходити" are tagged
    only "VERB,impf")."""
    return bool(INFINITIVE_GRAMMEMES & tag.grammemes) or (tag.POS == "VERB" and not FINITE_GRAMMEMES & tag.grammemes)


# the Russian dictionary's part of speech of an infinitive, and the Ukrainian one's grammeme
INFINITIVE_GRAMMEMES = frozenset({"INFN", "infn"})
# tense, mood, the impersonal "-но" form and number: what any finite verb form bears
FINITE_GRAMMEMES = frozenset({"pres", "past", "futr", "impr", "Impe", "sing", "plur"})


def is_finite_verb(tag) -> bool:
    """Tell a finite verb form ("провели", "проводить" in Russian), not an infinitive nor a participle."""
    return tag.POS == "VERB" and not is_infinitive(tag)


def _number(tag) -> str:
    return "plur" if "plur" in tag else "sing"


def _agrees(adjective, noun) -> bool:
    """Tell whether an adjective parse agrees with a noun parse in case, number and gender."""
    a, n = adjective.tag, noun.tag
    if a.POS not in ("ADJF", "PRTF") or a.case != n.case or _number(a) != _number(n):
        return False
    return _number(n) == "plur" or n.gender not in ("masc", "femn", "neut") or a.gender == n.gender


def _head_group(parses: list[list], animate: bool) -> tuple[list, object] | None:
    """Pick agreeing parses for leading adjectives + head noun: singular, nominative, of the wanted animacy."""
    best, best_key = None, None
    for k in range(len(parses)):
        for noun in parses[k]:
            if noun.tag.POS != "NOUN":
                continue
            adjectives = [next((a for a in parses[i] if _agrees(a, noun)), None) for i in range(k)]
            if None in adjectives:
                continue
            key = (-k, _number(noun.tag) != "sing", noun.tag.case != "nomn",
                   ("anim" in noun.tag) != animate, -noun.score)
            if best_key is None or key < best_key:
                best, best_key = (adjectives, noun), key
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses[k]):
            break
    return best


def match_case(new: str, old: str) -> str:
    """Give `new` the capitalization of `old`, part by part across hyphens ("ОТГ-партнерів" -> "ОТГ-партнери")."""
    if old.isupper() and len(old) > 1:
        return new.upper()
    new_parts, old_parts = new.split("-"), old.split("-")
    if len(new_parts) != len(old_parts):
        return new[:1].upper() + new[1:] if old[:1].isupper() else new
    return "-".join(n.upper() if o.isupper() and len(o) > 1 else n[:1].upper() + n[1:] if o[:1].isupper() else n
                    for n, o in zip(new_parts, old_parts))


# The six cases a noun phrase takes in running text (the vocative is left out).
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _noun_group(phrase: str, lang: str, animate: bool) -> tuple[list[re.Match], list] | None:
    """Find the words of a phrase's leading noun group and the agreeing parse of each."""
    words = _leading_words(phrase)
    if not words:
        return None
    morph = analyzer(lang)
    parses = []
    for match in words:  # parse up to the head noun: the first word that cannot be an adjective
        parses.append(morph.parse(match.group()))
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses[-1]):
            break
    group = _head_group(parses, animate)
    if group is None:
        return None
    adjectives, noun = group
    chosen = [*adjectives, noun]
    if NAME_GRAMMEMES & noun.tag.grammemes:
        for match in words[len(chosen):]:
            options = morph.parse(match.group())
            part = next((p for p in options if NAME_GRAMMEMES & p.tag.grammemes
                         and p.tag.case == noun.tag.case and _number(p.tag) == _number(noun.tag)), None)
            if part is None:
                break
            chosen.append(part)
    return words[:len(chosen)], chosen


def _inflect_group(phrase: str, words: list[re.Match], parses: list, case: str, singular: bool = False) -> str:
    """Rewrite the noun-group words of a phrase in `case` (and the singular), keeping their capitalization."""
    head = next(i for i, p in enumerate(parses) if p.tag.POS == "NOUN")
    plural = singular and _number(parses[head].tag) == "plur"
    noun = _singular(parses[head], case, None, words[head].group()) if plural else None
    out, pos = [], 0
    for i, (match, parse) in enumerate(zip(words, parses)):
        if noun is not None and i <= head:  # the adjectives take the singular noun's gender
            inflected = noun if i == head else _singular(parse, case, noun.tag.gender, match.group())
        else:
            inflected = _inflect(parse, case, match.group())
        word = match_case(inflected.word, match.group()) if inflected else match.group()
        out.append(phrase[pos:match.start()] + word)
        pos = match.end()
    return "".join(out) + phrase[pos:]


def _singular(parse, case: str, gender: str | None, original: str):
    """Return a word's singular form in `case` (of `gender`, for an adjective); Ukrainian tags no "sing".

    Of several, the one sharing the longest beginning with the word: "лучших" -> "лучшая", as in _inflect.
    """
    forms = [f for f in parse.lexeme if f.tag.case == case and "plur" not in f.tag
             and (gender is None or f.tag.gender == gender) and ("Supr" in f.tag) == ("Supr" in parse.tag)]
    return max(forms, key=lambda f: len(os.path.commonprefix([f.word, original.lower()])), default=None)


def _inflect(parse, case: str, original: str):
    """Inflect a parse into `case`; a superlative keeps its own stem.

    pymorphy3 files suppletive superlatives under the plain adjective, so inflecting "лучших"
    or "Высшей" gives "наихорошие", "высочайшая": take the lexeme's form of that case, number
    and gender that shares the longest beginning with the word itself ("лучшие", "Высшая").
    """
    inflected = parse.inflect({case})
    if inflected is None or "Supr" not in parse.tag:
        return inflected
    lowered = original.lower()
    forms = [f for f in parse.lexeme if "Supr" in f.tag and f.tag.case == case
             and f.tag.number == inflected.tag.number and f.tag.gender == inflected.tag.gender]
    return max(forms, key=lambda f: len(os.path.commonprefix([f.word, lowered])), default=inflected)


@lru_cache(maxsize=100_000)
def nominative(phrase: str, lang: str, animate: bool = False, singular: bool = False) -> str:
    """Put a phrase's leading noun group into the nominative, leaving its dependent tail as it is.

    "Хмельницьким Центром перепідготовки" -> "Хмельницький Центр перепідготовки";
    quoted names, Latin words and everything after the head noun stay unchanged,
    except the following name parts of a person ("Сергеем Лавровым" -> "Сергей Лавров").
    Where a form is ambiguous, `animate` picks people ("Львові" -> "Львов") over things ("Львів").
    `singular` puts a plural group in the singular ("обучающих семинарах" -> "обучающий семинар").
    """
    number = _LEADING_NUMBER.match(phrase)  # "ІІІ Польсько-українського форуму": the edition's number stays
    if number:
        return phrase[:number.end()] + nominative(phrase[number.end():], lang, animate, singular)
    group = _noun_group(phrase, lang, animate)
    return phrase if group is None else _inflect_group(phrase, *group, "nomn", singular)


@lru_cache(maxsize=100_000)
def head_noun(phrase: str, lang: str) -> str | None:
    """Return the normal form of a phrase's head noun, past its leading adjectives ("сільські голови" -> "голова",
    "муниципальные служащие" -> "служащий"), else None."""
    group = _noun_group(phrase, lang, animate=True)
    if group:
        return group[1][-1].normal_form
    # A participle standing for a noun ("служащие") has no noun reading: the first word not only an adjective is it.
    morph = analyzer(lang)
    parsed = (morph.parse(match.group()) for match in _leading_words(phrase))
    return next((parses[0].normal_form for parses in parsed if any(p.tag.POS != "ADJF" for p in parses)), None)


@lru_cache(maxsize=10_000)
def case_forms(phrase: str, lang: str) -> tuple[str, ...]:
    """Return a nominative phrase in each case: "Світовий банк" -> (..., "Світового банку", ...)."""
    group = _noun_group(phrase, lang, animate=False)
    if group is None:
        return (phrase,)
    return tuple(sorted({phrase, *(_inflect_group(phrase, *group, case) for case in CASES)}))


@cache
def lexeme(lemma: str, lang: str) -> tuple:
    """Return every form (a parse) of a dictionary word: "провести" -> "провів", "проведено", "проведуть", ...

    Every reading whose normal form is the word itself is taken ("проходити" is perfective and imperfective: only
    the second has "проходитимуть"); a word the dictionary lacks gives nothing.
    """
    readings = [p for p in analyzer(lang).parse(lemma) if p.normal_form == lemma]
    return tuple(dict.fromkeys(form for reading in readings for form in reading.lexeme))
