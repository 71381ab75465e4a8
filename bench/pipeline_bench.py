"""Benchmark the whole pipeline, each stage alone, and a reference pipeline on a generated corpus.

    .venv/bin/python bench/pipeline_bench.py                      # N = 1k and 10k, workers 1 and 2
    nice .venv/bin/python bench/pipeline_bench.py --sizes 100000 --workers 2 --no-stages --no-reference
    .venv/bin/python bench/pipeline_bench.py --report                 # tables of all results so far

Corpora come from bench/make_corpus.py (written to --dir once, then reused). Every measurement
runs in a fresh child process, so its peak RSS (getrusage of the child and of its own worker
processes) is its own; each starts on an empty database. Printed per run: articles/s, words/s,
peak RSS of the main process and of the largest worker, events found and the load average
before and after (the machine is shared). Stages alone run in one process on the articles of
the corpus: ingest (read + JSON), langid, clean, dates, places, events (assemble without the
dates and places it calls), reprint signature; their share is of the one-worker pipeline time,
the rest being the store. The reference is what a user might run instead: natasha's NER
(slovnet + navec, without importing natasha) and dateparser.search_dates over each article.
With --dask the same corpus also goes through pipeline.run on a local Dask cluster (executor "dask");
with --incremental a copy of each size's last store is run again on its corpus plus 1 % new articles.
Results are appended as JSON lines to --dir/results.jsonl; a pipeline run also logs its articles,
seconds and peak RSS every 5,000 articles to --dir/bench-N-wW.progress.jsonl.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
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


def cpu_seconds() -> tuple[float, float]:
    """Return the CPU time (user + system) of this process and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


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


def timed(func, spent: dict, key: str):
    """Wrap a function so that its wall time adds up in spent[key] and its CPU time in spent[key + "_cpu"]."""
    spent.setdefault(key + "_cpu", 0.0)

    def wrapper(*args, **kwargs):
        tick, cpu = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - tick
            spent[key + "_cpu"] += time.process_time() - cpu
    return wrapper


def child_pipeline(path: Path, workers: int, db: Path, fresh: bool = True) -> dict:
    """Run extractor.pipeline.run on a corpus into a fresh (or the given) database, logging progress next to it."""
    from extractor import pipeline

    for suffix in ("", "-wal", "-shm") if fresh else ():
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

    spent = {"save_s": 0.0, "extract_s": 0.0}
    pipeline.save = timed(pipeline.save, spent, "save_s")  # the single writer: its time bounds any worker count
    if workers == 1:  # in worker processes the function must stay picklable by name
        pipeline.extract_limited = timed(pipeline.extract_limited, spent, "extract_s")
    cpu = cpu_seconds()
    summary = pipeline.run([path], db, workers=workers, on_article=checkpoint)
    seconds = time.perf_counter() - start
    progress.close()
    main_cpu, workers_cpu = (b - a for a, b in zip(cpu, cpu_seconds()))
    return {"seconds": seconds, "cpu_main_s": main_cpu, "cpu_workers_s": workers_cpu, **spent,
            "events": summary.events_found, "extracted": summary.extracted, "unchanged": summary.unchanged,
            "skipped": sum(summary.skipped.values()), **peak_rss_mb()}


def child_dask(path: Path, workers: int, db: Path) -> dict:
    """Run the pipeline on a local Dask cluster of `workers` processes into a fresh database."""
    from extractor import pipeline

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cpu = cpu_seconds()
    start = time.perf_counter()
    summary = pipeline.run([path], db, workers=workers, executor="dask")  # cluster start-up included
    seconds = time.perf_counter() - start
    main_cpu, workers_cpu = (b - a for a, b in zip(cpu, cpu_seconds()))
    return {"seconds": seconds, "cpu_main_s": main_cpu, "cpu_workers_s": workers_cpu,
            "events": summary.events_found, "extracted": summary.extracted, "skipped": sum(summary.skipped.values()), **peak_rss_mb()}


