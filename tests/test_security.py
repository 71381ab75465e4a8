"""Security of the review app, one test per guard: loopback binding unless a token is given, the token on
every request, CSRF on every state change, escaping of every scraped value, SQL only through parameters."""
from __future__ import annotations

import ast
import hashlib
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from extractor import cli, dedup, store
from extractor.config import settings
from extractor.review import app as review_app
from extractor.review.app import create_app, serve

ROOT = Path(__file__).resolve().parent.parent
LOCAL = "http://127.0.0.1"
# Payloads for every HTML context: element text, attribute values in both quotes, a textarea, templates.
PAYLOADS = ["<script>alert('x')</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='alert(2)",
            "</textarea><svg onload=alert(3)>", "{{ 'ss' ~ 'ti' }}"]
HOSTILE = " ".join(PAYLOADS)


def hostile_store(db_path: Path) -> str:
    """Store one scraped article whose every field carries the payloads; return its event id."""
    text = f"Семінар «{HOSTILE}» відбувся 3 квітня 2025 року у Полтаві. {HOSTILE}"
    start = text.index(HOSTILE)
    record = {"article_id": "evil", "lang": "uk", "event_type": "seminar", "title": HOSTILE,
              "organizers": [HOSTILE], "partners": [HOSTILE], "audience": [HOSTILE], "topics": [HOSTILE],
              "start_date": "2025-04-03", "end_date": "2025-04-03", "date_text": HOSTILE,
              "settlement": HOSTILE, "hromada": HOSTILE, "raion": HOSTILE, "region": HOSTILE, "country": "UA",
              "online": False, "participants": 12, "status": "held", "confidence": 0.5,
              "evidence": {"title": [start, start + len(HOSTILE)], "settlement": [0, 7]}}
    db = store.open_db(db_path)
    dedup.save_article(db, {"id": "evil", "url": "javascript:alert(4)", "title": HOSTILE, "lang": "uk",
                            "published": "2025-04-04", "text": text, "status": "extracted", "reason": None,
                            "duplicate_of": None, "source": HOSTILE}, [record], run_id=None)
    event_id = db.execute("select event_id from event_sources where article_id = 'evil'").fetchone()[0]
    db.close()
    return event_id


@pytest.fixture()
def db_path(tmp_path):
    return tmp_path / "events.db"


@pytest.fixture()
def event_id(db_path):
    return hostile_store(db_path)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def state(db_path: Path, event_id: str) -> tuple:
    """Return what a decision would change: the event's status, version, title and the review log size."""
    db = store.open_db(db_path)
    event = store.get_event(db, event_id)
    n = len(store.reviews_of(db, event_id))
    db.close()
    return event["review_status"], event["version"], event["title"], n


# --- binding and access ----------------------------------------------------------------------------

def test_the_app_binds_to_loopback_by_default():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(cli.review).parameters["host"].default == "127.0.0.1"


TOKEN = "correct-horse-battery"


@pytest.fixture()
def started(monkeypatch):
    """Stop `serve` just before uvicorn would run; collect (app, bound address) of each start."""
    starts = []

    def run(server, sockets):
        starts.append((server.config.app, sockets[0].getsockname()[:2]))
        sockets[0].close()
    monkeypatch.setattr("uvicorn.Server.run", run)
    monkeypatch.delenv("EXTRACTOR_REVIEW_TOKEN", raising=False)
    return starts


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "review.example.org", "127.1"])
def test_binding_elsewhere_without_a_token_is_refused(db_path, event_id, started, host):
    result = CliRunner().invoke(cli.app, ["review", "--db", str(db_path), "--host", host, "--no-token"])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: binding to {host} exposes the review app")
    assert started == []


