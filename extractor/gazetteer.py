"""Build the compact place gazetteers in `gazetteers/` from the staged official sources, and load them.

Sources (see gazetteers/README.md): the KATOTTH codifier (2025-07-02), KOATUU 2020 with the
KATOTTH<->KOATUU table, and hflabs/city (CC BY-SA 4.0) with the regions derived from it.
The ru-cities and NEREL data carry no licence and are never read here.

Every built file is plain CSV. Inflected surface forms are generated here with pymorphy3
(`*_forms.csv`, each form written as the letters to cut from the word and the ending to add), so
matching at run time is a dictionary look-up. `gazetteer()` loads the built tables into name indexes
once per process for extractor/places.py.
"""
from __future__ import annotations

import csv
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from extractor import communities
from extractor.config import settings
from extractor.disk_cache import cached
from extractor.lexicon import data_path, load_toml
from extractor.morph import analyzer, lemma

UA_DIR = Path("data/gazetteers/ua")
RU_DIR = Path("data/gazetteers/ru")
KEPT_CATEGORIES = set("OKPHMXC")  # city districts (B) are left out: they collide with raions
RU_NAMED_CATEGORIES = set("OKPHMX")  # villages rarely appear in Russian-language text
TOWN_CATEGORIES = set("KMX")
CYRILLIC_TO_LATIN = str.maketrans("ОКРНМХСТВ", "OKPHMXCTB")
APOSTROPHES = str.maketrans({c: "'" for c in "’ʼ´`‘ʹ"})
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def normalize(text: str) -> str:
    """Lower-case, unify apostrophes and drop ё, the way both names and text are compared."""
    return text.translate(APOSTROPHES).lower().replace("ё", "е")


def title_case(name: str) -> str:
    """Turn an upper-case KOATUU name into title case ("НОВА УШИЦЯ" -> "Нова Ушиця")."""
    return WORD.sub(lambda m: m.group(0).capitalize(), name.translate(APOSTROPHES).lower())


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
    for row in read_rows(shared / UA_DIR / "katottg" / "katottg-2025-07-02.normalized.csv"):
        if row["category"] in KEPT_CATEGORIES:
            units.append({"code": row["code"], "cat": row["category"], "name": row["name"].translate(APOSTROPHES),
                          "parent": row["parent_code"]})
    return units


def ua_history(shared: Path, units: list[dict[str, str]]) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """Return KOATUU code per KATOTTH code, former names per code, and the former смт flag."""
    koatuu_names = {r["TE"]: title_case(r["NU"]) for r in read_rows(shared / UA_DIR / "koatuu" / "KOATUU_26112020.csv", ";")
                    if r["NP"]}
    current = {u["code"]: u for u in units}
    koatuu_of: dict[str, str] = {}
    old_names: dict[str, list[str]] = defaultdict(list)
    old_cat: dict[str, str] = {}
    table = shared / UA_DIR / "koatuu" / "porivnialna-tablytsia_katottg-koatuu.csv"
    for row in read_rows(table, ";"):
        code, koatuu = row["Кодифікатор"], row["Код об’єкта КОАТУУ"]
        unit = current.get(code)
        if unit is None:
            continue
        koatuu_of[code] = koatuu
        old_cat[code] = row["Категорія об’єкта"].translate(CYRILLIC_TO_LATIN)
        for former in (row["Назва об’єкта"].translate(APOSTROPHES), koatuu_names.get(koatuu, "")):
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
    for row in read_rows(shared / UA_DIR / "koatuu" / "KOATUU_26112020.csv", ";"):
        te, nu = row["TE"], row["NU"]
        if re.fullmatch(r"\d{2}2\d{2}00000", te) and "РАЙОН" in nu and not nu.startswith("РАЙОНИ") \
                and te[:2] in oblast_by_prefix:
            name = title_case(nu.split("/")[0]).replace(" Район", "")
            counts = new_raions.get(te[:5])
            best, n = counts.most_common(1)[0] if counts else ("", 0)
            # a new raion is named only when it holds (nearly) the whole old one: no silent guess
            new = best if counts and n >= 0.9 * sum(counts.values()) else ""
            rows.append([te, name, oblast_by_prefix[te[:2]], new])
    return sorted(rows)


# ---------------------------------------------------------------- uk -> ru names

MAX_VARIANTS = 256


