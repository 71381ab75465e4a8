"""Tell Ukrainian from Russian (and both from anything else)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from langdetect import DetectorFactory, LangDetectException, detect_langs
from langdetect.detector_factory import init_factory

from extractor.lexicon import load_toml
from extractor.text import LANGS

DetectorFactory.seed = 0  # langdetect is random by default; the same text must get the same answer
SAMPLE_CHARS = 5000  # langdetect's answer settles long before this; keeps long pages cheap


@dataclass(frozen=True)
class LangGuess:
    """The language of a text (`uk`, `ru` or another ISO code, or None) and how it was decided."""

    lang: str | None
    reason: str

    @property
    def supported(self) -> bool:
        return self.lang in LANGS


def load_profiles() -> None:
    """Load langdetect's language profiles now (it reads them at its first answer otherwise, in every worker)."""
    init_factory()


def letter_counts(text: str) -> tuple[int, int, int, int]:
    """Return (letters, Cyrillic letters, Ukrainian-only letters, Russian-only letters)."""
    cues = load_toml("langid.toml")
    uk_set, ru_set = set(cues["uk_letters"]), set(cues["ru_letters"])
    letters = cyr = uk = ru = 0
    for ch, n in Counter(text.lower()).items():  # each distinct character once: a page has a hundred, not thousands
        if ch.isalpha():
            letters += n
            if "\u0400" <= ch <= "\u04ff":
                cyr += n
                uk += n * (ch in uk_set)
                ru += n * (ch in ru_set)
    return letters, cyr, uk, ru


def detect(text: str) -> LangGuess:
    """Detect the language: distinctive letters first (robust on short and mixed text), then langdetect."""
    cues = load_toml("langid.toml")
    sample = text[:SAMPLE_CHARS]
    letters, cyr, uk, ru = letter_counts(sample)
    if letters < cues["min_letters"]:
        return LangGuess(None, "too short to identify the language")
    if cyr >= letters * cues["min_cyrillic_share"]:
        if uk >= cues["min_distinctive"] and uk >= ru * cues["letter_ratio"]:
            return LangGuess("uk", "Ukrainian letters")
        if ru >= cues["min_distinctive"] and ru >= uk * cues["letter_ratio"]:
            return LangGuess("ru", "Russian letters")
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return LangGuess(None, "no language features")
    return LangGuess(best.lang, f"langdetect {best.prob:.2f}")
