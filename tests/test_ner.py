import importlib.util

import pytest

from extractor.config import settings
from extractor.ner import Entity, backend_name, entities, entities_batch, fit_edges, load_pipeline
from extractor.ner.backends import _line_pieces, _slices, may_hide_name
from extractor.ner.ruler import alias_patterns, merge_gazetteer

HAS_MODELS = all((settings().models_dir / f"ner-{lang}" / "meta.json").exists() for lang in ("uk", "ru"))
needs_models = pytest.mark.skipif(not HAS_MODELS, reason="trained models not in models/")


def spans(text: str, lang: str, backend: str | None = None) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in entities(text, lang, backend)]


def test_entity_to_dict_has_the_contract_keys():
    e = Entity(3, 8, "Києва", "LOC", "Київ")
    assert e.to_dict() == {"span": [3, 8], "text": "Києва", "label": "LOC", "normal": "Київ"}


@pytest.mark.parametrize(
    ("model", "gazetteer", "expected"),
    [
        # a gazetteer match replaces a model span it only overlaps
        ([(0, 10, "PER", "", "model")], [(5, 15, "ORG", "undp", "gazetteer")],
         [(5, 15, "ORG", "undp", "gazetteer")]),
        # a model ORG that contains the match stays and takes its id
        ([(0, 40, "ORG", "", "model")], [(15, 33, "ORG", "hss", "gazetteer")], [(0, 40, "ORG", "hss", "model")]),
        # a contained match under a non-ORG model span replaces it
        ([(0, 40, "LOC", "", "model")], [(15, 33, "ORG", "hss", "gazetteer")],
         [(15, 33, "ORG", "hss", "gazetteer")]),
        # a model ORG running over two matches gives way to both
        ([(0, 30, "ORG", "", "model")], [(0, 11, "ORG", "dobre", "gazetteer"), (15, 18, "ORG", "giz", "gazetteer")],
         [(0, 11, "ORG", "dobre", "gazetteer"), (15, 18, "ORG", "giz", "gazetteer")]),
        ([(0, 4, "LOC", "", "model")], [(10, 15, "ORG", "giz", "gazetteer")],
         [(0, 4, "LOC", "", "model"), (10, 15, "ORG", "giz", "gazetteer")]),
    ],
)
def test_merge_gazetteer(model, gazetteer, expected):
    assert merge_gazetteer(model, gazetteer) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Шведським агентством\n", "Шведським агентством"),
        ("конференції)", "конференції"),
        ("ПРОМІС (Канада)", "ПРОМІС (Канада)"),
        ("«Укртрансгаз»", "«Укртрансгаз»"),
        ('Проєктом "Партнерство', 'Проєктом "Партнерство'),
        ("(ПРООН", "ПРООН"),
        (" ,; ", ""),
    ],
)
def test_fit_edges_drops_outer_space_and_unpaired_punctuation(text, expected):
    start, end = fit_edges(text, 0, len(text))
    assert text[start:end] == expected


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Навчання провела ГО «Центр розвитку громад» у Ржищеві.", (17, 42), "ГО «Центр розвитку громад»"),
        ("Семинар провёл фонд “Открытый муниципалитет” в Туле.", (15, 43), "фонд “Открытый муниципалитет”"),
        ("Доповідала ГО «Рада» (Київ).", (11, 19), "ГО «Рада»"),
        # A span that only opens with the quote is the bare name.
        ("Сотрудники «Газпрома» прошли обучение.", (11, 20), "Газпрома"),
    ],
)
def test_fit_edges_closes_a_quote_opened_inside_the_name(text, span, expected):
    start, end = fit_edges(text, *span)
    assert text[start:end] == expected


def test_long_texts_are_sliced_at_line_ends_and_keep_offsets():
    text = "абв\nгде\nжзи"
    assert list(_slices(text, 6)) == [(0, "абв\n"), (4, "где\n"), (8, "жзи")]
    assert list(_slices("абвгде", 4)) == [(0, "абвг"), (4, "де")]


