"""Kinds of pages that hold no event, each beside a close page that does (issue #18: no event from negatives).

The cases (tests/data/negative_kinds.toml) are grouped by kind and written for the tests, in Ukrainian and Russian:
the page of a kind gives no record, and the close page still gives its one record with the fields expected.
"""
from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from extractor.events import assemble

PUBLISHED = date(2025, 3, 20)
CASES = tomllib.loads((Path(__file__).parent / "data" / "negative_kinds.toml").read_text(encoding="utf-8"))["case"]
IDS = [f"{case['kind']}-{case['lang']}-{i}" for i, case in enumerate(CASES)]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_page_of_a_negative_kind_holds_no_event(case):
    assert assemble("t", case["negative"], case["lang"], PUBLISHED) == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_close_page_still_holds_its_event(case):
    [event] = assemble("t", case["positive"], case["lang"], PUBLISHED)
    assert {k: getattr(event, k) for k in case["expected"]} == case["expected"]
