"""The registry's scope: export and push send events held in Ukraine (or online for Ukrainians) unless --all."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import export, registry, store
from extractor.cli import app
from extractor.scope import in_scope

runner = CliRunner()
ARTICLES = {  # written here: a study visit with its host and guests, a list of hromadas, an event in Russia
    "uk-visit.txt": "Навчальний візит до Гуменецької громади\n\n20 травня 2025 року у Гуменецькій громаді "
                    "Хмельницької області відбувся навчальний візит для старост громад Житомирщини. Разом із ними "
                    "громаду відвідали представники Бродівської міської громади.",
    "uk-list.txt": "Тренінг для громад Полтавщини\n\n15 квітня 2025 року у Полтаві пройшов тренінг з цифрової "
                   "трансформації для 12 громад Полтавщини: Решетилівська, Білицька, Диканська та Новосанжарська.",
    "uk-starosty.txt": "Семінар для старост Волині\n\nУ Луцьку 12 березня 2025 року відбувся семінар з бюджетного "
                       "планування. Участь у ньому взяли старости Любешівської, Маневицької та Колківської громад.",
    "ru-kursk.txt": "Семинар в Курске\n\nВ Курске 10 марта 2025 года прошел семинар для глав муниципальных "
                    "образований Курской области по вопросам местного бюджета.",
    "ru-poltava.txt": "Тренинг в Полтаве\n\n16 апреля 2025 года в Полтаве прошел тренинг по энергоэффективности "
                      "для представителей Бродовской городской общины и Колковской громады.",
}
NAMED = {"UA68020030000032574": "Гуменецька", "UA46040010000033885": "Бродівська", "UA53080390000027656": "Решетилівська",
         "UA53080010000088479": "Білицька", "UA53080050000011754": "Диканська", "UA53080310000072384": "Новосанжарська",
         "UA07040030000028082": "Любешівська", "UA07040050000080830": "Маневицька", "UA07080130000017070": "Колківська",
         "UA07080170000013585": "Луцька (host)", "UA53080370000025447": "Полтавська (host)"}
NEVER = "UA05020010000053508"  # Агрономічна громада


@pytest.mark.parametrize("country, scope, expected", [
    ("UA", frozenset({"UA"}), True), ("RU", frozenset({"UA", "unknown"}), False), ("PL", frozenset({"UA"}), False),
    (None, frozenset({"UA", "unknown"}), True), (None, frozenset({"UA"}), False), ("PL", frozenset({"UA", "PL"}), True),
])
def test_in_scope(country, scope, expected):
    assert in_scope({"country": country}, scope) is expected


def invoke(*args) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def ran(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "events.db"
    invoke("run", folder, "--db", db)
    return db


def test_done_when_coverage_lists_named_hromadas_and_the_unnamed_with_zero(ran: Path):
    rows = {r["hromada_code"]: r for r in csv.DictReader(io.StringIO(
        invoke("coverage", "--db", ran, "--format", "csv", "--status", "all")))}
    assert len(rows) == 1469
    assert {code for code in NAMED if int(rows[code]["events"]) >= 1} == set(NAMED)
    assert int(rows["UA46040010000033885"]["events"]) == 2  # named in uk and in ru
    assert rows[NEVER]["events"] == "0"


def test_done_when_an_event_in_russia_is_exported_only_with_all(ran: Path, tmp_path: Path):
    out = tmp_path / "events.csv"
    said = invoke("export", "--db", ran, "--format", "csv", "--out", out, "--status", "all")
    rows = export.read_back(out, "csv")
    assert "country" in out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert {r["country"] for r in rows} == {"UA"} and "1 out of scope" in said
    invoke("export", "--db", ran, "--format", "csv", "--out", out, "--status", "all", "--all")
    rows = export.read_back(out, "csv")
    assert sorted(r["country"] for r in rows) == ["RU", "UA", "UA", "UA", "UA"]
    visit = next(r for r in rows if r["event_type"] == "study_visit")
    assert visit["hromada_code"] == "UA68020030000032574"
    assert visit["participant_hromada_codes"] == ["UA68020030000032574", "UA46040010000033885"]


def test_push_queues_only_events_in_scope_unless_all(ran: Path, tmp_path: Path):
    db = store.open_db(ran, create=False)
    registry.ensure_outbox(db)
    for event in store.list_events(db):
        store.review_event(db, event["id"], "test", "approve")
    russian = next(e["id"] for e in store.list_events(db) if e["country"] == "RU")
    assert registry.wanted_row(db, russian) is None
    assert registry.wanted_row(db, russian, everything=True)["op"] == "create"
    assert registry.enqueue(db) == 4
    assert registry.enqueue(db, everything=True) == 1


def test_review_marks_events_out_of_scope(ran: Path):
    from starlette.testclient import TestClient

    from extractor.review.app import create_app
    client = TestClient(create_app(ran), base_url="http://127.0.0.1")
    assert client.get("/?status=all").text.count("поза реєстром: RU") == 1
    russian = next(e["id"] for e in store.list_events(store.open_db(ran, create=False)) if e["country"] == "RU")
    assert "поза реєстром: RU" in client.get(f"/event/{russian}").text


@pytest.mark.parametrize("replace, expected", [(False, ["A", "B", "C"]), (True, ["B", "C"])])
def test_merged_sources_unite_their_hromadas_by_code(replace: bool, expected: list[str]):
    from extractor.dedup.merge import merge
    existing = {"participant_hromadas": [{"code": "A", "name": "a"}, {"code": "B", "name": "b"}]}
    record = {"participant_hromadas": [{"code": "B", "name": "b ru"}, {"code": "C", "name": "c"}]}
    assert [h["code"] for h in merge(existing, record, replace)["participant_hromadas"]] == expected
