import json

import pytest

pytest.importorskip("dask.distributed")

from extractor import pipeline, store  # noqa: E402
from extractor.distributed import run_dask  # noqa: E402

# (language, event sentence, a second sentence, publication date): literal news phrasing written for this test.
ARTICLES = [
    ("uk", "15 березня 2024 року у Житомирі відбувся семінар «Бюджет громади» для старост.",
     "Організатор – Асоціація міст України.", "2024-03-16"),
    ("uk", "20-22 травня у Полтаві відбудеться тренінг «Цифрова громада» для працівників ЦНАПів.",
     "Захід проходить за підтримки Програми «U-LEAD з Європою».", "2024-05-10"),
    ("uk", "З 30 вересня по 2 жовтня у Львові пройде форум «Відкрита громада».",
     "Участь у форумі візьмуть понад 100 посадовців місцевого самоврядування.", "2024-09-20"),
    ("uk", "12.04.2024 у Вінниці відбувся круглий стіл «Енергоефективність у громадах».",
     "Учасники обговорили утеплення шкіл та лікарень.", "2024-04-13"),
    ("uk", "Вчора у Чернігові відбувся вебінар «Публічні закупівлі» для депутатів місцевих рад.",
     "Вебінар організував Центр розвитку місцевого самоврядування.", "2023-11-08"),
    ("uk", "У Кам'янці-Подільському 9 червня відбулася конференція «Безпечна громада».",
     "Конференцію підтримала Рада Європи.", "2023-06-10"),
    ("uk", "Депутати Ужгородської міської ради ухвалили зміни до бюджету на поточний рік.",
     "Першочерговим завданням залишається ремонт доріг та шкіл.", "2024-02-01"),
    ("uk", "18 жовтня у Сумах відбулася школа старост «Сильний округ».",
     "Навчання провели експерти Всеукраїнської асоціації громад.", "2024-10-19"),
    ("uk", "У Херсоні 3 липня відбувся тренінг «Стратегічне планування» для голів громад.",
     "За словами організаторів, це перший тренінг такого формату.", "2021-07-04"),
    ("uk", "В Ірпені відкрили новий центр надання адміністративних послуг.",
     "Тепер мешканці можуть оформити паспорт без черг.", "2024-08-12"),
    ("ru", "15 марта 2024 года в Харькове состоялся семинар «Бюджет общины» для старост.",
     "Организатор – Ассоциация городов Украины.", "2024-03-16"),
    ("ru", "20-22 мая в Одессе пройдет тренинг «Цифровая община» для сотрудников ЦПАУ.",
     "Мероприятие проходит при поддержке Программы «U-LEAD с Европой».", "2024-05-10"),
    ("ru", "С 30 сентября по 2 октября в Днепре пройдет форум «Открытая власть».",
     "В форуме примут участие более 100 должностных лиц.", "2024-09-20"),
    ("ru", "12.04.2024 в Запорожье состоялся круглый стол «Энергоэффективность в муниципалитетах».",
     "Участники обсудили утепление школ и больниц.", "2024-04-13"),
    ("ru", "Вчера в Николаеве прошел вебинар «Государственные закупки» для депутатов местных советов.",
     "Вебинар организовал Центр развития местного самоуправления.", "2023-11-08"),
    ("ru", "В Казани 9 июня состоялась конференция «Безопасный город».",
     "Конференцию поддержал Совет Европы.", "2023-06-10"),
    ("ru", "Депутаты городской думы Самары утвердили изменения в бюджет текущего года.",
     "Приоритетом остается ремонт дорог и школ.", "2024-02-01"),
    ("ru", "18 октября в Перми прошла школа муниципального управления «Сильный муниципалитет».",
     "Занятия провели эксперты регионального фонда.", "2024-10-19"),
    ("ru", "В Черкассах 3 июля состоялся тренинг «Стратегическое планирование» для глав общин.",
     "По словам организаторов, это первый тренинг такого формата.", "2021-07-04"),
    ("ru", "В Туле открыли новый многофункциональный центр.",
     "Теперь жители могут оформить паспорт без очередей.", "2024-08-12"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    records = []
    for n, (lang, first, second, published) in enumerate(ARTICLES):
        text = f"{first} {second}\n\nНовини громади\n\n{first}" if lang == "uk" else f"{first} {second}"
        records.append({"id": f"{lang}-{n:02d}", "url": f"https://example.org/{n}", "published": published,
                        "text": text})
    # The same text under another id, in the same shard; another text under a used id, at the end.
    records.insert(1, {**records[0], "id": "uk-00-copy"})
    records.append({**records[-1], "text": "Інший текст під тим самим ідентифікатором, без жодної події."})
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return path


def snapshot(db_path) -> tuple[list, list]:
    """Return the stored articles and events, without ids and timestamps."""
    db = store.open_db(db_path)
    try:
        articles = db.execute("select id, lang, status, content_hash from articles order by id").fetchall()
        events = db.execute("select s.article_id, e.event_type, e.title, e.start_date, e.end_date, e.settlement, "
                            "e.region from events e join event_sources s on s.event_id = e.id "
                            "order by s.article_id, e.title, e.start_date").fetchall()
    finally:
        db.close()
    return articles, events


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    db_path = tmp_path_factory.mktemp("single") / "events.db"
    summary = pipeline.run([corpus], db_path)
    return summary.counts(), snapshot(db_path)


def test_dask_run_stores_what_a_single_process_run_stores(corpus, single, tmp_path):
    counts, stored = single
    db_path = tmp_path / "events.db"
    summary = run_dask([corpus], db_path, n_workers=2, shard_size=4)
    assert summary.counts() == counts
    assert (summary.read, summary.unchanged, summary.extracted) == (21, 0, 20)
    assert summary.skipped == {pipeline.REUSED_ID: 1, "exact duplicate of a stored article": 1}
    articles, events = snapshot(db_path)
    assert (articles, events) == stored
    assert len(articles) == 21 and len(events) == 16
    assert ("uk-00", "seminar", "Бюджет громади", "2024-03-15", "2024-03-15", "Житомир", "Житомирська область") in events
    assert ("ru-11", "training", "Цифровая община", "2024-05-20", "2024-05-22", "Одеса", "Одеська область") in events
    assert ("ru-15", "conference", "Безопасный город", "2023-06-09", "2023-06-09", "Казань", "Республика Татарстан") in events

    # Nothing changed: every article is skipped by its hash, before any cluster starts.
    again = run_dask([corpus], db_path, n_workers=2, shard_size=4)
    assert (again.read, again.unchanged, again.extracted) == (21, 21, 0)
    assert snapshot(db_path) == stored
