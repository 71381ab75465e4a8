"""Per-article limits: one oversized or pathological article is skipped with a reason and the batch goes on."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import pipeline
from extractor.config import settings
from made_up_news import article, write_articles

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def limits(monkeypatch):
    """Set the size and time limits through the environment, as an operator would."""
    def apply(max_bytes: int = 5_000_000, seconds: float = 20.0) -> None:
        monkeypatch.setenv("EXTRACTOR_MAX_ARTICLE_BYTES", str(max_bytes))
        monkeypatch.setenv("EXTRACTOR_ARTICLE_TIME_LIMIT_S", str(seconds))
        settings.cache_clear()

    yield apply
    monkeypatch.undo()
    settings.cache_clear()


def skips(summary: pipeline.RunSummary) -> dict[str, str]:
    """Return {source file name (and line): reason} of a run's skips."""
    return {Path(line.split(": ", 1)[0]).name: line.split(": ", 1)[1] for line in summary.errors}


def test_oversized_articles_are_skipped_with_their_size(tmp_path, limits):
    limits(max_bytes=2000)
    folder = write_articles(tmp_path / "in", range(2))
    cyrillic = "Семінар для старост громад. " * 50          # 1,400 characters, 2,550 bytes in UTF-8
    (folder / "long.txt").write_text(cyrillic, encoding="utf-8")
    (folder / "dump.jsonl").write_text(json.dumps({"id": "j1", "text": cyrillic}, ensure_ascii=False) + "\n"
                                       + json.dumps({"id": "j2", "html": f"<p>{cyrillic}</p>"}) + "\n",
                                       encoding="utf-8")
    summary = pipeline.run([folder], tmp_path / "e.db", workers=1)
    assert skips(summary) == {"long.txt": "file too large (2,550 bytes)",
                              "dump.jsonl:1": "article too large (2,550 bytes)",
                              "dump.jsonl:2": "article too large"}
    assert summary.extracted == 2


def stuck_on(article_id: str):
    """Return an extract() that hangs on one article in a runaway regular expression, as a bad rule would."""
    real = pipeline.extract

    def extract(item):
        if item.id == article_id:
            re.match(r"(\w+\s?)+$", "слово " * 40 + "!")   # exponential backtracking: runs for ages
        return real(item)

    return extract


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stuck_article_is_skipped_and_the_batch_goes_on(tmp_path, limits, monkeypatch, workers):
    limits(seconds=1)
    monkeypatch.setattr(pipeline, "extract", stuck_on("news-002"))
    started = time.monotonic()
    summary = pipeline.run([write_articles(tmp_path / "in", range(5))], tmp_path / "e.db", workers=workers)
    assert skips(summary) == {"news-002.txt": "took longer than 1 s"}
    assert summary.extracted == 4
    assert time.monotonic() - started < 30


def test_a_long_single_line_article_is_cut_off_by_the_time_limit(tmp_path, limits):
    """Scraped JSONL often has no line breaks: a 900 KB one-line article takes far longer than 1 s."""
    limits(seconds=1)
    folder = write_articles(tmp_path / "in", range(3))
    (folder / "huge-one-line.txt").write_text(" ".join(article(i) for i in range(100, 3100)), encoding="utf-8")
    started = time.monotonic()
    summary = pipeline.run([folder], tmp_path / "e.db", workers=1)
    assert skips(summary) == {"huge-one-line.txt": "took longer than 1 s"}
    assert summary.extracted == 3
    assert time.monotonic() - started < 30


DYING_WORKER = """
import os, signal, sys
from extractor import pipeline
from extractor.ingest import Article

def extract(article):
    if article.id == "news-002":
        os.kill(os.getpid(), signal.SIGKILL)   # the kernel's OOM killer takes this worker
    return pipeline.Extraction(article, "uk")

pipeline.extract = extract
summary = pipeline.run([sys.argv[1]], sys.argv[2], workers=2)
print(summary.counts()["skip_reasons"])
"""


def test_a_worker_killed_mid_article_does_not_stall_the_batch(tmp_path):
    folder = write_articles(tmp_path / "in", range(5))
    env = {**os.environ, "EXTRACTOR_ARTICLE_TIME_LIMIT_S": "1"}
    try:
        done = subprocess.run([sys.executable, "-c", DYING_WORKER, str(folder), str(tmp_path / "e.db")],
                              cwd=ROOT, capture_output=True, text=True, timeout=30, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("the batch stalled on an article whose worker died")
    assert done.returncode == 0, done.stderr
    assert "extraction process died or hung" in done.stdout


# --- huge JSON is limited before it is parsed (issue 23, item 6) -----------------------------------

@pytest.fixture()
def json_limit(monkeypatch):
    """Cap JSONL lines and .json files at 1 MB, as an operator would through the environment."""
    monkeypatch.setenv("EXTRACTOR_MAX_JSON_BYTES", "1000000")
    settings.cache_clear()
    yield 1_000_000
    monkeypatch.undo()
    settings.cache_clear()


def peak_memory(func) -> tuple[object, int]:
    """Return what func() returns and the most memory Python allocated meanwhile, in bytes."""
    import tracemalloc
    tracemalloc.start()
    try:
        value = func()
        return value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_huge_jsonl_line_is_passed_over_without_being_held(tmp_path, json_limit):
    from extractor import ingest
    path = tmp_path / "dump.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "before", "text": article(1)}, ensure_ascii=False) + "\n")
        fh.write('{"id": "huge", "text": "' + "Семінар для старост. " * 1_300_000 + '"}\n')  # 50 MB
        fh.write(json.dumps({"id": "after", "text": article(2)}, ensure_ascii=False) + "\n")
    items, peak = peak_memory(lambda: list(ingest.read_jsonl(path)))
    assert [getattr(i, "id", None) or i.reason for i in items] == ["before", "line longer than 1,000,000 bytes",
                                                                     "after"]
    assert items[1].source.endswith("dump.jsonl:2")
    assert peak < 8 * json_limit  # the 50 MB line cost 605 MB before it was limited


def test_a_huge_json_file_is_skipped_before_it_is_read(tmp_path, json_limit):
    from extractor import ingest
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"id": f"a{i}", "text": article(i)} for i in range(8000)], ensure_ascii=False),
                    encoding="utf-8")
    (skip,), peak = peak_memory(lambda: list(ingest.read_file(path)))
    assert skip.reason == f"file too large ({path.stat().st_size:,} bytes)"
    assert peak < json_limit
