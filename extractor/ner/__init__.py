"""Named entities (PER, ORG, LOC, MISC) in Ukrainian and Russian text.

The statistical models (`backends`: spaCy pipelines trained by `train` from the corpora `corpus`
reads and scored by `eval`; natasha's slovnet; stanza) serve the `extractor ner` command and
`extractor train score`. The organization stage of event assembly uses the gazetteer ruler
(`ruler`) alone, through `gazetteer_entities`: the models' ORG spans did not improve organizers
on dev and cost most of the CPU, so `extractor run` never loads them.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from extractor.morph import nominative
from extractor.ner.backends import backend_name, load_pipeline, spacy_spans_in
from extractor.ner.ruler import RawSpan, canonical_names, gazetteer_pipeline
from extractor.text import LANGS

__all__ = ["Entity", "backend_name", "entities", "entities_batch", "fit_edges", "gazetteer_entities",
           "gazetteer_pipeline", "load_pipeline"]


@dataclass(frozen=True)
class Entity:
    """One named entity: offsets into the text passed in, its label and its nominative form."""

    start: int
    end: int
    text: str
    label: str
    normal: str
    source: str = "model"
    kb_id: str = ""  # the gazetteer row id when a gazetteer alias matched inside the span

    def to_dict(self) -> dict:
        """Return the JSON form: span, text, label, normal."""
        return {"span": [self.start, self.end], "text": self.text, "label": self.label, "normal": self.normal}


def fit_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Fit a span to its name: take in the closing quote right after a quote opened inside it ("ГО «Рада»"),
    then shrink it past outer whitespace and punctuation, keeping brackets and quotes that pair up
    (a name that only starts with a quote loses it: «Газпром -> Газпром)."""
    inner = text[start:end]
    if any(inner.count(o) > inner.count(c) and not inner.startswith(o) and text[end:end + 1] == c
           for o, c in (("«", "»"), ("“", "”"))):
        end += 1
    pairs = {")": "(", "»": "«", "”": "“", '"': '"'}
    while start < end:
        first, last, inner = text[start], text[end - 1], text[start:end]
        if first.isspace() or first in ",.;:" or (first in "(«“" and not any(c in inner for c in ")»”")):
            start += 1
        elif last.isspace() or last in ",;:" or (last in pairs and inner.count(last) > inner.count(pairs[last])
                                                  if last != '"' else inner.count('"') % 2):
            end -= 1
        else:
            break
    return start, end


def _entities(text: str, spans: Iterable[RawSpan], lang: str) -> list[Entity]:
    """Build Entity records from raw spans: a gazetteer match is named canonically, others in the nominative."""
    names = canonical_names(lang)
    result = []
    for raw_start, raw_end, label, kb_id, source in spans:
        start, end = fit_edges(text, raw_start, raw_end)
        surface = text[start:end]
        if not surface:
            continue
        normal = names.get(kb_id) if source == "gazetteer" else None
        normal = normal or nominative(surface, lang, animate=label == "PER")
        result.append(Entity(start, end, surface, label, normal, source, kb_id))
    return result


def entities_batch(texts: Iterable[str], lang: str, backend: str | None = None) -> Iterator[list[Entity]]:
    """Yield the entities of each text, tagging them in batches."""
    tagger = load_pipeline(lang, backend)
    batch: list[str] = []
    for text in texts:
        batch.append(text if isinstance(text, str) else "")
        if len(batch) == 64:
            yield from (_entities(t, s, lang) for t, s in zip(batch, tagger.pipe(batch)))
            batch = []
    if batch:
        yield from (_entities(t, s, lang) for t, s in zip(batch, tagger.pipe(batch)))


def gazetteer_entities(text: str, lang: str, pieces: list[tuple[int, int]]) -> list[list[Entity]]:
    """Return the gazetteer organizations of each piece [start, end) of a text, matched without the NER model.

    The same span ruler as in `entities`, so the same aliases match; a model ORG span around a
    match does not take it over here, which callers that only want known organizations prefer.
    Pieces made of whole lines find what the whole text finds there: spaCy makes a line break a
    token of its own, which no pattern matches, so no match or overlap runs over a line end.
    """
    if lang not in LANGS:
        raise ValueError(f"no gazetteer for language {lang!r}: uk and ru only")
    return [_entities(text, spans, lang) for _, spans in spacy_spans_in(gazetteer_pipeline(lang), text, pieces)]


def entities(text: str, lang: str, backend: str | None = None) -> list[Entity]:
    """Return the named entities of one text."""
    return next(entities_batch([text], lang, backend))
