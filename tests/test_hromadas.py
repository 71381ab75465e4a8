"""Participating hromadas: named in running text (genitive, coordinated, lists after a colon) -> KATOTTH codes."""
from __future__ import annotations

import pytest

from extractor import communities
from extractor.events.assemble import assemble
from extractor.events.context import build_context
from extractor.events.hromadas import country_of, participating
from extractor.events.record import Event

LYUBESHIV, MANEVYCHI, KOLKY = "UA07040030000028082", "UA07040050000080830", "UA07080130000017070"
BRODY = "UA46040010000033885"
RESHETYLIVKA, BILYKY, DYKANKA, NOVI_SANZHARY = ("UA53080390000027656", "UA53080010000088479", "UA53080050000011754",
                                                "UA53080310000072384")
HUMENTSI = "UA68020030000032574"
PETRIVKA_KIROVOHRAD, PETRIVKA_KYIV = "UA35080110000063919", "UA32100070000076283"


def codes(text: str, lang: str) -> list[str]:
    ctx = build_context(text, lang, None)
    return [r.code for r in participating(ctx, 0, len(text))]


@pytest.mark.parametrize("lang, text, expected", [
    ("uk", "Участь у семінарі взяли старости Любешівської, Маневицької та Колківської громад.",
     [LYUBESHIV, MANEVYCHI, KOLKY]),
    ("uk", "До навчання долучилися представники Бродівської міської громади.", [BRODY]),
    ("uk", "Тренінг зібрав 12 громад Полтавщини: Решетилівська, Білицька, Диканська та Новосанжарська.",
     [RESHETYLIVKA, BILYKY, DYKANKA, NOVI_SANZHARY]),
    ("uk", "Делегація здійснила навчальний візит до Гуменецької громади.", [HUMENTSI]),
    ("uk", "Виступив голова Бродівської міської ради.", [BRODY]),  # a council speaks for its hromada
    ("ru", "В обучении приняли участие представители Бродовской городской общины.", [BRODY]),
    ("ru", "На тренинг приехали представители общин Полтавщины: Решетиловская, Белицкая и Диканская.",
     [RESHETYLIVKA, BILYKY, DYKANKA]),
    ("ru", "Старосты Колковской громады обсудили бюджет.", [KOLKY]),
    # "Маневичской" is no spelling the gazetteer knows: its neighbours are still read
    ("ru", "В семинаре приняли участие старосты Любешовской, Маневичской и Колковской громад.", [LYUBESHIV, KOLKY]),
    ("uk", "Навчались старости Любешівської, Манєвицької та Колківської громад.", [LYUBESHIV, KOLKY]),
    # a list's items parted by a spaced comma and "а також" / "а также", as in the other stages' lists
    ("uk", "На форум приїхали 3 громади Полтавщини: Решетилівська , Білицька, а також Диканська.",
     [RESHETYLIVKA, BILYKY, DYKANKA]),
    ("ru", "На форум приехали 3 общины Полтавщины: Решетиловская , Белицкая, а также Диканская.",
     [RESHETYLIVKA, BILYKY, DYKANKA]),
])
def test_named_hromadas_resolve_to_codes(lang: str, text: str, expected: list[str]):
    assert codes(text, lang) == expected


@pytest.mark.parametrize("lang, text", [
    ("uk", "На нараду зібралися голови громад Тернопільщини."),  # a region names no hromada
    ("uk", "Семінар відбувся у Луцьку для депутатів місцевих рад."),
    ("ru", "Семинар для глав муниципальных образований Курской области прошел в Курске."),
])
def test_no_hromada_is_named(lang: str, text: str):
    assert codes(text, lang) == []


@pytest.mark.parametrize("lang, text, expected", [
    ("uk", "Семінар для громад Київщини та Кіровоградщини. Участь взяли старости Петрівської громади "
           "Кіровоградщини.", PETRIVKA_KIROVOHRAD),
    ("uk", "Семінар для громад Київщини та Кіровоградщини. Участь взяли старости Петрівської громади "
           "Київської області.", PETRIVKA_KYIV),
])
def test_the_oblast_of_the_sentence_chooses_between_namesakes(lang: str, text: str, expected: str):
    assert codes(text, lang) == [expected]


