"""End to end: a real headless Chromium reviews three events with the keyboard.

Needs Debian's chromium (`apt-get install -y chromium`); set EXTRACTOR_NO_BROWSER=1 to skip.
With EXTRACTOR_SCREENSHOTS=DIR the queue and event pages are saved there as PNG.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from extractor import store
from extractor.review.app import create_app
from review_data import build_store

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path("/tmp/shots")
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


@contextmanager
def serving(db_path: Path) -> Iterator[str]:
    """Run the review app over a store on a free local port in a thread; yield its base url."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture()
def served(tmp_path: Path):
    """Start the app on a free local port in a thread; yield (base url, db path, event ids)."""
    db_path = tmp_path / "t.db"
    ids = build_store(db_path)
    with serving(db_path) as url:
        yield url, db_path, ids


def shoot(page, name: str, always: bool = False, part: str | None = None) -> None:
    """Save a screenshot (of the page's top, or of one part) into EXTRACTOR_SCREENSHOTS, or /tmp/shots if always."""
    folder = os.environ.get("EXTRACTOR_SCREENSHOTS") or (SHOTS if always else None)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        if part:
            page.locator(part).screenshot(path=str(Path(folder) / f"{name}.png"))
            return
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def test_review_three_events_with_the_keyboard(browser, served):
    base, db_path, ids = served
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto(base + "/")
    page.keyboard.press("Enter")                  # the first row (lowest confidence) is selected on load
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


@pytest.fixture()
def started(tmp_path: Path):
    """Start `extractor review` as a reviewer does, on a free port; yield (the printed line, db path, event ids)."""
    db_path = tmp_path / "t.db"
    ids = build_store(db_path)
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_REVIEW_TOKEN"}
    process = subprocess.Popen([sys.executable, "-m", "extractor.cli", "review", "--db", str(db_path), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        yield process.stdout.readline(), db_path, ids
    finally:
        process.terminate()
        process.wait(10)


def snapshot(db_path: Path) -> list:
    """Return every row that a write could change."""
    db = store.open_db(db_path)
    rows = [db.execute(f"select * from {t} order by 1, 2").fetchall() for t in ("events", "event_sources", "reviews")]
    db.close()
    return rows


def test_a_days_review_from_the_printed_address(browser, started):
    """Approve, edit, undo, add an event to an article with none, split one, merge two; without the token: 401."""
    line, db_path, ids = started
    url = line.strip().removeprefix("review: ")
    base = url.split("/?")[0]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(url)                                # the token becomes a cookie and leaves the address
    assert page.url == base + "/"
    shoot(page, "queue", always=True)
    page.keyboard.press("Enter")                  # the first row is selected on load
    page.wait_for_url(f"**/event/{ids['uk-hostile']}*")
    page.keyboard.press("a")                      # approve: the next event opens
    page.wait_for_url(f"**/event/{ids['ru-services']}*")

    page.keyboard.press("e")                      # edit the title, save with Enter
    page.fill("#f-title", "Цифрові послуги для громад")
    page.press("#f-title", "Enter")
    page.wait_for_selector("text=Зміни збережено")
    shoot(page, "event", always=True)
    page.keyboard.press("u")                      # u undoes the edit
    page.wait_for_selector("text=Останню дію скасовано")
    assert page.input_value("#f-title") == "Цифровые услуги для громад"

    page.click("text=Нічого не знайдено")         # an article where nothing was found
    shoot(page, "nothing-found", always=True)
    page.keyboard.press("Enter")                  # the likeliest one, selected on load
    page.wait_for_url("**/article/uk-missed")
    assert "дводенний тренінг" in page.inner_text("mark[data-fields~=candidate]")
    page.select_option("#f-event_type", "training")
    page.fill("#f-title", "Написання грантових проєктів")
    page.fill("#f-start_date", "10.06.2025")
    page.fill("#f-settlement", "Полтава")
    shoot(page, "add-form", always=True)
    page.click("text=Додати подію")
    page.wait_for_selector("text=Подію додано")
    added = page.url.split("/event/")[1].split("?")[0]
    shoot(page, "added", always=True)

    page.goto(f"{base}/event/{ids['uk-budget']}")  # a merged event: give its reprint back as its own event
    page.select_option("select[name=article_id]", "uk-budget-reprint")
    shoot(page, "split-form", always=True, part="details.restructure")
    page.click("form.split button")
    page.wait_for_selector("text=Подію розділено")
    split_off = page.url.split("/event/")[1].split("?")[0]
    shoot(page, "split", always=True)

    page.click("summary")                         # and merge the two back, after reading dedup's verdict
    page.click(f"a[href='/event/{split_off}/merge?other={ids['uk-budget']}']")
    page.wait_for_selector("text=dedup: the same event")
    shoot(page, "merge", always=True)
    page.click("#confirm-merge")
    page.wait_for_selector("text=Події об'єднано")

    db = store.open_db(db_path)
    events = {k: store.get_event(db, v) for k, v in (("hostile", ids["uk-hostile"]), ("services", ids["ru-services"]),
                                                     ("added", added), ("kept", split_off))}
    assert events["hostile"]["review_status"] == "approved"
    assert events["services"]["title"] == "Цифровые услуги для громад"
    assert [r["action"] for r in store.reviews_of(db, ids["ru-services"])] == ["edit", "undo"]
    assert (events["added"]["event_type"], events["added"]["start_date"], events["added"]["sources"][0]["article_id"]) \
        == ("training", "2025-06-10", "uk-missed")
    assert sorted(s["article_id"] for s in events["kept"]["sources"]) == ["uk-budget", "uk-budget-reprint"]
    assert store.get_event(db, ids["uk-budget"]) is None
    logged = db.execute("select count(*), count(distinct token) from access_log where status = 303").fetchone()
    assert logged == (6, 1)  # approve, edit, undo, add, split, merge: each logged with the one token
    db.close()

    # The same requests from a program without the token: refused, and nothing changes.
    before = snapshot(db_path)
    stranger = browser.new_context()
    anonymous = stranger.new_page()
    response = anonymous.goto(base + "/")
    assert response.status == 401 and "Бюджет" not in anonymous.content()
    for path, form in ((f"/event/{split_off}", {"action": "approve"}), (f"/event/{split_off}", {"action": "undo"}),
                       ("/article/uk-weather/add", {"event_type": "seminar"}), (f"/event/{split_off}/split", {}),
                       (f"/event/{split_off}/merge", {"other": added})):
        assert anonymous.request.post(base + path, form=form).status == 401
    assert anonymous.request.get(f"{base}/event/{split_off}").status == 401
    stranger.close()
    assert snapshot(db_path) == before
