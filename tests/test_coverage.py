"""Hromada coverage: every hromada of the codifier with its events, the gaps first; CSV, GeoJSON, the analyst's XLSX."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from extractor import coverage, coverage_files, store
from extractor.cli import app

BRODY, BRODY_CITY = "UA46040010000033885", "UA46040010010077682"
KOLKY, LYUBESHIV = "UA07080130000017070", "UA07040030000028082"
RESHETYLIVKA = "UA53080390000027656"
NEVER = "UA05020010000053508"  # Агрономічна громада: no event names it
runner = CliRunner()


def event(event_id: str, start: str | None, settlement_code: str | None = None, hromadas=(), topics=(),
          status: str = "approved", country: str | None = "UA") -> dict:
    return {"id": event_id, "article_id": event_id, "event_type": "seminar", "title": f"Семінар {event_id}",
            "start_date": start, "end_date": start, "settlement_code": settlement_code, "country": country,
            "participant_hromadas": [{"code": c, "name": "", "evidence": None} for c in hromadas],
            "topics": list(topics), "organizers": ["Центр"], "partners": [], "review_status": status,
            "region": None, "online": 0, "confidence": 0.9, "version": 1}


@pytest.fixture
def db(tmp_path: Path):
    conn = store.open_db(tmp_path / "c.db")
    for row in (event("e1", "2025-03-12", BRODY_CITY, [KOLKY, LYUBESHIV], ["finance_budget"]),
                event("e2", "2025-05-20", None, [KOLKY, BRODY], ["digitalization"]),
                event("e3", "2025-06-01", None, [RESHETYLIVKA], status="pending"),
                event("e4", None, None, [LYUBESHIV])):
        store.insert_event(conn, row)
    return conn


def by_code(cov: coverage.Coverage) -> dict[str, coverage.HromadaCoverage]:
    return {r.hromada_code: r for r in cov.rows}


def test_every_hromada_has_a_row_and_events_count_once_per_hromada(db):
    rows = by_code(coverage.coverage(db))
    assert len(rows) == 1469
    brody = rows[BRODY]
    assert (brody.events, brody.hosted, brody.took_part, brody.last_event_date) == (2, 1, 1, "2025-05-20")
    assert rows[KOLKY].topics == ["digitalization", "finance_budget"]
    assert (rows[LYUBESHIV].events, rows[LYUBESHIV].last_event_date) == (2, "2025-03-12")  # an undated event counts
    assert rows[NEVER].events == 0 and rows[RESHETYLIVKA].events == 0  # e3 is not approved


def test_gaps_come_first_and_the_oblast_summary_adds_up(db):
    cov = coverage.coverage(db, status="all")
    events = [r.events for r in cov.rows]
    assert events[0] == 0 and events == sorted(events, key=lambda n: n > 0)
    assert sum(o.total for o in cov.oblasts) == 1469
    reached = {o.oblast: (o.reached, o.total) for o in cov.oblasts}
    assert reached["Волинська область"] == (2, 54) and reached["Полтавська область"] == (1, 60)


@pytest.mark.parametrize("kwargs, reached", [
    ({"since": "2025-04-01"}, {KOLKY, BRODY}),
    ({"until": "2025-04-01"}, {BRODY, KOLKY, LYUBESHIV}),
    ({"topic": "finance_budget"}, {BRODY, KOLKY, LYUBESHIV}),
    ({"topic": "Фінанси та бюджет"}, {BRODY, KOLKY, LYUBESHIV}),  # a topic by its label
    ({"region": "Волинська область"}, {KOLKY, LYUBESHIV}),
    ({"region": "Волынская область"}, {KOLKY, LYUBESHIV}),
    ({"region": "Полтавщина", "status": "all"}, {RESHETYLIVKA}),
    ({"status": "all"}, {BRODY, KOLKY, LYUBESHIV, RESHETYLIVKA}),
])
def test_filters(db, kwargs: dict, reached: set[str]):
    cov = coverage.coverage(db, **kwargs)
    assert {r.hromada_code for r in cov.rows if r.events} == reached
    if "region" in kwargs:
        assert len({r.oblast for r in cov.rows}) == 1


@pytest.mark.parametrize("kwargs, message", [
    ({"region": "Марс"}, "unknown region"), ({"topic": "astrology"}, "unknown topic"),
    ({"status": "pending"}, "unknown status")])
def test_bad_filters_are_one_message(db, kwargs: dict, message: str):
    with pytest.raises(coverage.CoverageError, match=message):
        coverage.coverage(db, **kwargs)


def test_csv_and_geojson(db):
    cov = coverage.coverage(db)
    out = io.StringIO()
    coverage_files.write_csv(cov, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(coverage_files.CSV_COLUMNS) and len(rows) == 1469
    kolky = next(r for r in rows if r["hromada_code"] == KOLKY)
    assert (kolky["events"], kolky["hromada"], kolky["topics"]) == ("2", "Колківська громада",
                                                                      "digitalization; finance_budget")
    features = coverage_files.geojson(cov)["features"]
    assert len(features) == 1469 and features[0]["geometry"] is None
    json.dumps(coverage_files.geojson(cov))  # serializable as it is


def test_analyst_workbook(db, tmp_path: Path):
    out = tmp_path / "coverage.xlsx"
    coverage_files.write_xlsx(coverage.coverage(db, status="all", with_events=True), out)
    book = load_workbook(out)
    assert book.sheetnames == ["Покриття громад", "Області", "Заходи"]
    hromadas, events = book["Покриття громад"], book["Заходи"]
    for sheet in book:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    assert hromadas["A1"].value == "Код громади (КАТОТТГ)" and hromadas.max_row == 1470
    assert hromadas.column_dimensions["B"].width > len("Громада") + 2  # fitted to the longest name
    header = [c.value for c in events[1]]
    e1 = [c.value for c in events[2]]
    assert e1[header.index("Тип")] == "семінар"
    assert isinstance(e1[header.index("Початок")], datetime)
    assert e1[header.index("Теми")] == "Фінанси та бюджет"
    assert e1[header.index("Громада проведення")] == "Бродівська громада"


def test_cli_csv_goes_to_stdout_and_table_summarizes(db, tmp_path: Path):
    path = tmp_path / "c.db"
    result = runner.invoke(app, ["coverage", "--db", str(path), "--format", "csv", "--status", "all"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["hromada_code"]: int(r["events"]) for r in rows}[RESHETYLIVKA] == 1
    table = runner.invoke(app, ["coverage", "--db", str(path)])
    assert "Волинська область" in table.stdout and "1466 hromadas never reached" in table.stdout
    bad = runner.invoke(app, ["coverage", "--db", str(path), "--format", "xlsx"])
    assert bad.exit_code == 1 and "--out" in bad.output
    bad = runner.invoke(app, ["coverage", "--db", str(path), "--since", "12.03.2025"])
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.output


@pytest.mark.parametrize("params, expected", [
    ({"since": "2025-01", "until": "2025-03", "status": "all"}, ("2025-01", "2025-03", "all")),
    ({"since": "2025-13", "until": "garbage", "status": "pending"}, ("", "", "approved")),
])
def test_coverage_page_period(params: dict, expected: tuple):
    from extractor.review.coverage_view import Period
    period = Period.from_params(params)
    assert (period.since, period.until, period.status) == expected


@pytest.mark.parametrize("since, until, months", [
    ("", "", ["2024-12", "2025-01", "2025-02", "2025-03"]),  # the dated events' span, empty months as zero
    ("2025-02", "2025-04", ["2025-02", "2025-03", "2025-04"]),
])
def test_time_axis_shows_every_month(since: str, until: str, months: list[str]):
    from extractor.review.coverage_view import Period, time_axis
    axis, undated = time_axis([(None, 2), ("2024-12", 1), ("2025-03", 4)], Period(since, until))
    assert [m.month for m in axis] == months and undated == 2
    assert {m.month: m.count for m in axis}.get("2025-01", 0) == 0
    assert axis[0].href.startswith(f"/?status=approved&date_from={months[0]}-01&date_to={months[0]}-")


@pytest.mark.parametrize("rows, expected", [
    ([("Програма «U-LEAD з Європою»", 3), ("ПРООН", 2), ("программа «U-LEAD с Европой»", 2),
      ("Програма розвитку ООН", 1)], [("Програма «U-LEAD з Європою»", 5), ("ПРООН", 3)]),
    ([("программа «U-LEAD с Европой»", 1), (None, 4)], [("программа «U-LEAD с Европой»", 1)]),
])
def test_each_funder_is_one_bar_whatever_the_language(rows, expected):
    from extractor.review.coverage_view import by_body
    assert by_body(rows) == expected
