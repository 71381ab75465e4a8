"""The batch on a corpus of bad inputs (tests/data/bad/, scripts/make_bad_inputs.py): every file is read or
skipped with a one-line reason, counted in the run summary, and nothing stored before is lost."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import cli, ingest, store

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
GOOD = {
    "lviv-seminar.txt": ("14 травня 2024 року у Львові відбувся семінар «Прозорий бюджет громади» для "
                         "фінансистів територіальних громад Львівської області. Організатор — Асоціація "
                         "міст України. Участь взяли 40 осіб."),
    "kazan-stol.txt": ("21 мая 2024 года в Сумах прошел круглый стол «Стратегия развития громады» для старост "
                       "Сумской области. Организатор — областной совет."),
}


def _script():
    spec = importlib.util.spec_from_file_location("make_bad_inputs", ROOT / "scripts" / "make_bad_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_bad_inputs = _script()


def run_cli(*args: str):
    """Run `extractor` in-process (one extraction process) and return the result."""
    result = CliRunner().invoke(cli.app, [*args, "--workers", "1"], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def snapshot(db_path: Path) -> dict[str, list]:
    """Return every row of the tables that hold extracted data."""
    db = store.open_db(db_path)
    try:
        return {name: db.execute_returning_dicts(f"select * from [{name}] order by 1, 2")
                for name in ("articles", "events", "event_sources", "reviews")}
    finally:
        db.close()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Store two good articles and a review, then run the batch over the bad corpus and the huge inputs."""
    folder = tmp_path_factory.mktemp("batch")
    good = folder / "good"
    good.mkdir()
    for name, text in GOOD.items():
        (good / name).write_text(text, encoding="utf-8")
    db_path = folder / "events.db"
    first = run_cli("run", str(good), "--db", str(db_path))
    assert first.exit_code == 0, first.output
    db = store.open_db(db_path)
    event_id = store.list_events(db)[0]["id"]
    store.review_event(db, event_id, "olena", "approve")
    db.close()
    before = snapshot(db_path)
    huge = make_bad_inputs.write_huge_inputs(folder / "huge")
    result = run_cli("run", str(BAD), *map(str, huge), "--db", str(db_path))
    db = store.open_db(db_path)
    run = db.execute_returning_dicts("select * from runs order by id desc limit 1")[0]
    db.close()
    return {"db": db_path, "before": before, "after": snapshot(db_path), "result": result, "run": run,
            "huge": huge, "good": good}


def test_the_committed_corpus_is_what_the_script_writes():
    assert {p.name: p.read_bytes() for p in BAD.iterdir()} == make_bad_inputs.bad_inputs()


def test_the_run_finishes_and_prints_a_summary(batch):
    assert batch["result"].exit_code == 0
    assert batch["run"]["status"] == "done"
    assert "articles read" in batch["result"].output


@pytest.mark.parametrize("source, reason", [
    ("empty.txt", "empty file"),
    ("blank.txt", "empty file"),
    ("binary.txt", "binary file"),
    ("scripts_only.html", "no main text in HTML"),
    ("broken.jsonl:2", "line is not JSON"),
    ("broken.jsonl:3", "line is not JSON"),
    ("broken.jsonl:4", "JSON record is not an object"),
    ("broken.jsonl:5", "record has no text"),
    ("broken.jsonl:6", "line is not JSON"),
    ("broken.jsonl:8", "no main text in HTML"),
    ("duplicate_ids.jsonl:2", "id already used by another article of this run ('dup-1')"),
    ("huge.txt", "file too large (104,857,788 bytes)"),
    ("nested_divs.html", "no main text in HTML"),
])
def test_each_bad_input_has_a_one_line_reason(batch, source, reason):
    errors = json.loads(batch["run"]["errors"])
    lines = [e for e in errors if e.split(": ", 1)[0].endswith(f"/{source}")]
    assert [line.split(": ", 1)[1] for line in lines] == [reason]


def test_every_skip_is_counted_in_the_summary(batch):
    counts = json.loads(batch["run"]["counts"])
    errors = json.loads(batch["run"]["errors"])
    assert counts["skipped"] == len(errors) == 13
    assert sum(counts["skip_reasons"].values()) == counts["skipped"]
    for reason, n in counts["skip_reasons"].items():
        assert f"skipped {n}: {reason}" in batch["result"].output.replace("\n", " ")


@pytest.mark.parametrize("article_id, lang, words", [
    ("cp1251", "uk", "в Житомирі відбувся семінар"),
    ("koi8u", "uk", "у Вінниці пройшов тренінг"),
    ("utf16_bom", "ru", "в Одессе состоялся вебинар"),
    ("truncated_utf8", "uk", "Зареєструйтеся до 15 червн"),
    ("jsonl-good", "ru", "в Харькове прошел круглый стол"),
    ("dup-1", "uk", "в Луцьку відбувся форум"),   # the first of two records with one id is kept
])
def test_readable_inputs_are_extracted(batch, article_id, lang, words):
    [row] = [a for a in batch["after"]["articles"] if a["id"] == article_id]
    assert (row["status"], row["lang"]) == ("extracted", lang)
    assert words in row["text"]
    assert any(s["article_id"] == article_id for s in batch["after"]["event_sources"])


def test_nothing_stored_before_is_lost(batch):
    before, after = batch["before"], batch["after"]
    for table, rows in before.items():
        assert [r for r in after[table] if r in rows] == rows, table
    assert after["reviews"] == before["reviews"]


def test_a_second_run_over_the_bad_corpus_changes_nothing(batch):
    again = run_cli("run", str(BAD), *map(str, batch["huge"]), "--db", str(batch["db"]))
    assert again.exit_code == 0
    assert snapshot(batch["db"]) == batch["after"]


def test_a_garbage_version_of_a_stored_article_does_not_replace_it(batch, tmp_path):
    """A re-scraped page that became a cookie wall keeps the stored article and its events."""
    (tmp_path / "lviv-seminar.txt").write_text("Access denied. Please enable cookies and JavaScript to continue "
                                               "reading this page.", encoding="utf-8")
    before = snapshot(batch["db"])
    result = run_cli("run", str(tmp_path), "--db", str(batch["db"]))
    assert result.exit_code == 0
    assert "skipped 1: language 'en' not supported" in result.output
    assert snapshot(batch["db"]) == before


def test_missing_path_is_one_line_and_a_failure_not_a_crash(tmp_path):
    """A mistyped path stops the run before it starts (issue 21), instead of a run that read nothing."""
    result = run_cli("run", str(tmp_path / "nowhere"), "--db", str(tmp_path / "e.db"))
    assert result.exit_code == 1
    assert result.output == f"error: {tmp_path / 'nowhere'}: no such file or directory\n"
    assert not (tmp_path / "e.db").exists()


def test_decode_drops_a_character_cut_at_the_end():
    """A download cut at a byte limit ends inside a character: the text before it is kept."""
    text = "Семінар для старост громад відбудеться у Полтаві"
    assert ingest.decode(text.encode("utf-8")[:-1]) == text[:-1]


def test_decode_still_refuses_broken_utf8_inside_the_text():
    data = "Семінар".encode("utf-8") + b"\xd0" + " у Полтаві".encode("utf-8")
    assert ingest.decode(data) != "Семінар у Полтаві"
