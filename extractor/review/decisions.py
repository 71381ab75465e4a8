"""Review decisions from a terminal (`extractor approve/reject ID`) and the default reviewer name."""
from __future__ import annotations

import getpass
from pathlib import Path

from extractor import store
from extractor.config import settings

MAX_NAME = 80


def default_reviewer() -> str:
    """Return the `reviewer` setting, else the operating-system user's name, else "reviewer"."""
    if clean_name(settings().reviewer):
        return clean_name(settings().reviewer)
    try:
        return clean_name(getpass.getuser()) or "reviewer"
    except (KeyError, OSError):  # no passwd entry and no LOGNAME/USER (containers)
        return "reviewer"


def clean_name(name: str | None) -> str:
    """Return a reviewer name without control characters, trimmed to a sane length."""
    return "".join(c for c in (name or "") if c.isprintable()).strip()[:MAX_NAME]


def approve(db_path: Path, event_id: str, reviewer: str | None = None) -> dict:
    """Approve one event as it stands and return it; raises store.StoreError for an unknown id."""
    return store.review_event(store.open_db(db_path), event_id, clean_name(reviewer) or default_reviewer(), "approve")


def reject(db_path: Path, event_id: str, reviewer: str | None = None) -> dict:
    """Reject one event and return it; raises store.StoreError for an unknown id."""
    return store.review_event(store.open_db(db_path), event_id, clean_name(reviewer) or default_reviewer(), "reject")
