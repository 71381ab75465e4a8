"""Kinds of phrasing that name an event, written for these tests in Ukrainian and Russian: formats of learning with
no usual event noun, and how many records one article's wording makes."""
from datetime import date

import pytest

from extractor.dates import find_dates
from extractor.events import assemble

PUBLISHED = date(2025, 3, 10)


@pytest.mark.parametrize("lang,text,expected", [
    # a learning excursion is a study visit
    ("uk", "Старости побували на екскурсії\n\n5 березня старости громад Київщини побували на навчальній екскурсії "
           "у Фастові та ознайомилися з роботою ЦНАП.",
     {"event_type": "study_visit", "settlement": "Фастів", "start_date": "2025-03-05"}),
    ("ru", "Главы побывали на экскурсии\n\n5 марта главы сельских поселений побывали на ознакомительной экскурсии "
           "в Суздале и изучили опыт благоустройства.",
     {"event_type": "study_visit", "settlement": "Суздаль", "start_date": "2025-03-05"}),
    # a rally of officials heads its gathering's name
    ("uk", "У Коростені відбувся зліт старост\n\n6 березня у Коростені відбувся зліт старост громад області, "
           "учасники обмінялися досвідом.", {"event_type": "meeting", "settlement": "Коростень"}),
    ("ru", "В Ржеве прошел слет глав поселений\n\n6 марта в Ржеве прошел слет глав сельских поселений области, "
           "участники обменялись опытом.", {"event_type": "meeting", "settlement": "Ржев"}),
    # an assembly of communities is a conference
    ("uk", "Асамблея громад зібрала голів\n\n7 березня у Києві пройшла Асамблея громад: голови громад обмінялися "
           "практиками.", {"event_type": "conference", "start_date": "2025-03-07"}),
    ("ru", "Ассамблея муниципалитетов собрала глав\n\n7 марта в Казани прошла Ассамблея муниципалитетов: главы "
           "поселений обменялись практиками.", {"event_type": "conference", "start_date": "2025-03-07"}),
    # a lecture hall, a bootcamp, a foresight or educational session
    ("uk", "4 березня у Хмельницькому відбулося заняття лекторію для депутатів місцевих рад.",
     {"event_type": "seminar", "settlement": "Хмельницький"}),
    ("ru", "4 марта в Кирове прошло занятие лектория для депутатов сельских поселений.",
     {"event_type": "seminar", "settlement": "Киров"}),
    ("uk", "3 березня у Львові стартував буткемп для молодих посадовців громад.",
     {"event_type": "training", "settlement": "Львів"}),
    ("ru", "3 марта в Перми стартовал буткемп для молодых муниципальных служащих.",
     {"event_type": "training", "settlement": "Пермь"}),
    ("uk", "6 березня у Мукачеві відбулася форсайт-сесія для працівників міської ради.",
     {"event_type": "meeting", "start_date": "2025-03-06"}),
    ("ru", "6 марта в Кирове прошла форсайт-сессия для муниципальных служащих.",
     {"event_type": "meeting", "start_date": "2025-03-06"}),
    ("uk", "5 березня у Вінниці відбулася освітня сесія для старост громад області.",
     {"event_type": "training", "settlement": "Вінниця"}),
    ("ru", "5 марта в Липецке прошла образовательная сессия для глав сельских поселений.",
     {"event_type": "training", "settlement": "Липецк"}),
    # a training session is a training; a panel session or an expert discussion a round table
    ("uk", "5 березня у Полтаві відбулася тренінгова сесія для працівників ЦНАП громад.",
     {"event_type": "training", "settlement": "Полтава"}),
    ("ru", "5 марта в Самаре прошла тренинговая сессия для сотрудников администраций поселений.",
     {"event_type": "training", "settlement": "Самара"}),
    ("uk", "5 березня у Полтаві відбулася експертна дискусія для голів громад щодо відновлення.",
     {"event_type": "round_table", "settlement": "Полтава"}),
    ("ru", "5 марта в Самаре прошла экспертная дискуссия для глав поселений о восстановлении.",
     {"event_type": "round_table", "settlement": "Самара"}),
    ("uk", "5 березня у Полтаві відбулася панельна сесія для голів громад щодо відновлення.",
     {"event_type": "round_table", "settlement": "Полтава"}),
    ("ru", "5 марта в Самаре прошла панельная сессия для глав поселений о восстановлении.",
     {"event_type": "round_table", "settlement": "Самара"}),
    # a seminar on floods with experts is a training event, whatever its topic
    ("uk", "5 березня у Полтаві відбувся семінар для старост щодо підготовки до паводку: експерти поділилися "
           "досвідом.", {"event_type": "seminar", "settlement": "Полтава"}),
    ("ru", "5 марта в Самаре прошел семинар для глав поселений по подготовке к паводку: эксперты поделились опытом.",
     {"event_type": "seminar", "settlement": "Самара"}),
    # a business game is a training; Russian councils' "учёба" is a round of training
    ("uk", "5 березня у Полтаві відбулася ділова гра для старост громад області.",
     {"event_type": "training", "settlement": "Полтава"}),
    ("ru", "5 марта в Твери прошла деловая игра для глав сельских поселений.",
     {"event_type": "training", "settlement": "Тверь"}),
    ("ru", "5 марта в Твери прошла учеба муниципальных служащих по вопросам закупок.",
     {"event_type": "training", "settlement": "Тверь"}),
    # officials' training in civil protection is a training, where drills are none
    ("uk", "5 березня у Полтаві відбулося навчання старост громад з питань цивільного захисту.",
     {"event_type": "training", "settlement": "Полтава"}),
    ("ru", "5 марта в Самаре прошло обучение глав сельских поселений по вопросам гражданской обороны.",
     {"event_type": "training", "settlement": "Самара"}),
    # a training-seminar is a training, as a seminar-training is a seminar
    ("uk", "6 березня у Кропивницькому відбувся тренінг-семінар для старост громад області.",
     {"event_type": "training", "settlement": "Кропивницький"}),
    ("ru", "6 марта в Брянске прошел тренинг-семинар для старост сельских населенных пунктов.",
     {"event_type": "training", "settlement": "Брянск"}),
    ("uk", "6 березня у Кропивницькому відбувся семінар-тренінг для старост громад області.",
     {"event_type": "seminar", "settlement": "Кропивницький"}),
    # an unquoted course is one when whom or what it teaches follows the word
    ("uk", "Стартував курс для депутатів\n\n3 березня у Харкові стартував курс для депутатів місцевих рад з "
           "бюджетного процесу.", {"event_type": "course", "settlement": "Харків", "start_date": "2025-03-03"}),
    ("uk", "З 3 березня у Дніпрі триває курс з публічних закупівель для працівників громад області.",
     {"event_type": "course", "settlement": "Дніпро", "start_date": "2025-03-03"}),
    ("ru", "Стартовал курс для депутатов\n\n3 марта в Пензе стартовал курс для депутатов сельских поселений.",
     {"event_type": "course", "settlement": "Пенза", "start_date": "2025-03-03"}),
    ("ru", "С 3 марта в Саратове проходит курс по закупкам для муниципальных служащих.",
     {"event_type": "course", "settlement": "Саратов", "start_date": "2025-03-03"}),
    # a plural introduction, then one visit whose delegation stayed somewhere on its own days
    ("uk", "Представники громад відвідують ґміни під час навчальних візитів\n\nПредставники громад відвідують "
           "польські ґміни під час навчальних візитів. Цього разу з 3 по 6 березня делегація громад Поділля "
           "перебувала у Жешуві. Учасники ознайомилися з управлінням майном.",
     {"event_type": "study_visit", "settlement": "Жешув", "start_date": "2025-03-03", "end_date": "2025-03-06"}),
    ("ru", "Главы поселений ездят в учебные поездки\n\nГлавы поселений регулярно ездят в учебные поездки к "
           "коллегам. На этот раз с 3 по 5 марта делегация области находилась в Ярославле. Участники изучили "
           "опыт управления имуществом.",
     {"event_type": "study_visit", "settlement": "Ярославль", "start_date": "2025-03-03", "end_date": "2025-03-05"}),
    # the place visited, named first in the accusative, is the venue; who visited, in the nominative, is not
    ("uk", "5 березня Макарівську громаду з навчальним візитом відвідали старости громад Херсонщини.",
     {"event_type": "study_visit", "settlement": "Макарівська громада"}),
    ("ru", "5 марта Калугу с учебным визитом посетили главы поселений Ивановской области.",
     {"event_type": "study_visit", "settlement": "Калуга"}),
    # the verbs of visiting are lemmas: any form ("відвідували", "посещали")
    ("uk", "5 березня Макарівську громаду з навчальним візитом відвідували старости громад Херсонщини.",
     {"event_type": "study_visit", "settlement": "Макарівська громада"}),
    ("ru", "5 марта Калугу с учебным визитом посещали главы поселений Ивановской области.",
     {"event_type": "study_visit", "settlement": "Калуга"}),
    ("uk", "5 березня Полтава з навчальним візитом відвідала Люблін.",
     {"event_type": "study_visit", "settlement": "Люблін"}),
    # a visit a programme provides for on its own days is announced
    ("uk", "Програма передбачає навчальний візит до Любліна, який відбудеться 12-14 березня для голів громад.",
     {"event_type": "study_visit", "start_date": "2025-03-12", "status": "announced"}),
    ("ru", "Программа предусматривает учебную поездку в Казань, которая пройдет 12-14 марта для глав поселений.",
     {"event_type": "study_visit", "start_date": "2025-03-12", "status": "announced"}),
    # an adopted programme beside an event held on its own day leaves the event
    ("uk", "Рада затвердила програму навчання посадовців. 6 березня у Полтаві відбувся семінар для депутатів "
           "місцевих рад щодо її виконання.", {"event_type": "seminar", "start_date": "2025-03-06"}),
    ("ru", "Совет утвердил программу обучения служащих. 6 марта в Самаре прошел семинар для депутатов поселений "
           "по ее выполнению.", {"event_type": "seminar", "start_date": "2025-03-06"}),
])
def test_one_event_of_a_kind_of_phrasing(lang, text, expected):
    [event] = assemble("t", text, lang, PUBLISHED)
    assert {k: getattr(event, k) for k in expected} == expected


