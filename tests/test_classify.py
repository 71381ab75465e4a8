"""The event detector: the shipped model decides on sentences written here, and training works end to end."""
import json
from collections import Counter
from datetime import date

import pytest

from extractor.events import assemble
from extractor.events.classify import FEATURES, DetectorModel, detector, mention_vector, rank
from extractor.events.context import build_context
from extractor.events.detect import find_triggers, trigger_features
from extractor.events.training import Examples, dev_articles, examples, top_one, train_events


@pytest.mark.parametrize("lang,text,event_type", [
    ("uk", "Школа молодого депутата завершила роботу: 14 травня у Житомирі учасники отримали сертифікати.", "school"),
    ("ru", "Муниципальная академия собрала глав поселений: 14 мая в Казани прошло первое занятие.", "school"),
    ("uk", "Відбулася третя стратегічна сесія робочої групи громади з питань енергоефективності.", "meeting"),
    ("ru", "В Самаре 3 марта состоялась стратегическая сессия рабочей группы по развитию поселений.", "meeting"),
    ("uk", "Стартувала навчальна поїздка представників громад до Любуського воєводства, що триватиме тиждень.",
     "study_visit"),
    ("ru", "Главы поселений 5 апреля отправились в учебную поездку в Калужскую область.", "study_visit"),
    ("uk", "20 травня делегація Бродівської громади здійснила навчальний візит до Гуменецької громади.", "study_visit"),
    ("ru", "20 мая делегация Бродовской громады совершила учебный визит в Гуменецкую громаду.", "study_visit"),
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


def test_every_feature_a_trigger_has_is_one_the_model_knows():
    text = "12 березня у Полтаві відбувся семінар для старост громад."
    [trig] = find_triggers(text, "uk")
    vector = mention_vector(trig, trigger_features(build_context(text, "uk", None), trig), Counter(["seminar"]))
    assert set(vector) <= set(FEATURES) and set(detector().features) == set(FEATURES)


def test_probability_is_a_logistic_of_the_weighted_features():
    model = DetectorModel(("day_date", "weight"), (2.0, 1.0), -1.0)
    assert model.probability({"day_date": 0.0, "weight": 1.0}) == pytest.approx(0.5)
    assert model.probability({"day_date": 1.0, "weight": 1.0}) > 0.8


def test_best_mention_share_counts_articles_with_a_dated_event_only():
    data = Examples([{}] * 5, [1, 0, 0, 1, 0], ["a", "a", "b", "c", "c"], [0.0] * 5, [True, False, False, True, False])
    assert top_one([0.9, 0.2, 0.99, 0.1, 0.8], data) == 0.5  # "a" right, "c" wrong, "b" has no dated event


def test_rules_still_decide_that_a_catalogue_of_trainings_is_no_event():
    text = "Аналітики уклали каталог тренінгів і навчань для посадовців громад."
    scored, holds_event = rank(build_context(text, "uk", None), find_triggers(text, "uk"))
    assert scored and not holds_event


def made_up_dev(folder):
    """Write a small labelled dev folder of made-up articles: events (uk and ru) and articles without one."""
    events = [  # an aside about earlier events first, then the dated report
        ("uk", "Про тренінги йдеться у звіті. {d} березня у Полтаві відбувся семінар для старост громад.",
         "seminar", "{d} березня"),
        ("ru", "О тренингах говорится в отчете. {d} марта в Казани прошел семинар для глав поселений.",
         "seminar", "{d} марта"),
        ("uk", "Про семінари йдеться у звіті. {d} квітня у Львові пройде тренінг для депутатів місцевих рад.",
         "training", "{d} квітня"),
        ("ru", "О семинарах говорится в отчете. {d} апреля в Твери пройдет тренинг для депутатов.",
         "training", "{d} апреля"),
    ]
    quiet = [
        ("uk", "Про проведення семінарів ідеться у звіті за минулі роки, зазначив голова."),
        ("ru", "О проведении семинаров говорится в отчете за прошлые годы, отметил глава."),
    ]
    articles, gold, ids = [], [], []
    for n in range(1, 13):
        lang, text, kind, when = events[n % len(events)]
        articles.append({"id": f"e{n}", "lang": lang, "published": None, "text": text.format(d=n + 1)})
        gold.append({"article_id": f"e{n}", "event_type": kind, "date_text": when.format(d=n + 1)})
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
    assert sum(data.dated) == 12  # one dated sentence in each of the 12 event articles


def test_training_writes_a_model_that_ranks_the_dated_report_first(tmp_path):
    ids = made_up_dev(tmp_path)
    report = train_events(tmp_path / "model", tmp_path, ids)
    spec = json.loads((tmp_path / "model" / "model.json").read_text("utf-8"))
    model = DetectorModel(tuple(spec["features"]), tuple(spec["coef"]), spec["intercept"])
    assert report["articles_with_event_words"] == 24
    assert report["best_mention_in_dated_sentence"]["model"] == 1.0
    text = "Про проведення семінарів ідеться у звіті. 3 березня у Полтаві відбувся семінар для старост."
    ctx = build_context(text, "uk", None)
    triggers = find_triggers(text, "uk")
    counts = Counter(t.event_type for t in triggers)
    first, second = (model.probability(mention_vector(t, trigger_features(ctx, t), counts)) for t in triggers)
    assert second > first


def test_train_events_command_trains_from_a_dev_folder(tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import app
    ids = made_up_dev(tmp_path)
    (tmp_path / "ids.txt").write_text("\n".join(sorted(ids)), "utf-8")
    result = CliRunner().invoke(app, ["train", "events", "--dev", str(tmp_path), "--ids", str(tmp_path / "ids.txt"),
                                      "--out", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles_with_event_words"] == 24
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
    assert report["articles_with_event_words"] == len(ids) + 2
    assert (tmp_path / "model" / "model.json").is_file()


@pytest.mark.parametrize("lang,text", [
    ("uk", "Старости громад вивчали досвід сусідів\n\nПредставники громад регулярно відвідують польські ґміни під час "
           "навчальних візитів. Цього разу з 12 по 16 травня делегація старост побувала в Любліні.\n\n"
           "Учасники дізналися, як ґміни планують бюджет."),
    ("ru", "Главы поселений изучили опыт коллег\n\nГлавы поселений регулярно посещают другие регионы во время учебных "
           "визитов. На этот раз с 12 по 16 мая делегация побывала в Калуге.\n\nУчастники узнали, как планируют бюджет."),
])
def test_plural_introduction_then_one_dated_visit_is_that_visit(lang, text):
    [event] = assemble("t", text, lang, date(2025, 5, 20))
    assert (event.event_type, event.start_date, event.end_date, event.status) == \
        ("study_visit", "2025-05-12", "2025-05-16", "held")


def test_without_a_model_the_rules_rank_the_mentions(monkeypatch):
    from extractor.events import classify
    from extractor.events.detect import trigger_score
    monkeypatch.setattr(classify, "detector", lambda: None)
    text = "Про проведення навчань ідеться у плані. 12 березня у Полтаві відбувся семінар для старост громад."
    ctx = build_context(text, "uk", None)
    scored, holds_event = classify.rank(ctx, find_triggers(text, "uk"))
    assert holds_event and scored[0][1].text == "семінар"
    assert [sc for sc, _ in scored] == [trigger_score(ctx, t) for _, t in scored]
