"""The batch on a corpus of bad inputs (tests/data/bad/, scripts/make_bad_inputs.py): every file is read or
skipped with a one-line reason, counted in the run summary, and nothing stored before is lost."""
from __future__ import annotations

import importlib.util
import json
import os
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


# --- poisoned records (issue 23, item 3): each is a counted skip, the rest of its batch is stored ----

POISONED = {
    "deep": '{"id": "deep", "text": "x", "extra": ' + "[" * 1000 + "]" * 1000 + "}",
    "url-2^100": '{"id": "url-2^100", "url": ' + str(2 ** 100) + ', "text": "Семінар у Полтаві 1 травня 2024 року."}',
    "url-2^63": '{"id": "url-2^63", "url": ' + str(2 ** 63) + ', "text": "Семінар у Полтаві 2 травня 2024 року."}',
    "digits": '{"id": "digits", "participants": ' + "9" * 5000 + ', "text": "Семінар у Полтаві."}',
    "title-list": '{"id": "title-list", "title": ["a"], "text": "Семінар у Полтаві 3 травня 2024 року."}',
}


def poisoned_batch(folder: Path) -> Path:
    """Write good articles around poisoned JSONL lines, and a good article whose file name is not UTF-8."""
    folder.mkdir()
    good = [json.dumps({"id": name, "url": f"https://news.example/{name}", "text": text}, ensure_ascii=False)
            for name, text in GOOD.items()]
    lines = [good[0], *POISONED.values(), good[1]]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (Path(os.fsdecode(bytes(folder) + b"/bad-\xff\xfe-name.txt"))).write_text(GOOD["lviv-seminar.txt"].replace(
        "Львові", "Тернополі"), encoding="utf-8")
    return folder


def test_poisoned_records_are_counted_skips_and_the_batch_is_stored(tmp_path):
    folder = poisoned_batch(tmp_path / "in")
    db_path = tmp_path / "events.db"
    for attempt in range(2):  # the second run passes them again instead of stopping at the same place
        result = run_cli("run", str(folder), "--db", str(db_path))
        assert result.exit_code == 0, result.output
    db = store.open_db(db_path)
    runs = db.execute_returning_dicts("select status, errors from runs order by id")
    assert [r["status"] for r in runs] == ["done", "done"]
    errors = {line.rsplit(": ", 1)[0].rsplit("/", 1)[-1]: line.rsplit(": ", 1)[1]
              for line in json.loads(runs[-1]["errors"])}
    assert errors == {"batch.jsonl:2": "line is JSON nested too deeply", "batch.jsonl:3": "'url' is not text",
                      "batch.jsonl:4": "'url' is not text", "batch.jsonl:5": "line holds a number too long to read",
                      "batch.jsonl:6": "'title' is not text"}
    stored = {r["id"]: r["source"] for r in db.execute_returning_dicts("select id, source from articles")}
    assert set(stored) == {"lviv-seminar.txt", "kazan-stol.txt", "bad-\\xff\\xfe-name"}
    assert stored["bad-\\xff\\xfe-name"].endswith("/bad-\\xff\\xfe-name.txt")  # the bytes, shown as escapes


def test_an_article_a_library_cannot_store_is_skipped_and_its_batch_saved(tmp_path):
    """The writer's safety net: a value SQLite cannot hold rolls back that article alone."""
    from extractor import pipeline
    db = store.open_db(tmp_path / "events.db")
    summary = pipeline.RunSummary()
    good, bad = (ingest.Article(id=i, text=GOOD["lviv-seminar.txt"] + i, url=url, source=f"src/{i}")
                 for i, url in (("good", "https://news.example/good"), ("bad", 2 ** 70)))
    pipeline.save_batch(db, [pipeline.extract(bad), pipeline.extract(good)], [], summary)
    assert [r["id"] for r in db.execute_returning_dicts("select id from articles")] == ["good"]
    assert summary.skipped == {"cannot be stored (OverflowError)": 1}
    assert summary.errors == ["src/bad: cannot be stored (OverflowError)"]
