import re

import pytest

from extractor import dedup, store
from extractor.dedup.resolve import resolve

TEXT = "Сьогодні у Полтаві відбувся семінар «Бюджет громади» для старост."


def article(article_id="a1", text=TEXT):
    return {"id": article_id, "url": f"https://example.ua/{article_id}", "title": None, "lang": "uk",
            "published": None, "text": text, "status": "extracted", "reason": None, "duplicate_of": None,
            "source": "test"}


def event(article_id="a1", **fields):
    base = {"article_id": article_id, "event_type": "seminar", "title": "Бюджет громади", "organizers": [],
            "partners": [], "start_date": "2024-05-14", "end_date": "2024-05-14", "settlement": "Полтава",
            "region": "Полтавська область", "online": False, "audience": ["старости"], "participants": None,
            "topics": ["finance_budget"], "status": "held", "confidence": 0.8, "evidence": {"title": [38, 52]}}
    return base | fields


@pytest.fixture
def db(tmp_path):
    conn = store.open_db(tmp_path / "events.db")
    yield conn
    conn.close()


def test_schema_and_wal(db):
    assert {"articles", "events", "event_sources", "reviews", "runs", "meta"} <= set(db.table_names())
    assert db.journal_mode == "wal"
    assert store.schema_version(db) == store.SCHEMA_VERSION


def test_save_and_read_back(db):
    outcome = dedup.save_article(db, article(), [event()], run_id=None)
    assert outcome == dedup.SaveOutcome(new=1)
    [row] = store.list_events(db)
    assert row["title"] == "Бюджет громади" and row["audience"] == ["старости"] and row["online"] is False
    full = store.get_event(db, row["id"])
    assert [s["article_id"] for s in full["sources"]] == ["a1"]
    assert full["sources"][0]["evidence"] == {"title": [38, 52]}


def test_same_event_from_second_article_merges_and_keeps_id(db):
    dedup.save_article(db, article("a1"), [event("a1")], run_id=None)
    first_id = store.list_events(db)[0]["id"]
    outcome = dedup.save_article(db, article("a2", TEXT + " Передрук."),
                                 [event("a2", participants=40, partners=["ПРООН"])], run_id=None)
    assert outcome == dedup.SaveOutcome(merged=1)
    [row] = store.list_events(db)
    assert row["id"] == first_id
    assert row["participants"] == 40 and row["partners"] == ["ПРООН"]
    assert {s["article_id"] for s in store.get_event(db, first_id)["sources"]} == {"a1", "a2"}


def test_reextraction_updates_event_in_place(db):
    dedup.save_article(db, article(), [event()], run_id=None)
    event_id = store.list_events(db)[0]["id"]
    dedup.save_article(db, article(text=TEXT + " Оновлено."), [event(participants=25)], run_id=None)
    [row] = store.list_events(db)
    assert row["id"] == event_id and row["participants"] == 25 and row["version"] == 2


def test_reviewed_field_is_never_overwritten(db):
    dedup.save_article(db, article(), [event()], run_id=None)
    event_id = store.list_events(db)[0]["id"]
    store.review_event(db, event_id, "olena", "edit", {"settlement": "Полтава", "participants": 30})
    dedup.save_article(db, article("a2", TEXT + " Інше джерело."), [event("a2", participants=45)], run_id=None)
    row = store.get_event(db, event_id)
    assert row["participants"] == 30
    assert row["conflicts"] == [{"field": "participants", "value": 45, "article_id": "a2"}]
    log = store.reviews_of(db, event_id)
    assert [(r["action"], r["field"], r["after"]) for r in log] == [("edit", "participants", "30")]


def test_review_actions_are_logged(db):
    dedup.save_article(db, article(), [event()], run_id=None)
    event_id = store.list_events(db)[0]["id"]
    store.review_event(db, event_id, "olena", "approve")
    assert store.get_event(db, event_id)["review_status"] == "approved"
    assert store.list_events(db, status="approved")[0]["id"] == event_id
    [entry] = store.reviews_of(db, event_id)
    assert (entry["reviewer"], entry["field"], entry["before"], entry["after"]) == \
        ("olena", "review_status", '"pending"', '"approved"')


def test_article_without_events_removes_unreviewed_orphans(db):
    dedup.save_article(db, article(), [event()], run_id=None)
    outcome = dedup.save_article(db, article(text="Новина без заходів."), [], run_id=None)
    assert outcome.removed == 1 and store.list_events(db) == []


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "events.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(store.StoreError, match="not a usable SQLite database"):
        store.open_db(path)
    assert path.read_bytes().startswith(b"this is not sqlite")