@cache
def translit_rules() -> dict:
    """Return the Ukrainian -> Russian spelling rules of gazetteers/place_translit.toml."""
    raw = load_toml("place_translit.toml")
    return {"rules": tuple((uk, tuple(ru)) for uk, ru in raw["rules"]), "closed_i": tuple(raw["closed_i"]),
            "vowels": set(raw["vowels"]), "endings": {k: tuple(v) for k, v in raw["adjective_endings"].items()},
            "doubled_s_after": raw["doubled_s_after"]}


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
                if uk == "і" and _closed_syllable(word, i):
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
    endings = translit_rules()["endings"]
    ending = ""
    if any(p.tag.POS == "ADJF" and "nomn" in p.tag for p in analyzer("uk").parse(word)):
        ending = next((e for e in endings if word.endswith(e)), "")
    stem = word[: len(word) - len(ending)] if ending else word
    heads = ["".join(p) for p in itertools.islice(itertools.product(*_segments(stem)), MAX_VARIANTS)]
    tails = endings.get(ending, ("",))
    return [h + t for h in heads for t in tails]


def ru_word(word: str, towns: frozenset[str] = frozenset()) -> str:
    """Transliterate one Ukrainian word to Russian, preferring a spelling the Russian dictionary knows as a place,
    then an adjective made from the Russian name of one of `towns` ("Зміївський" -> "Змиевский", of Змиев),
    then any spelling the dictionary knows."""
    ru = analyzer("ru")
    variants = ru_variants(word)

    def known(variant: str, wanted: str | None) -> bool:
        return any(p.is_known and "nomn" in p.tag and (wanted is None or wanted in str(p.tag)) for p in ru.parse(variant))

    return next((v for v in variants if known(v, "Geox")), None) or \
        next((v for v in variants if (m := TOWN_ADJECTIVE.fullmatch(v)) and m.group(1) in towns), None) or \
        next((v for v in variants if known(v, None)), variants[0])


TOWN_ADJECTIVE = re.compile(r"(.+?)(?:ск|цк)(?:ий|ый|ой|ая|ое|ее|ие|ые)")


def ru_name(name: str, towns: frozenset[str] = frozenset()) -> str:
    """Transliterate a Ukrainian place name word by word, keeping capitals, hyphens and spaces."""
    out = []
    for part in re.split(r"([\s-]+)", name.translate(APOSTROPHES)):
        if not part or not WORD.fullmatch(part):
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

RU_REGION_TYPES = {"обл": "область", "край": "край", "АО": "автономный округ", "Аобл": "автономная область"}


def ru_region_name(region_type: str, region: str) -> tuple[str, list[str]]:
    """Return the full nominative name of a Russian subject and its short aliases."""
    region = region.replace("/", "(", 1).replace("/", ")", 1).replace("( ", "(") if "/" in region else region
    aliases = []
    if " - " in region:  # "Кемеровская область - Кузбасс", "Ханты-Мансийский Автономный округ - Югра"
        region, alias = region.split(" - ", 1)
        aliases.append(alias)
    if region_type in ("Респ", "Чувашия"):
        if region.endswith("Республика"):
            name = region
        elif " " not in region and region.endswith("ая"):  # "Удмуртская", "Кабардино-Балкарская"
            name = f"{region} Республика"
        else:
            name = f"Республика {region}"
            aliases.append(region)
    elif region_type == "г":
        name = region
    elif region.lower().endswith(("область", "округ")):
        name = region.replace("Автономный", "автономный")
    else:
        name = f"{region} {RU_REGION_TYPES[region_type]}"
    return re.sub(r"\s+", " ", name), aliases


