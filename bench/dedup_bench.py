"""Benchmark event dedup (extractor.dedup.cluster) on synthetic records with planted duplicates.

    .venv/bin/python bench/dedup_bench.py --n 10000 100000 1000000 [--seed 7]

Events are generated from bench/dedup_templates.toml (topic x qualifier titles in uk and ru, 24
oblasts with 6 towns each, organizers, dates from 2016 on at --per-year records a year, so the
density of events in time stays that of a real registry as it grows); about 45 % of them get 1-4 more
reports: reprints (punctuation, case), Russian translations, announcements (undated with an
earlier publication date, or a day and month without a year), reports a day off, titles with a
typo, Latin transliterations, and with --described reports titled by their audience ("семінар
для старост ..."); settlement, region, organizers and audience go missing at random. Records
are shuffled within a window and streamed into `cluster()`, which keeps only their profiles.
Prints, per size: generation+clustering wall time, clustering wall and CPU time alone (generation
timed apart and subtracted), peak RSS, and pairwise precision/recall against the planted events. Each size runs in a fresh
process so peak RSS is its own. With --store the records go one article each through
`dedup.save_article` (blocking query + the same `judge()`), to check the store path agrees.

With --dev DIR it scores the real duplicate groups instead: `scripts/dedup_scores.py` (the
pipeline over DIR/articles.jsonl, gold `dup_group` labels) on the whole set and on DIR/check.txt
alone, printing pairwise precision/recall, the groups merged and the wrong merges of each.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
from array import array
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from extractor import dedup, store

TEMPLATES = Path(__file__).with_name("dedup_templates.toml")
FIRST_DAY = date(2016, 1, 1).toordinal()
PER_YEAR = 10_000  # records a year: the registry grows over time, so more records span more years
UK_MONTHS = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
             "жовтня", "листопада", "грудня"]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря"]
LATIN = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ж": "zh", "з": "z",
         "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
         "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
         "щ": "shch", "ь": "", "ю": "yu", "я": "ya", "'": "", "’": ""}


def templates() -> dict:
    with TEMPLATES.open("rb") as fh:
        return tomllib.load(fh)


def iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def typo(text: str, rng: random.Random) -> str:
    """Change one letter (not the first) of one longer word: swap, drop or double it."""
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 6]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    k = rng.randrange(2, len(w) - 1)
    words[i] = rng.choice([w[:k] + w[k + 1] + w[k] + w[k + 2:], w[:k] + w[k + 1:], w[:k] + w[k] + w[k:]])
    return " ".join(words)


def latin(text: str) -> str:
    return "".join(LATIN.get(c, LATIN.get(c.lower(), c).capitalize() if c.isupper() else c) for c in text)


def events(n_records: int, seed: int, per_year: int = PER_YEAR, described: int = 0) -> Iterator[tuple[int, dict]]:
    """Yield (planted event id, record) pairs, about `n_records` of them, shuffled within a window.

    `described`: the weight of reports titled by their audience among the duplicates (the others weigh 100).
    """
    t = templates()
    t["kind_weights"] = [30, 25, 20, 10, 10, 5, described]
    t["days"] = max(1, round(365.25 * n_records / per_year))
    rng = random.Random(seed)
    window: list[tuple[int, dict]] = []
    produced, event = 0, 0
    while produced < n_records:
        for item in one_event(event, t, rng):
            window.append(item)
            produced += 1
        event += 1
        if len(window) >= 4000:
            rng.shuffle(window)
            yield from window[:2000]
            del window[:2000]
    rng.shuffle(window)
    yield from window


def one_event(event: int, t: dict, rng: random.Random) -> list[tuple[int, dict]]:
    """Return one planted event's records: its first report and its duplicates."""
    region = rng.choice(t["ua_regions"])
    topic, qualifier = rng.choice(t["topics"]), rng.choice(t["qualifiers"])
    organizer = rng.choice(t["organizers"])
    audience = next((a for a in t["audiences"] if a[2].startswith(qualifier[0])), None) or rng.choice(t["audiences"])
    start = FIRST_DAY + rng.randrange(t["days"])
    length = rng.choices([0, 1, 2, 4], [70, 20, 6, 4])[0]
    base = {
        "event_type": rng.choice(t["types"]), "settlement": rng.choice(region[2:]), "region": region[0],
        "start": start, "end": start + length, "titles": (f"{topic[0]} {qualifier[0]}", f"{topic[1]} {qualifier[1]}"),
        "organizers": (organizer[0].format(region=region[1]), organizer[1].format(region=region[1])),
        "short": rng.choice(t["organizer_short"]).format(region=region[1]) if "{region}" in organizer[0] else None,
        "audience": audience,
    }
    lang = 0 if rng.random() < 0.75 else 1
    records = [report(base, lang, rng)]
    extra = rng.choices([0, 1, 2, 3, 4], [55, 25, 12, 5, 3])[0]
    for _ in range(extra):
        kind = rng.choices(["reprint", "translation", "announcement", "shifted", "typo", "latin", "described"],
                           t["kind_weights"])[0]
        records.append(variant(base, lang, kind, t, rng))
    return [(event, r) for r in records]


