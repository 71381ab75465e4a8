"""Benchmark the whole pipeline, each stage alone, and a reference pipeline on a generated corpus.

    .venv/bin/python bench/pipeline_bench.py                      # N = 1k and 10k, workers 1 and 2
    nice .venv/bin/python bench/pipeline_bench.py --sizes 100000 --workers 2 --no-stages --no-reference

Corpora come from bench/make_corpus.py (written to --dir once, then reused). Every measurement
runs in a fresh child process, so its peak RSS (getrusage of the child and of its own worker
processes) is its own; each starts on an empty database. Printed per run: articles/s, words/s,
peak RSS of the main process and of the largest worker, events found and the load average
before and after (the machine is shared). Stages alone run in one process on the articles of
the corpus: ingest (read + JSON), langid, clean, dates, places, events (assemble without the
dates and places it calls), reprint signature; their share is of the one-worker pipeline time,
the rest being the store. The reference is what a user might run instead: natasha's NER
(slovnet + navec, without importing natasha) and dateparser.search_dates over each article.
Results are appended as JSON lines to --dir/results.jsonl; a pipeline run also logs its articles,
seconds and peak RSS every 5,000 articles to --dir/bench-N-wW.progress.jsonl.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import make_corpus  # noqa: E402  (a sibling script, not a package)

PROGRESS_EVERY = 5000  # articles between two progress lines of a pipeline run
STAGES = ("ingest", "langid", "clean", "dates", "places", "events", "signature")


def peak_rss_mb() -> dict:
    """Return the peak RSS of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_main_mb": round(own, 1), "rss_worker_mb": round(children, 1)}


def load() -> str:
    """Return the 1-minute load average."""
    return f"{os.getloadavg()[0]:.1f}"


def corpus(directory: Path, n: int, seed: int) -> Path:
    """Return the corpus of n articles, generating it on first use."""
    path = directory / f"corpus-{n}-s{seed}.jsonl"
    if not path.exists():
        make_corpus.write(n, path.with_suffix(".tmp"), seed).rename(path)
    return path


def words_of(path: Path) -> tuple[int, int]:
    """Return the articles and whitespace-separated words of a corpus."""
    articles = words = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            articles += 1
            words += len(json.loads(line)["text"].split())
    return articles, words


# --- children: each prints one JSON line ----------------------------------------------------------


