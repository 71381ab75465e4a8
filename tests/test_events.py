"""Event assembly on sentences written for these tests, in Ukrainian and Russian."""
from datetime import date

import pytest

from extractor.events import assemble, find_triggers
from extractor.events.phrases import closing

CASES = [
    # (lang, published, text, expected fields of the only event)
    ("uk", date(2024, 5, 14),
     "Сьогодні у Полтаві відбувся семінар «Бюджет громади: пріоритети 2025 року» для старост громад Полтавської області.",
     {"event_type": "seminar", "title": "Бюджет громади: пріоритети 2025 року", "settlement": "Полтава",
      "region": "Полтавська область", "start_date": "2024-05-14", "status": "held"}),
    ("uk", None,
     "20-22 березня 2023 року у Житомирі пройде тренінг «Стратегічне планування в громаді» для посадових осіб "
     "місцевого самоврядування.",
     {"event_type": "training", "title": "Стратегічне планування в громаді", "settlement": "Житомир",
      "start_date": "2023-03-20", "end_date": "2023-03-22", "status": "announced",
      "audience": ["посадові особи місцевого самоврядування"]}),
    ("uk", None,
     "15 квітня 2021 р. у Львові відбувся круглий стіл «Енергоефективність громадських будівель», організований "
     "Львівським центром розвитку місцевого самоврядування за підтримки Програми «U-LEAD з Європою».",
     {"event_type": "round_table", "title": "Енергоефективність громадських будівель", "settlement": "Львів",
      "region": "Львівська область", "start_date": "2021-04-15", "status": "held"}),
    ("uk", None,
     "Відбувся вебінар «Цифрові послуги в ЦНАП» для працівників центрів надання адміністративних послуг.",
     {"event_type": "webinar", "online": True, "title": "Цифрові послуги в ЦНАП"}),
    ("ru", date(2025, 3, 4),
     "Со 2 по 6 марта 2025 года в Ижевске проходит семинар «Бюджет поселения: практика Удмуртии» "
     "для депутатов сельских советов.",
     {"event_type": "seminar", "title": "Бюджет поселения: практика Удмуртии", "settlement": "Ижевск",
      "region": "Удмуртская Республика", "start_date": "2025-03-02", "end_date": "2025-03-06", "status": "held",
      "audience": ["депутаты сельских советов"]}),
    ("ru", None,
     "В Краснодаре состоялся обучающий семинар для руководителей представительных органов муниципальных "
     "образований, его провело Законодательное Собрание Краснодарского края.",
     {"event_type": "seminar", "settlement": "Краснодар", "region": "Краснодарский край", "status": "held"}),
    ("ru", None,
     "Завтра, 12 июля, в Красноярске состоится круглый стол «Бюджет муниципального образования».",
     {"event_type": "round_table", "title": "Бюджет муниципального образования", "start_date": None,
      "status": "announced"}),
    ("ru", None,
     "Участники «Школы мэров» изучают опыт муниципалитетов: в Кемеровской области стартовал третий модуль программы.",
     {"event_type": "school", "title": "Школа мэров", "region": "Кемеровская область", "status": "held"}),
    # a quoted name headed by the event word is the event's own name, not another thing's
    ("ru", None,
     "В Херсоне стартовал «Областной форум» для старост и депутатов сельских советов.",
     {"event_type": "forum", "title": "Областной форум", "settlement": "Херсон", "status": "held"}),
    ("uk", None,
     "У Житомирі розпочався «Весняний марафон» для старост громад області.",
     {"event_type": "other", "title": "Весняний марафон", "settlement": "Житомир", "status": "held"}),
    # the event word's own verb outranks the tense of the sentence with its dates
    ("ru", None,
     "С 3 по 7 марта 2025 года главы поселений будут изучать бюджетное планирование: в Самаре стартовала "
     "образовательная программа для глав поселений.",
     {"event_type": "course", "start_date": "2025-03-03", "end_date": "2025-03-07", "status": "held"}),
    ("uk", None,
     "З 3 по 5 квітня 2024 року старости будуть вивчати бюджетне планування: у Вінниці розпочався тренінг "
     "для старост громад.",
     {"event_type": "training", "start_date": "2024-04-03", "end_date": "2024-04-05", "status": "held"}),
    ("uk", None,
     "Стартувала реєстрація учасників. Семінар для депутатів громад пройде 14 травня 2024 року у Вінниці.",
     {"event_type": "seminar", "start_date": "2024-05-14", "status": "announced"}),
    # the city before the organizer is the venue
    ("uk", None,
     "25 листопада 2025 року в Черкасах Асоціація міст України провела семінар для фінансистів громад.",
     {"event_type": "seminar", "settlement": "Черкаси", "region": "Черкаська область",
      "organizers": ["Асоціація міст України"], "audience": ["фінансисти громад"]}),
    # a regional body the event is held at gives its region, in either country
    ("ru", None,
     "Круглый стол «Развитие ТОС» состоялся 14 октября 2025 года в Законодательном Собрании Вологодской области.",
     {"event_type": "round_table", "settlement": None, "region": "Вологодская область"}),
    ("uk", None,
     "Семінар для депутатів відбувся 14 жовтня 2025 року в сесійній залі Житомирської обласної ради.",
     {"event_type": "seminar", "settlement": None, "region": "Житомирська область"}),
    # a trip of officials abroad is a study visit
    ("uk", None,
     "Поїздка делегації старост Полтавщини до Польщі тривала з 3 по 7 жовтня 2022 року.",
     {"event_type": "study_visit", "start_date": "2022-10-03", "end_date": "2022-10-07", "status": "held"}),
    ("ru", None,
     "Рабочая поездка глав сельских поселений в Казань прошла с 3 по 5 июня 2024 года.",
     {"event_type": "study_visit", "start_date": "2024-06-03", "end_date": "2024-06-05", "status": "held"}),
]


