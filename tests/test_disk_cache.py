"""The disk cache of built indexes: read back while the inputs are unchanged, rebuilt when one changes."""
import os

import pytest

from extractor import disk_cache
from extractor.config import settings


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "cache"))
    settings.cache_clear()
    yield tmp_path / "cache"
    monkeypatch.undo()
    settings.cache_clear()


def test_an_index_is_built_once_and_again_when_an_input_changes(cache_dir, tmp_path):
    table = tmp_path / "places.csv"
    table.write_text("name\nПолтава\n", encoding="utf-8")
    builds = []

    def build():
        builds.append(1)
        return {"полтава": table.read_text(encoding="utf-8").split()[1:]}

    assert disk_cache.cached("index", [table], build) == {"полтава": ["Полтава"]}
    assert disk_cache.cached("index", [table], build) == {"полтава": ["Полтава"]}
    assert len(builds) == 1
    table.write_text("name\nПолтава\nКременчук\n", encoding="utf-8")
    os.utime(table, ns=(1, 1))  # a change within the clock's resolution still changes the key by size
    assert disk_cache.cached("index", [table], build) == {"полтава": ["Полтава", "Кременчук"]}
    assert len(builds) == 2
    assert [p.name for p in cache_dir.iterdir()] == [next(cache_dir.glob("index-*.pickle")).name]


def test_a_damaged_cache_file_is_rebuilt(cache_dir, tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("x", encoding="utf-8")
    disk_cache.cached("index", [table], lambda: 1)
    next(cache_dir.glob("index-*.pickle")).write_bytes(b"not a pickle")
    assert disk_cache.cached("index", [table], lambda: 2) == 2


def test_a_folder_that_cannot_be_written_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(blocker / "cache"))  # a folder below a file cannot exist
    settings.cache_clear()
    try:
        assert disk_cache.cached("index", [blocker], lambda: 3) == 3
    finally:
        monkeypatch.undo()
        settings.cache_clear()
