"""Organizers and partners of an event: role cues, host institutions, known organizations (uk and ru)."""
from __future__ import annotations

import pytest

from extractor.events.context import build_context
from extractor.events.detect import find_triggers
from extractor.events.roles import nominative, organizer_after, roles, roles_by_kind


def cue_roles(text: str, lang: str) -> tuple[list[str], list[str]]:
    """Return the organizers and partners named around role cues in a text."""
    found = roles(build_context(text, lang, None), 0, len(text))
    return [n for n, _ in found["organizers"]], [n for n, _ in found["partners"]]


@pytest.mark.parametrize("lang, text, organizers, partners", [
    # passive + agent in the instrumental, funder after "за підтримки"
    ("uk", "Семінар організовано Асоціацією міст України за підтримки Програми «U-LEAD з Європою».",
     ["Асоціація міст України"], ["Програма «U-LEAD з Європою»"]),
    # the subject of an active verb, with a date between
    ("uk", "Асоціація міст України 12 травня провела у Львові семінар для старост громад.",
     ["Асоціація міст України"], []),
    # a coordinator before a lower-case word joins one name; a date ends it
    ("uk", ("Вебінар проведений Волинським обласним центром перепідготовки та підвищення кваліфікації кадрів "
           "11 березня 2023 року."),
     ["Волинський обласний центр перепідготовки та підвищення кваліфікації кадрів"], []),
    # an organizer noun with its event word and a copula; two names, one with a dropped closing quote
    ("uk", ("Організаторами форуму стали Полтавська обласна державна адміністрація та громадська організація "
           "«Агенція «Розвиток громад», за підтримки Міжнародного фонду «Відродження»."),
     ["Полтавська обласна державна адміністрація", "громадська організація «Агенція «Розвиток громад»"],
     ["Міжнародний фонд «Відродження»"]),
    ("uk", "Організатор конференції – Асоціація об'єднаних територіальних громад.",
     ["Асоціація об'єднаних територіальних громад"], []),
    # the passive agent before the cue
    ("uk", "Міжнародним фондом «Відродження» проведено онлайн-тренінг для депутатів.",
     ["Міжнародний фонд «Відродження»"], []),
    # a lower-case noun before it does not swallow an instrumental agent; a dash and Latin go with the name
    ("uk", "Щоб навчити працювати в сесійній залі Інститутом місцевої демократії – ILD Ukraine проведено тренінг.",
     ["Інститут місцевої демократії – ILD Ukraine"], []),
    # "спільно з" with names in straight quotes and parentheses
    ("uk", ('Спільно з Проєктом "Кращі громади" (КРАГ), Управлінням освіти Сумської міської ради '
           "завершено програму навчання."),
     ['Проєкт "Кращі громади" (КРАГ)', "Управління освіти Сумської міської ради"], []),
    # a relative clause about the programme: with nobody else named, its implementer runs the event
    ("uk", ("Навчання відбулося в рамках проєкту «Громади разом», який реалізує Фонд «Відкрите суспільство» "
           "за фінансової підтримки уряду Канади."),
     ["Фонд «Відкрите суспільство»"], ["проєкт «Громади разом»", "уряд Канади"]),
    # ... and with an organizer named, the implementer only runs the programme: a partner
    ("uk", ("Вебінар організований Інститутом місцевого розвитку в рамках програми «Сильні громади», "
           "що реалізується Фундацією «Партнерство»."),
     ["Інститут місцевого розвитку"], ["програма «Сильні громади»", "Фундація «Партнерство»"]),
    # "організовано в рамках Проєкту": the project runs the event
    ("uk", ("Навчання організовано в рамках Проєкту «Громади без бар'єрів», який реалізує ПРООН "
           "коштом уряду Норвегії."),
     ["Проєкт «Громади без бар'єрів»", "ПРООН"], ["уряд Норвегії"]),
    ("uk", ("Захід відбувся за фінансової підтримки Шведського агентства з міжнародного співробітництва "
           "та розвитку (Sida)."),
     [], ["Шведське агентство з міжнародного співробітництва та розвитку (Sida)"]),
    # a coordinator before adjectives and a capital starts a second name; "у співпраці з" a co-organizer
    ("uk", ("Візити організовані Агенцією розвитку громад та регіональними Центрами розвитку місцевого "
           "самоврядування у співпраці з Асоціацією міст України."),
     ["Агенція розвитку громад", "регіональні Центри розвитку місцевого самоврядування", "Асоціація міст України"], []),
    # people after a cue act for their organization
    ("ru", "Семинар прошел при содействии консультантов Офиса реформ Донецкой области.",
     [], ["Офис реформ Донецкой области"]),
    # "з ініціативи" + genitive; an acronym after a place adjective names a body, not a place
    ("uk", "З ініціативи Сумської обласної ради відбувся круглий стіл щодо бюджету громад.",
     ["Сумська обласна рада"], []),
    ("uk", "Днями в Одесі ПРООН спільно з Одеською ОДА провела семінар для голів громад.",
     ["Одеська ОДА", "ПРООН"], []),
    # "held within a project": the project stays a partner
    ("uk", "Перший день форуму проводиться в рамках проєкту «Місцева демократія».",
     [], ["проєкт «Місцева демократія»"]),
    # an abbreviation inside a name; a preposition before a stop word is not part of the name
    ("uk", "Вебінар організований Фондом розвитку демократії ім. Івана Франка (ФРД) для громад.",
     ["Фонд розвитку демократії ім. Івана Франка (ФРД)"], []),
    ("uk", "Поїздка відбулася за кошти Євросоюзу з метою навчання старост.", [], ["Євросоюз"]),
    # traps: a place after "у межах", a programme without a name, people after a cue, the event's own name
    ("uk", "Учасники говорили про переміщення людей у межах України.", [], []),
    ("uk", "У межах програми онлайн відбувся семінар для старост.", [], []),
    ("uk", "Фото: організатори програми «Школа старост».", [], []),
    ("uk", "Поїздку ініційовано Головами громад Волинської області.", [], []),
    ("ru", ("Семинар организован Ассоциацией сибирских и дальневосточных городов при поддержке "
           "Правительства Новосибирской области."),
     ["Ассоциация сибирских и дальневосточных городов"], ["Правительство Новосибирской области"]),
    # an inflected superlative keeps its stem; a cue inside the clause starts another name
    ("ru", ("Программа реализуется Высшей школой государственного управления при поддержке "
           "Администрации Президента Российской Федерации."),
     ["Высшая школа государственного управления"], ["Администрация Президента Российской Федерации"]),
    # an acronym is not inflected
    ("ru", "Курс организован ВШГУ Президентской академии.", ["ВШГУ Президентской академии"], []),
    # "и" before an adjective and a lower-case noun joins one name
    ("ru", ("Семинар организован Институтом экономического и социального развития Пермского "
           "университета."),
     ["Институт экономического и социального развития Пермского университета"], []),
    ("ru", "Организатор тренинга Министерство финансов Тверской области.",
     ["Министерство финансов Тверской области"], []),
    ("ru", ("Семинар организован Офисом реформ, действующим в рамках проекта «ПУЛЬС», который выполняется "
           "Ассоциацией городов Украины при поддержке USAID, совместно с проектом «Диалог»."),
     ["Офис реформ", "проект «Диалог»"], ["проект «ПУЛЬС»", "Ассоциация городов Украины", "USAID"]),
    ("ru", "Союз муниципальных образований провел обучающий семинар для глав поселений.",
     ["Союз муниципальных образований"], []),
    # traps: people in front of an active verb, a person's office before an organization
    ("ru", "Заместитель министра юстиции РТ и представитель Ассоциации провели лекцию.", [], []),
    ("ru", "Фото: организаторов образовательной программы «Школа мэров».", [], []),
])
def test_cue_roles(lang: str, text: str, organizers: list[str], partners: list[str]) -> None:
    assert cue_roles(text, lang) == (organizers, partners)


