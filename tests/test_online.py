"""Online cues: the phrases of gazetteers/online.toml, matched at a word start in either language."""
import pytest

from extractor.online import find_online


@pytest.mark.parametrize("lang,text,spans", [
    ("uk", "Вебінар відбудеться онлайн у режимі відеоконференції.", ["Вебінар", "онлайн", "у режимі відеоконференції"]),
    ("uk", "Навчання проходило дистанційно на платформі Zoom.", ["дистанційно", "Zoom"]),
    ("uk", "Семінар відбувся у Полтаві.", []),
    ("ru", "Семинар пройдет в формате видеоконференции.", ["в формате видеоконференции"]),
    ("ru", "Онлайн-семинар для глав поселений.", ["Онлайн"]),
    ("ru", "Обучение проводится дистанционно.", ["дистанционно"]),
    ("ru", "Семинар прошел в Краснодаре.", []),
    # other platforms and words for a video link
    ("uk", "Семінар відбувся в режимі відеозв’язку на платформі Google Meet.", ["відеозв’язку", "Google Meet"]),
    ("uk", "Нараду провели в Microsoft Teams.", ["Microsoft Teams"]),
    ("ru", "Семинар прошел в режиме ВКС на платформе Microsoft Teams.", ["ВКС", "Microsoft Teams"]),
    ("ru", "Совещание провели по видеосвязи, затем в режиме видеосвязи.", ["по видеосвязи", "видеосвязи"]),
])
def test_finds_online_cues(lang, text, spans):
    assert [text[a:b] for a, b in find_online(text, lang)] == spans
