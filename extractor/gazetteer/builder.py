"""Build the compact place tables in `gazetteers/` from the staged official sources (offline).

Sources (see gazetteers/README.md, and [sources] of gazetteers/place_tables.toml): the KATOTTH
codifier (2025-07-02), KOATUU 2020 with the KATOTTH<->KOATUU table, and hflabs/city (CC BY-SA 4.0)
with the regions derived from it. The ru-cities and NEREL data carry no licence and are never read here.

Every built file is plain CSV. Inflected surface forms are generated here with pymorphy3
(`*_forms.csv`, each form written as the letters to cut from the word and the ending to add), so
that extractor/gazetteer/index.py matches them at run time by a dictionary look-up. Run by
`extractor gazetteer build`; nothing in the pipeline imports this module.
"""
from __future__ import annotations

import csv
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from extractor.gazetteer.index import decode_forms, normalize
from extractor.lexicon import load_toml
from extractor.morph import analyzer
from extractor.text import LANGS, LETTER_WORD, fold_apostrophes

# the comparison table writes some category letters in Cyrillic look-alikes: read them as the codifier's
CYRILLIC_TO_LATIN = str.maketrans("ОКРНМХСТВ", "OKPHMXCTB")


@cache
def build_rules() -> dict:
    """Return the [sources] and [build] tables of gazetteers/place_tables.toml."""
    raw = load_toml("place_tables.toml")
    categories = {key: set(raw["build"][key]) for key in ("kept_categories", "ru_named_categories", "town_categories")}
    return {**raw["sources"], **raw["build"], **categories}


def title_case(name: str) -> str:
    """Turn an upper-case KOATUU name into title case ("НОВА УШИЦЯ" -> "Нова Ушиця")."""
    return LETTER_WORD.sub(lambda m: m.group(0).capitalize(), fold_apostrophes(name).lower())


