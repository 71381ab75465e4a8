import pytest

from extractor.clean import clean

BODY_UK = ("Сьогодні у Полтаві відбувся семінар для старост громад Полтавської області. "
           "Організатором заходу став обласний центр підвищення кваліфікації. Учасники отримали сертифікати.")
BODY_RU = ("В Казани стартовал семинар для глав сельских поселений. Организатором выступила "
           "Высшая школа государственного и муниципального управления. Участники получили сертификаты.")


def test_teasers_after_read_also_are_masked():
    text = BODY_UK + "\n\nЧитайте також:\n\n18 жовтня 2024\n\nУ Львові 22-27 вересня пройде тренінг для громад..."
    cleaned = clean(text)
    assert len(cleaned.text) == len(text)
    assert "семінар" in cleaned.text
    assert "тренінг" not in cleaned.text
    assert cleaned.body_end == text.index("Читайте також")


def test_previous_article_link_is_masked():
    text = BODY_UK + "\n\nпопередня статтяУ Хмельницькому пройде форум\nнаступна статтяНовини спорту"
    assert "форум" not in clean(text).text


def test_russian_teasers_and_return_link():
    text = BODY_RU + "\n\nИсточник: Газета\n\nВозврат к списку\n\nЧитайте также: вебинар в Самаре"
    cleaned = clean(text)
    assert "вебинар" not in cleaned.text and "семинар" in cleaned.text


def test_navigation_menu_is_masked_but_body_kept():
    menu = "\n".join(["Головна", "Новини", "Про громаду", "Документи", "Контакти"])
    text = menu + "\n\n" + BODY_UK
    cleaned = clean(text)
    assert "Документи" not in cleaned.text
    assert cleaned.text.endswith(BODY_UK)


def test_dated_teaser_list_without_marker():
    text = BODY_UK + "\n\n13 березня 2026\nВінниччина розпочинає партнерство з...\nОбласна рада затвердила..."
    assert "Вінниччина" not in clean(text).text


@pytest.mark.parametrize("body, heading, teasers, kept", [
    # whole headlines of other news under a heading the cut markers do not know
    (BODY_UK, "Рекомендуємо", ["У Вінниці відбувся тренінг для старост громад Вінницької області та їхніх заступників",
                               "20 березня відбудеться вебінар «Бюджет громади» для секретарів сільських рад"],
     "семінар"),
    (BODY_RU, "Еще по теме", ["В Томске прошел тренинг для глав сельских поселений Томской области и их заместителей",
                              "20 марта состоится вебинар «Бюджет поселения» для секретарей сельских советов"],
     "семинар"),
])
@pytest.mark.parametrize("date_below", [False, True])
def test_dated_headlines_of_other_news_under_any_heading_are_masked(body, heading, teasers, kept, date_below):
    items = [f"{t}\n1{i}.03.2025" if date_below else f"1{i}.03.2025\n{t}" for i, t in enumerate(teasers)]
    cleaned = clean(body + "\n\n" + heading + "\n\n" + "\n\n".join(items)).text
    assert kept in cleaned and "тренін" not in cleaned and "тренин" not in cleaned and "вебін" not in cleaned \
        and "вебин" not in cleaned


@pytest.mark.parametrize("title, items", [
    ("Новини громад", ["У Вінниці відбувся семінар для старост громад", "Уряд змінив порядок розподілу субвенцій",
                       "20 березня відбудеться вебінар для секретарів рад"]),
    ("Новости МСУ", ["В Томске прошел семинар для глав поселений", "Правительство изменило порядок субсидий",
                     "20 марта состоится вебинар для секретарей советов"]),
])
def test_a_page_of_dates_and_headlines_on_one_line_is_a_news_list(title, items):
    text = title + "\n" + "\n".join(f"1{i}.03.2025 | {item}" for i, item in enumerate(items))
    cleaned = clean(text).text
    assert cleaned.startswith(title) and "семін" not in cleaned and "семин" not in cleaned


@pytest.mark.parametrize("body, own", [
    # a dated paragraph of the article's own, ending its sentences, is prose
    (BODY_UK, "Учасники завершили навчання і отримали сертифікати, а наступна зустріч старост запланована на квітень."),
    (BODY_RU, "Участники завершили обучение и получили сертификаты, а следующая встреча старост намечена на апрель."),
])
def test_a_dated_paragraph_of_the_article_is_kept(body, own):
    text = body + "\n\n12.03.2025\n" + own
    assert clean(text).text.endswith(own)