def ru_tables(shared: Path) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Return Russian regions, cities and raions from hflabs/city, leaving out occupied Crimea and Sevastopol."""
    occupied = {"Крым", "Севастополь"}
    raions: dict[str, list[str]] = {}
    regions = []
    region_code = {}
    for row in read_rows(shared / RU_DIR / "derived" / "ru-regions.from-hflabs-city.csv"):
        if row["region"] in occupied:
            continue
        name, aliases = ru_region_name(row["region_type"], row["region"])
        code = row["kladr_region_code"].ljust(13, "0")
        region_code[(row["region_type"], row["region"])] = (code, name)
        regions.append([code, name, "|".join(aliases), row["capital"]])
    cities = []
    for row in read_rows(shared / RU_DIR / "hflabs-city" / "city.csv"):
        if row["region"] in occupied:
            continue
        name = row["settlement"] or row["city"] or row["area"] or row["region"]
        code, region = region_code[(row["region_type"], row["region"])]
        cities.append([row["kladr_id"], name, code, row["capital_marker"], row["population"] or "0"])
        if row["area_type"] == "р-н":  # the raion holding the city; KLADR: region 2 digits, raion 3
            raions[row["kladr_id"][:5].ljust(13, "0")] = [row["area"], code]
    return sorted(regions), sorted(cities), sorted([code, *rest] for code, rest in raions.items())


# ---------------------------------------------------------------- inflected forms


def word_forms(word: str, lang: str) -> tuple[list[str], list[str]]:
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
    own.discard(normalize(word))
    other -= own | {normalize(word)}
    return sorted(own), sorted(other) if any(p.tag.POS == "ADJF" for p in known or parses[:1]) else []


def encode_form(word: str, form: str) -> str:
    """Write a form as the letters to cut from the word's end and the ending to add ("кам'янець", "кам'янця" -> "3ця")."""
    common = 0
    while common < min(len(word), len(form)) and word[common] == form[common]:
        common += 1
    return f"{len(word) - common}{form[common:]}"


def decode_forms(word: str, encoded: str) -> list[str]:
    """Expand the space-separated encoded forms of a word."""
    forms = []
    for item in encoded.split():
        digits = len(item) - len(item.lstrip("0123456789"))
        cut = int(item[:digits])
        forms.append(word[:len(word) - cut] + item[digits:])
    return forms


def forms_table(names: Iterable[str], lang: str) -> list[list[str]]:
    """Return rows (word, own-gender forms, other-gender forms) for every word of the given names."""
    words = sorted({normalize(w) for name in names for w in WORD.findall(name.translate(APOSTROPHES))})
    rows = []
    for word in words:
        own, other = word_forms(word, lang)
        if own or other:
            rows.append([word, " ".join(encode_form(word, f) for f in own), " ".join(encode_form(word, f) for f in other)])
    return rows


# ---------------------------------------------------------------- build


def ua_ranks(shared: Path, units: list[dict[str, str]], koatuu_of: dict[str, str],
             old_cat: dict[str, str]) -> dict[str, int]:
    """Rank settlements by how well known they are: 4 Kyiv/oblast centre, 3 city, 2 raion centre, 1 former смт."""
    centres: set[tuple[str, str]] = set()  # (KOATUU oblast prefix, centre name) from "ОБЛАСТЬ/М.ЦЕНТР" rows
    raion_centres: set[tuple[str, str]] = set()
    for row in read_rows(shared / UA_DIR / "koatuu" / "KOATUU_26112020.csv", ";"):
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
    ua_src = "KATOTTH codifier 2025-07-02 + KOATUU 2020 (official state data, via bnotezz/ua-settlements, MIT)"
    hf_src = "hflabs/city 2021-10-11 (HFLabs / DaData.ru, Wikipedia) - CC BY-SA 4.0"
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
    towns = frozenset(normalize(ru) for u in units if u["cat"] in TOWN_CATEGORIES for ru in ru_names(u["name"]))
    ru_rows = [[u["code"], ru] for u in units if u["cat"] in RU_NAMED_CATEGORIES
               for ru in ru_names(u["name"], towns if u["cat"] in "OPH" else frozenset())]
    ru_rows += [[code, ru] for code in sorted(old_names) for name in old_names[code]
                if cat[code] in RU_NAMED_CATEGORIES for ru in ru_names(name)]
    ru_rows += [[r[0], ru] for r in raions for ru in ru_names(r[1], towns)]
    counts["ua_ru_names.csv"] = write_csv(
        out_dir / "ua_ru_names.csv", ["code", "name"], sorted(ru_rows),
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
                    for lang in ("uk", "ru")]
    uk_names = [u["name"] for u in units] + [n for ns in old_names.values() for n in ns] + [r[1] for r in raions] \
        + [a["alias"] for a in aliases if a["lang"] in ("uk", "*")] + [c[1] for c in cities]
    counts["ua_forms.csv"] = write_csv(out_dir / "ua_forms.csv", ["word", "forms", "other_gender"],
                                       forms_table(uk_names, "uk"),
                                       "Ukrainian case forms of gazetteer name words, generated with pymorphy3-dicts-uk")
    ru_all = [r[1] for r in ru_rows] + [r[1] for r in regions] + [a for r in regions for a in r[2].split("|") if a] \
        + [c[1] for c in cities] + [r[1] for r in ru_raions] + [a["alias"] for a in aliases if a["lang"] in ("ru", "*")]
    counts["ru_forms.csv"] = write_csv(out_dir / "ru_forms.csv", ["word", "forms", "other_gender"],
                                       forms_table(ru_all, "ru"),
                                       "Russian case forms of gazetteer name words, generated with pymorphy3-dicts-ru;"
                                       " words of hflabs names: CC BY-SA 4.0")
    return counts


