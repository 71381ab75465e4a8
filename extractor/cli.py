"""The `extractor` command line: each verb opens what it needs and calls one library function."""
from __future__ import annotations

import functools
import importlib.util
import json
import os
import sqlite3
import time
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from extractor import executors, faults
from extractor.config import ConfigError, settings
from extractor.text import LANGS

def store_faults_in_one_line(func):
    """Wrap a command so a failing store (corrupt, read-only, locked too long) is one line and exit 1, not a
    traceback."""
    @functools.wraps(func)
    def guarded(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if not faults.is_store_fault(exc):
                raise  # IntegrityError, ProgrammingError...: a bug to see
            fail(f"{kwargs.get('db') or settings().db}: {faults.describe(exc).message}")
    return guarded


class App(typer.Typer):
    """The command group whose every command answers a failing store in one line."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)
        return lambda func: register(store_faults_in_one_line(func))


app = App(help="Extract training events for local self-government from uk/ru news into SQLite.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
gazetteer_app = typer.Typer(help="Place gazetteers built from the codifiers.", no_args_is_help=True)
train_app = typer.Typer(help="Train the project's models.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(train_app, name="train")
console = Console()
err = Console(stderr=True)

DbOption = Annotated[Optional[Path], typer.Option("--db", help="SQLite store (default: settings db).")]
AllOption = Annotated[bool, typer.Option("--all",
                                         help="Also events out of the registry's scope (setting scope_countries).")]


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error and exit."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)  # one line, however long
    raise typer.Exit(code)


@app.callback()
def check_settings() -> None:
    """Read the settings once before any command, so a bad file, variable or data folder is one line."""
    try:
        conf = settings()
    except ConfigError as exc:
        fail(str(exc))
    if not (conf.gazetteers_dir / "event_cues.toml").is_file():
        fail(f"no gazetteers at {conf.gazetteers_dir}: extractor reads them from its project folder "
             "(install it with `make setup` or `pip install -e .`), or set gazetteers_dir")


def open_store(db: Path | None):
    """Open an existing store or fail with one line (only `run` creates one)."""
    from extractor import store
    try:
        return store.open_db(db or settings().db, create=False)
    except store.StoreError as exc:
        fail(str(exc))


def refuse_clobbering(paths: dict[str, Path | None], db: Path | None, inputs: list[Path] = ()) -> None:
    """Fail in one line when an output path is the store, a file SQLite keeps beside it, or an input."""
    from extractor import outputs
    try:
        outputs.check_outputs(paths, db or settings().db, inputs)
    except outputs.OutputError as exc:
        fail(str(exc))


def known_lang(lang: str) -> str:
    """Refuse, in one line, a language the project has no models and lexicons for."""
    if lang not in LANGS:
        fail(f"--lang must be {' or '.join(LANGS)}, not '{lang}'")
    return lang


def bounded(low: float, high: float):
    """Return an option callback that refuses, in one line, a number outside [low, high]."""
    def check(param: typer.CallbackParam, value):
        if value is not None and not low <= value <= high:
            fail(f"{param.opts[0]} must be between {low:g} and {high:g}, not {value:g}")
        return value
    return check


def decoded(text: str) -> str:
    """Turn bytes of a command-line argument that are not UTF-8 (kept as surrogates) into U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def shared_data() -> Path:
    """Return shared/data (the corpora training and scoring read) or fail with one line."""
    data = settings().shared_dir / "data"
    if not data.is_dir():
        fail(f"{data} not found (the NER corpora; set shared_dir in extractor.toml)")
    return data


ExecutorName = Enum("ExecutorName", {name: name for name in executors.EXECUTORS}, type=str)


@app.command()
def run(paths: Annotated[list[Path], typer.Argument(help="Files or folders of .txt/.html/.json/.jsonl articles.")],
        db: DbOption = None,
        jsonl: Annotated[Optional[Path], typer.Option(help="Also write the events of these articles as JSONL.")] = None,
        workers: Annotated[int, typer.Option(help="Extraction processes (default: CPU cores).",
                                             callback=bounded(1, 256))] = os.cpu_count() or 1,
        executor: Annotated[Optional[ExecutorName], typer.Option(
            help="Where extraction runs: local (this process) | processes (--workers forked) | dask "
                 "(default: processes; local for --workers 1).")] = None,
        scheduler: Annotated[Optional[str], typer.Option(
            help="Dask scheduler address, tcp://HOST:PORT (default: a local cluster of --workers processes).")] = None,
        auto_approve: Annotated[Optional[float], typer.Option(
            "--auto-approve", help="Approve unreviewed events with confidence >= this (default: settings).",
            callback=bounded(0, 1))] = None):
    """Ingest, extract, deduplicate and store articles; print a summary."""
    from extractor import approval, outputs, pipeline, store, terminal
    from extractor.ingest import count_articles
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    refuse_clobbering({"--jsonl": jsonl}, db, paths)
    missing = [p for p in paths if not p.exists()]
    if missing:
        fail(f"{missing[0]}: no such file or directory")
    try:
        executors.check_scheduler(executor and executor.value, scheduler)
    except ValueError as exc:
        fail(str(exc))
    if executor is ExecutorName.dask and importlib.util.find_spec("distributed") is None:
        fail("--executor dask needs the dask extra: pip install '.[dask]'")
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               terminal.RateColumn(), TimeRemainingColumn(), TimeElapsedColumn())
    started = time.monotonic()
    # Off the terminal a transient bar shows nothing, yet its thread would redraw it ten times a second.
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("articles", total=count_articles(paths))
        try:
            summary = pipeline.run(paths, db or settings().db, jsonl,
                                   on_article=lambda _: progress.advance(task), workers=workers,
                                   executor=executor and executor.value, scheduler=scheduler)
        except outputs.OutputError as exc:
            fail(str(exc))
        except store.StoreError as exc:
            fail(f"{exc}" + (f"; {jsonl} was not written" if jsonl else ""))
    for line in terminal.run_summary(summary.counts(), time.monotonic() - started):
        console.print(line, highlight=False, soft_wrap=True)
    threshold = auto_approve if auto_approve is not None else settings().auto_approve
    if threshold is not None:
        approved = approval.auto_approve(open_store(db), threshold)
        console.print(f"auto-approved {approved} events (confidence >= {threshold})")


