"""Named entities (PER, ORG, LOC, MISC) in Ukrainian and Russian text, over interchangeable backends.

`spacy` (the uk default) runs the pipelines trained by extractor/train.py from models/ner-<lang>/
plus a span ruler built from gazetteers/organizations.csv; `natasha` (ru) runs slovnet + navec from
the files the natasha wheel ships; `hybrid` (the ru default) is natasha plus the spaCy model's person
names where slovnet found nothing; `stanza` runs when stanza and its models sit in settings().stanza_dir.
"""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Protocol

from extractor.config import settings
from extractor.lexicon import load_csv
from extractor.morph import analyzer, case_forms, lemma, nominative

RawSpan = tuple[int, int, str, str, str]  # start, end, label, gazetteer id ("" if none), source

GAZETTEER = "organizations.csv"
# Any quotation mark in an alias matches any other: news writes «…», "…" and „…“ alike.
QUOTES = ["«", "»", '"', "“", "”", "„", "'"]
STANZA_LABELS = {"PERS": "PER"}
MAX_CHARS = 1_000_000  # spaCy's own limit; longer texts are tagged in slices


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


class Tagger(Protocol):
    """A backend: raw entity spans for each text of a batch."""

    def pipe(self, texts: list[str]) -> Iterator[list[RawSpan]]: ...


# --- pipeline component --------------------------------------------------------------------------


# pymorphy3 grammemes that mark names, places and organizations in its dictionaries.
NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"})


@lru_cache(maxsize=200_000)
def morph_features(word: str, lang: str) -> tuple[str, str]:
    """Return a word's lemma and a coarse tag: POS, case, name grammemes of any parse, unknown-ness."""
    parses = analyzer(lang).parse(word)
    top = parses[0]
    names = sorted(NAME_GRAMMEMES & set().union(*(p.tag.grammemes for p in parses)))
    known = "" if top.is_known else "Unkn"
    return top.normal_form, "_".join(x for x in (str(top.tag.POS or "X"), str(top.tag.case or ""), *names, known) if x)


def _register_components() -> None:
    """Register `morph_features`: pymorphy3 lemma and coarse tag on tokens, features of the tok2vec."""
    from spacy.language import Language

    if "morph_features" in Language.factories:
        return

    @Language.component("morph_features")
    def add_morph_features(doc):
        # Inflected forms share a lemma, and dictionary name/surname marks help unseen names.
        for token in doc:
            token.lemma_, token.tag_ = morph_features(token.text, doc.lang_)
        return doc


_register_components()


# --- gazetteer -----------------------------------------------------------------------------------


def gazetteer_rows(lang: str) -> list[dict[str, str]]:
    """Return the organization rows for a language (lang column `uk`, `ru` or `any`)."""
    return [row for row in load_csv(GAZETTEER) if row["lang"] in (lang, "any")]


def _token_pattern(token) -> dict:
    """Match one alias token: Cyrillic words by lemma, acronyms/Latin/punctuation exactly, `*` any name."""
    text = token.text
    if text in QUOTES:
        return {"ORTH": {"IN": QUOTES}}
    if re.fullmatch(r"[\u0400-\u04ff'’ʼ]+", text) and not (text.isupper() and len(text) > 1):
        return {"LEMMA": lemma(text, token.lang_)}
    return {"ORTH": text}


def alias_patterns(alias: str, nlp) -> list[list[dict]]:
    """Turn an alias into token patterns; each `*` stands for a capitalized name, hyphenated or not."""
    variants: list[list[dict]] = [[]]
    for token in nlp.make_doc(alias):
        if token.text == "*":
            one = [{"IS_TITLE": True}]
            hyphenated = [{"IS_TITLE": True}, {"ORTH": "-"}, {"IS_TITLE": True}]
            variants = [v + w for v in variants for w in (one, hyphenated)]
        else:
            variants = [v + [_token_pattern(token)] for v in variants]
    return variants


