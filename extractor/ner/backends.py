"""NER backends: raw PER/ORG/LOC spans of texts from spaCy, natasha's slovnet, both (hybrid) or stanza.

`spacy` (the uk default) runs the pipelines trained by extractor/ner/train.py from models/ner-<lang>/
plus the organization ruler; `natasha` (ru) runs slovnet + navec from the files the natasha wheel
ships; `hybrid` (the ru default) is natasha plus the spaCy model's person names where slovnet found
nothing; `stanza` runs when stanza and its models sit in settings().stanza_dir.
"""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Protocol

from extractor.config import settings
from extractor.ner.ruler import (RawSpan, add_gazetteer_ruler, merge_gazetteer, morph_features, overlaps,
                                 register_components)
from extractor.text import LANGS

STANZA_LABELS = {"PERS": "PER"}
MAX_CHARS = 1_000_000  # spaCy's own limit; longer texts are tagged in slices


class Tagger(Protocol):
    """A backend: raw entity spans for each text of a batch."""

    def pipe(self, texts: list[str]) -> Iterator[list[RawSpan]]: ...


def _slices(text: str, size: int = MAX_CHARS) -> Iterator[tuple[int, str]]:
    """Cut a text into pieces of at most `size` characters at line ends where possible."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, line) for the non-blank lines of a text."""
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.group()


def _line_pieces(text: str, size: int = MAX_CHARS) -> Iterator[tuple[int, str]]:
    """Yield (offset, piece) for the non-blank lines of a text, a line longer than spaCy's limit in pieces."""
    for offset, line in _lines(text):
        for cut, piece in _slices(line, size):
            yield offset + cut, piece


def spacy_spans(nlp, texts: list[str]) -> list[tuple[list[RawSpan], list[RawSpan]]]:
    """Run a spaCy pipeline over texts (long ones in slices): (model entities, gazetteer spans) of each."""
    return _tag_pieces(nlp, [(i, offset, piece) for i, text in enumerate(texts) for offset, piece in _slices(text)],
                       len(texts))


def spacy_spans_in(nlp, text: str, pieces: list[tuple[int, int]]) -> list[tuple[list[RawSpan], list[RawSpan]]]:
    """Run a spaCy pipeline over pieces [start, end) of one text (long ones in slices): the spans of each, at text
    offsets."""
    return _tag_pieces(nlp, [(i, start + cut, piece) for i, (start, end) in enumerate(pieces)
                             for cut, piece in _slices(text[start:end])], len(pieces))


def _tag_pieces(nlp, pieces: list[tuple[int, int, str]], n_texts: int) -> list[tuple[list[RawSpan], list[RawSpan]]]:
    """Run a spaCy pipeline over (text index, offset, piece) triples: (model entities, gazetteer spans) of each
    text, at text offsets."""
    results: list[tuple[list[RawSpan], list[RawSpan]]] = [([], []) for _ in range(n_texts)]
    for (i, offset, _), doc in zip(pieces, nlp.pipe(p for _, _, p in pieces)):
        results[i][0].extend((e.start_char + offset, e.end_char + offset, e.label_, "", "model") for e in doc.ents)
        results[i][1].extend((s.start_char + offset, s.end_char + offset, s.label_, s.id_, "gazetteer")
                             for s in doc.spans.get("gazetteer", []))
    return results


class SpacyTagger:
    """A trained spaCy pipeline plus the organization gazetteer ruler."""

    def __init__(self, lang: str, model_dir: Path) -> None:
        import spacy

        register_components()  # the trained pipelines use morph_features
        self.nlp = spacy.load(model_dir)
        add_gazetteer_ruler(self.nlp, lang)

    def pipe(self, texts: list[str]) -> Iterator[list[RawSpan]]:
        """Tag texts in batches (nlp.pipe) and merge the gazetteer matches into the model's spans."""
        for model, gazetteer in spacy_spans(self.nlp, texts):
            yield merge_gazetteer(model, gazetteer)


def natasha_file(*parts: str) -> Path:
    """Return a data file that the natasha wheel ships, found without importing natasha."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the natasha package (for its slovnet/navec files) is not installed")
    return Path(next(iter(spec.submodule_search_locations)), "data", *parts)


class Slovnet:
    """slovnet's Russian NER with navec embeddings, run line by line (it merges menu lines otherwise)."""

    MODEL = ("model", "slovnet_ner_news_v1.tar")
    EMBEDDINGS = ("emb", "navec_news_v1_1B_250K_300d_100q.tar")

    def __init__(self) -> None:
        from navec import Navec
        from slovnet import NER

        self.ner = NER.load(str(natasha_file(*self.MODEL)))
        self.ner.navec(Navec.load(str(natasha_file(*self.EMBEDDINGS))))

    def spans(self, texts: list[str]) -> list[list[RawSpan]]:
        """Tag every non-blank line of every text; return the spans at text offsets."""
        lines = [(i, offset, line) for i, text in enumerate(texts) for offset, line in _lines(text)]
        results: list[list[RawSpan]] = [[] for _ in texts]
        for (i, offset, _), markup in zip(lines, self.ner.map([line for _, _, line in lines])):
            results[i].extend((offset + s.start, offset + s.stop, s.type, "", "model") for s in markup.spans)
        return results