@pytest.mark.parametrize("lang,published,text,expected", CASES)
def test_single_event_fields(lang, published, text, expected):
    [event] = assemble("t", text, lang, published)
    record = event.to_dict()
    for field, value in expected.items():
        assert record[field] == value, field


@pytest.mark.parametrize("lang,text,field,value", [
    ("uk", "У Полтаві відбувся тренінг для 40 старост громад області.", "participants", 40),
    # where participants come from is not where the event is
    ("uk", "Семінар для старост з Вінницької області відбувся онлайн.", "region", None),
    ("ru", "В работе форума приняли участие 60 глав от Ивановской области.", "region", None),
    ("ru", "В Самаре прошёл семинар, в котором приняли участие более 70 глав поселений.", "participants", 70),
    ("uk", "За фінансової підтримки уряду Швеції у Луцьку відбувся семінар для депутатів місцевих рад.",
     "partners", ["уряд Швеції"]),
    ("ru", "При поддержке Фонда президентских грантов в Омске прошёл семинар для глав поселений.",
     "partners", ["Фонд президентских грантов"]),
    ("uk", "Семінар у Рівному провела Асоціація міст України для депутатів місцевих рад.",
     "organizers", ["Асоціація міст України"]),
])
def test_roles_and_counts(lang, text, field, value):
    [event] = assemble("t", text, lang, None)
    assert event.to_dict()[field] == value


@pytest.mark.parametrize("lang,text,status", [
    # no cue word in the article: the tense of the verb nearest the event word decides
    ("uk", "Семінар для старост громад Полтавщини. Участь у ньому взяла понад сотня посадовців.", "held"),
    ("uk", "Семінар для старост громад Полтавщини. Громада бере в ньому активну участь.", "held"),
    ("uk", "Семінар для старост громад Полтавщини. Учасники вивчатимуть бюджетний кодекс.", "announced"),
    ("ru", "Семинар для глав поселений Кубани. Участниками стали более ста человек.", "held"),
    ("ru", "Семинар для глав поселений Кубани. Делегация района принимает в нем участие.", "held"),
    ("ru", "Семинар для глав поселений Кубани. Участники разберут бюджетный кодекс.", "announced"),
])
def test_status_from_verb_tense_without_cue_words(lang, text, status):
    [event] = assemble("t", text, lang, None)
    assert event.status == status


@pytest.mark.parametrize("lang,text,start,end,status", [
    # a start day and the end its sentence gives later: the event runs from one to the other
    ("uk", "Семінар для старост громад розпочався у Полтаві 14 травня і триватиме до 24 травня.",
     "2024-05-14", "2024-05-24", "held"),
    ("ru", "Семинар для глав поселений стартовал в Туле 14 мая и продлится до 24 мая.",
     "2024-05-14", "2024-05-24", "held"),
    # sessions of one programme dated in separate sentences: from the first to the last
    ("uk", "Перший модуль школи старост відбувся 5 травня у Полтаві. Другий модуль відбудеться 20 червня у Миргороді.",
     "2024-05-05", "2024-06-20", "held"),
    ("ru", "Первый модуль школы старост прошел 5 мая в Туле. Второй модуль пройдет 20 июня в Калуге.",
     "2024-05-05", "2024-06-20", "held"),
    # ...but the next event of a series is another event
    ("uk", "Семінар для старост громад відбувся 5 травня у Полтаві. Наступний семінар відбудеться 20 червня.",
     "2024-05-05", "2024-05-05", "held"),
    ("ru", "Семинар для глав поселений прошел 5 мая в Туле. Следующий семинар пройдет 20 июня.",
     "2024-05-05", "2024-05-05", "held"),
])
def test_dates_joined_across_a_sentence(lang, text, start, end, status):
    [event] = assemble("t", text, lang, date(2024, 5, 20))
    assert (event.start_date, event.end_date, event.status) == (start, end, status)


