import json

import pytest
import sqlite_utils

from extractor import dedup, store
from extractor.dedup.candidates import blocking_keys
from extractor.lexicon import load_toml


def record(**fields):
    base = {"article_id": "a", "event_type": "seminar", "title": None, "organizers": [], "partners": [],
            "start_date": None, "end_date": None, "settlement": None, "region": None, "status": "held"}
    return base | fields


def _reported_later(title: str, town: str, day: str, published: str) -> tuple[dict, dict]:
    """A dated report of an event and an undated report of one of its name, place and organizer (the town's own
    council, by the town's name) published later."""
    organizers = [town]
    return (record(title=title, start_date=day, settlement=town, organizers=organizers),
            record(title=title, published=published, settlement=town, organizers=organizers))


@pytest.mark.parametrize("a,b,same", [
    # a reprint of one press release
    (record(title="Депутати місцевої ради: рушійна сила демократії", start_date="2016-09-14", end_date="2016-09-15",
            settlement="Житомир"),
     record(title="Депутати місцевої ради – рушійна сила демократії", start_date="2016-09-14", end_date="2016-09-15",
            settlement="Житомир"), True),
    # Ukrainian and Russian report of one forum
    (record(event_type="forum", title="Донеччина 2025: погляд у майбутнє", start_date="2025-11-28", settlement="Київ"),
     record(event_type="forum", title="Донеччина 2025: взгляд в будущее", start_date="2025-11-28", settlement="Київ"),
     True),
    # announcement and report: dates overlap, report has the same name
    (record(event_type="forum", title="Розбудова системи багаторівневого врядування", start_date="2025-12-03",
            status="announced", settlement="Полтава"),
     record(event_type="forum", title="Розбудова системи багаторівневого врядування", start_date="2025-12-03",
            settlement="Полтава"), True),
    # two different events on the same day in the same city
    (record(title="Бюджет громади", start_date="2024-05-14", settlement="Полтава"),
     record(title="Енергоефективність шкіл", start_date="2024-05-14", settlement="Полтава"), False),
    # the same title in two oblasts
    (record(title="Школа старост", start_date="2024-05-14", settlement="Полтава", region="Полтавська область"),
     record(title="Школа старост", start_date="2024-05-14", settlement="Львів", region="Львівська область"), False),
    # same title, dates a month apart: two runs of one programme
    (record(title="Школа старост", start_date="2024-05-14"), record(title="Школа старост", start_date="2024-06-14"),
     False),
    # incompatible types
    (record(event_type="study_visit", title="Візит до Польщі", start_date="2019-05-13"),
     record(event_type="round_table", title="Візит до Польщі", start_date="2019-05-13"), False),
])
def test_same_event_decision(a, b, same):
    assert dedup.compare(a, b).same == same


def test_report_supersedes_announcement_but_not_reviewed_fields():
    announced = record(status="announced", start_date="2025-12-03", end_date="2025-12-03", participants=None,
                       organizers=["Програма Polaris"], reviewed_fields=["status"], confidence=0.7)
    report = record(status="held", start_date="2025-12-03", end_date="2025-12-04", participants=120,
                    organizers=["Програма Polaris", "Полтавська ОВА"], article_id="b", confidence=0.9)
    merged = dedup.merge(announced, report)
    assert merged["end_date"] == "2025-12-04" and merged["participants"] == 120
    assert merged["status"] == "announced"  # a reviewer set it
    assert merged["conflicts"] == [{"field": "status", "value": "held", "article_id": "b"}]
    assert merged["organizers"] == ["Програма Polaris", "Полтавська ОВА"]
    assert merged["confidence"] == 0.9


@pytest.mark.parametrize("uk,ru", [("Об’єднання громад", "Объеднання громад"), ("Ґрунт", "грунт"),
                                   ("ЄВРОПА", "Эвропа"), ("«Їжак»", "ижак")])
def test_fold_joins_uk_and_ru_spelling(uk, ru):
    assert dedup.fold(uk) == dedup.fold(ru)


@pytest.mark.parametrize("name, stem_of", [
    ("Форум у Кам´янець-Подільському", "Кам'янець"),  # any apostrophe keeps the word whole
    ("Форум в Кам’янце-Подольском", "Кам'янце"),
])
def test_a_proper_name_with_an_apostrophe_is_one_word(name, stem_of):
    from extractor.dedup.normalize import proper_stems, stems
    assert dedup.fold(name) == dedup.fold(name.replace("´", "'").replace("’", "'"))
    assert {s for s, _ in stems(stem_of)} <= proper_stems(name)


@pytest.mark.parametrize("a,b,same", [
    # a reprint of one Russian press release, title punctuation differs
    (record(event_type="round_table", title="Муниципальный бюджет: открытость и участие жителей",
            start_date="2024-03-21", settlement="Казань", region="Республика Татарстан"),
     record(event_type="round_table", title="«Муниципальный бюджет — открытость и участие жителей»",
            start_date="2024-03-21", settlement="Казань", region="Республика Татарстан"), True),
    # a Ukrainian and a Russian report of one seminar, the place in its official form on both
    (record(title="Бюджет громади: планування на 2025 рік", start_date="2024-10-08", settlement="Полтава",
            organizers=["Полтавська ОДА"]),
     record(title="Бюджет общины: планирование на 2025 год", start_date="2024-10-08", settlement="Полтава",
            organizers=["Полтавская облгосадминистрация"]), True),
    # an undated announcement published a fortnight before the dated report
    (record(title="Енергоефективність громад: практичні кроки", status="announced", published="2024-04-01",
            settlement="Вінниця"),
     record(title="Енергоефективність громад — практичні кроки", start_date="2024-04-16", settlement="Вінниця"),
     True),
    # the same in Russian: the announcement gives day and month only, the report the full dates
    (record(title="Цифровая трансформация муниципалитетов", status="announced", date_text="с 10 по 12 ноября",
            settlement="Томск"),
     record(title="Цифровая трансформация муниципалитетов", start_date="2025-11-10", end_date="2025-11-12",
            settlement="Томск"), True),
    # day and month named without a year disagree with the report's dates
    (record(title="Цифровая трансформация муниципалитетов", date_text="20 мая", settlement="Томск"),
     record(title="Цифровая трансформация муниципалитетов", start_date="2025-11-10", settlement="Томск"), False),
    # days without a year against an undated report: its publication three months later is another edition,
    # a week later the same forum
    (record(event_type="forum", title="Сильные сёла — сильная страна", date_text="15 и 16 января", settlement="Москва"),
     record(event_type="forum", title="Сильные сёла – сильная страна", published="2025-04-21", settlement="Москва"),
     False),
    (record(event_type="forum", title="Сильні села — сильна країна", date_text="15 і 16 квітня", settlement="Київ"),
     record(event_type="forum", title="Сильні села – сильна країна", published="2025-04-21", settlement="Київ"),
     True),
    # a typo and a transliterated title of one webinar
    (record(event_type="webinar", title="Енергоефективність громад", start_date="2023-02-02"),
     record(event_type="webinar", title="Енергоефективнисть громад", start_date="2023-02-02"), True),
    (record(title="Shkola starost Poltavshchyny", start_date="2023-02-02", settlement="Полтава"),
     record(title="Школа старост Полтавщини", start_date="2023-02-02", settlement="Полтава"), True),
    # a study visit tours several hromadas of one oblast: its reports name different towns
    (record(event_type="study_visit", title="Польський досвід міжмуніципального співробітництва",
            start_date="2019-05-13", end_date="2019-05-18", settlement="Ніжин", region="Чернігівська область"),
     record(event_type="study_visit", title="Польський досвід міжмуніципального співробітництва",
            start_date="2019-05-13", end_date="2019-05-18", settlement="Мена", region="Чернігівська область"), True),
    # ... but a seminar in two towns on the same days is two seminars
    (record(title="Польський досвід міжмуніципального співробітництва", start_date="2019-05-13",
            settlement="Ніжин", region="Чернігівська область"),
     record(title="Польський досвід міжмуніципального співробітництва", start_date="2019-05-13",
            settlement="Мена", region="Чернігівська область"), False),
    # two different Russian seminars on the same day in the same city
    (record(title="Школа старост", start_date="2024-05-14", settlement="Курск"),
     record(title="Школа мэров", start_date="2024-05-14", settlement="Курск"), False),
    (record(title="Земельные отношения в поселениях", start_date="2024-05-14", settlement="Курск"),
     record(title="Работа с обращениями граждан", start_date="2024-05-14", settlement="Курск"), False),
    # the same Russian title in two regions
    (record(title="Школа муниципальных команд", start_date="2025-10-25", region="Томская область"),
     record(title="Школа муниципальных команд", start_date="2025-10-25", region="Омская область"), False),
    # a recurring programme: an undated report published a year after the dated one
    (record(event_type="school", title="Школа мэров", start_date="2025-10-20", settlement="Москва"),
     record(event_type="school", title="Школа мэров", published="2024-07-17"), False),
    # no time at all on a side: a one-word programme name is not enough, a full name is
    (record(event_type="school", title="Школа мэров", start_date="2025-10-20", settlement="Москва"),
     record(event_type="school", title="Школа мэров", settlement="Москва"), False),
    (record(event_type="forum", title="Малая Родина — сила России", start_date="2024-01-15"),
     record(event_type="forum", title="МАЛАЯ РОДИНА – СИЛА РОССИИ"), True),
    # generic titles alone say nothing
    (record(title="семінар", published="2024-05-01"), record(title="семінар", published="2024-05-03"), False),
])
def test_same_event_decision_more(a, b, same):
    assert dedup.compare(a, b).same == same
    assert dedup.compare(b, a).same == same  # the decision does not depend on the order


# Records of one settlement without any time: one title names a topic, the other only describes
# who came ("seminar for the heads of ..."), so the audience, type and settlement must decide.
STAROSTY_TOPIC = record(title="Земельні питання у роботі старост", audience=["старости сільських округів"],
                        settlement="Полтава")
STAROSTY_FOR_WHOM = record(title="дводенний семінар для старост сільських округів",
                           audience=["старости сільських округів Полтавського району"], settlement="Полтава")
GLAVY_TOPIC = record(title="Муниципальный контроль в сельских поселениях",
                     audience=["главы сельских поселений Пензенской области"], settlement="Пенза")
GLAVY_FOR_WHOM = record(title="двухдневный обучающий семинар для глав сельских поселений",
                        audience=["главы сельских поселений"], settlement="Пенза")


@pytest.mark.parametrize("a,b,same", [
    (STAROSTY_TOPIC, STAROSTY_FOR_WHOM, True),
    (GLAVY_TOPIC, GLAVY_FOR_WHOM, True),
    # ... two topics for the same people in one town are two seminars
    (STAROSTY_TOPIC, STAROSTY_FOR_WHOM | {"title": "Цифрові послуги: що мають знати старости"}, False),
    (GLAVY_TOPIC, GLAVY_FOR_WHOM | {"title": "Благоустройство сельских поселений"}, False),
    # ... a descriptive title whose people the topic does not mention
    (GLAVY_TOPIC | {"title": "Благоустройство дворовых территорий"}, GLAVY_FOR_WHOM, False),
    # ... other people, another town, another type, another time
    (STAROSTY_TOPIC, record(title="семінар для депутатів і старост сільських рад",
                            audience=["депутати і старости сільських рад"], settlement="Полтава"), False),
    (GLAVY_TOPIC, GLAVY_FOR_WHOM | {"settlement": "Самара"}, False),
    (GLAVY_TOPIC, GLAVY_FOR_WHOM | {"event_type": "training"}, False),
    # ... which the same dates may be
    (GLAVY_TOPIC | {"date_text": "с 3 по 5 марта"},
     GLAVY_FOR_WHOM | {"event_type": "training", "start_date": "2025-03-03", "end_date": "2025-03-05"}, True),
    (STAROSTY_TOPIC | {"start_date": "2024-03-05"}, STAROSTY_FOR_WHOM | {"start_date": "2024-03-05"}, True),
    (STAROSTY_TOPIC | {"start_date": "2024-03-05"}, STAROSTY_FOR_WHOM | {"start_date": "2024-04-16"}, False),
    # a general audience ("депутати") is anyone's: it tells nothing
    (record(title="Бюджетний процес: що мають знати депутати", audience=["депутати"], settlement="Суми"),
     record(title="семінар для депутатів", audience=["депутати"], settlement="Суми"), False),
    # same dates, one town, one organizer, one audience: a named programme and its description
    (record(event_type="course", title="Открытый муниципалитет: практика вовлечения жителей",
            organizers=["Институт муниципального развития"], start_date="2025-03-10", end_date="2025-03-12",
            audience=["депутаты представительных органов сельских поселений"], settlement="Самара"),
     record(event_type="course", title="образовательная программа для муниципальных депутатов",
            organizers=["Институт муниципального развития"], start_date="2025-03-10", end_date="2025-03-12",
            audience=["депутаты представительных органов сельских поселений Самарской области"],
            settlement="Самара"), True),
    # ... but one organizer's two events of a day in one town for different people stay two
    (record(title="Бюджет участі: як залучити мешканців", organizers=["Полтавська ОДА"], start_date="2024-05-14",
            audience=["секретарі сільських рад області"], settlement="Полтава"),
     record(title="Публічні закупівлі: нові правила", organizers=["Полтавська ОДА"], start_date="2024-05-14",
            audience=["бухгалтери сільських рад"], settlement="Полтава"), False),
])
def test_a_title_that_names_only_its_audience(a, b, same):
    assert dedup.compare(a, b).same == same
    assert dedup.compare(b, a).same == same


