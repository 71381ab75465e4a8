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


# the page around its own headline and body: the date over the headline, the teasers of a site's list at the foot;
# the headline over the date; no date line at all
LAYOUTS = {
    "date over headline": lambda lang, headline, body: [*MENU[lang], "10.03.2025", headline, body, *SHARE[lang],
                                                        *TEASERS[lang]],
    "headline over date": lambda lang, headline, body: [*MENU[lang], headline, "10.03.2025", body, *SHARE[lang]],
    "no date line": lambda lang, headline, body: [*MENU[lang], headline, body, *SHARE[lang]],
}


def events_of(lang: str, text: str) -> list:
    return extract(Article(id="p", text=text, lang=lang, published=date(2025, 3, 10))).events


@pytest.mark.parametrize("lang, headline, body, expected", [
    # a headline too long for a menu item over a one-paragraph body: the page's date line over it and the two
    # teasers at the foot made three dated teasers, and the whole page was masked as a list of other news
    ("uk", "Старости громад Рівненщини навчалися на семінарі в Острозі",
     "Сьогодні в Острозі обласна асоціація органів місцевого самоврядування "
     "провела семінар для старост громад Рівненщини "
     "про роботу з реєстрами мешканців.",
     {"event_type": "seminar", "start_date": "2025-03-10", "settlement": "Острог"}),
    ("ru", "Старосты поселений Вологодской области учились на семинаре в Соколе",
     "Сегодня в Соколе ассоциация муниципальных образований области "
     "провела семинар для старост сельских поселений "
     "о работе с регистрами жителей.",
     {"event_type": "seminar", "start_date": "2025-03-10", "settlement": "Сокол"}),
    # a short headline with a quoted name or a day of a month reads as one more menu item
    ("uk", "Тренінг «Відкриті дані громади» 24–25 березня",
     "Запрошуємо секретарів селищних рад та працівників відділів інформатизації. Заняття проведуть у Черкасах, "
     "у залі обласної ради, реєстрація відкрита до 20 березня.",
     {"event_type": "training", "title": "Відкриті дані громади", "start_date": "2025-03-24",
      "end_date": "2025-03-25", "settlement": "Черкаси"}),
    ("ru", "Тренинг «Открытые данные поселения» 24–25 марта",
     "Приглашаем секретарей поселковых советов и сотрудников отделов информатизации. Занятия проведут в Костроме, "
     "в зале областной думы, регистрация открыта до 20 марта.",
     {"event_type": "training", "title": "Открытые данные поселения", "start_date": "2025-03-24",
      "end_date": "2025-03-25", "settlement": "Кострома"}),
    ("uk", "Круглий стіл «Шкільний автобус» у Ніжині",
     "У вівторок, 18 березня, голови громад Чернігівщини та начальники відділів освіти обговорять, як "
     "організувати підвезення учнів до опорних шкіл.",
     {"event_type": "round_table", "title": "Шкільний автобус", "start_date": "2025-03-18", "settlement": "Ніжин"}),
    ("ru", "Круглый стол «Школьный автобус» в Муроме",
     "Во вторник, 18 марта, главы поселений Владимирской области и начальники отделов образования обсудят, как "
     "организовать подвоз учеников к опорным школам.",
     {"event_type": "round_table", "title": "Школьный автобус", "start_date": "2025-03-18", "settlement": "Муром"}),
    # a menu's last line right above the article's prose, longer than a section's name, is the headline: here the
    # only place that names the event's kind or its town
    ("uk", "Вебінар для бухгалтерів селищних рад",
     "Фахівці казначейства розкажуть про зміни у звітності бюджетних установ. Захід відбудеться 25 березня, "
     "посилання на трансляцію надішлемо учасникам.",
     {"event_type": "webinar", "start_date": "2025-03-25"}),
    ("ru", "Вебинар для бухгалтеров поселковых советов",
     "Специалисты казначейства расскажут об изменениях в отчетности бюджетных учреждений. Мероприятие состоится "
     "25 марта, ссылку на трансляцию пришлем участникам.",
     {"event_type": "webinar", "start_date": "2025-03-25"}),
    ("uk", "Тренінг для старост громад у Кременчуці",
     "Фахівці обласного центру навчать старост вести реєстр мешканців. Захід відбудеться 25 березня в залі "
     "міської ради.",
     {"event_type": "training", "start_date": "2025-03-25", "settlement": "Кременчук"}),
    ("ru", "Тренинг для старост поселений в Сызрани",
     "Специалисты областного центра научат старост вести регистр жителей. Мероприятие состоится 25 марта в зале "
     "городской думы.",
     {"event_type": "training", "start_date": "2025-03-25", "settlement": "Сызрань"}),
])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_page_s_own_event_keeps_its_headline(lang, headline, body, expected, layout):
    found = events_of(lang, "\n".join(LAYOUTS[layout](lang, headline, body)))
    assert len(found) == 1
    assert {k: getattr(found[0], k) for k in expected} == expected

