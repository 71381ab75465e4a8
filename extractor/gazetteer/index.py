"""Load the place tables built in `gazetteers/` (see extractor/gazetteer/builder.py) into name indexes.

`gazetteer()` indexes the tables once per process (from the disk cache while they are unchanged) for
extractor/places.py: nominative name words -> entries, and surface case forms -> nominative words, so
that matching at run time is a dictionary look-up. How entries are ranked is data, in
gazetteers/place_tables.toml ([index]).
"""
from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path

from extractor import communities
from extractor.config import settings
from extractor.disk_cache import cached
from extractor.lexicon import data_path, load_toml
from extractor.morph import lemma
from extractor.text import LANGS, LETTER_WORD, fold_apostrophes



def normalize(text: str) -> str:
    """Lower-case, unify apostrophes and drop ё, the way both names and text are compared."""
    return fold_apostrophes(text).lower().replace("ё", "е")


def decode_forms(word: str, encoded: str) -> list[str]:
    """Expand the space-separated encoded forms of a word (written by builder.encode_form)."""
    forms = []
    for item in encoded.split():
        digits = len(item) - len(item.lstrip("0123456789"))
        cut = int(item[:digits])
        forms.append(word[:len(word) - cut] + item[digits:])
    return forms


@cache
def index_rules() -> dict:
    """Return the [index] table of gazetteers/place_tables.toml: unit kinds, parents and ranks."""
    return load_toml("place_tables.toml")["index"]



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

    @cached_property
    def first_words(self) -> dict[str, frozenset[str]]:
        """The first words of the names and adjective names of each language: a word that is none starts no match."""
        return {lang: frozenset(words[0] for table in (self.names.get(lang, {}), self.adjectives.get(lang, {}))
                                for words in table) for lang in LANGS}


def name_words(name: str) -> tuple[str, ...]:
    """Return the normalized words of a name, the key of the name tables."""
    return tuple(normalize(w) for w in LETTER_WORD.findall(name))


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
    kinds = index_rules()["kinds"]
    for row in _rows("ua_units.csv"):
        cat, name = row["cat"], row["name"]
        parent = next((by_prefix[p] for p in _parent_prefixes(row["code"], cat) if p in by_prefix), None)
        kind = kinds[cat]
        if cat == "O":
            full = communities.unit_name(cat, name)
            entries[row["code"]] = Entry(row["code"], kind, full, full, "UA", cat=cat, oblast_code=row["code"])
        elif cat == "K":
            entries[row["code"]] = Entry(row["code"], kind, name, None, "UA", rank=index_rules()["capital_rank"],
                                        cat=cat)
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


def _set_capital(gaz: Gazetteer, code: str, entry: Entry, langs: tuple[str, ...] = LANGS) -> None:
    """Record a country's or region's capital, what "столиця України", "в столице области" name."""
    for lang in langs:
        gaz.capitals.setdefault((lang, code), []).append(entry)


def _own_prefix(code: str, cat: str) -> str:
    return code[:communities.LEVEL_END[cat]]


def _parent_prefixes(code: str, cat: str) -> list[str]:
    """Return the code prefixes a unit's parent may have: its hromada's, else its raion's, else its oblast's."""
    return [code[:communities.LEVEL_END[parent]] for parent in index_rules()["parents"].get(cat, "")]


def _ru_entries() -> tuple[dict[str, Entry], dict[str, Entry]]:
    """Return Russian regions and cities by code."""
    regions = {}
    for row in _rows("ru_regions.csv"):
        regions[row["code"]] = Entry(row["code"], "ru_region", row["name"], row["name"], "RU", oblast_code=row["code"])
    cities = {}
    big_city = index_rules()["big_city"]
    for row in _rows("ru_cities.csv"):
        region = regions.get(row["region"])
        federal = region is not None and region.name == row["name"]
        well_known = 3 if int(row["population"] or 0) >= big_city else 2
        rank = index_rules()["capital_rank"] if row["capital"] in "23" or federal else well_known
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
    """Load the built tables once per process, from the disk cache while gazetteers/ and the indexing code are
    unchanged.

    The offline builder is not watched: what it changes reaches the index through the tables it writes."""
    code = [Path(__file__), Path(communities.__file__)]  # this module indexes; communities names the codifier's units
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
        if entry.cat == "M" and entry.rank == index_rules()["capital_rank"]:
            _set_capital(gaz, entry.oblast_code, entry)  # an oblast centre
        table = gaz.adjectives if entry.cat in "OPH" else gaz.names
        _add(table["uk"], entry.name.replace(" область", "").replace(" район", "").replace(" громада", ""), entry)
    for row in _rows("ua_old_names.csv"):
        _add(gaz.names["uk"], row["name"], replace(ua[row["code"]], old_name=row["name"]))
    old_raions = {}
    for row in _rows("ua_old_raions.csv"):
        oblast, new = ua[row["oblast"]], ua.get(row["raion"])
        # a pre-2020 raion carries the code and name of the current raion that holds it, when one does
        old_raions[row["koatuu"]] = Entry(new.code if new else None, "raion", communities.unit_name("P", row["name"]),
                                          oblast.region, "UA", raion=new.name if new else None, cat="P",
                                          oblast_code=oblast.code,
                                          raion_code=new.code if new else None)
        _add(gaz.adjectives["uk"], row["name"], old_raions[row["koatuu"]])
    for row in _rows("ua_ru_names.csv"):
        entry = ua.get(row["code"]) or old_raions.get(row["code"])
        if entry is not None and row["renamed"]:
            entry = replace(entry, old_name=row["name"])
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
        for lang in LANGS:
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
        rank = index_rules()["capital_rank"] if row["capital"] == "1" else index_rules()["foreign_city_rank"]
        for lang in LANGS:
            entry = abroad.setdefault((lang, row[lang]), Entry(None, "settlement", row[lang], None, row["country"],
                                                               rank=rank, cat="M"))
            _add(gaz.names[lang], row[lang], entry)
            if row["capital"] == "1":
                _set_capital(gaz, row["country"], entry, (lang,))
    countries: dict[tuple[str, str], Entry] = {}  # a country is named by its first alias row in each language
    for row in _rows("place_aliases.csv"):
        code = row["code"]
        langs = LANGS if row["lang"] == "*" else (row["lang"],)
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
