"""The batch: read inputs, skip what is known, extract the rest and store it, counting everything."""
from __future__ import annotations

import functools
import gc
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from extractor import executors, store
from extractor.config import settings
from extractor.faults import describe, is_store_fault
from extractor.ingest import Article, Skip, iter_articles
from extractor.lexicon import load_toml
from extractor.limits import TimeLimitExceeded, time_limit
from extractor.outputs import Staged
from extractor.text import LANGS

if TYPE_CHECKING:
    from extractor.events import Event

# The NLP stages and dedup are imported where they are used: a re-run with nothing new needs none of them.
# `load_resources` imports the stages' modules before the workers fork, so that they share them.

REUSED_ID = "id already used by another article of this run"  # the first one is kept
# What one poisoned article raises in a library (a value SQLite cannot hold, text nested past the
# recursion limit, a string that cannot be encoded): that article becomes a skip, its batch goes on.
POISON = (RecursionError, OverflowError, UnicodeError)


@dataclass
class Extraction:
    """The outcome of extracting one article: its language and events, or why it was skipped."""

    article: Article
    lang: str | None
    events: list[Event] = field(default_factory=list)
    skip_reason: str | None = None
    signature: object = None  # MinHash of the cleaned text, for reprint detection


@dataclass
class RunSummary:
    """Counts of one run, printed at its end and stored in `runs`."""

    run_id: int | None = None
    read: int = 0
    unchanged: int = 0
    extracted: int = 0
    skipped: Counter = field(default_factory=Counter)
    events_found: int = 0
    new: int = 0
    merged: int = 0
    errors: list[str] = field(default_factory=list)

    def counts(self) -> dict:
        return {"read": self.read, "unchanged": self.unchanged, "extracted": self.extracted,
                "skipped": sum(self.skipped.values()), "skip_reasons": dict(self.skipped),
                "events_found": self.events_found, "new": self.new, "merged": self.merged}


def extract(article: Article) -> Extraction:
    """Identify the language, mask page furniture and assemble the events of one article."""
    from extractor import clean, events, langid, reprints
    from extractor.dates.reference import reference_date

    guess = langid.detect(article.text)
    lang = guess.lang
    if article.lang in LANGS and guess.lang in (*LANGS, None):
        lang = article.lang if guess.lang is None else guess.lang
    if lang not in LANGS:
        reason = f"language '{lang}' not supported" if lang else guess.reason
        return Extraction(article, lang, skip_reason=reason)
    cleaned = clean.clean(article.text)
    # the record keeps the page's own `published`; a date stamp only anchors the text's dates
    reference = reference_date(article.published, cleaned.metadata, lang)
    found = events.assemble(article.id, cleaned.text, lang, reference)
    for event in found:
        event.sources = [{"article_id": article.id, "url": article.url}]
    return Extraction(article, lang, found, signature=reprints.signature(cleaned.text))


def load_resources() -> None:
    """Load the place gazetteer, language profiles, the morphology dictionaries and the organization matchers
    of both languages (cached), then extract the samples of `warm_up.toml`, so that every stage has imported its
    modules and built its patterns and tables before the workers fork (each worker built them again: 0.3-0.5 CPU s).

    Event assembly matches known organizations with the gazetteer ruler alone: the statistical
    NER models' spans did not improve organizers or partners on dev and cost most of the CPU.
    """
    # Loading makes millions of objects that live as long as the process. The cyclic collector walked them
    # again and again while they were made (a third of the loading's CPU): it waits until they are all there,
    # then leaves them out of every later pass (5 % of extraction's CPU), so forked workers' collections no
    # longer write to the pages they share. The few thousand objects of garbage loading leaves stay.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from extractor import gazetteer, langid, morph, ner

        gazetteer.gazetteer()
        langid.load_profiles()
        for lang in LANGS:
            morph.analyzer(lang)
            ner.gazetteer_pipeline(lang)
        for i, sample in enumerate(load_toml("warm_up.toml")["texts"]):  # builds what the stages build on first use
            extract(Article(id=f"warm-up-{i}", text=sample["text"], lang=sample["lang"],
                            published=sample.get("published")))
    finally:
        if collecting:
            gc.enable()
    gc.freeze()


