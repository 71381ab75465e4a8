"""Push through the outbox to a local registry that fails, drops connections and answers 409."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from extractor import dedup, registry, store
from extractor.store.outbox import pending_rows

TOKEN = "s3cret-token"
PLACES = [("Вінниця", "Вінницька область"), ("Житомир", "Житомирська область"), ("Суми", "Сумська область"),
          ("Полтава", "Полтавська область"), ("Черкаси", "Черкаська область"), ("Рівне", "Рівненська область"),
          ("Луцьк", "Волинська область"), ("Ужгород", "Закарпатська область"), ("Чернігів", "Чернігівська область"),
          ("Херсон", "Херсонська область"), ("Одеса", "Одеська область"), ("Тернопіль", "Тернопільська область")]


class FakeRegistry(ThreadingHTTPServer):
    """A registry on 127.0.0.1 whose requests, numbered from 1, can be made to misbehave."""

    daemon_threads = True

    def __init__(self, fail=(), drop=(), stall=(), refuse=(), delay: float = 0.0):
        super().__init__(("127.0.0.1", 0), RegistryHandler)
        self.fail, self.drop, self.stall, self.refuse = set(fail), set(drop), set(stall), set(refuse)
        self.delay = delay          # seconds every stored batch waits before its answer
        self.lock = threading.Lock()
        self.requests: list[dict] = []   # every request: number, its events' keys, status answered
        self.stored: list[dict] = []     # every event version applied, in order (each key at most once)
        self.keys: set[str] = set()
        self.holds: dict[str, dict] = {}  # what the registry shows: id -> latest version, withdrawn ones gone

    def apply(self, event: dict) -> None:
        """Upsert an event by id, or drop it on a withdrawal; a version older than the held one is ignored."""
        held = self.holds.get(event["id"])
        if held is not None and held["version"] > event["version"]:
            return
        if event["op"] == "withdraw":
            self.holds.pop(event["id"], None)
        else:
            self.holds[event["id"]] = event

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api/events"

    def stored_keys(self) -> Counter:
        return Counter(f"{e['id']}:{e['version']}" for e in self.stored)


class RegistryHandler(BaseHTTPRequestHandler):
    server: FakeRegistry

    def do_POST(self) -> None:
        reg = self.server
        events = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["events"]
        keys = [e["idempotency_key"] for e in events]
        with reg.lock:
            n = len(reg.requests) + 1
            request = {"n": n, "keys": keys, "status": None}
            reg.requests.append(request)
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self.answer(request, 401, "invalid token")
        if n in reg.fail:
            return self.answer(request, 503, "registry busy")
        if n in reg.refuse:
            return self.answer(request, 400, "field 'title' is required")
        with reg.lock:  # one key per event version: a version is applied once, whatever batch it comes in
            duplicates = [e["idempotency_key"] for e in events if e["idempotency_key"] in reg.keys]
            for event in events:
                if event["idempotency_key"] not in reg.keys:
                    reg.keys.add(event["idempotency_key"])
                    reg.stored.append(event)
                    reg.apply(event)
        if n in reg.drop:
            request["status"] = "dropped"
            self.close_connection = True
            return
        if n in reg.stall:
            request["status"] = "stalled"  # answered only after the client gave up
        time.sleep(1.0 if n in reg.stall else reg.delay)
        self.answer(request, 200, "ok", duplicates=duplicates)

    def answer(self, request: dict, status: int, text: str, **extra) -> None:
        request["status"] = request["status"] or status
        data = json.dumps({"message": text, **extra}).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client is gone (timed out or killed)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def serve():
    servers = []

    def start(**faults) -> FakeRegistry:
        server = FakeRegistry(**faults)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def make_db(path: Path, n: int, approve: bool = True):
    """Store n distinct seminars (one article each) and approve them."""
    db = store.open_db(path)
    for i, (town, region) in enumerate(PLACES[:n]):
        text = f"У місті {town} {i + 1} березня 2025 року відбувся семінар для старост громад ({region})."
        article = {"id": f"uk-{i}", "url": f"https://news.example/uk-{i}", "title": text[:30], "lang": "uk",
                   "published": "2025-03-20", "text": text, "status": "extracted", "reason": None,
                   "duplicate_of": None, "source": "test"}
        event = {"article_id": f"uk-{i}", "lang": "uk", "event_type": "seminar",
                 "title": f"Семінар для старост: {town}", "organizers": [region.replace("область", "обласна рада")],
                 "partners": [], "audience": ["старости громад"], "topics": [],
                 "start_date": f"2025-03-{i + 1:02d}", "end_date": f"2025-03-{i + 1:02d}",
                 "settlement": town, "region": region, "online": False, "participants": None,
                 "status": "held", "confidence": 0.9, "evidence": {}}
        dedup.save_article(db, article, [event], run_id=None)
    if approve:
        for event in store.list_events(db, "pending"):
            store.review_event(db, event["id"], "tester", "approve")
    return db


def outbox(db) -> list[dict]:
    return db.execute_returning_dicts("select * from outbox order by idempotency_key")


def current_keys(db) -> set[str]:
    return {registry.idempotency_key(e["id"], e["version"]) for e in store.list_events(db, "approved")}


def test_faults_are_retried_and_each_event_arrives_once(serve, tmp_path: Path):
    db = make_db(tmp_path / "t.db", 5)
    server = serve(fail={1}, drop={3}, stall={5})
    summary = registry.push(db, server.url, TOKEN, batch_size=2, timeout=0.4, backoff=0)
    assert [r["status"] for r in server.requests] == [503, 200, "dropped", 200, "stalled", 200]
    assert server.requests[2]["keys"] == server.requests[3]["keys"]  # a retried batch keeps its events' keys
    assert server.stored_keys() == Counter(dict.fromkeys(current_keys(db), 1))
    assert {e["op"] for e in server.stored} == {"create"}
    assert (summary.enqueued, summary.sent, summary.duplicates, summary.retries, summary.batches,
            summary.pending) == (5, 2, 3, 3, 3, 0)
    assert {r["state"] for r in outbox(db)} == {"sent"}


def test_payload_carries_id_version_op_and_registry_fields(serve, tmp_path: Path):
    db = make_db(tmp_path / "t.db", 1)
    server = serve()
    registry.push(db, server.url, TOKEN, backoff=0)
    event = store.list_events(db, "approved")[0]
    (sent,) = server.stored
    assert (sent["id"], sent["version"], sent["op"]) == (event["id"], 2, "create")
    assert (sent["title"], sent["settlement"], sent["oblast"], sent["organizers"]) == (
        "Семінар для старост: Вінниця", "Вінниця", "Вінницька область", ["Вінницька обласна рада"])
    assert sent["source_urls"] == ["https://news.example/uk-0"]
    assert (sent["review_status"], sent["reviewer"], sent["start_date"]) == ("approved", "tester", "2025-03-01")


def test_rerun_sends_nothing_and_a_correction_is_an_update(serve, tmp_path: Path):
    db = make_db(tmp_path / "t.db", 3)
    server = serve()
    registry.push(db, server.url, TOKEN, backoff=0)
    again = registry.push(db, server.url, TOKEN, backoff=0)
    assert (again.enqueued, again.sent, again.duplicates, len(server.requests)) == (0, 0, 0, 1)

    event = store.list_events(db, "approved")[0]
    store.review_event(db, event["id"], "tester", "edit", {"title": "Семінар «Бюджет громади»"})
    update = registry.push(db, server.url, TOKEN, backoff=0)
    assert (update.enqueued, update.sent) == (1, 1)
    latest = server.stored[-1]
    assert (latest["id"], latest["version"], latest["op"], latest["title"]) == (
        event["id"], event["version"] + 1, "update", "Семінар «Бюджет громади»")
    assert server.stored_keys() == Counter(dict.fromkeys({*current_keys(db), f"{event['id']}:{event['version']}"}, 1))


def test_unsent_older_version_is_superseded_not_sent(serve, tmp_path: Path):
    db = make_db(tmp_path / "t.db", 1)
    assert registry.enqueue(db) == 1
    event = store.list_events(db, "approved")[0]
    store.review_event(db, event["id"], "tester", "edit", {"participants": 40})
    assert registry.enqueue(db) == 1
    server = serve()
    registry.push(db, server.url, TOKEN, backoff=0)
    assert [(e["version"], e["op"], e["participants"]) for e in server.stored] == [(3, "create", 40)]
    assert [r["state"] for r in outbox(db)] == ["superseded", "sent"]


def test_rejected_or_pending_events_are_not_queued(tmp_path: Path):
    db = make_db(tmp_path / "t.db", 2, approve=False)
    first = store.list_events(db, "pending")[0]
    store.review_event(db, first["id"], "tester", "reject")
    assert registry.enqueue(db) == 0
    assert outbox(db) == []


def test_bad_token_stops_with_one_line_and_keeps_rows_pending(serve, tmp_path: Path):
    db = make_db(tmp_path / "t.db", 2)
    server = serve()
    with pytest.raises(registry.RegistryError) as caught:
        registry.push(db, server.url, "wrong", backoff=0)
    assert str(caught.value) == 'registry rejected the request: HTTP 401 Unauthorized: {"message": "invalid token"}'
    assert [(r["state"], r["attempts"]) for r in outbox(db)] == [("pending", 1), ("pending", 1)]
    assert registry.push(db, server.url, TOKEN, backoff=0).sent == 2


def test_refused_content_marks_the_batch_failed(serve, tmp_path: Path):
    db = make_db(tmp_path / "t.db", 3)
    server = serve(refuse={1})
    with pytest.raises(registry.RegistryError, match="refused the batch .*HTTP 400 Bad Request"):
        registry.push(db, server.url, TOKEN, batch_size=2, backoff=0)
    assert registry.outbox_counts(db) == {"failed": 2, "pending": 1}
    assert registry.push(db, server.url, TOKEN, batch_size=2, backoff=0).sent == 1


def test_retries_run_out_on_a_busy_registry(serve, tmp_path: Path):
    db = make_db(tmp_path / "t.db", 1)
    server = serve(fail=set(range(1, 10)))
    with pytest.raises(registry.RegistryError,
                       match=r"unavailable after 3 attempts: HTTP 503 Service Unavailable: .*registry busy") as caught:
        registry.push(db, server.url, TOKEN, max_retries=2, backoff=0)
    assert (caught.value.summary.retries, caught.value.summary.pending, caught.value.summary.sent) == (2, 1, 0)
    assert [(r["state"], r["attempts"]) for r in outbox(db)] == [("pending", 3)]


def test_unreachable_registry_is_retried_then_reported(tmp_path: Path):
    db = make_db(tmp_path / "t.db", 1)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(registry.RegistryError, match="unavailable after 2 attempts: ConnectError"):
        registry.push(db, f"http://127.0.0.1:{port}/api", TOKEN, max_retries=1, backoff=0)
    assert registry.outbox_counts(db) == {"pending": 1}


@pytest.mark.parametrize("url", ["ftp://registry.example/api", "not a url", "", "http://"])
def test_invalid_url_is_refused_before_queueing(tmp_path: Path, url: str):
    db = make_db(tmp_path / "t.db", 1)
    with pytest.raises(registry.RegistryError, match="invalid registry URL"):
        registry.push(db, url, TOKEN)
    assert registry.outbox_counts(db) == {}


def test_sigkill_mid_push_loses_nothing(serve, tmp_path: Path):
    path = tmp_path / "t.db"
    db = make_db(path, 12)
    server = serve(delay=0.2)
    code = ("import sys; from extractor import registry, store; "
            "registry.push(store.open_db(sys.argv[1]), sys.argv[2], sys.argv[3], batch_size=1, backoff=0)")
    child = subprocess.Popen([sys.executable, "-c", code, str(path), server.url, TOKEN],
                             cwd=Path(__file__).resolve().parent.parent)
    deadline = time.monotonic() + 30
    while len(server.stored) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)  # the fifth batch is stored but not yet answered
    child.wait()
    assert len(server.stored) == 5

    # Four were acknowledged and committed before the fifth was sent; the fifth never was.
    assert Counter(r["state"] for r in outbox(db)) == {"sent": 4, "pending": 8}

    server.delay = 0.0
    summary = registry.push(db, server.url, TOKEN, batch_size=1, backoff=0)
    assert (summary.enqueued, summary.duplicates, summary.sent) == (0, 1, 7)
    assert server.stored_keys() == Counter(dict.fromkeys(current_keys(db), 1))
    rows = outbox(db)
    assert {r["idempotency_key"] for r in rows} == current_keys(db)
    assert {r["state"] for r in rows} == {"sent"} and all(r["sent_at"] for r in rows)


def dead_url() -> str:
    """Return the address of a port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/api"