@pytest.mark.parametrize("lang,text", [
    # the event word's sentence speaks of plans, the date's sentence says it goes on: it has started
    ("uk", "Школа старост громад Полтавщини розпочала роботу. Учасники відвідають громади та зустрінуться з "
           "експертами. Навчання триватиме до 24 травня."),
    ("ru", "Школа глав поселений начала работу. Участники посетят поселения и встретятся с экспертами. "
           "Обучение продлится до 24 мая."),
])
def test_running_until_a_day_ahead_is_held(lang, text):
    [event] = assemble("t", text, lang, date(2024, 5, 20))
    assert (event.end_date, event.status) == ("2024-05-24", "held")


def test_list_of_dated_items_gives_one_event_each():
    text = ("У графіку на осінь такі заходи:\n"
            "- 8 вересня 2022 р. - круглий стіл «Шкільний автобус» у приміщенні Ковельської міської ради;\n"
            "- 6 жовтня 2022 р. - круглий стіл «Чиста вода» у приміщенні Любомльської міської ради;\n"
            "- 17 листопада 2022 р. - конференція «Громади Волині» (м. Луцьк).")
    found = assemble("t", text, "uk", None)
    assert [(e.event_type, e.title, e.start_date) for e in found] == [
        ("round_table", "Шкільний автобус", "2022-09-08"),
        ("round_table", "Чиста вода", "2022-10-06"),
        ("conference", "Громади Волині", "2022-11-17"),
    ]
    assert found[2].settlement == "Луцьк"


def test_sessions_make_one_event_from_first_to_last_day():
    text = ("Завершився курс підвищення кваліфікації «Громадський бюджет», який тривав три модулі "
            "(3-5 лютого, 17-19 лютого, 10-12 квітня 2022 року).")
    [event] = assemble("t", text, "uk", None)
    assert (event.event_type, event.start_date, event.end_date) == ("course", "2022-02-03", "2022-04-12")
    assert len(event.sessions) == 3


def test_plural_event_in_two_cities_gives_two_events():
    text = "Одноденні семінари для 80 секретарів рад пройшли у Вінниці та Чернігові у жовтні."
    found = assemble("t", text, "uk", None)
    assert sorted(e.settlement for e in found) == ["Вінниця", "Чернігів"]
    assert [e.participants for e in found] == [None, None]  # 80 in all: not each one's count


@pytest.mark.parametrize("lang,text", [
    # a database about trainings is not a training
    ("uk", "Аналітики уклали каталог тренінгів і навчань для посадовців громад."),
    # the word inside another thing's name
    ("uk", "Уряд схвалив проєкт «Про підтримку семінарів для молоді» у першому читанні."),
    ("ru", "Депутаты обсудили законопроект «О проведении семинаров и конференций»."),
    # a kind of activity in a plan, not one event
    ("uk", "На засіданні затвердили план роботи ради: заплановано проведення семінарів для депутатів місцевих рад."),
    ("ru", "Принят график на следующий год: предусмотрено проведение «круглых столов» для депутатов районов края."),
    # no event word at all
    ("ru", "Глава района провёл приём граждан по личным вопросам."),
])
def test_no_event(lang, text):
    assert assemble("t", text, lang, None) == []


def test_planned_activity_with_a_day_is_an_event():
    text = "Заплановано проведення семінарів для старост громад 15 травня 2025 року у Полтаві."
    [event] = assemble("t", text, "uk", None)
    assert (event.event_type, event.start_date, event.settlement) == ("seminar", "2025-05-15", "Полтава")


def test_evidence_points_at_the_words():
    text = "Сьогодні у Полтаві відбувся семінар «Бюджет громади» для старост громад."
    [event] = assemble("t", text, "uk", date(2024, 5, 14))
    start, end = event.evidence["title"]
    assert text[start:end] == "«Бюджет громади»"
    start, end = event.evidence["settlement"]
    assert "Полтаві" in text[start:end]
    start, end = event.evidence["start_date"]
    assert text[start:end] == "Сьогодні"


