"""Event assembly on sentences written for these tests, in Ukrainian and Russian."""
import importlib
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
    # a school that hosts the training is its venue, not the event; a school of mayors is one
    ("uk", date(2024, 11, 1),
     "У Вищій школі публічного управління з 10 по 14 листопада проходить навчання депутатів місцевих рад.",
     {"event_type": "training", "start_date": "2024-11-10", "title": "навчання депутатів місцевих рад"}),
    ("ru", date(2024, 11, 1),
     "В Высшей школе государственного управления с 10 по 14 ноября проходит обучение депутатов местных советов.",
     {"event_type": "training", "start_date": "2024-11-10", "title": "обучение депутатов местных советов"}),
    ("uk", date(2024, 11, 1), "У Школі мерів 12 листопада розпочався другий модуль для голів громад.",
     {"event_type": "school", "title": "Школа мерів", "start_date": "2024-11-12"}),
    ("ru", date(2024, 11, 1), "В Школе мэров 12 ноября начался второй модуль для глав поселений.",
     {"event_type": "school", "title": "Школа мэров", "start_date": "2024-11-12"}),
    # an online dialogue is a webinar
    ("uk", None,
     "15 вересня 2023 року асоціація проведе онлайн-діалог «Бюджет відновлення» для голів громад.",
     {"event_type": "webinar", "online": True, "title": "Бюджет відновлення", "start_date": "2023-09-15"}),
    ("ru", None,
     "15 сентября 2023 года ассоциация проведет онлайн-диалог «Бюджет развития» для глав поселений.",
     {"event_type": "webinar", "online": True, "title": "Бюджет развития", "start_date": "2023-09-15"}),
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
    # past-tense reports in a sentence after the event word's
    ("uk", "Семінар для старост громад Полтавщини. Учасники обговорили питання бюджетного планування.", "held"),
    ("ru", "Семинар для глав поселений Кубани. Участники обсудили вопросы бюджетного планирования.", "held"),
    # open registration announces the event ("триває", "продолжается" alone would read as held)
    ("uk", "Семінар для старост громад у Полтаві 15 травня. Реєстрацію учасників відкрито до 10 травня.", "announced"),
    ("uk", "Семінар для старост громад у Полтаві 15 травня. Реєстрація триває.", "announced"),
    ("ru", "Семинар для глав поселений в Туле 15 мая. Регистрация участников продолжается.", "announced"),
    # ...but registration for the next event does not turn a report into an announcement
    ("uk", "Асоціація провела у Полтаві для старост громад семінар з питань бюджету. Реєстрація на наступний "
           "семінар уже відкрита.", "held"),
    ("ru", "Ассоциация провела в Туле для глав поселений семинар по бюджету. Регистрация на следующий семинар "
           "уже открыта.", "held"),
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
    # ...or in the next sentence; an application deadline there is no end
    ("uk", "14 травня у Полтаві стартувала школа старост громад. Навчання триватиме до 24 травня.",
     "2024-05-14", "2024-05-24", "held"),
    ("ru", "14 мая в Туле стартовала школа глав поселений. Обучение продлится до 24 мая.",
     "2024-05-14", "2024-05-24", "held"),
    ("uk", "14 травня у Полтаві стартувала школа старост громад. Заявки на наступний набір приймаються до 24 травня.",
     "2024-05-14", None, "held"),
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


