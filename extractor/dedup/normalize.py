"""Fold uk and ru spelling to one canonical form: words, stems, ordinals, places and date words.

Titles and names are compared by word stems after folding uk/ru letters, expanding
abbreviations, transliterating Latin words and mapping Ukrainian words to their Russian
counterparts (`gazetteers/dedup.toml`), so a Ukrainian and a Russian report of one event share
words. Ordinal numbers ("VIII", "восьмий", "8-й") become integers and leave the title's words.
"""
from __future__ import annotations

import os
import re
import sys
from collections import defaultdict
from functools import cache, lru_cache

from extractor import gazetteer
from extractor.dates import reference
from extractor.dates.tokens import tokenize
from extractor.gazetteer.index import index_rules
from extractor.lexicon import load_toml
from extractor.text import LANGS, ROMAN_LOOKALIKES, WORD, fold_apostrophes, sentence_around, split_sentences

LATIN = re.compile(r"[a-z]+")
PLACE_PREFIX = re.compile(r"^(?:м|г|с|смт|пгт|село|селище|мисто|город|поселок)\b\.?\s*")
# Roman numerals up to 39, in Latin letters or their Cyrillic look-alikes ("ХVІ"), upper case only.
ROMAN = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"X": 10, "V": 5, "I": 1}
NUMBERED = re.compile(r"^(\d{1,2})-?([^\W\d]{1,3})$")  # "8-й", "16-го", "3-я"; not "8-9" or "5-ти"
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@cache
def config() -> dict:
    """Return the numbers and word lists of the duplicate decision (gazetteers/dedup.toml)."""
    return load_toml("dedup.toml")


@cache
def _fold_table() -> dict[int, str]:
    return str.maketrans(config()["fold"])


def fold(text: str | None) -> str:
    """Lower-case, fold uk/ru spelling differences and drop punctuation, for fuzzy comparison."""
    if not text or not isinstance(text, str):
        return ""
    text = fold_apostrophes(text.lower()).translate(_fold_table())
    return " ".join(WORD.findall(text))


@cache
def _translit_pairs() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(config()["translit"].items(), key=lambda kv: -len(kv[0])))


def transliterate(word: str) -> str:
    """Spell a Latin word in Cyrillic letters (longest letter groups first)."""
    table = _translit_pairs()
    out, i = [], 0
    while i < len(word):
        for latin, cyrillic in table:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


@cache
def _glossary() -> dict[str, list[tuple[str, str]]]:
    """Index the uk->ru word list, and the spellings of towns and regions, by the first four letters of the word."""
    index: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for uk, ru in [*config()["uk_ru"].items(), *_place_spellings()]:
        uk, ru = fold(uk), fold(ru)
        index[uk[:4]].append((uk, ru))
    return dict(index)