def test_newer_schema_is_refused(db, tmp_path):
    db.table("meta").upsert({"key": "schema_version", "value": "99"}, pk="key")
    db.close()
    with pytest.raises(store.StoreError, match="newer than this program"):
        store.open_db(tmp_path / "events.db")


RU_TEXT = "Сегодня в Полтаве прошёл семинар «Бюджет общины» для старост."


def test_uk_and_ru_reports_of_one_event_become_one_event(db):
    dedup.save_article(db, article("uk1"), [event("uk1", title="Бюджет громади: планування на 2025 рік",
                                                 organizers=["Полтавська ОДА"])], run_id=None)
    outcome = dedup.save_article(db, article("ru1", RU_TEXT), [event(
        "ru1", title="Бюджет общины: планирование на 2025 год", organizers=["Полтавская облгосадминистрация"])],
        run_id=None)
    assert outcome == dedup.SaveOutcome(merged=1)
    [row] = store.list_events(db)
    assert {s["article_id"] for s in store.get_event(db, row["id"])["sources"]} == {"uk1", "ru1"}


def test_undated_announcement_then_dated_report_merge(db):
    announcement = {**article("an1", "У Полтаві відбудеться семінар «Бюджет громади»."), "published": "2024-05-02"}
    dedup.save_article(db, announcement, [event("an1", start_date=None, end_date=None, status="announced",
                                                region=None)], run_id=None)
    first_id = store.list_events(db)[0]["id"]
    outcome = dedup.save_article(db, {**article("rep1"), "published": "2024-05-15"},
                                 [event("rep1", participants=40)], run_id=None)
    assert outcome == dedup.SaveOutcome(merged=1)
    [row] = store.list_events(db)
    assert (row["id"], row["start_date"], row["status"], row["participants"]) == (first_id, "2024-05-14", "held", 40)


def test_undated_report_without_place_finds_the_dated_event_by_title(db):
    dedup.save_article(db, article("a1"), [event("a1", title="Школа старост Полтавщини: сезон третій")],
                       run_id=None)
    outcome = dedup.save_article(db, {**article("a2", "Старости завершили навчання."), "published": "2024-05-20"},
                                 [event("a2", title="Школа старост Полтавщини", start_date=None, end_date=None,
                                        settlement=None, region=None)], run_id=None)
    assert outcome == dedup.SaveOutcome(merged=1)


@pytest.mark.parametrize("second", [
    # another event on the same day in the same city
    {"title": "Енергоефективність шкіл", "audience": ["директори шкіл"]},
    # the same title in another oblast
    {"settlement": "Львів", "region": "Львівська область"},
    # the same title a month later
    {"start_date": "2024-06-14", "end_date": "2024-06-14"},
])
def test_different_events_stay_apart(db, second):
    dedup.save_article(db, article("a1"), [event("a1")], run_id=None)
    outcome = dedup.save_article(db, article("a2", TEXT + " Інше."), [event("a2", **second)], run_id=None)
    assert outcome == dedup.SaveOutcome(new=1)
    assert len(store.list_events(db)) == 2


def test_two_events_of_one_article_are_never_merged_together(db):
    outcome = dedup.save_article(db, article(), [event(), event(title="Бюджет громади", participants=12)],
                                 run_id=None)
    assert outcome == dedup.SaveOutcome(new=2)
    assert len(store.list_events(db)) == 2 and db.execute("select count(*) from event_sources").fetchone()[0] == 2


def test_schema_4_backfills_blocking_keys(db, tmp_path):
    dedup.save_article(db, article(), [event()], run_id=None)
    db.execute("drop table event_keys")
    db.table("meta").upsert({"key": "schema_version", "value": "3"}, pk="key")
    db.close()
    reopened = store.open_db(tmp_path / "events.db")
    assert store.event_keys_stale(reopened, 2)
    dedup.refile_keys(reopened, 2)  # what `run` does first: the store alone cannot compute keys
    assert not store.event_keys_stale(reopened, 2) and store.event_keys_stale(reopened, 3)
    keys = {r[0] for r in reopened.execute("select key from event_keys")}
    reopened.close()
    assert keys == {"t:бюдже", "s:полтава"}


