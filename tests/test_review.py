"""The review web app: pages, decisions, escaping, CSRF and the access token (Starlette TestClient)."""
from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.datastructures import FormData
from starlette.testclient import TestClient

from extractor import dedup, store
from extractor.review import charts, decisions, forms, highlight, security
from extractor.store import queue as queries
from extractor.review.app import create_app
from extractor.review.web import as_text, local_path, safe_url
from extractor.text import split_sentences
from review_data import client, db_path, ids  # noqa: F401 (fixtures)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def event_row(db_path: Path, event_id: str) -> dict:
    return store.get_event(store.open_db(db_path), event_id)


def review_rows(db_path: Path, event_id: str) -> list[tuple]:
    return [(r["reviewer"], r["action"], r["field"], json.loads(r["before"]), json.loads(r["after"]))
            for r in store.reviews_of(store.open_db(db_path), event_id)]


def form_of(event: dict, **changes) -> dict:
    """Return the event's form as a browser would submit it, with some fields changed."""
    values = forms.form_values(event) | changes
    return {k: v for k, v in values.items() if k != "topics"}


# --- queue ---------------------------------------------------------------------------------------

def test_queue_lists_pending_lowest_confidence_first(client):
    html = client.get("/").text
    positions = [html.index(t) for t in ("Стандарти ЦНАП", "Цифровые услуги для громад", "Бюджет громади 2025")]
    assert positions == sorted(positions)
    assert "3 очікує" in html


@pytest.mark.parametrize("params, expected", [
    ({}, ["uk-hostile", "ru-services", "uk-budget"]),
    ({"region": "Одеська область"}, ["ru-services"]),
    ({"lang": "uk"}, ["uk-hostile", "uk-budget"]),
    ({"event_type": "webinar"}, ["uk-hostile"]),
    ({"source": "oblrada.example.org"}, ["uk-budget"]),  # the merged event's second source, by its site
    ({"date_from": "2025-04-01", "date_to": "2025-04-30"}, ["uk-hostile"]),
    ({"date_from": "2025-05-21"}, ["uk-budget"]),    # a range still running on that day
    ({"date_to": "not a date"}, ["uk-hostile", "ru-services", "uk-budget"]),
    ({"date_to": "2025-02-30"}, ["uk-hostile", "ru-services", "uk-budget"]),
    ({"status": "approved"}, []),
])
def test_queue_filters(db_path, ids, params, expected):
    page = queries.queue_page(store.open_db(db_path), forms.QueueFilter.from_params(params))
    assert [r["id"] for r in page.rows] == [ids[a] for a in expected]
    assert page.total == len(expected)


def test_queue_pages_and_all_statuses_put_pending_first(db_path, ids):
    db = store.open_db(db_path)
    store.review_event(db, ids["uk-hostile"], "t", "approve")
    f = forms.QueueFilter(status="all")
    pages = [queries.queue_page(db, f, page=n, size=2) for n in (1, 2, 3)]
    assert [[r["id"] for r in p.rows] for p in pages] == [
        [ids["ru-services"], ids["uk-budget"]], [ids["uk-hostile"]], [ids["uk-hostile"]]]
    assert (pages[0].total, pages[0].pages, pages[2].page) == (3, 2, 2)


def test_neighbours_follow_the_queue_order(db_path, ids):
    db, f = store.open_db(db_path), forms.QueueFilter()
    assert queries.neighbour(db, f, ids["ru-services"], 1) == ids["uk-budget"]
    assert queries.neighbour(db, f, ids["ru-services"], -1) == ids["uk-hostile"]
    assert queries.neighbour(db, f, ids["uk-budget"], 1) is None
    assert queries.neighbour(db, f, "no-such-id", 1) is None


# --- event page ----------------------------------------------------------------------------------