# ---------------------------------------------------------------- load (once per process)

UA_KIND = {"O": "oblast", "K": "settlement", "P": "raion", "H": "hromada", "M": "settlement", "X": "settlement",
           "C": "settlement"}
BIG_CITY = 100_000  # a Russian city this populous is well known (rank 3); regional capitals rank 4
CAPITAL_RANK, FOREIGN_CITY_RANK = 4, 3  # a city abroad is named without a cue only when it is well known


@dataclass(frozen=True, eq=False)  # compared by identity: the tables hold each entry object once
class Entry:
    """One gazetteer entry: what a name resolves to."""

    code: str | None
    kind: str
    name: str
    region: str | None
    country: str
    raion: str | None = None
    hromada: str | None = None
    rank: int = 0
    cat: str = ""
    head: tuple[str, ...] = ()  # Russian regions named by an adjective: the head lemmas ("край")
    old_name: str | None = None
    oblast_code: str | None = None
    raion_code: str | None = None


@dataclass
class Gazetteer:
    """Name tables per language: nominative word tuples -> entries, and surface forms -> nominative words."""

    names: dict[str, dict[tuple[str, ...], list[Entry]]] = field(default_factory=lambda: defaultdict(dict))
    adjectives: dict[str, dict[tuple[str, ...], list[Entry]]] = field(default_factory=lambda: defaultdict(dict))
    forms: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    adjective_forms: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # other genders
    capitals: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)  # (lang, country or region code)


def name_words(name: str) -> tuple[str, ...]:
    """Return the normalized words of a name, the key of the name tables."""
    return tuple(normalize(w) for w in WORD.findall(name.translate(APOSTROPHES)))


def _rows(name: str) -> Iterator[dict[str, str]]:
    """Read a built CSV table without caching its rows (the index keeps what it needs)."""
    with data_path(name).open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(line for line in fh if not line.startswith("#"))


def _add(table: dict[tuple[str, ...], list[Entry]], name: str, entry: Entry) -> None:
    words = name_words(name)
    if words and entry not in table.setdefault(words, []):
        table[words].append(entry)


def _ua_entries() -> dict[str, Entry]:
    """Return an entry per KATOTTH code, with its oblast, raion and hromada filled in from the parents."""
    entries: dict[str, Entry] = {}
    by_prefix: dict[str, Entry] = {}
    for row in _rows("ua_units.csv"):
        cat, name = row["cat"], row["name"]
        parent = next((by_prefix[p] for p in _parent_prefixes(row["code"], cat) if p in by_prefix), None)
        kind = UA_KIND[cat]
        if cat == "O":
            full = communities.unit_name(cat, name)
            entries[row["code"]] = Entry(row["code"], kind, full, full, "UA", cat=cat, oblast_code=row["code"])
        elif cat == "K":
            entries[row["code"]] = Entry(row["code"], kind, name, None, "UA", rank=4, cat=cat)
        elif cat == "P":
            entries[row["code"]] = Entry(row["code"], kind, communities.unit_name(cat, name), parent.region, "UA",
                                         cat=cat, oblast_code=parent.code, raion_code=row["code"])
        elif cat == "H":
            entries[row["code"]] = Entry(row["code"], kind, communities.unit_name(cat, name), parent.region, "UA",
                                         raion=parent.name, cat=cat, oblast_code=parent.oblast_code,
                                         raion_code=parent.code)
        else:
            entries[row["code"]] = Entry(row["code"], kind, name, parent.region, "UA", raion=parent.raion,
                                         hromada=parent.name if parent.cat == "H" else None,
                                         rank=int(row["rank"] or 0), cat=cat,
                                         oblast_code=parent.oblast_code, raion_code=parent.raion_code)
        if cat in "OPH":
            by_prefix[_own_prefix(row["code"], cat)] = entries[row["code"]]
    return entries