@pytest.mark.parametrize("lang, text, organizers, partners", [
    # every form of an organizer verb is a cue (pymorphy3 lexemes): a participle in the locative,
    # a reflexive verb, a finite verb, a Russian short participle
    ("uk", "Старости взяли участь у зустрічі, організованій Секретаріатом програми «Міста».",
     ["Секретаріат програми «Міста»"], []),
    ("uk", "Навчання здійснюється Інститутом громадянського суспільства для депутатів рад.",
     ["Інститут громадянського суспільства"], []),
    ("uk", "Тренінги для старост здійснює Фонд «Громади разом».", ["Фонд «Громади разом»"], []),
    ("ru", "Обучение осуществляется Институтом муниципального права для глав поселений.",
     ["Институт муниципального права"], []),
    ("ru", "Слет проведен Ассоциацией малых городов в Калуге.", ["Ассоциация малых городов"], []),
    # a body described in lower case: adjectives before its head, or a complement after it
    ("uk", "Семінар відбувся за підтримки обласної державної адміністрації.", [], ["обласна державна адміністрація"]),
    ("uk", "Організатори – комітет з питань місцевого самоврядування Житомирської обласної ради.",
     ["комітет з питань місцевого самоврядування Житомирської обласної ради"], []),
    ("ru", "Его организаторы - комитет по местному самоуправлению Курской области.",
     ["комитет по местному самоуправлению Курской области"], []),
    ("ru", "Форум прошел при поддержке администрации Курской области и Ассоциации малых городов.",
     [], ["администрация Курской области", "Ассоциация малых городов"]),
    ("ru", "Школа организована фондом «Новый путь» в партнерстве с германским союзом Demos.",
     ["фонд «Новый путь»", "германский союз Demos"], []),
    # support of any kind, with its adjective, and a second support joined by "та"
    ("uk", "Форум проводиться за організаційної підтримки Одеської обласної державної адміністрації.",
     [], ["Одеська обласна державна адміністрація"]),
    ("uk", "Нарада відбулася за підтримки ПРООН та фінансової підтримки уряду Японії.", [], ["ПРООН", "уряд Японії"]),
    ("ru", "Семинар прошел при информационной поддержке Ассоциации малых городов.", [], ["Ассоциация малых городов"]),
    # partner nouns read like organizer nouns, past the event word and a copula
    ("uk", "Партнерами форуму стали Асоціація міст України та ПРООН.", [], ["Асоціація міст України", "ПРООН"]),
    ("ru", "В области его партнерами выступают Курская администрация и Офис реформ.",
     [], ["Курская администрация", "Офис реформ"]),
    ("uk", "Партнерами програми є 50 громад області.", [], []),
    # the name before a copula and a role noun holds the role
    ("uk", "Асоціація міст України виступила організатором форуму.", ["Асоціація міст України"], []),
    ("ru", "Фонд «Развитие» стал партнером семинара.", [], ["Фонд «Развитие»"]),
    ("uk", "Громада стала партнером проєкту.", [], []),
    # an organizer noun before the word for any event ("заходу", "мероприятия")
    ("uk", "Організаторами заходу виступили Інститут політичної освіти та Фонд «Громада».",
     ["Інститут політичної освіти", "Фонд «Громада»"], []),
    ("ru", "Организатором мероприятия выступил Союз малых городов.", ["Союз малых городов"], []),
    # people of a body as the subject: the body in the genitive runs it
    ("uk", "Навчання для старост провели фахівці Центру розвитку місцевого самоврядування.",
     ["Центр розвитку місцевого самоврядування"], []),
    ("ru", "Семинар для глав провели специалисты Академии государственной службы.",
     ["Академия государственной службы"], []),
    ("uk", "Навчання провели представники громад.", [], []),
    # an adjective the dictionary also reads as a surname ("громадська") still goes before the head
    ("uk", "Захід провела громадська організація «Ресурсний центр».", ["громадська організація «Ресурсний центр»"], []),
    # the host who invites
    ("uk", "На запрошення Асоціації міст України відбувся семінар.", ["Асоціація міст України"], []),
    ("ru", "По приглашению Ассоциации малых городов прошла встреча глав.", ["Ассоциация малых городов"], []),
    # coordinated adjectives before one head stay one name
    ("ru", "Семинар провела Высшая школа государственного и муниципального управления Казанского университета.",
     ["Высшая школа государственного и муниципального управления Казанского университета"], []),
    # traps: a bare head noun names no one; a programme in lower case is a kind of activity;
    # a relative clause about something else than the event
    ("uk", "Форум організовано Асоціацією.", [], []),
    ("ru", "Семинар прошел в рамках Проекта.", [], []),
    ("uk", "Навчання проходить в рамках програми підвищення кваліфікації службовців.", [], []),
    ("uk", "Форум обговорив реформи, які ініціює Кабінет Міністрів України.", [], []),
    ("ru", "На форуме обсудили реформы, которые проводит Правительство России.", [], []),
    ("uk", "Семінар, який провела Асоціація міст України, зібрав голів громад.", ["Асоціація міст України"], []),
])
def test_role_frames(lang: str, text: str, organizers: list[str], partners: list[str]) -> None:
    assert cue_roles(text, lang) == (organizers, partners)


