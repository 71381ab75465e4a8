"""Measure NER speed, load time and memory per language and backend (one process per run, one core).

    .venv/bin/python bench/ner_bench.py [--shared ../shared] [--rounds 3] [--backends spacy natasha hybrid]

Each (language, backend) runs in a fresh child process pinned to one CPU core: load time is the
first load_pipeline call, RSS is read after loading and after tagging, words/s counts
whitespace-separated words of the dev articles of that language (plus the NER test split texts)
tagged through entities_batch after one warm-up pass, per wall-clock second and per second of
this process's CPU time (the latter stays meaningful when other jobs share the core).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from extractor.config import settings


def rss_mb() -> float:
    """Return this process's resident memory in MB."""
    with open("/proc/self/status", encoding="ascii") as fh:
        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
    return round(kb / 1024, 1)


def texts(shared: Path, lang: str) -> list[str]:
    """Return the dev articles of a language and the raw texts of its NER test split."""
    from extractor.ner.corpus import load_corpus, load_settings

    found = []
    with (shared / "dev" / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record.get("lang") == lang and record.get("text"):
                found.append(record["text"])
    found += [d.text for d in load_corpus(load_settings(lang), "test", shared)]
    return found


def measure(lang: str, backend: str, shared: Path, rounds: int) -> dict:
    """Load one backend and time it on the texts of its language."""
    from extractor.ner import entities_batch, load_pipeline

    docs = texts(shared, lang)
    words = sum(len(t.split()) for t in docs)
    rss_before = rss_mb()
    started = time.perf_counter()
    load_pipeline(lang, backend)
    load_s = time.perf_counter() - started
    rss_loaded = rss_mb()
    n_entities = sum(len(e) for e in entities_batch(docs, lang, backend))  # warm-up: morph caches
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for _ in entities_batch(docs, lang, backend):
            pass
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {"lang": lang, "backend": backend, "docs": len(docs), "words": words, "entities": n_entities,
            "load_s": round(load_s, 2), "rss_mb_base": rss_before, "rss_mb_loaded": rss_loaded,
            "rss_mb_after": rss_mb(), "words_per_s": round(words * rounds / elapsed),
            "words_per_cpu_s": round(words * rounds / cpu)}


def main() -> None:
    """Run every (language, backend) pair in its own pinned child process and print JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=settings().shared_dir)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=["spacy", "natasha", "hybrid"])
    parser.add_argument("--child", nargs=2, metavar=("LANG", "BACKEND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        print(json.dumps(measure(*args.child, args.shared, args.rounds)))
        return
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    for lang in ("uk", "ru"):
        for backend in args.backends:
            if backend in ("natasha", "hybrid") and lang != "ru":  # slovnet is Russian only
                continue
            subprocess.run([sys.executable, __file__, "--shared", str(args.shared), "--rounds", str(args.rounds),
                            "--child", lang, backend], env=env, check=True)


if __name__ == "__main__":
    main()