@pytest.mark.parametrize("lang,text,start,end", [
    # a date of applications or registration is not the event's, even where it stands nearer the event word
    ("uk", "Реєстрація на тренінг для старост громад триває до 10 червня. Навчання пройде 15 червня у Полтаві.",
     "2024-06-15", "2024-06-15"),
    ("uk", "Тренінг для старост громад відбудеться у Полтаві. Реєстрація відкрита з 20 травня. "
           "Дата проведення: 15 червня.", "2024-06-15", "2024-06-15"),
    ("ru", "Приглашаем глав поселений на семинар по закупкам. Заявки принимаются до 10 июня. "
           "Обучение пройдет 15-16 июня в Туле.", "2024-06-15", "2024-06-16"),
    ("ru", "Семинар для глав поселений пройдет в Туле: заявки принимаются до 10 июня, занятия начнутся 15 июня.",
     "2024-06-15", None),
    # an announcement's labelled date line, however far from the event word
    ("uk", "Тренінг для старост громад\n\nОбласний центр запрошує старост громад на тренінг з бюджетного "
           "планування. Учасники вивчать інструменти планування. Експерти поділяться досвідом.\n\n"
           "Дата проведення: 4 червня 2024 року\nЧас: 10:00\nМісце: м. Полтава", "2024-06-04", "2024-06-04"),
    ("ru", "Семинар для глав поселений\n\nАссоциация приглашает глав поселений на семинар по бюджетному "
           "планированию. Участники изучат инструменты планирования. Эксперты поделятся опытом.\n\n"
           "Дата проведения: 04.06.2024\nВремя: 10:00\nМесто: г. Тула", "2024-06-04", "2024-06-04"),
    # the page's publication stamp, even on the event's lines, is not the event's date
    ("uk", "Новини громади\nОпубліковано: 20 травня 2024 року о 10:15, переглядів: 125\nУ Полтаві відбувся семінар "
           "для депутатів місцевих рад. Учасники обговорили бюджет громади.", None, None),
    ("ru", "Новости района\nОпубликовано: 20 мая 2024 года в 10:15, просмотров: 125\nВ Туле прошел семинар для "
           "депутатов сельских поселений. Участники обсудили бюджет.", None, None),
    # a later paragraph that dates the event, beyond the sentences around its word
    ("uk", "У Полтаві пройде тренінг для старост громад області. Його організовує обласний центр розвитку "
           "місцевого самоврядування. Учасники вивчать бюджетне планування. Експерти поділяться досвідом. "
           "Захід відбудеться 4 червня в приміщенні обласної ради.", "2024-06-04", "2024-06-04"),
    ("ru", "В Туле прошел семинар для глав сельских поселений области. Его организовала ассоциация "
           "муниципальных образований. Участники изучили бюджетное планирование. Эксперты поделились опытом. "
           "Обучение проходило 14-15 мая.", "2024-05-14", "2024-05-15"),
    # ...not when two such dates compete
    ("uk", "У Полтаві пройде тренінг для старост громад області. Його організовує обласний центр розвитку "
           "місцевого самоврядування. Учасники вивчать бюджетне планування. Експерти поділяться досвідом. "
           "Перший захід відбудеться 4 червня, інший пройде 11 червня.", None, None),
    # ...nor a line that dates another kind of event (another article's headline)
    ("uk", "У Полтаві відбувся семінар для депутатів місцевих рад. Учасники обговорили бюджет громади. Експерти "
           "поділилися досвідом. Усі отримали сертифікати.\n\n10.05.2024 У Львові пройшов форум громад", None, None),
    ("ru", "В Туле прошел семинар для депутатов сельских поселений. Участники обсудили бюджет. Эксперты "
           "поделились опытом. Все получили сертификаты.\n\n10.05.2024 В Калуге прошел форум поселений", None, None),
    # a document's date in the event's sentence is not the event's
    ("uk", "Семінар для старост щодо змін до Закону від 5 лютого 2015 року відбувся вчора у Полтаві.",
     "2024-05-19", "2024-05-19"),
    ("ru", "Семинар для глав поселений по закону от 6 октября 2003 года № 131-ФЗ прошел вчера в Туле.",
     "2024-05-19", "2024-05-19"),
    # a date of earlier news in the next sentence is not the event's
    ("uk", "У Полтаві відбувся семінар для депутатів місцевих рад. Нагадаємо, 20 квітня у Києві пройшов форум "
           "громад, на якому ухвалили резолюцію.", None, None),
    ("ru", "В Туле прошел семинар для депутатов сельских поселений. Напомним, 20 апреля в Москве прошел форум, "
           "на котором приняли резолюцию.", None, None),
    # a range alone on its line heads an announcement; a single day there is the page's stamp
    ("uk", "Тренінг для старост громад\n4–5 червня\nОбласний центр запрошує старост громад на тренінг з "
           "бюджетного планування.", "2024-06-04", "2024-06-05"),
    ("ru", "Семинар для глав поселений\n4–5 июня\nАссоциация приглашает глав поселений на семинар по "
           "бюджетному планированию.", "2024-06-04", "2024-06-05"),
    ("uk", "Тренінг для старост громад\n20.05.2024\nОбласний центр провів для старост громад тренінг з "
           "бюджетного планування.", None, None),
    # a range with a relative year names its days: not a relative period like "last week"
    ("uk", "19-20 травня ц.р. у Полтаві відбувся семінар для старост громад.", "2024-05-19", "2024-05-20"),
    ("ru", "19-20 мая текущего года в Туле прошел семинар для глав поселений.", "2024-05-19", "2024-05-20"),
    # two relative days: from the first to the last; a relative week is no day of the event
    ("uk", "Сьогодні і завтра у Полтаві триває форум громад області.", "2024-05-20", "2024-05-21"),
    ("ru", "Сегодня и завтра в Туле проходит форум глав поселений.", "2024-05-20", "2024-05-21"),
    ("uk", "Минулого тижня у Полтаві відбувся тренінг для старост громад.", None, None),
    ("ru", "На прошлой неделе в Туле прошел семинар для глав поселений.", None, None),
    # sessions dated in one sentence: from the first to the last
    ("uk", "Тренінг для старост громад пройде у два етапи: перший модуль 14 червня, другий модуль 28 червня.",
     "2024-06-14", "2024-06-28"),
    ("ru", "Семинар для глав поселений пройдет в два этапа: первый модуль 14 июня, второй модуль 28 июня.",
     "2024-06-14", "2024-06-28"),
    # the day an event started or opened on: its end is not known
    ("uk", "Сьогодні у Полтаві стартував тренінг для старост громад.", "2024-05-20", None),
    ("uk", "20 травня у Полтаві відбулося відкриття школи старост громад.", "2024-05-20", None),
    ("ru", "Сегодня, 20 мая, в Туле состоялось открытие семинара для глав поселений.", "2024-05-20", None),
    ("ru", "Сегодня в Туле начал работу форум глав сельских поселений.", "2024-05-20", None),
    ("uk", "Сьогодні у Полтаві відбувся тренінг для старост громад.", "2024-05-20", "2024-05-20"),
    ("ru", "Сегодня в Туле прошел семинар для глав поселений.", "2024-05-20", "2024-05-20"),
])
def test_event_dates_in_an_announcement_or_report(lang, text, start, end):
    [event] = assemble("t", text, lang, date(2024, 5, 20))
    assert (event.start_date, event.end_date) == (start, end)


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


