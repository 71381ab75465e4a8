"""One run loop on every executor: the same command stores the same rows in-process, in processes and on Dask."""
import importlib.util
import json
import threading
import time

import pytest
from typer.testing import CliRunner

from extractor import store
from extractor.cli import app
from extractor.limits import TimeLimitExceeded, time_limit

HAS_DASK = importlib.util.find_spec("distributed") is not None
TIMESTAMPS = ("added_at", "updated_at", "created_at", "changed_at", "run_id")  # differ between any two runs

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


def snapshot(db_path) -> dict[str, list]:
    """Return every row of the tables a run writes, without timestamps and run ids, in a fixed order."""
    db = store.open_db(db_path)
    try:
        tables = {}
        for name in ("articles", "events", "event_sources", "event_keys", "article_bands"):
            columns = [c for c in db.table(name).columns_dict if c not in TIMESTAMPS]
            tables[name] = db.execute(f"select {', '.join(columns)} from {name} order by {', '.join(columns)}").fetchall()
    finally:
        db.close()
    return tables


def run_cli(corpus, folder, *options) -> tuple[dict, str]:
    """Run `extractor run` with options; return the stored rows and the --jsonl output."""
    folder.mkdir()
    result = CliRunner().invoke(app, ["run", str(corpus), "--db", str(folder / "events.db"),
                                      "--jsonl", str(folder / "events.jsonl"), *options])
    assert result.exit_code == 0, result.output
    return snapshot(folder / "events.db"), (folder / "events.jsonl").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory):
    return run_cli(corpus, tmp_path_factory.mktemp("local") / "out", "--executor", "local")


@pytest.mark.parametrize("options", [["--executor", "processes", "--workers", "2"],
                                     pytest.param(["--executor", "dask", "--workers", "2"],
                                                  marks=pytest.mark.skipif(not HAS_DASK, reason="no dask extra"))])
def test_every_executor_stores_the_rows_of_the_local_run(corpus, local_run, tmp_path, options):
    stored, lines = run_cli(corpus, tmp_path / "out", *options)
    assert stored == local_run[0]
    assert lines == local_run[1]
    assert len(stored["articles"]) == 21
    events = [json.loads(line) for line in lines.splitlines()]
    assert {(e["article_id"], e["event_type"], e["start_date"], e["settlement"]) for e in events} >= {
        ("uk-00", "seminar", "2024-03-15", "Житомир"), ("ru-11", "training", "2024-05-20", "Одеса"),
        ("ru-15", "conference", "2023-06-09", "Казань")}


@pytest.mark.skipif(not HAS_DASK, reason="no dask extra")
def test_a_rerun_on_dask_starts_no_cluster_and_changes_nothing(corpus, local_run, tmp_path, monkeypatch):
    from extractor import executors
    run_cli(corpus, tmp_path / "out", "--executor", "dask", "--workers", "2")
    monkeypatch.setattr(executors.Dask, "_start", lambda self: pytest.fail("a cluster started for nothing new"))
    result = CliRunner().invoke(app, ["run", str(corpus), "--db", str(tmp_path / "out" / "events.db"),
                                      "--executor", "dask"])
    assert result.exit_code == 0, result.output
    assert snapshot(tmp_path / "out" / "events.db") == local_run[0]


def test_a_scheduler_without_dask_is_refused_in_one_line(corpus, tmp_path):
    result = CliRunner().invoke(app, ["run", str(corpus), "--db", str(tmp_path / "e.db"),
                                      "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 1
    assert "(--scheduler) goes with the dask executor only" in result.output


def test_the_time_limit_stops_work_in_a_thread_that_is_not_the_main_one():
    """Dask runs tasks in worker threads, where no alarm signal can be set: a watchdog stops them."""
    outcome = []

    def work():
        started = time.monotonic()
        try:
            with time_limit(0.3):
                while time.monotonic() - started < 10:
                    pass
        except TimeLimitExceeded:
            outcome.append(time.monotonic() - started)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(15)
    assert outcome and outcome[0] < 5


def test_work_done_in_time_is_not_stopped_later():
    finished = []

    def quick():
        with time_limit(0.2):
            pass
        time.sleep(0.5)  # past the limit: no exception may surface here
        finished.append(True)

    thread = threading.Thread(target=quick)
    thread.start()
    thread.join(5)
    assert finished == [True]