@pytest.mark.parametrize("lang, text, owner", [
    ("uk", "Відбувся форум Програми Polaris для громад Полтавщини.", "Програма Polaris"),
    ("uk", ("14 лютого у Сумському обласному центрі підвищення кваліфікації розпочалося навчання "
           "секретарів рад."), "Сумський обласний центр підвищення кваліфікації"),
    ("ru", "В Институте региональной и муниципальной политики ПГУ проходит обучение депутатов.",
     "Институт региональной и муниципальной политики ПГУ"),
    ("ru", "Обучение проводится на базе Уральского института управления.", "Уральский институт управления"),
    # "від"/"от" after the event word names who gives it; a date or "от имени" does not
    ("uk", "Відбувся вебінар від Мінрегіону для громад.", "Мінрегіон"),
    ("uk", "Семінар від громадської організації «Плато» зібрав старост.", "громадська організація «Плато»"),
    ("ru", "Прошел бесплатный тренинг от Фонда развития муниципалитетов.", "Фонд развития муниципалитетов"),
    ("uk", "Навчання від 5 травня перенесли.", None),
    ("ru", "Семинар от имени губернатора открыл министр.", None),
    # traps: a service centre hosts but does not teach; an authority that hosts is not named organizer;
    # the event itself is not its own host
    ("uk", "У Центрі надання адміністративних послуг відбувся семінар для старост.", None),
    ("uk", "У Львівській ОДА відбувся семінар для представників громад.", None),
    ("uk", "Секретарка ради взяла участь у Школі старост для новообраних посадовців.", None),
])
def test_organizer_after(lang: str, text: str, owner: str | None) -> None:
    ctx = build_context(text, lang, None)
    found = organizer_after(ctx, find_triggers(text, lang)[0])
    assert (found[0] if found else None) == owner