def test_each_hromada_once_first_mention_kept():
    text = "Старости Бродівської громади навчалися. Бродівська міська громада подякувала організаторам."
    ctx = build_context(text, "uk", None)
    refs = participating(ctx, 0, len(text))
    assert [(r.code, text[r.start:r.end]) for r in refs] == [(BRODY, "Бродівської громади")]


@pytest.mark.parametrize("lang, text, country, hromadas", [
    ("uk", "У Луцьку 12 березня 2025 року відбувся семінар. Участь у ньому взяли старости Любешівської, "
           "Маневицької та Колківської громад.", "UA", [LYUBESHIV, MANEVYCHI, KOLKY]),
    ("uk", "Представники Бродівської міської громади 3 червня 2025 року взяли участь у вебінарі з енергоефективності.",
     "UA", [BRODY]),  # online, no venue: the country of its participants
    ("ru", "В Курске 10 марта 2025 года прошел семинар для глав муниципальных образований Курской области.",
     "RU", []),
])
def test_events_carry_hromadas_and_country_with_evidence(lang: str, text: str, country: str, hromadas: list[str]):
    event, = assemble("a", text, lang)
    assert event.country == country
    assert [h["code"] for h in event.participant_hromadas] == hromadas
    start, end = event.evidence["country"]
    assert text[start:end]
    for h in event.participant_hromadas:
        assert communities.by_code()[h["code"]]
        assert text[slice(*h["evidence"])]


def test_country_from_organizers_when_nothing_else_tells():
    event = Event(article_id="a", event_type="webinar", organizers=["Министерство экономического развития "
                                                                       "Российской Федерации"])
    assert country_of(event, [], "ru")[0] == "RU"
    assert country_of(Event(article_id="a", event_type="webinar"), [], "uk") == (None, None)


@pytest.mark.parametrize("code, expected", [
    ("UA46040010010077682", BRODY),  # Броди, a city of the hromada
    (BRODY, BRODY),
    ("UA46000000000026241", None),  # an oblast
    ("4600000100000", None),  # a Russian code
    (None, None),
])
def test_hromada_of_a_code(code, expected):
    found = communities.hromada_of(code)
    assert (found.code if found else None) == expected


def test_codifier_lists_every_hromada():
    everyone = communities.hromadas()
    assert len(everyone) == 1772
    assert len([h for h in everyone if not h.code.startswith(communities.OCCUPIED_BEFORE_2022)]) == 1469


def test_reviewer_lines_round_trip_and_unknown_code_is_refused():
    kept = [{"code": BRODY, "name": "Бродівська міська громада", "evidence": [3, 30]}]
    lines = communities.as_lines(kept) + f"\n{HUMENTSI}\n\n"
    assert communities.from_lines(lines, kept) == kept + [
        {"code": HUMENTSI, "name": "Гуменецька громада", "evidence": None}]
    with pytest.raises(ValueError, match="UA99"):
        communities.from_lines("UA99000000000000000 Нема", kept)


class Form(dict):
    def getlist(self, name):
        return [self[name]] if name in self else []


@pytest.mark.parametrize("typed, expected", [
    (f"{BRODY} Бродівська міська громада\n{HUMENTSI}", {"participant_hromadas": [
        {"code": BRODY, "name": "Бродівська міська громада", "evidence": [3, 30]},
        {"code": HUMENTSI, "name": "Гуменецька громада", "evidence": None}]}),
    (f"{BRODY} Бродівська", {}),  # the same hromadas: no change
])
def test_reviewer_edits_participating_hromadas(typed: str, expected: dict):
    from extractor.review import forms
    event = {"participant_hromadas": [{"code": BRODY, "name": "Бродівська міська громада", "evidence": [3, 30]}],
             "country": "UA"}
    assert forms.form_values(event)["participant_hromadas"] == f"{BRODY} Бродівська міська громада"
    parsed = forms.parse_changes(Form(participant_hromadas=typed), event)
    assert (parsed.changes, parsed.errors) == (expected, {})


@pytest.mark.parametrize("field, typed, error", [("participant_hromadas", "Броди", "Броди"),
                                                 ("country", "Україна", "код країни")])
def test_reviewer_typos_are_refused(field: str, typed: str, error: str):
    from extractor.review import forms
    parsed = forms.parse_changes(Form({field: typed}), {"participant_hromadas": [], "country": None})
    assert error in parsed.errors[field]
