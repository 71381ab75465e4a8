"""Faults under a batch run: a full disk, a database locked by a reviewer, a corrupt database file and
SIGKILL. Each gives one clear line (or none, when waiting is the answer), leaves a consistent store,
and the next run recovers."""
from __future__ import annotations

import hashlib
import os
import re
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
    assert message.startswith("error: the store failed during the run: the disk is full (database or disk is full)")
    assert message.endswith("run again to resume")  # true here: every stored article is whole
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
    assert re.search(rf"unchanged {stored_during_failure}\b", again.output)
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
    assert re.search(rf"unchanged {stored}\b", result.output)
    check_consistent(baseline)
    assert stored_ids(baseline) == {f"news-{i:03d}" for i in range(60)}


# --- store faults outside `run` (issue 23, item 5) -------------------------------------------------

def one_line_error(result) -> str:
    """Assert a command failed with exit 1 and one line, no traceback; return the line."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    message = result.output.strip()
    assert "\n" not in message and "Traceback" not in message and message.startswith("error: "), message
    return message


def command(*args: str):
    """Run an `extractor` command other than `run` in-process."""
    return CliRunner().invoke(cli.app, list(args))


def corrupt_events_table(db_path: Path) -> None:
    """Overwrite the pages of the events table in the middle of a valid store; its header and schema stay readable."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
        page_size = conn.execute("pragma page_size").fetchone()[0]
        root = conn.execute("select rootpage from sqlite_master where name = 'events'").fetchone()[0]
    with open(db_path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xa5" * page_size)


def test_corrupt_pages_give_one_line_from_every_command(baseline, tmp_path):
    event_id = store.list_events(store.open_db(baseline))[0]["id"]
    corrupt_events_table(baseline)
    for args in (["events"], ["events", "--json"], ["show", event_id], ["approve", event_id],
                 ["export", "--format", "csv", "--out", str(tmp_path / "e.csv"), "--status", "all"]):
        message = one_line_error(command(*args, "--db", str(baseline)))
        assert "the store is damaged (database disk image is malformed)" in message, (args, message)
    assert not (tmp_path / "e.csv").exists()


def test_corrupt_pages_give_a_clear_page_in_the_review_app(baseline):
    from starlette.testclient import TestClient

    from extractor.review.app import create_app
    event_id = store.list_events(store.open_db(baseline))[0]["id"]
    corrupt_events_table(baseline)
    client = TestClient(create_app(baseline, token="t" * 20), base_url="http://127.0.0.1",
                        headers={"x-review-token": "t" * 20}, raise_server_exceptions=False)
    for path in ("/", f"/event/{event_id}", "/coverage"):
        page = client.get(path)
        assert page.status_code == 503, (path, page.status_code)
        assert "the store is damaged" in page.text and "Traceback" not in page.text


@pytest.fixture(params=["opened read-only", "read-only file system"])
def read_only_store(request, baseline, tmp_path, monkeypatch):
    """The baseline store as a user who may only read it: SQLite opens it read-only (as for a file of
    another user), or it lies on a file system remounted read-only (needs root to mount; skipped elsewhere)."""
    if request.param == "opened read-only":
        connect = sqlite3.connect
        monkeypatch.setattr(sqlite3, "connect", lambda path, **kw: connect(f"file:{path}?mode=ro", uri=True, **kw))
        yield baseline
        return
    disk = tmp_path / "ro"
    disk.mkdir()
    if not mount_tmpfs(disk, "8m"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        with sqlite3.connect(baseline) as conn:
            conn.execute("pragma wal_checkpoint(truncate)")
        (disk / "events.db").write_bytes(baseline.read_bytes())
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
        yield disk / "events.db"
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_read_only_store_gives_one_line_to_approve_and_push(read_only_store, baseline):
    # Opened read-only, SQLite reads but cannot write; on a read-only file system it cannot open a WAL store at all.
    expected = ("the store is read-only (attempt to write a readonly database)", "(unable to open database file)")
    with sqlite3.connect(baseline) as conn:
        event_id = conn.execute("select id from events where review_status = 'pending'").fetchone()[0]
    for args in (["approve", event_id], ["push", "--url", "http://127.0.0.1:9/api"]):
        message = one_line_error(command(*args, "--db", str(read_only_store)))
        assert any(e in message for e in expected), message


@pytest.fixture()
def short_wait(monkeypatch):
    """Let commands wait 1 s (instead of 30) for another process's write lock."""
    from extractor.config import settings
    monkeypatch.setenv("EXTRACTOR_DB_BUSY_TIMEOUT_S", "1")
    settings.cache_clear()
    yield
    monkeypatch.undo()
    settings.cache_clear()


def test_a_lock_held_too_long_gives_one_line_to_approve_and_push(baseline, short_wait):
    event_id = store.list_events(store.open_db(baseline), "pending")[0]["id"]
    holding = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(baseline, 4.0, holding))
    holder.start()
    assert holding.wait(10)
    try:
        for args in (["approve", event_id], ["push", "--url", "http://127.0.0.1:9/api"]):
            message = one_line_error(command(*args, "--db", str(baseline)))
            assert "locked by another process for over 1 s (database is locked)" in message, message
    finally:
        holder.join()
    assert store.get_event(store.open_db(baseline), event_id)["review_status"] == "pending"


# --- runs killed mid-way are marked (issue 23, item 6) ----------------------------------------------

def run_statuses(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        return [r[0] for r in conn.execute("select status from runs order by id")]


def test_a_killed_run_is_marked_interrupted_at_the_next_start(baseline, tmp_path):
    code = "import sys; from extractor import store; store.start_run(store.open_db(sys.argv[1]), ['x']); " \
           "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"
    killed = subprocess.run([sys.executable, "-c", code, str(baseline)], cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL
    assert run_statuses(baseline) == ["done", "running"]
    result = run_cli("run", str(write_articles(tmp_path / "new", range(3, 4))), "--db", str(baseline))
    assert result.exit_code == 0, result.output
    assert run_statuses(baseline) == ["done", "interrupted", "done"]


def test_a_live_run_is_not_marked_interrupted(baseline, tmp_path):
    db = store.open_db(baseline)
    live = store.start_run(db, ["elsewhere"])  # another run, still going (its lock is held)
    result = run_cli("run", str(write_articles(tmp_path / "new", range(3, 4))), "--db", str(baseline))
    assert result.exit_code == 0, result.output
    assert run_statuses(baseline) == ["done", "running", "done"]
    store.finish_run(db, live, {}, [])
    assert run_statuses(baseline) == ["done", "done", "done"]


# --- the review app under a held lock and odd page numbers (issue 23, items 5-6) --------------------

TOKEN = "a-review-token-of-24-ch"


def review_client(db_path: Path):
    """Return an async client talking to the review app in this process (no server, no socket)."""
    import httpx

    from extractor.review.app import create_app
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(db_path, token=TOKEN)),
                             base_url="http://127.0.0.1", headers={"x-review-token": TOKEN})


def test_a_decision_waiting_for_the_lock_does_not_stall_other_requests(baseline):
    import asyncio
    event_id = store.list_events(store.open_db(baseline), "pending")[0]["id"]

    async def scenario() -> tuple[float, int, int]:
        async with review_client(baseline) as client:
            page = await client.get(f"/event/{event_id}")
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
            holding = threading.Event()
            holder = threading.Thread(target=hold_write_lock, args=(baseline, 3.0, holding))
            holder.start()
            assert holding.wait(10)
            started = time.monotonic()
            decision = asyncio.create_task(client.post(f"/event/{event_id}", data={"csrf": csrf, "action": "reject"}))
            await asyncio.sleep(0.3)  # the decision is now waiting for the write lock
            static = await client.get("/static/review.css")
            waited = time.monotonic() - started
            still_waiting = not decision.done()
            answered = await decision
            await asyncio.to_thread(holder.join)
            return waited, still_waiting, static.status_code, answered.status_code

    waited, still_waiting, static_status, decision_status = asyncio.run(scenario())
    assert (static_status, decision_status) == (200, 303)
    # The event loop stayed free: a blocking handler held it (and the static file) for the 3 s of the lock.
    assert still_waiting and waited < 1.5
    assert store.get_event(store.open_db(baseline), event_id)["review_status"] == "rejected"


@pytest.mark.parametrize("page", ["9" * 5000, "9" * 25, "-1", "1e9", "٣"])
def test_any_page_number_gives_a_page(baseline, page):
    import asyncio

    async def fetch():
        async with review_client(baseline) as client:
            return await client.get("/", params={"page": page})

    assert asyncio.run(fetch()).status_code == 200


# --- workers of a killed run (issue 23, item 6) -----------------------------------------------------

def test_workers_of_a_killed_run_end_without_a_traceback(tmp_path):
    articles = write_articles(tmp_path / "in", range(200))
    db_path = tmp_path / "events.db"
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "run", str(articles), "--db", str(db_path),
                             "--workers", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "EXTRACTOR_BATCH_ARTICLES": "8"})
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if db_path.exists() and stored_count(db_path) >= 8:  # the workers are busy with later batches
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    # The workers keep the stderr pipe open: reading it to the end waits until the last of them is gone.
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert b"Traceback" not in stderr and b"BrokenPipeError" not in stderr, stderr.decode(errors="replace")[-2000:]


def stored_count(db_path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return 0
