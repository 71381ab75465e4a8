"""Run the reliability probes of issue 23 through the command line and print each result as a table row.

Each probe runs `python -m extractor.cli` in a fresh temporary folder, as an operator would, and
checks what the issue's "Done when" asks: outputs never destroy the store or an input, a rejected
event never reaches the registry as approved, poisoned records are skips, a damaged store is one
line, exported cells never start a formula. `--tree` runs another checkout's code (e.g. an older
commit unpacked with `git archive`) to show the results before a fix. Exit status 1 if a probe fails.

    .venv/bin/python scripts/reliability_check.py [--tree PATH]
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
GOOD = [
    "14 травня 2024 року у Львові відбувся семінар «Прозорий бюджет громади» для фінансистів територіальних "
    "громад Львівської області. Організатор — Асоціація міст України. Участь взяли 40 осіб.",
    "21 мая 2024 года в Сумах прошел круглый стол «Стратегия развития громады» для старост Сумской области. "
    "Организатор — областной совет.",
    "3 червня 2024 року в Полтаві відбувся тренінг з питань публічних закупівель для старост громад "
    "Полтавської області. Захід організувала обласна рада.",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Probe:
    """One probe: what it tries, whether the result is the one the issue asks for, and what was seen."""

    name: str
    passed: bool
    seen: str


class Registry(ThreadingHTTPServer):
    """A registry on 127.0.0.1 that keeps every event object it receives and answers 200."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.received: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api/events"


class Handler(BaseHTTPRequestHandler):
    server: Registry

    def do_POST(self) -> None:
        self.server.received.extend(json.loads(self.rfile.read(int(self.headers["Content-Length"])))["events"])
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args) -> None:
        pass


class Cli:
    """Runs `extractor` commands of one code tree in a work folder."""

    def __init__(self, tree: Path, work: Path) -> None:
        self.tree, self.work = tree, work
        self.env = {**os.environ, "PYTHONPATH": str(tree), "EXTRACTOR_DB_BUSY_TIMEOUT_S": "2"}

    def __call__(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "extractor.cli", *args], cwd=self.tree, env=self.env,
                              capture_output=True, text=True, errors="replace", timeout=timeout)


def one_line(done: subprocess.CompletedProcess) -> bool:
    """Tell whether a command failed with one error line and no traceback."""
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return done.returncode != 0 and len(lines) == 1 and "Traceback" not in done.stderr


