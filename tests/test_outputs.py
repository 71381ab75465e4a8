"""Output paths (issue 23, item 1): an output that is the store, a file SQLite keeps beside it, or an input is
refused in one line with both intact; outputs appear whole at the end or not at all; a failed run says what is true."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import cli, pipeline
from made_up_news import write_articles


def invoke(*args: str):
    result = CliRunner().invoke(cli.app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def stored(tmp_path):
    """A store with three articles (checkpointed, so its file alone holds them) and the folder they came from."""
    articles = write_articles(tmp_path / "in", range(3))
    db = tmp_path / "t.db"
    assert invoke("run", str(articles), "--db", str(db), "--workers", "1").exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
    return db, articles


def events_of(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from events").fetchone()[0]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_run_jsonl_onto_the_store_or_its_companions_is_refused(stored, suffix):
    db, articles = stored
    target = Path(f"{db}{suffix}")
    before = digest(db)
    result = invoke("run", str(articles), "--db", str(db), "--jsonl", str(target), "--workers", "1")
    assert result.exit_code == 1
    assert result.output.strip().startswith(f"error: --jsonl {target} is the store")
    assert "\n" not in result.output.strip()
    assert digest(db) == before and events_of(db) == 3


def test_export_out_onto_the_store_is_refused_through_a_link_too(stored, tmp_path):
    db, _ = stored
    link = tmp_path / "link.csv"
    link.symlink_to(db)
    before = digest(db)
    for out in (db, link):
        result = invoke("export", "--format", "csv", "--out", str(out), "--db", str(db))
        assert result.exit_code == 1 and f"--out {out} is the store" in result.output
    assert digest(db) == before and events_of(db) == 3


def test_run_jsonl_onto_an_input_is_refused(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a1", "text": "Семінар у Полтаві 1 травня 2024 року."}\n', encoding="utf-8")
    before = digest(source)
    result = invoke("run", str(source), "--db", str(tmp_path / "t.db"), "--jsonl", str(source))
    assert result.exit_code == 1
    assert result.output.strip() == f"error: --jsonl {source} is an input of this command: choose another file"
    assert digest(source) == before
    assert not (tmp_path / "t.db").exists()


def test_run_jsonl_inside_an_input_folder_is_refused(stored):
    db, articles = stored
    result = invoke("run", str(articles), "--db", str(db), "--jsonl", str(articles / "events.jsonl"))
    assert result.exit_code == 1 and "is inside the input folder" in result.output
    assert not (articles / "events.jsonl").exists()


def test_a_failed_run_leaves_no_jsonl_and_says_the_store_cannot_resume(stored, monkeypatch, tmp_path):
    db, articles = stored
    out = tmp_path / "events.jsonl"
    out.write_text("the previous run's events\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(pipeline, "save_batch", broken)
    more = write_articles(tmp_path / "more", range(3, 6))
    result = invoke("run", str(more), "--db", str(db), "--jsonl", str(out), "--workers", "1")
    assert result.exit_code == 1
    message = result.output.strip()
    assert "\n" not in message
    assert message.startswith("error: the store failed during the run: the store is damaged")
    assert "run again to resume" not in message and "will not resume" in message
    assert message.endswith(f"; {out} was not written")
    assert out.read_text(encoding="utf-8") == "the previous run's events\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


def test_a_completed_run_replaces_the_jsonl_whole(stored, tmp_path):
    db, articles = stored
    out = tmp_path / "events.jsonl"
    out.write_text("old\n", encoding="utf-8")
    assert invoke("run", str(articles), "--db", str(db), "--jsonl", str(out), "--workers", "1").exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
