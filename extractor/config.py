"""Settings in one place: `extractor.toml` at the project root, overridden by EXTRACTOR_* variables."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import get_args, get_type_hints

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Every tunable of the product; see extractor.toml for the meaning of each."""

    db: Path = PROJECT_ROOT / "outputs" / "events.db"
    gazetteers_dir: Path = PROJECT_ROOT / "gazetteers"
    models_dir: Path = PROJECT_ROOT / "models"
    shared_dir: Path = PROJECT_ROOT.parent / "shared"
    max_article_bytes: int = 5_000_000
    article_time_limit_s: float = 20.0
    batch_articles: int = 64
    auto_approve: float | None = None
    registry_url: str | None = None
    registry_token_env: str = "EXTRACTOR_REGISTRY_TOKEN"
    ner_backend_ru: str = "hybrid"
    ner_backend_uk: str = "spacy"
    stanza_dir: Path | None = None
    extra: dict = field(default_factory=dict)


def _coerce(name: str, value):
    """Turn a TOML or environment value into the type the setting `name` is declared with."""
    if value is None or value == "":
        return None
    declared = get_type_hints(Settings)[name]
    types = set(get_args(declared)) or {declared}  # `float | None` -> {float, NoneType}
    if Path in types:
        return Path(value) if Path(value).is_absolute() else PROJECT_ROOT / value
    for kind in (int, float):
        if kind in types:
            return kind(value)
    return value


@cache
def settings(config_file: Path | None = None) -> Settings:
    """Read settings from the TOML file (if any) and the environment; cached per process."""
    path = config_file or Path(os.environ.get("EXTRACTOR_CONFIG", PROJECT_ROOT / "extractor.toml"))
    values: dict = {}
    if path.exists():
        with path.open("rb") as fh:
            values.update(tomllib.load(fh))
    known = {f.name: f for f in fields(Settings)}
    for name in known:
        env = os.environ.get(f"EXTRACTOR_{name.upper()}")
        if env is not None:
            values[name] = env
    extra = {k: v for k, v in values.items() if k not in known}
    kwargs = {k: _coerce(k, v) for k, v in values.items() if k in known and k != "extra"}
    return Settings(**kwargs, extra=extra)
