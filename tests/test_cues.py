import re

import pytest

from extractor.events.cues import alternation

WRAP = r"(?<!\w)(?:{})(?!\w)"


def plain(patterns: list[str]) -> re.Pattern:
    return re.compile(WRAP.format("|".join(sorted(patterns, key=len, reverse=True))), re.IGNORECASE)


@pytest.mark.parametrize(("patterns", "text", "found"), [
    ([r"відбув\w*", r"пройш\w+", "стартував"], "Семінар відбувся, а вебінар Пройшов і стартував знову",
     ["відбувся", "Пройшов", "стартував"]),
    ([r"состоял\w*", r"прош[её]л", "стартовал"], "Семинар Состоялся, тренинг прошёл, а форум стартовал",
     ["Состоялся", "прошёл", "стартовал"]),
    # a group's branches, a class of letters and bars outside groups spell their first letters too
    ([r"(?:со|про)шл\w*", "стартовал"], "Сессии прошли, форум стартовал", ["прошли", "стартовал"]),
    ([r"[вВ]ебинар\w*", r"прош[её]л|стартовал"], "Вебинары прошёл и стартовал", ["Вебинары", "прошёл", "стартовал"]),
    ([r"(?:взя\w*|бра\w*)(?: \w+)? участь", r"[ув] минулому році"], "Взяли активну участь у минулому році",
     ["Взяли активну участь", "у минулому році"]),
])
def test_entries_that_spell_their_first_letter_get_one_look_ahead_and_match_the_same(patterns, text, found):
    guarded = re.compile(WRAP.format(alternation(patterns)), re.IGNORECASE)
    assert guarded.pattern.startswith(r"(?<!\w)(?:(?=[")
    assert [m.group() for m in guarded.finditer(text)] == [m.group() for m in plain(patterns).finditer(text)] == found


@pytest.mark.parametrize(("patterns", "text", "found"), [
    ([r"в?ідбув\w*", "пройшов"], "Семінар відбувся й пройшов", ["відбувся", "пройшов"]),
    ([r"(?:со|про)?шл\w*", "стартовал"], "Сессии прошли, форум стартовал", ["прошли", "стартовал"]),
    ([r"[^а]ебинар\w*", r"прош[её]л|\w+товал"], "Вебинары прошёл и стартовал", ["Вебинары", "прошёл", "стартовал"]),
    ([r"(?:взя\w*|\w+ли) участь", "провели"], "Взяли участь і провели", ["Взяли участь", "провели"]),
])
def test_entries_whose_first_letter_the_regex_does_not_spell_get_no_look_ahead(patterns, text, found):
    unguarded = re.compile(WRAP.format(alternation(patterns)), re.IGNORECASE)
    assert not unguarded.pattern.startswith(r"(?<!\w)(?:(?=[")
    assert [m.group() for m in unguarded.finditer(text)] == [m.group() for m in plain(patterns).finditer(text)] == found


@pytest.mark.parametrize(("name", "sentence"), [
    ("recalled", "Нагадуємо, раніше в громаді пройшов семінар"),
    ("recalled", "Напоминаем, ранее в районе прошёл семинар"),
    ("count_other_time_cues", "Нагадаємо, у семінарі взяли участь 40 старост"),
    ("count_other_time_cues", "Напомним, в семинаре приняли участие 40 глав"),
    ("count_plan_cues", "Участь у навчанні запланована для 30 посадовців"),
    ("count_plan_cues", "Участие в обучении запланировано для 30 служащих"),
])
def test_a_cue_list_reads_the_words_it_includes(name, sentence):
    """The words of earlier news and of a plan are one list each (dates.toml), which the cue lists include."""
    from extractor.events.cues import cue_pattern, cues
    assert cue_pattern(name).search(sentence)
    assert not set(cues()["includes"][name]) - {"dates.toml:background.uk", "dates.toml:background.ru",
                                                 "dates.toml:status.uk.planned", "dates.toml:status.ru.planned"}


def test_an_included_list_must_hold_plain_words(monkeypatch):
    from extractor.events import cues as cues_module
    monkeypatch.setattr(cues_module, "load_toml", lambda name: {"table": {"key": ["нагада\\w+"]}})
    with pytest.raises(ValueError):
        cues_module.included("x.toml:table.key")


@pytest.mark.parametrize("lemma", ["депутат", "староста", "секретар", "секретарь", "самоуправление", "отг"])
def test_a_list_inside_a_table_reads_the_words_it_includes(lemma):
    """A congress of councils' members include local government's people (officials, post_holders) by a dotted
    name in [includes], and the file's own table is left as it was."""
    from extractor.events.cues import cues
    from extractor.lexicon import load_toml
    assert lemma in cues()["councils_congress"]["members"]
    assert "депутат" not in load_toml("event_cues.toml")["councils_congress"]["members"]


def test_a_list_made_of_included_lists_only():
    """The documents that adopt a rule are one list (dates.toml [documents] adopting): event cues include it
    under a name the file itself does not list."""
    from extractor.events.cues import cues
    from extractor.lexicon import load_toml
    adopting = load_toml("dates.toml")["documents"]["adopting"]
    assert cues()["normative_documents"] == {"uk": adopting["uk"], "ru": adopting["ru"]}
    assert "normative_documents" not in load_toml("event_cues.toml")


@pytest.mark.parametrize("sentence", ["Делегація громади перебувала у Жешуві", "Делегация района побывала в Жешуве"])
def test_a_list_of_patterns_includes_patterns(sentence):
    """A visit is one list of patterns (visits) that both the occurrence verbs and a dated instance's verbs read."""
    from extractor.events.cues import cue_pattern
    assert cue_pattern("occurrence").search(sentence) and cue_pattern("instance_occurrence").search(sentence)


def test_a_list_of_patterns_may_include_patterns(monkeypatch):
    from extractor.events import cues as cues_module
    monkeypatch.setattr(cues_module, "load_toml", lambda name: {"table": {"key": ["нагада\\w+"]}})
    assert cues_module.included("x.toml:table.key", patterns=True) == ["нагада\\w+"]
