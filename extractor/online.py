"""Find the cues saying that an event is held online ("онлайн", "в режимі відеоконференції").

A stage of its own beside dates and places: the cue phrases are gazetteers/online.toml, matched at a
word start, case-insensitively; the events stage reads the spans from the article's context.
"""
from __future__ import annotations

import re
from functools import cache

from extractor.lexicon import load_toml


@cache
def _online_pattern(lang: str) -> re.Pattern:
    phrases = load_toml("online.toml")["ru" if lang == "ru" else "uk"]
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\w*",
                      re.IGNORECASE)


def find_online(text: str, lang: str) -> list[tuple[int, int]]:
    """Return the spans of cues saying that an event is held online ("онлайн", "в режимі відеоконференції")."""
    if not isinstance(text, str) or not text:
        return []
    return [(m.start(), m.end()) for m in _online_pattern(lang).finditer(text)]
