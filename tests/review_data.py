"""A small store for the review app's tests: made-up uk/ru articles with evidence offsets."""
from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from extractor import dedup, store

HOSTILE = "Увага <script>alert(1)</script> та <img src=x onerror=alert(1)> у тексті."

ARTICLES = [
    {
        "id": "uk-budget", "url": "https://hromady.example.org/news/budget", "lang": "uk", "source": "hromady",
        "title": "У Хмельницькому навчали бюджетуванню",
        "published": "2025-05-23",
        "text": ("20-22 травня 2025 року у Хмельницькому відбувся семінар «Бюджет громади 2025» для "
                 "голів та фінансистів територіальних громад Хмельницької області. Організатор — "
                 "Асоціація міст України, за підтримки програми U-LEAD з Європою. Участь взяли 45 осіб."),
        "event": {"event_type": "seminar", "title": "Бюджет громади 2025", "organizers": ["Асоціація міст України"],
                  "partners": ["U-LEAD з Європою"], "audience": ["голови та фінансисти територіальних громад"],
                  "topics": ["finance_budget"], "start_date": "2025-05-20", "end_date": "2025-05-22",
                  "date_text": "20-22 травня 2025 року", "settlement": "Хмельницький",
                  "region": "Хмельницька область", "participants": 45, "status": "held", "confidence": 0.55},
        "evidence": {"start_date": "20-22 травня 2025 року", "end_date": "20-22 травня 2025 року",
                     "title": "Бюджет громади 2025", "settlement": "Хмельницькому",
                     "organizers": "Асоціація міст України", "partners": "U-LEAD з Європою", "participants": "45"},
    },
    {
        "id": "ru-services", "url": "https://odesa.example.net/ru/kruglyj-stol", "lang": "ru", "source": "odesa-news",
        "title": "В Одессе обсудят цифровые услуги",
        "published": "2025-03-05",
        "text": ("12 марта 2025 года в Одессе пройдет круглый стол «Цифровые услуги для громад». "
                 "Организатор — Одесская областная военная администрация при поддержке проекта DOBRE. "
                 "Приглашаются старосты и работники ЦНАП."),
        "event": {"event_type": "round_table", "title": "Цифровые услуги для громад",
                  "organizers": ["Одесская областная военная администрация"], "partners": ["DOBRE"],
                  "audience": ["старосты", "работники ЦНАП"], "topics": ["public_services"],
                  "start_date": "2025-03-12", "end_date": "2025-03-12", "date_text": "12 марта 2025 года",
                  "settlement": "Одеса", "region": "Одеська область", "status": "announced", "confidence": 0.4},
        "evidence": {"start_date": "12 марта 2025 года", "title": "Цифровые услуги для громад",
                     "settlement": "Одессе", "partners": "DOBRE"},
    },
    {
        "id": "uk-hostile", "url": "javascript:alert(1)", "lang": "uk", "source": "scraped",
        "title": "Вебінар <b>про ЦНАП</b>",
        "published": "2025-04-01",
        "text": f"Вебінар «Стандарти ЦНАП» відбудеться 3 квітня 2025 року онлайн. {HOSTILE}",
        "event": {"event_type": "webinar", "title": "Стандарти ЦНАП <i>x</i>", "organizers": ["Мінцифри"],
                  "start_date": "2025-04-03", "end_date": "2025-04-03", "date_text": "3 квітня 2025 року",
                  "online": True, "topics": ["public_services"], "status": "announced", "confidence": 0.3},
        "evidence": {"title": "Стандарти ЦНАП", "start_date": "3 квітня 2025 року", "online": "онлайн"},
    },
    {
        "id": "uk-budget-reprint", "url": "https://oblrada.example.org/budget-seminar", "lang": "uk",
        "source": "oblrada", "title": "Семінар для фінансистів громад", "published": "2025-05-24",
        "text": ("Семінар «Бюджет громади-2025» пройшов у Хмельницькому 20–22 травня. Його провела "
                 "Асоціація міст України."),
        "event": {"event_type": "seminar", "title": "Бюджет громади-2025", "organizers": ["Асоціація міст України"],
                  "start_date": "2025-05-20", "end_date": "2025-05-22", "date_text": "20–22 травня",
                  "settlement": "Хмельницький", "region": "Хмельницька область", "status": "held",
                  "confidence": 0.7},
        "evidence": {"title": "Бюджет громади-2025", "settlement": "Хмельницькому"},
    },
]


# Stored articles where the extraction found nothing: one reports a training (a reviewer adds it), one does not.
MISSED = [
    {"id": "uk-missed", "url": "https://poltava.example.org/news/treninh", "lang": "uk", "source": "poltava",
     "title": "Старости вчилися писати проєкти", "published": "2025-06-12",
     "text": ("Новини громади. 10 червня у Полтаві старости громад пройшли дводенний тренінг з написання "
              "грантових проєктів. Тренінг провела Полтавська обласна рада. Учасники отримали сертифікати.")},
    {"id": "uk-weather", "url": "https://poltava.example.org/news/pohoda", "lang": "uk", "source": "poltava",
     "title": "Погода на вихідні", "published": "2025-06-13",
     "text": "У вихідні в Полтаві буде сонячно, до 28 градусів тепла. Дощів синоптики не прогнозують."},
]


def _record(article: dict) -> dict:
    text = article["text"]
    evidence = {}
    for field, quote in article["evidence"].items():
        start = text.index(quote)
        evidence[field] = [start, start + len(quote)]
    defaults = {"organizers": [], "partners": [], "audience": [], "topics": [], "online": False,
                "country": "UA", "lang": article["lang"]}
    return {**defaults, **article["event"], "article_id": article["id"], "evidence": evidence}


def build_store(path: Path) -> dict[str, str]:
    """Create a store with the articles above and return {article id: event id}."""
    db = store.open_db(path)
    ids = {}
    for article in ARTICLES:
        row = {k: article[k] for k in ("id", "url", "title", "lang", "published", "text", "source")}
        dedup.save_article(db, {**row, "status": "extracted", "reason": None, "duplicate_of": None},
                           [_record(article)], run_id=None)
        ids[article["id"]] = db.execute("select event_id from event_sources where article_id = ?",
                                        [article["id"]]).fetchone()[0]
    for article in MISSED:
        dedup.save_article(db, {**article, "status": "extracted", "reason": None, "duplicate_of": None}, [],
                           run_id=None)
    return ids


# Fixtures of the review tests: a test module imports the ones it uses (`from review_data import ...`).
@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "t.db"


@pytest.fixture()
def ids(db_path: Path) -> dict[str, str]:
    return build_store(db_path)


@pytest.fixture()
def client(db_path: Path, ids) -> TestClient:
    from extractor.review.app import create_app
    return TestClient(create_app(db_path), base_url="http://127.0.0.1")
