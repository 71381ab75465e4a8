"""Made-up Ukrainian news articles about trainings, each one different, for batch-level tests."""
from __future__ import annotations

from pathlib import Path

CITIES = [("Полтаві", "Полтавської"), ("Житомирі", "Житомирської"), ("Вінниці", "Вінницької"),
          ("Черкасах", "Черкаської"), ("Луцьку", "Волинської"), ("Ужгороді", "Закарпатської")]
TOPICS = ["публічних закупівель", "енергоефективності", "цифрових послуг", "стратегічного планування",
          "місцевих бюджетів", "молодіжної політики", "безпеки громад"]
EVENTS = ["семінар", "тренінг", "круглий стіл", "вебінар", "форум"]


def article(i: int, tail: str = "") -> str:
    """Return the i-th article; `tail` adds a sentence that changes the text but not its event."""
    city, oblast = CITIES[i % len(CITIES)]
    topic, event = TOPICS[i % len(TOPICS)], EVENTS[i % len(EVENTS)]
    return (f"{i % 27 + 1} травня 2024 року в {city} відбувся {event} з питань {topic} для старост і "
            f"посадовців громад {oblast} області. Участь взяли {20 + i} осіб. Захід №{i} організувала "
            f"обласна рада за підтримки програми «Громади {2000 + i}». Учасники розглянули {i + 3} практичних "
            f"кейсів і домовилися про наступну зустріч.{tail}")


def write_articles(folder: Path, ids: range, tail: str = "") -> Path:
    """Write articles with the given numbers as news-NNN.txt files and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in ids:
        (folder / f"news-{i:03d}.txt").write_text(article(i, tail), encoding="utf-8")
    return folder
