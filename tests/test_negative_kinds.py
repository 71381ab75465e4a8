"""Kinds of pages that hold no event, each beside a close page that does (issue #18: no event from negatives).

Sentences written for these tests, in Ukrainian and Russian.
"""
from datetime import date

import pytest

from extractor.events import assemble

PUBLISHED = date(2025, 3, 20)

# (kind, lang, a page of that kind with no event, a close page with one, fields of its only event)
KINDS = [
    # a habit or a norm of how often people learn, or what they learned over a year: no one event
    ("habit", "uk",
     "Уряд змінив правила. Відтепер посадовці громад мають проходити навчання не рідше одного разу на два роки.",
     "12 березня у Полтаві посадовці громад пройшли навчання з публічних закупівель.",
     {"event_type": "training", "start_date": "2025-03-12", "settlement": "Полтава"}),
    ("habit", "ru",
     "Правительство изменило правила. Теперь муниципальные служащие должны проходить обучение не реже одного раза "
     "в два года.",
     "12 марта в Самаре муниципальные служащие прошли обучение по закупкам.",
     {"event_type": "training", "start_date": "2025-03-12", "settlement": "Самара"}),
    ("habit", "uk",
     "Голова громади вручив сертифікати працівникам ради, які протягом року навчалися на онлайн-курсах.",
     "12 березня у Полтаві старости громади навчалися працювати з електронними зверненнями.",
     {"event_type": "training", "start_date": "2025-03-12"}),
    ("habit", "ru",
     "Глава района вручил сертификаты работникам администрации, которые в течение года обучались на онлайн-курсах.",
     "12 марта в Самаре главы поселений района обучались работе с электронными обращениями.",
     {"event_type": "training", "start_date": "2025-03-12"}),
    # many trainings counted in a column or a review: a tally
    ("tally", "uk",
     "Останнім часом для посадовців проводиться чимало тренінгів. Але чи дають вони результат, питає автор колонки.",
     "Сьогодні у Полтаві проводиться тренінг для посадовців громад з бюджетування.",
     {"event_type": "training", "start_date": "2025-03-20"}),
    ("tally", "ru",
     "В последнее время для муниципальных служащих проводится много тренингов. Но дают ли они результат, спрашивает автор.",
     "Сегодня в Самаре проводится тренинг для муниципальных служащих по бюджету.",
     {"event_type": "training", "start_date": "2025-03-20"}),
    # a platform or a database of courses: what it offers is no event; learning on it on a given day is one
    ("platform", "uk",
     "Запрацювала онлайн-платформа для навчання посадовців. Мінрегіон запустив портал, де зібрано навчальні курси "
     "для посадових осіб громад.",
     "12 березня посадовці громад Полтавщини пройшли навчання на платформі публічних закупівель.",
     {"event_type": "training", "start_date": "2025-03-12"}),
    ("platform", "ru",
     "Заработала онлайн-платформа для обучения служащих. Министерство запустило портал, где собраны учебные курсы "
     "для муниципальных служащих.",
     "12 марта муниципальные служащие Самарской области прошли обучение на платформе закупок.",
     {"event_type": "training", "start_date": "2025-03-12"}),
    # a body's statutory sitting and a staff's routine briefing; a conference or a meeting that teaches stays one
    ("sitting", "uk",
     "14 березня у Полтаві відбулася звітно-виборча конференція обласної організації профспілки. Делегати обрали "
     "нового голову.",
     "14 березня у Полтаві відбулася конференція для посадовців громад про відновлення. Учасники обмінялися досвідом.",
     {"event_type": "conference", "start_date": "2025-03-14", "settlement": "Полтава"}),
    ("sitting", "ru",
     "14 марта в Самаре состоялась отчетно-выборная конференция областной организации профсоюза. Делегаты избрали "
     "нового председателя.",
     "14 марта в Самаре состоялась конференция для муниципальных служащих о благоустройстве. Участники обменялись "
     "опытом.",
     {"event_type": "conference", "start_date": "2025-03-14", "settlement": "Самара"}),
    ("briefing", "uk",
     "17 березня у Полтаві міський голова провів апаратну нараду з керівниками відділів. Йшлося про весняні роботи "
     "та роз'яснення мешканцям нових правил.",
     "17 березня у Полтаві відбулася нарада-семінар для керівників відділів ради з питань діловодства.",
     {"event_type": "seminar", "start_date": "2025-03-17"}),
    ("briefing", "ru",
     "17 марта в Самаре глава города провел аппаратное совещание с руководителями отделов. Речь шла о весенних работах "
     "и разъяснениях жителям новых правил.",
     "17 марта в Самаре состоялось совещание-семинар для руководителей отделов администрации по делопроизводству.",
     {"event_type": "seminar", "start_date": "2025-03-17"}),
    # people outside local government: teachers at their seminar, residents at an official's talk
    ("outsiders", "uk",
     "13 березня у Полтаві відбувся семінар для вчителів початкових класів. Педагоги обмінялися досвідом.",
     "13 березня у Полтаві відбувся семінар для старост громад про роботу з вчителями та мешканцями.",
     {"event_type": "seminar", "start_date": "2025-03-13", "settlement": "Полтава"}),
    ("outsiders", "ru",
     "13 марта в Самаре прошел семинар для учителей начальных классов. Педагоги обменялись опытом.",
     "13 марта в Самаре прошел семинар для глав поселений о работе с учителями и жителями.",
     {"event_type": "seminar", "start_date": "2025-03-13", "settlement": "Самара"}),
    ("outsiders", "uk",
     "12 березня у Полтаві голова громади провів зустріч з мешканцями села. Обговорили досвід сусідів з освітлення.",
     "12 березня у Полтаві голови громад провели зустріч з експертом про досвід сусідів з освітлення.",
     {"event_type": "meeting", "start_date": "2025-03-12", "settlement": "Полтава"}),
    ("outsiders", "ru",
     "12 марта в Самаре глава поселения провел встречу с жителями села. Обсудили опыт соседей по освещению.",
     "12 марта в Самаре главы поселений провели встречу с экспертом об опыте соседей по освещению.",
     {"event_type": "meeting", "start_date": "2025-03-12", "settlement": "Самара"}),
]


@pytest.mark.parametrize("kind,lang,negative,positive,expected", KINDS, ids=[f"{k[0]}-{k[1]}" for k in KINDS])
def test_a_page_of_a_negative_kind_holds_no_event(kind, lang, negative, positive, expected):
    assert assemble("t", negative, lang, PUBLISHED) == []


@pytest.mark.parametrize("kind,lang,negative,positive,expected", KINDS, ids=[f"{k[0]}-{k[1]}" for k in KINDS])
def test_the_close_page_still_holds_its_event(kind, lang, negative, positive, expected):
    [event] = assemble("t", positive, lang, PUBLISHED)
    assert {k: getattr(event, k) for k in expected} == expected
