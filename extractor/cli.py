"""The `extractor` command line: each verb opens what it needs and calls one library function."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from extractor import evaluate, pipeline, store
from extractor.config import settings

app = typer.Typer(help="Extract training events for local self-government from uk/ru news into SQLite.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
console = Console()
err = Console(stderr=True)

DbOption = Annotated[Optional[Path], typer.Option("--db", help="SQLite store (default: settings db).")]


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error and exit."""
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


def open_store(db: Path | None):
    """Open the store or fail with one line."""
    try:
        return store.open_db(db or settings().db)
    except store.StoreError as exc:
        fail(str(exc))


@app.command()
def run(paths: Annotated[list[Path], typer.Argument(help="Files or folders of .txt/.html/.json/.jsonl articles.")],
        db: DbOption = None,
        jsonl: Annotated[Optional[Path], typer.Option(help="Also write the events of these articles as JSONL.")] = None):
    """Ingest, extract, deduplicate and store articles; print a summary."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("articles", total=None)
        try:
            summary = pipeline.run(paths, db or settings().db, jsonl,
                                   on_article=lambda _: progress.advance(task))
        except store.StoreError as exc:
            fail(str(exc))
    counts = summary.counts()
    console.print(f"articles read {counts['read']}, unchanged {counts['unchanged']}, "
                  f"extracted {counts['extracted']}, skipped {counts['skipped']}; "
                  f"events found {counts['events_found']}, new {counts['new']}, merged {counts['merged']}")
    for reason, n in sorted(counts["skip_reasons"].items(), key=lambda x: -x[1]):
        console.print(f"  skipped {n}: {reason}", highlight=False)


@app.command("events")
def list_events(db: DbOption = None,
                status: Annotated[Optional[str], typer.Option(help="pending | approved | rejected")] = None,
                as_json: Annotated[bool, typer.Option("--json", help="One JSON record a line.")] = False,
                limit: Annotated[Optional[int], typer.Option(help="At most this many.")] = None):
    """List stored events, lowest confidence first."""
    rows = store.list_events(open_store(db), status, limit)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table("id", "type", "dates", "place", "title", "conf", "review")
    for r in rows:
        dates = " – ".join(dict.fromkeys(x for x in (r["start_date"], r["end_date"]) if x)) or (r["date_text"] or "")
        place = ", ".join(x for x in (r["settlement"], r["region"]) if x)
        table.add_row(r["id"], r["event_type"], dates, place, (r["title"] or "")[:60], f"{r['confidence']:.2f}",
                      r["review_status"])
    console.print(table)


@app.command()
def show(event_id: str, db: DbOption = None):
    """Show one event with its sources and the evidence of each field."""
    conn = open_store(db)
    event = store.get_event(conn, event_id)
    if event is None:
        fail(f"no event with id '{event_id}'")
    typer.echo(json.dumps(event, ensure_ascii=False, indent=1))


@app.command("eval")
def eval_(paths: Annotated[list[Path], typer.Argument(help="Articles to run on.")],
          gold: Annotated[Path, typer.Option(help="Gold events (JSONL).")],
          negatives: Annotated[Optional[Path], typer.Option(help="Ids of articles with no event.")] = None,
          scorer: Annotated[Optional[Path], typer.Option(help="Reference scorer (default shared/eval/score.py).")] = None,
          pred: Annotated[Optional[Path], typer.Option(help="Keep the predictions in this JSONL file.")] = None):
    """Run on articles and print the reference scorer's table."""
    try:
        report = evaluate.evaluate([str(p) for p in paths], gold, negatives, scorer, pred)
        n_articles = len(evaluate.articles_in_scope(evaluate.load_scorer(scorer).load(str(gold)), negatives))
    except evaluate.ScorerMissing as exc:
        fail(str(exc))
    typer.echo(evaluate.format_report(report, n_articles))


if __name__ == "__main__":
    app()