@pytest.mark.parametrize("text,expected", [
    ("С 10 по 14 ноября", {(11, 10), (11, 14)}),
    ("14-15 вересня", {(9, 14), (9, 15)}),
    ("20-22 травня, 27-29 серпня", {(5, 20), (5, 22), (8, 27), (8, 29)}),
    ("Сьогодні", set()),
    ("", set()),
])
def test_day_months(text, expected):
    assert dedup.day_months(text) == expected


def test_cluster_groups_planted_duplicates():
    records = [
        record(title="Бюджет громади: планування на 2025 рік", start_date="2024-10-08", settlement="Полтава"),
        record(title="Школа старост", start_date="2024-10-08", settlement="Полтава"),
        record(title="Бюджет общины: планирование на 2025 год", start_date="2024-10-08", settlement="Полтава"),
        record(title="Бюджет громади: планування на 2025 рік", status="announced", published="2024-09-20",
               settlement="Полтава"),
        record(title="Бюджет громади: планування на 2025 рік", start_date="2024-10-08", settlement="Львів"),
    ]
    assert sorted(sorted(c) for c in dedup.cluster(records)) == [[0, 2, 3], [1], [4]]


def test_cluster_compares_a_title_that_names_only_its_audience_by_settlement():
    records = [
        record(title="Земельні питання громади: нові правила", start_date="2024-10-08", settlement="Полтава",
               audience=["старости сільських округів громади"]),
        record(title="Цифрові послуги громади: перші кроки", start_date="2024-10-08", settlement="Полтава"),
        record(title="семінар для старост сільських округів громади", start_date="2024-10-08",
               settlement="Полтава", audience=["старости сільських округів громади"]),
    ]
    assert sorted(sorted(c) for c in dedup.cluster(records)) == [[0, 2], [1]]


@pytest.mark.parametrize("uk,ru,same", [
    ("працівники центрів надання адміністративних послуг", "работники центров предоставления административных услуг",
     True),
    ("керівники сільських рад", "руководители сельских советов", True),
    ("мешканці міських громад області", "жители городских общин области", True),
    ("керівники сільських рад", "руководители городских советов", False),
    ("депутати", "депутаты", False),  # anyone's audience: too general to tell one event
])
def test_audience_of_a_uk_and_a_ru_report(uk, ru, same):
    assert dedup.same_audience(dedup.profile(record(audience=[uk])), dedup.profile(record(audience=[ru]))) == same


def test_store_merges_a_report_titled_by_its_audience(tmp_path):
    db = store.open_db(tmp_path / "events.db")
    for n, rec in enumerate((GLAVY_TOPIC, GLAVY_FOR_WHOM)):
        article = {"id": f"a{n}", "url": None, "title": None, "lang": "ru", "published": None,
                   "text": f"Семинар в Пензе, заметка {n}.", "status": "extracted", "reason": None,
                   "duplicate_of": None, "source": "test"}
        dedup.save_article(db, article, [rec | {"article_id": article["id"]}], run_id=None)
    assert db.execute("select count(distinct event_id) from event_sources").fetchone()[0] == 1


def test_explain_gives_the_reasons_of_each_source():
    first = record(article_id="a1", title="Бюджет громади: планування на 2025 рік", start_date="2024-10-08",
                   settlement="Полтава")
    second = record(article_id="a2", title="Бюджет общины: планирование на 2025 год", start_date="2024-10-08",
                    settlement="Полтава")
    event = {**first, "id": "ev-1"}
    lines = dedup.explain(event, [{"article_id": "a1", "record": first}, {"article_id": "a2", "record": second}])
    assert lines[0] == "ev-1: 2 source(s); first a1 («Бюджет громади: планування на 2025 рік», Полтава)"
    assert lines[1].startswith("a2 («Бюджет общины: планирование на 2025 год», Полтава): same as the first source: title ")
    assert "dates overlap" in lines[1] and "same settlement: Полтава" in lines[1]  # as people write it


@pytest.mark.parametrize("bad", [{}, {"title": 5, "start_date": "not a date", "organizers": [None, 3]},
                                 {"title": "\x00\ud800" * 1000, "date_text": "31 лютого", "settlement": ["x"]},
                                 {"title": "семінар для старост", "audience": "старости", "organizers": "ОДА"},
                                 {"title": "для", "audience": [None, 7, "\ud800" * 500, ""]}])
def test_bad_records_never_raise(bad):
    assert not dedup.compare(bad, record(title="Школа старост")).same
    assert dedup.cluster([bad, bad]) in ([[0, 1]], [[0], [1]])


def test_explain_says_when_a_source_joined_through_the_merged_event():
    first = record(article_id="a1", title="Бюджет громади: планування видатків", start_date="2024-10-08")
    second = record(article_id="a2", title="Бюджет громади: планування видатків", start_date="2024-10-08",
                    settlement="Полтава")
    third = record(article_id="a3", title="Бюджет громади: планування і звітність", start_date="2024-10-08",
                   settlement="Полтава")
    event = {**first, "settlement": "Полтава", "id": "ev-2"}
    lines = dedup.explain(event, [{"article_id": a["article_id"], "record": a} for a in (first, second, third)])
    assert lines[2].startswith("a3 («Бюджет громади: планування і звітність», Полтава): not alone the same as the "
                               "first source: title 0.")
    assert lines[3].startswith("  against the merged event: title 0.") and "same settlement" in lines[3]
    assert dedup.compare(event, third).same


REPRINTED = ("20 травня 2025 року в Полтаві відбувся семінар «Бюджет участі: як залучити мешканців» для старост "
             "громад Полтавської області. Організатор семінару — Полтавська обласна рада. Учасники обговорили, як "
             "готувати проєкти, як голосувати онлайн і як звітувати про витрати громади. Наступну зустріч "
             "заплановано на осінь, коли громади підбиватимуть підсумки першого року.")


def test_a_reprint_gets_its_own_jsonl_lines_under_its_own_id(tmp_path):
    from extractor import pipeline
    articles = tmp_path / "articles.jsonl"
    rows = [{"id": "site-a", "url": "https://a.example/1", "published": "2025-05-21", "lang": "uk",
             "text": "Новини | Громада\n" + REPRINTED},
            {"id": "site-b", "url": "https://b.example/7", "published": "2025-05-22", "lang": "uk",
             "text": REPRINTED + "\nЧитайте також: погода на вихідні"}]
    articles.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = pipeline.run([articles], tmp_path / "events.db", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["article_id"] for line in lines] == ["site-a", "site-b"]
    assert lines[0]["event_id"] == lines[1]["event_id"]
    assert lines[1]["sources"] == [{"article_id": "site-b", "url": "https://b.example/7"}]
    assert summary.new == 1 and summary.merged == 1 and not summary.skipped
    db = store.open_db(tmp_path / "events.db")
    assert store.get_article(db, "site-b")["duplicate_of"] == "site-a"


# A store filed by another version of key-making (issue 19): an undated uk announcement, then an undated ru one of
# the same seminar, found only through the words of its title. Sentences written for these tests.
HOUSING = {"uk": "Харківська обласна рада запрошує старост громад Харківщини на семінар «Відбудова житла у громадах "
                 "Харківщини». Учасники розглянуть, як оформити компенсацію за зруйноване житло і як громаді "
                 "залучити кошти донорів.",
           "ru": "Харьковский областной совет приглашает старост общин Харьковщины на семинар «Восстановление жилья "
                 "в общинах Харьковщины». Участники рассмотрят, как оформить компенсацию за разрушенное жильё и как "
                 "общине привлечь средства доноров."}
OLD_KEYS = ["t:відбу", "t:харкі", "s:харкі"]  # keys of another version: the ru record makes none of them


def run_on(tmp_path, lang: str):
    """Run the pipeline on the store in `tmp_path` with the announcement in `lang`; return the run's summary."""
    from extractor import pipeline
    path = tmp_path / f"{lang}.jsonl"
    row = {"id": f"{lang}-1", "url": f"https://{lang}.example/1", "published": "2025-03-02", "lang": lang,
           "text": HOUSING[lang]}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    return pipeline.run([path], tmp_path / "events.db")


def file_under_old_keys(db: sqlite_utils.Database, version: str | None) -> list[tuple]:
    """Replace the stored event's key rows by another version's, with `version` recorded (None: none); return the
    rows with their rowids."""
    [event_id] = [row["id"] for row in db["events"].rows]
    db["event_keys"].delete_where()
    db["event_keys"].insert_all({"key": key, "event_id": event_id} for key in OLD_KEYS)
    db["meta"].delete_where("key = 'event_keys_version'")
    if version:
        db["meta"].insert({"key": "event_keys_version", "value": version})
    return list(db.execute("select rowid, key, event_id from event_keys order by rowid"))


def keys_version() -> str:
    return str(load_toml("dedup.toml")["blocking"]["keys_version"])


@pytest.mark.parametrize("recorded", ["1", None])  # an older version; a store from before versions were recorded
def test_a_store_filed_by_another_key_version_is_refiled_on_the_next_run(tmp_path, recorded):
    run_on(tmp_path, "uk")
    file_under_old_keys(sqlite_utils.Database(tmp_path / "events.db"), recorded)
    summary = run_on(tmp_path, "ru")
    assert summary.merged == 1 and summary.new == 0
    db = sqlite_utils.Database(tmp_path / "events.db")
    keys = {row["key"] for row in db["event_keys"].rows}
    assert not keys & set(OLD_KEYS)
    assert keys == set().union(*(blocking_keys(json.loads(row["record"])) for row in db["event_sources"].rows))
    assert db["meta"].get("event_keys_version")["value"] == keys_version()


def test_a_store_at_the_current_key_version_is_not_refiled(tmp_path):
    run_on(tmp_path, "uk")
    db = sqlite_utils.Database(tmp_path / "events.db")
    assert db["meta"].get("event_keys_version")["value"] == keys_version()  # recorded by the new store's first run
    kept = file_under_old_keys(db, keys_version())
    summary = run_on(tmp_path, "ru")
    assert summary.new == 1  # the stored event's words are left as they were: the ru record cannot find it
    db = sqlite_utils.Database(tmp_path / "events.db")
    assert list(db.execute("select rowid, key, event_id from event_keys where key in (?, ?, ?) order by rowid", OLD_KEYS)) == kept


# Kinds of duplicates and of look-alikes (issue 19), each both ways: sentences written for these tests.
FORUM_UK = record(event_type="forum", title="Форум громад Придніпров'я: безпека і відновлення", lang="uk",
                  start_date="2025-05-20", end_date="2025-05-21", settlement="Дніпро",
                  settlement_code="UA12020010010037010", region="Дніпропетровська область")