@pytest.mark.parametrize("lang, text, organizers, partners", [
    # a funder near the event without a cue is a partner; an association an organizer
    ("uk", "Семінар для старост відбувся у Вінниці. Захід підготували Асоціація міст України та USAID.",
     ["Асоціація міст України"], ["USAID"]),
    # traps: an authority merely mentioned, an organization that only says where a person works
    ("uk", "Семінар відкрив голова Вінницької обласної державної адміністрації.", [], []),
    ("uk", "Учасниками семінару стали представники Фонду Ганса Зайделя.", [], []),
    ("ru", "В семинаре участвуют консультанты проекта USAID «Прозрачный бюджет» (ПУЛЬС).", [], []),
    # a photo or source credit line names who took it; a chairman's organization is where he works
    ("ru", "Форум собрал глав поселений.\nФото: Совет муниципальных образований Новосибирской области", [], []),
    ("uk", "Семінар для старост відбувся у Києві.\nДжерело: Асоціація міст України", [], []),
    ("ru", "Форум открыл председатель Ассоциации городов Украины.", [], []),
    # the same organization under its acronym is named once
    ("uk", "Поїздка відбулася за підтримки Євросоюзу. Це вже третій візит, який фінансує ЄС.",
     [], ["Євросоюз"]),
    ("ru", "Марафон инициировала Ассоциация городов Украины. Об этом сообщили в АГУ.",
     ["Ассоциация городов Украины"], []),
    # a known organization after a partner cue keeps the cue's role
    ("ru", ("Слёт муниципальных депутатов прошел при поддержке губернатора и Всероссийской ассоциации "
           "развития местного самоуправления."),
     [], ["Всероссийская ассоциация развития местного самоуправления"]),
])
def test_roles_by_kind(lang: str, text: str, organizers: list[str], partners: list[str]) -> None:
    found = roles_by_kind(build_context(text, lang, None), 0, len(text), [])
    assert ([n for n, _ in found["organizers"]], [n for n, _ in found["partners"]]) == (organizers, partners)