def _set_capital(gaz: Gazetteer, code: str, entry: Entry, langs: tuple[str, ...] = ("uk", "ru")) -> None:
    """Record a country's or region's capital, what "столиця України", "в столице области" name."""
    for lang in langs:
        gaz.capitals.setdefault((lang, code), []).append(entry)


PARENTS = {"P": "O", "H": "PO", "M": "HPO", "X": "HPO", "C": "HPO"}  # nearest first (Прип'ять has no hromada)


def _own_prefix(code: str, cat: str) -> str:
    return code[:communities.LEVEL_END[cat]]


def _parent_prefixes(code: str, cat: str) -> list[str]:
    """Return the code prefixes a unit's parent may have: its hromada's, else its raion's, else its oblast's."""
    return [code[:communities.LEVEL_END[parent]] for parent in PARENTS.get(cat, "")]


def _ru_entries() -> tuple[dict[str, Entry], dict[str, Entry]]:
    """Return Russian regions and cities by code."""
    regions = {}
    for row in _rows("ru_regions.csv"):
        regions[row["code"]] = Entry(row["code"], "ru_region", row["name"], row["name"], "RU", oblast_code=row["code"])
    cities = {}
    for row in _rows("ru_cities.csv"):
        region = regions.get(row["region"])
        federal = region is not None and region.name == row["name"]
        rank = 4 if row["capital"] in "23" or federal else 3 if int(row["population"] or 0) >= BIG_CITY else 2
        cities[row["code"]] = Entry(row["code"], "ru_city", row["name"], None if federal else region.name, "RU",
                                    rank=rank, oblast_code=None if federal else row["region"])
    return regions, cities


