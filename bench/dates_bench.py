"""Measure date extraction throughput on the seed and dev articles (one process, one core).

    .venv/bin/python bench/dates_bench.py [--shared ../shared] [--rounds 20]

Times find_dates alone on the articles as the pipeline hands them over (cleaned) and on the
raw page text; the first round (compiling the grammar) is left out.
"""
from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from extractor import clean, langid
from extractor.config import settings
from extractor.dates import find_dates


def articles(shared: Path) -> list[tuple[str, str, date | None]]:
    """Return (text, lang, published) of every seed and dev article."""
    found = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found.append((text, langid.detect(text).lang or "uk", None))
    with (shared / "dev" / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            found.append((r["text"], r["lang"], date.fromisoformat(r["published"]) if r["published"] else None))
    return found


def rate(docs: list[tuple[str, str, date | None]], rounds: int) -> tuple[float, int]:
    """Return articles per second over `rounds` passes, and the mentions of one pass."""
    mentions = sum(len(find_dates(*d)) for d in docs)   # warm-up: compiles the grammar
    start = time.perf_counter()
    for _ in range(rounds):
        for doc in docs:
            find_dates(*doc)
    return rounds * len(docs) / (time.perf_counter() - start), mentions


def main() -> None:
    """Print throughput in articles/s and KB/s for cleaned and raw texts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=settings().shared_dir)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    raw = articles(args.shared)
    cleaned = [(clean.clean(t).text, lang, pub) for t, lang, pub in raw]
    size_kb = sum(len(t) for t, _, _ in raw) / 1000
    print(f"{len(raw)} articles, {size_kb:.0f} K characters")
    for name, docs in (("cleaned", cleaned), ("raw", raw)):
        per_s, mentions = rate(docs, args.rounds)
        print(f"{name:8s} {per_s:8.0f} articles/s  {per_s * size_kb / len(docs):8.0f} K chars/s  ({mentions} mentions)")


if __name__ == "__main__":
    main()
