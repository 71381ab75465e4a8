"""Measure how many Russian cities and raions of the gazetteer find_places() finds, with the right region, in case frames.

Usage: .venv/bin/python scripts/ru_city_coverage.py [--verbose] [--lang ru|uk]

Every city of gazetteers/ru_cities.csv is put into sentences of a few frames (locative after "в", after "в
городе", genitive after "из", "администрация города", with its region named after it); the case forms come from
the analyzer's place reading of each word, else its likeliest noun or adjective reading (so a name the dictionary
does not know is only as well covered as its guess: check such names by hand). A case
counts as found when a mention's name is the city (the raion), and as right when its region is the place's too.
Raions are named by their adjective ("Алексинского района").
"""
from __future__ import annotations

import argparse
from collections import Counter

from extractor.lexicon import load_csv
from extractor.morph import analyzer
from extractor.places import find_places

FRAMES = {  # frame -> (case of the name, sentence); the region frame adds the region in the genitive
    "ru": {"loc_start": ("loct", "В {} прошел семинар для депутатов."),
           "loc_mid": ("loct", "Семинар для глав поселений прошел в {}."),
           "city_cue": ("nomn", "Семинар прошел в городе {}."),
           "from": ("gent", "Делегация из {} приняла участие в форуме."),
           "admin": ("gent", "Администрация города {} провела обучение."),
           "with_region": ("loct", "Семинар прошел в {} {}."),
           # the raions of ru_raions.csv, by their adjective
           "raion_gent": ("gent", "Семинар для глав поселений {} района."),
           "raion_loct": ("loct", "В {} районе прошел семинар.")},
    "uk": {"loc_start": ("loct", "У {} відбувся семінар для депутатів."),
           "from": ("gent", "Делегація з {} взяла участь у форумі.")},
}
INDECLINABLE = {"санкт"}  # the first part of "Санкт-Петербург"


def inflect_word(word: str, case: str, lang: str) -> str:
    """Return one name word in a case: its place reading first, else its likeliest noun or adjective reading."""
    parses = [p for p in analyzer(lang).parse(word.lower()) if p.tag.POS in ("NOUN", "ADJF") and "nomn" in p.tag]
    parses.sort(key=lambda p: "Geox" not in str(p.tag))
    for parse in parses:
        form = parse.inflect({case})
        if form:
            return form.word.capitalize() if word[:1].isupper() else form.word
    return word


def inflect(name: str, case: str, lang: str) -> str:
    """Return a city's name in a case, word by word ("на-Дону" and the like stay as they are)."""
    if case == "nomn":
        return name
    out, keep = [], False
    for part in name.replace("-", " - ").split():
        keep = keep or part.lower() == "на"  # "Ростове-на-Дону"
        fixed = part == "-" or keep or part.lower() in INDECLINABLE
        out.append(part if fixed else inflect_word(part, case, lang))
    return " ".join(out).replace(" - ", "-")


def places() -> list[dict]:
    """Read the Russian cities and raions with their region's name."""
    regions = {r["code"]: r["name"] for r in load_csv("ru_regions.csv")}
    # a federal city is its own region: its mentions carry none
    return [{"name": r["name"], "kind": "ru_city",
             "region": None if regions.get(r["region"]) == r["name"] else regions.get(r["region"])}
            for r in load_csv("ru_cities.csv")] + \
        [{"name": r["name"], "kind": "raion", "region": regions[r["region"]]} for r in load_csv("ru_raions.csv")]


def region_genitive(region: str) -> str:
    """Return a region's name in the genitive ("Тульской области")."""
    return " ".join(inflect_word(w, "gent", "ru") if w[0].islower() or w.endswith(("ая", "ий", "ый")) or n else w
                    for n, w in enumerate(region.split()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="ru", choices=("ru", "uk"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    found, right, total = Counter(), Counter(), Counter()
    for place in places():
        for frame, (case, pattern) in FRAMES[args.lang].items():
            if (frame == "with_region" and not place["region"]) or frame.startswith("raion") != (place["kind"] == "raion"):
                continue
            form = inflect(place["name"], case, args.lang)
            sentence = pattern.format(form, region_genitive(place["region"] or ""))
            name = f"{place['name']} район" if place["kind"] == "raion" else place["name"]
            mentions = [m for m in find_places(sentence, args.lang) if m.name == name]
            total[frame] += 1
            found[frame] += bool(mentions)
            right[frame] += any(m.region == place["region"] for m in mentions)
            if args.verbose and not any(m.region == place["region"] for m in mentions):
                print(f"miss {frame}: {sentence} -> {[(m.text, m.name, m.region) for m in find_places(sentence, args.lang)]}")
    for frame in total:
        print(f"{frame:12s} found {found[frame]}/{total[frame]}  right region {right[frame]}/{total[frame]}")
    print(f"{'all':12s} found {sum(found.values())}/{sum(total.values())}  "
          f"right region {sum(right.values())}/{sum(total.values())}")


if __name__ == "__main__":
    main()
