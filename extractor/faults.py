"""One-line accounts of a failing store: what is true of the file and what the operator can do."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from extractor.config import settings

# SQLite's primary result codes (the low byte of an extended code), from sqlite3.h.
BUSY, LOCKED, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


@dataclass(frozen=True)
class Fault:
    """A store failure: its one-line account and whether running the same command again can succeed."""

    message: str
    resumable: bool


def is_store_fault(exc: BaseException) -> bool:
    """Tell a state of the database file (locked, corrupt, full...) from a bug (IntegrityError, ProgrammingError)."""
    return type(exc) in (sqlite3.OperationalError, sqlite3.DatabaseError)


def describe(exc: sqlite3.Error) -> Fault:
    """Explain a failing store in one line."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if code in (CORRUPT, NOTADB) or "malformed" in detail or "not a database" in detail:
        return Fault(f"the store is damaged ({detail}): restore it from a backup, or run into a new --db", False)
    if code == READONLY or "readonly" in detail:
        return Fault(f"the store is read-only ({detail}): give this user write access to the file and its folder",
                     True)
    if code in (BUSY, LOCKED) or "locked" in detail:
        return Fault(f"the store stayed locked by another process for over {settings().db_busy_timeout_s:g} s "
                     f"({detail}): try again when it has finished", True)
    if code == FULL:
        return Fault(f"the disk is full ({detail}): free some space", True)
    if code in (IOERR, CANTOPEN):
        return Fault(f"the store cannot be read or written ({detail}): check the disk and the file", True)
    return Fault(f"the store failed ({detail})", True)