@pytest.mark.parametrize("lang,text", [
    # pupils' excursion, a youth rally, the UN's assembly: none of them trains officials
    ("uk", "5 березня учні ліцею побували на екскурсії у музеї історії міста."),
    ("ru", "6 марта в Вологде прошел слет юных туристов: школьники соревновались в ориентировании."),
    ("uk", "Генеральна асамблея ООН 5 березня ухвалила резолюцію щодо безпеки."),
    ("ru", "Генеральная ассамблея ООН 5 марта приняла резолюцию о безопасности."),
    # a rate or a political course teaches no one
    ("uk", "5 березня курс долара зріс, голова громади прокоментував курс на реформи."),
    ("ru", "5 марта курс доллара по отношению к рублю вырос, глава администрации прокомментировал ситуацию."),
    # civil protection drills exercise services, they teach no council (Russian "учения" is no event word at all)
    ("uk", "5 березня у громаді відбулися командно-штабні навчання з ліквідації наслідків надзвичайної ситуації."),
    ("uk", "5 березня у громаді пройшло тактико-спеціальне навчання рятувальників."),
    ("ru", "5 марта в районе прошли командно-штабные учения по ликвидации последствий паводка."),
    # what a programme provides for, undated, beside another happening of a day is no event
    ("uk", "Програма допомоги громадам\n\nПрограма передбачає навчальні візити до Польщі для голів громад. 5 березня "
           "у Полтаві відкрили новий ЦНАП."),
    ("ru", "Программа помощи поселениям\n\nПрограмма предусматривает учебные поездки для глав поселений. 5 марта в "
           "Твери открыли новый МФЦ."),
    # one's own studies are no event
    ("ru", "После учебы в университете он 5 марта вернулся в родное поселение и стал главой."),
    ("ru", "5 марта школьники поселения вернулись к учебе после каникул."),
    # an official's meeting on a season's works (readiness for spring, floods, the sowing) teaches no one
    ("uk", "5 березня голова облдержадміністрації провів нараду з головами громад щодо підготовки до весни."),
    ("ru", "5 марта губернатор провел совещание с главами муниципальных образований по подготовке к паводку."),
    ("uk", "5 березня відбулася нарада з головами громад щодо посівної кампанії."),
    ("ru", "5 марта прошло совещание с главами поселений о ходе посевной кампании."),
    # a programme of training a council adopted on a day is a plan, not an event of that day
    ("uk", "5 березня обласна рада затвердила програму підвищення кваліфікації посадових осіб місцевого "
           "самоврядування на 2025-2027 роки. Програма передбачає семінари і тренінги."),
    ("ru", "5 марта областной совет утвердил программу повышения квалификации муниципальных служащих на 2025-2027 "
           "годы. Программа предусматривает семинары и тренинги."),
])
def test_the_same_words_elsewhere_name_no_event(lang, text):
    assert assemble("t", text, lang, PUBLISHED) == []


