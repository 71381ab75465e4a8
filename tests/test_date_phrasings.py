"""How news states an event's dates, end to end: one uk/ru sentence or short report in, the event's start and
end out. The cases (tests/data/date_phrasings.toml) are grouped by kind of phrasing and written for the tests
(issue 18: fix kinds, not articles)."""
from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from extractor.events import assemble

PUBLISHED = date(2024, 4, 8)    # a Monday

# What a case's text is set in: a report or an invitation before it, an announcement's invitation and venue line
# around it.
FRAMES = {
    "report": {"uk": ("Старости громад навчалися бюджетуванню\nУ Полтаві пройшов семінар «Бюджет громади» для старост "
                      "громад Полтавської області. Учасники обговорили бюджет. ", ""),
               "ru": ("Старосты общин учились бюджетированию\nВ Полтаве прошел семинар «Бюджет общины» для старост "
                      "общин Полтавской области. Участники обсудили бюджет. ", "")},
    "invite": {"uk": ("Запрошуємо старост громад на семінар «Бюджет громади». Учасники обговорять бюджет громад. ", ""),
               "ru": ("Приглашаем старост общин на семинар «Бюджет общины». Участники обсудят бюджет общин. ", "")},
    "block": {"uk": ("Запрошуємо старост громад на семінар з бюджетного планування.\n",
                     "\nМісце: м. Полтава, вул. Соборна, 12.\nУчасники обговорять бюджет громад."),
              "ru": ("Приглашаем старост общин на семинар по бюджетному планированию.\n",
                     "\nМесто: г. Полтава, ул. Соборная, 12.\nУчастники обсудят бюджет общин.")},
    "": {"uk": ("", ""), "ru": ("", "")},
}


def _cases() -> list:
    with (Path(__file__).parent / "data" / "date_phrasings.toml").open("rb") as fh:
        kinds = tomllib.load(fh)["kind"]
    return [pytest.param(lang, FRAMES[frame][lang][0] + text + FRAMES[frame][lang][1], start or None, end or None,
                         id=f"{kind['why'][:40]}-{lang}-{i}")
            for kind in kinds for i, (frame, lang, text, start, end) in enumerate(kind["cases"])]


@pytest.mark.parametrize("lang, text, start, end", _cases())
def test_event_dates(lang, text, start, end):
    found = assemble("t", text, lang, PUBLISHED)
    assert found, "no event"
    assert (found[0].start_date, found[0].end_date) == (start, end)
