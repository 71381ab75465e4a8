"""Auto-approval of confident, unreviewed events and the per-threshold report."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import approval, dedup, store

EVENTS = [  # (article id, language, sentence, title, date, confidence)
    ("uk-1", "uk", "15 квітня 2025 року в Житомирі відбувся тренінг для депутатів місцевих рад.",
     "тренінг для депутатів", "2025-04-15", 0.96),
    ("ru-2", "ru", "16 апреля 2025 года в Одессе прошёл семинар по бюджетному процессу.",
     "семинар по бюджетному процессу", "2025-04-16", 0.9),
    ("uk-3", "uk", "17 квітня 2025 року у Полтаві відбувся круглий стіл про об’єднання громад.",
     "круглий стіл про об’єднання громад", "2025-04-17", 0.89),
    ("ru-4", "ru", "18 апреля 2025 года в Херсоне состоялся вебинар для старост.",
     "вебинар для старост", "2025-04-18", None),
]


@pytest.fixture
def db(tmp_path: Path):
    conn = store.open_db(tmp_path / "t.db")
    for article_id, lang, text, title, day, confidence in EVENTS:
        article = {"id": article_id, "url": f"https://news.example/{article_id}", "title": title, "lang": lang,
                   "published": day, "text": text, "status": "extracted", "reason": None, "duplicate_of": None,
                   "source": "test"}
        event = {"article_id": article_id, "lang": lang, "event_type": "seminar", "title": title,
                 "start_date": day, "end_date": day, "organizers": [], "partners": [], "audience": [],
                 "topics": [], "online": False, "status": "held", "confidence": confidence, "evidence": {}}
        dedup.save_article(conn, article, [event], run_id=None)
    return conn


def status_by_title(db) -> dict[str, str]:
    return {e["title"]: e["review_status"] for e in store.list_events(db)}


@pytest.mark.parametrize("threshold, approved", [(0.95, 1), (0.9, 2), (0.5, 3), (1.01, 0), (float("nan"), 0)])
def test_threshold_is_inclusive(db, threshold: float, approved: int):
    assert approval.auto_approve(db, threshold) == approved
    assert list(status_by_title(db).values()).count("approved") == approved


def test_decisions_are_logged_and_a_rerun_changes_nothing(db):
    assert approval.auto_approve(db, 0.9) == 2
    approved = store.list_events(db, "approved")
    assert {e["reviewed_by"] for e in approved} == {"auto"}
    assert [r["reviewer"] for r in store.reviews_of(db, approved[0]["id"])] == ["auto"]
    assert approval.auto_approve(db, 0.9) == 0


def test_events_people_touched_are_left_to_people(db):
    by_title = {e["title"]: e for e in store.list_events(db)}
    store.review_event(db, by_title["тренінг для депутатів"]["id"], "Ірина", "edit", {"participants": 25})
    store.review_event(db, by_title["семинар по бюджетному процессу"]["id"], "Ірина", "reject")
    assert approval.auto_approve(db, 0.5) == 1
    assert status_by_title(db) == {"тренінг для депутатів": "pending", "семинар по бюджетному процессу": "rejected",
                                   "круглий стіл про об’єднання громад": "approved", "вебинар для старост": "pending"}


def matched_by_title(gold: list[dict], pred: list[dict], articles: set[str]) -> dict:
    """Stand in for the reference scorer: a prediction matches when a gold event has its title."""
    titles = {g["title"] for g in gold}
    matched = sum(p["title"] in titles for p in pred)
    return {"matched": matched, "region": {"p": matched / len(pred)}}


def test_threshold_outcomes_share_and_precision():
    gold = [{"article_id": "uk-1", "title": "тренінг для депутатів"}, {"article_id": "uk-3", "title": "круглий стіл"}]
    pred = [{"article_id": "uk-1", "title": "тренінг для депутатів", "confidence": 0.97},
            {"article_id": "uk-1", "title": "форум громад", "confidence": 0.92},
            {"article_id": "uk-3", "title": "круглий стіл", "confidence": 0.85},
            {"article_id": "uk-9", "title": "out of scope", "confidence": 0.99},
            {"article_id": "neg-1", "title": "семинар", "confidence": None}]
    outcomes = approval.threshold_outcomes(gold, pred, {"uk-1", "uk-3", "neg-1"}, [0.0, 0.9, 0.95, 0.99],
                                           matched_by_title)
    assert [(o.approved, o.matched, round(o.share, 2), round(o.precision, 2)) for o in outcomes] == [
        (4, 2, 1.0, 0.5), (2, 1, 0.5, 0.5), (1, 1, 0.25, 1.0), (0, 0, 0.0, 0.0)]
    assert outcomes[1].fields == {"region": 0.5}
    assert outcomes[1].line() == ("     0.90        2   50.0%        1     50.0%" + "       0.0%" + "      50.0%"
                                  + "       0.0%" * 3)
