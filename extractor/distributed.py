"""Run the batch on a Dask cluster: shards of articles extracted on workers, merged here by one writer.

This is `pipeline.run` with the extraction step moved to Dask (install the `dask` extra:
`pip install '.[dask]'`). The client process reads the inputs, skips articles whose text is
already stored (one hash look-up, before any NLP), sends the rest to the workers in shards,
and saves every extraction through `pipeline.save` in input order: the same dedup path and
the same database as a single-machine run.

    from extractor.distributed import run_dask
    run_dask(["scraped/"], "outputs/events.db")                     # local cluster, 2 processes
    run_dask(["scraped/"], "outputs/events.db", "tcp://10.0.0.5:8786")  # an existing cluster

A remote cluster's workers need this package and its data files (gazetteers/, the same
extractor.toml or EXTRACTOR_* variables); only the client touches the database. Two
differences from `pipeline.run`: an article on a worker has no time limit (the limit works by
SIGALRM, and Dask runs tasks in worker threads, where signals cannot be set); and a few shards
are in flight at once (`IN_FLIGHT_PER_WORKER`), where `pipeline.run` extracts one batch ahead.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from pathlib import Path

from extractor import pipeline, store
from extractor.config import settings
from extractor.ingest import Article, iter_articles

IN_FLIGHT_PER_WORKER = 2  # shards submitted ahead per worker; bounds the client's memory


def extract_shard(articles: list[Article]) -> list[pipeline.Extraction]:
    """Extract every article of a shard (runs on a worker)."""
    return [pipeline.extract(article) for article in articles]


def _client(scheduler_address: str | None, n_workers: int):
    """Connect to a scheduler, or start a local cluster of single-threaded worker processes."""
    from dask.distributed import Client, LocalCluster

    if scheduler_address:
        return Client(scheduler_address), None
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def run_dask(paths: Iterable[str | Path], db_path: str | Path, scheduler_address: str | None = None,
             n_workers: int = 2, shard_size: int | None = None) -> pipeline.RunSummary:
    """Process every article under `paths` into the store, extracting on Dask workers; return the counts.

    `shard_size` defaults to the pipeline's batch size (`batch_articles`); a shard is saved in one
    transaction, as a batch is.
    """
    paths = [str(p) for p in paths]
    db = store.open_db(db_path)
    summary = pipeline.RunSummary(run_id=store.start_run(db, paths))
    client = cluster = None  # started at the first article to extract: a re-run with nothing new needs none
    pending: deque = deque()  # (future of a shard's extractions, the shard's twins), in input order
    seen: dict[str, str] = {}  # article id -> content hash in this run
    texts: set[str] = set()  # content hashes sent to extraction in this run
    ahead = 0
    status = "failed"
    try:
        for shard in pipeline.batches(iter_articles(paths), shard_size or settings().batch_articles):
            todo, twins = pipeline.triage(db, shard, summary, seen, texts)
            if not todo and not twins:
                continue
            if todo and client is None:
                client, cluster = _client(scheduler_address, n_workers)
                ahead = IN_FLIGHT_PER_WORKER * (len(client.scheduler_info()["workers"]) or n_workers)
            pending.append((client.submit(extract_shard, todo, pure=False) if todo else None, twins))
            while len(pending) > ahead:
                _settle(db, *pending.popleft(), summary)
        while pending:
            _settle(db, *pending.popleft(), summary)
        status = "done"
    finally:
        for future, _ in pending:
            if future is not None:
                future.cancel()
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        store.finish_run(db, summary.run_id, summary.counts(), summary.errors, status)
        db.close()
    return summary


def _settle(db, future, twins: list[tuple[Article, str]], summary: pipeline.RunSummary) -> None:
    """Save a shard (its future's extractions, then its twins) through the pipeline's single writer."""
    pipeline.save_batch(db, future.result() if future is not None else [], twins, summary)