def _place_spellings() -> list[tuple[str, str]]:
    """Return (spelling, canonical name) of the one-word names of Ukraine's towns and regions whose uk and ru
    spellings differ beyond folding ("Дніпропетровська" / "Днепропетровская", "Харків" / "Харьков"): each
    spelling stands for the Ukrainian name, so "Днепропетровский областной совет" shares the place's stem
    with "Дніпропетровська обласна рада"."""
    gaz = gazetteer.gazetteer()
    spellings: dict[tuple[str, bool], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for table in (gaz.names, gaz.adjectives):
        for lang in LANGS:
            for key, entries in table[lang].items():
                for entry in entries:
                    if len(key) == 1 and entry.code and entry.country == "UA" and (
                            entry.kind == "oblast" or entry.rank >= config()["place_spelling_rank"]):
                        spellings[(entry.code, table is gaz.adjectives)][lang].add(fold(key[0]))
    stem = config()["stem_length"]
    return [(variant, name) for by_lang in spellings.values() if by_lang["uk"]
            for name in [min(by_lang["uk"])] for variant in by_lang["uk"] | by_lang["ru"]
            if variant[:stem] != name[:stem]]


@lru_cache(maxsize=200_000)
def canonical(word: str) -> str:
    """Return the comparison stem of a folded word: transliterated, mapped to Russian, cut short."""
    stem_length = config()["stem_length"]
    if LATIN.fullmatch(word):
        word = fold(transliterate(word))
    best, best_len = word, 0
    for uk, ru in _glossary().get(word[:4], ()):
        # An inflected form shares all but the ending with the listed word.
        n = len(os.path.commonprefix([word, uk]))
        if len(uk) <= stem_length:
            n = n if word == uk else 0  # a short word maps only as itself
        elif n < max(stem_length, len(uk) - 2):
            n = 0
        if n > best_len:
            best, best_len = ru, n
    return best[:stem_length]


@cache
def generic() -> frozenset[str]:
    """Return the stems of generic event words ("семін", "школа"): they count little in a title."""
    return frozenset(config()["generic_stems"])


@cache
def stopwords() -> frozenset[str]:
    """Words a name's initials and stems skip ("и", "та")."""
    return frozenset(config()["stopwords"])


@cache
def _ordinal_words() -> tuple[tuple[str, int], ...]:
    """Return (folded stem, number) of ordinal words, longest stems first ("восьм" -> 8)."""
    pairs = [(fold(stem), n) for n, stems in config()["ordinals"]["words"].items() for stem in stems]
    return tuple(sorted(((s, int(n)) for s, n in pairs), key=lambda p: -len(p[0])))


@cache
def _whole_ordinal_words() -> dict[str, int]:
    """Return the folded ordinal words matched only whole ("другий"), with their numbers."""
    return {fold(w): int(n) for n, words_ in config()["ordinals"]["whole_words"].items() for w in words_}


@lru_cache(maxsize=100_000)
def ordinal_of(token: str) -> int | None:
    """Return the number an ordinal token names ("VIII", "ХVІ", "восьмий", "8-й", "16-го"), else None."""
    roman = token.translate(ROMAN_LOOKALIKES)
    if roman.isupper() and ROMAN.match(roman) and roman:
        values = [ROMAN_VALUES[c] for c in roman]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    folded = fold(token).replace(" ", "-")
    numbered = NUMBERED.match(folded)
    if numbered and (numbered.group(2) in config()["ordinals"]["endings"]
                     or "-" in folded and numbered.group(2) in config()["ordinals"]["hyphen_endings"]):
        return int(numbered.group(1))
    endings = config()["ordinals"]["word_endings"]
    for stem, n in _ordinal_words():
        if folded.startswith(stem) and folded[len(stem):] in endings:
            return n
    return _whole_ordinal_words().get(folded)


ORDINAL_TOKEN = re.compile(rf"\d{{1,2}}\s?-\s?\w{{1,3}}\b|{WORD.pattern}")  # "8-й", or a word


@cache
def _part_words() -> tuple[str, ...]:
    return tuple(fold(w) for w in config()["ordinals"]["part_words"])


@cache
def _time_words() -> tuple[str, ...]:
    return tuple(config()["ordinals"]["time_words"])


def _counts_time(words_: list[str], i: int) -> bool:
    """Tell whether the number at `i` counts days or other time ("другого дня форуму"), by the word after it."""
    return i + 1 < len(words_) and fold(words_[i + 1]).startswith(_time_words())


def ordinal(text: str | None) -> int | None:
    """Return the first ordinal number a name holds ("VIII Форум громад" -> 8, "Школа мэров, модуль 2" -> 2), else
    None."""
    if not isinstance(text, str):
        return None
    tokens = ORDINAL_TOKEN.findall(text)
    for i, token in enumerate(tokens):
        n = ordinal_of(token.replace(" ", ""))
        if n and not _counts_time(tokens, i):
            return n
        if i + 1 < len(tokens) and tokens[i + 1].isdigit() and len(tokens[i + 1]) <= 2 and \
                fold(token).startswith(_part_words()):
            return int(tokens[i + 1])
    return None


CLAUSE_END = re.compile(r"[,;:()«»\"“”„]|\s[–—-]\s")
NAME_EDGES = " «»\"“”„'’-–—"


@lru_cache(maxsize=4096)
def _window_sentences(window: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Return the sentence spans of a window by a name: a record's title and event word often open one window,
    and a reprint repeats its original's (the sentence libraries build their rules on every call)."""
    return split_sentences(window, lang)


def series_before(text: str, start: int, lang: str = "uk") -> tuple[int, str] | None:
    """Return the series number among the few words before `start` in its sentence, with the words from it
    to `start` ("у XVI [Українському форумі]", "ІІ польсько-українського форуму [«…»]"), else None."""
    if not isinstance(text, str) or not 0 < start <= len(text):
        return None
    cfg = config()["ordinals"]
    # with the name's first letter, which may open a sentence
    window = text[max(0, start - cfg["sentence_chars"]):start + 1]
    sentence_start, _ = sentence_around(_window_sentences(window, lang), len(window) - 1, len(window))
    window = window[sentence_start:-1]
    every = list(ORDINAL_TOKEN.finditer(window))
    tokens = every[-cfg["name_window_words"]:]
    texts = [t.group(0) for t in tokens]
    for i in range(len(tokens) - 1, -1, -1):
        n = ordinal_of(texts[i].replace(" ", "")) if not _counts_time(texts, i) else None
        # Further off, only a number that opens a capitalized name ("ІІ Польсько-український форум …").
        if n and (len(tokens) - i <= cfg["window_words"]
                  or i + 1 < len(tokens) and tokens[i + 1].group(0)[0].isupper()):
            if _event_runs(tokens[i:]) > 1:  # "ІІ Форуму громад відбувся круглий стіл «…»": another event's name
                return None
            # "региональный этап II форума «…»": the name is of a part of the series, and says so
            at = len(every) - len(tokens) + i
            before = every[max(0, at - cfg["part_window_words"]):at]
            parts = [t for t in before if names_part(t.group(0))]
            return n, window[(parts[0] if parts else tokens[i]).start():].strip(NAME_EDGES)
    return None


def series_after(text: str, end: int, lang: str = "uk") -> tuple[int, str] | None:
    """Return the series number among the few words after `end` in its sentence, with the name it opens up
    to the clause's end ("«…» - це назва [ІІІ Польсько-Українського форуму], який …"), else None."""
    if not isinstance(text, str) or not 0 <= end < len(text):
        return None
    cfg = config()["ordinals"]
    window = text[end:end + cfg["sentence_chars"]]
    window = window[:_window_sentences(window, lang)[0][1]]
    every = list(ORDINAL_TOKEN.finditer(window))
    tokens = every[:cfg["window_words"]]
    texts = [t.group(0) for t in every]
    for i, token in enumerate(tokens):
        n = ordinal_of(token.group(0).replace(" ", "")) if not _counts_time(texts, i) else None
        if n:
            if _event_runs(tokens[:i]):  # "«…» — круглий стіл ІІ форуму": the number is of another event
                return None
            name = " ".join(CLAUSE_END.split(window[token.start():])[0].split()[:cfg["name_window_words"]])
            return (n, name.strip(NAME_EDGES)) if _event_runs(ORDINAL_TOKEN.finditer(name)) <= 1 else None
    return None


@cache
def _event_words() -> tuple[str, ...]:
    return tuple(config()["ordinals"]["event_words"])


def _event_runs(tokens) -> int:
    """Count the runs of event words among tokens ("семінар-тренінг" is one run, "форуму … круглий стіл" two)."""
    runs, inside = 0, False
    for token in tokens:
        event = fold(token.group(0)).startswith(_event_words())
        runs += event and not inside
        inside = event
    return runs


def ordinal_before(text: str, start: int, lang: str = "uk") -> int | None:
    """Return the series number among the few words before `start` in its sentence, else None."""
    found = series_before(text, start, lang)
    return found[0] if found else None


def names_a_series(phrase: str) -> bool:
    """Tell whether a phrase by a series number names the series: a real word besides numbers, event words and
    the words of an edition or a part ("первого выпуска программы «…»" numbers the programme's class, not a series)."""
    return any(s not in generic() and not s.isdigit() and not w.startswith(_part_words()) for s, w in stems(phrase))


def mention(text: str, name: str | None) -> tuple[int, int] | None:
    """Return the (start, end) of a name's first mention in a text, letter case aside, else None."""
    if not isinstance(text, str) or not isinstance(name, str) or not name.strip():
        return None
    start = text.lower().find(name.strip().lower())
    return (start, start + len(name.strip())) if start >= 0 else None


def names_part(text: str | None) -> bool:
    """Tell whether a name is of a part of a programme ("модуль", "етап"), not the whole of it."""
    return isinstance(text, str) and any(w.startswith(_programme_parts()) for w in fold(text).split())


@cache
def _programme_parts() -> tuple[str, ...]:
    return tuple(config()["programme_parts"])


def title_years(text: str | None) -> frozenset[int]:
    """Return the years a name holds ("День Європи – 2019" -> 2019): an edition of a yearly event."""
    return frozenset(map(int, YEAR.findall(text))) if isinstance(text, str) else frozenset()


def url_date(url: str | None) -> str | None:
    """Return the ISO day a page's address names ("/2025/04/21/"), else None: its publication, as weak evidence."""
    found = reference.url_date(url)
    return found.day.isoformat() if found else None


def words(text: str | None) -> list[str]:
    """Fold a name into words: series numbers as digits, abbreviations expanded, stop words and single letters
    dropped."""
    abbreviations = config()["abbreviations"]
    out = []
    if not isinstance(text, str):
        return out
    # A series number is one word however it is written: "XVI", "16-й" and "шістнадцятий" are "16".
    text = " ".join(str(ordinal_of(t.replace(" ", "")) or t) for t in ORDINAL_TOKEN.findall(text))
    for word in fold(text).split():
        for part in abbreviations.get(word, word).split():
            if (len(part) > 1 or part.isdigit()) and part not in stopwords():
                out.append(sys.intern(part))  # records repeat words: keep one copy of each
    return out


def stems(text: str | None) -> tuple[tuple[str, str], ...]:
    """Return the (stem, word) pairs of a name, each stem once."""
    return _stems(text) if isinstance(text, str) else ()


@lru_cache(maxsize=100_000)  # titles and names recur across the sources of an event
def _stems(text: str) -> tuple[tuple[str, str], ...]:
    pairs: dict[str, str] = {}
    for word in words(text):
        pairs.setdefault(canonical(word), word)
    return tuple(pairs.items())


# "Форум громад Слобожанщини: відновлення разом", "Форум «Громади Поділля – спільні рішення»"
HEAD = re.compile(r"^(.+?)(?::|\s[–—-])\s*\w")


def head_stems(title: str | None) -> frozenset[str]:
    """Return the stems of a title's name before its colon or dash and theme, where it has one, else nothing."""
    found = HEAD.match(title) if isinstance(title, str) else None
    return frozenset(s for s, _ in stems(found.group(1))) if found else frozenset()


@lru_cache(maxsize=100_000)
def name_stems(name: str) -> frozenset[str]:
    """Return the stems of an organizer or audience name (cached: records repeat the same names)."""
    return frozenset(s for s, _ in stems(name))


@lru_cache(maxsize=100_000)
def proper_stems(name: str) -> frozenset[str]:
    """Return the stems of a name's places and people: capitalized words (the first one if a place), abbreviations
    aside.

    Two names that each hold such a word the other lacks ("Волинська ОДА" / "Рівненська ОДА") are two.
    """
    return frozenset(s for i, word in enumerate(WORD.findall(name)) if word[0].isupper() and not word.isupper()
                     and (i or place_codes(word)) for s, _ in stems(word))


def place_key(value) -> str:
    """Return the comparison key of a place name ("м. Київ" -> "киив"); the official name after a '|'."""
    if not value or not isinstance(value, str):
        return ""
    return sys.intern(PLACE_PREFIX.sub("", fold(value.split("|")[-1])))


@lru_cache(maxsize=20_000)
def _places(name: str) -> tuple[gazetteer.Entry, ...]:
    """Return the gazetteer entries a place name may stand for, in either language."""
    gaz = gazetteer.gazetteer()
    words_ = gazetteer.name_words(name)
    # A region is filed by its adjective ("Дніпропетровська" of "Дніпропетровська область").
    keys = (words_, words_[:-1]) if len(words_) > 1 else (words_,)
    return tuple(entry for lang in LANGS for table in (gaz.names[lang], gaz.adjectives[lang])
                 for key in keys for entry in table.get(key, ()) if entry.code)


@cache
def _uk_spelling() -> dict[int, str]:
    return str.maketrans(config()["uk_spelling"])


@lru_cache(maxsize=20_000)
def place_codes(name: str) -> frozenset[str]:
    """Return the codifier codes a place name may stand for, in either language ("Днепр" -> Дніпро's code)."""
    return frozenset(entry.code for entry in _places(name))


@lru_cache(maxsize=20_000)
def place_regions(name: str) -> frozenset[str]:
    """Return the codes of the regions a place name may lie in ("Харків" -> Харківська область's; "Москва" -> its
    own)."""
    return frozenset(entry.oblast_code or entry.code for entry in _places(name))


@lru_cache(maxsize=20_000)
def outskirts(village: str, centre: str, same_region: bool = False) -> bool:
    """Tell whether a village or селище lies in the region whose centre the other name is ("Гайдари", "Харків").

    The gazetteer lists only the towns of Russia's regions: a place it lacks ("Завьялово") is a village of the
    centre's region where the two records' regions agree (`same_region`).
    """
    capital = index_rules()["capital_rank"]
    regions = {e.oblast_code for e in _places(centre) if e.rank == capital and e.oblast_code}
    # Villages have no Russian names in the gazetteer: a Russian report may spell one of the centre's region with
    # Russian letters ("Гайдары").
    entries = _places(village) or tuple(e for e in _places(village.translate(_uk_spelling()))
                                        if e.oblast_code in regions)
    if not entries:
        return same_region and bool(regions)
    return bool(regions) and all(
        e.cat in config()["outskirts_categories"] and e.oblast_code in regions for e in entries)


def title_language(title) -> str:
    """Tell a Ukrainian from a Russian title by the letters only one of them has ('' when neither shows)."""
    if not isinstance(title, str):
        return ""
    letters = set(title.lower())
    uk, ru = bool(letters & set(config()["uk_letters"])), bool(letters & set(config()["ru_letters"]))
    return "uk" if uk and not ru else "ru" if ru and not uk else ""


@lru_cache(maxsize=4096)
def day_months(date_text: str) -> frozenset[tuple[int, int]]:
    """Return the (month, day) pairs that date words name ("10-14 листопада" -> (11, 10), (11, 14))."""
    try:
        tokens, _ = tokenize(date_text, "any")
    except (ValueError, TypeError, IndexError, KeyError):  # a date grammar failure means no dates
        return frozenset()
    found, days = set(), []
    for token in tokens:
        if token is None:
            continue
        if token.sym == "N":
            days.append(token.value)
        elif token.sym == "M":
            found.update((token.value, d) for d in days)
            days = []
        elif token.sym == "X" and isinstance(token.value, tuple):
            found.add((token.value[1], token.value[0]))
    return frozenset(found)