def test_alias_wildcard_allows_hyphenated_names():
    import spacy

    variants = alias_patterns("* обласна рада", spacy.blank("uk"))
    assert [len(v) for v in variants] == [3, 5]
    assert variants[0][1] == {"LEMMA": "обласний"}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("uk", "Семінар провела Івано-Франківська обласна рада разом із Хмельницькою ОДА.",
     [("Івано-Франківська обласна рада", "oblast-council"), ("Хмельницькою ОДА", "oblast-administration")]),
    ("uk", "Навчання провів Житомирський обласний центр перепідготовки та підвищення кваліфікації, а не обласна рада.",
     [("Житомирський обласний центр перепідготовки та підвищення кваліфікації", "training-centre")]),
    ("ru", "Семинар провела Ханты-Мансийская городская дума вместе с Томским областным советом.",
     [("Ханты-Мансийская городская дума", "local-council"), ("Томским областным советом", "oblast-council")]),
    ("ru", "Заседание: областной совет и сельский совет, Правительство Республики Алтай.",
     [("Правительство Республики Алтай", "oblast-administration")]),
])
def test_alias_opening_with_a_wildcard_takes_in_the_name_before_its_head_words(lang, text, expected):
    from extractor.ner import gazetteer_entities

    found, = gazetteer_entities(text, lang, [(0, len(text))])
    assert [(e.text, e.kb_id) for e in found] == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("uk", "Фонд «Відродження» та Міжнародний фонд «Відродження» підтримали Житомирський обласний центр "
           "перепідготовки та підвищення кваліфікації"),
    ("ru", "Правительство Республики Алтай и Совет муниципальных образований Республики Алтай"),
])
def test_token_patterns_run_from_their_opening_words_find_what_the_whole_text_finds(lang, text):
    from extractor.ner.ruler import gazetteer_pipeline

    nlp = gazetteer_pipeline(lang)
    ruler, doc = nlp.get_pipe("gazetteer"), nlp(text)
    found = {(key, lo + start, lo + end)
             for lo, hi in ruler.stretches(doc) for key, start, end in ruler.matcher(doc[lo:hi])}
    assert len(found) >= 3 and found == set(ruler.matcher(doc))


@needs_models
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Семінар за підтримки Програми «U-LEAD з Європою» та ПРООН відбувся у Вінниці.", "uk",
         [("Програми «U-LEAD з Європою»", "ORG", "U-LEAD з Європою", "u-lead"),
          ("ПРООН", "ORG", "Програма розвитку ООН", "undp")]),
        ("Тренінг провели експерти USAID DOBRE та GIZ спільно з Асоціацією міст України.", "uk",
         [("USAID DOBRE", "ORG", "Програма USAID DOBRE", "dobre"),
          ("GIZ", "ORG", "Німецьке товариство міжнародного співробітництва (GIZ)", "giz"),
          ("Асоціацією міст України", "ORG", "Асоціація міст України", "auc")]),
        ("Тренінг профінансували USAID і Sida.", "uk",
         [("USAID", "ORG", "Агентство США з міжнародного розвитку", "usaid"),
          ("Sida", "ORG", "Шведське агентство з міжнародного співробітництва та розвитку", "sida")]),
        ("Круглый стол прошёл при поддержке Фонда Ганса Зайделя и Совета Европы.", "ru",
         [("Фонда Ганса Зайделя", "ORG", "Фонд Ганса Зайделя", "hss"),
          ("Совета Европы", "ORG", "Совет Европы", "coe")]),
        # a republic's or okrug's name comes after its body, not before it as an oblast's does
        ("Семинар провёл Совет муниципальных образований Республики Татарстан при участии Правительства "
         "Ханты-Мансийского автономного округа.", "ru",
         [("Совет муниципальных образований Республики Татарстан", "ORG",
           "Совет муниципальных образований Республики Татарстан", "smo"),
          ("Правительства Ханты-Мансийского автономного округа", "ORG",
           "Правительство Ханты-Мансийского автономного округа", "oblast-administration")]),
        ("Организатором выступила Ассоциация сибирских и дальневосточных городов (АСДГ).", "ru",
         [("Ассоциация сибирских и дальневосточных городов", "ORG",
           "Ассоциация сибирских и дальневосточных городов", "asdg"),
          ("АСДГ", "ORG", "Ассоциация сибирских и дальневосточных городов", "asdg")]),
    ],
)
def test_gazetteer_finds_donors_and_associations(text, lang, expected):
    backends = ["spacy", "natasha"] if lang == "ru" and importlib.util.find_spec("natasha") else ["spacy"]
    for backend in backends:
        found = [(e.text, e.label, e.normal, e.kb_id) for e in entities(text, lang, backend) if e.kb_id]
        assert found == expected, backend