@pytest.mark.parametrize("lang, menu", [
    ("uk", ["Головна", "Семінари", "Анонси заходів", "12 березня 2025", "Архів", "Контакти"]),
    ("ru", ["Главная", "Семинары", "Анонсы мероприятий", "12 марта 2025", "Архив", "Контакты"]),
])
def test_menus_with_event_words_and_a_date_stay_masked(lang, menu):
    from extractor.clean import clean

    text = "\n".join([*menu, "Текст статті без заходу, що його меню має бути приховане повністю від читача."])
    cleaned = clean(text).text
    assert all(item not in cleaned for item in menu)


@pytest.mark.parametrize("lang, body, heading, teasers, expected", [
    ("uk", "Старости громад Волині навчалися на тренінгу\nСьогодні в Ковелі обласний центр розвитку громад провів "
           "тренінг для старост щодо ведення погосподарського обліку в старостинських округах.",
     "Вам може сподобатися", ["Круглий стіл «Ветерани в громаді» відбудеться 24 березня в Луцьку",
                              "У Володимирі 28 березня стартує навчальний курс для депутатів сільських рад"],
     {"event_type": "training", "start_date": "2025-03-10", "settlement": "Ковель"}),
    ("ru", "Старосты поселений Вологодской области учились на тренинге\nСегодня в Соколе областной учебный центр "
           "провел тренинг для старост по ведению похозяйственного учета в сельских поселениях области.",
     "Вам может понравиться", ["Круглый стол «Ветераны в поселении» состоится 24 марта в Вологде",
                               "В Тотьме 28 марта стартует учебный курс для депутатов сельских советов"],
     {"event_type": "training", "start_date": "2025-03-10", "settlement": "Сокол"}),
])
def test_undated_teaser_headlines_under_an_unknown_heading_give_no_second_event(lang, body, heading, teasers,
                                                                                  expected):
    # other news under a heading the cleaning does not know: a round table with its own name and day there is
    # no second event of this article (no share buttons here: their marker would cut the page off before)
    [event] = events_of(lang, "\n".join([*MENU[lang], body, "Facebook", heading, *teasers]))
    assert {k: getattr(event, k) for k in expected} == expected


@pytest.mark.parametrize("lang, last", [
    ("uk", "Головна / Новини / Семінари та тренінги"),
    ("ru", "Главная » Новости » Семинары и тренинги"),
    ("uk", "Анонси"),
    ("ru", "Анонсы"),
])
def test_breadcrumb_or_section_above_the_prose_stays_masked(lang, last):
    from extractor.clean import clean

    body = "Текст новини про ремонт дороги в селі, який триватиме до кінця місяця за кошти громади."
    text = "\n".join([*MENU[lang], last, body])
    assert last not in clean(text).text


FOOT_FURNITURE = {
    # excerpts of other news cut off with "…", under no heading and no date
    "cut-off excerpts": {
        "uk": ["Тренінг для депутатів Волині пройде 27 березня у Ковелі. Фахівці асоціації розкажуть про…",
               "Круглий стіл «Ветерани в громаді» відбувся в Луцьку. Учасники обговорили питання…"],
        "ru": ["Тренинг для депутатов области пройдет 27 марта в Сокольском районе. Специалисты расскажут о…",
               "Круглый стол «Ветераны в поселении» прошел в Вологде. Участники обсудили вопросы…"]},
    # readers' comments under their heading with its count
    "comments": {
        "uk": ["Коментарі (2)", "Оксана: А коли буде наступний семінар для старост у Ковелі?",
               "Петро: Дякую за тренінг 27 березня, було корисно!"],
        "ru": ["Комментарии (2)", "Оксана: А когда будет следующий семинар для старост в Вологде?",
               "Петр: Спасибо за тренинг 27 марта, было полезно!"]},
}
OWN = {"uk": ("Вебінар для секретарів рад про електронний документообіг\n18 березня асоціація органів місцевого "
              "самоврядування проведе вебінар для секретарів сільських і селищних рад про електронний документообіг.",
              [("webinar", "2025-03-18", None)]),
       "ru": ("Вебинар для секретарей советов об электронном документообороте\n18 марта ассоциация муниципальных "
              "образований проведет вебинар для секретарей сельских и поселковых советов об электронном "
              "документообороте.", [("webinar", "2025-03-18", None)])}
