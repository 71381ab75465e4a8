import pytest

from extractor import morph
from extractor.morph import analyzer, case_forms, is_infinitive, nominative


@pytest.mark.parametrize(
    ("phrase", "lang", "expected"),
    [
        ("Рівненським Центром перепідготовки та підвищення кваліфікації кадрів", "uk",
         "Рівненський Центр перепідготовки та підвищення кваліфікації кадрів"),
        ("Представництва Фонду Ганса Зайделя в Україні", "uk", "Представництво Фонду Ганса Зайделя в Україні"),
        ("Хмельницької обласної державної адміністрації", "uk", "Хмельницька обласна державна адміністрація"),
        ("Івано-Франківської обласної ради", "uk", "Івано-Франківська обласна рада"),
        ("Тернопільській обласній раді", "uk", "Тернопільська обласна рада"),
        ("Асоціацією міст України", "uk", "Асоціація міст України"),
        ("Громадською організацією «Фонд громад Поділля»", "uk", "Громадська організація «Фонд громад Поділля»"),
        ("Програмою USAID DOBRE", "uk", "Програма USAID DOBRE"),
        ("Олександром Петренком", "uk", "Олександр Петренко"),
        ("Києва", "uk", "Київ"),
        ("Кам'янці-Подільському", "uk", "Кам'янець-Подільський"),
        ("Львові", "uk", "Львів"),
        ("Харкові", "uk", "Харків"),
        ("Законодательным Собранием Краснодарского края", "ru", "Законодательное Собрание Краснодарского края"),
        ("Ассоциацией сибирских и дальневосточных городов", "ru",
         "Ассоциация сибирских и дальневосточных городов"),
        ("Министерством финансов", "ru", "Министерство финансов"),
        ("Сергеем Лавровым", "ru", "Сергей Лавров"),
        ("администрации Томской области", "ru", "администрация Томской области"),
        # superlatives keep their own stem (pymorphy3 files them under the plain adjective)
        ("Высшей школой экономики", "ru", "Высшая школа экономики"),
        ("лучших практик управления", "ru", "лучшие практики управления"),
        ("Вищою школою публічного управління", "uk", "Вища школа публічного управління"),
        # the number of a recurring event before its name stays as it is
        ("ІІІ Польсько-українського форуму місцевого самоврядування", "uk",
         "ІІІ Польсько-український форум місцевого самоврядування"),
        ("XV Всероссийского муниципального форума", "ru", "XV Всероссийский муниципальный форум"),
        # an acronym part of a hyphenated word keeps its capitals
        ("ОТГ-партнерів програми", "uk", "ОТГ-партнери програми"),
    ],
)
def test_nominative_inflects_the_head_group_only(phrase, lang, expected):
    assert nominative(phrase, lang) == expected


@pytest.mark.parametrize(
    ("phrase", "lang"),
    [
        ("Хмельницький центр перепідготовки", "uk"),
        ("USAID", "uk"),
        ("«Укртрансгаз»", "uk"),
        ("ПРООН", "ru"),
        ("", "uk"),
        ("2024 ,, !!", "ru"),
        ("\u0000\ud7ff🙂", "uk"),
    ],
)
def test_nominative_leaves_nominatives_quotes_latin_and_junk_alone(phrase, lang):
    assert nominative(phrase, lang) == phrase


@pytest.mark.parametrize(
    ("phrase", "lang", "expected"),
    [("Шевченка", "uk", "Шевченко"), ("Петренком", "uk", "Петренко"), ("Лавровым", "ru", "Лавров")],
)
def test_nominative_of_people_prefers_animate_readings(phrase, lang, expected):
    assert nominative(phrase, lang, animate=True) == expected


@pytest.mark.parametrize(
    ("phrase", "lang", "expected"),
    [
        ("межрайонные обучающие семинары для председателей", "ru", "межрайонный обучающий семинар для председателей"),
        ("навчальних поїздок до Польщі", "uk", "навчальна поїздка до Польщі"),
        ("семінарів-тренінгів для старост", "uk", "семінар-тренінг для старост"),
        ("круглых столах", "ru", "круглый стол"),
        ("лучших практиках", "ru", "лучшая практика"),  # a superlative keeps its stem
        ("навчальний семінар", "uk", "навчальний семінар"),
    ],
)
def test_nominative_singular_puts_a_plural_group_in_the_singular(phrase, lang, expected):
    assert nominative(phrase, lang, singular=True) == expected


@pytest.mark.parametrize(
    ("phrase", "lang", "tail", "some_forms"),
    [
        ("Світовий банк", "uk", "", {"Світового банку", "Світовим банком"}),
        ("Рада Європи", "uk", " Європи", {"Ради Європи", "Радою Європи", "Раді Європи"}),
        ("Фонд Ганса Зайделя", "ru", " Ганса Зайделя", {"Фонда Ганса Зайделя", "Фондом Ганса Зайделя"}),
    ],
)
def test_case_forms_inflect_the_head_group_only(phrase, lang, tail, some_forms):
    forms = case_forms(phrase, lang)
    assert phrase in forms and some_forms <= set(forms)
    assert all(f.endswith(tail) for f in forms)


def test_case_forms_leave_acronyms_alone():
    assert case_forms("USAID", "uk") == ("USAID",)


@pytest.mark.parametrize("lemma,lang,form", [
    # a verb both perfective and imperfective in the dictionary gives the forms of both readings
    ("проходити", "uk", "проходитимуть"),
    ("проходити", "uk", "проходять"),
    ("провести", "ru", "проведут"),
    ("навчатися", "uk", "навчатимуться"),
])
def test_lexeme_takes_every_reading_of_the_word(lemma, lang, form):
    assert form in {f.word for f in morph.lexeme(lemma, lang)}


@pytest.mark.parametrize(("word", "lang", "expected"), [
    ("навчатися", "uk", True),  # "VERB,Refl,impf infn"
    ("проводити", "uk", True),  # tagged only "VERB,impf" by the Ukrainian dictionary
    ("проходити", "uk", True),
    ("проводить", "uk", True),  # the first reading: a variant infinitive
    ("проведено", "uk", False),  # the impersonal "-но" form
    ("проводили", "uk", False),
    ("проходить", "ru", True),
    ("проходил", "ru", False),
])
def test_infinitives_of_both_dictionaries(word, lang, expected):
    assert is_infinitive(analyzer(lang).parse(word)[0].tag) is expected