@needs_models
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Міський голова Вінниці Сергій Моргунов провів нараду з керівниками департаментів.", "uk",
         [("Вінниці", "LOC", "Вінниця"), ("Сергій Моргунов", "PER", "Сергій Моргунов")]),
        ("Прем'єр-міністр Денис Шмигаль зустрівся у Брюсселі з представниками Європейської комісії.", "uk",
         [("Денис Шмигаль", "PER", "Денис Шмигаль"), ("Брюсселі", "LOC", "Брюссель"),
          ("Європейської комісії", "ORG", "Європейська комісія")]),
        ("Сьогодні у Львові відбувся круглий стіл за участі експертів Світового банку.", "uk",
         [("Львові", "LOC", "Львів"), ("Світового банку", "ORG", "Світовий банк")]),
        ("Губернатор Томской области Владимир Мазур провел совещание с главами муниципалитетов в Томске.", "ru",
         [("Томской области", "LOC", "Томская область"), ("Владимир Мазур", "PER", "Владимир Мазур"),
          ("Томске", "LOC", "Томск")]),
        ("Министр финансов Антон Силуанов заявил в Санкт-Петербурге, что бюджет будет исполнен.", "ru",
         [("Антон Силуанов", "PER", "Антон Силуанов"), ("Санкт-Петербурге", "LOC", "Санкт-Петербург")]),
    ],
)
def test_models_tag_literal_sentences(text, lang, expected):
    assert [(e.text, e.label, e.normal) for e in entities(text, lang, "spacy")] == expected


@needs_models
def test_oblast_patterns_give_the_nominative():
    text = "Навчання організувала Івано-Франківська обласна рада разом із Хмельницькою ОДА."
    found = [(e.text, e.normal, e.kb_id) for e in entities(text, "uk", "spacy") if e.kb_id]
    assert found == [("Івано-Франківська обласна рада", "Івано-Франківська обласна рада", "oblast-council"),
                     ("Хмельницькою ОДА", "Хмельницька ОДА", "oblast-administration")]


@needs_models
@pytest.mark.parametrize("text", ["", "   \n\n", "\u0000\ud7ff🙂" * 50, "ОДА " * 20_000, "123 ,, !!"])
@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_bad_input_never_raises(text, lang):
    assert isinstance(entities(text, lang, "spacy"), list)


@needs_models
def test_batch_matches_single_calls_and_offsets_point_into_the_text():
    texts = ["У Львові відбувся форум громад.", "", "Депутати Житомирської обласної ради навчалися в Києві."]
    batch = list(entities_batch(texts, "uk", "spacy"))
    assert batch == [entities(t, "uk", "spacy") for t in texts]
    assert all(t[e.start:e.end] == e.text for t, found in zip(texts, batch) for e in found)


@needs_models
def test_pipeline_is_loaded_once_per_process():
    assert load_pipeline("uk") is load_pipeline("uk", "spacy")


@pytest.mark.skipif(importlib.util.find_spec("natasha") is None, reason="natasha wheel not installed")
def test_natasha_backend_tags_each_line_apart():
    text = "Главная\nНовости\nГубернатор Вячеслав Гладков провел совещание в Белгороде."
    found = spans(text, "ru", "natasha")
    assert ("Вячеслав Гладков", "PER") in found and ("Белгороде", "LOC") in found
    assert all("\n" not in t for t, _ in found)


@pytest.mark.skipif(importlib.util.find_spec("natasha") is None, reason="natasha wheel not installed")
@pytest.mark.parametrize("text", ["", "\n\n", "\u0000\ud7ff🙂" * 50, "Москва " * 20_000])
@pytest.mark.parametrize("backend", ["natasha", "hybrid"])
def test_natasha_backends_never_raise(text, backend):
    assert isinstance(entities(text, "ru", backend), list)


