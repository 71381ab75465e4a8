"""The event detector: the shipped model decides on sentences written here, and training works end to end."""
import json
from collections import Counter

import pytest

from extractor.events import assemble
from extractor.events.classify import DetectorModel, detector, mention_features, rank
from extractor.events.context import build_context
from extractor.events.detect import find_triggers
from extractor.events.training import Examples, best_decision, best_threshold, dev_articles, examples, train_events


@pytest.mark.parametrize("lang,text,event_type", [
    ("uk", "Школа молодого депутата завершила роботу: 14 травня у Житомирі учасники отримали сертифікати.", "school"),
    ("ru", "Муниципальная академия собрала глав поселений: 14 мая в Казани прошло первое занятие.", "school"),
    ("uk", "Відбулася третя стратегічна сесія робочої групи громади з питань енергоефективності.", "meeting"),
    ("ru", "В Самаре 3 марта состоялась стратегическая сессия рабочей группы по развитию поселений.", "meeting"),
    ("uk", "Стартувала навчальна поїздка представників громад до Любуського воєводства, що триватиме тиждень.", "study_visit"),
    ("ru", "Главы поселений 5 апреля отправились в учебную поездку в Калужскую область.", "study_visit"),
])
def test_named_events_without_a_usual_trigger_noun_are_found(lang, text, event_type):
    assert [e.event_type for e in assemble("t", text, lang)] == [event_type]


@pytest.mark.parametrize("lang,text", [
    ("uk", "Курс валют на сьогодні залишився без змін, повідомляє банк."),
    ("ru", "Курс валют на сегодня остался без изменений, сообщает банк."),
])
def test_text_without_event_words_has_no_event(lang, text):
    assert assemble("t", text, lang) == []


def test_shipped_model_ranks_a_dated_report_above_a_passing_mention():
    text = ("Про проведення навчань йдеться у плані на рік. "
            "12 березня у Полтаві відбувся семінар для старост громад.")
    ctx = build_context(text, "uk", None)
    scored, holds_event = rank(ctx, find_triggers(text, "uk"))
    assert holds_event and scored[0][1].text == "семінар"
    assert detector() is not None  # the shipped model, not the rules, ranked them


def test_probability_is_a_logistic_of_the_weighted_features():
    model = DetectorModel(("day_date", "weight"), (2.0, 1.0), -1.0, 0.5)
    assert model.probability({"day_date": 0.0, "weight": 1.0}) == pytest.approx(0.5)
    assert model.probability({"day_date": 1.0, "weight": 1.0}) > 0.8


def test_threshold_is_chosen_on_articles():
    best_of = {"a": 0.9, "b": 0.8, "c": 0.3, "d": 0.2}
    has_event = {"a": True, "b": True, "c": False, "d": False}
    threshold, report = best_threshold(best_of, has_event)
    assert 0.3 < threshold <= 0.8 and (report["tp"], report["fp"], report["fn"]) == (2, 0, 0)


def test_rule_floor_drops_articles_the_cues_do_not_support():
    # "b" has a confident model but no cue support (rule score 0.7): only a floor tells it apart.
    data = Examples([{}] * 3, [1, 0, 0], ["a", "b", "c"], [2.0, 0.7, 0.5])
    threshold, floor, report = best_decision([0.9, 0.95, 0.1], data, {"a": True, "b": False, "c": False}, beta=1.0)
    assert 0.7 < floor <= 2.0 and (report["tp"], report["fp"]) == (1, 0)


def test_unsupported_article_holds_no_event_whatever_the_model_says(monkeypatch):
    from extractor.events import classify
    monkeypatch.setattr(classify, "detector", lambda: DetectorModel(("weight",), (5.0,), 0.0, 0.5, 9.0))
    text = "12 березня у Полтаві відбувся семінар для старост громад."
    scored, holds_event = classify.rank(build_context(text, "uk", None), find_triggers(text, "uk"))
    assert scored[0][0] > 0.9 and not holds_event


