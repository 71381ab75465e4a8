"""Load the project's data files (word lists, taxonomies, gazetteers) from `gazetteers/`.

Rules live in modules; the words they use live in data files read through here,
so a linguist can extend a list without touching code.
"""
from __future__ import annotations

import csv
import tomllib
from functools import cache
from pathlib import Path

from extractor.config import settings


def data_path(name: str) -> Path:
    """Return the path of a data file in the gazetteers folder."""
    return settings().gazetteers_dir / name


@cache
def load_toml(name: str) -> dict:
    """Read a TOML data file."""
    with data_path(name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Read a CSV data file with a header row; lines starting with `#` are comments."""
    with data_path(name).open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return tuple(rows)