@pytest.mark.parametrize("lang,text,start,end", [
    # a report of the second session that recalls the first and plans the third: one programme, first day to last
    ("uk", "У Житомирі 6-7 березня відбувся другий модуль навчальної програми для депутатів місцевих рад. Перший "
           "модуль пройшов 20-21 лютого. Третій модуль заплановано на 27-28 березня.", "2025-02-20", "2025-03-28"),
    ("ru", "В Иванове 6-7 марта прошла вторая сессия обучающей программы для депутатов муниципальных советов. Первая "
           "сессия состоялась 20-21 февраля. Третья сессия запланирована на 27-28 марта.", "2025-02-20", "2025-03-28"),
    ("uk", "У Полтаві 6 березня пройшов другий модуль Школи старост. Перший модуль відбувся 13 лютого.",
     "2025-02-13", "2025-03-06"),
    ("ru", "В Ярославле 6 марта прошел второй модуль Школы глав поселений. Первый модуль состоялся 13 февраля.",
     "2025-02-13", "2025-03-06"),
])
def test_an_earlier_first_session_starts_the_programme(lang, text, start, end):
    [event] = assemble("t", text, lang, PUBLISHED)
    assert (event.start_date, event.end_date) == (start, end)


@pytest.mark.parametrize("lang,text,towns", [
    # one event word, one day, two towns joined as its venue: each held its own
    ("uk", "5 березня у Цюрупинську та Скадовську пройшов круглий стіл щодо децентралізації.",
     ["Скадовськ", "Цюрупинськ"]),
    ("ru", "5 марта в Орле и Курске прошел круглый стол для глав сельских поселений.", ["Курск", "Орёл"]),
    ("uk", "На Херсонщині пройшов круглий стіл\n\nУ Цюрупинську та Скадовську пройшов круглий стіл «Реформа». "
           "Учасники обговорили децентралізацію.", ["Скадовськ", "Цюрупинськ"]),
    # an event of several days may move between the towns; a trip visits both; towns it was streamed to, or whom it
    # gathered, are not its venues
    ("uk", "З 19 по 22 квітня у Краматорську та Слов'янську відбудеться форум для громад.", ["Краматорськ"]),
    ("ru", "С 19 по 22 апреля в Туле и Калуге пройдет форум для глав поселений.", ["Тула"]),
    ("uk", "5 березня старости громад здійснили навчальний візит до Любліна та Кракова.", ["Люблін"]),
    ("uk", "5 березня у Полтаві відбувся семінар, який транслювали у Кременчуці та Лубнах.", ["Полтава"]),
    ("ru", "5 марта в Самаре прошел семинар, который транслировали в Тольятти и Сызрани.", ["Самара"]),
    ("uk", "5 березня у Полтаві відбувся семінар для представників громад Лубен та Миргорода.", ["Полтава"]),
])
def test_one_event_word_with_two_towns(lang, text, towns):
    assert sorted(e.settlement for e in assemble("t", text, lang, PUBLISHED)) == towns


