"""Whole scraped pages (menus, a date line, the headline, a short body, share buttons, tags, teasers) through
cleaning and event assembly: the page's own event keeps its fields and the furniture gives none."""
from datetime import date

import pytest

from extractor.ingest import Article
from extractor.pipeline import extract

MENU = {"uk": ["Головна", "Про нас", "Новини", "Події", "Документи", "Контакти"],
        "ru": ["Главная", "О нас", "Новости", "События", "Документы", "Контакты"]}
SHARE = {"uk": ["Поділитися:", "Facebook", "Telegram"], "ru": ["Поделиться:", "ВКонтакте", "Telegram"]}
TEASERS = {"uk": ["03.02.2025", "У Ковелі пройшов тренінг для секретарів сільських рад 1 лютого",
                  "05.02.2025", "Вебінар «Земельні торги» відбудеться 12 лютого для старост"],
           "ru": ["03.02.2025", "В Вологде прошел тренинг для секретарей сельских советов 1 февраля",
                  "05.02.2025", "Вебинар «Земельные торги» состоится 12 февраля для старост"]}


def page(lang: str, headline: str, body: str, date_line: str = "10.03.2025") -> str:
    return "\n".join([*MENU[lang], date_line, headline, body, *SHARE[lang], *TEASERS[lang]])


def events_of(lang: str, text: str) -> list:
    return extract(Article(id="p", text=text, lang=lang, published=date(2025, 3, 10))).events


@pytest.mark.parametrize("lang, headline, body, expected", [
    ("uk", "Старости громад Рівненщини навчалися на семінарі в Острозі",
     "Сьогодні в Острозі обласна асоціація органів місцевого самоврядування провела семінар для старост громад "
     "Рівненщини про роботу з реєстрами мешканців.",
     {"event_type": "seminar", "start_date": "2025-03-10", "settlement": "Острог"}),
    ("ru", "Старосты поселений Вологодской области учились на семинаре в Соколе",
     "Сегодня в Соколе ассоциация муниципальных образований области провела семинар для старост сельских "
     "поселений о работе с регистрами жителей.",
     {"event_type": "seminar", "start_date": "2025-03-10", "settlement": "Сокол"}),
])
def test_page_date_over_a_short_body_is_no_teaser(lang, headline, body, expected):
    # the page's date over a one-paragraph body, with share buttons under it, is no news list's teaser:
    # with the two teasers at the foot it made three, and the whole page was masked as a list of other news
    found = events_of(lang, page(lang, headline, body))
    assert len(found) == 1
    assert {k: getattr(found[0], k) for k in expected} == expected