@pytest.mark.parametrize("lang,text,dates", [
    # separate days and several venues: which day where, the text does not say
    ("uk", "21 та 23 жовтня 2021 року у Лубнах, Гадячі та Пирятині відбулися круглі столи для старост громад.",
     [(None, None)] * 3),
    ("ru", "21 и 23 октября 2021 года в Туле и Калуге прошли круглые столы для глав поселений.", [(None, None)] * 2),
    # one range for all of them is every venue's
    ("uk", "21-22 жовтня 2021 року у Лубнах та Гадячі відбулися круглі столи для старост громад.",
     [("2021-10-21", "2021-10-22")] * 2),
    ("ru", "21-22 октября 2021 года в Туле и Калуге прошли круглые столы для глав поселений.",
     [("2021-10-21", "2021-10-22")] * 2),
])
def test_days_of_an_event_at_several_venues(lang, text, dates):
    assert [(e.start_date, e.end_date) for e in assemble("t", text, lang, None)] == dates


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
    # a programme's description: plural event words with no day are what it offers, not one event
    ("uk", "Програма «Сильні громади» допомагає органам місцевого самоврядування. Вона передбачає семінари, тренінги "
           "та навчальні візити для посадовців громад. Проєкт реалізується у 2024–2026 роках у п'яти областях."),
    ("ru", "Программа «Сильные общины» помогает органам местного самоуправления. Она предусматривает семинары, "
           "тренинги и учебные визиты для чиновников. Проект реализуется в 2024–2026 годах в пяти областях."),
    # an official's opinion of trainings in general
    ("uk", "Голова громади розповів про досвід реформи. На його думку, семінари та тренінги допомагають депутатам "
           "краще розуміти бюджет."),
    ("ru", "Глава поселения рассказал об опыте реформы. По его мнению, семинары и тренинги помогают депутатам лучше "
           "понимать бюджет."),
    # a year's tally of events held
    ("uk", "За 2023 рік центр провів 120 тренінгів та 45 семінарів, у яких взяли участь понад 3 тисячі посадовців "
           "з усіх областей. Найбільше навчань відбулося у Львівській області."),
    ("ru", "За 2023 год центр провел 120 тренингов и 45 семинаров, в которых приняли участие более 3 тысяч "
           "чиновников из всех регионов. Больше всего обучений прошло в Тверской области."),
    # what a finished project held over its years, and training materials of a year
    ("uk", "Проєкт «Громади разом» завершився. За три роки в межах проєкту проведено тренінги для 500 посадовців."),
    ("ru", "Проект «Общины вместе» завершился. За три года в рамках проекта проведены тренинги для 500 чиновников."),
    ("uk", "Асоціація видала посібник. У ньому матеріали тренінгів, які асоціація проводила протягом року."),
    ("ru", "Ассоциация издала пособие. В нем материалы тренингов, которые ассоциация проводила в течение года."),
    # an earlier event recalled at the end of a story about something else
    ("uk", "Громада отримала новий автобус. Нагадаємо, 5 березня у Полтаві відбувся семінар для старост громад."),
    ("ru", "Поселение получило новый автобус. Напомним, 5 марта в Самаре прошел семинар для глав поселений."),
    # a competition whose winners will be trained some day
    ("uk", "Стартував конкурс проєктів для громад. Команди переможців візьмуть участь у навчальному курсі."),
    ("ru", "Стартовал конкурс проектов для поселений. Команды победителей примут участие в обучающем курсе."),
    # a press conference of an official
    ("uk", "6 березня у Полтаві відбулася прес-конференція голови ОДА про ремонт доріг."),
    ("ru", "6 марта в Самаре прошла пресс-конференция губернатора о ремонте дорог."),
    # a calendar of trainings; "обучающих" is the event word's adjective, not a verb of holding
    ("uk", "На порталі оприлюднено календар навчальних заходів на 2024 рік: семінари, тренінги та вебінари."),
    ("ru", "На портале опубликован календарь обучающих мероприятий на 2024 год: семинары, тренинги и вебинары."),
    # a standing web platform called a forum, named again and again but never held
    ("uk", "Онлайн-форум для старост продовжує зростати. Цього року на форумі зареєструвалися 150 нових учасників. "
           "Модератор форуму радить активніше ділитися досвідом на форумі."),
    ("ru", "Онлайн-форум для старост продолжает расти. В этом году на форуме зарегистрировались 150 новых участников. "
           "Модератор форума советует активнее делиться опытом на форуме."),
    # a council's meeting on roads, a budget or residents' complaints, with no word of learning, is its business
    ("uk", "10 квітня у Рівному відбулася робоча зустріч щодо ремонту доріг. Депутати погодили графік робіт."),
    ("ru", "10 апреля в Ровно состоялась рабочая встреча по ремонту дорог. Депутаты согласовали график работ."),
    ("uk", "Нарада в міській раді. 2 вересня голова провів нараду з керівниками департаментів. Йшлося про бюджет."),
    ("ru", "Совещание в горсовете. 2 сентября голова провел совещание с руководителями департаментов. Речь шла о бюджете."),
    ("uk", "Зустріч з виборцями. 8 лютого у Броварах відбулася зустріч депутата з мешканцями округу."),
    ("ru", "Встреча с избирателями. 8 февраля в Броварах прошла встреча депутата с жителями округа."),
    # a forum of investors or business gathers firms, not officials to learn
    ("uk", "14 жовтня у Львові відбувся інвестиційний форум. Підписано меморандуми з інвесторами."),
    ("ru", "3 ноября в Виннице прошел бизнес-форум для предпринимателей региона."),
    # a platform's catalogue: a plural course word before a list of quoted names
    ("uk", "На порталі відкрито онлайн-курси «Закупівлі», «Цифрова громада» та «Місцеві податки». Реєстрація з 1 квітня."),
    ("ru", "На портале открыты онлайн-курсы «Закупки», «Цифровая община» и «Местные налоги». Регистрация с 1 апреля."),
    # a community's plan to take part, with no day of the event: neither held nor announced
    ("uk", "Громада планує взяти участь у навчальному візиті до Польщі. Про це йшлося на сесії 10 березня."),
    ("ru", "Община планирует принять участие в учебном визите в Польшу. Об этом говорилось на сессии 10 марта."),
])
def test_no_event(lang, text):
    assert assemble("t", text, lang, None) == []