FORUM_RU = record(event_type="forum", title="Форум общин Приднепровья: безопасность и восстановление", lang="ru",
                  start_date="2025-05-20", end_date="2025-05-21", settlement="Днепр",
                  region="Днепропетровская область")


@pytest.mark.parametrize("a,b,same", [
    # an announcement without dates or venue, published a week before; the report dated, with its venue
    (record(event_type="forum", title="Форум громад Придніпров'я: безпека і відновлення", status="announced",
            published="2025-05-12", region="Дніпропетровська область"), FORUM_UK, True),
    # ... the same announcement for a forum of that name in another oblast
    (record(event_type="forum", title="Форум громад Придніпров'я: безпека і відновлення", status="announced",
            published="2025-05-12", region="Полтавська область"), FORUM_UK, False),
    # a Ukrainian and a Russian report: the place spelled in each language, coded on one side only
    (FORUM_UK, FORUM_RU, True),
    (FORUM_UK, FORUM_RU | {"settlement": "Запорожье", "region": "Запорожская область"}, False),
    # a dated report and an announcement of the same named event in the same place with no time at all
    (FORUM_UK, FORUM_UK | {"start_date": None, "end_date": None, "status": "announced"}, True),
    (FORUM_UK, FORUM_UK | {"start_date": None, "end_date": None, "settlement": "Павлоград",
                           "settlement_code": None}, False),
    # event words differ between the languages: "круглий стіл" / "круглый стол", "з'їзд" / "съезд"
    (record(event_type="round_table", title="Круглий стіл «Молодь у громаді»", lang="uk", start_date="2025-04-08",
            settlement="Харків", settlement_code="UA63120270010096107"),
     record(event_type="round_table", title="Круглый стол «Молодежь в общине»", lang="ru", start_date="2025-04-08",
            settlement="Харьков"), True),
    (record(event_type="conference", title="З'їзд старост Волині", lang="uk", start_date="2025-04-08"),
     record(event_type="conference", title="Съезд старост Волыни", lang="ru", start_date="2025-04-08"), True),
    (record(event_type="conference", title="З'їзд старост Волині", lang="uk", start_date="2025-04-08"),
     record(event_type="conference", title="Съезд депутатов Житомирщины", lang="ru", start_date="2025-04-08"),
     False),  # the event word alone is shared
    # the 6th and the 7th conference of one series are two events, whatever way the number is written
    (record(event_type="conference", title="VI Всеукраїнська конференція старост", start_date="2024-10-03"),
     record(event_type="conference", title="сьома Всеукраїнська конференція старост", start_date="2024-10-03"),
     False),
    (record(event_type="conference", title="VIII Всеукраїнська конференція старост", start_date="2024-10-03"),
     record(event_type="conference", title="восьма Всеукраїнська конференція старост", start_date="2024-10-03"),
     True),
    (record(event_type="conference", title="8-я Всероссийская конференция старост", lang="ru",
            start_date="2024-10-03"),
     record(event_type="conference", title="VIII Всеукраїнська конференція старост", start_date="2024-10-03"),
     False),  # Всероссийская / Всеукраїнська: two series
    # the number may stand before the quoted name in the text: the record carries it
    (record(event_type="forum", title="Муніципальний форум", ordinal=12, settlement="Одеса"),
     record(event_type="forum", title="12-й муниципальный форум", lang="ru", settlement="Одеса"), True),
    (record(event_type="forum", title="Муніципальний форум", ordinal=12, settlement="Одеса"),
     record(event_type="forum", title="13-й муниципальный форум", lang="ru", settlement="Одеса"), False),
    # two modules of one school are two events; one module reported twice is one
    (record(event_type="school", title="Школа мэров, модуль 2", lang="ru", start_date="2025-06-02", settlement="Тула"),
     record(event_type="school", title="Школа мэров, модуль 3", lang="ru", start_date="2025-06-02",
            settlement="Тула"), False),
    (record(event_type="school", title="Школа мэров, модуль 2", lang="ru", start_date="2025-06-02", settlement="Тула"),
     record(event_type="school", title="второй модуль Школы мэров", lang="ru", start_date="2025-06-02",
            settlement="Тула"), True),
    # two regional sites describe one seminar in their own words on the same day, neither with dates
    (record(title="чергове навчання для новообраних старост сільських округів", published="2025-02-04",
            region="Волинська область"),
     record(title="чергове навчання для новообраних старост громад", published="2025-02-04",
            region="Волинська область"), True),
    # ... but a month apart, or with another topic, they are two
    (record(title="чергове навчання для новообраних старост сільських округів", published="2025-02-04",
            region="Волинська область"),
     record(title="чергове навчання для новообраних старост громад", published="2025-03-11",
            region="Волинська область"), False),
    (record(title="навчання для новообраних старост: земельні питання", published="2025-02-04",
            region="Волинська область"),
     record(title="навчання для новообраних старост: публічні закупівлі", published="2025-02-04",
            region="Волинська область"), False),
    # round tables of one name in two cities on one day
    (record(event_type="round_table", title="Безбар'єрність у громаді", start_date="2025-03-12", settlement="Суми"),
     record(event_type="round_table", title="Безбар'єрність у громаді", start_date="2025-03-12",
            settlement="Ніжин"), False),
    # one organizer's seminar of one name again a month later: an undated report tells of its last days
    (*_reported_later("Земельні ресурси громади: інвентаризація", "Суми", "2025-05-06", "2025-06-11"), False),
    (*_reported_later("Земельні ресурси громади: інвентаризація", "Суми", "2025-05-06", "2025-05-09"), True),
    (*_reported_later("Земельные ресурсы поселения: инвентаризация", "Тамбов", "2024-09-03", "2024-10-08"), False),
    (*_reported_later("Земельные ресурсы поселения: инвентаризация", "Тамбов", "2024-09-03", "2024-09-05"), True),
    # ... and two undated reports of it a month apart; an announcement weeks before its report is one event
    (record(title="Земельные ресурсы поселения: инвентаризация", published="2024-09-05", settlement="Тамбов"),
     record(title="Земельные ресурсы поселения: инвентаризация", published="2024-10-08", settlement="Тамбов"),
     False),
    (record(title="Земельні ресурси громади: інвентаризація", published="2025-04-10", settlement="Суми",
            status="announced"),
     record(title="Земельні ресурси громади: інвентаризація", published="2025-05-08", settlement="Суми"), True),
])
def test_kinds_of_duplicates_and_look_alikes(a, b, same):
    assert dedup.compare(a, b).same == same, dedup.compare(a, b).reasons
    assert dedup.compare(b, a).same == same


def test_a_merged_uk_and_ru_event_lists_each_body_once_ukrainian_name_first():
    uk = record(lang="uk", organizers=["Асоціація міст України", "Полтавська ОДА", "ГО «Агенція розвитку Лубен»"],
                partners=["Програма «U-LEAD з Європою»", "Шведське агентство з міжнародного співробітництва та розвитку"],
                audience=["старости громад Полтавщини"])
    ru = record(lang="ru", article_id="b", organizers=["Ассоциация городов Украины", "Полтавская облгосадминистрация",
                                                       "общественная организация «Агентство развития Лубен»"],
                partners=["U-LEAD с Европой", "Sida", "Ассоциация городов Украины"],
                audience=["старосты общин Полтавщины"])
    for first, second in ((uk, ru), (ru, uk)):
        merged = dedup.merge(first, second)
        assert len(merged["organizers"]) == 3 and len(merged["partners"]) == 2 and len(merged["audience"]) == 1
        assert merged["organizers"] == ["Асоціація міст України", "Полтавська ОДА", "ГО «Агенція розвитку Лубен»"]
        assert merged["partners"][0] == "U-LEAD з Європою"  # the registry's official Ukrainian name


def test_a_merged_uk_and_ru_event_lists_a_regions_bodies_once_whatever_the_spelling_of_the_region():
    uk = record(lang="uk", organizers=["Дніпропетровська обласна рада", "Асоціація міст України"],
                audience=["депутати місцевих рад Одеської області"])
    ru = record(lang="ru", article_id="b", organizers=["Днепропетровский областной совет", "Ассоциация городов Украины"],
                audience=["депутаты местных советов Одесской области"])
    for first, second in ((uk, ru), (ru, uk)):
        merged = dedup.merge(first, second)
        assert merged["organizers"] == ["Дніпропетровська обласна рада", "Асоціація міст України"]
        assert merged["audience"] == ["депутати місцевих рад Одеської області"]


def _article(article_id: str, duplicate_of: str | None = None, published: str | None = None) -> dict:
    return {"id": article_id, "url": f"https://{article_id}.example/", "title": None, "lang": "ru", "published": published,
            "text": f"Текст {article_id}.", "status": "duplicate" if duplicate_of else "extracted", "reason": None,
            "duplicate_of": duplicate_of, "source": "test"}


def test_a_reprint_reports_its_originals_events_even_where_its_own_records_fall_short(tmp_path):
    db = store.open_db(tmp_path / "events.db")
    school = record(event_type="school", title="Школа мэров", lang="ru", article_id="orig")
    seminar = record(title="Земельные отношения в поселениях", lang="ru", article_id="orig", start_date="2025-06-03")
    dedup.save_article(db, _article("orig", published="2025-06-06"), [school, seminar], run_id=None)
    # The reprint has no publication date (no time at all: the decision alone would keep "Школа мэров" apart),
    # and its own extraction missed the seminar.
    outcome = dedup.save_article(db, _article("copy", duplicate_of="orig"), [school | {"article_id": "copy"}],
                                 run_id=None)
    assert outcome == dedup.SaveOutcome(merged=1)  # the records it found: the run's "found = new + merged" adds up
    rows = db.execute("select event_id, article_id from event_sources order by article_id, event_id").fetchall()
    events = {e for e, _ in rows}
    assert len(events) == 2 and sorted(a for _, a in rows) == ["copy", "copy", "orig", "orig"]
    copied = json.loads(db.execute("select record from event_sources where article_id = 'copy' and record like "
                                   "'%Земельные%'").fetchone()[0])
    assert copied["article_id"] == "copy" and copied["evidence"] == {}


# A yearly event's editions: an undated report is placed in time by its publication date (or the
# day its page's address names), a year in the name tells the edition; each both ways.
FORUM_PODILLYA_2023 = record(event_type="forum", title="Форум місцевого розвитку «Громади Поділля»", lang="uk",
                             start_date="2023-09-14", end_date="2023-09-15", settlement="Вінниця")
PODILLYA_RU = record(event_type="forum", title="Форум местного развития «Общины Подолья»", lang="ru",
                     settlement="Винница")
LSG_DAY = record(event_type="forum", title="День місцевого самоврядування – 2024", settlement="Луцьк")
KHARKIV_UK = record(event_type="forum", title="Відбудова Харківщини 2025: громади і бізнес", lang="uk",
                    start_date="2025-10-02", settlement="Харків")
FORUM_VOLOGDA_2023 = record(event_type="forum", title="Форум муниципальных образований «Сильные поселения»",
                            lang="ru", start_date="2023-06-08", settlement="Вологда")


EDITIONS = [
    # an undated report published a year after the dated edition is the next year's forum
    (FORUM_PODILLYA_2023, FORUM_PODILLYA_2023 | {"start_date": None, "end_date": None, "published": "2024-09-20"},
     False),
    (FORUM_PODILLYA_2023, FORUM_PODILLYA_2023 | {"start_date": None, "end_date": None, "published": "2023-09-18"},
     True),
    (FORUM_VOLOGDA_2023, FORUM_VOLOGDA_2023 | {"start_date": None, "published": "2024-06-10"}, False),
    (FORUM_VOLOGDA_2023, FORUM_VOLOGDA_2023 | {"start_date": None, "published": "2023-06-09"}, True),
    # a Russian report of the Ukrainian forum, undated: its publication decides the year
    (FORUM_PODILLYA_2023, PODILLYA_RU | {"published": "2025-09-16"}, False),
    (FORUM_PODILLYA_2023, PODILLYA_RU | {"published": "2023-09-16"}, True),
    # the year in the name: two editions, whatever else agrees
    (LSG_DAY, LSG_DAY | {"title": "День місцевого самоврядування – 2023"}, False),
    (LSG_DAY | {"published": "2024-12-09"}, LSG_DAY | {"title": "День місцевого самоврядування 2024",
                                                      "published": "2024-12-07"}, True),
    (record(event_type="forum", title="Муниципальная весна 2024", region="Псковская область"),
     record(event_type="forum", title="Муниципальная весна — 2025", region="Псковская область"), False),
    (KHARKIV_UK, KHARKIV_UK | {"title": "Восстановление Харьковщины 2024: общины и бизнес", "lang": "ru",
                               "settlement": "Харьков"}, False),
    (KHARKIV_UK, KHARKIV_UK | {"title": "Восстановление Харьковщины 2025: общины и бизнес", "lang": "ru",
                               "settlement": "Харьков"}, True),
]


