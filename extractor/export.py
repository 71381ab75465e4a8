"""Export stored events in the registry schema as CSV, JSONL or XLSX, and read such files back.

One row per event. JSONL keeps lists as lists and types as JSON types; CSV and XLSX join
list items with "; " so a spreadsheet shows one cell per field. CSV starts with a UTF-8 BOM
because spreadsheet software otherwise guesses a legacy code page and garbles Cyrillic.
"""
from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from extractor import communities, store
from extractor.outputs import OutputError, Staged
from extractor.scope import in_scope

COLUMNS = ("event_id", "version", "event_type", "title", "topics", "organizers", "partners",
           "start_date", "end_date", "country", "oblast", "raion", "hromada", "hromada_code", "settlement",
           "settlement_code", "participant_hromada_codes", "participant_hromadas", "online", "audience",
           "participants", "source_urls", "review_status", "reviewer", "confidence")
LIST_COLUMNS = frozenset({"topics", "organizers", "partners", "audience", "source_urls", "participant_hromada_codes",
                          "participant_hromadas"})
INT_COLUMNS = frozenset({"version", "participants"})
FORMATS = ("csv", "jsonl", "xlsx")
LIST_SEPARATOR = "; "
# Registry column -> event column where the names differ.
RENAMED = {"event_id": "id", "oblast": "region", "reviewer": "reviewed_by"}
# A spreadsheet cell starting with one of these may be run as a formula (CSV injection); OWASP's
# advice is to prefix such a cell with an apostrophe, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


class ExportError(ValueError):
    """An export cannot be written or read: unknown format or an unusable path."""


def registry_row(event: dict) -> dict:
    """Map one stored event (with its sources) to a registry row with typed values."""
    row: dict = {}
    for column in COLUMNS:
        value = event.get(RENAMED.get(column, column))
        if column in LIST_COLUMNS:
            value = _clean_list(value)
        elif column == "online":
            value = bool(value)
        elif column == "confidence":
            # NaN is no JSON number; a registry cannot take it.
            value = round(float(value), 3) if value is not None and math.isfinite(value) else None
        elif column in INT_COLUMNS:
            value = int(value) if value is not None else None
        elif value is not None:
            value = str(value).strip() or None
        row[column] = value
    row["source_urls"] = _clean_list(s.get("url") for s in event.get("sources") or [])
    venue_hromada = communities.hromada_of(event.get("settlement_code"))
    row["hromada_code"] = venue_hromada.code if venue_hromada else None
    hromadas = [h for h in event.get("participant_hromadas") or [] if isinstance(h, dict)]
    row["participant_hromada_codes"] = _clean_list(h.get("code") for h in hromadas)
    row["participant_hromadas"] = _clean_list(h.get("name") for h in hromadas)
    return row


def _clean_list(items: Iterable | None) -> list[str]:
    """Return the non-empty items as stripped text, first occurrence kept."""
    out = [str(x).strip() for x in items or [] if x is not None and str(x).strip()]
    return list(dict.fromkeys(out))


def registry_rows(db: sqlite_utils.Database, status: str | None = "approved", everything: bool = False) -> list[dict]:
    """Return the registry rows of stored events of a status (None: all), in scope unless `everything`, by start
    date."""
    rows = []
    for event in store.list_events(db, status):
        if not (everything or in_scope(event)):
            continue
        full = store.get_event(db, event["id"])
        if full is not None:
            rows.append(registry_row(full))
    # Undated events last; the id keeps the order stable between exports.
    return sorted(rows, key=lambda r: (r["start_date"] is None, r["start_date"] or "", r["event_id"]))


def out_of_scope(db: sqlite_utils.Database, status: str | None = "approved") -> int:
    """Return how many stored events of a status (None: all) are out of the registry's scope."""
    return sum(not in_scope(event) for event in store.list_events(db, status))


def export(db: sqlite_utils.Database, out: Path, fmt: str, status: str | None = "approved",
           everything: bool = False) -> int:
    """Write the events of one review status (all when None) in scope (all when `everything`) to `out`; return how
    many."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format '{fmt}' (expected one of: {', '.join(FORMATS)})")
    rows = registry_rows(db, status, everything)
    try:
        with Staged(out) as staged:  # a reader never sees half a file; an interrupted export leaves none
            {"csv": _write_csv, "jsonl": _write_jsonl, "xlsx": _write_xlsx}[fmt](rows, staged.path)
    except OutputError as exc:
        raise ExportError(str(exc)) from None
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    return len(rows)


def as_text_cell(value: str) -> str:
    """Return text a spreadsheet shows as text: a cell that could start a formula gets an apostrophe first."""
    return TEXT_MARK + value if value.startswith(FORMULA_STARTS) else value


def _flat(column: str, value):
    """Return a value as one spreadsheet cell: lists joined, None as empty, text never a formula."""
    if column in LIST_COLUMNS:
        return as_text_cell(LIST_SEPARATOR.join(value))
    if column == "online":
        return "true" if value else "false"
    if isinstance(value, str):
        return as_text_cell(value)
    return "" if value is None else value


def _write_csv(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", errors="replace", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_flat(c, row[c]) for c in COLUMNS])


def _write_jsonl(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8", errors="replace") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_xlsx(rows: list[dict], path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "events"
    sheet.append(COLUMNS)
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(COLUMNS, start=1):
            value = row[column] if column == "online" else _flat(column, row[column])
            if isinstance(value, str):
                # XLSX cannot hold control characters; openpyxl raises on them.
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=r, column=c, value=None if value == "" else value)
            if isinstance(value, str):
                # Stored as text too: a copy into another sheet or a CSV keeps it a value, not a formula.
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    workbook.save(path)


def read_back(path: Path, fmt: str) -> list[dict]:
    """Read an exported file back into typed registry rows (the inverse of `export`)."""
    path = Path(path)
    if fmt == "jsonl":
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [_typed(raw) for raw in csv.DictReader(fh)]
    if fmt == "xlsx":
        workbook = load_workbook(path, read_only=True)
        try:
            cells = list(workbook.active.iter_rows(values_only=True))
        finally:
            workbook.close()
        if not cells:
            return []
        header = [str(h) for h in cells[0]]
        return [_typed(dict(zip(header, values))) for values in cells[1:]]
    raise ExportError(f"unknown export format '{fmt}' (expected one of: {', '.join(FORMATS)})")


def _typed(raw: dict) -> dict:
    """Turn one spreadsheet row (text or cell values) back into typed registry values."""
    row = {}
    for column in COLUMNS:
        value = raw.get(column)
        if isinstance(value, str) and value.startswith(TEXT_MARK) and value[1:].startswith(FORMULA_STARTS):
            value = value[1:]
        if value == "":
            value = None
        if column in LIST_COLUMNS:
            value = str(value).split(LIST_SEPARATOR) if value is not None else []
        elif column == "online":
            value = value is True or str(value).lower() == "true"
        elif column == "confidence":
            value = float(value) if value is not None else None
        elif column in INT_COLUMNS:
            value = int(value) if value is not None else None
        elif value is not None:
            value = str(value)
        row[column] = value
    return row