@app.command("events")
def list_events(db: DbOption = None,
                status: Annotated[Optional[str], typer.Option(help="pending | approved | rejected")] = None,
                as_json: Annotated[bool, typer.Option("--json", metavar="", help="One JSON record a line.")] = False,
                limit: Annotated[Optional[int], typer.Option(help="At most this many.")] = None):
    """List stored events, lowest confidence first, in 100 columns (--json: JSON Lines)."""
    from extractor import store, terminal
    conn = open_store(db)
    try:
        rows = store.list_events(conn, status, limit)
    except ValueError as exc:
        fail(str(exc))
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    for line in terminal.events_table(rows, store.source_counts(conn, [r["id"] for r in rows])):
        typer.echo(line)


@app.command()
def show(event_id: str, db: DbOption = None,
         as_json: Annotated[bool, typer.Option("--json", metavar="", help="The stored record as JSON.")] = False):
    """Show one event: each field with the quoted text of its evidence, then its sources."""
    from extractor import store, terminal
    conn = open_store(db)
    event = store.get_event(conn, event_id)
    if event is None:
        fail(f"no event with id '{event_id}'")
    typer.echo(json.dumps(event, ensure_ascii=False, indent=1) if as_json else "\n".join(terminal.card(conn, event)))


@app.command("eval")
def eval_(paths: Annotated[list[Path], typer.Argument(help="Articles to run on.")],
          gold: Annotated[Path, typer.Option(help="Gold events (JSONL).")],
          negatives: Annotated[Optional[Path], typer.Option(help="Ids of articles with no event.")] = None,
          scorer: Annotated[Optional[Path],
                            typer.Option(help="Reference scorer (default shared/eval/score.py).")] = None,
          pred: Annotated[Optional[Path], typer.Option(help="Keep the predictions in this JSONL file.")] = None):
    """Run on articles and print the reference scorer's table."""
    from extractor import evaluate
    try:
        report = evaluate.evaluate([str(p) for p in paths], gold, negatives, scorer, pred)
    except evaluate.EvalInputError as exc:
        fail(str(exc))
    typer.echo(evaluate.format_report(report))