def child_stages(path: Path, limit: int) -> dict:
    """Time each stage alone over the first `limit` articles of the corpus, in one process."""
    from extractor import clean, events, langid, online, places, reprints
    from extractor.dates import find_dates
    from extractor.ingest import Article, iter_articles

    spent = dict.fromkeys(STAGES, 0.0)  # CPU seconds: the machine is shared, wall time would count the others
    tick = time.process_time()
    iterator = islice(iter_articles([path]), limit)
    while True:
        try:
            article = next(iterator)
        except StopIteration:
            break
        now = time.process_time()
        spent["ingest"] += now - tick
        if not isinstance(article, Article):
            tick = time.process_time()
            continue
        lang = langid.detect(article.text).lang
        t1 = time.process_time()
        spent["langid"] += t1 - now
        if lang not in ("uk", "ru"):
            tick = time.process_time()
            continue
        text = clean.clean(article.text).text
        t2 = time.process_time()
        find_dates(text, lang, article.published)
        t3 = time.process_time()
        places.find_places(text, lang)
        online.find_online(text, lang)
        t4 = time.process_time()
        events.assemble(article.id, text, lang, article.published)
        t5 = time.process_time()
        reprints.signature(text)
        t6 = time.process_time()
        # assemble calls the date and place stages again: its own work is the difference.
        spent["clean"] += t2 - t1
        spent["dates"] += t3 - t2
        spent["places"] += t4 - t3
        spent["events"] += max(0.0, (t5 - t4) - (t4 - t2))
        spent["signature"] += t6 - t5
        tick = time.process_time()
    return {"stage_seconds": spent, **peak_rss_mb()}