@pytest.mark.parametrize("furniture, headline, body", [
    ("Головна сторінка сайту громади та всі її розділи для мешканців, гостей і партнерів громади",
     "Семінар для старост у Полтаві", BODY_UK),
    ("Главная страница сайта поселения и все его разделы для жителей, гостей и партнеров поселения",
     "Семинар для глав поселений в Казани", BODY_RU),
])
def test_a_page_own_dated_headline_low_on_the_page_stays(furniture, headline, body):
    text = "\n".join([furniture] * 8) + f"\n\n12.03.2025\n{headline}\n\n{body}"
    assert headline in clean(text).text


@pytest.mark.parametrize("headline, body", [("Семінар для старост у Полтаві", BODY_UK),
                                            ("Семинар для глав поселений в Казани", BODY_RU)])
def test_a_page_own_dated_headline_stays(headline, body):
    text = f"{headline}\n12.03.2025\n\n{body}\n\n{body}"
    assert clean(text).text == text


@pytest.mark.parametrize("title, items", [
    ("Новини громад", [("12.03.2024 10:15", "Депутати ухвалили бюджет громади", "На сесії підтримали зміни…"),
                       ("11.03.2024 16:40", "У Полтаві відбувся семінар для старост", "Старости обговорили землю…"),
                       ("10.03.2024 09:05", "Громада отримала автобус", "Автобус передали партнери…")]),
    ("Новости МСУ", [("12.03.2024", "Депутаты приняли бюджет поселения", "На заседании поддержали изменения..."),
                     ("11.03.2024", "В Самаре прошел семинар для глав", "Главы обсудили земельные вопросы..."),
                     ("10.03.2024", "Поселение получило автобус", "Автобус передали партнеры...")]),
])
def test_a_page_of_dated_teasers_from_the_top_is_a_news_list(title, items):
    text = title + "\n\n" + "\n\n".join("\n".join(item) for item in items)
    cleaned = clean(text)
    assert "семін" not in cleaned.text and "семин" not in cleaned.text
    assert cleaned.text.startswith(title)


def test_two_dated_teasers_in_the_first_half_leave_the_article():
    teasers = "\n\n13.03.2026\nВінниччина розпочинає партнерство з...\n\n12.03.2026\nРада затвердила..."
    text = "Семінар для старост" + teasers + "\n\n" + BODY_UK + "\n\n" + BODY_UK
    assert clean(text).text.count("семінар") == 2


def test_early_marker_in_headline_is_kept():
    text = "Джерело: новин для громад\n" + BODY_UK * 3
    assert clean(text).text.startswith("Джерело")


def test_page_date_label_is_masked_but_not_the_event_date_after_it():
    text = " date 2025-10-27 9 грудня у Черкасах відбудеться нарада старост. " + BODY_UK
    cleaned = clean(text).text
    assert "2025-10-27" not in cleaned and "9 грудня у Черкасах" in cleaned


def test_agency_dateline_is_masked():
    text = "МОСКВА, 25 октября. /ТАСС/. " + BODY_RU
    cleaned = clean(text).text
    assert "25 октября" not in cleaned and cleaned.endswith(BODY_RU)


@pytest.mark.parametrize("headline, widget, body", [
    ("Старости громад навчаються у Полтаві", "Поділитися:", BODY_UK),
    ("Главы поселений учатся в Казани", "Поделиться:", BODY_RU),
])
def test_share_widget_under_headline_masks_its_line_only(headline, widget, body):
    text = f"{headline}\n\n12 травня 2025, 10:15 | Новини громад | Перегляди 812\n{widget}\n\n{body}\n\n{body}"
    cleaned = clean(text)
    assert widget not in cleaned.text
    assert cleaned.text.endswith(f"{body}\n\n{body}")
    assert cleaned.body_end == len(text)


@pytest.mark.parametrize("marker, teaser", [
    ("Читайте також:", "Запрошуємо голів громад, старост і депутатів місцевих рад на вебінар про бюджет громади у новому році…"),
    ("Читайте также:", "Приглашаем глав поселений, старост и депутатов местных советов на вебинар о бюджете поселения в новом году..."),
])
def test_teaser_excerpts_after_an_early_marker_stay_masked(marker, teaser):
    text = f"{BODY_UK}\n\n{marker}\n\n11 лютого 2026\n\n{teaser}\n\n{teaser}\n\n{teaser}"
    cleaned = clean(text)
    assert cleaned.body_end == text.index(marker)
    assert "вебінар" not in cleaned.text and "вебинар" not in cleaned.text