TextArgument = Annotated[str, typer.Argument(help="The text to analyse.", callback=decoded)]
LangOption = Annotated[str, typer.Option("--lang", help="uk | ru", callback=known_lang)]
JsonFlag = Annotated[bool, typer.Option("--json", metavar="", help="Print JSON.")]
BackendOption = Annotated[Optional[str], typer.Option(help="spacy | natasha | hybrid | stanza (default: per language)")]


def print_mentions(items: list[dict], as_json: bool) -> None:
    """Print stage output as JSON or one line per mention."""
    if as_json:
        typer.echo(json.dumps(items, ensure_ascii=False))
        return
    for item in items:
        typer.echo("  ".join(f"{k}={v}" for k, v in item.items() if v not in (None, [], ())))


@app.command()
def dates(text: TextArgument, lang: LangOption = "uk",
          published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD.")] = None,
          as_json: JsonFlag = False):
    """Print the date expressions found in a text."""
    from extractor.dates import find_dates
    try:
        anchor = date.fromisoformat(published) if published else None
    except ValueError:
        fail(f"--published must be YYYY-MM-DD, not '{published}'")
    print_mentions([d.to_dict() for d in find_dates(text, lang, anchor)], as_json)


@app.command()
def places(text: TextArgument, lang: LangOption = "uk", as_json: JsonFlag = False):
    """Print the place mentions found in a text, resolved to gazetteer entries."""
    from extractor.places import find_places
    print_mentions([p.to_dict() for p in find_places(text, lang)], as_json)


@app.command()
def ner(text: TextArgument, lang: LangOption = "uk", backend: BackendOption = None, as_json: JsonFlag = False):
    """Print the named entities of a text."""
    from extractor import ner as ner_stage
    try:
        found = ner_stage.entities(text, lang, backend)
    except (OSError, ValueError, ImportError, RuntimeError) as exc:
        fail(str(exc).splitlines()[0])
    print_mentions([e.to_dict() for e in found], as_json)


@app.command()
def explain(article: Annotated[str, typer.Argument(help="A stored article id, or a file to extract from.")],
            db: DbOption = None):
    """Print an article with the evidence of each event field marked."""
    from extractor import pipeline, store, terminal
    path = Path(article)
    if path.exists():
        from extractor.ingest import Article, iter_articles
        first = next((a for a in iter_articles([path]) if isinstance(a, Article)), None)
        if first is None:
            fail(f"{path}: no readable article")
        extraction = pipeline.extract(first)
        text, records = first.text, [e.to_dict() for e in extraction.events]
    else:
        conn = open_store(db)
        row = store.get_article(conn, article)
        if row is None:
            fail(f"no article '{article}' in the store and no such file")
        text, records = row["text"], store.article_records(conn, article)
    for item in terminal.explanation(text, records, colour=console.is_terminal):
        console.print(item, soft_wrap=True, highlight=False)


@app.command("dedup")
def dedup_(explain_id: Annotated[str, typer.Option("--explain", help="Event id.")], db: DbOption = None):
    """Explain why the sources of an event were merged into it."""
    from extractor import dedup, store
    event = store.get_event(open_store(db), explain_id)
    if event is None:
        fail(f"no event with id '{explain_id}'")
    for line in dedup.explain(event, event["sources"]):
        typer.echo(line)


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    xlsx = "xlsx"


