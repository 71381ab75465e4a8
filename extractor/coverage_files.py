"""Write hromada coverage as CSV, GeoJSON or the analyst's workbook (XLSX: events, hromadas, oblasts)."""
from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import TextIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from extractor import communities
from extractor.coverage import Coverage, HromadaCoverage, topic_labels
from extractor.export import LIST_SEPARATOR, as_text_cell
from extractor.lexicon import load_toml
from extractor.outputs import Staged

CSV_COLUMNS = ("hromada_code", "hromada", "raion", "oblast", "events", "hosted", "took_part", "last_event_date",
               "topics")
MAX_WIDTH = 60  # characters: a longer cell wraps instead of widening its column past the screen
DATE_FORMAT = "yyyy-mm-dd"
SHARE_FORMAT = "0%"


def _cell(row: HromadaCoverage, column: str):
    value = getattr(row, column)
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value


def write_csv(cov: Coverage, out: TextIO) -> None:
    """Write one row per hromada (the gaps first) as CSV."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in cov.rows:
        writer.writerow(["" if (v := _cell(row, c)) is None else v for c in CSV_COLUMNS])


def geojson(cov: Coverage) -> dict:
    """Return a GeoJSON FeatureCollection with a feature per hromada, joined to boundaries by `hromada_code`.

    The project ships no boundaries, so geometry is null (valid GeoJSON); a GIS joins the
    properties to a KATOTTH boundary layer by code.
    """
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": row.hromada_code, "geometry": None,
         "properties": {c: getattr(row, c) for c in CSV_COLUMNS}} for row in cov.rows]}


def write_geojson(cov: Coverage, out: TextIO) -> None:
    """Write the coverage as GeoJSON."""
    json.dump(geojson(cov), out, ensure_ascii=False)
    out.write("\n")


def _labels(topics: list[str] | None) -> str:
    return LIST_SEPARATOR.join(topic_labels().get(t, t) for t in topics or [])


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _hromada_rows(cov: Coverage) -> list[list]:
    return [[r.hromada_code, r.hromada, r.raion, r.oblast, r.events, r.hosted, r.took_part, _day(r.last_event_date),
             _labels(r.topics)] for r in cov.rows]


def _oblast_rows(cov: Coverage) -> list[list]:
    return [[o.oblast, o.reached, o.total, o.reached / o.total if o.total else 0] for o in cov.oblasts]


def _event_rows(cov: Coverage) -> list[list]:
    types = load_toml("review.toml")["labels"]["event_types"]
    rows = []
    for e in cov.events:
        venue = communities.hromada_of(e["settlement_code"])
        named = [h.get("name") or h.get("code") for h in e["participant_hromadas"] or [] if isinstance(h, dict)]
        rows.append([e["id"], types.get(e["event_type"], e["event_type"]), e["title"], _day(e["start_date"]),
                     _day(e["end_date"]), e["region"], e["settlement"], venue.name if venue else None,
                     LIST_SEPARATOR.join(named), e["country"], bool(e["online"]),
                     LIST_SEPARATOR.join(e["organizers"] or []), LIST_SEPARATOR.join(e["partners"] or []),
                     _labels(e["topics"]), e["review_status"]])
    return rows


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list]) -> None:
    """Add a sheet: Ukrainian header frozen and filtered, dates as dates, widths fitted to the content."""
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for values in rows:
        sheet.append([as_text_cell(ILLEGAL_CHARACTERS_RE.sub("", v)) if isinstance(v, str) else v for v in values])
    widths = [len(h) for h in headers]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, float):
                cell.number_format = SHARE_FORMAT
            shown = len(DATE_FORMAT) if isinstance(cell.value, date) else len(str(cell.value or ""))
            widths[cell.column - 1] = max(widths[cell.column - 1], shown)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width, MAX_WIDTH) + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def write_xlsx(cov: Coverage, path: Path) -> None:
    """Write the analyst's workbook: hromada coverage, the per-oblast summary and the events counted."""
    names = load_toml("coverage.toml")
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, names["sheets"]["hromadas"], list(names["hromadas"].values()), _hromada_rows(cov))
    _sheet(workbook, names["sheets"]["oblasts"], list(names["oblasts"].values()), _oblast_rows(cov))
    _sheet(workbook, names["sheets"]["events"], list(names["events"].values()), _event_rows(cov))
    with Staged(path) as staged:
        workbook.save(staged.path)


def summary_lines(cov: Coverage) -> list[str]:
    """Return the per-oblast summary as text lines: hromadas reached of all, least covered first, then the total."""
    width = max([len(o.oblast) for o in cov.oblasts] + [len("oblast")])
    lines = [f"{'oblast':<{width}}  reached  total  share"]
    for o in cov.oblasts:
        lines.append(f"{o.oblast:<{width}}  {o.reached:>7}  {o.total:>5}  {o.reached / o.total:>5.0%}")
    reached, total = sum(o.reached for o in cov.oblasts), sum(o.total for o in cov.oblasts)
    lines.append(f"{'all':<{width}}  {reached:>7}  {total:>5}  {reached / total if total else 0:>5.0%}")
    lines.append(f"{total - reached} hromadas never reached; --format csv lists every hromada, the gaps first")
    return lines