def report(base: dict, lang: int, rng: random.Random) -> dict:
    """Return a held report of the event in a language (0 uk, 1 ru), with fields missing at random."""
    record = {"event_type": base["event_type"], "title": base["titles"][lang], "status": "held",
              "start_date": iso(base["start"]), "end_date": iso(base["end"]), "date_text": None,
              "settlement": base["settlement"], "region": base["region"],
              "organizers": [base["organizers"][lang]], "partners": [], "audience": [base["audience"][lang]],
              "published": iso(base["end"] + rng.randrange(0, 8))}
    if rng.random() < 0.25:
        record["settlement"] = None
    if rng.random() < 0.1:
        record["region"] = None
    if rng.random() < 0.4:
        record["organizers"] = []
    if rng.random() < 0.4:
        record["audience"] = []
    return record


def variant(base: dict, lang: int, kind: str, t: dict, rng: random.Random) -> dict:
    """Return another report of the event: reprinted, translated, announced, a day off, misspelt, Latin, by audience."""
    if kind == "translation":
        lang = 1 - lang
    record = report(base, lang, rng)
    if kind == "reprint":
        record["title"] = rng.choice([f"«{record['title']}»", record["title"].upper(), record["title"] + "."])
    elif kind == "translation" and base["short"] and lang == 0 and rng.random() < 0.5:
        record["organizers"] = [base["short"]]
    elif kind == "announcement":
        record["status"] = "announced"
        record["published"] = iso(base["start"] - rng.randrange(3, 60))
        form = rng.random()
        if form < 0.3:
            record["start_date"] = record["end_date"] = None
        elif form < 0.5:
            day = date.fromordinal(base["start"])
            record["start_date"] = record["end_date"] = None
            record["date_text"] = f"{day.day} {(UK_MONTHS, RU_MONTHS)[lang][day.month - 1]}"
    elif kind == "shifted":
        record["start_date"] = record["end_date"] = iso(base["end"] + rng.choice([0, 1]))
        record["event_type"] = t["type_variants"].get(base["event_type"], base["event_type"])
    elif kind == "typo":
        record["title"] = typo(record["title"], rng)
    elif kind == "latin":
        record["title"] = latin(base["titles"][0])
    elif kind == "described":
        record["title"] = f"{t['type_words'][base['event_type']][lang]} {base['audience'][2 + lang]}"
        record["audience"] = [base["audience"][lang]]
    return record


