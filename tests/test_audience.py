"""Audience groups and head counts on sentences written for these tests, in Ukrainian and Russian."""
import pytest

from extractor.events import assemble, build_context
from extractor.events.audience import audience_for, group_nominative, participants_for


def audience(text: str, lang: str) -> list[str]:
    ctx = build_context(text, lang, None)
    return [name for name, _ in audience_for(ctx, 0, len(text))]


def participants(text: str, lang: str) -> int | None:
    return participants_for(build_context(text, lang, None), 0, len(text))[0]


@pytest.mark.parametrize("lang,text,expected", [
    # "для" + genitive plural, put back into the nominative plural
    ("uk", "У Житомирі відбувся семінар для посадових осіб місцевого самоврядування.",
     ["посадові особи місцевого самоврядування"]),
    ("ru", "В Казани прошёл семинар для глав муниципальных образований Республики Татарстан.",
     ["главы муниципальных образований Республики Татарстан"]),
    # a body after a person group that is not relational starts a new group; a singular body stays singular
    ("uk", "Тренінг організовано для депутатського корпусу та голів місцевих рад.",
     ["депутатський корпус", "голови місцевих рад"]),
    # "учасниками стали" + nominative people, split where a new people noun starts
    ("uk", "Учасниками тренінгу стали голови ОТГ та старости сіл Волинської області.",
     ["голови ОТГ", "старости сіл Волинської області"]),
    ("ru", "Участниками программы стали выпускники «Школы мэров» и сотрудники администраций.",
     ["выпускники «Школы мэров»", "сотрудники администраций"]),
    # a body of people after "представники" is its complement, not a new group
    ("uk", "Участь у круглому столі взяли представники органів місцевого самоврядування, громадських "
           "організацій та експерти.",
     ["представники органів місцевого самоврядування, громадських організацій", "експерти"]),
    ("ru", "В семинаре приняли участие главы сельских поселений, депутаты и муниципальные служащие.",
     ["главы сельских поселений", "депутаты", "муниципальные служащие"]),
    # a gathering verb: the place and the head count between the verb and the people are skipped
    ("uk", "Форум зібрав у Києві понад 200 представників громад, міжнародних партнерів та журналістів.",
     ["представники громад", "міжнародні партнери", "журналісти"]),
    ("ru", "Форум собрал на одной площадке более 7,5 тысяч глав муниципалитетов.", ["главы муниципалитетов"]),
    # coordinated adjectives before one noun make one group
    ("uk", "Форум зібрав представників влади, волонтерських та громадських організацій.",
     ["представники влади, волонтерських та громадських організацій"]),
    # the plural subject before a participation verb
    ("uk", "70 старост громад Полтавщини завершили навчання в Школі старост.", ["старости громад Полтавщини"]),
    ("ru", "Депутаты районного совета приняли участие в обучающем семинаре.", ["Депутаты районного совета"]),
    ("ru", "Обучение прошли 45 муниципальных служащих Курагинского района.",
     ["муниципальные служащие Курагинского района"]),
    # a purpose or a role cue ends the phrase
    ("uk", "Семінар для голів громад з метою обміну досвідом організовано Асоціацією.", ["голови громад"]),
    ("ru", "Курс для руководителей муниципалитетов при поддержке фонда продлится месяц.",
     ["руководители муниципалитетов"]),
    # traps: a place or a body by name, a single person, a bare "participants", a thing
    ("uk", "Грант для Києва виділив уряд Швеції.", []),
    ("uk", "Кошти для Асоціації міст України надійшли вчасно.", []),
    ("ru", "Делегация Ивановской области принимает участие в форуме.", []),
    ("uk", "До навчання долучився голова громади Петро Коваль.", []),
    ("ru", "Участники обсудили вопросы местного бюджета.", []),
    ("uk", "Захід організовано для обміну досвідом між громадами.", ["громади"]),
    # part of a delegation; people told something in the dative
    ("uk", "Міський голова у складі 15 міських голів з усієї України відвідав Польщу.",
     ["міські голови з усієї України"]),
    ("ru", "Руководителям муниципалитетов рассказали об организации работы с гражданами.",
     ["Руководители муниципалитетов"]),
    ("uk", "На семінар приїхали депутати з кількох областей України.", ["депутати з кількох областей України"]),
])
def test_audience_groups(lang, text, expected):
    assert audience(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("uk", "У Полтаві відбувся тренінг для 40 старост громад області.", 40),
    ("uk", "Участь у форумі взяли понад 50 учасників з усієї України.", 50),
    ("uk", "Програма об'єднала 48 голів громад із чотирьох областей.", 48),
    ("uk", "Форум зібрав 3 500 осіб.", 3500),
    ("ru", "В работе форума принимают участие около 60 человек.", 60),
    ("ru", "Мероприятие собрало более 7,5 тысяч глав муниципалитетов страны.", 7500),
    ("ru", "Участниками стали выпускники программы, всего более семидесяти человек.", 70),
    ("uk", "На семінар приїхали сорок п’ять слухачів.", 45),
    # traps: years, money, places and dates are not head counts; "двое" names a pair, not a count
    ("ru", "На учебу уехали двое чиновников из района.", None),
    ("uk", "Проєкт триває 5 років і коштує 100 тисяч гривень.", None),
    ("uk", "Семінар для 12 громад відбувся 15 травня.", None),
    ("ru", "Программа рассчитана на 3 года, её бюджет 200 тыс. рублей.", None),
    ("ru", "В 2024 году обучение прошли главы поселений.", None),
])
def test_participants(lang, text, expected):
    assert participants(text, lang) == expected