def child_reference(path: Path, limit: int) -> dict:
    """Run natasha NER (slovnet + navec) and dateparser.search_dates over each article, plainly."""
    import dateparser.search

    from extractor import langid
    from extractor.ner.backends import NatashaTagger

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
    cpu = cpu_seconds()
    for text, lang in docs:
        t0 = time.perf_counter()
        spans += len(next(tagger.pipe([text])))
        t1 = time.perf_counter()
        found += len(dateparser.search.search_dates(text, languages=[lang]) or [])
        dates_s += time.perf_counter() - t1
        ner_s += t1 - t0
    return {"articles": len(docs), "words": sum(len(t.split()) for t, _ in docs), "load_s": load_s,
            "ner_s": ner_s, "dates_s": dates_s, "seconds": ner_s + dates_s, "cpu_s": cpu_seconds()[0] - cpu[0],
            "entities": spans,
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


def report(directory: Path) -> None:
    """Print the results file as Markdown tables (the latest row of each measurement)."""
    latest: dict[tuple, dict] = {}
    with (directory / "results.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            latest[(row["what"], row["n"], row.get("workers"))] = row
    rows = sorted(latest.values(), key=lambda r: (r["what"], r["n"], r.get("workers") or 0))
    print("| N | workers | articles/s | words/s | CPU ms/article (main + workers) | writer ms/article "
          "| peak RSS main / largest worker (MB) | load (1 min) | finished (UTC) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in (r for r in rows if r["what"] in ("pipeline", "dask")):
        n = r["extracted"] + r["skipped"]
        cpu = (f"{1000 * r['cpu_main_s'] / n:.0f} + {1000 * r['cpu_workers_s'] / n:.0f}" if "cpu_main_s" in r
               else f"{1000 * r['cpu_s'] / n:.0f} (total)" if "cpu_s" in r else "–")
        writer = f"{1000 * r['save_s'] / n:.1f}" if "save_s" in r else "–"
        how = f"{r['workers']} (Dask)" if r["what"] == "dask" else r["workers"]
        print(f"| {r['n']:,} | {how} | {r['articles_per_s']:.1f} | {r['words_per_s']:,.0f} | {cpu} | {writer} "
              f"| {r['rss_main_mb']:.0f} / {r['rss_worker_mb']:.0f} | {r['load']} | {r['time'][11:16]} |")
    for r in (r for r in rows if r["what"] == "stages"):
        w1 = latest.get(("pipeline", r["n"], 1), {})
        cpu = w1.get("cpu_main_s", w1.get("cpu_s"))  # rows of older runs have only the total
        total = cpu * r["stage_n"] / (w1["extracted"] + w1["skipped"]) if cpu else None
        print(f"\nStages alone, first {r['stage_n']:,} articles of N = {r['n']:,} (load {r['load']}):\n")
        print("| stage | articles per CPU second | share of the 1-worker pipeline's CPU time |")
        print("|---|---|---|")
        for stage in (*STAGES, "store+rest"):
            used = r["stage_seconds"].get(stage)
            if stage == "store+rest" and total:
                used = total - sum(r["stage_seconds"].values())
            rate = f"{r['stage_n'] / used:,.0f}" if used and stage in STAGES else "–"
            share = f"{100 * used / total:.0f} %" if total and used is not None else "–"
            print(f"| {stage} | {rate} | {share} |")
    for r in (r for r in rows if r["what"] == "reference"):
        w1 = latest.get(("pipeline", r["n"], 1), {})
        cpu = w1.get("cpu_main_s", w1.get("cpu_s"))
        ours_ms = 1000 * cpu / (w1["extracted"] + w1["skipped"]) if cpu else None
        ref_ms = 1000 * r["cpu_s"] / r["articles"]
        ratio = f"{ref_ms / ours_ms:.2f}" if ours_ms else "–"
        print(f"\nReference (natasha NER + dateparser.search_dates, one process), first {r['articles']} articles "
              f"(load {r['load']}): {r['articles_per_s']:.2f} articles/s wall (NER alone {r['ner_articles_per_s']:.2f}, "
              f"dateparser alone {r['dates_articles_per_s']:.2f}), {ref_ms:.0f} CPU ms/article, peak RSS "
              f"{r['rss_main_mb']:.0f} MB. Our 1-worker pipeline / reference: "
              f"{r.get('ours_w1_over_reference', 0):.2f}× in articles/s (wall), {ratio}× in CPU time per article.")
    for r in (r for r in rows if r["what"] == "incremental"):
        print(f"\nIncremental: the N = {r['n']:,} store run again on its corpus plus {r['new']:,} new articles, "
              f"{r['workers']} workers (load {r['load']}): {r['seconds']:.1f} s against {r['full_seconds']:.1f} s for "
              f"the full run ({100 * r['share_of_full']:.1f} %); extracted {r['extracted']:,}, unchanged "
              f"{r['unchanged']:,}.")


def incremental(args, n: int, per_worker: dict) -> None:
    """Rerun a finished store on the same corpus plus 1 % new articles (a generated corpus of n + n/100
    starts with the n of the smaller one): only the new ones should cost extraction."""
    workers = max(per_worker)
    grown = corpus(args.dir, n + n // 100, args.seed)
    db = args.dir / f"bench-{n}-w{workers}.db"
    copy = args.dir / f"bench-{n}-w{workers}-rerun.db"
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    r = run_child("rerun", str(grown), str(workers), str(copy))
    full = per_worker[workers]["seconds"]
    record(args.dir, {"what": "incremental", "n": n, "new": n // 100, "workers": workers, "seconds": r["seconds"],
                      "full_seconds": full, "share_of_full": r["seconds"] / full, **r})


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
    parser.add_argument("--dask", action="store_true", help="also run on a local Dask cluster per worker count")
    parser.add_argument("--no-reference", action="store_true")
    parser.add_argument("--incremental", action="store_true",
                        help="then rerun each size's last store on the corpus grown by 1 %% new articles")
    parser.add_argument("--report", action="store_true", help="only print the tables of --dir/results.jsonl")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.report:
        report(args.dir)
        return
    if args.child:
        kind, path, *rest = args.child
        if kind in ("pipeline", "rerun"):
            result = child_pipeline(Path(path), int(rest[0]), Path(rest[1]), fresh=kind == "pipeline")
        elif kind == "dask":
            result = child_dask(Path(path), int(rest[0]), Path(rest[1]))
        elif kind == "stages":
            result = child_stages(Path(path), int(rest[0]))
        else:
            result = child_reference(Path(path), int(rest[0]))
        print(json.dumps(result))
        return
    args.dir.mkdir(parents=True, exist_ok=True)
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
            if args.dask:
                r = run_child("dask", str(path), str(workers), str(args.dir / f"bench-{n}-dask{workers}.db"))
                record(args.dir, {"what": "dask", "n": n, "workers": workers, "articles_per_s": articles / r["seconds"],
                                  "words_per_s": words / r["seconds"], **r})
        if args.incremental:
            incremental(args, n, per_worker)
        if not args.no_stages:
            stage_n = min(n, args.stages_n or n)
            r = run_child("stages", str(path), str(stage_n))
            w1 = per_worker.get(1, {})
            base = w1.get("cpu_main_s", w1.get("seconds"))
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
                ours = per_worker[1]
                row["ours_w1_over_reference"] = articles / ours["seconds"] / rate
                if "cpu_main_s" in ours:  # the same ratio in CPU time, which the other jobs do not inflate
                    row["ours_w1_over_reference_cpu"] = (r["cpu_s"] / r["articles"]) / (ours["cpu_main_s"] / articles)
            record(args.dir, row)
    report(args.dir)

if __name__ == "__main__":
    main()
