"""Words and sentences of running text, defined once for the stages that read them.

News writes the Ukrainian apostrophe four ways ("м'ясо", "м’ясо", "мʼясо", "м`ясо"): a word holds
any of them, and `fold_apostrophes` makes them one before a word is looked up. Offsets are those
of the text given: nothing here changes a text's length.
"""
from __future__ import annotations

import re

APOSTROPHES = "'’ʼ`"
_TO_APOSTROPHE = str.maketrans({mark: "'" for mark in APOSTROPHES})

WORD = re.compile(rf"[\w{APOSTROPHES}]+")  # letters and digits with their apostrophes
HYPHENATED = rf"[\w{APOSTROPHES}-]+"  # a word with its hyphenated parts ("онлайн-тренінг", "Кам'янець-Подільський")
HYPHENATED_WORD = re.compile(HYPHENATED)

# A sentence ends at a stop before a capital, a quote, a digit or a parenthesis; a blank line and a
# list item's line ("- ...", "1. ...") end one too.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"A-ZА-ЯІЇЄҐЁ0-9(])|\n\s*\n|\n(?=\s*[-–—•*\d])")


def fold_apostrophes(word: str) -> str:
    """Write every apostrophe of a word as "'" (the form dictionaries and data files use)."""
    return word.translate(_TO_APOSTROPHE)


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Split text into sentence spans (offsets), treating blank lines and list items as breaks."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return tuple(spans) or ((0, len(text)),)