@pytest.mark.parametrize("lang,phrase,expected", [
    ("uk", "голів місцевих рад", "голови місцевих рад"),
    ("uk", "керуючих справами районних рад", "керуючі справами районних рад"),
    ("uk", "ОТГ-партнерів програми", "ОТГ-партнери програми"),
    ("ru", "выборных должностных лиц", "выборные должностные лица"),
    ("ru", "главы сельских поселений", "главы сельских поселений"),
])
def test_group_nominative(lang, phrase, expected):
    assert group_nominative(phrase, lang) == expected


def test_evidence_is_the_phrase_in_the_text():
    text = "У Львові відбувся семінар для старост громад Львівщини."
    [(name, (start, end))] = audience_for(build_context(text, "uk", None), 0, len(text))
    assert (name, text[start:end]) == ("старости громад Львівщини", "старост громад Львівщини")


@pytest.mark.parametrize("lang,text,field,value", [
    ("uk", "Учора в Луцьку відбувся семінар «Бюджет громади». Участь у ньому взяли 35 депутатів місцевих рад.",
     "audience", ["депутати місцевих рад"]),
    ("uk", "Учора в Луцьку відбувся семінар «Бюджет громади». Участь у ньому взяли 35 депутатів місцевих рад.",
     "participants", 35),
    ("ru", "Семинар для председателей сельских советов прошёл в Омске.", "audience", ["председатели сельских советов"]),
])
def test_event_fields(lang, text, field, value):
    [event] = assemble("t", text, lang, None)
    assert event.to_dict()[field] == value


def test_audience_far_from_the_event_comes_from_the_first_sentence_naming_people():
    text = ("Вчора в Полтаві відбувся семінар «Бюджет громади». Погода була сонячна. Учасники пили каву. "
            "Місто святкувало. До участі долучилися старости громад області. Потім депутати обговорили бюджет.")
    [event] = assemble("t", text, "uk", None)
    assert event.audience == ["старости громад області"]


@pytest.mark.parametrize("text", ["", "для", "для " * 2000, "взяли участь ,,, «", "\ud800 для \U00017000 голів"])
def test_bad_input_never_raises(text):
    assert isinstance(audience(text, "uk"), list)
    assert participants(text, "ru") is None or isinstance(participants(text, "ru"), int)


@pytest.mark.parametrize("lang,text", [
    # a singular verb: one body took part, not an audience group
    ("uk", "Золочівська ОТГ взяла активну участь у форумі громад."),
    ("ru", "Администрация района приняла участие в семинаре."),
])
def test_singular_subject_is_no_audience(lang, text):
    assert audience(text, lang) == []
