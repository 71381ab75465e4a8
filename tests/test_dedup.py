import pytest

from extractor import dedup


def record(**fields):
    base = {"article_id": "a", "event_type": "seminar", "title": None, "organizers": [], "partners": [],
            "start_date": None, "end_date": None, "settlement": None, "region": None, "status": "held"}
    return base | fields


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
    assert (dedup.compare(a, b) is not None) == same


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