# Event words alone ("форум", "семинар") and a part of a programme against its name name no one
# event: the same settlement, near time and a shared organizer or audience must say so.
GROMADY_FORUM = record(event_type="forum", title="Форум громад Полісся", lang="uk", start_date="2025-03-20",
                       settlement="Рівне", organizers=["Рівненська обласна рада"])
ZEMLYA_SEMINAR = record(title="Земельные отношения в сельских поселениях", lang="ru", start_date="2025-02-11",
                        settlement="Киров", organizers=["Ассоциация муниципальных образований Кировской области"])
SCHOOL_MODULE = record(event_type="school", title="Школа мэров, модуль 2", lang="ru", start_date="2025-06-02",
                       end_date="2025-06-05", settlement="Тула",
                       organizers=["Высшая школа государственного управления"])
STAROSTY_MODULE = record(event_type="school", title="третій модуль Школи старост Волині", lang="uk",
                         start_date="2025-04-14", settlement="Луцьк", organizers=["Волинська обласна рада"])
SCHOOL_REPORT = record(event_type="school", title="Школа мэров", lang="ru", published="2025-06-04", settlement="Тула",
                       organizers=["Высшая школа государственного управления"])
STAROSTY_REPORT = record(event_type="school", title="Школа старост Волині", lang="uk", start_date="2025-04-14",
                         settlement="Луцьк", organizers=["Волинська обласна рада"])


EVENT_WORDS_AND_PARTS = [
    # uk: a report that says only "форум", published the day after, in the same town by the same body
    (GROMADY_FORUM, record(event_type="forum", title="форум", published="2025-03-21", settlement="Рівне",
                           organizers=["Рівненська обласна рада"]), True),
    (GROMADY_FORUM, record(event_type="forum", title="форум", published="2025-03-21", settlement="Рівне"), False),
    (GROMADY_FORUM, record(event_type="forum", title="форум", published="2025-03-21", settlement="Дубно",
                           organizers=["Рівненська обласна рада"]), False),
    (GROMADY_FORUM, record(event_type="forum", title="форум", published="2025-05-02", settlement="Рівне",
                           organizers=["Рівненська обласна рада"]), False),  # weeks later: another one
    # ru: "семинар" on the same day in the same town, with or without the same organizer
    (ZEMLYA_SEMINAR, record(title="семинар", start_date="2025-02-11", settlement="Киров",
                            organizers=["Ассоциация муниципальных образований Кировской области"]), True),
    (ZEMLYA_SEMINAR, record(title="обучающий семинар", start_date="2025-02-11", settlement="Киров"), False),
    (record(event_type="forum", title="форум", start_date="2025-02-11", settlement="Киров"),
     record(event_type="forum", title="форум", start_date="2025-02-11", settlement="Киров"), False),
    # uk+ru: "навчальний семінар" in Ukrainian, the named seminar in Russian, one organizer in two languages
    (record(title="навчальний семінар", lang="uk", start_date="2025-02-11", settlement="Житомир",
            organizers=["Житомирська обласна державна адміністрація"]),
     record(title="Семинар «Бюджет общины»", lang="ru", start_date="2025-02-11", settlement="Житомир",
            organizers=["Житомирская облгосадминистрация"]), True),
    (record(title="навчальний семінар", lang="uk", start_date="2025-02-11", settlement="Житомир",
            organizers=["Житомирська обласна державна адміністрація"]),
     record(title="Семинар «Бюджет общины»", lang="ru", start_date="2025-02-11", settlement="Житомир",
            organizers=["Ассоциация городов Украины"]), False),
    # ru: a module of a school against the school's name: one town, near time, the same organizer
    (SCHOOL_MODULE, SCHOOL_REPORT, True),
    (SCHOOL_MODULE, SCHOOL_REPORT | {"organizers": []}, False),
    (SCHOOL_MODULE, SCHOOL_REPORT | {"organizers": [], "published": None, "start_date": "2025-06-02"}, False),
    (SCHOOL_MODULE, SCHOOL_REPORT | {"published": "2025-09-01"}, False),
    # uk and uk+ru: the same for a school of village heads
    (STAROSTY_MODULE, STAROSTY_REPORT, True),
    (STAROSTY_MODULE, STAROSTY_REPORT | {"organizers": []}, False),
    (STAROSTY_MODULE, STAROSTY_REPORT | {"title": "Школа старост Волыни", "lang": "ru", "settlement": "Луцк",
                                         "organizers": ["Волынский областной совет"]}, True),
    (STAROSTY_MODULE, STAROSTY_REPORT | {"title": "Школа старост Волыни", "lang": "ru", "settlement": "Ковель",
                                         "organizers": ["Волынский областной совет"]}, False),
    # a regional stage of a forum is not the forum, even in its town
    (record(event_type="forum", title="перший регіональний етап Форуму громад", start_date="2025-01-27",
            settlement="Суми"),
     record(event_type="forum", title="Форум громад", start_date="2025-01-27", settlement="Суми"), False),
]


@pytest.mark.parametrize("url,expected", [
    ("https://news.example/obshchestvo/2025/04/21/delegatsiya-na-forume/", "2025-04-21"),
    ("https://gazeta.example/arhiv/2025-01-27", "2025-01-27"),
    ("https://gromada.example/news/2024_3_5_seminar.html", "2024-03-05"),
    ("https://gromada.example/news/84464", None),
    ("https://gromada.example/2025/13/40/", None),
    (None, None),
])
def test_url_date(url, expected):
    assert dedup.url_date(url) == expected


@pytest.mark.parametrize("order", [("first", "later", "near"), ("later", "near", "first"), ("later", "first", "near")])
def test_an_undated_page_is_placed_in_time_by_the_day_its_address_names(tmp_path, order):
    db = store.open_db(tmp_path / "events.db")
    dated = record(event_type="forum", title="Малі міста — велика сила", lang="uk", start_date="2024-01-16",
                   settlement="Київ")
    undated = record(event_type="forum", title="Малі міста – велика сила", lang="uk", settlement="Київ")
    pages = {"first": (_article("first", published="2024-01-17"), dated),
             # pages without a publication date: a year later, and two days after the forum
             "later": (_article("later") | {"url": "https://site.example/news/2025/04/21/forum/"}, undated),
             "near": (_article("near") | {"url": "https://site.example/news/2024/01/18/forum/"}, undated)}
    for article_id in order:
        article, rec = pages[article_id]
        dedup.save_article(db, article, [rec | {"article_id": article_id}], run_id=None)
    rows = dict(db.execute("select article_id, event_id from event_sources").fetchall())
    assert rows["near"] == rows["first"] != rows["later"]


TOWN_AND_REGION = [
    # one report names only the town, the other only the region: the town's region decides
    (record(event_type="forum", title="Муниципальный форум «Малые города»", lang="ru", start_date="2025-04-21",
            settlement="Москва"),
     record(event_type="forum", title="Муниципальный форум «Малые города»", lang="ru", start_date="2025-04-21",
            region="Ставропольский край"), False),
    (record(event_type="forum", title="Муниципальный форум «Малые города»", lang="ru", start_date="2025-04-21",
            settlement="Ставрополь"),
     record(event_type="forum", title="Муниципальный форум «Малые города»", lang="ru", start_date="2025-04-21",
            region="Ставропольский край"), True),
    (record(title="Бюджет громади: планування видатків", start_date="2024-10-08", settlement="Полтава"),
     record(title="Бюджет громади: планування видатків", start_date="2024-10-08", region="Сумська область"), False),
    (record(title="Бюджет громади: планування видатків", start_date="2024-10-08", settlement="Суми"),
     record(title="Бюджет громади: планування видатків", start_date="2024-10-08", region="Сумська область"), True),
    (record(title="Бюджет громади: планування видатків", lang="uk", start_date="2024-10-08", settlement="Харків"),
     record(title="Бюджет общины: планирование расходов", lang="ru", start_date="2024-10-08",
            region="Днепропетровская область"), False),
    (record(title="Бюджет громади: планування видатків", lang="uk", start_date="2024-10-08", settlement="Харків"),
     record(title="Бюджет общины: планирование расходов", lang="ru", start_date="2024-10-08",
            region="Харьковская область"), True),
]


@pytest.mark.parametrize("a,b,same", [
    # ru: an abbreviation spelled out by the other name's initials, and a name leading a longer one
    ("Высшая школа государственного и муниципального управления ТГУ",
     "Высшая школа государственного и муниципального управления Томского государственного университета", True),
    ("Высшая школа государственного и муниципального управления ТГУ",
     "Высшая школа государственного и муниципального управления Новосибирского государственного университета",
     False),
    ("Мастерская управления «Ладога»", "мастерская управления \"Ладога\" Северо-Западного института", True),
    ("Ассоциация муниципальных образований Томской области", "Ассоциация муниципальных образований Омской области",
     False),
    # uk: the same kinds
    ("Київська школа економіки", "КШЕ", True),
    ("Центр розвитку місцевого самоврядування", "Центр розвитку місцевого самоврядування при Мінрозвитку", True),
    ("Агенція регіонального розвитку Волинської області", "Агенція регіонального розвитку Рівненської області",
     False),
    # uk+ru: one university in two languages, an abbreviation on one side
    ("Харківський національний університет імені Каразіна", "ХНУ имени Каразина", True),
    ("Харківський національний університет міського господарства імені Бекетова", "ХНУ имени Каразина", False),
    ("Житомирська обласна державна адміністрація", "Житомирская облгосадминистрация", True),
    ("Житомирська обласна державна адміністрація", "Житомирская областная рада", False),
    # uk+ru: a region or town spelled apart beyond folding ("Дніпро-" / "Днепро-", "Харків-" / "Харьков-")
    ("Дніпропетровська обласна рада", "Днепропетровский областной совет", True),
    ("Дніпропетровської обласної ради", "Днепропетровского областного совета", True),
    ("Дніпропетровська обласна рада", "Харьковский областной совет", False),
    ("Харківська обласна військова адміністрація", "Харьковская областная военная администрация", True),
    ("Харківська обласна військова адміністрація", "Киевская областная военная администрация", False),
    ("Миколаївська міська рада", "Николаевский городской совет", True),
    ("старости громад Одеської області", "старосты общин Одесской области", True),
    # a body by its quoted name, without its legal form; another body's quoted name is another body
    ("Совет муниципальных образований", "Ассоциация «Совет муниципальных образований Омской области»", True),
    ("Совет муниципальных образований", "Ассоциация «Молодежный совет Омской области»", False),
    ("Агенція розвитку громад Полісся", "ГО «Агенція розвитку громад Полісся»", True),
    ("Агенція розвитку громад", "ГО «Агенція регіонального розвитку Полісся»", False),
    # uk+ru: one group of people, "з усіх" / "из всех"
    ("старости громад з усіх областей", "старосты общин из всех областей", True),
    ("представники всіх громад області", "представители всех общин области", True),
])
def test_one_body_named_in_two_ways(a, b, same):
    assert dedup.same_body(a, b) == same
    assert dedup.same_body(b, a) == same


