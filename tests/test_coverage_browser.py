"""The coverage page in a real headless Chromium: a full time axis, oblast tiles and bars that open the queue.

Needs Debian's chromium, like tests/test_review_browser.py (EXTRACTOR_NO_BROWSER=1 skips);
the page is saved as /tmp/shots/coverage.png.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import store
from test_review_browser import browser, serving, shoot  # noqa: F401  (browser is a fixture)

KOLKY, BRODY_CITY = "UA07080130000017070", "UA46040010010077682"


def event(event_id: str, start: str | None, region: str, settlement_code: str | None = None, hromadas=()) -> dict:
    return {"id": event_id, "article_id": event_id, "event_type": "seminar", "title": f"Семінар {event_id}",
            "start_date": start, "end_date": start, "settlement_code": settlement_code, "region": region,
            "country": "UA", "participant_hromadas": [{"code": c, "name": "", "evidence": None} for c in hromadas],
            "topics": [], "organizers": [], "partners": [], "review_status": "approved", "confidence": 0.9,
            "version": 1}


@pytest.fixture()
def served(tmp_path: Path):
    db_path = tmp_path / "c.db"
    db = store.open_db(db_path)
    for row in (event("ev-1", "2025-03-12", "Волинська область", hromadas=[KOLKY]),
                event("ev-2", "2025-05-20", "Львівська область", BRODY_CITY),
                event("ev-3", None, "Волинська область", hromadas=[KOLKY])):
        store.insert_event(db, row)
    with serving(db_path) as url:
        yield url


def test_coverage_page_axis_tiles_and_bars_lead_to_the_queue(browser, served):  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{served}/coverage")
    assert page.locator("h2").first.inner_text() == "Громади, охоплені навчаннями: 2 з 1469"
    months = page.locator("a.month title")
    assert [months.nth(i).text_content() for i in range(months.count())] == ["2025-03: 1", "2025-04: 0", "2025-05: 1"]
    assert "без дати: 1" in page.locator(".chart.months figcaption").inner_text()  # counted apart, not on the axis
    assert page.locator("a.tile").count() == 24 and page.locator("a.oblast").count() == 24
    for label in page.locator("a.oblast text.label").all():  # no label runs out of its chart
        box, chart = label.bounding_box(), page.locator(".chart.oblast-bars").bounding_box()
        assert box["x"] >= chart["x"] and box["x"] + box["width"] <= chart["x"] + chart["width"]
    shoot(page, "coverage", always=True, part=".hromada-coverage")
    page.locator("a.tile", has=page.locator("title", has_text="Волинська область")).click()
    page.wait_for_url("**/?status=approved&region=*")
    assert "Семінар ev-1" in page.content() and "Семінар ev-2" not in page.content()
    page.goto(f"{served}/coverage")
    page.locator("a.month", has=page.locator("title", has_text="2025-05")).click()
    page.wait_for_url("**date_from=2025-05-01**")
    assert "Семінар ev-2" in page.content() and "Семінар ev-1" not in page.content()
