"""The command line, read back through the database (as sqlite-utils' CLI tests do)."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from typer.testing import CliRunner

from extractor.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
runner = CliRunner()

UK = ("Сьогодні, 14 травня 2024 року, у Полтаві відбувся семінар «Бюджет громади» для старост громад "
      "Полтавської області. Організатором став обласний центр підвищення кваліфікації.")
RU = ("15 мая 2024 года в Казани прошёл семинар «Муниципальный бюджет» для глав сельских поселений "
      "Республики Татарстан. Семинар провела Высшая школа государственного и муниципального управления.")


def invoke(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "uk-1.txt").write_text(UK, encoding="utf-8")
    (folder / "ru-1.txt").write_text(RU, encoding="cp1251")
    return folder


def test_run_stores_articles_and_events(corpus, tmp_path):
    db_path = tmp_path / "events.db"
    result = invoke("run", corpus, "--db", db_path, "--workers", 1)
    assert result.exit_code == 0
    assert "articles read 2" in result.output and "new 2" in result.output
    db = sqlite_utils.Database(db_path)
    assert {r["id"]: r["lang"] for r in db["articles"].rows} == {"uk-1": "uk", "ru-1": "ru"}
    events = {r["article_id"]: r for r in db["events"].rows}
    assert events["uk-1"]["settlement"] == "Полтава" and events["uk-1"]["start_date"] == "2024-05-14"
    assert events["ru-1"]["settlement"] == "Казань" and events["ru-1"]["title"] == "Муниципальный бюджет"
    [run] = list(db["runs"].rows)
    assert json.loads(run["counts"])["new"] == 2 and run["status"] == "done"


def test_second_run_adds_nothing(corpus, tmp_path):
    db_path = tmp_path / "events.db"
    invoke("run", corpus, "--db", db_path, "--workers", 1)
    result = invoke("run", corpus, "--db", db_path, "--workers", 1)
    assert "unchanged 2" in result.output and "new 0" in result.output
    db = sqlite_utils.Database(db_path)
    assert db["events"].count == 2 and db["event_sources"].count == 2


def test_changed_article_is_reextracted(corpus, tmp_path):
    db_path = tmp_path / "events.db"
    invoke("run", corpus, "--db", db_path, "--workers", 1)
    (corpus / "uk-1.txt").write_text(UK + " Участь взяли 40 старост.", encoding="utf-8")
    result = invoke("run", corpus, "--db", db_path, "--workers", 1)
    assert "extracted 1" in result.output and "unchanged 1" in result.output
    db = sqlite_utils.Database(db_path)
    [event] = [r for r in db["events"].rows if r["article_id"] == "uk-1"]
    assert event["participants"] == 40 and event["version"] == 2


def test_two_workers_give_the_same_events(corpus, tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    invoke("run", corpus, "--db", one, "--workers", 1)
    invoke("run", corpus, "--db", two, "--workers", 2)
    rows = [sorted((r["id"], r["title"], r["start_date"]) for r in sqlite_utils.Database(p)["events"].rows)
            for p in (one, two)]
    assert rows[0] == rows[1]


def test_bad_inputs_are_counted_and_stored_data_kept(corpus, tmp_path):
    db_path = tmp_path / "events.db"
    invoke("run", corpus, "--db", db_path, "--workers", 1)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (bad / "english.txt").write_text("A training for local council members took place in the town hall today, "
                                     "with forty participants from ten communities.", encoding="utf-8")
    (bad / "dump.jsonl").write_text('{"id": "x", "text": "' + UK + '"}\n{broken\n', encoding="utf-8")
    result = invoke("run", bad, "--db", db_path, "--workers", 1)
    assert result.exit_code == 0
    for reason in ("empty file", "binary file", "language 'en' not supported", "line is not JSON"):
        assert reason in result.output
    db = sqlite_utils.Database(db_path)
    assert db["events"].count == 2  # "x" is an exact copy of uk-1: a duplicate, not a new event
    assert db["articles"].get("x")["status"] == "duplicate"


def test_not_a_database_fails_in_one_line(corpus, tmp_path):
    db_path = tmp_path / "events.db"
    db_path.write_bytes(b"not a database, just text" * 50)
    result = invoke("run", corpus, "--db", db_path)
    assert result.exit_code == 1
    assert "not a usable SQLite database" in result.output and "Traceback" not in result.output
    assert db_path.read_bytes().startswith(b"not a database")


def test_events_show_and_review_commands(corpus, tmp_path):
    db_path = tmp_path / "events.db"
    invoke("run", corpus, "--db", db_path, "--workers", 1)
    listed = [json.loads(line) for line in invoke("events", "--db", db_path, "--json").output.splitlines()]
    assert len(listed) == 2
    event_id = listed[0]["id"]
    shown = json.loads(invoke("show", event_id, "--db", db_path, "--json").output)
    assert shown["sources"][0]["article_id"] == listed[0]["article_id"]
    assert "approved" in invoke("approve", event_id, "--db", db_path, "--reviewer", "olena").output
    assert [e["id"] for e in map(json.loads, invoke("events", "--db", db_path, "--status", "approved",
                                                    "--json").output.splitlines())] == [event_id]
    assert invoke("show", "ev-nope", "--db", db_path).exit_code == 1


@pytest.mark.parametrize("command,text,key,value", [
    ("dates", "з 5 по 7 жовтня 2021 року", "start", "2021-10-05"),
    ("places", "у Кам'янці-Подільському", "name", "Кам'янець-Подільський"),
])
def test_stage_commands_print_json(command, text, key, value):
    [item] = json.loads(invoke(command, text, "--lang", "uk", "--json").output)
    assert item[key] == value


@pytest.mark.skipif(not SCORER.exists(), reason="the reference scorer lives in ../shared")
def test_eval_agrees_with_reference_scorer(tmp_path):
    gold = ROOT.parent / "shared" / "seeds" / "gold.jsonl"
    negatives = ROOT.parent / "shared" / "seeds" / "negatives.txt"
    pred = tmp_path / "pred.jsonl"
    ours = invoke("eval", SEEDS, "--gold", gold, "--negatives", negatives, "--pred", pred).output
    reference = subprocess.run([sys.executable, SCORER, "--gold", gold, "--negatives", negatives, "--pred", pred],
                               capture_output=True, text=True, check=True).stdout
    assert ours.strip() == reference.strip()


@pytest.mark.skipif(not SCORER.exists(), reason="the reference scorer lives in ../shared")
@pytest.mark.parametrize("option, value, message", [
    ("--gold", "missing.jsonl", "no such file: {tmp}/missing.jsonl"),
    ("--gold", "broken.jsonl", "{tmp}/broken.jsonl:2: not JSON"),
    ("--gold", "no-id.jsonl", "{tmp}/no-id.jsonl: record 2 is not an event record with an article_id"),
    ("--gold", "list.jsonl", "{tmp}/list.jsonl: record 1 is not an event record with an article_id"),
    ("--negatives", "missing.txt", "no such file: {tmp}/missing.txt"),
    ("--pred", "no-folder/pred.jsonl", "cannot write predictions to {tmp}/no-folder/pred.jsonl: no such folder"),
])
def test_eval_bad_input_is_one_line_before_any_run(tmp_path, option, value, message):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"article_id": "uk-1", "event_type": "seminar"}) + "\n", encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text('{"article_id": "uk-1"}\n{"article_id": \n', encoding="utf-8")
    (tmp_path / "no-id.jsonl").write_text('{"article_id": "uk-1"}\n{"event_type": "seminar"}\n', encoding="utf-8")
    (tmp_path / "list.jsonl").write_text('["uk-1", "seminar"]\n', encoding="utf-8")
    args = {"--gold": gold, option: tmp_path / value}
    result = invoke("eval", SEEDS, *[x for pair in args.items() for x in pair])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert result.output.startswith("error: " + message.format(tmp=tmp_path))


@pytest.mark.skipif(not SCORER.exists(), reason="the reference scorer lives in ../shared")
def test_eval_reports_a_mistyped_article_path(tmp_path, corpus):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"article_id": "uk-1", "event_type": "seminar", "start_date": "2024-05-14"}) + "\n",
                    encoding="utf-8")
    output = invoke("eval", corpus / "uk-1.txt", tmp_path / "typo", "--gold", gold).output
    assert "matched 1" in output
    assert output.strip().endswith("skipped 1: no such file or directory")


def test_make_run_command_on_sample_corpus(tmp_path):
    """The README's main job: the seeds give their events, teasers of seed 003 give none."""
    db_path = tmp_path / "events.db"
    shutil.copytree(SEEDS, tmp_path / "seeds")
    invoke("run", tmp_path / "seeds", "--db", db_path, "--workers", 1)
    db = sqlite_utils.Database(db_path)
    by_article = {}
    for row in db["events"].rows:
        by_article.setdefault(row["article_id"][:3], []).append(row["event_type"])
    assert sorted(by_article["001"]) == ["conference", "round_table", "round_table"]
    assert "003" not in by_article


