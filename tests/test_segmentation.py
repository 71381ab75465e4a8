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
