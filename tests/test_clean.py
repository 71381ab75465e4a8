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
