"""CPU of the save path alone (dedup and the store), without extraction or loading in the figure.

    PYTHONPATH=TREE .venv/bin/python bench/save_bench.py [--articles CORPUS.jsonl] [--repeats 6]

Extracts the articles once, then saves all the extractions into a fresh store `--repeats` times, in
batches of `batch_articles` as `extractor run` does, and prints the CPU ms an article of each pass
(the first pass with the dedup profiles not yet cached). Run it with PYTHONPATH pointing at another
checkout to compare the two, alternating, in the same minutes.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from extractor import pipeline, store
from extractor.config import settings
from extractor.ingest import Article, iter_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "dev" /
                        "articles.jsonl")
    parser.add_argument("--repeats", type=int, default=6)
    args = parser.parse_args()
    pipeline.load_resources()
    extractions = [pipeline.extract(a) for a in iter_articles([args.articles]) if isinstance(a, Article)]
    size = settings().batch_articles
    passes = []
    for _ in range(args.repeats):
        with tempfile.TemporaryDirectory() as tmp:
            db = store.open_db(Path(tmp) / "events.db")
            summary = pipeline.RunSummary()
            start = time.process_time()
            for i in range(0, len(extractions), size):
                pipeline.save_batch(db, extractions[i:i + size], [], summary)
            passes.append(time.process_time() - start)
            db.close()
    print(f"{len(extractions)} articles, {summary.new} new events, {summary.merged} merged; save CPU ms an article: "
          + " ".join(f"{1000 * s / len(extractions):.2f}" for s in passes))


if __name__ == "__main__":
    main()