def test_event_page_shows_every_field_its_evidence_and_all_sources(client, ids):
    html = client.get(f"/event/{ids['uk-budget']}").text
    for name in store.EDITABLE_FIELDS:
        assert f'name="{name}"' in html
    assert 'value="Бюджет громади 2025"' in html
    assert 'value="20.05.2025"' in html and 'value="45"' in html
    assert "Асоціація міст України</textarea>" in html
    # Both reports of the merged event are shown, each with its own highlighted evidence.
    assert "У Хмельницькому навчали бюджетуванню" in html and "Семінар для фінансистів громад" in html
    assert '<span id="ev-title"></span><mark data-fields="title" title="Назва">Бюджет громади 2025</mark>' in html
    assert 'data-fields="end_date start_date"' in html
    assert '<a class="ev" href="#ev-participants">' in html
    assert 'data-key="a"' in html and 'data-key="r"' in html and 'data-key="k"' in html
    assert 'data-key="j"' not in html  # the last event of the queue has no next one


def test_event_page_lists_conflicting_values_of_reviewed_fields(client, db_path, ids):
    db = store.open_db(db_path)
    store.review_event(db, ids["uk-budget"], "t", "edit", {"participants": 50})
    text = "Семінар «Бюджет громади 2025» у Хмельницькому 20-22 травня зібрав 47 учасників."
    article = {"id": "uk-budget-late", "url": "https://late.example/x", "title": "Пізній звіт", "lang": "uk",
               "published": "2025-05-30", "text": text, "status": "extracted", "reason": None,
               "duplicate_of": None, "source": "late"}
    record = {"article_id": "uk-budget-late", "lang": "uk", "event_type": "seminar", "title": "Бюджет громади 2025",
              "start_date": "2025-05-20", "end_date": "2025-05-22", "settlement": "Хмельницький",
              "region": "Хмельницька область", "participants": 47, "status": "held", "confidence": 0.6,
              "organizers": [], "partners": [], "audience": [], "topics": [], "evidence": {}}
    dedup.save_article(db, article, [record], run_id=None)
    html = client.get(f"/event/{ids['uk-budget']}").text
    assert "Кількість учасників: «47» (uk-budget-late)" in html
    assert "Пізній звіт" in html  # the late report is the event's third source


@pytest.mark.parametrize("value, text", [(["ОДА", "UNDP"], "ОДА; UNDP"), (True, "так"), (None, "—"), (47, "47")])
def test_as_text(value, text):
    assert as_text(value) == text


@pytest.mark.parametrize("query", ["status=<script>&page=-1", "page=²&date_from=2025-99-99", "region=%00%FF&lang=",
                                   "page=99999999999999999999&source=x'--", "date_to=2025-01-01T00:00"])
