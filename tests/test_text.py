import pytest

from extractor.text import HYPHENATED_WORD, WORD, fold_apostrophes, split_sentences


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


@pytest.mark.parametrize(("text", "sentences"), [
    ("Тренінг відбувся 3 травня. Участь взяли 40 старост.\n\nФото: прес-служба",
     ["Тренінг відбувся 3 травня.", "Участь взяли 40 старост.", "Фото: прес-служба"]),
    ("Программа семинара:\n- бюджет громады;\n- закупки. Регистрация открыта!",
     ["Программа семинара:", "- бюджет громады;", "- закупки.", "Регистрация открыта!"]),
    ("Вебинар завершился? Да… «Итоги» подведут 12 мая (в пятницу)",
     ["Вебинар завершился?", "Да…", "«Итоги» подведут 12 мая (в пятницу)"]),
])
def test_sentences_end_at_stops_before_capitals_blank_lines_and_list_items(text, sentences):
    assert [text[s:e] for s, e in split_sentences(text)] == sentences