def test_event_rejected_while_its_row_waits_is_never_delivered(serve, tmp_path: Path):
    db = make_db(tmp_path / "t.db", 2)
    rejected, kept = (e["id"] for e in store.list_events(db, "approved"))
    with pytest.raises(registry.RegistryError):
        registry.push(db, dead_url(), TOKEN, max_retries=0, backoff=0)
    store.review_event(db, rejected, "tester", "reject")
    server = serve()
    summary = registry.push(db, server.url, TOKEN, backoff=0)
    assert [e for e in server.stored if e["id"] == rejected and e["review_status"] == "approved"] == []
    assert set(server.holds) == {kept}
    # The dead push may have reached a registry: the rejection goes out as a withdrawal.
    assert [(e["op"], e["review_status"]) for e in server.stored if e["id"] == rejected] == [("withdraw", "rejected")]
    assert (summary.superseded, summary.pending) == (0, 0)


def test_rejected_after_delivery_is_withdrawn_and_a_new_approval_restores_it(serve, tmp_path: Path):
    db = make_db(tmp_path / "t.db", 2)
    server = serve()
    registry.push(db, server.url, TOKEN, backoff=0)
    event = store.list_events(db, "approved")[0]
    store.review_event(db, event["id"], "tester", "reject")
    assert registry.push(db, server.url, TOKEN, backoff=0).sent == 1
    withdrawal = server.stored[-1]
    assert (withdrawal["id"], withdrawal["op"], withdrawal["version"]) == (event["id"], "withdraw", event["version"] + 1)
    assert event["id"] not in server.holds
    assert registry.push(db, server.url, TOKEN, backoff=0).sent == 0  # withdrawn once

    store.review_event(db, event["id"], "tester", "approve")
    registry.push(db, server.url, TOKEN, backoff=0)
    assert (server.holds[event["id"]]["op"], server.holds[event["id"]]["version"]) == ("update", event["version"] + 2)