@pytest.mark.parametrize("lang,text,expected", [
    # plural event words with a day are events, however many
    ("uk", "12 березня у Полтаві пройшли тренінги для старост громад області.",
     {"event_type": "training", "settlement": "Полтава", "start_date": "2024-03-12"}),
    ("ru", "12 марта в Самаре прошли семинары для глав сельских поселений.",
     {"event_type": "seminar", "settlement": "Самара", "start_date": "2024-03-12"}),
    # a forum said to be held is one, though it is named in the plural first
    ("uk", "Онлайн-форуми для старост стали традицією. Черговий онлайн-форум відбувся 5 березня.",
     {"event_type": "forum", "start_date": "2024-03-05"}),
    ("ru", "Онлайн-форумы для старост стали традицией. Очередной онлайн-форум прошел 5 марта.",
     {"event_type": "forum", "start_date": "2024-03-05"}),
    # a dated event for a competition's winners is one
    ("uk", "Переможці конкурсу 12 травня візьмуть участь у навчальному візиті до Польщі.",
     {"event_type": "study_visit", "start_date": "2024-05-12", "status": "announced"}),
    ("ru", "Победители конкурса 12 мая примут участие в учебном визите в Польшу.",
     {"event_type": "study_visit", "start_date": "2024-05-12", "status": "announced"}),
    # a reminder of an event to come announces it
    ("uk", "Громада отримала новий автобус. Нагадуємо, що 15 травня у Полтаві відбудеться вебінар для старост.",
     {"event_type": "webinar", "start_date": "2024-05-15", "status": "announced"}),
    ("ru", "Поселение получило новый автобус. Напоминаем, что 15 мая в Самаре пройдет вебинар для глав поселений.",
     {"event_type": "webinar", "start_date": "2024-05-15", "status": "announced"}),
    # a meeting on a budget where experts share experience has a learning purpose
    ("uk", "15 травня у Полтаві відбулася робоча зустріч щодо бюджету, на якій експерти поділилися досвідом.",
     {"event_type": "meeting", "start_date": "2024-05-15"}),
    ("ru", "15 мая в Самаре состоялась рабочая встреча по бюджету, на которой эксперты поделились опытом.",
     {"event_type": "meeting", "start_date": "2024-05-15"}),
    # one course launched on a day is an event
    ("uk", "1 квітня на порталі стартував онлайн-курс «Місцеві податки» для депутатів громад.",
     {"event_type": "course", "start_date": "2024-04-01"}),
    ("ru", "1 апреля на портале стартовал онлайн-курс «Местные налоги» для депутатов поселений.",
     {"event_type": "course", "start_date": "2024-04-01"}),
    # a plan to take part in an event with its own day is an announced event
    ("uk", "Громада планує взяти участь у семінарі, який відбудеться 15 травня у Полтаві.",
     {"event_type": "seminar", "start_date": "2024-05-15"}),
    ("ru", "Поселение планирует принять участие в семинаре, который пройдет 15 мая в Самаре.",
     {"event_type": "seminar", "start_date": "2024-05-15"}),
])
def test_a_dated_mention_is_an_event(lang, text, expected):
    [event] = assemble("t", text, lang, date(2024, 3, 20))
    assert {k: getattr(event, k) for k in expected} == expected