def test_queue_survives_junk_parameters(client, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.text.split("<main>")[1]


def test_unknown_event_is_404(client, ids):
    assert client.get("/event/ev-nothing").status_code == 404


def test_hostile_article_is_shown_as_text(client, ids):
    response = client.get(f"/event/{ids['uk-hostile']}")
    html = response.text
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Вебінар &lt;b&gt;про ЦНАП&lt;/b&gt;" in html
    assert 'value="Стандарти ЦНАП &lt;i&gt;x&lt;/i&gt;"' in html
    assert 'href="javascript:' not in html
    assert "script-src 'self'" in response.headers["content-security-policy"]


# --- decisions -----------------------------------------------------------------------------------

def test_approve_logs_review_and_goes_to_the_next_event(client, db_path, ids):
    token = csrf_of(client.get(f"/event/{ids['uk-hostile']}").text)
    client.cookies.set("reviewer", "Olena")
    response = client.post(f"/event/{ids['uk-hostile']}?region=", data={"csrf": token, "action": "approve"},
                           follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/event/{ids['ru-services']}?status=pending&done=approve&last={ids['uk-hostile']}"
    event = event_row(db_path, ids["uk-hostile"])
    assert (event["review_status"], event["reviewed_by"], event["version"]) == ("approved", "Olena", 2)
    assert review_rows(db_path, ids["uk-hostile"]) == [("Olena", "approve", "review_status", "pending", "approved")]


def test_reject_of_the_last_event_returns_to_the_queue(client, db_path, ids):
    token = csrf_of(client.get("/").text)
    response = client.post(f"/event/{ids['uk-budget']}", data={"csrf": token, "action": "reject"},
                           follow_redirects=False)
    assert response.headers["location"] == f"/?status=pending&done=reject&last={ids['uk-budget']}"
    assert event_row(db_path, ids["uk-budget"])["review_status"] == "rejected"
    assert "Попередню подію відхилено" in client.get(response.headers["location"]).text


def test_edit_logs_only_changed_fields(client, db_path, ids):
    event = event_row(db_path, ids["ru-services"])
    token = csrf_of(client.get(f"/event/{ids['ru-services']}").text)
    data = form_of(event, title="Цифрові послуги для громад", participants="30", partners="DOBRE\nUSAID")
    data = {**data, "csrf": token, "action": "edit", "topics": ["", "public_services", "digitalization"]}
    response = client.post(f"/event/{ids['ru-services']}", data=data, follow_redirects=False)
    assert response.headers["location"] == \
        f"/event/{ids['ru-services']}?status=pending&done=edit&last={ids['ru-services']}"
    event = event_row(db_path, ids["ru-services"])
    assert (event["title"], event["participants"], event["partners"]) == ("Цифрові послуги для громад", 30,
                                                                          ["DOBRE", "USAID"])
    assert event["topics"] == ["public_services", "digitalization"]
    assert event["review_status"] == "pending"
    assert event["reviewed_fields"] == ["participants", "partners", "title", "topics"]
    assert [(a, f) for _, a, f, _, _ in review_rows(db_path, ids["ru-services"])] == [
        ("edit", "title"), ("edit", "partners"), ("edit", "participants"), ("edit", "topics")]


def test_saving_an_untouched_form_logs_nothing(client, db_path, ids):
    event = event_row(db_path, ids["uk-budget"])
    token = csrf_of(client.get("/").text)
    data = {**form_of(event), "topics": ["", *event["topics"]], "csrf": token, "action": "edit"}
    response = client.post(f"/event/{ids['uk-budget']}", data=data)
    assert "Змін немає" in response.text
    assert review_rows(db_path, ids["uk-budget"]) == []
    assert event_row(db_path, ids["uk-budget"])["version"] == event["version"]


def test_invalid_edit_is_refused_and_shown(client, db_path, ids):
    event = event_row(db_path, ids["ru-services"])
    token = csrf_of(client.get("/").text)
    data = {**form_of(event, start_date="2025-13-40", title="Нова назва"), "csrf": token, "action": "approve"}
    response = client.post(f"/event/{ids['ru-services']}", data=data)
    assert response.status_code == 400
    assert "дата має бути у форматі ДД.ММ.РРРР" in response.text
    assert 'value="Нова назва"' in response.text
    assert event_row(db_path, ids["ru-services"])["review_status"] == "pending"
    assert review_rows(db_path, ids["ru-services"]) == []


def test_reset_undoes_a_decision(client, db_path, ids):
    token = csrf_of(client.get("/").text)
    client.post(f"/event/{ids['uk-hostile']}", data={"csrf": token, "action": "approve"})
    response = client.post(f"/event/{ids['uk-hostile']}", data={"csrf": token, "action": "reset"},
                           follow_redirects=False)
    assert response.headers["location"] == f"/event/{ids['uk-hostile']}?status=pending&done=reset"
    assert event_row(db_path, ids["uk-hostile"])["review_status"] == "pending"
    assert [r[1:] for r in review_rows(db_path, ids["uk-hostile"])] == [
        ("approve", "review_status", "pending", "approved"), ("reset", "review_status", "approved", "pending")]


@pytest.mark.parametrize("data", [{"action": "approve"}, {"action": "approve", "csrf": "forged"},
                                  {"action": "approve", "csrf": ""}])
def test_post_without_the_csrf_token_is_refused(client, db_path, ids, data):
    response = client.post(f"/event/{ids['uk-hostile']}", data=data)
    assert response.status_code == 403
    assert event_row(db_path, ids["uk-hostile"])["review_status"] == "pending"
    assert review_rows(db_path, ids["uk-hostile"]) == []


def test_unknown_action_is_refused(client, db_path, ids):
    token = csrf_of(client.get("/").text)
    assert client.post(f"/event/{ids['uk-hostile']}", data={"csrf": token, "action": "delete"}).status_code == 400


def test_reviewer_name_comes_from_the_form_cookie(client, db_path, ids):
    token = csrf_of(client.get("/").text)
    response = client.post("/reviewer", data={"csrf": token, "name": "Олена Петренко", "back": "//evil.example"},
                           follow_redirects=False)
    assert response.headers["location"] == "/"
    assert 'value="Олена Петренко"' in client.get("/").text
    client.post(f"/event/{ids['uk-hostile']}", data={"csrf": token, "action": "reject"})
    assert review_rows(db_path, ids["uk-hostile"])[0][0] == "Олена Петренко"


def test_terminal_approve_and_reject(db_path, ids):
    assert decisions.approve(db_path, ids["uk-hostile"], "cli")["review_status"] == "approved"
    assert decisions.reject(db_path, ids["ru-services"], "cli")["review_status"] == "rejected"
    assert review_rows(db_path, ids["ru-services"]) == [("cli", "reject", "review_status", "pending", "rejected")]
    with pytest.raises(store.StoreError):
        decisions.approve(db_path, "ev-nothing", "cli")


# --- coverage ------------------------------------------------------------------------------------

def test_coverage_counts_approved_events_only(client, db_path, ids):
    db = store.open_db(db_path)
    store.review_event(db, ids["uk-budget"], "t", "approve")
    store.review_event(db, ids["ru-services"], "t", "approve")
    data = queries.coverage(db)
    assert data["region"] == [("Одеська область", 1), ("Хмельницька область", 1)]
    assert data["topic"] == [("finance_budget", 1), ("public_services", 1)]
    assert data["partner"] == [("DOBRE", 1), ("U-LEAD з Європою", 1)]
    html = client.get("/coverage").text
    assert "схвалених подій: 2" in html
    assert "Фінанси та бюджет" in html and "U-LEAD з Європою" in html and "<svg" in html
    assert "Стандарти ЦНАП" not in html


def test_bar_chart_scales_to_the_largest_count():
    chart = charts.bar_chart("t", [("Київська область", 10), (None, 5), ("x" * 50, 1)], limit=2)
    assert [(b.label, b.count, b.y, b.width) for b in chart.bars] == [
        ("Київська область", 10, 0, charts.BAR_W), ("не вказано", 5, charts.ROW, charts.BAR_W / 2)]
    assert chart.hidden == 1
    newest = charts.bar_chart("t", [(None, 1), ("2025-01", 2), ("2025-02", 3)], limit=2, last=True)
    assert [(b.label, b.count) for b in newest.bars] == [("2025-01", 2), ("2025-02", 3)]
    assert len(charts.bar_chart("t", [("x" * 50, 1)]).bars[0].short) == charts.LABEL_CHARS


# --- access --------------------------------------------------------------------------------------

def test_token_is_required_on_every_request(db_path, ids):
    client = TestClient(create_app(db_path, token="s3cret"), base_url="http://192.0.2.10")
    assert client.get("/").status_code == 401
    assert client.get("/static/review.css").status_code == 401
    assert client.get("/?token=wrong").status_code == 401
    assert client.get("/", headers={"x-review-token": "s3cret"}).status_code == 200
    assert client.get("/", headers={"authorization": "Bearer s3cret"}).status_code == 200
    response = client.get("/coverage?token=s3cret", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/coverage")
    assert client.get("/coverage").status_code == 200  # the cookie now carries it


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                            ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                            ("example.org", False)])
def test_is_loopback(host, loopback):
    assert security.is_loopback(host) is loopback


def test_without_token_other_host_names_are_refused(db_path, ids):
    assert TestClient(create_app(db_path), base_url="http://evil.example").get("/").status_code == 400


@pytest.mark.parametrize("url, safe", [("https://a.example/x", "https://a.example/x"), ("javascript:alert(1)", None),
                                       ("data:text/html,x", None), ("", None), (None, None)])
def test_safe_url(url, safe):
    assert safe_url(url) == safe


@pytest.mark.parametrize("target, result", [("/event/x?status=all", "/event/x?status=all"), ("//evil", "/"),
                                            ("https://evil", "/"), ("/\\evil", "/"), ("", "/")])
def test_local_path(target, result):
    assert local_path(target) == result


# --- highlighting and form parsing ---------------------------------------------------------------

def test_marked_text_escapes_and_splits_overlapping_spans():
    text = "<b>20-22 травня</b> у Хмельницькому"
    spans = highlight.spans_of({"start_date": [3, 8], "end_date": [3, 15], "settlement": [22, 35],
                                "bad": [30, 999], "worse": "x", "flag": [True, 2]}, len(text))
    assert highlight.marked_text(text, spans, {"settlement": "Місце"}) == (
        '&lt;b&gt;<span id="ev-end_date"></span><span id="ev-start_date"></span>'
        '<mark data-fields="end_date start_date" title="end_date, start_date">20-22</mark>'
        '<mark data-fields="end_date" title="end_date"> травня</mark>&lt;/b&gt; у '
        '<span id="ev-settlement"></span><mark data-fields="settlement" title="Місце">Хмельницькому</mark>')


@given(st.text(max_size=120), st.lists(st.tuples(st.sampled_from(["title", "region", "start_date"]),
                                                st.integers(-3, 130), st.integers(-3, 130)), max_size=6))
def test_marked_text_shows_exactly_the_text(text, raw):
    evidence: dict = {}
    for field, start, end in raw:
        evidence.setdefault(field, []).append([start, end])
    spans = highlight.spans_of(evidence, len(text))
    html = str(highlight.marked_text(text, spans))
    assert unescape(re.sub(r"<[^>]*>", "", html)) == text
    for span in spans:
        snippet = highlight.snippet(text, span, split_sentences(text, "uk"))
        assert text[span.start:span.end] in unescape(re.sub(r"<[^>]*>", "", str(snippet)))


def test_spans_accept_lists_of_spans():
    assert highlight.spans_of({"organizers": [[0, 3], [5, 9]]}, 10) == [
        highlight.Span("organizers", 0, 3), highlight.Span("organizers", 5, 9)]


@pytest.mark.parametrize("lang, text, quote, expected", [
    ("uk", "Перше речення. Семінар «Бюджет» пройшов у м. Суми. Третє.", "Суми",
     "Семінар «Бюджет» пройшов у м. <mark>Суми</mark>."),
    ("ru", "В Одессе пройдет круглый стол <b>.\n\nДалее", "Одессе", "В <mark>Одессе</mark> пройдет круглый стол &lt;b&gt;."),
    ("ru", "Семинар прошел в г. Сумы. Далее", "Сумы", "Семинар прошел в г. <mark>Сумы</mark>."),
    ("uk", "Початок " + "дуже " * 60 + "Суми " + "далі " * 60 + "кінець.", "Суми",
     "…" + "дуже " * 32 + "<mark>Суми</mark>" + " далі" * 32 + "…"),
])
def test_snippet_is_the_sentence_around_the_span_within_its_reach(lang, text, quote, expected):
    start = text.index(quote)
    span = highlight.Span("x", start, start + len(quote))
    assert str(highlight.snippet(text, span, split_sentences(text, lang))) == expected


def submitted(**fields) -> FormData:
    return FormData([(k, x) for k, v in fields.items() for x in (v if isinstance(v, list) else [v])])


@pytest.mark.parametrize("form, changes, errors", [
    (submitted(title="  "), {}, {}),
    (submitted(title="Нова", organizers="ОДА\n\n ОДА \nUNDP"), {"title": "Нова", "organizers": ["ОДА", "UNDP"]}, {}),
    (submitted(online="yes", participants="12"), {"online": True, "participants": 12}, {}),
    (submitted(online="no", participants=""), {"online": False}, {}),
    (submitted(participants="-3"), {}, {"participants": "ціле число учасників"}),
    (submitted(event_type="party"), {}, {"event_type": "значення не з переліку"}),
    (submitted(event_type="webinar", status="held"), {"event_type": "webinar", "status": "held"}, {}),
    (submitted(start_date="2025-05-20", end_date="2025-05-19"), {"start_date": "2025-05-20",
                                                                 "end_date": "2025-05-19"},
     {"end_date": "кінець раніше за початок"}),
    (submitted(topics=["", "energy", "finance_budget"]), {}, {}),  # the same topics in another order
    (submitted(topics=["", "energy", "digitalization"]), {"topics": ["digitalization", "energy"]}, {}),
    (submitted(topics=[""]), {"topics": []}, {}),
])
def test_parse_changes(form, changes, errors):
    event = {"title": None, "organizers": [], "online": None, "participants": None, "event_type": "seminar",
             "status": "announced", "topics": ["energy", "finance_budget"], "start_date": None, "end_date": None}
    parsed = forms.parse_changes(form, event)
    assert (parsed.changes, parsed.errors) == (changes, errors)