@app.command("export")
def export_(out: Annotated[Path, typer.Option("--out", help="File to write.")],
            fmt: Annotated[ExportFormat, typer.Option("--format", help="csv (UTF-8 BOM) | jsonl | xlsx")],
            status: Annotated[str, typer.Option(help="approved | pending | rejected | all")] = "approved",
            everything: AllOption = False, db: DbOption = None):
    """Write events in the registry schema (columns in README, "Registry feed")."""
    from extractor import export
    from extractor.store import queue
    refuse_clobbering({"--out": out}, db)
    try:
        n = export.export(open_store(db), out, fmt.value, None if status == "all" else status, everything)
    except (export.ExportError, ValueError) as exc:
        fail(str(exc))
    console.print(f"wrote {n} events to {out}", highlight=False, soft_wrap=True)
    left_out = sum(count for state, count in queue.status_counts(open_store(db)).items()
                   if status not in ("all", state))
    if left_out:
        console.print(f"{left_out} not {status}; use --status all", highlight=False)
    if not everything and (outside := export.out_of_scope(open_store(db), None if status == "all" else status)):
        console.print(f"{outside} out of scope ({settings().scope_countries}); use --all", highlight=False)


class CoverageFormat(str, Enum):
    table = "table"
    csv = "csv"
    xlsx = "xlsx"
    geojson = "geojson"


@app.command("coverage")
def coverage_(since: Annotated[Optional[str], typer.Option(help="Events ending on or after YYYY-MM-DD.")] = None,
              until: Annotated[Optional[str], typer.Option(help="Events starting on or before YYYY-MM-DD.")] = None,
              region: Annotated[Optional[str],
                                typer.Option(help="One oblast (Полтавська область, Полтавщина).")] = None,
              topic: Annotated[Optional[str],
                               typer.Option(help="A topic of gazetteers/topics.toml (id or label).")] = None,
              status: Annotated[str, typer.Option(help="approved | all")] = "approved",
              fmt: Annotated[CoverageFormat,
                             typer.Option("--format", help="table | csv | xlsx | geojson")] = CoverageFormat.table,
              out: Annotated[Optional[Path],
                             typer.Option("--out", help="File to write (csv, geojson: default stdout).")] = None,
              db: DbOption = None):
    """Every hromada of the codifier with the events it hosted or took part in, the gaps first; a summary per oblast."""
    from extractor import coverage, coverage_files, outputs
    refuse_clobbering({"--out": out}, db)
    if fmt is CoverageFormat.xlsx and out is None:
        fail("--format xlsx needs --out FILE")
    for name, value in (("--since", since), ("--until", until)):
        try:
            date.fromisoformat(value) if value else None
        except ValueError:
            fail(f"{name} {value}: expected YYYY-MM-DD")
    try:
        cov = coverage.coverage(open_store(db), since, until, region, topic, status,
                                with_events=fmt is CoverageFormat.xlsx)
    except coverage.CoverageError as exc:
        fail(str(exc))
    if fmt is CoverageFormat.table:
        for line in coverage_files.summary_lines(cov):
            typer.echo(line)
    elif fmt is CoverageFormat.xlsx:
        coverage_files.write_xlsx(cov, out)
    else:
        write = coverage_files.write_csv if fmt is CoverageFormat.csv else coverage_files.write_geojson
        if out is None:
            write(cov, typer.get_text_stream("stdout"))
        else:
            with outputs.Staged(out) as staged, staged.path.open("w", encoding="utf-8", newline="") as fh:
                write(cov, fh)
    if out is not None:
        reached = sum(o.reached for o in cov.oblasts)
        err.print(f"wrote {len(cov.rows)} hromadas ({reached} reached) to {out}", highlight=False)


