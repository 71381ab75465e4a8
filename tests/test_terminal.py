"""The terminal: `events` in 100 columns, `show` as a card, `explain` through a pipe, `run`'s summary, `export`'s note."""
from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from extractor import ingest, store, terminal
from extractor.cli import app
from extractor.review.highlight import Span, bracketed
from review_data import db_path, ids  # noqa: F401 (fixtures)

runner = CliRunner()
LONG_TITLE = "Семінар-практикум " * 12


def invoke(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_events_fit_100_columns_with_titles_cut_and_a_sources_column(db_path, ids):
    db = store.open_db(db_path)
    store.review_event(db, ids["uk-hostile"], "olena", "edit", {"title": LONG_TITLE})
    lines = invoke("events", "--db", db_path).output.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0].split() == ["id", "type", "start", "title", "place", "src", "conf", "review"]
    row = {line.split()[0]: line for line in lines[1:]}
    assert "Семінар-практикум Семінар…" in row[ids["uk-hostile"]]
    assert re.search(r"\s2 \d\.\d\d pending$", row[ids["uk-budget"]])  # the merged event has two sources


def test_events_json_is_a_flag_printing_json_lines(db_path, ids):
    help_line = next(line for line in invoke("events", "--help").output.splitlines() if "--json" in line)
    assert "<" not in help_line and "bool" not in help_line
    records = [json.loads(line) for line in invoke("events", "--db", db_path, "--json").output.splitlines()]
    assert {r["id"] for r in records} == set(ids.values())


def test_show_prints_each_field_with_its_quoted_evidence_then_the_sources(db_path, ids):
    card = invoke("show", ids["uk-budget"], "--db", db_path).output.splitlines()
    at = next(i for i, line in enumerate(card) if re.fullmatch(r"participants +45", line))
    assert card[at + 1].strip() == "«45»  (uk-budget)"
    title = next(i for i, line in enumerate(card) if re.fullmatch(r"title +Бюджет громади 2025", line))
    assert [c.strip() for c in card[title + 1:title + 3]] == ["«Бюджет громади 2025»  (uk-budget)",
                                                              "«Бюджет громади-2025»  (uk-budget-reprint)"]
    sources = card[card.index("sources (2)") + 1:]
    assert [s.split()[0] for s in sources] == ["uk-budget", "uk-budget-reprint"]
    assert json.loads(invoke("show", ids["uk-budget"], "--db", db_path, "--json").output)["id"] == ids["uk-budget"]


def test_explain_through_a_pipe_marks_evidence_with_brackets_and_field_labels(db_path, ids):
    output = invoke("explain", "uk-budget", "--db", db_path).output  # CliRunner's output is not a terminal
    assert "[end_date, start_date: 20-22 травня 2025 року] у [settlement: Хмельницькому]" in output
    assert "Участь взяли [participants: 45] осіб." in output
    assert "\x1b[" not in output


@pytest.mark.parametrize("spans, text", [
    ([], "abc def"),
    ([Span("a", 0, 3)], "[a: abc] def"),
    ([Span("a", 0, 3), Span("b", 0, 3)], "[a, b: abc] def"),
    ([Span("a", 0, 5), Span("b", 4, 7)], "[a: abc ][a, b: d][b: ef]"),
])
def test_bracketed(spans, text):
    assert bracketed("abc def", spans) == text


def test_run_summary_adds_up_and_a_missing_path_is_one_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Сьогодні, 14 травня 2024 року, у Полтаві відбувся семінар «Бюджет громади» для "
                                  "старост громад Полтавської області.", encoding="utf-8")
    (folder / "b.txt").write_text("The weather was fine and nothing happened in the town today at all.",
                                  encoding="utf-8")
    (folder / "c.txt").write_bytes(b"")
    db_path = tmp_path / "e.db"
    lines = invoke("run", folder, "--db", db_path, "--workers", 1).stdout.splitlines()
    read, unchanged, extracted, skipped = map(int, re.fullmatch(
        r"articles read (\d+) = unchanged (\d+) \+ extracted (\d+) \+ skipped (\d+)", lines[0]).groups())
    assert read == unchanged + extracted + skipped == 3
    found, new, merged = map(int, re.fullmatch(r"events found (\d+) = new (\d+) \+ merged (\d+)", lines[1]).groups())
    assert found == new + merged
    assert re.fullmatch(r"took \d+\.\d s, \d+\.\d articles/s", lines[2])
    again = invoke("run", folder, "--db", db_path, "--workers", 1).stdout.splitlines()
    assert again[0] == "articles read 3 = unchanged 2 + extracted 0 + skipped 1"

    result = invoke("run", tmp_path / "no" / "such.jsonl", "--db", db_path)
    assert result.exit_code == 1
    assert result.output == f"error: {tmp_path / 'no' / 'such.jsonl'}: no such file or directory\n"


def test_count_articles_counts_records_without_reading_them(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": 1}\n{"id": 2}\n{"id": 3}\n', encoding="utf-8")
    (tmp_path / "b.json").write_text('[{"id": 4}, {"id": 5}]', encoding="utf-8")
    (tmp_path / "c.txt").write_text("текст", encoding="utf-8")
    (tmp_path / "d.png").write_bytes(b"\x89PNG")
    assert ingest.count_articles([tmp_path]) == 6
    assert ingest.count_articles([tmp_path / "a.jsonl", tmp_path / "missing.txt"]) == 4


def test_export_says_how_many_were_left_out_and_why(db_path, ids, tmp_path):
    store.review_event(store.open_db(db_path), ids["uk-budget"], "olena", "approve")
    lines = invoke("export", "--format", "jsonl", "--out", tmp_path / "out.jsonl", "--db", db_path).output.splitlines()
    assert lines[-1] == "2 not approved; use --status all"
    everything = invoke("export", "--format", "jsonl", "--out", tmp_path / "all.jsonl", "--db", db_path, "--status",
                        "all").output
    assert "use --status all" not in everything


def test_run_summary_lines():
    counts = {"read": 10, "unchanged": 3, "extracted": 5, "skipped": 2, "skip_reasons": {"empty file": 2},
              "events_found": 7, "new": 4, "merged": 2}
    assert terminal.run_summary(counts, 4.0) == [
        "articles read 10 = unchanged 3 + extracted 5 + skipped 2",
        "events found 7 = new 4 + merged 2 + already stored 1",
        "took 4.0 s, 2.5 articles/s",
        "  skipped 2: empty file",
    ]