def test_same_text_twice_in_one_batch_is_a_duplicate(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(UK, encoding="utf-8")
    (folder / "b.txt").write_text(UK, encoding="utf-8")
    db_path = tmp_path / "events.db"
    result = invoke("run", folder, "--db", db_path, "--workers", 1)
    assert "exact duplicate of a stored article" in result.output
    db = sqlite_utils.Database(db_path)
    assert db["articles"].get("b")["duplicate_of"] == "a" and db["events"].count == 1


def test_train_score_prints_test_split_scores_per_label():
    result = invoke("train", "score", "--lang", "ru", "--backend", "natasha", "--protocol", "naeval")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert set(scores) == {"PER", "ORG", "LOC", "overall", "words_per_s"}
    # slovnet on factRuEval's testset under naeval's token protocol: near its published 0.959 / 0.825 / 0.915.
    assert scores["PER"]["f"] > 0.94 and scores["ORG"]["f"] > 0.8 and scores["LOC"]["f"] > 0.9


@pytest.mark.parametrize(("args", "message"), [
    (["--protocol", "fuzzy"], "unknown protocol 'fuzzy'"),
    (["--lang", "uk", "--backend", "natasha"], "no NER backend 'natasha' for language 'uk'"),
])
def test_train_score_rejects_bad_options_in_one_line(args, message):
    result = invoke("train", "score", *args)
    assert result.exit_code == 1 and message in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [
    ["dates", "15 мая 2024", "--lang", "de"],
    ["places", "Київ", "--lang", "pl"],
    ["ner", "Тарас Шевченко", "--lang", "en"],
    ["train", "ner", "--lang", "de", "--max-docs", "2"],
    ["train", "score", "--lang", "de"],
])
def test_an_unknown_language_is_refused_in_one_line(args):
    result = invoke(*args)
    assert result.exit_code == 1
    assert result.output.strip() == f"error: --lang must be uk or ru, not '{args[args.index('--lang') + 1]}'"


