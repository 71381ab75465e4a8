"""Measure place resolution: gazetteer load time, memory, and articles/s on the dev articles (one core).

    .venv/bin/python bench/places_bench.py [--shared ../shared] [--rounds 5]

Load time covers the gazetteer tables and both pymorphy3 analyzers. The first pass over the dev
articles is reported apart (it fills the per-word caches); articles/s is the mean of the later
rounds. RSS is read after loading and at the end.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from extractor.config import settings


def rss_mb() -> float:
    """Return this process's resident memory in MB."""
    with open("/proc/self/status", encoding="ascii") as fh:
        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
    return round(kb / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=settings().shared_dir)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, as the issue asks
    docs = [json.loads(line) for line in (args.shared / "dev" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    before = rss_mb()
    start = time.perf_counter()
    from extractor.morph import analyzer
    from extractor.places import find_places, gazetteer

    analyzer("uk"), analyzer("ru"), gazetteer()
    load_s = time.perf_counter() - start
    loaded = rss_mb()
    start = time.perf_counter()
    mentions = sum(len(find_places(d["text"], d["lang"])) for d in docs)
    first_s = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(args.rounds):
        for d in docs:
            find_places(d["text"], d["lang"])
    steady_s = (time.perf_counter() - start) / args.rounds
    print(json.dumps({
        "articles": len(docs), "mentions": mentions, "load_s": round(load_s, 3),
        "rss_before_mb": before, "rss_loaded_mb": loaded, "rss_end_mb": rss_mb(),
        "first_pass_articles_per_s": round(len(docs) / first_s, 1),
        "articles_per_s": round(len(docs) / steady_s, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