def test_binding_elsewhere_with_a_token_serves_behind_it(db_path, event_id, started, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_REVIEW_TOKEN", TOKEN)
    result = CliRunner().invoke(cli.app, ["review", "--db", str(db_path), "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 0, result.output
    [(app, (host, port))] = started
    assert host == "0.0.0.0"
    assert result.output == f"review: http://0.0.0.0:{port}/?token={TOKEN}\n"
    client = TestClient(app, base_url="http://192.0.2.7")
    assert client.get("/").status_code == 401
    assert client.get("/", headers={"x-review-token": TOKEN}).status_code == 200


def test_every_start_prints_one_line_with_a_new_random_token(db_path, event_id, started):
    lines = [CliRunner().invoke(cli.app, ["review", "--db", str(db_path), "--port", "0"]).output for _ in range(2)]
    tokens = []
    for line, (app, (_, port)) in zip(lines, started):
        match = re.fullmatch(rf"review: http://127\.0\.0\.1:{port}/\?token=([\w-]+)\n", line)
        assert match, line
        tokens.append(match.group(1))
        assert TestClient(app, base_url=LOCAL).get("/").status_code == 401
        assert TestClient(app, base_url=LOCAL).get("/", headers={"x-review-token": match.group(1)}).status_code == 200
    assert len(set(tokens)) == 2 and min(map(len, tokens)) >= 32


@pytest.mark.parametrize("token", ["s3cret", "x" * 15])
def test_a_given_token_shorter_than_16_characters_is_refused(db_path, event_id, started, token):
    result = CliRunner().invoke(cli.app, ["review", "--db", str(db_path), "--token", token])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: the access token must be at least 16 characters (it has {len(token)})"
    assert started == []


def test_no_token_is_for_tests_and_says_so(db_path, event_id, started):
    result = CliRunner().invoke(cli.app, ["review", "--db", str(db_path), "--port", "0", "--no-token"])
    [(app, (_, port))] = started
    assert result.stdout == f"review: http://127.0.0.1:{port}/\n"
    assert result.stderr.startswith("warning: --no-token")
    assert TestClient(app, base_url=LOCAL).get("/").status_code == 200


@pytest.mark.parametrize("method, path", [("GET", "/"), ("GET", "/coverage"), ("GET", "/event/{id}"),
                                          ("POST", "/event/{id}"), ("POST", "/reviewer"),
                                          ("GET", "/static/review.js")])
@pytest.mark.parametrize("given", [None, "wrong", TOKEN[:-1], TOKEN.upper(), TOKEN + "\n"])
def test_with_a_token_every_route_refuses_a_missing_or_wrong_one(db_path, event_id, method, path, given):
    client = TestClient(create_app(db_path, token=TOKEN), base_url="http://192.0.2.7")
    headers = {"x-review-token": given} if given else {}
    response = client.request(method, path.format(id=event_id), headers=headers, data={"action": "approve"})
    assert response.status_code == 401
    assert HOSTILE not in response.text
    assert state(db_path, event_id)[0] == "pending"


def test_without_a_token_only_local_host_names_are_served(db_path, event_id):
    """Another Host header means DNS rebinding: a web page's name pointing at 127.0.0.1."""
    app = create_app(db_path)
    assert TestClient(app, base_url="http://attacker.example").get("/").status_code == 400
    assert TestClient(app, base_url="http://127.0.0.1:8765").get("/").status_code == 200
    assert TestClient(app, base_url="http://localhost:8765").get("/").status_code == 200


# --- CSRF --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("csrf", [None, "", "forged", "x" * 43])
def test_a_decision_without_the_csrf_token_changes_nothing(db_path, event_id, csrf):
    client = TestClient(create_app(db_path), base_url=LOCAL)
    before = state(db_path, event_id)
    form = {"action": "approve"} | ({"csrf": csrf} if csrf is not None else {})
    response = client.post(f"/event/{event_id}", data=form, follow_redirects=False)
    assert response.status_code == 403
    assert state(db_path, event_id) == before


def test_a_csrf_token_of_another_app_instance_is_refused(db_path, event_id):
    other = TestClient(create_app(db_path), base_url=LOCAL)
    stolen = csrf_of(other.get(f"/event/{event_id}").text)
    client = TestClient(create_app(db_path), base_url=LOCAL)
    before = state(db_path, event_id)
    response = client.post(f"/event/{event_id}", data={"csrf": stolen, "action": "reject"}, follow_redirects=False)
    assert response.status_code == 403
    assert state(db_path, event_id) == before


def test_setting_the_reviewer_needs_the_csrf_token(db_path, event_id):
    client = TestClient(create_app(db_path), base_url=LOCAL)
    response = client.post("/reviewer", data={"name": "mallory", "back": "/"}, follow_redirects=False)
    assert response.status_code == 403
    assert "reviewer" not in response.cookies


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
def test_decisions_need_post(db_path, event_id, method):
    client = TestClient(create_app(db_path), base_url=LOCAL)
    csrf = csrf_of(client.get("/").text)
    before = state(db_path, event_id)
    client.request(method, f"/event/{event_id}", params={"csrf": csrf, "action": "approve"})
    client.request(method, "/reviewer", params={"csrf": csrf, "name": "mallory"})
    assert state(db_path, event_id) == before
    if method != "GET":
        assert client.request(method, f"/event/{event_id}").status_code == 405


def test_a_decision_with_the_csrf_token_is_applied(db_path, event_id):
    """The guard is not a wall: the page's own form goes through."""
    client = TestClient(create_app(db_path), base_url=LOCAL)
    csrf = csrf_of(client.get(f"/event/{event_id}").text)
    response = client.post(f"/event/{event_id}", data={"csrf": csrf, "action": "reject"}, follow_redirects=False)
    assert response.status_code == 303
    assert state(db_path, event_id)[0] == "rejected"


# --- escaping ----------------------------------------------------------------------------------------

def assert_escaped(html: str) -> None:
    """Assert no payload reaches the page as markup, and the text is still shown (escaped)."""
    for payload in PAYLOADS[:4]:
        assert payload not in html
    for tag in ("<script>alert", "<img src=x", "<svg onload", "onmouseover='alert"):
        assert tag not in html
    assert "&lt;script&gt;alert(" in html
    assert "ssti" not in html   # template syntax in data is shown, never evaluated
    assert "{{ &#39;ss&#39; ~ &#39;ti&#39; }}" in html
    assert 'href="javascript:' not in html


@pytest.mark.parametrize("path", ["/event/{id}", "/?status=all", "/?status=all&region={q}&source={q}",
                                  "/event/{id}?region={q}&done=approve&last={q}"])
def test_every_scraped_value_is_escaped(db_path, event_id, path):
    client = TestClient(create_app(db_path), base_url=LOCAL)
    client.cookies.set("reviewer", quote(HOSTILE, safe=""))   # the reviewer's name is shown on every page
    response = client.get(path.format(id=event_id, q=HOSTILE))
    assert response.status_code == 200
    assert_escaped(response.text)


def test_approved_hostile_values_are_escaped_on_the_coverage_page(db_path, event_id):
    db = store.open_db(db_path)
    store.review_event(db, event_id, "olena", "approve")
    db.close()
    html = TestClient(create_app(db_path), base_url=LOCAL).get("/coverage").text
    for payload in PAYLOADS[:4]:
        assert payload not in html
    assert "&lt;script&gt;" in html


def test_a_rejected_edit_echoes_the_input_escaped(db_path, event_id):
    client = TestClient(create_app(db_path), base_url=LOCAL)
    csrf = csrf_of(client.get(f"/event/{event_id}").text)
    response = client.post(f"/event/{event_id}", data={"csrf": csrf, "action": "edit", "start_date": HOSTILE,
                                                        "title": HOSTILE, "participants": HOSTILE})
    assert response.status_code == 400
    assert_escaped(response.text)


def test_pages_forbid_inline_scripts_and_framing(db_path, event_id):
    response = TestClient(create_app(db_path), base_url=LOCAL).get(f"/event/{event_id}")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


# --- SQL ---------------------------------------------------------------------------------------------

INJECTIONS = ["' or '1'='1", "x'; drop table events; --", "\" or 1=1 --", "%' or 1=1 or '%'='", "1) or (1=1"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injected_filters_match_nothing(db_path, event_id, value):
    client = TestClient(create_app(db_path), base_url=LOCAL)
    for name in ("region", "event_type", "lang", "source", "status"):
        html = client.get("/", params={"status": "all", name: value}).text
        assert (f"/event/{event_id}" in html) == (name == "status"), name   # a bad status falls back to pending
    assert client.get(f"/event/{value}").status_code == 404
    assert state(db_path, event_id)[0] == "pending"


@pytest.mark.parametrize("value", INJECTIONS)
def test_injected_edits_are_stored_as_text(db_path, event_id, value):
    client = TestClient(create_app(db_path), base_url=LOCAL)
    csrf = csrf_of(client.get(f"/event/{event_id}").text)
    response = client.post(f"/event/{event_id}", data={"csrf": csrf, "action": "edit", "title": value,
                                                        "settlement": value}, follow_redirects=False)
    assert response.status_code == 303
    db = store.open_db(db_path)
    event = store.get_event(db, event_id)
    assert (event["title"], event["settlement"]) == (value, value)
    assert store.counts(db)["events"] == 1
    db.close()


# SQL text may be assembled only from these fragments, all built in code (placeholders, clauses, table names).
SQL_FRAGMENTS = {"OUTBOX", "MAYBE_DELIVERED", "marks", "only", "','.join('?' * len(ids))", "_RANK", "_KEY", "where", "op",
                 "key_order", "order", "name",
                 # store.schema's plain writes (table and key names from the store's own code); coverage's filters
                 "table", "pk", "_PERIOD", "_TOPIC",
                 # store.schema's series indexes: a source record's key names from a literal tuple
                 "field"}
SQL_CALLS = {"execute", "execute_returning_dicts", "executemany", "executescript"}


def interpolations() -> list[tuple[str, int, str]]:
    """Return (file, line, expression) for every value formatted into SQL text in extractor/."""
    found = []
    for path in sorted((ROOT / "extractor").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in SQL_CALLS and node.args):
                continue
            for part in ast.walk(node.args[0]):
                if isinstance(part, ast.FormattedValue):
                    found.append((path.name, node.lineno, ast.get_source_segment(source, part.value)))
                elif isinstance(part, ast.BinOp) and isinstance(part.op, ast.Mod):
                    found.append((path.name, node.lineno, "% formatting"))
                elif isinstance(part, ast.Call) and getattr(part.func, "attr", None) == "format":
                    found.append((path.name, node.lineno, ".format()"))
    return found


def test_sql_is_formatted_only_from_fragments_built_in_code():
    """Values reach SQLite as parameters; a new f-string in SQL must be checked and listed above."""
    found = interpolations()
    assert found, "the scan finds the known fragments"
    assert [f for f in found if f[2] not in SQL_FRAGMENTS] == []


def test_every_review_write_goes_through_the_store():
    """The review app's modules hold no SQL of their own that writes; decisions go through store.review_event."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in Path(review_app.__file__).parent.glob("*.py"))
    assert not re.search(r"\b(insert|update|delete|replace)\s+(into\s+)?\w+", source, re.IGNORECASE)
    assert "store.review_event(" in source


# --- a real start, as a reviewer runs it ----------------------------------------------------------

@pytest.fixture()
def review_process(db_path, event_id):
    """Start `extractor review` on a free port; yield the one line it printed."""
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_REVIEW_TOKEN"}
    process = subprocess.Popen([sys.executable, "-m", "extractor.cli", "review", "--db", str(db_path), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        yield process.stdout.readline()
    finally:
        process.terminate()
        process.wait(10)


def test_a_started_app_refuses_every_request_without_its_token(review_process, db_path, event_id):
    url = review_process.strip().removeprefix("review: ")
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{32,}", url), review_process
    base = url.split("?")[0].rstrip("/")
    with httpx.Client(base_url=base) as anonymous:
        for path in ("/", f"/event/{event_id}", "/coverage", "/static/review.js"):
            response = anonymous.get(path)
            assert response.status_code == 401
            assert "Семінар" not in response.text and HOSTILE not in response.text
        assert anonymous.post(f"/event/{event_id}", data={"action": "approve"}).status_code == 401
    assert state(db_path, event_id) == ("pending", 1, HOSTILE, 0)

    with httpx.Client(follow_redirects=True) as reviewer:
        opened = reviewer.get(url)  # the printed address: the token moves into a cookie
        assert opened.status_code == 200 and opened.url.query == b""
        cookie = opened.history[0].headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        page = reviewer.get(f"{base}/event/{event_id}").text
        assert reviewer.post(f"{base}/event/{event_id}", data={"action": "approve"}).status_code == 403
        assert state(db_path, event_id)[0] == "pending"
        response = reviewer.post(f"{base}/event/{event_id}", data={"csrf": csrf_of(page), "action": "approve"},
                                 follow_redirects=False)
        assert response.status_code == 303
    assert state(db_path, event_id)[0] == "approved"
    log = store.open_db(db_path).execute_returning_dicts("select * from access_log order by id")
    assert [(r["method"], r["path"], r["status"]) for r in log] == [
        ("POST", f"/event/{event_id}", 403), ("POST", f"/event/{event_id}", 303)]
    assert {r["token"] for r in log} == {"token:" + hashlib.sha256(url.split("=")[1].encode()).hexdigest()[:8]}
    assert all(r["reviewer"] and r["at"] for r in log)


def test_writes_are_logged_under_the_reviewer_setting(db_path, event_id, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_REVIEWER", "Оксана")
    settings.cache_clear()
    try:
        client = TestClient(create_app(db_path), base_url=LOCAL)
        client.post(f"/event/{event_id}", data={"csrf": csrf_of(client.get("/").text), "action": "reject"})
    finally:
        settings.cache_clear()
    db = store.open_db(db_path)
    assert [(r["reviewer"], r["token"], r["status"]) for r in db.execute_returning_dicts("select * from access_log")] \
        == [("Оксана", "no-token", 303)]
    assert [r["reviewer"] for r in store.reviews_of(db, event_id)] == ["Оксана"]