@pytest.mark.parametrize("args", [
    ["events"], ["show", "ev-1"], ["dedup", "--explain", "ev-1"], ["approve", "ev-1"],
    ["export", "--out", "{tmp}/out.csv", "--format", "csv"], ["push", "--url", "http://127.0.0.1:9/"],
    ["review"],
])
def test_reading_commands_refuse_a_missing_store_and_create_none(tmp_path, args):
    db_path = tmp_path / "typo" / "events.db"
    result = invoke(*[a.format(tmp=tmp_path) for a in args], "--db", db_path)
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {db_path}: no such database (`extractor run` creates it)"
    assert not db_path.parent.exists()


@pytest.mark.parametrize("command", [["events"], ["export", "--out", "{tmp}/out.csv", "--format", "csv"]])
def test_an_unknown_review_status_is_refused(corpus, tmp_path, command):
    db_path = tmp_path / "events.db"
    invoke("run", corpus, "--db", db_path, "--workers", 1)
    result = invoke(*[a.format(tmp=tmp_path) for a in command], "--status", "aproved", "--db", db_path)
    assert result.exit_code == 1
    assert result.output.strip() == "error: unknown review status 'aproved': pending | approved | rejected"
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(("command", "key", "value"), [
    ("dates", "start", "2024-05-15"),
    ("places", "name", "Київ"),
    ("ner", "normal", "Київ"),
])
def test_stage_commands_read_an_argument_with_bytes_that_are_not_utf8(command, key, value):
    # the shell hands such bytes to Python as lone surrogates ("\udcff"): they read as U+FFFD
    result = invoke(command, "У Києві \udcff\udcfe 15 травня 2024 року", "--lang", "uk", "--json")
    assert result.exit_code == 0, result.output
    assert value in [item[key] for item in json.loads(result.output)]


@pytest.mark.parametrize(("args", "message"), [
    (["run", "{corpus}", "--workers", "0", "--db", "{db}"], "--workers must be between 1 and 256, not 0"),
    (["run", "{corpus}", "--auto-approve", "1.5", "--db", "{db}"], "--auto-approve must be between 0 and 1, not 1.5"),
    (["review", "--port", "99999", "--db", "{db}"], "--port must be between 0 and 65535, not 99999"),
    (["push", "--url", "http://127.0.0.1:9/", "--batch-size", "0", "--db", "{db}"],
     "--batch-size must be between 1 and 1000, not 0"),
    # 0 documents would have meant the whole corpus: a half-hour run instead of a smoke run
    (["train", "ner", "--lang", "uk", "--max-docs", "0", "--out", "{corpus}/model"],
     "--max-docs must be between 1 and 100000, not 0"),
])
def test_numbers_out_of_range_are_refused_in_one_line(corpus, tmp_path, args, message):
    db_path = tmp_path / "events.db"
    invoke("run", corpus, "--db", db_path, "--workers", 1)
    before = db_path.read_bytes()
    result = invoke(*[a.format(corpus=corpus, db=db_path) for a in args])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {message}"
    assert db_path.read_bytes() == before


def test_review_refuses_a_taken_port_in_one_line(corpus, tmp_path):
    import socket

    db_path = tmp_path / "events.db"
    invoke("run", corpus, "--db", db_path, "--workers", 1)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = invoke("review", "--port", port, "--db", db_path)
    assert result.exit_code == 1
    assert result.output.strip() == f"error: cannot listen on 127.0.0.1:{port}: Address already in use"