@needs_models
@pytest.mark.skipif(importlib.util.find_spec("natasha") is None, reason="natasha wheel not installed")
@pytest.mark.parametrize(
    ("text", "natasha", "hybrid"),
    [
        # A surname opening the sentence: slovnet misses it, the spaCy model fills the gap.
        ("Журавлёв, который руководит центром с 2019 года, провел первое занятие.", [], [("Журавлёв", "PER")]),
        ("Кравченко прибыла в Самару с рабочим визитом.", [("Самару", "LOC")],
         [("Кравченко", "PER"), ("Самару", "LOC")]),
        # Where slovnet already has the name, the hybrid adds nothing.
        ("Богданов также сообщил, что курсы продлятся месяц.", [("Богданов", "PER")], [("Богданов", "PER")]),
    ],
)
def test_hybrid_backend_adds_spacy_person_names_where_slovnet_found_nothing(text, natasha, hybrid):
    assert spans(text, "ru", "natasha") == natasha
    assert spans(text, "ru", "hybrid") == hybrid


@pytest.mark.parametrize(("line", "covered", "expected"), [
    # a capitalized word inside a sentence that slovnet left uncovered
    ("Семинар провёл Петров из Казани.", ["Казани"], True),
    # a sentence opened by a surname the dictionary knows, or by a word it does not know
    ("Журавлёв провел первое занятие.", [], True),
    ("Шмырков провел первое занятие.", [], True),
    # only common words open the sentences, every name is covered: no gap for a person name
    ("В Казани прошёл семинар. Его провёл Петров.", ["Казани", "Петров"], False),
    ("Семинар прошёл в пятницу. Участники обсудили бюджет.", [], False),
])
def test_may_hide_name_picks_the_lines_the_hybrid_reads_again(line, covered, expected):
    spans = [(line.index(w), line.index(w) + len(w)) for w in covered]
    assert may_hide_name(line, spans, "ru") is expected


@needs_models
@pytest.mark.skipif(importlib.util.find_spec("natasha") is None, reason="natasha wheel not installed")
def test_hybrid_backend_is_the_russian_default_and_keeps_slovnet_spans():
    text = "Губернатор Вячеслав Гладков и Семенова провели совещание в Белгороде с главами МО «Город Шебекино»."
    assert backend_name("ru", None) == "hybrid"
    assert set(spans(text, "ru", "natasha")) <= set(spans(text, "ru", None))


def test_stanza_backend_needs_local_models():
    if settings().stanza_dir is not None and importlib.util.find_spec("stanza") is not None:
        pytest.skip("stanza is installed here")
    with pytest.raises(RuntimeError):
        load_pipeline("uk", "stanza")


def test_unknown_backend_or_language_is_an_error():
    with pytest.raises(ValueError):
        load_pipeline("uk", "natasha")
    with pytest.raises(ValueError):
        load_pipeline("en")


def test_line_pieces_keep_offsets_and_cut_lines_longer_than_the_limit():
    text = "Перший рядок.\n\n" + "а" * 25 + "\nОстанній"
    pieces = list(_line_pieces(text, size=10))
    assert all(text[o:o + len(p)] == p and len(p) <= 10 for o, p in pieces)
    assert "".join(p for _, p in pieces) == text.replace("\n", "")
    assert [p for _, p in pieces][:2] == ["Перший ряд", "ок."]


@pytest.mark.parametrize(("lang", "text"), [
    ("uk", "Семінар провела Асоціація міст України.\n\n  Партнером виступив Фонд Ганса Зайделя \n"
           "за підтримки USAID і Полтавської обласної ради.\nНаступна зустріч — у Вінницькій міській раді."),
    ("ru", "Семинар провёл Совет муниципальных образований\nРеспублики Татарстан.\n"
           "Партнёром стал Фонд Ганса Зайделя при поддержке «Ассоциации городов» и\n\nСовета Европы.\n"
           "Следующий семинар проведёт АСДГ."),
])
def test_organizations_matched_line_by_line_are_those_of_the_whole_text(lang, text):
    from extractor.events.context import build_context, known_organizations

    whole, = known_organizations(text, lang, [(0, len(text))])
    assert len(whole) >= 3
    ctx = build_context(text, lang, None)
    # windows asked in any order find, in each, what matching the whole text finds there
    for lo, hi in [(40, 90), (0, len(text)), (len(text) // 2, len(text)), (0, 20)]:
        assert ctx.organizations_in(lo, hi) == tuple(e for e in whole if lo <= e.start and e.end <= hi)