@pytest.mark.parametrize("lang,text", [
    # a panel session or an expert discussion at a forum is a part of it, not a second record
    ("uk", "4-5 березня у Львові відбувся форум громад. У рамках форуму відбулися панельна сесія та експертна "
           "дискусія щодо відновлення."),
    ("ru", "4-5 марта в Казани прошел форум муниципалитетов. В рамках форума состоялись панельная сессия и "
           "экспертная дискуссия о восстановлении."),
])
def test_parts_of_a_forum_are_no_second_record(lang, text):
    assert [e.event_type for e in assemble("t", text, lang, PUBLISHED)] == ["forum"]


@pytest.mark.parametrize("lang,text,expected", [
    # a schedule after a colon, one dated line an event, marked or not; a town in one line is that line's only
    ("uk", "Асоціація оприлюднила план заходів для громад на березень:\n12 березня — вебінар про бюджет для старост;\n"
           "19 березня — тренінг для секретарів рад у Полтаві;\n26 березня — форум громад у Києві.",
     [("webinar", "2025-03-12", None), ("training", "2025-03-19", "Полтава"), ("forum", "2025-03-26", "Київ")]),
    ("ru", "Совет муниципальных образований опубликовал план мероприятий на март:\n\n12 марта — вебинар о бюджете для "
           "старост;\n\n19 марта — тренинг для секретарей советов в Самаре;\n\n26 марта — форум муниципалитетов в "
           "Казани.",
     [("webinar", "2025-03-12", None), ("training", "2025-03-19", "Самара"), ("forum", "2025-03-26", "Казань")]),
    ("uk", "План заходів на березень:\n- 12 березня — вебінар про бюджет для старост;\n- 19 березня — тренінг для "
           "секретарів рад у Полтаві.", [("webinar", "2025-03-12", None), ("training", "2025-03-19", "Полтава")]),
    # a paragraph that opens with the next day after prose goes on about the same event
    ("uk", "5 березня у Полтаві відбувся семінар для старост громад.\n6 березня учасники семінару відвідали ЦНАП у "
           "Кременчуці.", [("seminar", "2025-03-05", "Полтава")]),
    ("ru", "5 марта в Самаре прошел семинар для глав поселений.\n6 марта участники семинара посетили МФЦ в Тольятти.",
     [("seminar", "2025-03-05", "Самара")]),
])
def test_each_line_of_a_schedule_is_an_event(lang, text, expected):
    found = assemble("t", text, lang, PUBLISHED)
    assert [(e.event_type, e.start_date, e.settlement) for e in found] == expected


