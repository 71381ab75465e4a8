"""Generate a synthetic corpus of Ukrainian and Russian local news as JSONL, for the benchmarks.

    .venv/bin/python bench/make_corpus.py --n 10000 --out outputs/bench/corpus-10k.jsonl [--seed 1]

Articles are built from bench/corpus_templates.toml (sentences written for the benchmark) and
the place gazetteers (names put in the needed case with pymorphy3): navigation lines, a page
date, event reports and announcements (several date shapes, organizers, partners, audiences,
head counts), other local news, photo credits and hashtags, and teaser/share tails. The same
seed gives the same file; records are written one at a time, so N is bounded by disk only.
"""
from __future__ import annotations

import argparse
import json
import random
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from extractor.lexicon import load_csv
from extractor.morph import analyzer

TEMPLATES = Path(__file__).with_name("corpus_templates.toml")
FIRST_DAY, DAYS = date(2019, 1, 1), 7 * 365


@cache
def templates() -> dict:
    """Read the corpus templates."""
    with TEMPLATES.open("rb") as fh:
        return tomllib.load(fh)


def _parse(word: str, lang: str):
    """Return the nominative, non-personal reading of a word (place names are not first names)."""
    parses = analyzer(lang).parse(word)
    for p in parses:
        if "nomn" in p.tag and not ({"Name", "Surn", "Patr"} & p.tag.grammemes):
            return p
    return parses[0]


@cache
def inflect(phrase: str, lang: str, case: str, gender: str | None = None) -> str:
    """Put every word of a name into `case` (and `gender` for adjectives), keeping capitals."""
    words = []
    for word in phrase.split(" "):
        parts = []
        for part in word.split("-"):
            grammemes = {case} | ({gender} if gender and "ADJF" in _parse(part, lang).tag else set())
            form = _parse(part, lang).inflect(grammemes)
            new = form.word if form else part
            parts.append(new[:1].upper() + new[1:] if part[:1].isupper() else new)
        words.append("-".join(parts))
    return " ".join(words)


@dataclass(frozen=True)
class Places:
    """Names to draw from: settlements, regions (adjective + word, or full names) and hromada adjectives."""

    settlements: tuple[str, ...]
    regions: tuple[str, ...]
    hromadas: tuple[str, ...]


@cache
def places(lang: str) -> Places:
    """Collect one-word-ish names from the gazetteers of a language."""
    if lang == "uk":
        units = load_csv("ua_units.csv")
        settlements = tuple(r["name"] for r in units
                            if r["cat"] in ("M", "K") or (r["cat"] == "C" and r["rank"]))
        regions = tuple(r["name"] for r in units if r["cat"] == "O" and " " not in r["name"])
        hromadas = tuple(r["name"] for r in units if r["cat"] == "H")
    else:
        settlements = tuple(r["name"] for r in load_csv("ru_cities.csv"))
        regions = tuple(r["name"] for r in load_csv("ru_regions.csv") if r["name"].endswith("область"))
        hromadas = tuple(r["name"] for r in load_csv("ru_raions.csv"))
    return Places(settlements, regions, hromadas)


def _region_loc(name: str, lang: str, t: dict) -> str:
    """Return "у Хмельницькій області" / "в Московской области"."""
    adjective = name.removesuffix(" область")
    return f"{t['place_prep'][0]} {inflect(adjective, lang, 'loct', 'femn')} {t['region_word']}"


def date_phrase(rnd: random.Random, lang: str, day: date, announced: bool) -> tuple[str, date]:
    """Write an event date in one of many shapes; return it and a fitting publication date."""
    t = templates()[lang]
    months = t["months_gen"]
    published = day - timedelta(days=rnd.randint(1, 20)) if announced else day + timedelta(days=rnd.randint(0, 6))
    year_word = rnd.choice(t["year_words"])
    end = day + timedelta(days=rnd.randint(1, 3))
    shape = rnd.randrange(8)
    if shape == 0:
        text = f"{day.day} {months[day.month - 1]} {day.year} {year_word}".strip()
    elif shape == 1 and end.month == day.month:
        text = f"{day.day}-{end.day} {months[day.month - 1]}"
    elif shape == 2 and end.month == day.month:
        text = f"{day.day:02d} – {end.day:02d} {months[day.month - 1]} {day.year} {year_word}".strip()
    elif shape == 3:
        text = f"{t['range_from']} {day.day} {months[day.month - 1]} {t['range_to']} {end.day} {months[end.month - 1]}"
    elif shape == 4:
        text = f"{day:%d.%m.%Y}"
    elif shape == 5:
        offset = rnd.randrange(3)
        text, published = t["relative"][offset], day + timedelta(days=(0, 1, -1)[offset])
    elif shape == 6 and day.weekday() < 5:
        text = t["weekdays"][day.weekday()]
        published = day + timedelta(days=-rnd.randint(1, day.weekday() or 1) if announced else rnd.randint(1, 2))
    else:
        text = f"{day.day} {months[day.month - 1]}"
    return text, published


def _fill(template: str, values: dict) -> str:
    """Fill a template and capitalize the sentence."""
    text = template.format(**values)
    return text[:1].upper() + text[1:]


