"""The reference date of an article without a publication date (its date stamp) and the day its address names."""
from __future__ import annotations

from datetime import date

import pytest

from extractor import clean, dedup, pipeline
from extractor.dates.model import ReferenceDate
from extractor.dates.reference import reference_date, url_date

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("url,day", [
    ("https://vesti.example.ru/society/2023/09/14/seminar-dlya-glav/", date(2023, 9, 14)),
    ("https://gazeta.example.ua/arhiv/2019-02-07", date(2019, 2, 7)),
    ("http://region.example.ua/2018-11-03-u-misti-vidbuvsia-forum", date(2018, 11, 3)),
    ("https://news.example.ru/calendar/2017-3-9/4", date(2017, 3, 9)),
    ("https://pravda.example.ru/20110622/Seminar_dlya_deputatov_4412.html", date(2011, 6, 22)),
    ("https://gromada.example.ua/news/2021_5_6_navchannia.html", date(2021, 5, 6)),
    # uCoz: /news/slug/YYYY-MM-DD-NNN
    ("https://raion.at.ua/news/v_rajoni_projshov_seminar/2015-10-12-341", date(2015, 10, 12)),
    # the hromada-site template: hour-minute-second-day-month-year, and the posting second
    ("https://novoselytska-gromada.gov.ua/news/09-12-44-14-04-2018/", date(2018, 4, 14)),
    ("https://pidhaiecka-gromada.gov.ua/news/1532408719/", date(2018, 7, 24)),
    ("https://shyrokivska-rada.gov.ua/news/1600000000", date(2020, 9, 13)),
])
def test_a_cms_address_names_its_day(url, day):
    assert url_date(url, TODAY) == ReferenceDate(day, "url")


@pytest.mark.parametrize("url", [
    "https://map.example.ua/news/63540",
    "https://gromada.example.gov.ua/news/12345/",
    "https://site.example.ru/contacts/380441234567/",      # a phone number
    "https://site.example.ua/tel/0442345678",
    "https://rada.example.gov.ua/news/9999999999/",        # no timestamp of a news page: 2286
    "https://rada.example.gov.ua/news/1000000000/",        # 2001: before the template
    "https://site.example.ua/2025/13/40/",
    "https://site.example.ru/20071399/",
    "https://site.example.ru/articles/973-business-talk-2015",
    "https://site.example.ua/2027/01/05/future/",          # after today
    "https://centr.example.org.ua/2012/04/?cat=3",          # a month's archive: no day
    None,
])
def test_an_address_without_a_day_names_none(url):
    assert url_date(url, TODAY) is None


def test_the_duplicate_decision_reads_the_same_days():
    assert dedup.url_date("https://raion.at.ua/news/seminar/2015-10-12-341") == "2015-10-12"
    assert dedup.url_date("https://pidhaiecka-gromada.gov.ua/news/1532408719/") == "2018-07-24"


@pytest.mark.parametrize("text,lang", [
    ("Новини громади\nДата публікації: 12.03.2021 10:45\nУ громаді відбувся семінар.", "uk"),
    ("Новости\nОпубликовано: 12.03.2021\nВ районе прошёл семинар.", "ru"),
])
def test_a_labelled_metadata_line_is_the_stamp(text, lang):
    assert reference_date(None, clean.clean(text).metadata, lang) == ReferenceDate(date(2021, 3, 12), "stamp")


def test_the_publication_date_comes_first_and_the_address_is_no_reference():
    text = "Дата публікації: 12.03.2021\nТекст."
    assert reference_date(date(2022, 1, 5), clean.clean(text).metadata, "uk").source == "published"
    assert reference_date(None, clean.clean("Текст без дати.").metadata, "uk") is None


UK_STAMPED = ("Опубліковано 28 грудня 2019, 10:45\n\n"
              "5 січня у Полтаві відбудеться семінар для старост територіальних громад області. "
              "Учасники обговорять повноваження старост та роботу з мешканцями.")
RU_STAMPED = ("Опубликовано 7 мая 2018\n\n"
              "Вчера в Курске прошёл обучающий семинар для муниципальных служащих района. "
              "Участники обсудили изменения в законодательстве о местном самоуправлении.")
UK_METADATA = ("Дата публікації: 02.05.2017 11:20\n\n"
               "5 травня у Полтаві відбудеться семінар для старост територіальних громад області. "
               "Учасники обговорять повноваження старост та роботу з мешканцями.")
RU_METADATA = ("Дата публикации: 02.06.2016 11:20\n\n"
               "Вчера в Курске прошёл обучающий семинар для муниципальных служащих района. "
               "Участники обсудили изменения в законодательстве о местном самоуправлении.")
UK_UNDATED = ("5 травня у Полтаві відбувся семінар для старост територіальних громад області. "
              "Учасники обговорили повноваження старост та роботу з мешканцями.")
RU_UNDATED = ("5 мая в Курске пройдёт обучающий семинар для муниципальных служащих района. "
              "Участники обсудят изменения в законодательстве о местном самоуправлении.")


@pytest.mark.parametrize("text,lang,url,start,status", [
    (UK_STAMPED, "uk", "https://poltava.example.ua/news/4521", "2020-01-05", "announced"),   # the next January
    (RU_STAMPED, "ru", "https://kursk.example.ru/news/77812", "2018-05-06", "held"),
    (UK_METADATA, "uk", "https://poltava.example.ua/news/4522", "2017-05-05", "announced"),
    (RU_METADATA, "ru", "https://kursk.example.ru/news/77813", "2016-06-01", "held"),
    # the day in the address fills no year (the dev set's convention): the year stays unknown
    (UK_UNDATED, "uk", "https://poltava.example.ua/news/2020/05/06/seminar/", None, "held"),
    (RU_UNDATED, "ru", "https://kursk.example.ru/20190429/seminar.html", None, "announced"),
])
def test_an_article_without_a_publication_date_is_dated_by_its_stamp(text, lang, url, start, status):
    article = pipeline.Article("a1", text, url=url, lang=lang, source="test")
    events = pipeline.extract(article).events
    assert [(e.start_date, e.status) for e in events] == [(start, status)]
    assert article.published is None