def test_a_merged_ru_event_lists_a_body_once_however_its_reports_abbreviate_it():
    first = record(lang="ru", organizers=["Институт развития местного самоуправления ПГУ"])
    second = record(lang="ru", article_id="b", organizers=[
        "Институт развития местного самоуправления Пензенского государственного университета",
        "Мастерская управления «Ладога»"])
    third = record(lang="uk", article_id="c", organizers=["Майстерня управління «Ладога» Північно-Західного інституту"])
    merged = dedup.merge(dedup.merge(first, second), third)
    # one entry a body; where Ukrainian and Russian sources name it, the Ukrainian name is shown
    assert merged["organizers"] == ["Институт развития местного самоуправления ПГУ",
                                    "Майстерня управління «Ладога» Північно-Західного інституту"]


# An organizer or audience named alike but for another place is another body or other people:
# no evidence that two undated reports of a school tell one event.
STAROSTY_SCHOOL = record(event_type="school", title="Школа старост", lang="uk", published="2025-03-03",
                         organizers=["Волинська обласна державна адміністрація"])
DEPUTY_SCHOOL = record(event_type="school", title="Школа муниципального депутата", lang="ru", published="2025-03-03",
                       organizers=["Совет муниципальных образований Томской области"])


ORGANIZER_OF_ANOTHER_PLACE = [
    (STAROSTY_SCHOOL, STAROSTY_SCHOOL | {"published": "2025-03-20", "organizers": ["Волинська ОДА"]}, True),
    (STAROSTY_SCHOOL, STAROSTY_SCHOOL | {"published": "2025-03-20", "organizers": ["Рівненська ОДА"]}, False),
    (DEPUTY_SCHOOL, DEPUTY_SCHOOL | {"published": "2025-03-20"}, True),
    (DEPUTY_SCHOOL, DEPUTY_SCHOOL | {"published": "2025-03-20",
                                     "organizers": ["Совет муниципальных образований Омской области"]}, False),
    (STAROSTY_SCHOOL, record(event_type="school", title="Школа старост", lang="ru", published="2025-03-20",
                             organizers=["Волынская облгосадминистрация"]), True),
    (STAROSTY_SCHOOL, record(event_type="school", title="Школа старост", lang="ru", published="2025-03-20",
                             organizers=["Ровенская облгосадминистрация"]), False),
]


@pytest.mark.parametrize("a,b,same", EDITIONS + EVENT_WORDS_AND_PARTS + TOWN_AND_REGION + ORGANIZER_OF_ANOTHER_PLACE)
def test_what_else_must_agree_with_a_name(a, b, same):
    assert dedup.compare(a, b).same == same, dedup.compare(a, b).reasons
    assert dedup.compare(b, a).same == same


@pytest.mark.parametrize("uk,other,same", [
    ("старости сільських округів Полтавщини", "старости сільських округів Сумщини", False),
    ("старости сільських округів Полтавщини", "старосты сельских округов Полтавщины", True),
    ("главы сельских поселений Пензенской области", "главы сельских поселений Самарской области", False),
])
def test_audiences_of_two_places(uk, other, same):
    assert dedup.same_audience(dedup.profile(record(audience=[uk])), dedup.profile(record(audience=[other]))) == same


@pytest.mark.parametrize("lang,text,name,expected", [
    ("uk", "Делегація громади взяла участь у XVI Всеукраїнському муніципальному форумі «Міста для людей».",
     "Міста для людей", 16),
    ("ru", "Глава района участвует в первом Всероссийском муниципальном форуме «Сильные поселения».",
     "Сильные поселения", 1),
    ("uk", "Третій день роботи форуму. Учасники Всеукраїнського муніципального форуму «Міста для людей» обговорили бюджет.",
     "Міста для людей", None),  # another sentence's number
    ("ru", "Во втором полугодии депутаты поселения приедут на форум «Сильные поселения».", "Сильные поселения", None),
    ("uk", "Відбувся 3-й етап. Форум «Міста для людей» зібрав мерів.", "Форум", None),  # the name opens a sentence
    ("ru", "Прошел 3-й этап. Форум «Сильные поселения» собрал мэров.", "Форум", None),
    ("uk", "У м. Суми пройшов II форум «Міста для людей».", "Міста для людей", 2),  # "м." ends no sentence
    ("ru", "В г. Сумы прошел II форум «Сильные поселения».", "Сильные поселения", 2),
])
def test_the_series_number_before_a_name(lang, text, name, expected):
    assert dedup.ordinal_before(text, text.index(name), lang) == expected



def _saved_events(tmp_path, pages: list[tuple[str, str, dict]]) -> dict[str, str]:
    """Save each (article id, text, record without evidence) in turn; return article id -> stored event id."""
    db = store.open_db(tmp_path / "events.db")
    for article_id, text, rec in pages:
        dedup.save_article(db, _article(article_id) | {"text": text}, [rec | {"article_id": article_id}], run_id=None)
    return dict(db.execute("select article_id, event_id from event_sources").fetchall())


SLOGAN_UK = record(event_type="forum", title="Громада. Розвиток. Інвестиції", lang="uk", settlement="Харків")
SLOGAN_RU = record(event_type="forum", title="Община. Развитие. Инвестиции", lang="ru", settlement="Харьков")


@pytest.mark.parametrize("first,second,same", [
    # uk: a record without evidence spans takes the series number from where its title is mentioned
    ("Учасники ІІ форуму «Громада. Розвиток. Інвестиції» обговорили бюджет.",
     "«Громада. Розвиток. Інвестиції» – так називається третій форум місцевого самоврядування.", False),
    ("Учасники ІІ форуму «Громада. Розвиток. Інвестиції» обговорили бюджет.",
     "«Громада. Розвиток. Інвестиції» – так називається другий форум місцевого самоврядування.", True),
    # ru: the same, the number six words before the name
    ("Открылся II Польско-украинский форум местного самоуправления «Община. Развитие. Инвестиции».",
     "Стартовал III Польско-украинский форум местного самоуправления «Община. Развитие. Инвестиции».", False),
    ("Открылся II Польско-украинский форум местного самоуправления «Община. Развитие. Инвестиции».",
     "В Харькове прошёл форум «Община. Развитие. Инвестиции».", True),
])
def test_the_series_number_by_the_title_of_a_record_without_evidence(tmp_path, first, second, same):
    rec = SLOGAN_UK if "Громада" in first else SLOGAN_RU
    events = _saved_events(tmp_path, [("a", first, rec), ("b", second, rec)])
    assert (events["a"] == events["b"]) == same


@pytest.mark.parametrize("text,name,expected", [
    ("Відкрився ІІ Польсько-український форум місцевого самоврядування «Громада».", "Громада", 2),
    ("У другій половині дня учасники форуму «Громада» обговорили бюджет.", "Громада", None),
    ("Во второй половине дня участники форума «Община» обсудили бюджет.", "Община", None),
    # the number of a forum within which another event is held is not that event's
    ("У рамках ІІ Форуму громад відбувся круглий стіл «Громада».", "Громада", None),
    ("В рамках II Форума общин прошел круглый стол «Община».", "Община", None),
    ("Відкрився ІІ семінар-тренінг «Громада».", "Громада", 2),
])
def test_a_far_series_number_opens_a_capitalized_name(text, name, expected):
    assert dedup.ordinal_before(text, text.index(name)) == expected


@pytest.mark.parametrize("text,name,expected", [
    ("«Громада. Розвиток. Інвестиції» – це назва ІІІ форуму громад.", "Громада. Розвиток. Інвестиції", 3),
    ("«Малые города» стали темой 5-го форума.", "Малые города", 5),
    ("«Малые города» собрали глав поселений. Второй день форума прошёл в парке.", "Малые города", None),
    ("«Громада» — круглий стіл ІІ Форуму громад.", "Громада", None),
    ("«Малые города» — круглый стол II Форума общин.", "Малые города", None),
])
def test_the_series_number_after_a_name(text, name, expected):
    start, end = dedup.mention(text, name.lower())
    found = dedup.series_after(text, end)
    assert text[start:end] == name and (found[0] if found else None) == expected


# One course by one organizer in one town over the same several days, named two ways by two
# reports (its programme's description, its title), one of them without the year.
KAZAN_COURSE = record(event_type="course", lang="ru", title="образовательная программа для муниципальных служащих",
                      start_date="2025-11-10", end_date="2025-11-14", settlement="Казань",
                      organizers=["Высшая школа государственного и муниципального управления КФУ"])
LVIV_COURSE = record(event_type="course", lang="uk", title="навчальна програма для посадовців громад",
                     start_date="2025-03-03", end_date="2025-03-07", settlement="Львів",
                     organizers=["Львівський регіональний інститут державного управління"])
SAME_DAYS = [
    (KAZAN_COURSE, record(event_type="course", lang="ru", title="Представительная власть: опыт Татарстана",
                          date_text="с 10 по 14 ноября", settlement="Казань",
                          organizers=["Высшая школа государственного и муниципального управления Казанского "
                                      "федерального университета"]), True),
    (KAZAN_COURSE, record(event_type="course", lang="ru", title="Представительная власть: опыт Татарстана",
                          date_text="с 10 по 13 ноября", settlement="Казань",
                          organizers=["Высшая школа государственного и муниципального управления КФУ"]), False),
    (KAZAN_COURSE, record(event_type="course", lang="ru", title="Представительная власть: опыт Татарстана",
                          date_text="с 10 по 14 ноября", settlement="Казань",
                          organizers=["Академия государственной службы"]), False),
    (LVIV_COURSE, LVIV_COURSE | {"title": "Бюджет громади: від плану до звіту"}, True),
    (LVIV_COURSE, LVIV_COURSE | {"title": "Бюджет громади: від плану до звіту", "settlement": "Дрогобич"}, False),
    (LVIV_COURSE, LVIV_COURSE | {"title": "Бюджет громади: від плану до звіту", "end_date": "2025-03-05"}, False),
    # one day is not enough: an organizer holds several events a day
    (LVIV_COURSE | {"end_date": "2025-03-03"}, LVIV_COURSE | {"title": "Бюджет громади: від плану до звіту",
                                                             "end_date": "2025-03-03"}, False),
]

# An announcement names the regional centre, the report the village of the hotel where it was held
# (in a Russian report, spelled with Russian letters: villages have no Russian names in the gazetteer).
SEMINAR_KHARKIV = record(title="семінар-тренінг проєкту «Підтримка громад зсередини»", lang="uk",
                         start_date="2016-01-21", end_date="2016-01-23", settlement="Харків",
                         partners=["Харківський регіональний офіс реформи місцевого самоврядування"])
SEMINAR_REPORT_RU = record(title="первый тренинг проекта «Поддержка развития громад изнутри»", lang="ru",
                           date_text="21-23 января", settlement="Гайдары",
                           partners=["Харьковский региональный офис реформы местного самоуправления"])
OUTSKIRTS = [
    (SEMINAR_KHARKIV, SEMINAR_KHARKIV | {"settlement": "Гайдари"}, True),
    (SEMINAR_KHARKIV, SEMINAR_REPORT_RU, True),
    (SEMINAR_KHARKIV, SEMINAR_REPORT_RU | {"settlement": "Харьков"}, True),
    # another city of the region, or a village of another region: two events
    (SEMINAR_KHARKIV, SEMINAR_KHARKIV | {"settlement": "Ізюм"}, False),
    (SEMINAR_KHARKIV, SEMINAR_REPORT_RU | {"settlement": "Чугуев"}, False),
    (SEMINAR_KHARKIV | {"settlement": "Полтава"}, SEMINAR_KHARKIV | {"settlement": "Гайдари"}, False),
    # a village by the centre on other days
    (SEMINAR_KHARKIV, SEMINAR_REPORT_RU | {"date_text": "28-30 января"}, False),
]


# An announcement names the event, its report the event and its theme after a colon; one of them
# names only the region. Two themes after one name are two events of a series.
FORUM_ANNOUNCED_UK = record(event_type="forum", title="Форум громад Слобожанщини", lang="uk", start_date="2025-10-16",
                            settlement="Харків", published="2025-10-01", status="announced")
FORUM_REPORTED_UK = record(event_type="forum", title="Форум громад Слобожанщини: відновлення разом", lang="uk",
                           region="Харківська область", published="2025-10-17")
FORUM_ANNOUNCED_RU = record(event_type="forum", title="Форум глав Прикамья", lang="ru", start_date="2025-04-10",
                            settlement="Пермь", published="2025-03-28", status="announced")
