"""A run killed with SIGKILL mid-batch resumes without redoing, doubling or losing anything."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

EXTRACTOR = [sys.executable, "-m", "extractor.cli"]
# Batches of 4 (one transaction each): the kills land inside a batch of several articles.
ENV = {**os.environ, "EXTRACTOR_BATCH_ARTICLES": "4"}
# (uk title, ru title) of distinct seminars
TOPICS = [
    ("Бюджет громади: планування", "Бюджет общины: планирование"),
    ("Енергоефективність шкіл", "Энергоэффективность школ"),
    ("Земельні відносини в громаді", "Земельные отношения в общине"),
    ("Публічні закупівлі для старост", "Публичные закупки для старост"),
    ("Цифрова трансформація громад", "Цифровая трансформация общин"),
    ("Стратегічне планування розвитку", "Стратегическое планирование развития"),
    ("Робота зі зверненнями громадян", "Работа с обращениями граждан"),
    ("Інклюзивність публічних просторів", "Инклюзивность публичных пространств"),
    ("Антикорупційна політика громади", "Антикоррупционная политика общины"),
    ("Молодіжна політика громади", "Молодёжная политика общины"),
]
# (uk locative, ru locative) of cities
CITIES = [("Полтаві", "Полтаве"), ("Вінниці", "Виннице"), ("Житомирі", "Житомире"), ("Львові", "Львове")]
UK_MONTHS = ["березня", "квітня", "травня", "червня", "вересня"]
RU_MONTHS = ["марта", "апреля", "мая", "июня", "сентября"]
NEWS = [
    "У Житомирі відремонтували дорогу на вулиці Київській, рух відновлено.",
    "В Виннице открыли новый сквер возле городского рынка.",
    "У Львові тривають роботи з оновлення трамвайної колії на вулиці Городоцькій.",
    "Полтавские коммунальщики завершили подготовку котельных к зиме.",
    "У громаді відкрили оновлену бібліотеку з простором для дітей.",
]


def articles() -> list[dict]:
    """Write 40 articles: 20 seminars in uk, a ru report of every second one, reprints and plain news."""
    out = []
    for n in range(20):
        uk_title, ru_title = TOPICS[n % len(TOPICS)]
        uk_city, ru_city = CITIES[n % len(CITIES)]
        day, month = 3 + n, n % len(UK_MONTHS)
        uk = (f"У {uk_city} {day} {UK_MONTHS[month]} 2024 року відбувся семінар «{uk_title}» для старост "
              f"і посадових осіб місцевого самоврядування. Участь взяли {20 + n} учасників.")
        out.append({"id": f"uk-{n:02d}", "lang": "uk", "published": f"2024-{month + 3:02d}-{day + 1:02d}", "text": uk})
        if n % 2 == 0:
            ru = (f"В {ru_city} {day} {RU_MONTHS[month]} 2024 года прошёл семинар «{ru_title}» для старост "
                  f"и должностных лиц местного самоуправления. Участие приняли {20 + n} человек.")
            out.append({"id": f"ru-{n:02d}", "lang": "ru", "published": f"2024-{month + 3:02d}-{day + 2:02d}",
                        "text": ru})
        if n % 4 == 1:
            out.append({"id": f"copy-{n:02d}", "lang": "uk", "published": None, "text": uk})
    out += [{"id": f"news-{n}", "lang": None, "published": None, "text": t} for n, t in enumerate(NEWS)]
    assert len(out) == 40
    return out


def write_folder(folder: Path) -> None:
    folder.mkdir()
    for a in articles():
        (folder / f"{a['id']}.json").write_text(json.dumps({**a, "url": f"https://example.ua/{a['id']}"},
                                                           ensure_ascii=False), encoding="utf-8")


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:  # the schema is not there yet
        return 0


def run(folder: Path, db: Path) -> None:
    done = subprocess.run([*EXTRACTOR, "run", str(folder), "--db", str(db)], check=False, capture_output=True,
                          text=True, timeout=300, env=ENV)
    assert done.returncode == 0, done.stderr[-3000:]


def run_and_kill(folder: Path, db: Path, after: int) -> int:
    """Start a run, SIGKILL it once `after` articles are stored; return how many were stored then."""
    proc = subprocess.Popen([*EXTRACTOR, "run", str(folder), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    deadline = time.monotonic() + 120
    try:
        while (stored := count_articles(db)) < after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    return stored


def events_of(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("select title, start_date, settlement from events").fetchall())


def test_killed_runs_resume_without_doubling_or_losing(tmp_path):
    folder = tmp_path / "articles"
    write_folder(folder)
    clean_db, db = tmp_path / "clean.db", tmp_path / "killed.db"
    run(folder, clean_db)

    # Kill twice at different points, then let a third run finish.
    assert run_and_kill(folder, db, after=3) < 40
    assert run_and_kill(folder, db, after=count_articles(db) + 10) < 40
    run(folder, db)

    with sqlite3.connect(db) as conn:
        rows = conn.execute("select id, status from articles").fetchall()
        sources = conn.execute("select count(*), count(distinct event_id || article_id) from event_sources").fetchone()
        orphans = conn.execute("select count(*) from events e where not exists "
                               "(select 1 from event_sources s where s.event_id = e.id)").fetchone()[0]
    assert sorted(i for i, _ in rows) == sorted(a["id"] for a in articles())  # each article once
    assert {s for _, s in rows} <= {"extracted", "duplicate", "skipped"}
    assert sources[0] == sources[1] and orphans == 0
    clean = events_of(clean_db)
    assert events_of(db) == clean
    assert len(clean) >= 15  # the templates do give events (a failed extraction would pass vacuously)
    run(folder, db)  # a finished run repeated adds nothing
    assert events_of(db) == clean