def event_values(rnd: random.Random, lang: str, announced: bool) -> tuple[dict, date]:
    """Draw everything one event sentence may need; return the values and the publication date."""
    t = templates()[lang]
    gaz = places(lang)
    kind = rnd.choice(t["events"])
    day = FIRST_DAY + timedelta(days=rnd.randrange(DAYS))
    when, published = date_phrase(rnd, lang, day, announced)
    city = rnd.choice(gaz.settlements)
    verb = kind["future"] if announced else kind["past"]
    values = {
        "event": kind["event"], "Event": kind["event"][:1].upper() + kind["event"][1:],
        "event_acc": t["event_acc"].get(kind["event"], kind["event"]),
        "past": verb, "future": verb, "past_neutral": t["past_neutral"],
        "title": rnd.choice(t["titles"]), "topic": rnd.choice(t["topics"]), "date": when,
        "place": f"{rnd.choice(t['place_prep'])} {inflect(city, lang, 'loct')}",
        "region": _region_loc(rnd.choice(gaz.regions), lang, t),
        "hromada": f"{inflect(rnd.choice(gaz.hromadas), lang, 'gent', 'femn')} {rnd.choice(t['hromada_words'])}",
        "org": rnd.choice(t["organizers"]), "org_gen": rnd.choice(t["org_gen"]),
        "partner": rnd.choice(t["partners"]), "audience": rnd.choice(t["audiences"]),
        "n": rnd.choice([12, 18, 25, 30, 40, 45, 60, 80, 120]),
        **city_values(rnd, lang),
    }
    return values, published


def city_values(rnd: random.Random, lang: str) -> dict:
    """Draw a settlement for filler sentences, in the nominative, genitive and locative."""
    city = rnd.choice(places(lang).settlements)
    return {"city": city, "city_gen": inflect(city, lang, "gent"), "city_loc": inflect(city, lang, "loct")}


def filler_values(rnd: random.Random, lang: str) -> dict:
    """Draw the values of one filler sentence."""
    t = templates()[lang]
    official = rnd.choice(t["officials"])
    return {**city_values(rnd, lang), "n": rnd.randint(2, 900), "official": official,
            "Official": official[:1].upper() + official[1:], "street": rnd.choice(t["streets"]),
            "facility": rnd.choice(t["facilities"]), "month_gen": rnd.choice(t["months_gen"])}


def body(rnd: random.Random, lang: str, first: list[str], target: int) -> list[str]:
    """Return paragraphs: the given sentences first, then filler until `target` characters."""
    t = templates()[lang]
    paragraphs = [" ".join(first)] if first else []
    size = sum(len(p) for p in paragraphs)
    deck = rnd.sample(t["filler"], len(t["filler"]))  # no sentence twice before all were used
    k = 0
    while size < target:
        sentences = []
        for _ in range(rnd.randint(2, 4)):
            sentences.append(_fill(deck[k % len(deck)], filler_values(rnd, lang)))
            k += 1
        paragraphs.append(" ".join(sentences))
        size += len(paragraphs[-1]) + 2
    return paragraphs


def event_sentences(rnd: random.Random, lang: str, values: dict) -> list[str]:
    """Return the sentences that report one event, in template order, 3 to 5 of them."""
    pool = templates()[lang]["event_sentences"]
    picked = sorted(rnd.sample(range(len(pool)), rnd.randint(3, 5)))
    return [_fill(pool[i], values) for i in picked]


def page_lines(rnd: random.Random, lang: str, published: date, top: bool) -> list[str]:
    """Return navigation lines (top=True) or a teaser/share tail."""
    cfg, t = templates(), templates()[lang]
    if top:
        return rnd.sample(t["menu"], rnd.randint(4, 7)) if rnd.random() < cfg["menu_share"] else []
    if rnd.random() >= cfg["tail_share"]:
        return []
    lines = [rnd.choice(t["tail_markers"])]
    for k in range(rnd.randint(2, 4)):
        day = published - timedelta(days=k + 1)
        lines += [f"{day:%d.%m.%Y} {rnd.randint(7, 22):02d}:{rnd.randint(0, 59):02d}", rnd.choice(t["teasers"])]
    return lines


def article(rnd: random.Random, n: int) -> dict:
    """Build the n-th article record."""
    cfg = templates()
    lang = "uk" if rnd.random() < 0.6 else "ru"
    t = cfg[lang]
    target = rnd.randint(*cfg["target_chars"])
    if rnd.random() < cfg["event_share"]:
        values, published = event_values(rnd, lang, announced=rnd.random() < 0.4)
        first = event_sentences(rnd, lang, values)
        title = f"{values['Event']} «{values['title']}»"
        if rnd.random() < cfg["second_event_share"]:
            more, _ = event_values(rnd, lang, announced=rnd.random() < 0.4)
            first += event_sentences(rnd, lang, more)
    else:
        published = FIRST_DAY + timedelta(days=rnd.randrange(DAYS))
        first, title = [], _fill(rnd.choice(t["news_titles"]), city_values(rnd, lang))
    meta = rnd.choice(t["page_meta"]).format(dd=f"{published.day:02d}", mm=f"{published.month:02d}",
                                             yyyy=published.year, hh=f"{rnd.randint(7, 22):02d}",
                                             mi=f"{rnd.randint(0, 59):02d}")
    paragraphs = body(rnd, lang, first, target)
    if rnd.random() < 0.5:
        paragraphs.insert(rnd.randint(1, len(paragraphs)), rnd.choice(t["noise"]))
    lines = [*page_lines(rnd, lang, published, top=True), title, meta, "", "\n\n".join(paragraphs), "",
             *page_lines(rnd, lang, published, top=False)]
    record = {"id": f"bench-{n:07d}", "url": f"https://news{n % 97}.example/{n}", "title": title,
              "published": published.isoformat(), "text": "\n".join(lines).strip()}
    if rnd.random() < 0.5:  # half the scrapers declare the language
        record["lang"] = lang
    return record


def generate(n: int, seed: int = 1) -> Iterator[dict]:
    """Yield n article records, the same ones for the same seed."""
    rnd = random.Random(seed)
    for i in range(n):
        yield article(rnd, i)


def write(n: int, out: Path, seed: int = 1) -> Path:
    """Write n articles to a JSONL file, one record at a time; return its path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for record in generate(n, seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    """Parse the command line and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