FORUM_REPORTED_RU = record(event_type="forum", title="Форум глав Прикамья: развитие сельских территорий", lang="ru",
                           region="Пермский край", published="2025-04-11")
NAME_AND_THEME = [
    (FORUM_ANNOUNCED_UK, FORUM_REPORTED_UK, True),
    (FORUM_ANNOUNCED_UK | {"title": "Форум громад Слобожанщини: безпека"}, FORUM_REPORTED_UK, False),
    (FORUM_ANNOUNCED_UK | {"title": "Форум громад Полісся"}, FORUM_REPORTED_UK, False),
    (FORUM_ANNOUNCED_UK, FORUM_REPORTED_UK | {"published": "2025-12-20"}, False),
    (FORUM_ANNOUNCED_RU, FORUM_REPORTED_RU, True),
    (FORUM_ANNOUNCED_RU | {"title": "Форум глав Прикамья: цифровое управление"}, FORUM_REPORTED_RU, False),
    (FORUM_ANNOUNCED_RU, FORUM_REPORTED_RU | {"region": "Свердловская область"}, False),
    # the theme after a dash inside the quoted name
    (FORUM_ANNOUNCED_UK | {"title": "Форум «Громади Поділля»", "settlement": "Вінниця"},
     FORUM_REPORTED_UK | {"title": "Форум «Громади Поділля – спільні рішення»", "region": "Вінницька область"}, True),
    (FORUM_ANNOUNCED_RU | {"title": "Форум «Сильные поселения»"},
     FORUM_REPORTED_RU | {"title": "Форум «Сильные поселения – новые решения»"}, True),
    (FORUM_ANNOUNCED_RU | {"title": "Форум «Сильные поселения»"},
     FORUM_REPORTED_RU | {"title": "Форум «Сильные города – новые решения»"}, False),
    # event words alone before the colon name no event
    (record(title="Семінар", start_date="2025-03-03", settlement="Суми"),
     record(title="Семінар: бюджет участі", published="2025-03-04", region="Сумська область"), False),
]

# A city that is a region of its own ("Москва", "Київ") named as the region is the city.
SCHOOL_MODULE_MOSCOW = record(event_type="school", title="второй модуль Школы муниципальных команд", lang="ru",
                              start_date="2025-10-06", end_date="2025-10-09", settlement="Москва",
                              organizers=["ВАРМСУ"])
SCHOOL_REPORT_MOSCOW = record(event_type="school", title="Школа муниципальных команд", lang="ru",
                              published="2025-10-08", region="Москва",
                              organizers=["Всероссийская ассоциация развития местного самоуправления"])
STAROSTY_MODULE_KYIV = record(event_type="school", title="другий модуль Школи старост", lang="uk",
                              start_date="2025-05-12", end_date="2025-05-13", settlement="Київ",
                              organizers=["Асоціація міст України"])
STAROSTY_REPORT_KYIV = record(event_type="school", title="Школа старост", lang="uk", published="2025-05-14",
                              region="Київ", organizers=["Асоціація міст України"])
CITY_REGIONS = [
    (SCHOOL_MODULE_MOSCOW, SCHOOL_REPORT_MOSCOW, True),
    (SCHOOL_MODULE_MOSCOW, SCHOOL_REPORT_MOSCOW | {"region": "Московская область"}, False),
    (SCHOOL_MODULE_MOSCOW | {"settlement": "Санкт-Петербург"}, SCHOOL_REPORT_MOSCOW, False),
    (STAROSTY_MODULE_KYIV, STAROSTY_REPORT_KYIV, True),
    (STAROSTY_MODULE_KYIV, STAROSTY_REPORT_KYIV | {"region": "Київська область"}, False),
]


# Two reports of one school, one of them with no date at all (the page shows "an hour ago"): the
# same town, the same people and as many of them are one event; a name alone is not.
SCHOOL_NOVGOROD = record(event_type="school", title="Школа мэров", lang="ru", settlement="Великий Новгород",
                         audience=["специалисты, претендующие на высшие должности в местном самоуправлении"],
                         participants=80)
STAROSTY_POLTAVA = record(event_type="school", title="Школа старост", lang="uk", settlement="Полтава",
                          audience=["старости сільських округів Полтавської громади"], participants=45)
COUNTED_ALIKE = [
    (SCHOOL_NOVGOROD, SCHOOL_NOVGOROD | {"published": "2024-11-19"}, True),
    (SCHOOL_NOVGOROD, SCHOOL_NOVGOROD | {"published": "2024-11-19", "participants": 120}, False),
    (SCHOOL_NOVGOROD, SCHOOL_NOVGOROD | {"published": "2024-11-19", "participants": None}, False),
    (SCHOOL_NOVGOROD, SCHOOL_NOVGOROD | {"published": "2024-11-19", "settlement": "Псков"}, False),
    (SCHOOL_NOVGOROD, SCHOOL_NOVGOROD | {"published": "2024-11-19", "audience": ["главы районов"]}, False),
    (STAROSTY_POLTAVA, STAROSTY_POLTAVA | {"published": "2025-02-03"}, True),
    (STAROSTY_POLTAVA, STAROSTY_POLTAVA | {"published": "2025-02-03", "participants": 30}, False),
    (STAROSTY_POLTAVA, STAROSTY_POLTAVA | {"published": "2025-02-03", "settlement": "Лубни"}, False),
]


@pytest.mark.parametrize("a,b,same", SAME_DAYS + OUTSKIRTS + NAME_AND_THEME + CITY_REGIONS + COUNTED_ALIKE)
def test_one_event_under_two_names_places_or_counts(a, b, same):
    assert dedup.compare(a, b).same == same, dedup.compare(a, b).reasons
    assert dedup.compare(b, a).same == same


# A report may name a numbered event by its slogan and say, by the slogan, which series it is of;
# another names the series: the series' name by the slogan stands for the record too.
SLOGAN_TEXT_UK = ("«Громада. Інвестиції. Розвиток» – це назва ІІІ Польсько-українського форуму місцевого "
                  "самоврядування, який проходить у Харкові.")
SERIES_UK = record(event_type="forum", title="ІІІ Польсько-український форум місцевого самоврядування", lang="uk",
                   region="Харківська область")
SLOGAN_TEXT_RU = "Глава района участвует в V Форуме малых городов России «Сильные поселения» в Вологде."
SERIES_RU = record(event_type="forum", title="V Форум малых городов России", lang="ru", settlement="Вологда")


@pytest.mark.parametrize("slogan_text,series_text,series,same", [
    (SLOGAN_TEXT_UK, "Сьогодні триває ІІІ Польсько-український форум місцевого самоврядування.", SERIES_UK, True),
    (SLOGAN_TEXT_UK, "Сьогодні триває ІІ Польсько-український форум місцевого самоврядування.",
     SERIES_UK | {"title": "ІІ Польсько-український форум місцевого самоврядування"}, False),
    (SLOGAN_TEXT_UK, "Сьогодні триває ІІІ Форум громад Слобожанщини.",
     SERIES_UK | {"title": "ІІІ Форум громад Слобожанщини"}, False),
    (SLOGAN_TEXT_RU, "В Вологде открылся V Форум малых городов России.", SERIES_RU, True),
    (SLOGAN_TEXT_RU, "В Вологде открылся VI Форум малых городов России.",
     SERIES_RU | {"title": "VI Форум малых городов России"}, False),
    # a round table held within the numbered forum is not the forum
    ("На ІІІ Форумі громад Слобожанщини — круглий стіл «Громада. Інвестиції. Розвиток».",
     "Сьогодні триває ІІІ Форум громад Слобожанщини.",
     SERIES_UK | {"title": "ІІІ Форум громад Слобожанщини", "settlement": "Харків", "published": "2025-10-16"}, False),
    ("На V Форуме общин Вологодчины — круглый стол «Сильные поселения».", "В Вологде открылся V Форум общин Вологодчины.",
     SERIES_RU | {"title": "V Форум общин Вологодчины", "published": "2025-06-10"}, False),
    # a stage of the series is a part of it, not the series' event
    (SLOGAN_TEXT_RU.replace("в V Форуме", "в третьем региональном этапе V Форума"),
     "В Вологде открылся V Форум малых городов России.", SERIES_RU, False),
])
def test_a_slogan_and_the_series_it_names(tmp_path, slogan_text, series_text, series, same):
    slogan = series | {"title": "Громада. Інвестиції. Розвиток" if "Громада" in slogan_text else "Сильные поселения",
                       "settlement": "Харків" if "Громада" in slogan_text else "Вологда"}
    for pages in ([("a", slogan_text, slogan), ("b", series_text, series)],
                  [("b", series_text, series), ("a", slogan_text, slogan)]):
        events = _saved_events(tmp_path / pages[0][0], pages)
        assert (events["a"] == events["b"]) == same


# Words of titles the two languages spell apart ("війни"/"войны", "країна"/"страна", "об'єднаних"/"объединенных").
@pytest.mark.parametrize("uk,ru,other_town", [
    ("Безпека громад в умовах війни", "Безопасность общин в условиях войны", "Житомир"),
    ("Сильні громади – сильна країна", "Сильные общины – сильная страна", "Рівне"),
    ("Стійкість об’єднаних територіальних громад після війни",
     "Устойчивость объединенных территориальных общин после войны", "Суми"),
    ("Міжмуніципальне співробітництво у житлово-комунальному господарстві",
     "Межмуниципальное сотрудничество в жилищно-коммунальном хозяйстве", "Полтава"),
    # the war's words and historical lands
    ("Прикордонні громади: безпека", "Приграничные общины: безопасность", "Вінниця"),
    ("Відродження деокупованих громад", "Возрождение деоккупированных общин", "Луцьк"),
    ("Розмінування земель звільнених громад", "Разминирование земель освобожденных общин", "Ужгород"),
    ("Громади Полісся: відновлення", "Громады Полесья: восстановление", "Херсон"),
    ("Форум громад Галичини", "Форум общин Галиции", "Одеса"),
    ("Депутат і громада: відповідальність і довіра", "Депутат и громада: ответственность и доверие", "Рівне"),
    ("Відкритість і підзвітність влади", "Открытость и подотчетность власти", "Київ"),
    # "громадяни" (citizens) is no "громада"
    ("Діалог громадян і депутатів", "Диалог граждан и депутатов", "Суми"),
])
def test_a_uk_and_a_ru_title_of_one_event(uk, ru, other_town):
    uk_record = record(title=uk, lang="uk", start_date="2024-05-14", settlement="Чернігів")
    ru_record = record(title=ru, lang="ru", published="2024-05-15", settlement="Чернигов")
    for a, b in ((uk_record, ru_record), (ru_record, uk_record)):
        assert dedup.compare(a, b).same, dedup.compare(a, b).reasons
        assert not dedup.compare(a, b | {"settlement": other_town}).same
        assert not dedup.compare(a, b | {"title": "Бюджет участі" if b is uk_record else "Бюджет участия"}).same


# A number of an edition or a part: its ordinal word in every case ("другого", "третьего") tells two
# modules or two streams of one school apart; a whole word only where its stem begins other words.
@pytest.mark.parametrize("word,expected", [
    ("другий", 2), ("другого", 2), ("другому", 2), ("другої", 2), ("другой", None), ("друга", None),
    ("третьего", 3), ("третьем", 3), ("третьему", 3), ("третього", 3), ("пять", None), ("шесть", None),
])
def test_ordinal_words_in_every_case(word, expected):
    from extractor.dedup.normalize import ordinal_of

    assert ordinal_of(word) == expected


# "первого выпуска программы «…»": the number is the programme's class, and the words by it
# (an edition or a part word and the programme) are no series' name.
@pytest.mark.parametrize("phrase,names", [
    ("першого випуску програми", False), ("первого выпуска программы", False), ("второй поток программы", False),
    ("третій етап", False), ("ІІІ Польсько-українського форуму", True),
    ("этап II Всероссийского форума сельских поселений", True),
])
def test_an_edition_word_names_no_series(phrase, names):
    from extractor.dedup.normalize import names_a_series

    assert names_a_series(phrase) == names