def test_refiling_replaces_every_events_keys_in_place_of_the_old_ones(db):
    dedup.save_article(db, article(), [event()], run_id=None)
    dedup.save_article(db, article("a2", "У Львові відбувся тренінг «Земельні ресурси громади»."),
                       [event("a2", title="Земельні ресурси громади", settlement="Львів",
                              region="Львівська область", start_date="2024-09-03", end_date="2024-09-03")],
                       run_id=None)
    kept = db.execute("select event_id from event_sources where article_id = 'a2'").fetchone()[0]
    db["event_sources"].delete_where("article_id = 'a2'")  # a reviewed event whose article no longer gives it
    db["event_keys"].insert_all([{"key": "t:старе", "event_id": kept}, {"key": "s:львов", "event_id": kept}])
    dedup.refile_keys(db, 2)
    keys = {(r["key"], r["event_id"] == kept) for r in db["event_keys"].rows}
    assert keys == {("t:бюдже", False), ("s:полтава", False), ("t:земел", True), ("t:ресур", True), ("s:лвив", True)}


REPORT = ("Дводенний семінар для старост громад Черкаської області завершився у Смілі. Учасники розібрали, як "
          "складати бюджет громади на наступний рік, як залучати жителів до обговорення кошторису та як звітувати "
          "про витрати. Тренери з асоціації показали приклади рішень сесій і відповіли на запитання про "
          "закупівлі. Наступна зустріч запланована на весну, коли громади готуватимуть звіти про виконання.")
BOILERPLATE = ("Підписуйтесь на наші сторінки у соцмережах, щоб першими дізнаватися новини громади. Редакція "
               "не завжди поділяє думку авторів матеріалів і не несе відповідальності за зміст коментарів.")


@pytest.mark.parametrize("other,reprint", [
    ("Новини | Громада | Контакти\n" + REPORT + "\nЧитайте також: погода на вихідні", True),  # another site's frame
    (BOILERPLATE + " Сьогодні у ліцеї відкрили новий спортивний зал для учнів і мешканців громади.", False),
])
def test_reprint_is_found_by_its_text_not_by_shared_boilerplate(db, other, reprint):
    from extractor import reprints
    for n in range(3):  # other stored articles that share only the site's boilerplate
        text = f"{BOILERPLATE} Новина номер {n}: у громаді відремонтували дорогу до школи і висадили {n + 10} дерев."
        dedup.save_article(db, article(f"b{n}", text), [], run_id=None, signature=reprints.signature(text))
    dedup.save_article(db, article("r", REPORT), [], run_id=None, signature=reprints.signature(REPORT))
    found = store.find_reprint(db, "new", reprints.signature(other))
    assert found == ("r" if reprint else None)


def test_an_older_schema_migrates_forward_keeping_its_rows(tmp_path):
    path = tmp_path / "old.db"
    old = store.open_db(path)
    dedup.save_article(old, article(), [event()], run_id=None)
    old.execute("drop index keys_recent")  # what a schema-4 store lacks
    old.execute("drop table access_log")
    old.execute("update meta set value = '4' where key = 'schema_version'")
    old.conn.commit()
    old.close()
    db = store.open_db(path)
    assert store.schema_version(db) == store.SCHEMA_VERSION
    assert {"keys_recent", "sources_ordinal", "sources_series_name"} <= {
        row[0] for row in db.execute("select name from sqlite_master where type = 'index'")}
    assert "access_log" in db.table_names() and "added_by" in db.table("events").columns_dict
    assert [e["title"] for e in store.list_events(db)] == ["Бюджет громади"]
    db.close()


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    db = store.open_db(path)
    db.execute("update meta set value = '99' where key = 'schema_version'")
    db.conn.commit()
    db.close()
    with pytest.raises(store.StoreError, match="newer than this program"):
        store.open_db(path)


def extraction(article_id="a1", text=TEXT, events=None, skip_reason=None):
    from extractor import reprints
    from extractor.events.record import Event
    from extractor.ingest import Article
    from extractor.pipeline import Extraction
    found = [Event(**event(article_id))] if events is None else events
    return Extraction(Article(article_id, text, url=f"https://example.ua/{article_id}", source="test"), "uk",
                      [] if skip_reason else found, skip_reason, None if skip_reason else reprints.signature(text))


def test_save_article_stores_an_extraction_and_returns_its_records_as_stored(db):
    saved = store.save_article(db, extraction(), None, resolve)
    assert saved.outcome == dedup.SaveOutcome(new=1)
    [row] = store.list_events(db)
    assert [r["event_id"] for r in saved.records] == [row["id"]]
    assert saved.records == store.article_records(db, "a1")
    assert store.get_article(db, "a1")["status"] == "extracted"