@pytest.mark.parametrize("lang,text,expected", [
    # a course and its closing conference, each named: two records; the course has no day of its own
    ("uk", "Завершився дистанційний курс навчання «Бюджет громади» для депутатів. Підсумки курсу підбили 12 березня "
           "у Полтаві під час заключної конференції «Громади навчаються».",
     [("conference", "Громади навчаються", "2024-03-12"), ("course", "Бюджет громади", None)]),
    ("ru", "Завершился дистанционный курс обучения «Бюджет поселения» для депутатов. Итоги курса подвели 12 марта "
           "в Самаре на итоговой конференции «Поселения учатся».",
     [("conference", "Поселения учатся", "2024-03-12"), ("course", "Бюджет поселения", None)]),
    # a week's visit abroad and a seminar during it, each with its own dates
    ("uk", "З 3 по 9 травня старости були з навчальним візитом у Польщі. 5 травня вони були на семінарі «Гміни».",
     [("study_visit", "навчальний візит у Польщі", "2024-05-03"), ("seminar", "Гміни", "2024-05-05")]),
    ("ru", "С 3 по 9 мая главы были с учебным визитом в Польше. 5 мая они были на семинаре «Гмины».",
     [("study_visit", "учебный визит в Польше", "2024-05-03"), ("seminar", "Гмины", "2024-05-05")]),
    # the round table named after its own quoted word, with its own place
    ("uk", "13–18 травня гості будуть з навчальним візитом. Вони візьмуть участь у «круглому столі» “Досвід гмін”.",
     [("study_visit", "навчальний візит", "2024-05-13"), ("round_table", "Досвід гмін", None)]),
    ("ru", "13–18 мая гости будут с учебным визитом. Они примут участие в «круглом столе» “Опыт гмин”.",
     [("study_visit", "учебный визит", "2024-05-13"), ("round_table", "Опыт гмин", None)]),
])
def test_events_of_two_kinds_are_two_records(lang, text, expected):
    found = assemble("t", text, lang, date(2024, 3, 20))
    assert [(e.event_type, e.title, e.start_date) for e in found] == expected