def live_worker_rss_mb() -> float:
    """Return the largest peak RSS (VmHWM) among the live worker processes, in MB."""
    import multiprocessing

    peaks = [0.0]
    for child in multiprocessing.active_children():
        try:
            with open(f"/proc/{child.pid}/status", encoding="ascii") as fh:
                peaks += [int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:")]
        except OSError:
            pass  # the worker ended between listing and reading
    return round(max(peaks), 1)


def child_pipeline(path: Path, workers: int, db: Path) -> dict:
    """Run extractor.pipeline.run on a corpus into a fresh database, logging progress next to it."""
    from extractor import pipeline

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    progress = db.with_suffix(".progress.jsonl").open("w", encoding="utf-8")
    seen = 0
    start = time.perf_counter()

    def checkpoint(_article_id: str) -> None:
        # A long run shows its memory curve even if it is stopped before the end.
        nonlocal seen
        seen += 1
        if seen % PROGRESS_EVERY == 0:
            progress.write(json.dumps({"articles": seen, "seconds": round(time.perf_counter() - start, 1),
                                       "rss_main_mb": peak_rss_mb()["rss_main_mb"],
                                       "rss_worker_mb": live_worker_rss_mb(), "load": load()}) + "\n")
            progress.flush()

    summary = pipeline.run([path], db, workers=workers, on_article=checkpoint)
    seconds = time.perf_counter() - start
    progress.close()
    return {"seconds": seconds, "events": summary.events_found, "extracted": summary.extracted,
            "skipped": sum(summary.skipped.values()), **peak_rss_mb()}


def child_stages(path: Path, limit: int) -> dict:
    """Time each stage alone over the first `limit` articles of the corpus, in one process."""
    from extractor import clean, events, langid, places, reprints
    from extractor.dates import find_dates
    from extractor.ingest import Article, iter_articles

    spent = dict.fromkeys(STAGES, 0.0)
    tick = time.perf_counter()
    iterator = islice(iter_articles([path]), limit)
    while True:
        try:
            article = next(iterator)
        except StopIteration:
            break
        now = time.perf_counter()
        spent["ingest"] += now - tick
        if not isinstance(article, Article):
            tick = time.perf_counter()
            continue
        lang = langid.detect(article.text).lang
        t1 = time.perf_counter()
        spent["langid"] += t1 - now
        if lang not in ("uk", "ru"):
            tick = time.perf_counter()
            continue
        text = clean.clean(article.text).text
        t2 = time.perf_counter()
        find_dates(text, lang, article.published)
        t3 = time.perf_counter()
        places.find_places(text, lang)
        places.find_online(text, lang)
        t4 = time.perf_counter()
        events.assemble(article.id, text, lang, article.published)
        t5 = time.perf_counter()
        reprints.signature(text)
        t6 = time.perf_counter()
        # assemble calls the date and place stages again: its own work is the difference.
        spent["clean"] += t2 - t1
        spent["dates"] += t3 - t2
        spent["places"] += t4 - t3
        spent["events"] += max(0.0, (t5 - t4) - (t4 - t2))
        spent["signature"] += t6 - t5
        tick = time.perf_counter()
    return {"stage_seconds": spent, **peak_rss_mb()}


def child_reference(path: Path, limit: int) -> dict:
    """Run natasha NER (slovnet + navec) and dateparser.search_dates over each article, plainly."""
    import dateparser.search

    from extractor import langid
    from extractor.ner import NatashaTagger

    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            docs.append((record["text"], record.get("lang") or langid.detect(record["text"]).lang or "uk"))
            if len(docs) == limit:
                break
    start = time.perf_counter()
    tagger = NatashaTagger()
    load_s = time.perf_counter() - start
    for text, lang in (("15 березня 2024", "uk"), ("15 марта 2024", "ru")):  # dateparser's first-call setup
        dateparser.search.search_dates(text, languages=[lang])
    ner_s = dates_s = 0.0
    spans = found = 0
    for text, lang in docs:
        t0 = time.perf_counter()
        spans += len(next(tagger.pipe([text])))
        t1 = time.perf_counter()
        found += len(dateparser.search.search_dates(text, languages=[lang]) or [])
        dates_s += time.perf_counter() - t1
        ner_s += t1 - t0
    return {"articles": len(docs), "words": sum(len(t.split()) for t, _ in docs), "load_s": load_s,
            "ner_s": ner_s, "dates_s": dates_s, "seconds": ner_s + dates_s, "entities": spans,
            "dates_found": found, **peak_rss_mb()}


def run_child(*args: str) -> dict:
    """Run this script as a child for one measurement; return its JSON with the load around it."""
    before = load()
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True,
                         text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return {**result, "load": f"{before}→{load()}"}


# --- report ---------------------------------------------------------------------------------------


def record(directory: Path, row: dict) -> None:
    """Append one result to the results file and print it."""
    row = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **row}
    with (directory / "results.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(json.dumps(row, ensure_ascii=False), flush=True)


def main() -> None:
    """Parse the command line, run the measurements and print a summary table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dir", type=Path, default=Path("outputs/bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reference-n", type=int, default=1000, help="articles the reference runs on (first size)")
    parser.add_argument("--stages-n", type=int, default=0, help="articles the stages run on (default: all)")
    parser.add_argument("--no-stages", action="store_true")
    parser.add_argument("--no-reference", action="store_true")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path, *rest = args.child
        if kind == "pipeline":
            result = child_pipeline(Path(path), int(rest[0]), Path(rest[1]))
        elif kind == "stages":
            result = child_stages(Path(path), int(rest[0]))
        else:
            result = child_reference(Path(path), int(rest[0]))
        print(json.dumps(result))
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    summary = []
    for n in args.sizes:
        path = corpus(args.dir, n, args.seed)
        articles, words = words_of(path)
        per_worker = {}
        for workers in args.workers:
            r = run_child("pipeline", str(path), str(workers), str(args.dir / f"bench-{n}-w{workers}.db"))
            per_worker[workers] = r
            row = {"what": "pipeline", "n": n, "workers": workers, "articles_per_s": articles / r["seconds"],
                   "words_per_s": words / r["seconds"], **r}
            record(args.dir, row)
            summary.append(row)
        if not args.no_stages:
            stage_n = min(n, args.stages_n or n)
            r = run_child("stages", str(path), str(stage_n))
            base = per_worker.get(1, {}).get("seconds")
            base = base * stage_n / n if base else None
            shares = {s: v / base for s, v in r["stage_seconds"].items()} if base else {}
            if base:
                shares["store+rest"] = max(0.0, 1 - sum(shares.values()))
            rates = {s: stage_n / v for s, v in r["stage_seconds"].items() if v}
            record(args.dir, {"what": "stages", "n": n, "stage_n": stage_n, "articles_per_s": rates,
                              "share_of_w1": shares, **r})
        if not args.no_reference and n == args.sizes[0]:  # once, on the first articles of the smallest corpus
            r = run_child("reference", str(path), str(min(n, args.reference_n)))
            rate = r["articles"] / r["seconds"]
            row = {"what": "reference", "n": n, "articles_per_s": rate, "words_per_s": r["words"] / r["seconds"],
                   "ner_articles_per_s": r["articles"] / r["ner_s"], "dates_articles_per_s": r["articles"] / r["dates_s"],
                   **r}
            if 1 in per_worker:
                row["ours_w1_over_reference"] = articles / per_worker[1]["seconds"] / rate
            record(args.dir, row)
    print("\n| N | workers | articles/s | words/s | peak RSS main / worker (MB) | load |")
    print("|---|---|---|---|---|---|")
    for row in summary:
        print(f"| {row['n']:,} | {row['workers']} | {row['articles_per_s']:.1f} | {row['words_per_s']:,.0f} | "
              f"{row['rss_main_mb']:.0f} / {row['rss_worker_mb']:.0f} | {row['load']} |")


if __name__ == "__main__":
    main()