def add_gazetteer_ruler(nlp, lang: str) -> None:
    """Add a span ruler that marks gazetteer organizations in doc.spans['gazetteer']."""
    if "morph_features" not in nlp.pipe_names:  # the ruler matches Cyrillic words by lemma
        nlp.add_pipe("morph_features", first=True)
    ruler = nlp.add_pipe("span_ruler", name="gazetteer", last=True,
                         config={"spans_key": "gazetteer", "annotate_ents": False, "overwrite": True,
                                 "phrase_matcher_attr": "LOWER",
                                 "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}})
    patterns = []
    for row in gazetteer_rows(lang):
        for alias in filter(None, (a.strip() for a in row["aliases"].split("|"))):
            # Plain aliases go to the fast phrase matcher in each case form; wildcards and quotes
            # need token patterns (Cyrillic words matched by lemma).
            if "*" in alias or any(q in alias for q in QUOTES):
                patterns += [{"label": "ORG", "pattern": p, "id": row["id"]} for p in alias_patterns(alias, nlp)]
            else:
                patterns += [{"label": "ORG", "pattern": form, "id": row["id"]} for form in case_forms(alias, lang)]
    ruler.add_patterns(patterns)


def overlaps(a: RawSpan, b: RawSpan) -> bool:
    """Tell whether two spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def merge_gazetteer(model: list[RawSpan], gazetteer: list[RawSpan]) -> list[RawSpan]:
    """Let gazetteer spans override overlapping model spans, unless a longer model ORG holds just one.

    A longer model ORG around a single match ("Представництво Фонду Ганса Зайделя в Україні") is
    kept and takes the gazetteer id; any other overlap (an equal span, or a model span running over
    several matches: "USAID DOBRE та GIZ") gives way to the gazetteer spans.
    """
    def inside(g: RawSpan, m: RawSpan) -> bool:
        return m[0] <= g[0] and g[1] <= m[1]

    kept: dict[int, RawSpan] = dict(enumerate(model))
    added: list[RawSpan] = []
    for g in gazetteer:
        overlapping = [i for i, m in kept.items() if overlaps(m, g)]
        container = next((i for i in overlapping if kept[i][2] == "ORG" and inside(g, kept[i])
                          and kept[i][:2] != g[:2] and sum(inside(h, kept[i]) for h in gazetteer) == 1), None)
        if container is not None:
            m = kept[container]
            kept[container] = (m[0], m[1], m[2], g[3], m[4])
            continue
        for i in overlapping:
            del kept[i]
        added.append(g)
    return sorted([*kept.values(), *added])


# --- backends ------------------------------------------------------------------------------------


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


def _spacy_spans(nlp, texts: list[str]) -> list[tuple[list[RawSpan], list[RawSpan]]]:
    """Run a spaCy pipeline over texts (long ones in slices): (model entities, gazetteer spans) of each."""
    return _tag_pieces(nlp, [(i, offset, piece) for i, text in enumerate(texts) for offset, piece in _slices(text)],
                       len(texts))


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

        self.nlp = spacy.load(model_dir)
        add_gazetteer_ruler(self.nlp, lang)

    def pipe(self, texts: list[str]) -> Iterator[list[RawSpan]]:
        """Tag texts in batches (nlp.pipe) and merge the gazetteer matches into the model's spans."""
        for model, gazetteer in _spacy_spans(self.nlp, texts):
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
        for model, (_, gazetteer) in zip(self.slovnet.spans(texts), _spacy_spans(self.gazetteer, texts)):
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
        self.model = spacy.load(model_dir)

    def pipe(self, texts: list[str]) -> Iterator[list[RawSpan]]:
        """Tag texts with slovnet, add the spaCy PER spans of the lines that may hide a name where slovnet
        found nothing, merge the gazetteer matches."""
        first = self.slovnet.spans(texts)
        lines = [(i, offset, line) for i, text in enumerate(texts) for offset, line in _line_pieces(text)
                 if may_hide_name(line, [(a - offset, b - offset) for a, b, *_ in first[i]], self.lang)]
        fills = (model for model, _ in _tag_pieces(self.model, lines, len(texts)))
        for found, fill, (_, gazetteer) in zip(first, fills, _spacy_spans(self.gazetteer, texts)):
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
    if lang not in ("uk", "ru"):
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


# --- public API ----------------------------------------------------------------------------------


@cache
def canonical_names(lang: str) -> dict[str, str]:
    """Map gazetteer ids to their canonical name in a language (rows of patterns have none)."""
    return {row["id"]: row["name"] for row in gazetteer_rows(lang) if row["name"]}


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


@cache
def gazetteer_pipeline(lang: str):
    """Return a blank spaCy pipeline holding only the organization gazetteer ruler (no statistical model)."""
    import spacy

    nlp = spacy.blank(lang)
    add_gazetteer_ruler(nlp, lang)
    return nlp


def gazetteer_entities(text: str, lang: str) -> list[Entity]:
    """Return the gazetteer organizations of a text, matched without running the NER model.

    The same span ruler as in `entities`, so the same aliases match; a model ORG span around a
    match does not take it over here, which callers that only want known organizations prefer.
    """
    if lang not in ("uk", "ru"):
        raise ValueError(f"no gazetteer for language {lang!r}: uk and ru only")
    (_, spans), = _spacy_spans(gazetteer_pipeline(lang), [text])
    return _entities(text, spans, lang)


def entities(text: str, lang: str, backend: str | None = None) -> list[Entity]:
    """Return the named entities of one text."""
    return next(entities_batch([text], lang, backend))