def _ru_region_keys(entry: Entry, heads: set[tuple[str, ...]]) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Split a Russian region name into (standalone name, adjective stem, head lemmas)."""
    words = entry.name.split()
    if words[0] == "Республика":
        return " ".join(words[1:]), None, ()
    for n in (2, 1):
        head = tuple(lemma(w, "ru") for w in words[-n:])
        if len(words) > n and head in heads:
            return None, " ".join(words[:-n]), head
    return entry.name, None, ()


@cache
def gazetteer() -> Gazetteer:
    """Load the built tables once per process, from the disk cache while gazetteers/ and their builders are unchanged."""
    code = [Path(__file__), Path(communities.__file__)]  # communities names the codifier's units
    inputs = [p for p in settings().gazetteers_dir.iterdir() if p.is_file()] + code
    return cached("gazetteer", inputs, _build_index)


def _build_index() -> Gazetteer:
    """Index the built tables by name, in every language and case form."""
    gaz = Gazetteer()
    ua = _ua_entries()
    regions, cities = _ru_entries()
    _index_ukraine(gaz, ua)
    _index_russia(gaz, regions, cities)
    _index_hand_tables(gaz, ua, regions, cities)
    _index_forms(gaz)
    return gaz


def _index_ukraine(gaz: Gazetteer, ua: dict[str, Entry]) -> None:
    """Index Ukrainian names: official, former, pre-2020 raions, and their Russian spellings."""
    for entry in ua.values():
        if entry.cat == "M" and entry.rank == CAPITAL_RANK:
            _set_capital(gaz, entry.oblast_code, entry)  # an oblast centre
        table = gaz.adjectives if entry.cat in "OPH" else gaz.names
        _add(table["uk"], entry.name.replace(" область", "").replace(" район", "").replace(" громада", ""), entry)
    for row in _rows("ua_old_names.csv"):
        _add(gaz.names["uk"], row["name"], replace(ua[row["code"]], old_name=row["name"]))
    old_raions = {}
    for row in _rows("ua_old_raions.csv"):
        oblast, new = ua[row["oblast"]], ua.get(row["raion"])
        # a pre-2020 raion carries the code and name of the current raion that holds it, when one does
        old_raions[row["koatuu"]] = Entry(new.code if new else None, "raion", f"{row['name']} район", oblast.region,
                                          "UA", raion=new.name if new else None, cat="P", oblast_code=oblast.code,
                                          raion_code=new.code if new else None)
        _add(gaz.adjectives["uk"], row["name"], old_raions[row["koatuu"]])
    for row in _rows("ua_ru_names.csv"):
        entry = ua.get(row["code"]) or old_raions.get(row["code"])
        if entry is not None:
            _add(gaz.adjectives["ru"] if entry.cat in "OPH" else gaz.names["ru"], row["name"], entry)


def _index_russia(gaz: Gazetteer, regions: dict[str, Entry], cities: dict[str, Entry]) -> None:
    """Index Russian regions (by adjective and head, or by name), cities and raions."""
    heads = {tuple(h) for h in load_toml("place_cues.toml")["ru"]["region_heads"]}
    for entry in regions.values():
        name, stem, head = _ru_region_keys(entry, heads)
        if name:
            _add(gaz.names["ru"], name, entry)
        if stem:
            _add(gaz.adjectives["ru"], stem, replace(entry, head=head))
    by_name = {(e.name, e.oblast_code): e for e in cities.values()}
    for row in _rows("ru_regions.csv"):
        for alias in filter(None, row["aliases"].split("|")):
            _add(gaz.names["ru"], alias, regions[row["code"]])
        if (row["capital"], row["code"]) in by_name:
            _set_capital(gaz, row["code"], by_name[row["capital"], row["code"]])
    for entry in cities.values():
        for lang in ("uk", "ru"):
            _add(gaz.names[lang], entry.name, entry)
    for row in _rows("ru_raions.csv"):
        region = regions[row["region"]]
        _add(gaz.adjectives["ru"], row["name"], Entry(row["code"], "raion", f"{row['name']} район", region.name, "RU",
                                                       oblast_code=region.code, raion_code=row["code"]))


def _index_hand_tables(gaz: Gazetteer, ua: dict[str, Entry], regions: dict[str, Entry],
                       cities: dict[str, Entry]) -> None:
    """Index the reviewed tables: regions and cities abroad, and aliases (renamings, Russian spellings, countries)."""
    for row in _rows("place_foreign.csv"):
        name = row["name"]
        foreign = Entry(row["code"], "oblast", name, name, row["country"], oblast_code=row["code"])
        _add(gaz.adjectives[row["lang"]], name.rsplit(" ", 1)[0], foreign)
    abroad: dict[tuple[str, str], Entry] = {}  # one entry per name: a city may have two Ukrainian spellings
    for row in _rows("place_foreign_cities.csv"):
        rank = CAPITAL_RANK if row["capital"] == "1" else FOREIGN_CITY_RANK
        for lang in ("uk", "ru"):
            entry = abroad.setdefault((lang, row[lang]), Entry(None, "settlement", row[lang], None, row["country"],
                                                               rank=rank, cat="M"))
            _add(gaz.names[lang], row[lang], entry)
            if row["capital"] == "1":
                _set_capital(gaz, row["country"], entry, (lang,))
    countries: dict[tuple[str, str], Entry] = {}  # a country is named by its first alias row in each language
    for row in _rows("place_aliases.csv"):
        code = row["code"]
        langs = ("uk", "ru") if row["lang"] == "*" else (row["lang"],)
        if row["role"] == "capital":  # a city (Moscow's KLADR code is also its region's)
            capital = ua.get(code) or cities[code]
            _set_capital(gaz, capital.country, capital, langs)
            continue
        for lang in langs:
            target = ua.get(code) or regions.get(code) or cities.get(code) or \
                countries.setdefault((code, lang), Entry(code, "country", row["alias"], None, code))
            if row["renamed"]:
                target = replace(target, old_name=row["alias"])
            table = gaz.adjectives if row["role"] == "adjective" else gaz.names
            _add(table[lang], row["alias"], target)


def _index_forms(gaz: Gazetteer) -> None:
    """Index the case forms: surface form -> nominative name words, own gender and other genders apart."""
    for lang, file in (("uk", "ua_forms.csv"), ("ru", "ru_forms.csv")):
        own: dict[str, set[str]] = defaultdict(set)
        other: dict[str, set[str]] = defaultdict(set)
        for row in _rows(file):
            for form in decode_forms(row["word"], row["forms"]):
                own[form].add(row["word"])
            for form in decode_forms(row["word"], row["other_gender"]):
                other[form].add(row["word"])
        gaz.forms[lang] = {form: tuple(sorted(words)) for form, words in own.items()}
        gaz.adjective_forms[lang] = {form: tuple(sorted(words)) for form, words in other.items()}