@pytest.mark.parametrize("lang,text,expected", [
    # the next day counted from the day the sentence before names dates a second event of its own
    ("uk", "4 березня у Сумах відбувся семінар для бухгалтерів громад. Наступного дня у Конотопі пройшов круглий стіл "
           "щодо співпраці громад.",
     [("seminar", "2025-03-04", "Суми"), ("round_table", "2025-03-05", "Конотоп")]),
    ("ru", "4 марта в Пензе прошел семинар для бухгалтеров поселений. На следующий день в Кузнецке состоялся круглый "
           "стол по сотрудничеству.",
     [("seminar", "2025-03-04", "Пенза"), ("round_table", "2025-03-05", "Кузнецк")]),
])
def test_a_second_event_on_the_next_day(lang, text, expected):
    found = assemble("t", text, lang, PUBLISHED)
    assert [(e.event_type, e.start_date, e.settlement) for e in found] == expected


@pytest.mark.parametrize("lang,text,days", [
    ("uk", "4 березня відбувся семінар. Наступного дня учасники відвідали ЦНАП.", ["2025-03-04", "2025-03-05"]),
    ("ru", "4 марта прошел семинар. На следующий день участники посетили МФЦ.", ["2025-03-04", "2025-03-05"]),
    # the sentence's own day is the phrase's; with no day in this sentence or the one before it counts from nothing
    ("uk", "4 березня відбувся семінар. Наступного дня, 5 березня, учасники відвідали ЦНАП.",
     ["2025-03-04", "2025-03-05"]),
    ("uk", "4 березня відбувся семінар. Учасники слухали лекції. Наступного дня вони відвідали ЦНАП.", ["2025-03-04"]),
    ("ru", "Наступного дня участники отдыхали. На следующий день они уехали.", []),
])
def test_the_next_day_counts_from_the_day_before(lang, text, days):
    assert [m.start_date.isoformat() for m in find_dates(text, lang, PUBLISHED)] == days