def made_up_dev(folder):
    """Write a small labelled dev folder of made-up articles: events (uk and ru) and articles without one."""
    events = [
        ("uk", "{d} березня у Полтаві відбувся семінар для старост громад.", "seminar"),
        ("ru", "{d} марта в Казани прошел семинар для глав поселений.", "seminar"),
        ("uk", "{d} квітня у Львові пройде тренінг для депутатів місцевих рад.", "training"),
        ("ru", "{d} апреля в Твери пройдет тренинг для депутатов.", "training"),
    ]
    quiet = [
        ("uk", "Про проведення семінарів ідеться у звіті за минулі роки, зазначив голова."),
        ("ru", "О проведении семинаров говорится в отчете за прошлые годы, отметил глава."),
    ]
    articles, gold, ids = [], [], []
    for n in range(1, 13):
        lang, text, kind = events[n % len(events)]
        articles.append({"id": f"e{n}", "lang": lang, "published": None, "text": text.format(d=n + 1)})
        gold.append({"article_id": f"e{n}", "event_type": kind, "date_text": None})
        lang, text = quiet[n % len(quiet)]
        articles.append({"id": f"q{n}", "lang": lang, "published": None, "text": text})
        ids += [f"e{n}", f"q{n}"]
    (folder / "articles.jsonl").write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles), "utf-8")
    (folder / "gold.jsonl").write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in gold), "utf-8")
    return set(ids)


def test_mentions_are_labelled_by_their_article(tmp_path):
    ids = made_up_dev(tmp_path)
    data = examples(dev_articles(tmp_path, ids))
    by_article = dict(zip(data.articles, data.labels))
    assert by_article["e1"] == 1 and by_article["q1"] == 0


def test_training_writes_a_model_that_tells_events_apart(tmp_path):
    ids = made_up_dev(tmp_path)
    report = train_events(tmp_path / "model", tmp_path, ids)
    spec = json.loads((tmp_path / "model" / "model.json").read_text("utf-8"))
    model = DetectorModel(tuple(spec["features"]), tuple(spec["coef"]), spec["intercept"], spec["threshold"])
    assert report["articles"] == 24 and report["tp"] == 12
    for text, lang, event in [("3 березня у Полтаві відбувся семінар для старост.", "uk", True),
                              ("О проведении семинаров говорится в отчете.", "ru", False)]:
        ctx = build_context(text, lang, None)
        triggers = find_triggers(text, lang)
        p = max(model.probability(mention_features(ctx, t, Counter(x.event_type for x in triggers))) for t in triggers)
        assert (p >= model.threshold) is event


def test_train_events_command_trains_from_a_dev_folder(tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import app
    ids = made_up_dev(tmp_path)
    (tmp_path / "ids.txt").write_text("\n".join(sorted(ids)), "utf-8")
    result = CliRunner().invoke(app, ["train", "events", "--dev", str(tmp_path), "--ids", str(tmp_path / "ids.txt"),
                                      "--out", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles"] == 24
    assert (tmp_path / "model" / "model.json").is_file()


def test_train_events_command_refuses_a_missing_store(tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import app
    result = CliRunner().invoke(app, ["train", "events", "--no-dev", "--store", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no such file" in result.output


def test_reviewed_events_of_a_store_become_training_data(tmp_path):
    from extractor import pipeline, store
    folder = tmp_path / "in"
    folder.mkdir()
    texts = {
        "uk-a": "12 березня у Полтаві відбувся семінар для старост громад Полтавської області.",
        "ru-b": "15 марта в Казани прошел тренинг для глав сельских поселений.",
    }
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    db_path = tmp_path / "events.db"
    pipeline.run([folder], db_path)
    db = store.open_db(db_path, create=False)
    by_article = {e["article_id"]: e for e in store.list_events(db)}
    store.review_event(db, by_article["uk-a"]["id"], "Оксана", "approve")
    store.review_event(db, by_article["ru-b"]["id"], "Оксана", "reject")
    with pytest.raises(ValueError, match="too few labelled articles"):
        train_events(tmp_path / "model", store_path=db_path)
    ids = made_up_dev(tmp_path)
    report = train_events(tmp_path / "model", tmp_path, ids, store_path=db_path)
    assert report["articles"] == len(ids) + 2
    assert (tmp_path / "model" / "model.json").is_file()