NONE = {"uk": ("Громада отримала шкільний автобус\nСьогодні селищна рада отримала новий шкільний автобус від обласної "
               "державної адміністрації, він возитиме дітей з трьох сіл до опорної школи.", []),
        "ru": ("Поселение получило школьный автобус\nСегодня администрация поселения получила новый школьный автобус "
               "от областного правительства, он будет возить детей из трех сел в опорную школу.", [])}


@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("article", [OWN, NONE])
@pytest.mark.parametrize("furniture", FOOT_FURNITURE)
def test_furniture_below_the_article_gives_no_event(lang, article, furniture):
    body, expected = article[lang]
    found = events_of(lang, "\n".join([*MENU[lang], "10.03.2025", body, *FOOT_FURNITURE[furniture][lang]]))
    assert [(e.event_type, e.start_date, e.settlement) for e in found] == expected


@pytest.mark.parametrize("lang, before, link, after, expected", [
    ("uk", "Асоціація органів місцевого самоврядування запрошує старост громад на тренінг з цифрових сервісів для "
           "мешканців старостинських округів.",
     "Читайте також: У Ковелі відбувся круглий стіл про ветеранську політику",
     "Тренінг пройде 24–25 березня у Кременчуці в залі міської ради. Реєстрація триває до 20 березня.",
     ("training", "2025-03-24", "Кременчук")),
    ("ru", "Ассоциация муниципальных образований приглашает старост сельских поселений на тренинг по цифровым "
           "сервисам для жителей сельских округов.",
     "Читайте также: В Вологде прошел круглый стол о ветеранской политике",
     "Тренинг пройдет 24–25 марта в Сызрани в зале городской думы. Регистрация продлится до 20 марта.",
     ("training", "2025-03-24", "Сызрань")),
])
def test_read_also_link_inside_the_article_masks_its_line_only(lang, before, link, after, expected):
    # the other article's headline on the marker's line, the article's prose going on below: not its tail
    found = events_of(lang, "\n".join([*MENU[lang], "10.03.2025", before, link, after, *SHARE[lang]]))
    assert [(e.event_type, e.start_date, e.settlement) for e in found] == [expected]


DATED_TEASERS = {"uk": [("Круглий стіл «Ветерани в громаді» відбувся в Луцьку", "27.02.2025"),
                        ("Тренінг для депутатів пройде 27 березня у Ковелі", "01.03.2025")],
                 "ru": [("Круглый стол «Ветераны в поселении» прошел в Вологде", "27.02.2025"),
                        ("Тренинг для депутатов пройдет 27 марта в Тотьме", "01.03.2025")]}


@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("article", [OWN, NONE])
@pytest.mark.parametrize("dated", ["{day} {headline}", "{headline} ({day})", "{headline} — {day}"])
def test_headlines_with_their_day_on_the_line_below_the_article_give_no_event(lang, article, dated):
    # other news under a heading no marker knows, each dated on its own line without a bar
    body, expected = article[lang]
    teasers = [dated.format(headline=headline, day=day) for headline, day in DATED_TEASERS[lang]]
    heading = {"uk": "Популярне", "ru": "Самое читаемое"}[lang]
    found = events_of(lang, "\n".join([*MENU[lang], "10.03.2025", body, heading, *teasers]))
    assert [(e.event_type, e.start_date, e.settlement) for e in found] == expected


@pytest.mark.parametrize("lang, text, settlements", [
    ("uk", "Асоціація органів місцевого самоврядування проведе семінари для старост громад у двох містах області:\n"
           "- Семінар «Реєстр мешканців» у Полтаві — 17.03.2025\n- Семінар «Звернення громадян» у Лубнах — 24.03.2025",
     ["Полтава", "Лубни"]),
    ("ru", "Ассоциация муниципальных образований проведет семинары для старост поселений в двух городах области:\n"
           "- Семинар «Регистр жителей» в Пензе — 17.03.2025\n- Семинар «Обращения граждан» в Кузнецке — 24.03.2025",
     ["Пенза", "Кузнецк"]),
])
def test_the_article_s_own_dated_list_stays(lang, text, settlements):
    found = events_of(lang, "\n".join([*MENU[lang], "10.03.2025", text]))
    assert [e.settlement for e in found] == settlements
