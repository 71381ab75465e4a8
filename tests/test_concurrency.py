"""A batch run and a reviewer (the review app and the store API) on one WAL store at once: no decision lost,
no 'database is locked'."""
from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from starlette.testclient import TestClient
from typer.testing import CliRunner

from extractor import cli, registry, store
from extractor.review.app import create_app
from locks import hold_write_lock
from made_up_news import write_articles
from review_data import build_store

ROOT = Path(__file__).resolve().parent.parent


def test_reviews_during_a_batch_are_all_kept(tmp_path):
    db_path = tmp_path / "events.db"
    first = CliRunner().invoke(cli.app, ["run", str(write_articles(tmp_path / "v1", range(30))),
                                         "--db", str(db_path), "--workers", "1"])
    assert first.exit_code == 0, first.output
    db = store.open_db(db_path)
    events = [e["id"] for e in store.list_events(db)]
    assert len(events) >= 20
    # The batch re-extracts the 30 reviewed articles (changed texts, same events) and adds 50 new ones.
    batch = write_articles(tmp_path / "v2", range(30), tail=" Фото: пресслужба ради.")
    write_articles(batch, range(30, 80))
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "run", str(batch), "--db", str(db_path),
                             "--workers", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    while db.execute("select count(*) from runs").fetchone()[0] < 2:
        time.sleep(0.01)
    app = TestClient(create_app(db_path), base_url="http://127.0.0.1")
    csrf = re.search(r'name="csrf" value="([^"]+)"', app.get("/").text).group(1)

    def through_the_app(event_id: str, action: str, changes: dict | None = None) -> None:
        response = app.post(f"/event/{event_id}", data={"csrf": csrf, "action": action, **(changes or {})},
                            follow_redirects=False)
        assert response.status_code == 303, response.text

    def through_the_store(event_id: str, action: str, changes: dict | None = None) -> None:
        store.review_event(db, event_id, "olena", action, changes)

    decided: dict[str, tuple[str, str]] = {}   # event id -> (review status, title) the reviewer left
    rounds = 0
    while proc.poll() is None or rounds < 2:
        decide = (through_the_store, through_the_app)[rounds % 2]
        for n, event_id in enumerate(events):
            action = ("approve", "reject")[(n + rounds) % 2]
            title = f"Назва від рецензента {rounds}-{n}"
            decide(event_id, "edit", {"title": title})
            decide(event_id, action)
            decided[event_id] = ({"approve": "approved", "reject": "rejected"}[action], title)
            time.sleep(0.005)   # a quick reviewer, still far quicker than a person
        rounds += 1
    output = proc.communicate()[0]
    assert proc.returncode == 0, output
    assert "locked" not in output
    assert rounds >= 2
    for event_id, (status, title) in decided.items():
        event = store.get_event(db, event_id)
        assert (event["review_status"], event["title"]) == (status, title)
        assert "title" in event["reviewed_fields"]
    logged = db.execute("select count(*) from reviews").fetchone()[0]
    assert logged == 2 * rounds * len(events)   # each round logs a title edit and a status change per event
    assert db.execute("select status from runs order by id desc limit 1").fetchone() == ("done",)
    assert db.execute("select count(*) from articles").fetchone()[0] == 80


def test_queueing_for_the_registry_waits_for_a_batch_writer(tmp_path):
    db_path = tmp_path / "events.db"
    event_id = build_store(db_path)["uk-budget"]
    db = store.open_db(db_path)
    store.review_event(db, event_id, "olena", "approve")
    holding = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(db_path, 1.5, holding))
    holder.start()
    assert holding.wait(10)
    try:
        assert registry.enqueue(db) == 1
    finally:
        holder.join()
