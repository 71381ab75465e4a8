import re

import pytest

from extractor.text import (
    HYPHENATED_WORD, LETTER_WORD, LETTER_WORD_HYPHENATED, WORD, WORD_START, apostrophe_variants, fold_apostrophes,
    initials, line_end, sentence_around, skip_chars, split_sentences, word_start_matches,
)


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
                                              ("м´ясо", "м'ясо"), ("подъезд", "подъезд")])
def test_apostrophes_fold_to_one_without_changing_length(word, folded):
    assert fold_apostrophes(word) == folded and len(fold_apostrophes(word)) == len(word)


@pytest.mark.parametrize(("text", "words", "hyphenated"), [
    ("У Кам´янець-Подільському 2-й семінар", ["У", "Кам´янець", "Подільському", "й", "семінар"],
     ["У", "Кам´янець-Подільському", "й", "семінар"]),
    ("В Кам’янце-Подольском 2-й семинар", ["В", "Кам’янце", "Подольском", "й", "семинар"],
     ["В", "Кам’янце-Подольском", "й", "семинар"]),
])
def test_a_letter_word_holds_no_digits_and_keeps_inner_apostrophes_and_hyphens(text, words, hyphenated):
    assert LETTER_WORD.findall(text) == words
    assert LETTER_WORD_HYPHENATED.findall(text) == hyphenated


@pytest.mark.parametrize(("word", "written"), [("з'їхалися", "зʼїхалися"), ("з'їхалися", "з´їхалися"),
                                               ("Кам'янка", "Кам’янка")])
def test_a_word_form_is_written_with_every_apostrophe(word, written):
    assert written in apostrophe_variants(word) and {fold_apostrophes(v) for v in apostrophe_variants(word)} == {word}


def sentences_of(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


@pytest.mark.parametrize(("lang", "text", "sentences"), [
    ("uk", "Тренінг відбувся 3 травня. Участь взяли 40 старост.\n\nФото: прес-служба",
     ["Тренінг відбувся 3 травня.", "Участь взяли 40 старост.", "Фото: прес-служба"]),
    ("ru", "Программа семинара:\n- бюджет громады;\n- закупки. Регистрация открыта!",
     ["Программа семинара:", "- бюджет громады;", "- закупки.", "Регистрация открыта!"]),
    ("ru", "Вебинар завершился? Да… «Итоги» подведут 12 мая (в пятницу)",
     ["Вебинар завершился?", "Да…", "«Итоги» подведут 12 мая (в пятницу)"]),
    ("uk", "Теми тренінгу\n· бюджет громади\n· закупівлі", ["Теми тренінгу", "· бюджет громади", "· закупівлі"]),
    ("ru", "Темы тренинга\n· бюджет общины\n· закупки", ["Темы тренинга", "· бюджет общины", "· закупки"]),
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


@pytest.mark.parametrize(("lang", "text", "phrase", "sentence"), [
    ("uk", "Анонс. 14 травня о 10.30 у залі ліцею (вул. Шкільна, 3) відбудеться нарада старост. Вхід вільний.",
     "14 травня", "14 травня о 10.30 у залі ліцею (вул. Шкільна, 3) відбудеться нарада старост."),
    ("ru", "Анонс. 14 мая в 10.30 в зале лицея (ул. Школьная, 3) пройдет совещание старост. Вход свободный.",
     "14 мая", "14 мая в 10.30 в зале лицея (ул. Школьная, 3) пройдет совещание старост."),
    ("uk", "Навчання пройде у м. Суми 5 травня. Реєстрація до 1 травня.", "5 травня",
     "Навчання пройде у м. Суми 5 травня."),
    ("ru", "Обучение пройдет в г. Сумы 5 мая. Регистрация до 1 мая.", "5 мая", "Обучение пройдет в г. Сумы 5 мая."),
    ("uk", "Форум триває. Він закінчиться завтра.", "триває. Він", "Форум триває. Він закінчиться завтра."),
    ("ru", "Форум идет. Он закончится завтра.", "идет. Он", "Форум идет. Он закончится завтра."),
])
def test_the_sentence_around_a_phrase_is_the_one_holding_it_or_those_it_crosses(lang, text, phrase, sentence):
    start = text.index(phrase)
    lo, hi = sentence_around(split_sentences(text, lang), start, start + len(phrase))
    assert text[lo:hi] == sentence


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


@pytest.mark.parametrize(("text", "pos", "end", "chars", "expected"), [
    ("Тема:  \tбюджет громади", 5, None, None, 8),
    ("Тема семінару – «Бюджет»", 13, None, " :–—-", 16),
    ("Організатори:   \nАсоціація", 13, 15, None, 15),   # not past `end`
    ("Организатор  \nФонд", 11, None, " ", 13),         # a line break is no space here
])
def test_skip_chars_returns_where_the_text_goes_on(text, pos, end, chars, expected):
    assert skip_chars(text, pos, end, chars) == expected


@pytest.mark.parametrize(("text", "pos", "expected"), [
    ("Семінар для старост\nПолтава", 3, 19),
    ("Семинар для глав", 3, 16),   # the last line ends with the text
    ("Форум\n\nЛьвів", 5, 5),      # at its line break already
])
def test_line_end_is_the_line_break_or_the_text_end(text, pos, expected):
    assert line_end(text, pos) == expected