STAROSTY = record(event_type="school", title="Школа старост", lang="uk", settlement="Полтава",
                  organizers=["Полтавська обласна державна адміністрація"])
MAYORS = record(event_type="school", title="Школа мэров", lang="ru", settlement="Казань",
                organizers=["Ассоциация муниципальных образований Татарстана"])


# Two modules or streams of one school in one town, reported without dates days apart: the
# numbers in the texts, in any case, keep them apart; the same number joins them.
@pytest.mark.parametrize("first,second,same", [
    ("Другий модуль «Школа старост» розпочався у Полтаві.", "Перший модуль «Школа старост» завершився у Полтаві.",
     False),
    ("Учасники другого модуля «Школа старост» зібралися у Полтаві.",
     "У Полтаві завершився перший модуль «Школа старост».", False),
    ("Учасники другого модуля «Школа старост» зібралися у Полтаві.", "У Полтаві триває другий модуль «Школа старост».",
     True),
    ("Участники третьего модуля «Школа мэров» собрались в Казани.", "В Казани прошел второй модуль «Школа мэров».",
     False),
    ("Участники третьего модуля «Школа мэров» собрались в Казани.", "В Казани прошел третий модуль «Школа мэров».",
     True),
    ("Слушатели второго потока «Школа мэров» получили дипломы.", "В Казани стартовал третий поток «Школа мэров».",
     False),
])
def test_two_modules_of_one_school_by_the_numbers_in_their_texts(tmp_path, first, second, same):
    rec = STAROSTY if "старост" in first else MAYORS
    for order, (x, y) in enumerate(((first, second), (second, first))):
        events = _saved_events(tmp_path / str(order), [("a", x, rec | {"published": "2025-05-10"}),
                                                       ("b", y, rec | {"published": "2025-05-14"})])
        assert (events["a"] == events["b"]) == same


# A report with no date and no publication date (the page shows "an hour ago"), against a dated
# report of a recurring programme without a place: a name is no time; the same town, organizer
# and count of participants are one event.
TIMELESS = [
    (MAYORS | {"participants": 160}, MAYORS | {"settlement": None, "published": "2024-07-17"}, False),
    (MAYORS | {"participants": 160}, MAYORS | {"published": "2024-07-17"}, False),
    (MAYORS | {"participants": 160}, MAYORS | {"published": "2024-07-17", "participants": 160}, True),
    (MAYORS | {"participants": 160}, MAYORS | {"published": "2024-07-17", "participants": 160,
                                                "settlement": "Набережные Челны"}, False),
    (STAROSTY | {"participants": 45}, STAROSTY | {"settlement": None, "published": "2025-06-10"}, False),
    (STAROSTY | {"participants": 45}, STAROSTY | {"published": "2025-06-10", "participants": 45}, True),
    (STAROSTY | {"participants": 45}, STAROSTY | {"published": "2025-06-10", "participants": 45,
                                                  "organizers": ["Сумська обласна державна адміністрація"]}, False),
]
# A forum named by its slogan on one page and by its series on another, neither page naming the
# other's name: the same city and month are no evidence (a capital holds many forums a month).
SLOGAN_AND_SERIES = [
    (record(event_type="forum", title="III Всероссийский форум сельских поселений", lang="ru", settlement="Москва",
            date_text="в мае", organizers=["Ассоциация сельских поселений"]),
     record(event_type="forum", title="Сильная деревня – сильная страна", lang="ru", settlement="Москва",
            published="2025-05-20"), False),
    (record(event_type="forum", title="IV Всеукраїнський форум громад", lang="uk", settlement="Київ",
            date_text="у травні", organizers=["Асоціація громад"]),
     record(event_type="forum", title="Громади, що єднають", lang="uk", settlement="Київ", published="2025-05-20"),
     False),
]
# A regional stage of a numbered forum against a report of "a forum" in that town: a part and
# the whole are one event only on near days for the same people.
STAGE_RU = record(event_type="forum", title="первый региональный этап III Всероссийского форума сельских поселений",
                  lang="ru", settlement="Тверь", audience=["главы сельских поселений со всей России"])
STAGE_UK = record(event_type="forum", title="перший регіональний етап IV Всеукраїнського форуму сільських громад",
                  lang="uk", settlement="Черкаси", audience=["голови сільських громад з усієї України"])
STAGES = [
    (STAGE_RU, record(event_type="forum", title="форум глав сельских поселений", lang="ru", settlement="Тверь",
                      published="2025-02-03", audience=["главы сельских поселений со всей России"]), False),
    (STAGE_RU | {"published": "2025-02-03"},
     record(event_type="forum", title="форум глав сельских поселений", lang="ru", settlement="Тверь",
            published="2025-02-04", audience=["главы сельских поселений со всей России"]), True),
    (STAGE_RU | {"published": "2025-02-03"},
     record(event_type="forum", title="форум глав сельских поселений", lang="ru", settlement="Тверь",
            published="2025-02-04", audience=["депутаты районных собраний"]), False),
    (STAGE_UK, record(event_type="forum", title="форум голів сільських громад", lang="uk", settlement="Черкаси",
                      published="2025-02-03", audience=["голови сільських громад з усієї України"]), False),
    (STAGE_UK | {"published": "2025-02-03"},
     record(event_type="forum", title="форум голів сільських громад", lang="uk", settlement="Черкаси",
            published="2025-02-04",
            audience=["голови сільських громад з усієї України"]), True),
    (STAGE_UK | {"published": "2025-02-03"},
     record(event_type="forum", title="форум голів сільських громад", lang="uk", settlement="Умань",
            published="2025-02-04",
            audience=["голови сільських громад з усієї України"]), False),
]


@pytest.mark.parametrize("a,b,same", TIMELESS + SLOGAN_AND_SERIES + STAGES)
def test_one_side_without_time_place_or_the_others_name(a, b, same):
    assert dedup.compare(a, b).same == same, dedup.compare(a, b).reasons
    assert dedup.compare(b, a).same == same


# The 6th and the 7th conference of one series, their numbers written in digits with Ukrainian or
# Russian endings or in words: other numbers are two events, one number in two spellings is one.
CONFERENCE_UK = record(event_type="conference", title="6-та Всеукраїнська конференція «Бюджет участі»", lang="uk",
                       settlement="Луцьк", published="2025-10-02")
CONFERENCE_RU = record(event_type="conference", title="6-я Всероссийская конференция «Бюджет участия»", lang="ru",
                       settlement="Самара", published="2025-10-02")


@pytest.mark.parametrize("base,other,same", [
    (CONFERENCE_UK, "7-ма Всеукраїнська конференція «Бюджет участі»", False),
    (CONFERENCE_UK, "VII Всеукраїнська конференція «Бюджет участі»", False),
    (CONFERENCE_UK, "сьома Всеукраїнська конференція «Бюджет участі»", False),
    (CONFERENCE_UK, "шоста Всеукраїнська конференція «Бюджет участі»", True),
    (CONFERENCE_UK, "VI Всеукраїнська конференція «Бюджет участі»", True),
    (CONFERENCE_RU, "7-я Всероссийская конференция «Бюджет участия»", False),
    (CONFERENCE_RU, "седьмая Всероссийская конференция «Бюджет участия»", False),
    (CONFERENCE_RU, "шестая Всероссийская конференция «Бюджет участия»", True),
])
def test_the_sixth_and_the_seventh_conference(base, other, same):
    second = base | {"title": other, "published": "2025-10-03"}
    assert dedup.compare(base, second).same == same, dedup.compare(base, second).reasons
    assert dedup.compare(second, base).same == same


@pytest.mark.parametrize("name,number", [
    ("6-та Всеукраїнська конференція", 6), ("у 7-му форумі громад", 7), ("2-га сесія школи старост", 2),
    ("3-тя конференція", 3), ("1-ша школа старост", 1), ("у 6-м форуме", 6), ("на 6-ю конференцию", 6),
    ("5-ти денний семінар", None), ("2-х денний тренінг", None), ("10-ти громад", None),
])
def test_series_numbers_in_digits_with_endings(name, number):
    from extractor.dedup.normalize import ordinal

    assert ordinal(name) == number


# Two round tables of one name on one day, one report naming no venue: a body of the other's venue
# and a body of the same kind of another place are two events; the same body, or a body of both, is one.
TABLE_UK = record(event_type="round_table", title="Бюджет участі: досвід громад", lang="uk", start_date="2025-03-03",
                  settlement="Полтава", organizers=["Полтавська обласна рада"])
TABLE_RU = record(event_type="round_table", title="Инициативное бюджетирование: практика поселений", lang="ru",
                  start_date="2025-04-15", settlement="Самара",
                  organizers=["Ассоциация муниципальных образований Самарской области"])


@pytest.mark.parametrize("a,b,same", [
    (TABLE_UK, TABLE_UK | {"settlement": None, "organizers": ["Сумська обласна рада"]}, False),
    (TABLE_UK, TABLE_UK | {"settlement": None}, True),
    (TABLE_UK, TABLE_UK | {"settlement": None, "organizers": ["Полтавская областная рада"], "lang": "ru"}, True),
    (TABLE_UK | {"organizers": ["Полтавська обласна рада", "Сумська обласна рада"]},
     TABLE_UK | {"settlement": None, "organizers": ["Сумська обласна рада"]}, True),
    (TABLE_UK, TABLE_UK | {"organizers": ["Сумська обласна рада"]}, True),  # one venue: a joint event
    (TABLE_RU, TABLE_RU | {"settlement": None,
                           "organizers": ["Ассоциация муниципальных образований Пензенской области"]}, False),
    (TABLE_RU, TABLE_RU | {"settlement": None}, True),
    # a body of another place than the venue (a region's delegation at a forum in the capital) tells nothing
    (TABLE_UK | {"settlement": "Київ", "organizers": ["Полтавська обласна державна адміністрація"]},
     TABLE_UK | {"settlement": None, "organizers": ["Сумська обласна державна адміністрація"]}, True),
    (TABLE_RU | {"settlement": "Москва"}, TABLE_RU | {"settlement": None,
                                                     "organizers": ["Ассоциация муниципальных образований Пензенской "
                                                                    "области"]}, True),
])
def test_two_round_tables_of_one_name_held_by_bodies_of_two_places(a, b, same):
    assert dedup.compare(a, b).same == same, dedup.compare(a, b).reasons
    assert dedup.compare(b, a).same == same


# A number followed by a day or other time counts the days of the event, not its series.
@pytest.mark.parametrize("lang,text,name,expected", [
    ("uk", "Другого дня форуму «Громада» учасники обговорили бюджет.", "Громада", None),
    ("ru", "Во второй день форума «Община» участники обсудили бюджет.", "Община", None),
    ("ru", "На второй неделе форума «Община» прошли дебаты.", "Община", None),
    ("uk", "Третього дня ІІ форуму «Громада» учасники обговорили бюджет.", "Громада", 2),
    ("ru", "Участники второго форума «Община» обсудили бюджет.", "Община", 2),
])
def test_a_number_of_days_is_no_series_number(lang, text, name, expected):
    assert dedup.ordinal_before(text, text.index(name), lang) == expected


@pytest.mark.parametrize("text,name,expected", [
    ("«Громада» — другий день форуму громад.", "Громада", None),
    ("«Община» — третий день форума общин.", "Община", None),
    ("«Община» стала темой третьего форума.", "Община", 3),
])
def test_a_number_of_days_after_a_name_is_no_series_number(text, name, expected):
    found = dedup.series_after(text, dedup.mention(text, name.lower())[1])
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize("lang,text,name,expected", [
    ("uk", "За адресою вул. Соборна, 12а відбувся форум «Громада».", "Громада", None),  # a house number
    ("ru", "По адресу ул. Ленина, 12а прошел форум «Община».", "Община", None),
    ("uk", "У Полтаві відбулася 12-та конференція «Громада».", "Громада", 12),
])
def test_a_house_number_is_no_series_number(lang, text, name, expected):
    assert dedup.ordinal_before(text, text.index(name), lang) == expected