def test_a_row_is_checked_against_the_event_when_its_turn_comes(serve, tmp_path: Path):
    db = make_db(tmp_path / "t.db", 1)
    assert registry.enqueue(db) == 1  # queued by an earlier push that stopped before sending
    event = store.list_events(db, "approved")[0]
    store.review_event(db, event["id"], "tester", "reject")
    # Only the send-time check sees it: enqueue is skipped, as when the rejection lands mid-push.
    summary = registry.PushSummary()
    assert registry._current(db, pending_rows(db, 10), summary) == []
    assert summary.superseded == 1
    assert [r["state"] for r in outbox(db)] == ["superseded"]
    server = serve()
    registry.push(db, server.url, TOKEN, backoff=0)
    assert server.stored == []  # never delivered, never attempted: nothing to withdraw


def test_each_event_version_is_applied_once_across_batch_sizes_and_edits(serve, tmp_path: Path):
    db = make_db(tmp_path / "t.db", 6)
    server = serve(stall={1})
    # The push gives up while the registry applies its first batch (as when it is killed there).
    with pytest.raises(registry.RegistryError):
        registry.push(db, server.url, TOKEN, batch_size=4, timeout=0.3, max_retries=0, backoff=0)
    assert len(server.stored) == 4 and registry.outbox_counts(db) == {"pending": 6}
    edited = store.list_events(db, "approved")[0]
    store.review_event(db, edited["id"], "tester", "edit", {"participants": 12})
    summary = registry.push(db, server.url, TOKEN, batch_size=5, backoff=0)
    assert server.stored_keys() == Counter(server.stored_keys().keys())  # nothing applied twice
    assert set(server.stored_keys()) >= current_keys(db)
    assert summary.duplicates == len(set(server.requests[0]["keys"]) & current_keys(db))
