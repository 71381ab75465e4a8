"""Settings in one place: `extractor.toml` at the project root, overridden by EXTRACTOR_* variables."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import get_args, get_type_hints

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(Exception):
    """The settings file or an EXTRACTOR_* variable cannot be read as the settings need."""


@dataclass(frozen=True)
class EventWindows:
    """How many characters event assembly reads around a position; see [event_windows] in extractor.toml."""

    word_before: int = 40
    words_before: int = 60
    words_after: int = 60
    host_verb_after: int = 80
    event_word: int = 60
    number_in_words: int = 60
    name_start: int = 120
    name_head: int = 80
    quote_reach: int = 300
    open_quote_close: int = 40
    clause: int = 300
    relative_clause: int = 60
    affiliation: int = 200
    stamp_line: int = 40
    hromada_name: int = 60
    list_heading: int = 60
    participant_clause: int = 120
    online_cue: int = 300
    cue_before: int = 30
    programme_activity: int = 100
    official_names: int = 200
    person_name: int = 60
    stated_name: int = 300
    cue_to_event_word: int = 80
    date_label: int = 30
    quote_after: int = 3


@dataclass(frozen=True)
class Settings:
    """Every tunable of the product; see extractor.toml for the meaning of each."""

    db: Path = PROJECT_ROOT / "outputs" / "events.db"
    gazetteers_dir: Path = PROJECT_ROOT / "gazetteers"
    models_dir: Path = PROJECT_ROOT / "models"
    cache_dir: Path = PROJECT_ROOT / "outputs" / "cache"
    shared_dir: Path = PROJECT_ROOT.parent / "shared"
    max_article_bytes: int = 5_000_000
    max_json_bytes: int = 20_000_000
    db_busy_timeout_s: float = 30.0
    article_time_limit_s: float = 20.0
    batch_articles: int = 64
    auto_approve: float | None = None
    registry_url: str | None = None
    registry_token_env: str = "EXTRACTOR_REGISTRY_TOKEN"
    reviewer: str | None = None
    scope_countries: str = "UA,unknown"
    ner_backend_ru: str = "hybrid"
    ner_backend_uk: str = "spacy"
    event_detector: str = "model"
    stanza_dir: Path | None = None
    event_windows: EventWindows = EventWindows()
    extra: dict = field(default_factory=dict)


def _coerce(name: str, value):
    """Turn a TOML or environment value into the type the setting `name` is declared with."""
    if value is None or value == "":
        return None
    declared = get_type_hints(Settings)[name]
    types = set(get_args(declared)) or {declared}  # `float | None` -> {float, NoneType}
    if is_dataclass(declared):  # a table of the file: each key one of the dataclass's fields, of its type
        hints = get_type_hints(declared)
        if not isinstance(value, dict) or not set(value) <= set(hints):
            raise TypeError(name)
        return declared(**{key: hints[key](v) for key, v in value.items()})
    if Path in types:
        return Path(value) if Path(value).is_absolute() else PROJECT_ROOT / value
    for kind in (int, float):
        if kind in types:
            return kind(value)
    return value


@cache
def settings(config_file: Path | None = None) -> Settings:
    """Read settings from the TOML file (if any) and the environment; cached per process.

    A file named by EXTRACTOR_CONFIG must exist; a file that is not TOML or a value of the wrong
    type raises ConfigError naming where the value came from.
    """
    chosen = config_file or os.environ.get("EXTRACTOR_CONFIG")
    path = Path(chosen) if chosen else PROJECT_ROOT / "extractor.toml"
    values: dict = {}
    origin: dict[str, str] = {}
    if chosen and not path.is_file():
        raise ConfigError(f"{path}: no such settings file (EXTRACTOR_CONFIG)")
    if path.is_file():
        try:
            with path.open("rb") as fh:
                values.update(tomllib.load(fh))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise ConfigError(f"{path}: not a readable TOML settings file ({exc})") from None
        origin = {name: str(path) for name in values}
    known = {f.name: f for f in fields(Settings)}
    for name in known:
        env = os.environ.get(f"EXTRACTOR_{name.upper()}")
        if env is not None:
            values[name], origin[name] = env, f"EXTRACTOR_{name.upper()}"
    extra = {k: v for k, v in values.items() if k not in known}
    kwargs = {}
    for name, value in values.items():
        if name in known and name != "extra":
            try:
                kwargs[name] = _coerce(name, value)
            except (TypeError, ValueError):
                declared = get_type_hints(Settings)[name]
                kind = " or ".join(t.__name__ for t in (get_args(declared) or (declared,)) if t is not type(None))
                raise ConfigError(f"setting {name} = {value!r} (from {origin[name]}) is not a valid {kind}") from None
    return Settings(**kwargs, extra=extra)