# Last year's press release sent again with this year's date reads as a reprint (issue 19): other dates are another
# edition, the same date one event. Sentences written for these tests.
RECYCLED = {
    "uk": ("{day} у Житомирі відбувся обласний семінар для старост «Староста і громада». Організатор – Житомирська "
           "обласна рада. Старости громад області обговорили роботу з мешканцями сіл, документообіг і надання "
           "адміністративних послуг. Учасники отримали сертифікати.", ("17 квітня 2024 року", "2024-04-18"),
           ("23 квітня 2025 року", "2025-04-24")),
    "ru": ("{day} в Калуге прошел областной семинар для глав поселений «Глава и поселение». Организатор – "
           "Законодательное собрание Калужской области. Главы поселений области обсудили работу с жителями, "
           "документооборот и оказание муниципальных услуг. Участники получили сертификаты.",
           ("1 марта 2023 года", "2023-03-02"), ("6 марта 2024 года", "2024-03-07")),
}


@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("second_year", [False, True])
def test_last_years_press_release_with_a_new_date_is_another_edition(tmp_path, lang, second_year):
    from extractor import pipeline
    text, first, second = RECYCLED[lang]
    day, published = second if second_year else first
    rows = [{"id": "first", "url": "https://a.example/1", "published": first[1], "lang": lang,
             "text": text.format(day=first[0])},
            {"id": "again", "url": "https://b.example/2", "published": published, "lang": lang,
             "text": text.format(day=day) + ("\nФото: прес-служба" if lang == "uk" else "\nФото: пресс-служба")}]
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    pipeline.run([path], tmp_path / "events.db")
    db = store.open_db(tmp_path / "events.db")
    assert store.get_article(db, "again")["duplicate_of"] == "first"
    sources = db.execute("select article_id, event_id from event_sources").fetchall()
    assert len(sources) == 2 and (sources[0][1] == sources[1][1]) != second_year


# A Ukrainian announcement in the town and a Russian report a few days later that names only the region
# ("На Черниговщине прошел форум ..."), each title in its own language.
@pytest.mark.parametrize("uk,ru,same", [
    ("Громади Полісся: відновлення", "Громады Полесья: восстановление", True),
    ("Прикордонні громади", "Приграничные громады", True),
    ("Громади Полісся: відновлення", "Громады Полесья: молодежь", False),
    ("Прикордонні громади", "Деоккупированные громады", False),
])
def test_a_uk_announcement_and_a_ru_report_of_the_region(uk, ru, same):
    announced = record(event_type="forum", title=uk, lang="uk", start_date="2025-10-23", settlement="Чернігів",
                       region="Чернігівська область", status="announced", organizers=["Чернігівська обласна рада"])
    report = record(event_type="forum", title=ru, lang="ru", published="2025-10-26", region="Черниговская область",
                    organizers=["Черниговский областной совет"])
    for a, b in ((announced, report), (report, announced)):
        assert dedup.compare(a, b).same == same, dedup.compare(a, b).reasons
    assert not dedup.compare(announced, report | {"published": "2026-10-26"}).same


# A programme ("Школа мэров") and a day of it that one site names only by the day's theme: one organizer, one town,
# one day, the same people by their head noun. Records written for these tests.
def _programme_day(lang: str) -> tuple[dict, dict]:
    if lang == "uk":
        body, town = "Івано-Франківська обласна рада", "Івано-Франківськ"
        school = record(event_type="school", title="Школа голів громад", lang="uk", start_date="2025-08-28",
                        settlement=town, organizers=[body], audience=["Голови громад"])
        day = record(event_type="training", title="Лідерство у команді", lang="uk", start_date="2025-08-28",
                     settlement=town, organizers=[body], audience=["голови громад області"])
    else:
        body, town = "Совет муниципальных образований Нижегородской области", "Нижний Новгород"
        school = record(event_type="school", title="Школа мэров", lang="ru", start_date="2025-05-21",
                        settlement=town, organizers=[body], audience=["главы муниципальных округов"])
        day = record(event_type="training", title="Управление изменениями", lang="ru", date_text="21 мая",
                     settlement=town, organizers=[body], audience=["главы округов"])
    return school, day


@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("change,same", [
    ({}, True),
    ({"start_date": "2025-06-18", "date_text": None}, False),           # another day: another module
    ({"organizers": ["Міністерство розвитку громад"]}, False),          # another organizer
    ({"audience": ["депутати місцевих рад"]}, False),                    # other people
    ({"audience": ["учасники навчання"]}, False),                        # a head that names anyone
    ({"audience": ["сільські депутати"]}, False),                        # adjectives first: the noun decides
    ({"audience": ["сільські голови"]}, True),
    ({"audience": ["муниципальные служащие"]}, False),
    ({"audience": ["сельские главы"]}, True),
    ({"settlement": "Тернопіль"}, False),
    ({"event_type": "round_table"}, False),                              # not of the programme's family
])
def test_a_programme_and_its_day_named_by_its_theme(lang, change, same):
    school, day = _programme_day(lang)
    if "start_date" in change and lang == "ru":
        change = {**change, "start_date": "2025-06-25"}
    day = day | change
    for a, b in ((school, day), (day, school)):
        assert dedup.compare(a, b).same == same, dedup.compare(a, b).reasons


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_two_seminars_of_one_organizer_on_one_day_are_two(lang):
    school, day = _programme_day(lang)
    other = day | {"title": "Земельний контроль" if lang == "uk" else "Земельный контроль"}
    for a, b in ((day | {"event_type": "seminar"}, other), (other, day | {"event_type": "seminar"})):
        assert not dedup.compare(a, b).same, dedup.compare(a, b).reasons


# A place the gazetteer lacks (it lists only the towns of Russia's regions) against the regional centre of the same
# region: an announcement names the village venue, a report the centre. Records written for these tests.
@pytest.mark.parametrize("lang,title,village,centre,other_town,region", [
    ("ru", "Бюджетный процесс поселения", "Завьялово", "Ижевск", "Сарапул", "Удмуртская Республика"),
    ("ru", "Муниципальный земельный контроль", "Бакалы", "Уфа", "Стерлитамак", "Республика Башкортостан"),
    ("uk", "Бюджетний процес громади", "Садиба Лісова", "Житомир", "Бердичів", "Житомирська область"),
])
def test_an_unlisted_village_by_its_regional_centre(lang, title, village, centre, other_town, region):
    announced = record(title=title, lang=lang, start_date="2024-09-15", settlement=village, region=region,
                       status="announced")
    report = record(title=title, lang=lang, start_date="2024-09-15", settlement=centre, region=region)
    for a, b in ((announced, report), (report, announced)):
        assert dedup.compare(a, b).same, dedup.compare(a, b).reasons
    assert not dedup.compare(announced, report | {"settlement": other_town}).same
    assert not dedup.compare(report | {"settlement": other_town}, announced).same


# An organizer holds one forum a day in a town: one site names it by its number, another by its slogan.
@pytest.mark.parametrize("numbered,slogan,body,town", [
    ("ІV Форум місцевого самоврядування Поділля", "Громада, що відбудовує", "Вінницька обласна рада", "Вінниця"),
    ("II Муниципальный форум Прикамья", "Сильные территории", "Законодательное собрание Пермского края", "Пермь"),
])
@pytest.mark.parametrize("change,same", [
    ({}, True),
    ({"start_date": "2025-04-26"}, False),                          # a day apart: not surely one
    ({"organizers": ["Асоціація міст України"]}, False),
    ({"event_type": "round_table"}, False),                         # many round tables a day
    ({"event_type": "round_table", "other": "round_table"}, False),
    ({"settlement": "Хмельницький"}, False),
    ({"organizers": ["Вінницька міська рада"]}, False),              # the town's council, not the region's
    ({"organizers": ["Пермская городская дума"]}, False),
])
def test_two_names_of_one_forum_on_one_day(numbered, slogan, body, town, change, same):
    change = dict(change)
    other_type = change.pop("other", "forum")
    first = record(event_type=other_type, title=numbered, start_date="2025-04-25", settlement=town, organizers=[body])
    second = record(event_type="forum", title=slogan, start_date="2025-04-25", settlement=town,
                    organizers=[body]) | change
    for a, b in ((first, second), (second, first)):
        assert dedup.compare(a, b).same == same, dedup.compare(a, b).reasons


# An undated announcement published after the other's dates, or after an undated report of the same name, announces
# a later edition ("наступний форум «…» відбудеться …" with its date missed).
@pytest.mark.parametrize("title", ["Агрогромада: земля і люди", "Муниципальный финансовый контроль"])
@pytest.mark.parametrize("published,same", [("2025-06-20", False), ("2025-06-10", False), ("2025-05-20", True),
                                            ("2025-06-06", True)])
def test_an_announcement_published_after_the_event(title, published, same):
    held = record(event_type="forum", title=title, start_date="2025-06-05", settlement="Полтава")
    announced = record(event_type="forum", title=title, published=published, settlement="Полтава",
                       status="announced")
    undated_report = record(event_type="forum", title=title, published="2025-06-06", settlement="Полтава")
    for a, b in ((held, announced), (announced, held), (undated_report, announced), (announced, undated_report)):
        assert dedup.compare(a, b).same == same, (a, b, dedup.compare(a, b).reasons)


# Bodies of two levels of government of one town ("обласна рада" / "міська рада") are two organizers, however
# alike the rest of their names; one body in two languages is one.
@pytest.mark.parametrize("titles,town,region,body,other_level,translated", [
    (("Безпека громади: укриття", "Безпека громади: евакуація"), "Черкаси", "Черкаська область",
     "Черкаська обласна рада", "Черкаська міська рада", "Черкасский областной совет"),
    (("Безопасность поселения: укрытия", "Безопасность поселения: эвакуация"), "Тула", "Тульская область",
     "Тульская областная дума", "Тульская городская дума", "Тульська обласна дума"),
])
def test_bodies_of_two_levels_of_one_town(titles, town, region, body, other_level, translated):
    first = record(title=titles[0], start_date="2025-05-14", settlement=town, organizers=[body])
    for organizer, same in ((body, True), (translated, True), (other_level, False)):
        second = record(title=titles[1], start_date="2025-05-14", region=region, organizers=[organizer])
        for a, b in ((first, second), (second, first)):
            assert dedup.compare(a, b).same == same, dedup.compare(a, b).reasons


# How many times a series has been held, as an adverb by its name ("вдруге відбулася «…»", "впервые прошел"), is its
# number: a page with no time at all is then told from another year's edition.
@pytest.mark.parametrize("lang,first,second,same", [
    ("uk", "У Рівному вдруге відбулася «Школа молодого депутата».", "Втретє у Рівному відбулася «Школа молодого депутата».",
     False),
    ("uk", "У Рівному вдруге відбулася «Школа молодого депутата».", "У Рівному відбулася «Школа молодого депутата».",
     True),
    ("ru", "В Рязани впервые прошел семинар «Муниципальные закупки».",
     "В Рязани во второй раз прошел семинар «Муниципальные закупки».", False),
    ("ru", "В Рязани впервые прошел семинар «Муниципальные закупки».",
     "В Рязани прошел семинар «Муниципальные закупки».", True),
])
def test_the_times_a_series_was_held_is_its_number(tmp_path, lang, first, second, same):
    title = first[first.index("«") + 1:first.index("»")]
    town = "Рівне" if lang == "uk" else "Рязань"
    rec = record(event_type="school" if lang == "uk" else "seminar", title=title, lang=lang, settlement=town)
    db = store.open_db(tmp_path / "events.db")
    pages = [("a", first, {"published": "2024-03-22"}), ("b", second, {})]  # the second page shows no time at all
    for article_id, text, extra in pages:
        dedup.save_article(db, _article(article_id) | {"text": text, "lang": lang},
                           [rec | extra | {"article_id": article_id}], run_id=None)
    events = dict(db.execute("select article_id, event_id from event_sources").fetchall())
    assert (events["a"] == events["b"]) == same


@pytest.mark.parametrize("uk,ru", [("Громадяни і влада", "Громады и власть"), ("Права громадян", "Права общин")])
def test_citizens_are_no_hromada(uk, ru):
    a, b = record(title=uk, lang="uk", start_date="2024-05-14"), record(title=ru, lang="ru", start_date="2024-05-14")
    assert dedup.compare(a, b).reasons[0] != "title 1.00"