@pytest.mark.parametrize("lang,text,types", [
    ("uk", "Семінар-тренінг і круглий стіл", ["seminar", "round_table"]),
    ("ru", "Вебинар, тренинг и конференция", ["webinar", "training", "conference"]),
    ("uk", "навчальний візит та форум", ["study_visit", "forum"]),
    ("uk", "навчальний курс і курси підвищення кваліфікації", ["course", "course"]),
    ("ru", "обучающий курс и образовательные курсы", ["course", "course"]),
    ("ru", "курс валют", []),
    # every case form of a lexicon noun, without a pattern of its own
    ("uk", "на круглих столах і під час стажувань", ["round_table", "study_visit"]),
    ("ru", "на круглых столах и стажировками", ["round_table", "study_visit"]),
    # heads of a programme's own name
    ("uk", "Школа молодого депутата завершила роботу", ["school"]),
    ("ru", "Муниципальная академия собрала глав поселений", ["school"]),
    ("uk", "третя стратегічна сесія робочої групи", ["meeting"]),
    ("ru", "прошла стратегическая сессия рабочей группы", ["meeting"]),
    ("uk", "навчальна поїздка до Любуського воєводства", ["study_visit"]),
    ("ru", "учебная поездка в Калужскую область", ["study_visit"]),
    ("uk", "відбувся конгрес секретарів рад", ["conference"]),
    ("ru", "состоялся конгресс муниципальных образований", ["conference"]),
    ("uk", "перша зустріч з експертом проєкту", ["meeting"]),
    ("ru", "первая встреча с экспертом проекта", ["meeting"]),
    # where two overlap the weightier wins: a study visit, not a visit to a hromada
    ("uk", "здійснила навчальний візит до Гуменецької громади", ["study_visit"]),
    ("ru", "совершила учебный визит в Гуменецкую громаду", ["study_visit"]),
    # an entry written in a feminine adjective's form matches its other cases
    ("uk", "на навчальну поїздку і в стратегічній сесії", ["study_visit", "meeting"]),
    ("ru", "в учебную поездку и на стратегической сессии", ["study_visit", "meeting"]),
    # a prefix joined by a hyphen belongs to the word; the first noun of a compound names its type
    ("uk", "онлайн-діалог і майстер-клас", ["other", "training"]),
    ("ru", "онлайн-диалог и мастер-класс", ["other", "training"]),
    # a seminar or a meeting held online is a webinar
    ("uk", "онлайн-семінару для старост і он-лайн нараді голів", ["webinar", "webinar"]),
    ("ru", "онлайн-семинаре для старост и онлайн-совещании глав", ["webinar", "webinar"]),
])
def test_trigger_types(lang, text, types):
    assert [t.event_type for t in find_triggers(text, lang)] == types


@pytest.mark.parametrize("lang,text,kinds", [
    ("uk", "Академія розвитку громад і семінар", ["named", "event"]),
    ("ru", "Академия развития и семинар", ["named", "event"]),
])
def test_named_heads_are_marked(lang, text, kinds):
    assert [t.kind for t in find_triggers(text, lang)] == kinds


@pytest.mark.parametrize("lang,text,span", [
    ("uk", "Учасники онлайн-тренінгу обговорили бюджет", "онлайн-тренінгу"),
    ("ru", "Участники онлайн-семинара обсудили бюджет", "онлайн-семинара"),
])
def test_trigger_spans_the_hyphenated_compound(lang, text, span):
    [trig] = find_triggers(text, lang)
    assert trig.text == span


@pytest.mark.parametrize("text,name", [
    ("«Асоціація \"Відродження громад\"» провела семінар", "«Асоціація \"Відродження громад\"»"),
    ("«Фонд «Розвиток громад», Асоціація міст", "«Фонд «Розвиток громад»"),  # outer closing quote dropped
    ("«Школа \"Мэр» прошла в Казани", "«Школа \"Мэр»"),  # inner quote left open
    ("„Муніципальна школа“ і форум", "„Муніципальна школа“"),
    ("(ВАРМСУ) та Конгрес", "(ВАРМСУ)"),
])
def test_quoted_name_ends_at_its_own_closing_quote(text, name):
    assert text[:closing(text, 0)] == name


def test_unclosed_quote_has_no_end():
    assert closing("«Школа громад без кінця", 0) is None