class NatashaTagger:
    """slovnet (from the natasha wheel's files) plus the organization gazetteer."""

    def __init__(self) -> None:
        import spacy

        self.slovnet = Slovnet()
        # The organization gazetteer runs on a blank pipeline, merged as for the spaCy backend.
        self.gazetteer = spacy.blank("ru")
        add_gazetteer_ruler(self.gazetteer, "ru")

    def pipe(self, texts: list[str]) -> Iterator[list[RawSpan]]:
        """Tag texts with slovnet and merge the gazetteer matches into its spans."""
        for model, (_, gazetteer) in zip(self.slovnet.spans(texts), spacy_spans(self.gazetteer, texts)):
            yield merge_gazetteer(model, gazetteer)


class HybridTagger(NatashaTagger):
    """slovnet's spans, plus the spaCy model's PER spans that overlap none of them (Russian).

    slovnet is the better Russian tagger on every label but misses more person names than the spaCy
    model (factRuEval test PER recall 0.909 against 0.928); adding only the spaCy PER spans in gaps
    raises PER F1 on both Russian test sets (models/README.md) and leaves ORG and LOC as slovnet has them.
    The spaCy model only reads the lines where such a gap can be (`may_hide_name`): about a quarter of
    the words of news, which keeps the pair above 5,000 words/s on one core.
    """

    FILL_LABELS = frozenset({"PER"})

    def __init__(self, lang: str, model_dir: Path) -> None:
        import spacy

        super().__init__()  # slovnet and the gazetteer pipeline
        self.lang = lang
        register_components()
        self.model = spacy.load(model_dir)

    def pipe(self, texts: list[str]) -> Iterator[list[RawSpan]]:
        """Tag texts with slovnet, add the spaCy PER spans of the lines that may hide a name where slovnet
        found nothing, merge the gazetteer matches."""
        first = self.slovnet.spans(texts)
        lines = [(i, offset, line) for i, text in enumerate(texts) for offset, line in _line_pieces(text)
                 if may_hide_name(line, [(a - offset, b - offset) for a, b, *_ in first[i]], self.lang)]
        fills = (model for model, _ in _tag_pieces(self.model, lines, len(texts)))
        for found, fill, (_, gazetteer) in zip(first, fills, spacy_spans(self.gazetteer, texts)):
            gaps = [s for s in fill if s[2] in self.FILL_LABELS and not any(overlaps(s, f) for f in found)]
            yield merge_gazetteer(sorted(found + gaps), gazetteer)


def may_hide_name(line: str, spans: list[tuple[int, int]], lang: str) -> bool:
    """Tell whether a line has a capitalized word outside `spans` that may belong to a person's name:
    one inside a sentence, or one opening it that the dictionary knows as a name or does not know
    ("Журавлёв, который ..."). Lines without one cannot give a PER span in slovnet's gaps."""
    for word in re.finditer(r"\w[\w-]+", line):  # an initial ("В.") goes with the surname after it
        if not word.group()[0].isupper() or any(a <= word.start() < b for a, b in spans):
            continue
        before = line[:word.start()].rstrip()
        if before and before[-1] not in ".!?…:;\"«„“—–-":
            return True
        tags = set(morph_features(word.group(), lang)[1].split("_"))
        if tags & {"Name", "Surn", "Patr", "Unkn"}:
            return True
    return False


class StanzaTagger:
    """A stanza NER pipeline loaded from local model files only."""

    def __init__(self, lang: str, model_dir: Path) -> None:
        import stanza

        self.nlp = stanza.Pipeline(lang, dir=str(model_dir), processors="tokenize,ner",
                                   download_method=None, verbose=False)

    def pipe(self, texts: list[str]) -> Iterator[list[RawSpan]]:
        """Tag each text; stanza's PERS becomes PER."""
        for text in texts:
            doc = self.nlp(text) if text.strip() else None
            yield [] if doc is None else [
                (e.start_char, e.end_char, STANZA_LABELS.get(e.type, e.type), "", "model") for e in doc.ents]


def backend_name(lang: str, backend: str | None) -> str:
    """Return the backend to use: the one asked for, else the configured default of the language."""
    conf = settings()
    return backend or (conf.ner_backend_uk if lang == "uk" else conf.ner_backend_ru)


def load_pipeline(lang: str, backend: str | None = None) -> Tagger:
    """Load (once per process) the tagger of a language and backend (default: from settings)."""
    if lang not in LANGS:
        raise ValueError(f"no NER for language {lang!r}: uk and ru only")
    return _load(lang, backend_name(lang, backend))


@cache
def _load(lang: str, name: str) -> Tagger:
    if name == "spacy":
        return SpacyTagger(lang, settings().models_dir / f"ner-{lang}")
    if name == "natasha" and lang == "ru":
        return NatashaTagger()
    if name == "hybrid" and lang == "ru":
        return HybridTagger(lang, settings().models_dir / f"ner-{lang}")
    if name == "stanza":
        stanza_dir = settings().stanza_dir
        if stanza_dir is None or importlib.util.find_spec("stanza") is None:
            raise RuntimeError("the stanza backend needs `pip install .[stanza]` and stanza_dir set")
        return StanzaTagger(lang, stanza_dir)
    raise ValueError(f"no NER backend {name!r} for language {lang!r}")
