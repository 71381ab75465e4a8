"""Events as a terminal shows them: a table that fits 100 columns, one event as a card, evidence in brackets."""
from __future__ import annotations

import json

import sqlite_utils
from rich.progress import ProgressColumn, Task
from rich.text import Text

from extractor import communities, store
from extractor.review.highlight import bracketed, spans_of

# Column widths of `extractor events`: with one space between columns a row is exactly 100 characters.
COLUMNS = (("id", 19), ("type", 11), ("start", 10), ("title", 26), ("place", 12), ("src", 3), ("conf", 4),
           ("review", 8))
RIGHT = ("src", "conf")
QUOTE_MAX = 200


def cut(text: str, width: int) -> str:
    """Return text on one line, shortened to width with "…" when longer."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def table_row(values: dict[str, str]) -> str:
    """Return one row of the events table, each value cut to its column."""
    cells = [cut(values.get(name, ""), width) for name, width in COLUMNS]
    return " ".join(c.rjust(w) if name in RIGHT else c.ljust(w)
                    for c, (name, w) in zip(cells, COLUMNS)).rstrip()


def events_table(rows: list[dict], n_sources: dict[str, int]) -> list[str]:
    """Return the header and one line per event, none longer than 100 characters."""
    lines = [table_row({name: name for name, _ in COLUMNS})]
    for r in rows:
        place = ", ".join(x for x in (r.get("settlement"), r.get("region")) if x)
        lines.append(table_row({
            "id": r["id"], "type": r.get("event_type") or "", "start": r.get("start_date") or r.get("date_text") or "",
            "title": r.get("title") or "", "place": place, "src": str(n_sources.get(r["id"], 0)),
            "conf": f"{r['confidence'] or 0:.2f}", "review": r.get("review_status") or ""}))
    return lines


def as_text(value: object) -> str:
    """Return a field value as one line: lists joined by "; ", booleans as yes/no, nothing as "—"."""
    if isinstance(value, list):
        return "; ".join(f"{v.get('name')} ({v.get('code')})" if isinstance(v, dict) else str(v) for v in value) or "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "—" if value in (None, "") else str(value)


def quoted(text: str) -> str:
    """Return text in «», unless it stands in them already (a quoted title)."""
    return text if text.startswith("«") and text.endswith("»") else f"«{text}»"


def evidence_quotes(event: dict, texts: dict[str, str]) -> dict[str, list[str]]:
    """Return, per field, the quoted evidence text of each source that has some."""
    quotes: dict[str, list[str]] = {}
    several = len(event.get("sources") or []) > 1
    for source in event.get("sources") or []:
        text = texts.get(source["article_id"]) or ""
        for span in spans_of(source.get("evidence"), len(text)):
            where = f"  ({source['article_id']})" if several else ""
            quote = f"{quoted(cut(text[span.start:span.end], QUOTE_MAX))}{where}"
            if quote not in quotes.setdefault(span.field, []):
                quotes[span.field].append(quote)
    return quotes


def event_card(event: dict, texts: dict[str, str]) -> list[str]:
    """Return an event as lines to read: a heading, each field with its quoted evidence, then the sources."""
    lines = [f"{event['id']}  {event.get('event_type') or '—'}  {event.get('review_status')}  "
             f"confidence {event.get('confidence') or 0:.2f}  version {event.get('version')}",
             event.get("title") or "(no title)", ""]
    quotes = evidence_quotes(event, texts)
    width = max(len(f) for f in store.EDITABLE_FIELDS) + 2
    for field in store.EDITABLE_FIELDS:
        lines.append(f"{field:<{width}}{as_text(event.get(field))}")
        lines.extend(f"{'':<{width}}{q}" for q in quotes.get(field, []))
    venue_hromada = communities.hromada_of(event.get("settlement_code"))
    lines.append(f"{'hromada_code':<{width}}{venue_hromada.code if venue_hromada else '—'}")
    if event.get("date_text"):
        lines.append(f"{'date_text':<{width}}{quoted(event['date_text'])}")
    if event.get("added_by"):
        lines.append(f"{'added_by':<{width}}{event['added_by']} (by hand)")
    sources = event.get("sources") or []
    lines += ["", f"sources ({len(sources)})"]
    for s in sources:
        lines.append("  " + "  ".join(x for x in (s["article_id"], s.get("url"), s.get("article_title")) if x))
    return lines


def card(db: sqlite_utils.Database, event: dict) -> list[str]:
    """Return the card of a stored event (from store.get_event), quoting its articles' text."""
    texts = {s["article_id"]: (store.get_article(db, s["article_id"]) or {}).get("text") or ""
             for s in event["sources"]}
    return event_card(event, texts)


STYLES = ("reverse cyan", "reverse magenta", "reverse green", "reverse yellow", "reverse blue")


def explanation(text: str, records: list[dict], colour: bool) -> list[Text]:
    """Return, per event record, a heading, the text with its evidence marked and the record as JSON.

    In colour each field has its own highlight; without (a pipe, a file, a screen reader) the
    evidence reads as [field: text].
    """
    out = []
    for n, record in enumerate(records, 1):
        spans = spans_of(record.get("evidence"), len(text))
        heading = Text(f"event {n}: {record.get('event_type')}")
        if colour:
            marked = Text(text)
            fields = sorted({s.field for s in spans})
            for span in spans:
                marked.stylize(STYLES[fields.index(span.field) % len(STYLES)], span.start, span.end)
            for i, field in enumerate(fields):
                heading.append(f"  {field} ", style=STYLES[i % len(STYLES)])
        else:
            marked = Text(bracketed(text, spans))
        out += [heading, marked, Text(json.dumps({k: v for k, v in record.items() if k not in ("evidence", "sources")},
                                                 ensure_ascii=False))]
    return out or [Text("no events")]


class RateColumn(ProgressColumn):
    """Articles per second of a progress bar."""

    def render(self, task: Task) -> Text:
        """Return the task's speed, once there is one."""
        return Text(f"{task.speed:.1f} articles/s" if task.speed else "", style="progress.data.speed")


def run_summary(counts: dict, elapsed_s: float) -> list[str]:
    """Return the lines that close `extractor run`: each total with the parts it adds up from, time and rate."""
    again = counts["events_found"] - counts["new"] - counts["merged"]
    lines = [
        f"articles read {counts['read']} = unchanged {counts['unchanged']} + extracted {counts['extracted']} "
        f"+ skipped {counts['skipped']}",
        f"events found {counts['events_found']} = new {counts['new']} + merged {counts['merged']}"
        + (f" + already stored {again}" if again else ""),
        f"took {elapsed_s:.1f} s, {counts['read'] / elapsed_s if elapsed_s > 0 else 0:.1f} articles/s",
    ]
    reasons = sorted(counts["skip_reasons"].items(), key=lambda x: -x[1])
    return lines + [f"  skipped {n}: {reason}" for reason, n in reasons]
