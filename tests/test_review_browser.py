"""End to end: a real headless Chromium reviews three events with the keyboard.

Needs Debian's chromium (`apt-get install -y chromium`); set EXTRACTOR_NO_BROWSER=1 to skip.
With EXTRACTOR_SCREENSHOTS=DIR the queue and event pages are saved there as PNG.
"""
from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from extractor import store
from extractor.review.app import create_app
from review_data import build_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture()
def browser():
    if os.environ.get("EXTRACTOR_NO_BROWSER") == "1":
        pytest.skip("EXTRACTOR_NO_BROWSER=1")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `apt-get update && apt-get install -y chromium` "
                    "(or set EXTRACTOR_NO_BROWSER=1 to skip the browser test)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def served(tmp_path: Path):
    """Start the app on a free local port in a thread; yield (base url, db path, event ids)."""
    db_path = tmp_path / "t.db"
    ids = build_store(db_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db_path, ids
    server.should_exit = True
    thread.join(10)


def shoot(page, name: str) -> None:
    """Save a screenshot when EXTRACTOR_SCREENSHOTS names a folder."""
    folder = os.environ.get("EXTRACTOR_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def test_review_three_events_with_the_keyboard(browser, served):
    base, db_path, ids = served
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto(base + "/")
    shoot(page, "queue")
    page.keyboard.press("j")                      # select the first row: lowest confidence
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/event/{ids['uk-hostile']}*")
    assert "<script>alert(1)</script>" in page.inner_text(".source .text")
    page.keyboard.press("a")                      # approve: one key, then the next event opens
    page.wait_for_url(f"**/event/{ids['ru-services']}*")
    assert "Попередню подію схвалено" in page.inner_text(".flash")

    page.keyboard.press("e")                      # edit: focus the form
    assert page.evaluate("document.activeElement.name") == "event_type"
    page.fill("#f-title", "Цифрові послуги для громад")
    page.press("#f-title", "Enter")               # Enter in a field saves the edits and stays
    page.wait_for_selector("text=Зміни збережено")
    page.keyboard.press("j")
    page.wait_for_url(f"**/event/{ids['uk-budget']}*")
    page.click("#f-participants")                 # focusing a field lights up its evidence
    assert page.inner_text("mark.hot") == "45"
    page.keyboard.press("Escape")
    shoot(page, "event")
    page.keyboard.press("r")                      # reject the last one: back to the (empty) queue
    page.wait_for_selector("text=Попередню подію відхилено")
    assert page.url.startswith(base + "/?")

    db = store.open_db(db_path)
    events = {name: store.get_event(db, ids[name]) for name in ("uk-hostile", "ru-services", "uk-budget")}
    assert {k: e["review_status"] for k, e in events.items()} == {
        "uk-hostile": "approved", "ru-services": "pending", "uk-budget": "rejected"}
    assert events["ru-services"]["title"] == "Цифрові послуги для громад"
    assert events["ru-services"]["reviewed_fields"] == ["title"]
    log = [(r["event_id"], r["action"], r["field"], json.loads(r["before"]), json.loads(r["after"]))
           for name in ("uk-hostile", "ru-services", "uk-budget") for r in store.reviews_of(db, ids[name])]
    assert log == [
        (ids["uk-hostile"], "approve", "review_status", "pending", "approved"),
        (ids["ru-services"], "edit", "title", "Цифровые услуги для громад", "Цифрові послуги для громад"),
        (ids["uk-budget"], "reject", "review_status", "pending", "rejected"),
    ]
    assert dialogs == []                          # the hostile article's script never ran