def pair_counts(clusters: list[list[int]], truth: array) -> tuple[int, int, int]:
    """Return (pairs in both, predicted pairs, planted pairs)."""
    both = predicted = 0
    for c in clusters:
        predicted += len(c) * (len(c) - 1) // 2
        for k in Counter(truth[i] for i in c).values():
            both += k * (k - 1) // 2
    planted = sum(k * (k - 1) // 2 for k in Counter(truth).values())
    return both, predicted, planted


def measure(n: int, seed: int, per_year: int, described: int) -> dict:
    """Generate and cluster n records in this process; return the numbers."""
    truth = array("i")
    started, cpu = time.perf_counter(), time.process_time()
    for _ in events(n, seed, per_year, described):
        pass
    generation, generation_cpu = time.perf_counter() - started, time.process_time() - cpu

    def stream() -> Iterator[dict]:
        for event, record in events(n, seed, per_year, described):
            truth.append(event)
            yield record

    started, cpu = time.perf_counter(), time.process_time()
    clusters = dedup.cluster(stream())
    total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
    both, predicted, planted = pair_counts(clusters, truth)
    return {"records": len(truth), "years": round(n / per_year, 1), "planted_events": len(set(truth)), "clusters": len(clusters),
            "seconds_total": round(total, 1), "seconds_generation": round(generation, 1),
            "seconds_dedup": round(total - generation, 1), "cpu_seconds_dedup": round(total_cpu - generation_cpu, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "precision": round(both / predicted, 4) if predicted else 1.0,
            "recall": round(both / planted, 4) if planted else 1.0, "planted_pairs": planted,
            "predicted_pairs": predicted}


def measure_store(n: int, seed: int, per_year: int, described: int) -> dict:
    """Save n records, one article each, through dedup.save_article into a scratch store; return the numbers."""
    truth, event_of = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        db = store.open_db(Path(tmp) / "bench.db")
        started, cpu = time.perf_counter(), time.process_time()
        for k, (event, record) in enumerate(events(n, seed, per_year, described)):
            article = {"id": f"a{k}", "url": None, "title": None, "lang": None, "published": record["published"],
                       "text": f"article {k}", "status": "extracted", "reason": None, "duplicate_of": None,
                       "source": "bench"}
            dedup.save_article(db, article, [{**record, "article_id": article["id"]}], run_id=None)
            truth.append(event)
        total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
        event_of = dict(db.execute("select article_id, event_id from event_sources").fetchall())
        db.close()
    clusters: dict[str, list[int]] = {}
    for k in range(len(truth)):
        clusters.setdefault(event_of[f"a{k}"], []).append(k)
    both, predicted, planted = pair_counts(list(clusters.values()), array("i", truth))
    return {"store_records": len(truth), "seconds_per_article": round(total / len(truth), 4),
            "cpu_seconds_per_article": round(total_cpu / len(truth), 4),
            "precision": round(both / predicted, 4) if predicted else 1.0,
            "recall": round(both / planted, 4) if planted else 1.0}


def measure_dev(dev: Path) -> None:
    """Print dedup precision/recall and groups merged on a gold set's duplicate groups, whole and check.txt alone."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "dedup_scores.py"
    for label, extra in (("all", []), ("check.txt", ["--articles", str(dev / "check.txt")])):
        started = time.perf_counter()
        out = subprocess.run([sys.executable, str(script), "--dev", str(dev), *extra], check=True, capture_output=True,
                             text=True).stdout.splitlines()
        print(f"{label} ({time.perf_counter() - started:.1f} s, pipeline included):", *out[1:3], sep="\n  ",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-year", type=int, default=PER_YEAR, help="records a year (the time span grows with n)")
    parser.add_argument("--described", type=int, default=0,
                        help="weight of reports titled by their audience among duplicates (others: 100)")
    parser.add_argument("--store", action="store_true", help="save through the SQLite store instead (slow: use small n)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child run of one size
    parser.add_argument("--dev", type=Path, help="score the duplicate groups of this gold set instead (../shared/dev)")
    args = parser.parse_args()
    if args.dev:
        measure_dev(args.dev)
        return
    if args.one:
        measure_one = measure_store if args.store else measure
        print(json.dumps(measure_one(args.n[0], args.seed, args.per_year, args.described)))
        return
    for n in args.n:
        out = subprocess.run([sys.executable, __file__, "--one", "--n", str(n), "--seed", str(args.seed),
                              "--per-year", str(args.per_year), "--described", str(args.described)]
                             + ["--store"] * args.store,
                             check=True, capture_output=True, text=True).stdout
        print(out.strip(), flush=True)


if __name__ == "__main__":
    main()
