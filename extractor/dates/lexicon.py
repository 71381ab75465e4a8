"""Read the dates stage's word lists (gazetteers/dates.toml) into lookup tables per language."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extractor import morph
from extractor.lexicon import load_toml
from extractor.text import LANGS, ROMAN_LOOKALIKES, fold_apostrophes



@dataclass(frozen=True)
class DateLexicon:
    """Every word the date grammar knows for one language, lower-cased, apostrophes unified."""

    months: dict[str, int]          # form -> month number
    roman_months: dict[str, int]    # "V", "ХІ" (Cyrillic look-alikes too) -> month number
    ordinals: dict[str, int]        # "другого" / "двадцять п'ятого" -> day
    day_suffixes: tuple[str, ...]   # "16-го", "21-ше"
    year_words: tuple[str, ...]
    decade_suffixes: tuple[str, ...]
    from_words: tuple[str, ...]
    since_words: tuple[str, ...]
    until_words: tuple[str, ...]
    and_words: tuple[str, ...]
    period_words: tuple[str, ...]
    through_words: tuple[str, ...]  # "протягом": a period word that spans a whole period, not a point in it
    relative_days: dict[str, int]
    following_days: dict[str, int]   # "наступного дня" -> days after the date the sentence before names
    relative_periods: dict[str, tuple[str, int]]
    vague: tuple[str, ...]
    not_dates: tuple[str, ...]
    weekdays: dict[str, int]        # form -> 0 (Monday) .. 6
    weekday_prepositions: tuple[str, ...]
    weekday_abbreviations: tuple[str, ...]   # "пн", "вт"
    weekday_modifiers: dict[str, str]  # modifier word -> "past" | "next" | "this" | "coming"
    held: tuple[str, ...]
    announced: tuple[str, ...]
    continues: tuple[str, ...]      # "триватиме до 19 лютого": an event that runs until then has started
    deadline: tuple[str, ...]       # every form of the words that make a date one of applications, not of the event
    documents: tuple[str, ...]      # every form of the names of acts ("закону"), whose year follows them
    year_scope: tuple[str, ...]     # "на 2025 рік", "за 2023 рік": a target or a period, not the article's year
    opens: tuple[str, ...]          # every form of the words of a start ("стартував", "відкриття")
    opens_not_before: tuple[str, ...]
    closes: tuple[str, ...]         # every form of the words of an end ("завершився")
    postponed: tuple[str, ...]      # every form of the words of a move to another day ("перенесено")
    durations: dict[str, int]       # every form of a length word or phrase -> days ("триденного", "трьох днів" -> 3)
    duration_suffixes: tuple[str, ...]   # "3-денний": every form of the word after the number
    day_nouns: tuple[str, ...]           # "3 дні", "3 дней": every form of the day noun
    event_date_labels: tuple[str, ...]  # "Дата проведення:" before the event's date
    event_detail_labels: tuple[str, ...]  # "Місце:", "Время:": the other lines of an announcement's block
    event_date_signs: tuple[str, ...]     # "📅 27 травня": a calendar sign before the event's date
    event_detail_signs: tuple[str, ...]   # "📍 м. Суми", "⏰ 10:00": signs opening the other lines of a block
    as_of_labels: tuple[str, ...]       # "станом на" before the day a count or state is given for
    stamp_labels: tuple[str, ...]       # "Опубліковано:" before the page's own date (boilerplate.toml)
    background: tuple[str, ...]         # "Нагадаємо, ...": a sentence of earlier news
    clock_prepositions: tuple[str, ...]   # "о 10.00": a clock time
    day_month_not_after: tuple[str, ...]  # "пункт 3.12": a section, not a day and month
    units: tuple[str, ...]               # "2.05 млн": a number, not a day and month


def norm(word: str) -> str:
    """Lower-case a word and write every apostrophe as '."""
    return fold_apostrophes(word.lower())


def _forms(entries: list[str], lang: str) -> tuple[str, ...]:
    """Return every form of the first word of each entry, the rest kept ("розпочати роботу" ->
    "розпочали роботу"), also with е for ё ("приема")."""
    words = set()
    for entry in entries:
        head, _, rest = entry.partition(" ")
        words.update(norm(f"{f.word} {rest}".strip()) for f in morph.lexeme(head, lang))
    return tuple(sorted(words | {w.replace("ё", "е") for w in words}))


def _counted_days(cfg: dict, lang: str) -> dict[str, int]:
    """Return every form of a number word before every form of the day noun -> days ("трьох днів" -> 3)."""
    nouns = _forms([cfg["noun"]], lang)
    return {f"{number} {noun}": days for word, days in cfg["numbers"].items()
            for number in _forms([word], lang) for noun in nouns}


def _roman_months(numerals: list[str]) -> dict[str, int]:
    """Return each month numeral in every spelling of Latin letters and their Cyrillic look-alikes -> month."""
    letters: dict[str, set[str]] = {}
    for alike, latin in ROMAN_LOOKALIKES.items():
        letters.setdefault(latin, {latin}).add(chr(alike))
    table: dict[str, int] = {}
    for month, numeral in enumerate(numerals, start=1):
        spellings = [""]
        for letter in numeral:
            spellings = [s + c for s in spellings for c in letters.get(letter, {letter})]
        table.update(dict.fromkeys(spellings, month))
    return table


