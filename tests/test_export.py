"""Export in the registry schema: CSV, XLSX and JSONL read back to the same records."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from extractor import dedup, export, store

UK_TEXT = ("У Кам’янці-Подільському 20–21 травня 2025 року відбувся семінар «Бюджет громади: з'ясовуємо "
           "пріоритети» для старост Гуменецької сільської територіальної громади.")
RU_TEXT = ("В Харькове 3 июня 2025 года пройдёт круглый стол «Об’єднані громади: опыт и вызовы» при поддержке "
           "программы U-LEAD с Европой.")

UK_EVENT = {
    "article_id": "uk-a1", "lang": "uk", "event_type": "seminar",
    "title": "Бюджет громади: з'ясовуємо пріоритети",
    "organizers": ["Хмельницький обласний центр перепідготовки", "Асоціація об’єднаних громад"],
    "partners": ["Програма «U-LEAD з Європою»"], "audience": ["старости громад", "депутати місцевих рад"],
    "topics": ["finance_budget", "decentralization"], "start_date": "2025-05-20", "end_date": "2025-05-21",
    "settlement": "Кам’янець-Подільський", "settlement_code": "UA68040090010011024",
    "hromada": "Гуменецька сільська територіальна громада", "raion": "Кам’янець-Подільський район",
    "region": "Хмельницька область", "online": False, "participants": 35, "status": "held",
    "confidence": 0.9234, "evidence": {"title": [64, 101]},
}
RU_EVENT = {
    "article_id": "ru-b2", "lang": "ru", "event_type": "round_table", "title": "=Обʼєднані громади: опыт и вызовы",
    "organizers": ["Харьковский областной совет"], "partners": [], "audience": [], "topics": [],
    "start_date": "2025-06-03", "end_date": "2025-06-03", "settlement": "Харків", "settlement_code": None,
    "hromada": None, "raion": None, "region": "Харківська область", "online": True, "participants": None,
    "status": "announced", "confidence": 0.81, "evidence": {},
}
PENDING_EVENT = {
    "article_id": "uk-c3", "lang": "uk", "event_type": "webinar", "title": "Вебінар для ЦНАПів",
    "organizers": [], "partners": [], "audience": [], "topics": [], "start_date": None, "end_date": None,
    "settlement": None, "region": "Львівська область", "online": True, "participants": None,
    "status": "unknown", "confidence": 0.4, "evidence": {},
}


def article(article_id: str, lang: str, text: str) -> dict:
    return {"id": article_id, "url": f"https://news.example/{article_id}", "title": text[:40], "lang": lang,
            "published": "2025-05-22", "text": text, "status": "extracted", "reason": None,
            "duplicate_of": None, "source": "test"}


@pytest.fixture
def db(tmp_path: Path):
    conn = store.open_db(tmp_path / "t.db")
    dedup.save_article(conn, article("uk-a1", "uk", UK_TEXT), [UK_EVENT], run_id=None)
    dedup.save_article(conn, article("ru-b2", "ru", RU_TEXT), [RU_EVENT], run_id=None)
    dedup.save_article(conn, article("uk-c3", "uk", "Онлайн-вебінар для працівників ЦНАП."), [PENDING_EVENT],
                       run_id=None)
    for event in store.list_events(conn, None):
        if event["article_id"] != "uk-c3":
            store.review_event(conn, event["id"], "Оксана Мар’янчук", "approve")
    return conn


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl"])
def test_round_trip_gives_back_the_same_records(db, tmp_path: Path, fmt: str):
    out = tmp_path / f"events.{fmt}"
    assert export.export(db, out, fmt) == 2
    assert export.read_back(out, fmt) == export.registry_rows(db)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl"])
def test_cyrillic_and_apostrophes_survive(db, tmp_path: Path, fmt: str):
    out = tmp_path / f"events.{fmt}"
    export.export(db, out, fmt)
    uk, ru = export.read_back(out, fmt)
    assert uk["title"] == "Бюджет громади: з'ясовуємо пріоритети"
    assert uk["settlement"] == "Кам\u2019янець-Подільський"
    assert uk["organizers"] == ["Хмельницький обласний центр перепідготовки", "Асоціація об\u2019єднаних громад"]
    assert uk["oblast"] == "Хмельницька область"
    assert uk["reviewer"] == "Оксана Мар\u2019янчук"
    assert ru["title"] == "=Об\u02bcєднані громади: опыт и вызовы"
    assert (uk["participants"], uk["online"], uk["confidence"]) == (35, False, 0.923)
    assert (ru["participants"], ru["online"], ru["partners"], ru["raion"]) == (None, True, [], None)
    assert uk["source_urls"] == ["https://news.example/uk-a1"]


def test_csv_starts_with_bom_and_joins_lists(db, tmp_path: Path):
    out = tmp_path / "events.csv"
    export.export(db, out, "csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ",".join(export.COLUMNS).encode())
    assert "Хмельницький обласний центр перепідготовки; Асоціація об’єднаних громад" in raw.decode("utf-8-sig")


def test_xlsx_keeps_a_leading_equals_sign_as_text(db, tmp_path: Path):
    out = tmp_path / "events.xlsx"
    export.export(db, out, "xlsx")
    sheet = load_workbook(out)["events"]
    title_column = export.COLUMNS.index("title") + 1
    assert sheet.cell(row=3, column=title_column).data_type == "s"


@pytest.mark.parametrize("status, expected", [("approved", 2), ("pending", 1), ("rejected", 0), (None, 3)])
def test_status_filter(db, tmp_path: Path, status, expected: int):
    out = tmp_path / "events.jsonl"
    assert export.export(db, out, "jsonl", status) == expected
    assert len(export.read_back(out, "jsonl")) == expected


def test_undated_events_come_last(db, tmp_path: Path):
    out = tmp_path / "events.jsonl"
    export.export(db, out, "jsonl", None)
    assert [r["start_date"] for r in export.read_back(out, "jsonl")] == ["2025-05-20", "2025-06-03", None]


def test_control_characters_do_not_break_xlsx(tmp_path: Path):
    conn = store.open_db(tmp_path / "t.db")
    event = {**PENDING_EVENT, "title": "Семінар\x07 для\x00 громад"}
    dedup.save_article(conn, article("uk-x", "uk", "Семінар для громад."), [event], run_id=None)
    out = tmp_path / "events.xlsx"
    assert export.export(conn, out, "xlsx", None) == 1
    assert export.read_back(out, "xlsx")[0]["title"] == "Семінар для громад"


def test_unknown_format_is_refused(db, tmp_path: Path):
    with pytest.raises(export.ExportError, match="unknown export format 'xml'"):
        export.export(db, tmp_path / "events.xml", "xml")


def test_unwritable_path_is_one_error(db, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(export.ExportError, match="cannot write .*events.csv"):
        export.export(db, blocker / "events.csv", "csv")


@pytest.mark.parametrize("confidence, expected", [(0.87654, 0.877), (float("inf"), None), (None, None)])
def test_confidence_is_rounded_and_kept_finite(confidence, expected):
    assert export.registry_row({"id": "ev-1", "confidence": confidence})["confidence"] == expected


FORMULA_TITLES = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_no_spreadsheet_cell_starts_with_a_formula_character(tmp_path: Path, fmt: str):
    conn = store.open_db(tmp_path / "t.db")
    for i, title in enumerate(FORMULA_TITLES):
        event = {**PENDING_EVENT, "title": title, "organizers": ["=cmd|' /C calc'!A0"], "settlement": f"місто {i}"}
        dedup.save_article(conn, article(f"uk-f{i}", "uk", f"Семінар {i} для громад."), [event], run_id=None)
    out = tmp_path / f"events.{fmt}"
    assert export.export(conn, out, fmt, None) == len(FORMULA_TITLES)
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as fh:
            cells = [c for row in csv.reader(fh) for c in row]
    else:
        workbook = load_workbook(out)
        cells = [c.value for row in workbook.active.iter_rows() for c in row if isinstance(c.value, str)]
        assert all(c.data_type == "s" for row in workbook.active.iter_rows() for c in row if isinstance(c.value, str))
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'+1+1" in cells and "'=cmd|' /C calc'!A0" in cells
    back = export.read_back(out, fmt)
    assert sorted(r["title"] for r in back) == sorted(t.strip() for t in FORMULA_TITLES)  # stored stripped
    assert {tuple(r["organizers"]) for r in back} == {("=cmd|' /C calc'!A0",)}


def test_an_interrupted_export_leaves_the_old_file_and_no_part(db, tmp_path: Path, monkeypatch):
    out = tmp_path / "events.csv"
    out.write_text("the previous export\n", encoding="utf-8")

    def crash(rows, path):
        path.write_text("half a fi", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "_write_csv", crash)
    with pytest.raises(KeyboardInterrupt):
        export.export(db, out, "csv")
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv", "t.db", "t.db-shm", "t.db-wal"]
