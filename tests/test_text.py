import pytest

import re

from extractor.text import (HYPHENATED_WORD, WORD, WORD_START, fold_apostrophes, initials, split_sentences,
                            word_start_matches)


@pytest.mark.parametrize(("text", "words"), [
    ("Сім'я п’ятьох учасників з’їхалася", ["Сім'я", "п’ятьох", "учасників", "з’їхалася"]),
    ("обʼєднаної громади та м`ясокомбінату", ["обʼєднаної", "громади", "та", "м`ясокомбінату"]),
    ("Семинар-тренинг для 25 глав поселений", ["Семинар", "тренинг", "для", "25", "глав", "поселений"]),
])
def test_a_word_keeps_its_apostrophes_in_any_form(text, words):
    assert WORD.findall(text) == words


@pytest.mark.parametrize(("text", "words"), [
    ("онлайн-тренінг у Кам'янець-Подільському", ["онлайн-тренінг", "у", "Кам'янець-Подільському"]),
    ("вебинар-практикум в Санкт-Петербурге", ["вебинар-практикум", "в", "Санкт-Петербурге"]),
])
def test_a_hyphenated_word_is_one(text, words):
    assert HYPHENATED_WORD.findall(text) == words


@pytest.mark.parametrize(("word", "folded"), [("з’їзд", "з'їзд"), ("обʼєднання", "об'єднання"), ("п`ять", "п'ять"),
                                              ("подъезд", "подъезд")])
def test_apostrophes_fold_to_one_without_changing_length(word, folded):
    assert fold_apostrophes(word) == folded and len(fold_apostrophes(word)) == len(word)


def sentences_of(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


@pytest.mark.parametrize(("lang", "text", "sentences"), [
    ("uk", "Тренінг відбувся 3 травня. Участь взяли 40 старост.\n\nФото: прес-служба",
     ["Тренінг відбувся 3 травня.", "Участь взяли 40 старост.", "Фото: прес-служба"]),
    ("ru", "Программа семинара:\n- бюджет громады;\n- закупки. Регистрация открыта!",
     ["Программа семинара:", "- бюджет громады;", "- закупки.", "Регистрация открыта!"]),
    ("ru", "Вебинар завершился? Да… «Итоги» подведут 12 мая (в пятницу)",
     ["Вебинар завершился?", "Да…", "«Итоги» подведут 12 мая (в пятницу)"]),
])
def test_sentences_end_at_stops_before_capitals_blank_lines_and_list_items(lang, text, sentences):
    assert sentences_of(text, lang) == sentences


@pytest.mark.parametrize(("lang", "text", "sentences"), [
    ("uk", "Навчання пройшло у м. Біла Церква для депутатів с. Озерне Київської обл. Наступне заплановано на осінь.",
     ["Навчання пройшло у м. Біла Церква для депутатів с. Озерне Київської обл. Наступне заплановано на осінь."]),
    ("uk", "Семінар у Палаці культури ім. Лесі Українки вів О. Петренко. Говорили про бюджет, закупівлі, звітність т.д. Усі отримали сертифікати.",
     ["Семінар у Палаці культури ім. Лесі Українки вів О. Петренко.", "Говорили про бюджет, закупівлі, звітність т.д.",
      "Усі отримали сертифікати."]),
    ("uk", "Вебінар відбувся 5 трав. 2021 р. Його провела асоціація громад.",
     ["Вебінар відбувся 5 трав. 2021 р.", "Його провела асоціація громад."]),
    ("ru", "Обучение прошло в г. Старый Оскол для глав пос. Луговой Белгородской обл. и др. Следующее запланировано на осень.",
     ["Обучение прошло в г. Старый Оскол для глав пос. Луговой Белгородской обл. и др.", "Следующее запланировано на осень."]),
    ("ru", "Семинар в Доме культуры им. Я. Купалы провела А. Сидорова. Обсудили бюджет, закупки и т.д. Все получили сертификаты.",
     ["Семинар в Доме культуры им. Я. Купалы провела А. Сидорова.", "Обсудили бюджет, закупки и т.д.",
      "Все получили сертификаты."]),
    ("ru", "Вебинар состоялся 5 янв. 2021 г. в Твери. Его провела ассоциация муниципалитетов.",
     ["Вебинар состоялся 5 янв. 2021 г. в Твери.", "Его провела ассоциация муниципалитетов."]),
])
def test_abbreviations_initials_and_abbreviated_dates_do_not_end_a_sentence(lang, text, sentences):
    assert sentences_of(text, lang) == sentences


@pytest.mark.parametrize(("lang", "text", "sentences"), [
    ("uk", "Старости вчаться онлайн\n\nПрограма курсу:\n1. Бюджет громади.\n2) Публічні закупівлі\n• Звітність",
     ["Старости вчаться онлайн", "Програма курсу:", "1. Бюджет громади.", "2) Публічні закупівлі", "• Звітність"]),
    ("ru", "Старосты учатся онлайн\n\nПрограмма курса:\n1. Бюджет поселения.\n2) Госзакупки\n— Отчётность",
     ["Старосты учатся онлайн", "Программа курса:", "1. Бюджет поселения.", "2) Госзакупки", "— Отчётность"]),
])
def test_a_headline_without_a_stop_and_each_list_item_are_sentences(lang, text, sentences):
    assert sentences_of(text, lang) == sentences


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_sentence_spans_are_offsets_into_the_text_as_given(lang):
    text = "   \n\n  Перше речення.   Друге  речення!\n\n\n  Третє  "
    assert sentences_of(text, lang) == ["Перше речення.", "Друге  речення!", "Третє"]
    assert split_sentences("  \n ", lang) == ((0, 4),)


@pytest.mark.parametrize(("pattern", "text", "found"), [
    (r"семінар\w*", "Вебсемінар і семінар, потім семінари-наради", ["семінар", "семінари"]),
    (r"(?:онлайн|он-лайн)[- ]семинар\w*", "Онлайн-семинар. он-лайн семинары; видеоонлайн-семинар",
     ["онлайн-семинар", "он-лайн семинары"]),
    (r"(?:школ[аиіуою]\w* (?:мер|громад)\w*|курс\w*)", "Школа мерів, дискурс і курси громад", ["школа мерів", "курси"]),
])
def test_word_start_matches_are_the_patterns_own(pattern, text, found):
    compiled = re.compile(WORD_START + pattern)
    assert [m.group() for m in word_start_matches(compiled, text.lower())] == found
    assert [m.span() for m in word_start_matches(compiled, text)] == [m.span() for m in compiled.finditer(text)]


@pytest.mark.parametrize(("words", "text", "found"), [
    (["травня", "Квітня", "’ятниця"], "5 ТРАВНЯ, 6 квітня, у п’ятницю", ["ТРАВНЯ", "квітня"]),
    (["мая", "апреля"], "5 Мая и 6 апреля", ["Мая", "апреля"]),
    ([], "5 мая", [""] * 6),
    (["", "мая"], "5 мая", ["", "", "", "мая", ""]),
])
def test_initials_let_through_every_match_of_the_words(words, text, found):
    alternation = "|".join(map(re.escape, words))
    guarded = re.compile(initials(words) + f"(?:{alternation})", re.IGNORECASE)
    assert [m.group() for m in guarded.finditer(text)] == found
    assert found == [m.group() for m in re.finditer(f"(?:{alternation})", text, re.IGNORECASE)]