@app.command()
def push(url: Annotated[Optional[str], typer.Option(help="Registry endpoint (default: settings registry_url).")] = None,
         token: Annotated[Optional[str], typer.Option(
             help="Bearer token (default: the variable named by registry_token_env).")] = None,
         batch_size: Annotated[int, typer.Option(help="Events per POST.", callback=bounded(1, 1000))] = 50,
         everything: AllOption = False, db: DbOption = None):
    """Send new and changed approved events to the registry, exactly once per version."""
    from extractor import registry
    url = url or settings().registry_url
    if not url:
        fail("no registry URL: pass --url or set registry_url in extractor.toml")
    token = token or os.environ.get(settings().registry_token_env)
    try:
        summary = registry.push(open_store(db), url, token, batch_size=batch_size, everything=everything)
    except registry.RegistryError as exc:
        if exc.summary:
            err.print(f"sent {exc.summary.sent}, already there {exc.summary.duplicates}, pending {exc.summary.pending}")
        fail(str(exc))
    console.print(f"queued {summary.enqueued}; sent {summary.sent}, already there {summary.duplicates}, "
                  f"failed {summary.failed}, superseded {summary.superseded}, pending {summary.pending} "
                  f"({summary.batches} requests, "
                  f"{summary.retries} retries)")


@app.command()
def review(db: DbOption = None, host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
           port: Annotated[int, typer.Option(help="Port (0: any free one).", callback=bounded(0, 65535))] = 8765,
           token: Annotated[Optional[str], typer.Option(
               help="Access token, at least 16 characters (default: a new random one each start).",
               envvar="EXTRACTOR_REVIEW_TOKEN")] = None,
           no_token: Annotated[bool, typer.Option("--no-token", metavar="",
                                                  help="Serve without a token (tests only; 127.0.0.1 only).")] = False):
    """Start the review web app over the store; prints the one address to open (with its access token)."""
    from extractor.review.app import serve
    open_store(db).close()  # fail early, in one line, on a bad database
    try:
        serve(db or settings().db, host=host, port=port, token=token, no_token=no_token)
    except ValueError as exc:
        fail(str(exc))


ReviewerOption = Annotated[Optional[str], typer.Option(help="Who decides (default: the OS user).")]


def decide(decision, event_id: str, reviewer: str | None, db: Path | None) -> None:
    """Apply one review decision from the terminal."""
    from extractor import store
    open_store(db).close()  # fail in one line on a bad database
    try:
        event = decision(db or settings().db, event_id, reviewer)
    except store.StoreError as exc:
        fail(str(exc))
    console.print(f"{event_id}: {event['review_status']} (version {event['version']})")


@app.command()
def approve(event_id: str, reviewer: ReviewerOption = None, db: DbOption = None):
    """Approve one event (for reviewers on a server without a browser)."""
    from extractor.review import decisions
    decide(decisions.approve, event_id, reviewer, db)


@app.command()
def reject(event_id: str, reviewer: ReviewerOption = None, db: DbOption = None):
    """Reject one event."""
    from extractor.review import decisions
    decide(decisions.reject, event_id, reviewer, db)


@app.command()
def add(article_id: Annotated[str, typer.Argument(help="A stored article that reports the event.")],
        event_type: Annotated[str, typer.Option("--type", help="seminar | training | round_table | conference | "
                                                "webinar | course | school | forum | study_visit | meeting | other")],
        title: Annotated[Optional[str], typer.Option(help="The event's name.")] = None,
        start: Annotated[Optional[str], typer.Option(help="Start date, ДД.ММ.РРРР (or YYYY-MM-DD).")] = None,
        end: Annotated[Optional[str], typer.Option(help="End date, ДД.ММ.РРРР (or YYYY-MM-DD).")] = None,
        settlement: Annotated[Optional[str], typer.Option(help="Place, nominative.")] = None,
        region: Annotated[Optional[str], typer.Option(help="Oblast, nominative.")] = None,
        organizer: Annotated[Optional[list[str]], typer.Option(help="Who runs it (repeat for several).")] = None,
        reviewer: ReviewerOption = None, db: DbOption = None):
    """Add an event that an article reports and the extraction missed; the reviewer is its source, re-runs keep it."""
    from extractor import store
    from extractor.review import decisions
    from extractor.review import edits
    typed = {"event_type": event_type, "title": title, "start_date": start, "end_date": end,
             "settlement": settlement, "region": region, "organizers": organizer or []}
    try:
        event_id = edits.add_typed(open_store(db), article_id, typed, decisions.clean_name(reviewer)
                                   or decisions.default_reviewer())
    except (store.StoreError, ValueError) as exc:
        fail(str(exc))
    console.print(event_id, highlight=False)


