"""Missing and wrong events: the nothing-found view, add (app and CLI), split, merge and undo, read back from the store."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import dedup, store
from extractor.cli import app as cli_app
from extractor.review import edits, forms, missed
from extractor.store import queue
from review_data import MISSED, client, db_path, ids  # noqa: F401 (fixtures)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def event_of(db_path: Path, event_id: str) -> dict | None:
    return store.get_event(store.open_db(db_path), event_id)


def actions(db_path: Path, event_id: str) -> list[str]:
    return [r["action"] for r in store.reviews_of(store.open_db(db_path), event_id)]


# --- nothing found ---------------------------------------------------------------------------------

def test_nothing_found_lists_articles_without_events_most_likely_first(client):
    html = client.get("/missed").text
    assert re.findall(r'href="/article/([^"]+)"', html) == ["uk-missed", "uk-weather"]
    assert "статей без жодної події: 2" in html


def test_an_article_page_marks_its_candidate_sentences(client):
    html = client.get("/article/uk-missed").text
    marked = re.findall(r'<mark data-fields="candidate"[^>]*>([^<]*)</mark>', html)
    assert any("тренінг з написання" in m for m in marked)
    assert "Погода" not in html
    assert client.get("/article/nope").status_code == 404


def test_candidates_put_the_best_sentence_first():
    article = MISSED[0]
    found = missed.candidates(article["text"], "uk", article["published"])
    assert "старости громад пройшли дводенний тренінг" in article["text"][found[0].start:found[0].end]
    assert found == sorted(found, key=lambda c: -c.score)
    assert missed.candidates(MISSED[1]["text"], "uk") == []


# --- add -------------------------------------------------------------------------------------------

def test_add_in_the_app_makes_an_event_whose_source_is_the_reviewer(client, db_path):
    csrf = csrf_of(client.get("/article/uk-missed").text)
    response = client.post("/article/uk-missed/add", data={
        "csrf": csrf, "event_type": "training", "title": "Написання грантових проєктів", "start_date": "10.06.2025",
        "end_date": "11.06.2025", "settlement": "Полтава", "organizers": "Полтавська обласна рада"},
        follow_redirects=False)
    assert response.status_code == 303
    event_id = response.headers["location"].split("/")[2].split("?")[0]
    event = event_of(db_path, event_id)
    assert (event["event_type"], event["start_date"], event["end_date"], event["organizers"]) == (
        "training", "2025-06-10", "2025-06-11", ["Полтавська обласна рада"])
    assert event["added_by"] and event["reviewed_fields"] == list(store.EDITABLE_FIELDS)
    assert [s["article_id"] for s in event["sources"]] == ["uk-missed"]
    assert event["sources"][0]["record"]["added_by"] == event["added_by"]
    assert actions(db_path, event_id) == ["add"]
    assert "uk-missed" not in client.get("/missed").text


def test_add_without_a_type_or_with_a_bad_date_is_refused(client, db_path):
    csrf = csrf_of(client.get("/article/uk-missed").text)
    response = client.post("/article/uk-missed/add", data={"csrf": csrf, "title": "x", "start_date": "31.02.2025"})
    assert response.status_code == 400
    assert "оберіть тип події" in response.text and "ДД.ММ.РРРР" in response.text
    assert client.post("/article/uk-missed/add", data={"event_type": "training"}).status_code == 403
    assert store.article_event_ids(store.open_db(db_path), "uk-missed") == []


def test_add_from_the_terminal_and_a_rerun_never_overwrites_it(db_path, ids):
    result = CliRunner().invoke(cli_app, ["add", "uk-missed", "--type", "training", "--title", "Грантові проєкти",
                                          "--start", "10.06.2025", "--organizer", "Полтавська обласна рада",
                                          "--reviewer", "olena", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    event_id = result.output.strip()
    # The article is extracted again (its text changed) and now yields a record of its own.
    db = store.open_db(db_path)
    article = {**MISSED[0], "text": MISSED[0]["text"] + " Оновлено.", "status": "extracted", "reason": None,
               "duplicate_of": None}
    record = {"article_id": "uk-missed", "lang": "uk", "event_type": "seminar", "title": "Інша назва",
              "start_date": "2025-06-10", "end_date": "2025-06-10", "settlement": "Полтава", "organizers": [],
              "partners": [], "audience": [], "topics": [], "online": False, "confidence": 0.9, "evidence": {}}
    dedup.save_article(db, article, [record], run_id=None)
    event = event_of(db_path, event_id)
    assert (event["event_type"], event["title"], event["start_date"], event["reviewed_by"]) == (
        "training", "Грантові проєкти", "2025-06-10", "olena")
    assert "uk-missed" in [s["article_id"] for s in event["sources"]]


@pytest.mark.parametrize("args, message", [
    (["--type", "party"], "error: event_type: значення не з переліку"),
    (["--type", "seminar", "--start", "2025-13-01"], "error: start_date: дата має бути у форматі ДД.ММ.РРРР"),
])
def test_add_from_the_terminal_refuses_bad_values_in_one_line(db_path, ids, args, message):
    result = CliRunner().invoke(cli_app, ["add", "uk-missed", *args, "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(message)
    assert store.article_event_ids(store.open_db(db_path), "uk-missed") == []


# --- split, merge, undo ----------------------------------------------------------------------------

def test_split_takes_one_source_away_with_its_own_fields(client, db_path, ids):
    csrf = csrf_of(client.get(f"/event/{ids['uk-budget']}").text)
    response = client.post(f"/event/{ids['uk-budget']}/split", data={"csrf": csrf, "article_id": "uk-budget-reprint"},
                           follow_redirects=False)
    new_id = response.headers["location"].split("/")[2].split("?")[0]
    old, new = event_of(db_path, ids["uk-budget"]), event_of(db_path, new_id)
    assert [s["article_id"] for s in old["sources"]] == ["uk-budget"]
    assert [s["article_id"] for s in new["sources"]] == ["uk-budget-reprint"]
    assert new["title"] == "Бюджет громади-2025" and new["added_by"]
    assert actions(db_path, new_id) == actions(db_path, ids["uk-budget"]) == ["split"]


def test_split_of_a_single_source_event_makes_a_copy_to_correct(db_path, ids):
    db = store.open_db(db_path)
    new_id = edits.split_event(db, ids["ru-services"], "olena")
    old, new = event_of(db_path, ids["ru-services"]), event_of(db_path, new_id)
    assert new["title"] == old["title"] and [s["article_id"] for s in new["sources"]] == ["ru-services"]
    assert [s["article_id"] for s in old["sources"]] == ["ru-services"]
    with pytest.raises(store.StoreError):
        edits.split_event(db, ids["ru-services"], "olena", "uk-budget")


def test_merge_shows_dedups_verdict_first_then_joins_the_sources(client, db_path, ids):
    db = store.open_db(db_path)
    other = edits.split_event(db, ids["uk-budget"], "olena", "uk-budget-reprint")
    page = client.get(f"/event/{ids['uk-budget']}/merge?other={other}").text
    assert "dedup: the same event" in page and 'id="confirm-merge"' in page
    response = client.post(f"/event/{ids['uk-budget']}/merge", data={"csrf": csrf_of(page), "other": other},
                           follow_redirects=False)
    assert response.status_code == 303
    merged = event_of(db_path, ids["uk-budget"])
    assert [s["article_id"] for s in merged["sources"]] == ["uk-budget", "uk-budget-reprint"]
    assert event_of(db_path, other) is None
    assert actions(db_path, other) == ["split", "merge"]
    assert client.get(f"/event/{ids['uk-budget']}/merge?other=ev-nope").status_code == 404


def test_merge_fills_only_empty_fields(db_path, ids):
    db = store.open_db(db_path)
    merged = edits.merge_events(db, ids["ru-services"], ids["uk-hostile"], "olena")
    assert merged["title"] == "Цифровые услуги для громад"          # kept
    assert merged["online"] is False                                # a value, not empty
    assert {s["article_id"] for s in merged["sources"]} == {"ru-services", "uk-hostile"}
    with pytest.raises(store.StoreError):
        edits.merge_events(db, ids["ru-services"], ids["ru-services"], "olena")


def test_u_undoes_an_edit_and_a_decision(client, db_path, ids):
    event_id = ids["ru-services"]
    csrf = csrf_of(client.get(f"/event/{event_id}").text)
    event = event_of(db_path, event_id)
    data = {**{k: v for k, v in forms.form_values(event).items() if k != "topics"}, "title": "Нова назва"}
    after_edit = client.post(f"/event/{event_id}", data={**data, "csrf": csrf, "action": "edit"})
    assert 'value="undo" data-key="u"' in after_edit.text
    client.post(f"/event/{event_id}", data={"csrf": csrf, "action": "undo"})
    assert event_of(db_path, event_id)["title"] == "Цифровые услуги для громад"
    client.post(f"/event/{event_id}", data={"csrf": csrf, "action": "approve"})
    client.post(f"/event/{event_id}", data={"csrf": csrf, "action": "undo"})
    assert event_of(db_path, event_id)["review_status"] == "pending"
    log = [(r["action"], r["field"], json.loads(r["after"])) for r in store.reviews_of(store.open_db(db_path), event_id)]
    assert log == [("edit", "title", "Нова назва"), ("undo", "title", "Цифровые услуги для громад"),
                   ("approve", "review_status", "approved"), ("undo", "review_status", "pending")]


def test_nothing_to_undo_is_a_plain_refusal(client, ids):
    csrf = csrf_of(client.get("/").text)
    response = client.post(f"/event/{ids['uk-hostile']}", data={"csrf": csrf, "action": "undo"})
    assert (response.status_code, response.text) == (400, f"nothing to undo on {ids['uk-hostile']}")


# --- queue details ---------------------------------------------------------------------------------

@pytest.mark.parametrize("url, source, site", [
    ("https://www.hromady.org/news/1", "dump.jsonl:12", "hromady.org"),
    ("http://Oblrada.Example.org:8080/x", None, "oblrada.example.org"),
    (None, "/data/in/dump.jsonl:12", "dump.jsonl"),
    ("javascript:alert(1)", "list.json#3", "list.json"),
])
def test_site_of(url, source, site):
    assert queue.site_of(url, source) == site


def test_the_queue_filters_by_site_and_shows_dates_as_dd_mm_yyyy(client, ids):
    html = client.get("/?source=hromady.example.org&date_from=20.05.2025").text
    assert re.findall(r'href="/event/([^"?]+)', html) == [ids["uk-budget"]]
    assert "20.05.2025 – 22.05.2025" in html and 'value="20.05.2025"' in html


@pytest.mark.parametrize("text, iso", [("03.04.2025", "2025-04-03"), ("3.4.2025", "2025-04-03"),
                                       ("2025-04-03", "2025-04-03"), ("31.02.2025", None), ("04/03/2025", None)])
def test_iso_date(text, iso):
    assert forms.iso_date(text) == iso
    if iso:
        assert forms.dmy(iso) == "03.04.2025"
