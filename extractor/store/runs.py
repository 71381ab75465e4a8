"""Runs: their start, end, counts and errors, and the lock that tells a killed run from a running one."""
from __future__ import annotations

import fcntl
import json
import os

import sqlite_utils

from extractor.store.schema import now, transaction


# Lock files of the runs this process is making, by run id: held (shared) from start_run to finish_run.
_run_locks: dict[int, int] = {}


def _no_run_holds(lock_path: str) -> bool:
    """Tell whether no run holds the lock file now: an exclusive lock on it can be taken (and is let go at once)."""
    with open(lock_path, "a") as probe:
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


def start_run(db: sqlite_utils.Database, paths: list[str]) -> int:
    """Record the start of a run and return its id; runs left `running` by a killed process become `interrupted`.

    Every run holds a shared lock on `STORE.lock` until finish_run (the system drops it when the
    process dies). Starts look at it inside the write transaction, one at a time: when no run
    holds it, a run still marked running was killed.
    """
    db_file = db.execute("pragma database_list").fetchone()[2]
    lock_path = f"{db_file}.lock"
    with transaction(db):
        try:
            held = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644) if db_file else None
        except OSError:  # a read-only folder (or an in-memory store): killed runs stay unmarked
            held = None
        if held is not None and _no_run_holds(lock_path):
            db.execute("update runs set status = 'interrupted' where status = 'running'")
        table = db.table("runs").insert({"started_at": now(), "paths": json.dumps(paths, ensure_ascii=False),
                                         "status": "running"})
        if held is not None:
            fcntl.flock(held, fcntl.LOCK_SH)
            _run_locks[table.last_pk] = held
    return table.last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, counts: dict, errors: list[str], status: str = "done") -> None:
    """Record the end of a run with its counts and error lines, and let go of its lock."""
    try:
        with transaction(db):
            db.table("runs").update(run_id, {"finished_at": now(), "status": status,
                                             "counts": json.dumps(counts, ensure_ascii=False),
                                             "errors": json.dumps(errors[:1000], ensure_ascii=False)})
    finally:
        if (fd := _run_locks.pop(run_id, None)) is not None:
            os.close(fd)