@gazetteer_app.command("build")
def gazetteer_build(shared: Annotated[Optional[Path], typer.Option(help="The shared data folder.")] = None,
                    out: Annotated[Optional[Path], typer.Option(help="Where to write the tables.")] = None):
    """Rebuild the compact place tables in gazetteers/ from the codifiers in shared/data."""
    from extractor.gazetteer import build
    source = shared or settings().shared_dir
    if not (source / "data" / "gazetteers").is_dir():
        fail(f"{source}/data/gazetteers not found (pass --shared)")
    for name, rows in build(source, out or settings().gazetteers_dir).items():
        console.print(f"{name}: {rows} rows")


@train_app.command("ner")
def train_ner(lang: LangOption = "uk",
              out: Annotated[Optional[Path], typer.Option(help="Model folder (default models/ner-LANG).")] = None,
              max_docs: Annotated[Optional[int], typer.Option(help="Use only this many documents (a smoke run).",
                                                              callback=bounded(1, 100_000))] = None):
    """Train the NER model of a language from the corpora in shared/data and score it on the test split."""
    from extractor.ner.train import train_ner as train
    shared_data()
    scores = train(lang, out or settings().models_dir / f"ner-{lang}", settings().shared_dir, max_docs=max_docs)
    typer.echo(json.dumps(scores, ensure_ascii=False, indent=1))


@train_app.command("events")
def train_events(dev: Annotated[Optional[Path], typer.Option(
                     help="Dev folder with articles.jsonl and gold.jsonl (default shared/dev).")] = None,
                 ids: Annotated[Optional[Path], typer.Option(
                     help="Article ids to train on, one a line (default DEV/tune.txt).")] = None,
                 store_db: Annotated[Optional[Path], typer.Option(
                     "--store", help="Also learn from this store's reviewed events.")] = None,
                 no_dev: Annotated[bool, typer.Option(
                     "--no-dev", help="Train on the store's reviewed events alone.")] = False,
                 out: Annotated[Optional[Path], typer.Option(
                     help="Model folder (default models/event-detector).")] = None):
    """Train the event detector on the tuned part of the dev set and on reviewed events; print its cross-validation."""
    from extractor.events.classify import model_dir
    from extractor.events.training import train_events as train
    dev_dir = None if no_dev else dev or settings().shared_dir / "dev"
    ids_file = ids or (dev_dir / "tune.txt" if dev_dir else None)
    for path in (p for p in (dev_dir, ids_file, store_db) if p is not None):
        if not path.exists():
            fail(f"no such file or folder: {path}")
    chosen = set(ids_file.read_text(encoding="utf-8").split()) if ids_file else None
    try:
        report = train(out or model_dir(), dev_dir, chosen, store_db)
    except (ValueError, OSError, KeyError, json.JSONDecodeError) as exc:
        fail(str(exc).splitlines()[0])
    typer.echo(json.dumps(report, indent=1))


@train_app.command("score")
def train_score(lang: LangOption = "uk", backend: BackendOption = None,
                protocol: Annotated[str, typer.Option(
                    help="exact (span + label) | naeval (tokens, as natasha's benchmark)")] = "exact"):
    """Score a NER backend on the held-out test split of its language (PER/ORG/LOC per label, overall)."""
    from extractor.ner.eval import PROTOCOLS, evaluate_ner
    if protocol not in PROTOCOLS:
        fail(f"unknown protocol {protocol!r}: {' | '.join(PROTOCOLS)}")
    shared_data()
    try:
        scores = evaluate_ner(lang, settings().shared_dir, backend, protocol=protocol)
    except (OSError, ValueError, ImportError, RuntimeError) as exc:
        fail(str(exc).splitlines()[0])
    typer.echo(json.dumps(scores, indent=1))


if __name__ == "__main__":
    app()