def _ordinals(cfg: dict) -> dict[str, int]:
    table: dict[str, int] = {}
    for day, forms in enumerate(cfg["units"], start=1):
        table.update({norm(f): day for f in forms})
    for tens, forms in cfg["tens"].items():
        table.update({norm(f): int(tens) for f in forms})
        for day, unit_forms in enumerate(cfg["units"][:9], start=1):
            if int(tens) + day <= 31:
                table.update({f"{norm(cfg['tens_prefix'][tens])} {norm(f)}": int(tens) + day for f in unit_forms})
    return table


@cache
def lexicon(lang: str) -> DateLexicon:
    """Return the word tables of `uk` or `ru`; any other code gets both languages merged."""
    if lang not in LANGS:
        parts = [lexicon(code) for code in LANGS]
        return DateLexicon(**{
            name: ({k: v for p in parts for k, v in getattr(p, name).items()}
                   if isinstance(getattr(parts[0], name), dict)
                   else tuple(dict.fromkeys(w for p in parts for w in getattr(p, name))))
            for name in DateLexicon.__dataclass_fields__
        })
    cfg = load_toml("dates.toml")
    conn = cfg["connectors"]
    mods = cfg["weekday_modifiers"][lang]
    return DateLexicon(
        months={norm(f): i for i, forms in enumerate(cfg["months"][lang], start=1) for f in forms},
        roman_months=_roman_months(cfg["roman_months"]["numerals"]),
        ordinals=_ordinals(cfg["ordinals"][lang]),
        day_suffixes=tuple(cfg["ordinals"][lang]["suffixes"]),
        year_words=tuple(norm(w) for w in cfg["year_words"][lang]),
        decade_suffixes=tuple(cfg["year_words"]["decade_suffixes"]),
        from_words=tuple(conn[f"from_{lang}"]),
        since_words=tuple(norm(w) for w in conn[f"since_{lang}"]),
        until_words=tuple(conn[f"until_{lang}"]),
        and_words=tuple(conn[f"and_{lang}"]),
        period_words=tuple(conn[f"period_{lang}"]),
        through_words=tuple(norm(w) for w in conn[f"through_{lang}"]),
        relative_days={norm(k): v for k, v in cfg["relative_days"][lang].items()},
        following_days={norm(k): v for k, v in cfg["following_days"][lang].items()},
        relative_periods={norm(k): (v["unit"], v["offset"]) for k, v in cfg["relative_periods"][lang].items()},
        vague=tuple(norm(w) for w in cfg["vague"][lang]),
        not_dates=tuple(norm(w) for w in cfg["not_dates"][lang]),
        weekdays={norm(f): i for i, forms in enumerate(cfg["weekdays"][lang]) for f in forms},
        weekday_prepositions=tuple(mods["prepositions"]),
        weekday_abbreviations=tuple(cfg["weekday_abbreviations"][lang]),
        weekday_modifiers={norm(w): kind for kind in ("past", "next", "this", "coming") for w in mods[kind]},
        held=tuple(norm(w) for w in cfg["status"][lang]["held"]),
        announced=tuple(norm(w) for w in cfg["status"][lang]["announced"] + cfg["status"][lang]["planned"]),
        continues=tuple(norm(w) for w in cfg["status"][lang]["continues"]),
        deadline=_forms(cfg["deadline"][lang], lang),
        documents=_forms(cfg["documents"][lang] + cfg["documents"]["adopting"][lang], lang),
        year_scope=tuple(cfg["year_scope"][lang]),
        opens=_forms(cfg["status"][lang]["opens"], lang),
        opens_not_before=tuple(cfg["status"][lang]["opens_not_before"]),
        closes=_forms(cfg["status"][lang]["closes"], lang),
        postponed=_forms(cfg["status"][lang]["postponed"], lang),
        durations={form: days for word, days in cfg["durations"][lang].items() for form in _forms([word], lang)}
        | _counted_days(cfg["day_count"][lang], lang),
        duration_suffixes=_forms([cfg["duration_suffix"][lang]], lang),
        day_nouns=_forms([cfg["day_count"][lang]["noun"]], lang),
        event_date_labels=tuple(cfg["event_date_labels"][lang]),
        event_detail_labels=tuple(cfg["event_detail_labels"][lang]),
        event_date_signs=tuple(cfg["event_line_signs"]["date"]),
        event_detail_signs=tuple(cfg["event_line_signs"]["detail"]),
        as_of_labels=tuple(cfg["as_of_labels"][lang]),
        stamp_labels=tuple(load_toml("boilerplate.toml")["metadata_labels"]),
        background=tuple(cfg["background"][lang]),
        clock_prepositions=tuple(cfg["numeric_day_month"][f"clock_{lang}"]),
        day_month_not_after=(*cfg["numeric_day_month"][f"not_after_{lang}"],
                             *_forms(cfg["numeric_day_month"][f"not_after_nouns_{lang}"], lang)),
        units=tuple(cfg["numeric_day_month"][f"not_before_{lang}"]),
    )