def said(done: subprocess.CompletedProcess) -> str:
    """Return the last line a command printed (a traceback's last line is its exception)."""
    lines = [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    tag = "traceback: " if "Traceback" in done.stderr else ""
    return f"exit {done.returncode}; {tag}{(lines or [''])[-1][:110]}"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good_lines() -> list[str]:
    return [json.dumps({"id": f"good-{i}", "url": f"https://news.example/good-{i}", "text": text}, ensure_ascii=False)
            for i, text in enumerate(GOOD)]


def checkpoint(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")


def stored_store(cli: Cli, name: str) -> tuple[Path, Path]:
    """Run the good articles into a new store; return (store, input file)."""
    source = write_jsonl(cli.work / f"{name}.jsonl", good_lines())
    db = cli.work / f"{name}.db"
    done = cli("run", str(source), "--db", str(db), "--workers", "1")
    if done.returncode != 0:
        raise RuntimeError(f"cannot build the store: {said(done)}")
    checkpoint(db)
    return db, source


def probe_outputs(cli: Cli) -> list[Probe]:
    probes = []
    for n, (name, option, target) in enumerate([("`run --jsonl` = the store", "--jsonl", "store"),
                                                 ("`run --jsonl` = the input", "--jsonl", "input"),
                                                 ("`export --out` = the store", "--out", "store"),
                                                 ("`run --jsonl` = the store's -wal", "--jsonl", "wal")]):
        db, source = stored_store(cli, f"outputs{n}")  # a fresh store each: a probe may destroy it
        out = {"store": db, "input": source, "wal": Path(f"{db}-wal")}[target]
        guarded = source if target == "input" else db
        before = digest(guarded)
        if option == "--out":
            done = cli("export", "--format", "csv", "--out", str(out), "--db", str(db))
        else:
            done = cli("run", str(source), "--db", str(db), "--jsonl", str(out), "--workers", "1")
        with contextlib.suppress(sqlite3.Error):
            checkpoint(db)
        intact = digest(guarded) == before
        state = "intact" if intact else f"{guarded.name} CHANGED ({guarded.stat().st_size:,} bytes)"
        probes.append(Probe(f"{name}: refused, both intact", one_line(done) and intact, f"{said(done)}; {state}"))
    return probes


def free_port() -> int:
    """Return a port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def event_ids(cli: Cli, db: Path) -> list[str]:
    done = cli("events", "--json", "--db", str(db))
    return [json.loads(line)["id"] for line in done.stdout.splitlines() if line.startswith("{")]


def probe_rejected_is_not_pushed(cli: Cli) -> list[Probe]:
    db, _ = stored_store(cli, "push")
    target = event_ids(cli, db)[0]
    cli("approve", target, "--db", str(db))
    dead = f"http://127.0.0.1:{free_port()}/api"
    down = cli("push", "--url", dead, "--db", str(db))
    cli("reject", target, "--db", str(db))
    registry = Registry()
    threading.Thread(target=registry.serve_forever, daemon=True).start()
    try:
        up = cli("push", "--url", registry.url, "--db", str(db))
    finally:
        registry.shutdown()
    approved = [e for e in registry.received if e.get("id") == target and e.get("review_status") == "approved"]
    ops = [e.get("op") for e in registry.received if e.get("id") == target]
    return [Probe("approve → push (registry down) → reject → push (up): nothing approved delivered",
                  not approved and down.returncode != 0 and up.returncode == 0,
                  f"delivered for that event: {ops or 'nothing'} ({len(approved)} marked approved)")]


def probe_poisoned_batch(cli: Cli) -> list[Probe]:
    folder = cli.work / "poisoned"
    folder.mkdir()
    good = good_lines()
    write_jsonl(folder / "batch.jsonl", [
        good[0], '{"id": "deep", "text": "x", "extra": ' + "[" * 1000 + "]" * 1000 + "}",
        good[1], '{"id": "big", "url": ' + str(2 ** 100) + ', "text": ' + json.dumps(GOOD[2]) + "}",
        '{"id": "big63", "url": ' + str(2 ** 63) + ', "text": ' + json.dumps(GOOD[2] + " ") + "}"])
    Path(os.fsdecode(bytes(folder) + b"/bad-\xff-name.txt")).write_text(GOOD[2], encoding="utf-8")
    db = cli.work / "poisoned.db"
    done = cli("run", str(folder), "--db", str(db), "--workers", "1")
    stored = set()
    if db.exists():
        with sqlite3.connect(db) as conn:
            stored = {r[0] for r in conn.execute("select id from articles where status = 'extracted'")}
    ok = done.returncode == 0 and "Traceback" not in done.stderr and {"good-0", "good-1"} <= stored
    return [Probe("1,000-deep line, 2^100 and 2^63 `url`, non-UTF-8 file name among good articles: good stored, "
                  "exit 0", ok, f"{said(done)}; stored {sorted(stored)}")]


def probe_corrupt_store(cli: Cli) -> list[Probe]:
    db, _ = stored_store(cli, "corrupt")
    with sqlite3.connect(db) as conn:
        page_size = conn.execute("pragma page_size").fetchone()[0]
        root = conn.execute("select rootpage from sqlite_master where name = 'events'").fetchone()[0]
    with open(db, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xa5" * page_size)
    probes = []
    for args in (["events"], ["export", "--format", "csv", "--out", str(cli.work / "c.csv"), "--status", "all"]):
        done = cli(*args, "--db", str(db))
        probes.append(Probe(f"store with corrupt pages: `{args[0]}` gives one line, non-zero exit", one_line(done),
                            said(done)))
    return probes


def probe_locked_store(cli: Cli) -> list[Probe]:
    db, _ = stored_store(cli, "locked")
    target = event_ids(cli, db)[0]
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("begin immediate")  # held past the 2 s wait this check gives commands
    try:
        done = cli("approve", target, "--db", str(db))
    finally:
        conn.execute("rollback")
        conn.close()
    return [Probe("store locked by another process past the wait: `approve` gives one line", one_line(done),
                  said(done))]


def probe_formulas(cli: Cli) -> list[Probe]:
    db, _ = stored_store(cli, "formulas")
    with sqlite3.connect(db) as conn:  # as a scraped title or organizer could read
        conn.execute("update events set title = '=HYPERLINK(\"http://evil.example\",\"x\")', "
                     "organizers = '[\"+cmd|'' /C calc''!A0\", \"@SUM(1)\"]', review_status = 'approved'")
    probes = []
    for fmt in ("csv", "xlsx"):
        out = cli.work / f"events.{fmt}"
        done = cli("export", "--format", fmt, "--out", str(out), "--db", str(db))
        cells = spreadsheet_cells(out, fmt) if out.exists() else []
        bad = [c for c in cells if c.startswith(FORMULA_STARTS)]
        probes.append(Probe(f"{fmt.upper()} export: no cell starts with = + - @", done.returncode == 0 and cells != []
                            and not bad, f"{len(cells)} text cells, {len(bad)} start a formula"
                            + (f" (e.g. {bad[0][:30]!r})" if bad else "")))
    return probes


def spreadsheet_cells(path: Path, fmt: str) -> list[str]:
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [c for row in csv.reader(fh) for c in row if c]
    workbook = load_workbook(path)
    return [c.value for row in workbook.active.iter_rows() for c in row if isinstance(c.value, str)]


def probe_killed_run(cli: Cli) -> list[Probe]:
    db, source = stored_store(cli, "killed")
    code = ("import sys, os, signal; from extractor import store; store.start_run(store.open_db(sys.argv[1]), ['x']); "
            "os.kill(os.getpid(), signal.SIGKILL)")
    subprocess.run([sys.executable, "-c", code, str(db)], cwd=cli.tree, env=cli.env, check=False)
    cli("run", str(source), "--db", str(db), "--workers", "1")
    with sqlite3.connect(db) as conn:
        statuses = [r[0] for r in conn.execute("select status from runs order by id")]
    return [Probe("a killed run is marked `interrupted` at the next start", statuses[1:2] == ["interrupted"],
                  f"runs: {statuses}")]


def probe_short_token(cli: Cli) -> list[Probe]:
    db, _ = stored_store(cli, "token")
    name = "`review --token x` (1 character) refused"
    try:
        done = cli("review", "--db", str(db), "--token", "x", "--port", str(free_port()), timeout=15)
    except subprocess.TimeoutExpired:
        return [Probe(name, False, "the app started and served with it")]
    return [Probe(name, one_line(done), said(done))]


PROBES: list[Callable[[Cli], list[Probe]]] = [probe_outputs, probe_rejected_is_not_pushed, probe_poisoned_batch,
                                              probe_corrupt_store, probe_locked_store, probe_formulas,
                                              probe_killed_run, probe_short_token]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose code runs (default: this one)")
    parser.add_argument("--only", default="", help="run only the probes whose function name contains this")
    args = parser.parse_args()
    results: list[Probe] = []
    with tempfile.TemporaryDirectory(prefix="reliability-") as work:
        cli = Cli(args.tree.resolve(), Path(work))
        for probe in (p for p in PROBES if args.only in p.__name__):
            try:
                results += probe(cli)
            except (RuntimeError, subprocess.TimeoutExpired, OSError, sqlite3.Error) as exc:
                results.append(Probe(probe.__name__, False, f"could not run: {exc}"))
    print("| probe | result | seen |\n|---|---|---|")
    for r in results:
        print(f"| {r.name} | {'pass' if r.passed else 'FAIL'} | {r.seen.replace('|', '/')} |")
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
