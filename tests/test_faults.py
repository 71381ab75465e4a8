"""Faults under a batch run: a full disk, a database locked by a reviewer, a corrupt database file and
SIGKILL. Each gives one clear line (or none, when waiting is the answer), leaves a consistent store,
and the next run recovers."""
from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import cli, store
from locks import hold_write_lock
from made_up_news import write_articles

ROOT = Path(__file__).resolve().parent.parent
def run_cli(*args: str):
    """Run `extractor` in-process with one extraction process; a traceback is never an acceptable answer."""
    result = CliRunner().invoke(cli.app, [*args, "--workers", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def rows(db_path: Path) -> dict[str, list[tuple]]:
    """Return all rows of the data tables, read with plain sqlite3 (no migration, no writes)."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        return {t: conn.execute(f"select * from [{t}] order by 1, 2").fetchall()
                for t in ("articles", "events", "event_sources", "reviews")}


def check_consistent(db_path: Path) -> None:
    """Assert the store passes SQLite's integrity check and every source points at a stored article."""
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        assert conn.execute("select count(*) from event_sources s left join articles a on a.id = s.article_id "
                            "where a.id is null").fetchone() == (0,)
        assert conn.execute("select count(*) from event_sources s left join events e on e.id = s.event_id "
                            "where e.id is null").fetchone() == (0,)


def stored_ids(db_path: Path) -> set[str]:
    with sqlite3.connect(db_path) as conn:
        return {r[0] for r in conn.execute("select id from articles")}


def store_baseline(db_path: Path, tmp_path: Path) -> Path:
    """Store three extracted articles and one review decision at `db_path`."""
    result = run_cli("run", str(write_articles(tmp_path / "old", range(3))), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    db = store.open_db(db_path)
    store.review_event(db, store.list_events(db)[0]["id"], "olena", "approve")
    db.close()
    return db_path


@pytest.fixture()
def baseline(tmp_path):
    """A store holding three extracted articles and one review decision."""
    return store_baseline(tmp_path / "events.db", tmp_path)


def mount_tmpfs(folder: Path, size: str) -> bool:
    """Mount a small tmpfs on a folder; False where this process may not mount."""
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.fixture(params=["tmpfs", "max_page_count"])
def full_disk(request, tmp_path, monkeypatch):
    """Yield (store path, free(): give space back) for a baseline store on a disk about to be full.

    `tmpfs`: the store really lives on a 4 MB tmpfs filled up to its last 64 KB (needs root;
    skipped elsewhere). `max_page_count`: SQLite's own size cap, the same SQLITE_FULL anywhere.
    """
    disk = tmp_path / "small"
    disk.mkdir()
    if request.param == "tmpfs":
        if not mount_tmpfs(disk, "4m"):
            pytest.skip("cannot mount a tmpfs here (needs root)")
        request.addfinalizer(lambda: subprocess.run(["umount", "-l", str(disk)], check=False))
    db_path = store_baseline(disk / "events.db", tmp_path)
    if request.param == "tmpfs":
        filler = disk / "filler"
        stat = os.statvfs(disk)
        filler.write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - 64 * 1024))
        yield db_path, filler.unlink
        return
    with sqlite3.connect(db_path) as conn:
        limit = conn.execute("pragma page_count").fetchone()[0] + 6
    opened = store.open_db

    def capped(path):
        db = opened(path)
        db.execute(f"pragma max_page_count = {limit}")
        return db

    monkeypatch.setattr(store, "open_db", capped)
    yield db_path, lambda: monkeypatch.setattr(store, "open_db", opened)


def test_disk_full_gives_one_line_keeps_the_store_and_the_next_run_recovers(full_disk, tmp_path):
    db_path, free = full_disk
    before = rows(db_path)
    new = write_articles(tmp_path / "new", range(3, 40))
    result = run_cli("run", str(new), "--db", str(db_path))
    assert result.exit_code == 1
    message = result.output.strip()
    assert message.startswith("error: the store failed during the run (database or disk is full)")
    assert "\n" not in message
    check_consistent(db_path)
    after = rows(db_path)
    for table, old in before.items():
        assert set(old) <= set(after[table]), f"{table} lost rows"
    stored_during_failure = len(stored_ids(db_path)) - 3
    assert stored_during_failure < 37

    free()
    again = run_cli("run", str(new), "--db", str(db_path))
    assert again.exit_code == 0, again.output
    check_consistent(db_path)
    assert stored_ids(db_path) == {f"news-{i:03d}" for i in range(40)}
    assert f"unchanged {stored_during_failure}," in again.output
    assert set(before["reviews"]) <= set(rows(db_path)["reviews"])


def test_a_run_waits_for_a_reviewer_holding_the_lock(baseline, tmp_path):
    holding = threading.Event()
    slow_review = "insert into reviews (event_id, reviewer, at, action) values ('held', 'slow', 'now', 'approve')"
    holder = threading.Thread(target=hold_write_lock, args=(baseline, 3.0, holding, slow_review))
    holder.start()
    assert holding.wait(10)
    started = time.monotonic()
    result = run_cli("run", str(write_articles(tmp_path / "new", range(3, 6))), "--db", str(baseline))
    waited = time.monotonic() - started
    holder.join()
    assert result.exit_code == 0, result.output
    assert "locked" not in result.output
    assert waited >= 2.5   # it waited for the lock instead of failing
    assert stored_ids(baseline) >= {"news-003", "news-004", "news-005"}
    assert ("held",) in [r[1:2] for r in rows(baseline)["reviews"]]


@pytest.mark.parametrize("damage", ["text", "header", "truncated"])
def test_corrupt_database_gives_one_line_and_stays_untouched(baseline, tmp_path, damage):
    with sqlite3.connect(baseline) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
    for extra in ("-wal", "-shm"):
        Path(f"{baseline}{extra}").unlink(missing_ok=True)
    data = baseline.read_bytes()
    bad = {"text": b"not a database at all\n" * 300,
           "header": b"\x00" * 100 + data[100:],
           "truncated": data[:4096 + 1000]}[damage]
    baseline.write_bytes(bad)
    result = run_cli("run", str(write_articles(tmp_path / "new", range(3, 5))), "--db", str(baseline))
    assert result.exit_code == 1
    message = result.output.strip()
    assert message.startswith(f"error: {baseline}: not a usable SQLite database (")
    assert "\n" not in message
    assert hashlib.sha256(baseline.read_bytes()).digest() == hashlib.sha256(bad).digest()


def test_sigkill_mid_run_leaves_a_consistent_store_and_the_next_run_resumes(baseline, tmp_path):
    new = write_articles(tmp_path / "new", range(3, 60))
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "run", str(new), "--db", str(baseline),
                             "--workers", "1"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "EXTRACTOR_BATCH_ARTICLES": "4"})  # killed inside a batch of several
    deadline = time.monotonic() + 120
    while len(stored_ids(baseline)) < 8 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    check_consistent(baseline)
    stored = len(stored_ids(baseline)) - 3
    assert 0 < stored < 57
    result = run_cli("run", str(new), "--db", str(baseline))
    assert result.exit_code == 0, result.output
    assert f"unchanged {stored}," in result.output
    check_consistent(baseline)
    assert stored_ids(baseline) == {f"news-{i:03d}" for i in range(60)}
