"""Time `extractor coverage` over a store of 100,000 events (a benchmark, not a test; the goal is under 2 s).

    .venv/bin/python bench/coverage_bench.py [--events 100000] [--db /tmp/coverage-bench.db]

Events are spread over random hromadas: a venue settlement for most, two to five participating
hromadas for a third, random topics, dates and review statuses.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from extractor import communities, coverage, store
from extractor.lexicon import load_csv, load_toml
from extractor.store.schema import encode_event

SEED = 20


def fill(db_path: Path, n: int) -> None:
    """Write n synthetic events into a new store."""
    rng = random.Random(SEED)
    settlements = [r["code"] for r in load_csv("ua_units.csv") if r["cat"] in "MXC"]
    hromadas = [h.code for h in communities.hromadas()]
    topics = list(load_toml("topics.toml"))
    db_path.unlink(missing_ok=True)
    db = store.open_db(db_path)
    rows = []
    for i in range(n):
        start = f"202{rng.randint(2, 5)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        named = rng.sample(hromadas, rng.randint(2, 5)) if rng.random() < 0.33 else []
        rows.append(encode_event({
            "id": f"ev-{i:016x}", "article_id": f"a{i}", "event_type": "seminar", "title": f"Семінар {i}",
            "start_date": start, "end_date": start, "settlement_code": rng.choice(settlements), "country": "UA",
            "participant_hromadas": [{"code": c, "name": "", "evidence": [0, 1]} for c in named],
            "topics": rng.sample(topics, rng.randint(0, 3)), "organizers": ["Центр розвитку місцевого самоврядування"],
            "partners": ["U-LEAD з Європою"], "review_status": rng.choice(store.REVIEW_STATUSES), "confidence": 0.9,
            "version": 1}))
    with store.transaction(db):
        db.table("events").insert_all(rows, pk="id", batch_size=5000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/coverage-bench.db"))
    args = parser.parse_args()
    fill(args.db, args.events)
    db = store.open_db(args.db, create=False)
    coverage.coverage(db, region="Полтавщина")  # load the codifier and place tables once, as a warm process would
    for label, kwargs in (("all statuses", {"status": "all"}), ("approved", {}),
                          ("2024, one topic", {"since": "2024-01-01", "until": "2024-12-31", "topic": "finance_budget",
                                               "status": "all"})):
        started, cpu = time.perf_counter(), time.process_time()
        cov = coverage.coverage(db, **kwargs)
        reached = sum(r.events > 0 for r in cov.rows)
        print(f"coverage ({label}): {time.perf_counter() - started:.2f} s wall, {time.process_time() - cpu:.2f} s CPU, "
              f"{reached}/{len(cov.rows)} hromadas reached")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor.cli", "coverage", "--db", str(args.db), "--status", "all",
                    "--format", "csv", "--out", str(args.db.with_suffix(".csv"))], check=True, capture_output=True)
    print(f"extractor coverage --format csv --status all: {time.perf_counter() - started:.2f} s wall, "
          f"a new process (imports and gazetteer load included); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
