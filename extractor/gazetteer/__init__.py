"""Place gazetteers: `builder` makes the compact tables in gazetteers/ from the official sources
(offline, `extractor gazetteer build`); `index` loads the shipped tables into the lookup index the
pipeline uses. The builder's names load with it, on first use, so that the pipeline never imports it."""
from __future__ import annotations

from extractor.gazetteer.index import Entry, Gazetteer, gazetteer, name_words, normalize

__all__ = ["Entry", "Gazetteer", "build", "gazetteer", "name_words", "normalize", "ru_name", "ru_names",
           "ru_region_name", "title_case"]
_BUILDER = {"build", "ru_name", "ru_names", "ru_region_name", "title_case"}


def __getattr__(name: str):
    if name in _BUILDER:
        from extractor.gazetteer import builder
        return getattr(builder, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
