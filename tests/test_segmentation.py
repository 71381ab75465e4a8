"""How an article's text divides into events: one programme is one record, distinct events are several.

Sentences written for these tests, in Ukrainian and Russian.
"""
from datetime import date

import pytest

from extractor.events import assemble


@pytest.mark.parametrize("lang,text,found", [
    # a list introduced by a colon: every item is one round table, however long the list
    ("uk", "У червні відбудуться круглі столи для голів громад:\n- 10 червня у Лубнах;\n- 12 червня у Гадячі;\n"
           "- 16 червня у Пирятині;\n- 19 червня у Хоролі.",
     [("Лубни", "2025-06-10"), ("Гадяч", "2025-06-12"), ("Пирятин", "2025-06-16"), ("Хорол", "2025-06-19")]),
    ("ru", "В июне пройдут круглые столы для глав поселений:\n- 10 июня в Твери;\n- 12 июня в Торжке;\n"
           "- 16 июня в Ржеве.",
     [("Тверь", "2025-06-10"), ("Торжок", "2025-06-12"), ("Ржев", "2025-06-16")]),
    # numbered items, and a schedule's dated lines with no mark
    ("ru", "Круглые столы для глав муниципальных образований пройдут:\n1. 10 июня в Твери;\n2. 12 июня в Торжке;\n"
           "3. 16 июня в Ржеве.",
     [("Тверь", "2025-06-10"), ("Торжок", "2025-06-12"), ("Ржев", "2025-06-16")]),
    ("uk", "Графік круглих столів для голів громад:\n10 червня – Лубни;\n12 червня – Гадяч;\n16 червня – Пирятин.",
     [("Лубни", "2025-06-10"), ("Гадяч", "2025-06-12"), ("Пирятин", "2025-06-16")]),
    ("ru", "График круглых столов для глав поселений:\n10 июня – Тверь;\n12 июня – Торжок;\n16 июня – Ржев.",
     [("Тверь", "2025-06-10"), ("Торжок", "2025-06-12"), ("Ржев", "2025-06-16")]),
])
def test_each_item_of_a_long_list_is_an_event(lang, text, found):
    events = assemble("t", text, lang, date(2025, 6, 2))
    assert [(e.event_type, e.settlement, e.start_date) for e in events] == [("round_table", *f) for f in found]


@pytest.mark.parametrize("lang,text,expected", [
    # communities listed as taking part are the audience of one event
    ("uk", "10 червня у Полтаві відбувся тренінг з енергоефективності для представників громад. Участь взяли:\n"
           "- Решетилівська громада;\n- Білицька громада;\n- Диканська громада.",
     ("training", "Полтава", "2025-06-10")),
    ("ru", "10 июня в Твери прошел тренинг по энергоэффективности для представителей муниципалитетов. "
           "В нем приняли участие:\n- Торжокский район;\n- Ржевский район;\n- Кимрский район.",
     ("training", "Тверь", "2025-06-10")),
])
def test_a_list_of_participants_is_one_event(lang, text, expected):
    [event] = assemble("t", text, lang, date(2025, 6, 12))
    assert (event.event_type, event.settlement, event.start_date) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # the same kind held again on a day of its own in another town: a second event on the first one's topic
    ("uk", "14 квітня у Полтаві відбувся семінар для депутатів. 17 квітня аналогічний семінар провели у Миргороді.",
     [("2025-04-14", "Полтава", "семінар для депутатів"), ("2025-04-17", "Миргород", "семінар для депутатів")]),
    ("ru", "14 апреля в Самаре прошел семинар для депутатов. Еще один семинар 17 апреля прошел в Тольятти.",
     [("2025-04-14", "Самара", "семинар для депутатов"), ("2025-04-17", "Тольятти", "семинар для депутатов")]),
    # ...with a name of its own, it keeps it
    ("uk", "14 квітня у Полтаві відбувся тренінг «Бюджет громади». 17 квітня у Лубнах пройшов тренінг «Земля громади».",
     [("2025-04-14", "Полтава", "Бюджет громади"), ("2025-04-17", "Лубни", "Земля громади")]),
    ("ru", "14 апреля в Самаре прошел тренинг «Бюджет поселения». 17 апреля в Сызрани прошел тренинг «Земля поселения».",
     [("2025-04-14", "Самара", "Бюджет поселения"), ("2025-04-17", "Сызрань", "Земля поселения")]),
])
def test_the_same_kind_held_again_elsewhere_is_a_second_event(lang, text, expected):
    events = assemble("t", text, lang, date(2025, 4, 20))
    assert [(e.start_date, e.settlement, e.title) for e in events] == expected


@pytest.mark.parametrize("lang,text", [
    # the event word governed by another word: the first event's people on its next day
    ("uk", "14 квітня у Полтаві відбувся семінар для депутатів. 15 квітня учасники семінару відвідали Миргород."),
    ("ru", "14 апреля в Самаре прошел семинар для депутатов. 15 апреля участники семинара посетили Тольятти."),
    # a recalled earlier one, and the next one of a series
    ("uk", "14 квітня у Полтаві відбувся семінар для депутатів. Нагадаємо, 3 березня подібний семінар відбувся у "
           "Лубнах."),
    ("ru", "14 апреля в Самаре прошел семинар для депутатов. Напомним, 3 марта подобный семинар прошел в Сызрани."),
    ("uk", "14 квітня у Полтаві відбувся семінар для депутатів. Наступний семінар відбудеться 17 травня у Миргороді."),
    ("ru", "14 апреля в Самаре прошел семинар для депутатов. Следующий семинар состоится 17 мая в Сызрани."),
    # a day of its own at the same place is the first event going on
    ("uk", "14 квітня у Полтаві відбувся семінар для депутатів. 16 квітня семінар продовжився у Полтаві."),
])
def test_a_retold_or_recalled_event_is_no_second_event(lang, text):
    [event] = assemble("t", text, lang, date(2025, 4, 20))
    assert (event.start_date, event.event_type) == ("2025-04-14", "seminar")