def extract_limited(article: Article) -> Extraction:
    """Extract one article, giving up (as a skip) when it exceeds the per-article time limit."""
    limit = settings().article_time_limit_s
    try:
        with time_limit(limit):
            return extract(article)
    except TimeLimitExceeded:
        return Extraction(article, None, skip_reason=f"took longer than {limit:g} s")
    except POISON as exc:
        return Extraction(article, None, skip_reason=f"extraction failed ({type(exc).__name__})")


def store_failures_as_errors(func: Callable) -> Callable:
    """Turn SQLite failures of a run (disk full, I/O error, a lock held too long, a corrupt page) into a StoreError."""
    @functools.wraps(func)
    def guarded(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except sqlite3.DatabaseError as exc:  # each batch is one transaction: what is stored is whole
            if not is_store_fault(exc):
                raise  # IntegrityError, ProgrammingError...: a bug to see, not a state of the file
            fault = describe(exc)
            after = ("the articles stored so far are complete: fix the cause and run again to resume"
                     if fault.resumable else "running again on this store will not resume")
            raise store.StoreError(f"the store failed during the run: {fault.message}; {after}") from None
    return guarded


@store_failures_as_errors
def run(paths: Iterable[str | Path], db_path: str | Path, jsonl_path: str | Path | None = None,
        on_article: Callable[[str], None] | None = None, workers: int = 1, executor: str | None = None,
        scheduler: str | None = None) -> RunSummary:
    """Process every article under `paths` into the store; return the run's counts.

    Articles whose text is already stored unchanged cost one hash lookup and are not
    re-extracted. Extraction runs on an executor (`executors.EXECUTORS`; default: `workers`
    forked processes, or this process for one) on one batch while this process, the only writer,
    saves the batch before it in one transaction: an interrupted run loses at most the batch being
    written, and resumes there. `scheduler` is a Dask scheduler's address (default: a local cluster).
    """
    paths = [str(p) for p in paths]
    db = store.open_db(db_path)
    refile_stale_keys(db)
    summary = RunSummary(run_id=store.start_run(db, paths))
    staged = Staged(jsonl_path) if jsonl_path else None  # renamed onto jsonl_path only if the run completes
    out = staged.path.open("w", encoding="utf-8") if staged else None
    grace = settings().article_time_limit_s + 5  # the article's own time limit fires before this
    # Resources load before forking, so workers share them, and outside any article's time limit.
    runner = executors.make(executor or ("processes" if workers > 1 else "local"), extract_limited,
                            load_resources, workers, grace, scheduler)
    status = "failed"
    seen: dict[str, str] = {}  # article id -> content hash in this run, to catch one id given to two texts
    texts: set[str] = set()  # content hashes sent to extraction in this run: a repeat waits for the first
    try:
        in_flight = None
        for batch in batches(iter_articles(paths), settings().batch_articles):
            todo, twins = triage(db, batch, summary, seen, texts)
            submitted = (batch, runner.submit(todo), twins)
            if in_flight:
                write(db, runner, *in_flight, summary, out)
                report(in_flight[0], on_article)
            in_flight = submitted
        if in_flight:
            write(db, runner, *in_flight, summary, out)
            report(in_flight[0], on_article)
        status = "done"
    finally:
        runner.close()
        if out:
            out.close()
            staged.finish(status == "done")
        store.finish_run(db, summary.run_id, summary.counts(), summary.errors, status)
        db.close()
    return summary


def refile_stale_keys(db) -> None:
    """Refile the stored events' blocking keys first where another version of key-making filed them (`dedup.toml`
    [blocking] keys_version), so that a new record finds old events by their words. Dedup is imported only then: a
    rerun with nothing new needs none of it."""
    version = load_toml("dedup.toml")["blocking"]["keys_version"]
    if store.event_keys_stale(db, version):
        from extractor.dedup import refile_keys

        refile_keys(db, version)


def report(batch: list, on_article: Callable[[str], None] | None) -> None:
    """Tell the caller (a progress bar) of each item of a batch once the batch is stored."""
    if on_article:
        for item in batch:
            on_article(getattr(item, "id", None) or item.source)


def write(db, runner: executors.Executor, batch: list, work: list, twins: list[tuple[Article, str]],
          summary: RunSummary, out) -> None:
    """Save a batch's submitted work and twins; print the records of its articles to `out`."""
    saved = save_batch(db, collect(runner, work), twins, summary)
    if out:
        for item in batch:
            if isinstance(item, Article):  # one not saved now (unchanged, a duplicate) has its stored records
                records = saved[item.id] if item.id in saved else store.article_records(db, item.id)
                for record in records:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def save_batch(db, extractions: Iterable[Extraction], twins: list[tuple[Article, str]],
               summary: RunSummary) -> dict[str, list[dict]]:
    """Save extractions in input order in one transaction, then judge the twins (their first copy is stored now).

    Return the stored records of each saved article, by id.
    """
    saved = {}
    with store.transaction(db):
        for extraction in extractions:
            records = save_or_skip(db, extraction, summary)
            if records is not None:
                saved[extraction.article.id] = records
        for item, digest in twins:
            needs_extraction(db, item, digest, summary)
    return saved


def save_or_skip(db, extraction: Extraction, summary: RunSummary) -> list[dict] | None:
    """Save one extraction and return its stored records; None when a library cannot store it (rolled back, a skip)."""
    try:
        return save(db, extraction, summary)
    except POISON as exc:
        reason = f"cannot be stored ({type(exc).__name__})"
        summary.skipped[reason] += 1
        summary.errors.append(f"{extraction.article.source}: {reason}")
        return None


def triage(db, items: list[Article | Skip], summary: RunSummary, seen: dict[str, str],
           texts: set[str]) -> tuple[list[Article], list[tuple[Article, str]]]:
    """Count a batch's skips, reused ids and unchanged articles; return what to extract and the twins.

    Twins (with their content hash) are texts already sent to extraction in this run (`texts`,
    updated here): they are judged (as exact duplicates) once their batch is saved, when the first
    one is stored.
    """
    todo, twins = [], []
    for item in items:
        summary.read += 1  # every input item: read = unchanged + extracted + skipped
        if isinstance(item, Skip):
            summary.skipped[item.reason] += 1
            summary.errors.append(f"{item.source}: {item.reason}")
            continue
        digest = store.content_hash(item.text)  # once per article: the reused-id, twin and store checks share it
        if reused_id(seen, item.id, digest):
            summary.skipped[REUSED_ID] += 1
            summary.errors.append(f"{item.source}: {REUSED_ID} ('{item.id}')")
            continue
        if digest in texts:
            twins.append((item, digest))
        elif needs_extraction(db, item, digest, summary):
            texts.add(digest)
            todo.append(item)
    return todo, twins


def collect(runner: executors.Executor, work: list) -> Iterator[Extraction]:
    """Yield the extractions of submitted work, in order; a worker that dies or hangs costs one skip, not the batch."""
    for article, extraction in runner.results(work):
        yield extraction or Extraction(article, None, skip_reason="extraction process died or hung")


def batches(items: Iterable, size: int) -> Iterator[list]:
    """Yield lists of at most `size` items, lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def reused_id(seen: dict[str, str], article_id: str, digest: str) -> bool:
    """Tell whether another article of this run came with the same id and a different text."""
    return seen.setdefault(article_id, digest) != digest


def needs_extraction(db, article: Article, digest: str, summary: RunSummary) -> bool:
    """Tell whether an article (text hash `digest`) must be extracted; record it as unchanged or a duplicate if not."""
    if store.article_hash(db, article.id) == digest:
        summary.unchanged += 1
        return False
    twin = store.hash_owner(db, digest, article.id)
    if twin:
        store.save_duplicate(db, article, twin, summary.run_id)
        summary.skipped["exact duplicate of a stored article"] += 1
        return False
    return True


def save(db, extraction: Extraction, summary: RunSummary) -> list[dict]:
    """Store one extraction (a skip, or an article with its events) in one transaction; count it; return its records."""
    from extractor.dedup.resolve import resolve

    saved = store.save_article(db, extraction, summary.run_id, resolve)
    if extraction.skip_reason:
        summary.skipped[extraction.skip_reason] += 1
        summary.errors.append(f"{extraction.article.source}: {extraction.skip_reason}")
    else:
        summary.extracted += 1
        summary.events_found += len(extraction.events)
        summary.new += saved.outcome.new
        summary.merged += saved.outcome.merged
    return saved.records