def test_a_skip_never_replaces_an_extracted_article(db):
    kept = store.save_article(db, extraction(), None, resolve).records
    saved = store.save_article(db, extraction(skip_reason="took longer than 30 s"), None, resolve)
    assert saved.outcome is None and saved.records == kept
    assert store.get_article(db, "a1")["status"] == "extracted"
    saved = store.save_article(db, extraction("a2", skip_reason="language 'en' not supported"), None,
                               resolve)
    assert saved.records == []
    assert {k: store.get_article(db, "a2")[k] for k in ("status", "reason")} == {
        "status": "skipped", "reason": "language 'en' not supported"}


def test_a_reprint_is_stored_as_a_duplicate_that_joins_its_original_event(db):
    first = store.save_article(db, extraction(text=REPORT), None, resolve)
    saved = store.save_article(db, extraction("a2", "Новини | Громада\n" + REPORT), None, resolve)
    assert saved.outcome == dedup.SaveOutcome(merged=1)
    assert [r["event_id"] for r in saved.records] == [r["event_id"] for r in first.records]
    assert {k: store.get_article(db, "a2")[k] for k in ("status", "reason", "duplicate_of")} == {
        "status": "duplicate", "reason": "reprint of a1", "duplicate_of": "a1"}


def test_save_duplicate_records_a_known_text_without_sources(db):
    from extractor.ingest import Article
    store.save_duplicate(db, Article("copy", TEXT, source="test"), "a1", run_id=None)
    row = store.get_article(db, "copy")
    assert (row["status"], row["reason"], row["duplicate_of"], row["lang"]) == ("duplicate", "same text as a1", "a1",
                                                                                None)
    assert row["content_hash"] == store.content_hash(TEXT) and store.article_records(db, "copy") == []


def test_all_sql_lives_in_the_store_package():
    """Modules outside extractor/store call its functions; none runs a statement or opens a table itself."""
    from pathlib import Path

    import extractor
    package = Path(extractor.__file__).parent
    statement = re.compile(r"\.(?:execute\w*|executescript|table|create_function)\(|sqlite3\.connect|Database\(")
    outside = [f"{path.relative_to(package)}:{n}" for path in package.rglob("*.py") if "store" not in path.parts
               for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if statement.search(line)]
    assert outside == []


def test_plain_sql_writes_store_the_rows_sqlite_utils_would(tmp_path):
    """The save path's insert, upsert and update write what sqlite-utils' did: defaults, kept rowids and columns."""
    from extractor.store.schema import insert_rows, update_row, upsert_row

    dumps = []
    for plain in (False, True):
        db = store.open_db(tmp_path / f"{plain}.db")
        rows = [{"id": "e1", "title": "Семінар", "online": True, "version": 1}, {"id": "e2", "title": "Форум"}]
        with store.transaction(db):
            if plain:
                insert_rows(db, "events", rows[:1], "or replace")
                insert_rows(db, "events", rows[1:], "or replace")
                insert_rows(db, "event_keys", [{"key": k, "event_id": "e1"} for k in ("b", "a", "b")], "or ignore")
                upsert_row(db, "articles", {"id": "a1", "title": "Стаття", "text": "x"}, ("id",))
                upsert_row(db, "articles", {"id": "a1", "title": "Статья"}, ("id",))
                update_row(db, "events", "e1", {"title": "Тренінг", "version": 2})
            else:
                db.table("events").insert(rows[0], pk="id", replace=True)
                db.table("events").insert(rows[1], pk="id", replace=True)
                db.table("event_keys").insert_all([{"key": k, "event_id": "e1"} for k in ("b", "a", "b")],
                                                  pk=("key", "event_id"), ignore=True)
                db.table("articles").upsert({"id": "a1", "title": "Стаття", "text": "x"}, pk="id")
                db.table("articles").upsert({"id": "a1", "title": "Статья"}, pk="id")
                db.table("events").update("e1", {"title": "Тренінг", "version": 2})
        dumps.append(list(db.conn.iterdump()))
        if plain:
            with pytest.raises(store.StoreError):
                update_row(db, "events", "e3", {"title": "Нема"})
        db.close()
    assert dumps[0] == dumps[1]


def test_the_candidate_query_reads_a_sources_series_number_and_name_from_their_indexes(db):
    from extractor.store.events import _candidate_sql

    plan = " ".join(row[-1] for row in db.execute("explain query plan " + _candidate_sql(("title",))))
    assert "INDEX sources_ordinal" in plan and "INDEX sources_series_name" in plan
