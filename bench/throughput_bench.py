"""Throughput on real pages: the whole pipeline against a reference script, in one invocation.

    .venv/bin/python bench/throughput_bench.py [--articles ../shared/dev/articles.jsonl] [--n 570] [--workers 2]

The held-out pages are repeated to N articles in a temporary folder (each copy with its own id and
a last line holding its copy number, so that no copy is skipped as an exact duplicate; the texts
never enter the repository). The bytecode of the package is written first (into its ignored
`__pycache__` folders), as an installed package has it. Each measurement runs in a fresh process, load
and start-up included:

1. `extractor run CORPUS --workers W` on an empty store (language id, cleaning, dates, places,
   organizations, events, reprints, dedup and the store);
2. the same command again, nothing changed (every article is skipped by its content hash);
3. the reference: natasha's NER (slovnet + navec from the files of the natasha wheel) and
   `dateparser.search_dates` over each whole text, one article at a time, on one core.

Printed: articles/s by wall time (and as the run's own summary reports it, without the start of
the interpreter) and by CPU time (getrusage of the process and its workers; other jobs on a shared
machine stretch wall time, not CPU time), the per-core ratio (pipeline articles/s / W against
reference articles/s / 1) and the load average around each run. `--tree DIR` runs the pipeline of
another checkout (a before/after comparison; the reference always runs from this one).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


def write_corpus(source: Path, n: int, out: Path) -> None:
    """Write the records of `source` repeated to `n` articles, each copy with its own id and last line."""
    records = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    with out.open("w", encoding="utf-8") as fh:
        for i, record in enumerate(islice(cycle(records), n)):
            copy = i // len(records)
            fh.write(json.dumps({**record, "id": f"{record['id']}-{copy}", "text": f"{record['text']}\n\n{copy}"},
                                ensure_ascii=False) + "\n")


def timed(command: list[str], tree: Path = ROOT, **env: str) -> dict:
    """Run a command; return its wall seconds, the CPU seconds of it and its children, the load around it and,
    for `extractor run`, the articles/s its summary reports (the run alone, without interpreter start-up)."""
    before, usage = os.getloadavg()[0], resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {**os.environ, **env, "PYTHONPATH": os.pathsep.join(filter(None, [str(tree), os.environ.get("PYTHONPATH")]))}
    out = subprocess.run(command, check=True, capture_output=True, text=True, cwd=tree, env=env).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    reported = re.search(r"([\d.,]+) articles/s", out)
    return {"wall_s": wall, "cpu_s": cpu, "load": f"{before:.1f}→{os.getloadavg()[0]:.1f}",
            "in_run": reported.group(1) if reported else "–"}


def compile_package(tree: Path) -> None:
    """Write the bytecode of the tree's package, as an installed package has it: where PYTHONDONTWRITEBYTECODE is
    set (as on the team's box) each run would compile every module again (about 0.5 CPU s of a dev run), while the
    reference's libraries load from their installed bytecode."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "extractor")], check=True,
                   stdout=subprocess.DEVNULL)


def reference(corpus: Path) -> None:
    """Tag each text with slovnet and search it with dateparser, one article at a time, on one core (run in a child)."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # numpy would spread slovnet over every core
    import dateparser.search

    from extractor.ner.backends import Slovnet

    tagger = Slovnet()
    for line in corpus.open(encoding="utf-8"):
        record = json.loads(line)
        tagger.ner(record["text"])
        dateparser.search.search_dates(record["text"], languages=[record.get("lang") or "uk"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "dev" / "articles.jsonl")
    parser.add_argument("--n", type=int, default=570, help="articles in the corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout whose pipeline runs (default: this one)")
    parser.add_argument("--reference-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reference_only:
        reference(args.reference_only)
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "articles.jsonl", Path(tmp) / "events.db"
        write_corpus(args.articles, args.n, corpus)
        run = [sys.executable, "-m", "extractor.cli", "run", str(corpus), "--db", str(db), "--workers", str(args.workers)]
        tree = args.tree.resolve()
        for checkout in {tree, ROOT}:  # the reference imports the NER backends of this checkout
            compile_package(checkout)
        rows = {"pipeline": timed(run, tree), "pipeline, nothing changed": timed(run, tree),
                "reference": timed([sys.executable, __file__, "--reference-only", str(corpus)], **ONE_THREAD)}
    cores = {"pipeline": args.workers, "pipeline, nothing changed": 1, "reference": 1}
    print(f"{args.n} articles from {args.articles.name}, pipeline of {args.tree}, {os.cpu_count()} CPUs, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| run | wall s | articles/s | per core | in the run's summary | CPU s | articles per CPU s | load |")
    print("|---|---|---|---|---|---|---|---|")
    for name, row in rows.items():
        rate = args.n / row["wall_s"]
        print(f"| {name} | {row['wall_s']:.1f} | {rate:,.0f} | {rate / cores[name]:,.0f} | {row['in_run']} | {row['cpu_s']:.1f} | "
              f"{args.n / row['cpu_s']:,.0f} | {row['load']} |")
    ours, ref = rows["pipeline"], rows["reference"]
    print(f"per-core ratio (wall): {ref['wall_s'] / (ours['wall_s'] * args.workers):.2f}; "
          f"by CPU time: {ref['cpu_s'] / ours['cpu_s']:.2f}")


if __name__ == "__main__":
    main()