def test_known_organization_already_named_is_not_repeated() -> None:
    text = "Семінар провела Асоціація міст України у Києві."
    assert roles_by_kind(build_context(text, "uk", None), 0, len(text), ["Асоціація міст України"]) == \
        {"organizers": [], "partners": []}


@pytest.mark.parametrize("lang, phrase, expected", [
    ("uk", "Асоціацією міст України", "Асоціація міст України"),
    ("uk", "Шведського агентства з міжнародного співробітництва", "Шведське агентство з міжнародного співробітництва"),
    ("ru", "Высшей школой государственного управления", "Высшая школа государственного управления"),
    ("ru", "ВШГУ Президентской академии", "ВШГУ Президентской академии"),
    ("ru", "«Ассоциацией городов»", "«Ассоциацией городов»"),
])
def test_nominative(lang: str, phrase: str, expected: str) -> None:
    assert nominative(phrase, lang) == expected


@pytest.mark.parametrize("text", ["", "за підтримки", "організовано ", "провела «", "в рамках (((", "\ud800 за підтримки \udfff",
                                  "Семінар організовано " + "Асоціацією " * 2000])
def test_bad_input_never_raises(text: str) -> None:
    ctx = build_context(text, "uk", None)
    roles(ctx, 0, len(text))
    roles_by_kind(ctx, 0, len(text), [])
    for trig in find_triggers(text, "uk"):
        organizer_after(ctx, trig)


@pytest.mark.parametrize(("lang", "text", "cues"), [
    ("uk", "Семінар провела Асоціація, а проводитиме наступний – Фонд; провели його вдруге.",
     ["провела", "проводитиме", "провели"]),
    ("ru", "Форум организовали Ассоциация и фонд, организуют его ежегодно, а провела – Академия.",
     ["организовали", "организуют", "провела"]),
])
def test_a_long_list_of_plain_cues_matches_the_same_behind_its_first_letters(lang, text, cues):
    import re

    from extractor.events.cues import alternation
    from extractor.events.roles import verb_forms

    forms = verb_forms(lang)["subj"]
    guarded = re.compile(r"(?<!\w)(?:" + alternation((), forms) + r")(?!\w)", re.IGNORECASE)
    plain = re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + r")(?!\w)",
                       re.IGNORECASE)
    assert guarded.pattern.startswith(r"(?<!\w)(?:(?=")
    assert [m.group() for m in guarded.finditer(text)] == [m.group() for m in plain.finditer(text)] == cues


@pytest.mark.parametrize(("lang", "text", "cues"), [
    ("uk", "Участь взяли 30 учасників, а провели навчання експерти", ["Участь взяли", "учасників", "провели"]),
    ("ru", "Участие приняли 30 слушателей, а провели обучение эксперты", ["Участие приняли", "слушателей", "провели"]),
])
def test_regular_expressions_among_plain_cues_keep_their_place(lang, text, cues):
    import re

    from extractor.events.cues import alternation
    from extractor.events.roles import verb_forms

    patterns = [r"участ\w+ (?:взяли|приняли)", r"учасник\w*", r"слушател\w*"]
    forms = verb_forms(lang)["subj"]
    mixed = re.compile(r"(?<!\w)(?:" + alternation(patterns, forms) + r")(?!\w)", re.IGNORECASE)
    plain = re.compile(r"(?<!\w)(?:" + "|".join(sorted([*patterns, *map(re.escape, forms)], key=len, reverse=True))
                       + r")(?!\w)", re.IGNORECASE)
    assert "(?=" in mixed.pattern
    assert [m.group() for m in mixed.finditer(text)] == [m.group() for m in plain.finditer(text)] == cues
