"""A second writer holding the store's write lock, as a reviewer's slow save or a batch would."""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path


RUN_ROW = "insert into runs (started_at, status) values ('now', 'held by a test')"


def hold_write_lock(db_path: Path, seconds: float, holding: threading.Event, write: str = RUN_ROW) -> None:
    """Take the write lock with a real write, signal `holding`, keep it for `seconds`, then commit."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("begin immediate")
    conn.execute(write)
    holding.set()
    time.sleep(seconds)
    conn.execute("commit")
    conn.close()