@pytest.mark.parametrize("lang,text", [
    # the programme or forum the event belongs to is no second event
    ("uk", "В рамках форуму «Громади 2030» у Полтаві 12 березня відбувся семінар для старост."),
    ("ru", "В рамках форума «Муниципалитеты» в Самаре 12 марта прошел семинар для глав поселений."),
    ("uk", "12 березня у Полтаві відбувся семінар «Комунікації». Семінар — частина курсу навчання «Сильна громада»."),
    ("ru", "12 марта в Самаре прошел семинар «Коммуникации». Семинар — часть курса обучения «Сильное поселение»."),
    # a session of the programme neither: one programme in several sessions is one event
    ("uk", "У Полтаві стартував семінар для старост. Перший модуль — тренінг «Бюджет» — відбувся 12 березня."),
    ("ru", "В Самаре стартовал семинар для глав. Первый модуль — тренинг «Бюджет» — прошел 12 марта."),
    # one recalled from an earlier story neither
    ("uk", "12 березня у Полтаві відбувся семінар. Нагадаємо, торік у місті пройшла конференція «Громади»."),
    ("ru", "12 марта в Самаре прошел семинар. Напомним, в прошлом году в городе прошла конференция «Поселения»."),
])
def test_a_programme_or_a_recalled_event_is_no_second_record(lang, text):
    [event] = assemble("t", text, lang, date(2024, 3, 20))
    assert (event.event_type, event.start_date) == ("seminar", "2024-03-12")


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
    # a press conference holds the word but is no training event
    ("uk", "прес-конференція голови і конференція громад", ["conference"]),
    ("ru", "пресс-конференции губернатора и конференции поселений", ["conference"]),
    # a visit named by its preposition, whichever form it takes
    ("uk", "із робочим візитом і зі стислим візитом", ["study_visit", "study_visit"]),
    ("ru", "с рабочим визитом и со своим визитом", ["study_visit", "study_visit"]),
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
    ("uk", "онлайн-діалог і майстер-клас", ["webinar", "training"]),
    ("ru", "онлайн-диалог и мастер-класс", ["webinar", "training"]),
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


@pytest.mark.parametrize("lang,text", [
    ("uk", "Депутати громади завершили навчання. Семінар відбувся у Львові."),
    ("ru", "Депутаты поселения завершили обучение. Семинар прошел в Самаре."),
])
@pytest.mark.parametrize("gap,event_type", [(0.03, "seminar"), (0.2, "training")])
def test_a_generic_word_yields_to_a_specific_one_next_when_about_as_likely(monkeypatch, lang, text, gap, event_type):
    stage = importlib.import_module("extractor.events.assemble")  # the module: the package exports its function
    generic, specific = find_triggers(text, lang)

    def ranked(ctx, triggers):  # the ranker's support, set here: only the gap between the two matters
        return [(0.7, generic), (0.7 - gap, specific)], True
    monkeypatch.setattr(stage, "rank", ranked)
    [event] = assemble("t", text, lang, None)
    assert event.event_type == event_type