def read_rows(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    """Yield the rows of a CSV file (BOM and CRLF tolerated, `#` lines skipped) as dicts with stripped keys."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter=delimiter):
            yield {k.strip(): (v or "").strip() for k, v in row.items() if k}


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable], comment: str) -> int:
    """Write rows under a `#` comment line and a header; return the row count."""
    rows = list(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# {comment}\n")
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


# ---------------------------------------------------------------- Ukraine


def ua_units(shared: Path) -> list[dict[str, str]]:
    """Read the codifier: code, category, official name, parent code."""
    units = []
    for row in read_rows(shared / build_rules()["codifier"]):
        if row["category"] in build_rules()["kept_categories"]:
            units.append({"code": row["code"], "cat": row["category"], "name": fold_apostrophes(row["name"]),
                          "parent": row["parent_code"]})
    return units


def ua_history(shared: Path, units: list[dict[str, str]]
               ) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """Return KOATUU code per KATOTTH code, former names per code, and the former смт flag."""
    koatuu_names = {r["TE"]: title_case(r["NU"]) for r in read_rows(shared / build_rules()["koatuu"], ";")
                    if r["NP"]}
    current = {u["code"]: u for u in units}
    koatuu_of: dict[str, str] = {}
    old_names: dict[str, list[str]] = defaultdict(list)
    old_cat: dict[str, str] = {}
    table = shared / build_rules()["comparison"]
    for row in read_rows(table, ";"):
        code, koatuu = row["Кодифікатор"], row["Код об’єкта КОАТУУ"]
        unit = current.get(code)
        if unit is None:
            continue
        koatuu_of[code] = koatuu
        old_cat[code] = row["Категорія об’єкта"].translate(CYRILLIC_TO_LATIN)
        for former in (fold_apostrophes(row["Назва об’єкта"]), koatuu_names.get(koatuu, "")):
            if unit["cat"] in "MXC" and former and normalize(former) != normalize(unit["name"]) \
                    and former not in old_names[code]:
                old_names[code].append(former)
    return koatuu_of, old_names, old_cat


def ua_old_raions(shared: Path, units: list[dict[str, str]], koatuu_of: dict[str, str]) -> list[list[str]]:
    """List the 490 pre-2020 raions: KOATUU code, name, oblast code and the new raion holding most of it."""
    parent = {u["code"]: u["parent"] for u in units}
    cat = {u["code"]: u["cat"] for u in units}
    oblast_by_prefix: dict[str, str] = {}
    new_raions: dict[str, Counter] = defaultdict(Counter)
    for code, koatuu in koatuu_of.items():
        if cat[code] == "O":
            oblast_by_prefix[koatuu[:2]] = code
        elif cat[code] in "MXC" and koatuu[2] == "2":
            raion = parent.get(parent.get(code, ""), "")
            new_raions[koatuu[:5]][raion] += 1
    rows = []
    for row in read_rows(shared / build_rules()["koatuu"], ";"):
        te, nu = row["TE"], row["NU"]
        if re.fullmatch(r"\d{2}2\d{2}00000", te) and "РАЙОН" in nu and not nu.startswith("РАЙОНИ") \
                and te[:2] in oblast_by_prefix:
            name = title_case(nu.split("/")[0]).replace(" Район", "")
            counts = new_raions.get(te[:5])
            best, n = counts.most_common(1)[0] if counts else ("", 0)
            # a new raion is named only when it holds (nearly) the whole old one: no silent guess
            new = best if counts and n >= build_rules()["old_raion_share"] * sum(counts.values()) else ""
            rows.append([te, name, oblast_by_prefix[te[:2]], new])
    return sorted(rows)


# ---------------------------------------------------------------- uk -> ru names

@cache
def translit_rules() -> dict:
    """Return the Ukrainian -> Russian spelling rules of gazetteers/place_translit.toml."""
    raw = load_toml("place_translit.toml")
    return {"rules": tuple((uk, tuple(ru)) for uk, ru in raw["rules"]), "closed_i": tuple(raw["closed_i"]),
            "vowels": set(raw["vowels"]), "endings": {k: tuple(v) for k, v in raw["adjective_endings"].items()},
            "possessive_endings": {k: tuple(v) for k, v in raw["possessive_endings"].items()},
            "qualitative_lemma": raw["qualitative_lemma"],
            "doubled_s_after": raw["doubled_s_after"], "max_variants": raw["max_variants"],
            # the suffix may be the town's own last letters: "Луцкий" of Луцк
            "town_adjective_tail": re.compile(f"(?:{'|'.join(raw['town_adjective_suffixes'])})?"
                                              f"(?:{'|'.join(raw['town_adjective_endings'])})")}


def _closed_syllable(word: str, i: int) -> bool:
    """Tell whether the letter at `i` is followed by a consonant that closes its syllable."""
    vowels = translit_rules()["vowels"]
    rest = word[i + 1:i + 3]
    return bool(rest) and rest[0] not in vowels and (len(rest) == 1 or rest[1] not in vowels)


def _segments(word: str) -> list[tuple[str, ...]]:
    """Split a Ukrainian word into alternatives per piece, longest spelling rule first."""
    rules = translit_rules()
    pieces: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        for uk, ru in rules["rules"]:
            if word.startswith(uk, i):
                if uk == "і" and i > 0 and _closed_syllable(word, i):  # a word-initial і is no former о ("Ізюм")
                    ru = rules["closed_i"]
                pieces.append(ru)
                i += len(uk)
                break
        else:
            pieces.append((word[i],))
            i += 1
    return pieces


def ru_variants(word: str) -> list[str]:
    """Return candidate Russian spellings of one lower-case Ukrainian word, most literal first."""
    rules = translit_rules()
    endings = rules["endings"]
    parses = analyzer("uk").parse(word)
    ending = next((e for e in rules["possessive_endings"] if word.endswith(e)), "")
    if ending and not any(p.is_known and p.tag.POS == "ADJF" and p.normal_form.endswith(rules["qualitative_lemma"])
                          for p in parses):
        endings = rules["possessive_endings"]  # "Глобине", "Сватове" (of сватів): Russian "Глобино", "Сватово"
    elif any(p.tag.POS == "ADJF" and "nomn" in p.tag for p in parses):
        ending = next((e for e in endings if word.endswith(e)), "")
    else:
        ending = ""
    stem = word[: len(word) - len(ending)] if ending else word
    heads = ["".join(p) for p in itertools.islice(itertools.product(*_segments(stem)), rules["max_variants"])]
    tails = endings.get(ending, ("",))
    return [h + t for h in heads for t in tails]


def ru_word(word: str, towns: frozenset[str] = frozenset()) -> str:
    """Transliterate one Ukrainian word to Russian, preferring a spelling the Russian dictionary knows as a place,
    then an adjective made from the Russian name of one of `towns` ("Зміївський" -> "Змиевский", of Змиев),
    then any spelling the dictionary knows."""
    ru = analyzer("ru")
    variants = ru_variants(word)
    tail = translit_rules()["town_adjective_tail"]

    def of_town(variant: str) -> bool:  # every split: "лучский" is of Луч, "луцкий" of Луцк
        return any(variant[:k] in towns and tail.fullmatch(variant[k:]) for k in range(1, len(variant)))

    def known(variant: str, wanted: str | None) -> bool:
        return any(p.is_known and "nomn" in p.tag and (wanted is None or wanted in str(p.tag))
                   for p in ru.parse(variant))

    return next((v for v in variants if known(v, "Geox")), None) or \
        next((v for v in variants if of_town(v)), None) or \
        next((v for v in variants if known(v, None)), variants[0])


def ru_name(name: str, towns: frozenset[str] = frozenset()) -> str:
    """Transliterate a Ukrainian place name word by word, keeping capitals, hyphens and spaces."""
    out = []
    for part in re.split(r"([\s-]+)", fold_apostrophes(name)):
        if not part or not LETTER_WORD.fullmatch(part):
            out.append(part)
            continue
        word = ru_word(part.lower(), towns)
        out.append(word.capitalize() if part[0].isupper() else word)
    return "".join(out)


def ru_names(name: str, towns: frozenset[str] = frozenset()) -> list[str]:
    """Return the Russian spellings of a name: the transliteration, and "сск" where Ukrainian merged it.

    Ukrainian writes one с where a stem in -с meets -ськ- (Одеса -> Одеська, Волочиськ -> Волочиський);
    Russian keeps both (Одесская, Волочисский), and the stem cannot be told from the adjective alone.
    """
    first = ru_name(name, towns)
    doubled = re.sub(f"(?<=[{translit_rules()['doubled_s_after']}])ск", "сск", first)
    return [first] if doubled == first else [first, doubled]


# ---------------------------------------------------------------- Russia


def ru_region_name(region_type: str, region: str) -> tuple[str, list[str]]:
    """Return the full nominative name of a Russian subject and its short aliases."""
    rules = build_rules()
    region = region.replace("/", "(", 1).replace("/", ")", 1).replace("( ", "(") if "/" in region else region
    aliases = []
    if " - " in region:  # "Кемеровская область - Кузбасс", "Ханты-Мансийский Автономный округ - Югра"
        region, alias = region.split(" - ", 1)
        aliases.append(alias)
    if region_type in rules["ru_republic_types"]:
        if region.endswith("Республика"):
            name = region
        elif " " not in region and region.endswith("ая"):  # "Удмуртская", "Кабардино-Балкарская"
            name = f"{region} Республика"
        else:
            name = f"Республика {region}"
            aliases.append(region)
    elif region_type in rules["ru_city_types"]:
        name = region
    elif region.lower().endswith(tuple(rules["ru_full_name_endings"])):
        name = region.replace("Автономный", "автономный")
    else:
        name = f"{region} {rules['ru_region_words'][region_type]}"
    return re.sub(r"\s+", " ", name), aliases


def ru_tables(shared: Path) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Return Russian regions, cities and raions from hflabs/city, leaving out occupied Crimea and Sevastopol."""
    occupied = set(build_rules()["ru_left_out"])
    raions: dict[str, list[str]] = {}
    regions = []
    region_code = {}
    for row in read_rows(shared / build_rules()["ru_regions"]):
        if row["region"] in occupied:
            continue
        name, aliases = ru_region_name(row["region_type"], row["region"])
        code = row["kladr_region_code"].ljust(13, "0")
        region_code[(row["region_type"], row["region"])] = (code, name)
        regions.append([code, name, "|".join(aliases), row["capital"]])
    cities = []
    for row in read_rows(shared / build_rules()["ru_cities"]):
        if row["region"] in occupied:
            continue
        name = row["settlement"] or row["city"] or row["area"] or row["region"]
        code, region = region_code[(row["region_type"], row["region"])]
        cities.append([row["kladr_id"], name, code, row["capital_marker"], row["population"] or "0"])
        if row["area_type"] == "р-н":  # the raion holding the city; KLADR: region 2 digits, raion 3
            raions[row["kladr_id"][:5].ljust(13, "0")] = [row["area"], code]
    return sorted(regions), sorted(cities), sorted([code, *rest] for code, rest in raions.items())


# ---------------------------------------------------------------- inflected forms


def word_forms(word: str, lang: str, by_ending: bool = False) -> tuple[list[str], list[str]]:
    """Return the case forms of one lower-case name word: in its own gender and number, and in other genders.

    Every dictionary reading in the nominative counts ("Миколаїв" is a noun and a possessive adjective);
    other-gender forms of an adjective serve adjective names only ("Полтавська" область, "Полтавський" центр).
    """
    parses = [p for p in analyzer(lang).parse(word) if p.tag.POS in ("NOUN", "ADJF") and "nomn" in p.tag]
    known = [p for p in parses if p.is_known]
    own: set[str] = set()
    other: set[str] = set()
    seen = set()
    for parse in known or parses[:1]:
        key = (parse.normal_form, parse.tag.POS, parse.tag.gender, parse.tag.number)
        if key in seen:
            continue
        seen.add(key)
        gender, number = parse.tag.gender, parse.tag.number
        for form in parse.lexeme:
            if form.tag.number != number:
                continue
            same = gender is None or form.tag.gender in (gender, None)
            (own if same else other).add(normalize(form.word))
    if by_ending and not known:
        own.update(declined_by_ending(normalize(word), lang))
    own.discard(normalize(word))
    other -= own | {normalize(word)}
    return sorted(own), sorted(other) if any(p.tag.POS == "ADJF" for p in known or parses[:1]) else []


def declined_by_ending(word: str, lang: str) -> list[str]:
    """Return the case forms of a name word by its ending's declension ([build.name_declension]): the dictionary's
    guess for a name it does not know may miss the locative ("Гаджиеве", "Княгинине", "Йошкар-Олі")."""
    rules = build_rules()["name_declension"][lang]
    ending = max((e for e in rules if word.endswith(e)), key=len, default=None)
    return decode_forms(word, rules[ending]) if ending else []


def encode_form(word: str, form: str) -> str:
    """Write a form as the letters to cut from the word's end and the ending to add ("кам'янець", "кам'янця" ->
    "3ця")."""
    common = 0
    while common < min(len(word), len(form)) and word[common] == form[common]:
        common += 1
    return f"{len(word) - common}{form[common:]}"


def forms_table(names: Iterable[str], lang: str, by_ending: frozenset[str] | None = None) -> list[list[str]]:
    """Return rows (word, own-gender forms, other-gender forms) for every word of the given names; the words of
    `by_ending` (None: all) that the dictionary does not know are also declined by their ending."""
    words = sorted({normalize(w) for name in names for w in LETTER_WORD.findall(name)})
    rows = []
    for word in words:
        own, other = word_forms(word, lang, by_ending is None or word in by_ending)
        if own or other:
            rows.append([word, " ".join(encode_form(word, f) for f in own),
                         " ".join(encode_form(word, f) for f in other)])
    return rows


# ---------------------------------------------------------------- build


def ua_ranks(shared: Path, units: list[dict[str, str]], koatuu_of: dict[str, str],
             old_cat: dict[str, str]) -> dict[str, int]:
    """Rank settlements by how well known they are: 4 Kyiv/oblast centre, 3 city, 2 raion centre, 1 former смт."""
    centres: set[tuple[str, str]] = set()  # (KOATUU oblast prefix, centre name) from "ОБЛАСТЬ/М.ЦЕНТР" rows
    raion_centres: set[tuple[str, str]] = set()
    for row in read_rows(shared / build_rules()["koatuu"], ";"):
        te, nu = row["TE"], row["NU"]
        if "/" not in nu:
            continue
        centre = normalize(re.sub(r"^(М|СМТ|С)\.?\s*", "", nu.split("/", 1)[1]))
        if te.endswith("00000000"):
            centres.add((te[:2], centre))
        elif re.fullmatch(r"\d{2}2\d{2}00000", te):
            raion_centres.add((te[:5], centre))
    ranks = {}
    for u in units:
        code, koatuu = u["code"], koatuu_of.get(u["code"], "")
        key = normalize(u["name"])
        if u["cat"] == "K" or (u["cat"] == "M" and (koatuu[:2], key) in centres):
            ranks[code] = 4
        elif u["cat"] == "M":
            ranks[code] = 3
        elif any((prefix, key) in raion_centres for prefix in {koatuu[:5], koatuu[:3] + koatuu[3:5]}):
            ranks[code] = 2
        elif old_cat.get(code) == "T":
            ranks[code] = 1
    return ranks


def build(shared_dir: Path, out_dir: Path) -> dict[str, int]:
    """Write the built gazetteer files into `out_dir`; return the row count of each file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    ua_src, hf_src = build_rules()["ua_attribution"], build_rules()["ru_attribution"]
    units = ua_units(shared_dir)
    cat = {u["code"]: u["cat"] for u in units}
    koatuu_of, old_names, old_cat = ua_history(shared_dir, units)
    ranks = ua_ranks(shared_dir, units, koatuu_of, old_cat)
    counts = {}
    counts["ua_units.csv"] = write_csv(
        out_dir / "ua_units.csv", ["code", "cat", "name", "rank"],
        ([u["code"], u["cat"], u["name"], ranks.get(u["code"], "")] for u in units), ua_src)
    counts["ua_old_names.csv"] = write_csv(
        out_dir / "ua_old_names.csv", ["code", "name"],
        ([code, name] for code in sorted(old_names) for name in old_names[code]), ua_src + "; names before renaming")
    raions = ua_old_raions(shared_dir, units, koatuu_of)
    counts["ua_old_raions.csv"] = write_csv(
        out_dir / "ua_old_raions.csv", ["koatuu", "name", "oblast", "raion"], raions, ua_src + "; raions before 2020")
    # oblast, raion and hromada adjectives are mostly made from a town's name: they follow its Russian spelling
    towns = frozenset(normalize(ru) for u in units if u["cat"] in build_rules()["town_categories"]
                      for ru in ru_names(u["name"]))
    ru_rows = [[u["code"], ru, ""] for u in units if u["cat"] in build_rules()["ru_named_categories"]
               for ru in ru_names(u["name"], towns if u["cat"] in "OPH" else frozenset())]
    # a former name is marked, like in place_aliases.csv: a text that uses it names the place as it was then
    ru_rows += [[code, ru, "1"] for code in sorted(old_names) for name in old_names[code]
                if cat[code] in build_rules()["ru_named_categories"] for ru in ru_names(name)]
    ru_rows += [[r[0], ru, ""] for r in raions for ru in ru_names(r[1], towns)]
    counts["ua_ru_names.csv"] = write_csv(
        out_dir / "ua_ru_names.csv", ["code", "name", "renamed"], sorted(ru_rows),
        "Russian spellings of Ukrainian names, transliterated by extractor.gazetteer from " + ua_src)
    regions, cities, ru_raions = ru_tables(shared_dir)
    counts["ru_regions.csv"] = write_csv(out_dir / "ru_regions.csv", ["code", "name", "aliases", "capital"], regions,
                                         hf_src + " (regions derived from it)")
    counts["ru_cities.csv"] = write_csv(out_dir / "ru_cities.csv", ["code", "name", "region", "capital", "population"],
                                        cities, hf_src)
    counts["ru_raions.csv"] = write_csv(out_dir / "ru_raions.csv", ["code", "name", "region"], ru_raions,
                                        hf_src + " (raions that hold a city)")
    # the hand-written tables name places too: their words need case forms
    aliases = [{"alias": row.get("alias") or row["name"], "lang": row["lang"]}
               for file in ("place_aliases.csv", "place_foreign.csv") if (out_dir / file).exists()
               for row in read_rows(out_dir / file)]
    if (out_dir / "place_foreign_cities.csv").exists():
        aliases += [{"alias": row[lang], "lang": lang} for row in read_rows(out_dir / "place_foreign_cities.csv")
                    for lang in LANGS]
    uk_names = [u["name"] for u in units] + [n for ns in old_names.values() for n in ns] + [r[1] for r in raions] \
        + [a["alias"] for a in aliases if a["lang"] in ("uk", "*")] + [c[1] for c in cities]
    # Ukrainian places keep the dictionary's forms alone; Russian cities' names are foreign to it ("Йошкар-Олі")
    russian_words = frozenset(normalize(w) for c in cities for w in LETTER_WORD.findall(c[1]))
    counts["ua_forms.csv"] = write_csv(
        out_dir / "ua_forms.csv", ["word", "forms", "other_gender"], forms_table(uk_names, "uk", russian_words),
        "Ukrainian case forms of gazetteer name words, generated with pymorphy3-dicts-uk")
    ru_all = [r[1] for r in ru_rows] + [r[1] for r in regions] + [a for r in regions for a in r[2].split("|") if a] \
        + [c[1] for c in cities] + [r[1] for r in ru_raions] + [a["alias"] for a in aliases if a["lang"] in ("ru", "*")]
    counts["ru_forms.csv"] = write_csv(out_dir / "ru_forms.csv", ["word", "forms", "other_gender"],
                                       forms_table(ru_all, "ru"),
                                       "Russian case forms of gazetteer name words, generated with pymorphy3-dicts-ru;"
                                       " words of hflabs names: CC BY-SA 4.0")
    return counts