@pytest.mark.parametrize("lang,text", [
    ("uk", "Перша сесія навчальної програми «Лідерство в громаді» відбулася 3 березня у Полтаві. Учасники опрацювали "
           "питання планування. Друга сесія пройде 17 березня, а завершальна – 31 березня."),
    ("ru", "Первая сессия образовательной программы «Лидерство в поселении» прошла 3 марта в Самаре. Участники "
           "обсудили вопросы планирования. Вторая сессия состоится 17 марта, а заключительная – 31 марта."),
])
def test_sessions_of_one_programme_are_one_event(lang, text):
    [event] = assemble("t", text, lang, date(2025, 3, 5))
    assert (event.event_type, event.start_date, event.end_date) == ("course", "2025-03-03", "2025-03-31")


@pytest.mark.parametrize("lang,text,expected", [
    # lessons of a school are its sessions
    ("uk", "Перше заняття школи «Лідер громади» відбулося 3 березня у Полтаві. Друге заняття пройде 17 березня.",
     ("school", "2025-03-03", "2025-03-17")),
    ("ru", "Первое занятие школы «Лидер поселения» прошло 3 марта в Самаре. Второе занятие пройдет 17 марта.",
     ("school", "2025-03-03", "2025-03-17")),
    # a first session reported at length: the next one told after the report still ends the programme
    ("uk", "Перша сесія Школи старост відбулася 3 березня у Полтаві. Учасники працювали у групах. Тренери розповіли "
           "про бюджет. Психолог провела вправи. Старости обмінялися досвідом. Друга сесія пройде 17 березня.",
     ("school", "2025-03-03", "2025-03-17")),
    ("ru", "Первый модуль Школы глав поселений прошел 3 марта в Самаре. Участники работали в группах. Тренеры "
           "рассказали о бюджете. Психолог провела упражнения. Главы обменялись опытом. Второй модуль пройдет "
           "17 марта.", ("school", "2025-03-03", "2025-03-17")),
    # started on the day, closing in a later session
    ("uk", "3 березня у Полтаві стартував курс «Бюджет громади» для депутатів. Заключне заняття курсу відбудеться "
           "28 березня.", ("course", "2025-03-03", "2025-03-28")),
    ("ru", "3 марта в Самаре стартовал курс «Бюджет поселения» для депутатов. Заключительное занятие курса "
           "состоится 28 марта.", ("course", "2025-03-03", "2025-03-28")),
    # ...a later day of something else leaves the end open
    ("uk", "3 березня у Полтаві стартував курс «Бюджет громади» для депутатів. 28 березня у Полтаві відкриють ЦНАП.",
     ("course", "2025-03-03", None)),
    ("ru", "3 марта в Самаре стартовал курс «Бюджет поселения» для депутатов. 28 марта в Самаре откроют МФЦ.",
     ("course", "2025-03-03", None)),
])
def test_a_programme_runs_from_its_first_session_to_its_last(lang, text, expected):
    [event] = assemble("t", text, lang, date(2025, 3, 5))
    assert (event.event_type, event.start_date, event.end_date) == expected


@pytest.mark.parametrize("lang,text,found", [
    # days and venues alternating in one sentence pair off one by one
    ("uk", "Семінари для старост відбулися 15 квітня у Житомирі та 18 квітня у Бердичеві.",
     [("Житомир", "2025-04-15"), ("Бердичів", "2025-04-18")]),
    ("ru", "Семинары для глав поселений прошли 15 апреля в Твери и 18 апреля в Торжке.",
     [("Тверь", "2025-04-15"), ("Торжок", "2025-04-18")]),
    ("uk", "Семінари для старост пройшли у Житомирі 15 квітня, у Бердичеві – 18 квітня.",
     [("Житомир", "2025-04-15"), ("Бердичів", "2025-04-18")]),
    # one day for both is each one's
    ("ru", "Семинары для глав поселений прошли 15 апреля в Твери и Торжке.",
     [("Тверь", "2025-04-15"), ("Торжок", "2025-04-15")]),
])
def test_each_venue_of_a_sentence_takes_the_day_beside_it(lang, text, found):
    assert [(e.settlement, e.start_date) for e in assemble("t", text, lang, date(2025, 4, 20))] == found


@pytest.mark.parametrize("lang,text,expected", [
    # two kinds in two clauses of one sentence, each with its own day and town
    ("uk", "15 квітня у Житомирі відбувся семінар для старост, а 18 квітня у Бердичеві – круглий стіл для депутатів.",
     [("seminar", "2025-04-15", "Житомир"), ("round_table", "2025-04-18", "Бердичів")]),
    ("ru", "15 апреля в Твери прошел семинар для глав поселений, а 18 апреля в Торжке – круглый стол для депутатов.",
     [("seminar", "2025-04-15", "Тверь"), ("round_table", "2025-04-18", "Торжок")]),
    # a part of the same day with no day of its own is the same event
    ("uk", "15 квітня у Житомирі відбувся семінар для старост, а після нього – тренінг з комунікацій.",
     [("seminar", "2025-04-15", "Житомир")]),
    ("ru", "15 апреля в Твери прошел семинар для глав поселений, а после него – тренинг по коммуникациям.",
     [("seminar", "2025-04-15", "Тверь")]),
])
def test_events_in_contrasting_clauses(lang, text, expected):
    events = assemble("t", text, lang, date(2025, 4, 20))
    assert [(e.event_type, e.start_date, e.settlement) for e in events] == expected
