"""Ukrainian and Russian morphology through pymorphy3 (one analyzer per language, cached)."""
from __future__ import annotations

from functools import cache, lru_cache

import pymorphy3


@cache
def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    """Return the pymorphy3 analyzer for `uk` or `ru` (loaded once per process)."""
    return pymorphy3.MorphAnalyzer(lang="uk" if lang == "uk" else "ru")


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """Return the most likely normal form (lower case) of one word."""
    return analyzer(lang).parse(word)[0].normal_form
