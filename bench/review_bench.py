"""Measure how fast the review app's pages load over a store of 50,000 synthetic events.

    .venv/bin/python bench/review_bench.py [--events 50000] [--rounds 20] [--db outputs/review_bench.db]

The store's schema comes from store.open_db; the synthetic rows are bulk-inserted (going
through save_article's duplicate matching for 50,000 events would take minutes and measure
nothing the review app does). Times are wall-clock per request through Starlette's test
client, template rendering included; the median over the rounds is printed, and the target
is under 300 ms for the queue.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

from extractor import store

REGIONS = ["Вінницька", "Волинська", "Дніпропетровська", "Донецька", "Житомирська", "Закарпатська", "Запорізька",
           "Івано-Франківська", "Київська", "Кіровоградська", "Луганська", "Львівська", "Миколаївська", "Одеська",
           "Полтавська", "Рівненська", "Сумська", "Тернопільська", "Харківська", "Херсонська", "Хмельницька",
           "Черкаська", "Чернівецька", "Чернігівська"]
TYPES = ["seminar", "training", "round_table", "conference", "webinar", "course", "school", "forum",
         "study_visit", "meeting", "other"]
TOPICS = ["finance_budget", "public_services", "decentralization", "energy", "digitalization", "idp_integration"]
PARTNERS = ["U-LEAD з Європою", "DOBRE", "USAID", "ПРООН", "GIZ", "Рада Європи", "SKL International"]
SOURCES = [f"site-{i:02d}" for i in range(20)]


def build(path: Path, n: int, seed: int = 7) -> None:
    """Create a store at `path` with n synthetic events, each with its own article."""
    path.unlink(missing_ok=True)
    db = store.open_db(path)
    rnd = random.Random(seed)
    articles, events, sources = [], [], []
    for i in range(n):
        region = rnd.choice(REGIONS) + " область"
        start = date(2019, 1, 1) + timedelta(days=rnd.randrange(2900))
        end = start + timedelta(days=rnd.choice([0, 0, 1, 2]))
        article_id = f"a{i:06d}"
        lang = rnd.choice(["uk", "uk", "uk", "ru"])
        title = f"Семінар з питань громад № {i}"
        text = (f"{start:%d.%m.%Y} у місті {region} відбувся захід «{title}» для посадовців громад. " * 4)
        articles.append({"id": article_id, "url": f"https://{rnd.choice(SOURCES)}.example/{i}", "title": title,
                         "lang": lang, "published": str(end), "text": text, "content_hash": str(i),
                         "status": "extracted", "source": rnd.choice(SOURCES), "updated_at": store.now()})
        status = rnd.choices(["pending", "approved", "rejected"], [6, 3, 1])[0]
        events.append({
            "id": f"ev-{i:016x}", "article_id": article_id, "lang": lang, "event_type": rnd.choice(TYPES),
            "title": title, "organizers": json.dumps([f"Громада {i % 900}"], ensure_ascii=False),
            "partners": json.dumps(rnd.sample(PARTNERS, rnd.randrange(3)), ensure_ascii=False),
            "audience": "[]", "topics": json.dumps(rnd.sample(TOPICS, rnd.randrange(1, 3))),
            "start_date": str(start), "end_date": str(end), "settlement": f"Місто {i % 500}", "region": region,
            "online": 0, "status": "held", "confidence": round(rnd.random(), 3),
            "evidence": json.dumps({"title": [text.index(title), text.index(title) + len(title)]}), "review_status": status,
            "reviewed_fields": "[]", "conflicts": "[]", "version": 1, "created_at": store.now(),
            "updated_at": store.now()})
        sources.append({"event_id": events[-1]["id"], "article_id": article_id, "url": articles[-1]["url"],
                        "record": "{}", "evidence": events[-1]["evidence"], "added_at": store.now()})
    with db.atomic():
        db.table("articles").insert_all(articles, batch_size=2000)
        db.table("events").insert_all(events, batch_size=2000)
        db.table("event_sources").insert_all(sources, batch_size=2000)
    db.execute("analyze")
    db.conn.close()


def timed(client, url: str, rounds: int) -> tuple[float, float]:
    """Return (first, median) milliseconds of GET url."""
    times = []
    for _ in range(rounds + 1):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times[0], statistics.median(times[1:])


def main() -> None:
    """Build the store, then time the queue (plain and filtered), an event page and coverage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--db", type=Path, default=Path("outputs/review_bench.db"))
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    from starlette.testclient import TestClient  # after the filter: it warns about httpx on import

    from extractor.review.app import create_app

    start = time.perf_counter()
    build(args.db, args.events)
    print(f"built {args.events} events in {time.perf_counter() - start:.1f} s")
    client = TestClient(create_app(args.db), base_url="http://127.0.0.1")
    last_page = -(-args.events * 6 // 10 // 50)
    urls = {
        "queue": "/",
        "queue, region filter": "/?region=Одеська+область",
        "queue, lang+dates": "/?lang=ru&date_from=2021-01-01&date_to=2021-12-31",
        "queue, source filter": "/?source=site-03",
        "queue, all statuses": "/?status=all",
        "queue, deep page": f"/?page={last_page}",
        "event page": "/event/ev-0000000000000064",
        "coverage": "/coverage",
    }
    for name, url in urls.items():
        first, median = timed(client, url, args.rounds)
        print(f"{name:22s} median {median:7.1f} ms   first {first:7.1f} ms")


if __name__ == "__main__":
    main()
