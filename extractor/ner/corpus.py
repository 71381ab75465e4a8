"""Read the NER corpora of shared/data as flat character spans with normalized labels.

Every corpus choice and label map lives in the `[extractor]` section of `configs/ner-<lang>.cfg`;
training (`extractor.ner.train`) and scoring (`extractor.ner.eval`) read documents through this module.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import spacy

from extractor.config import PROJECT_ROOT

CONFIGS_DIR = PROJECT_ROOT / "configs"

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Annotated:
    """One text with its flat gold entity spans (character offsets, normalized labels)."""

    doc_id: str
    text: str
    spans: tuple[Span, ...]
    source: str = ""  # the corpus folder it came from, where a corpus mixes kinds of text (NER-UK: news, BRUK)


def config_path(lang: str) -> Path:
    """Return the training config of a language."""
    return CONFIGS_DIR / f"ner-{lang}.cfg"


def load_settings(lang: str, overrides: dict | None = None) -> dict:
    """Return the `[extractor]` section of a language's training config (corpora, label maps)."""
    own = {k: v for k, v in (overrides or {}).items() if k.startswith("extractor.")}
    return spacy.util.load_config(config_path(lang), overrides=own, interpolate=False)["extractor"]


def flatten(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Keep the outermost spans: drop any span that overlaps a longer (or earlier equal) one."""
    kept: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0], s[2])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return tuple(sorted(kept))


def read_text(path: Path) -> str:
    """Read a corpus text exactly as its offsets count it (no newline translation)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def read_brat(txt: Path, label_map: dict[str, str]) -> Annotated:
    """Read a brat `.txt`/`.ann` pair, mapping labels and skipping discontinuous or unmapped ones."""
    text = read_text(txt)
    spans = []
    for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].startswith("T"):
            continue
        # NEREL writes "TYPE start end"; NER-UK writes TYPE, start and end tab-separated.
        kind, offsets = (parts[1], f"{parts[2]} {parts[3]}") if parts[1].isalpha() and len(parts) > 4 \
            else parts[1].split(" ", 1)
        if kind not in label_map or ";" in offsets:
            continue
        start, end = (int(x) for x in offsets.split())
        spans.append((start, end, label_map[kind]))
    return Annotated(txt.stem, text, flatten(spans), txt.parent.name)


def read_ner_uk(data_dir: Path, part: str, label_map: dict[str, str]) -> list[Annotated]:
    """Read the NER-UK 2.0 documents of one part (`DEV` or `TEST`) of `dev-test-split.txt`."""
    ids: dict[str, list[str]] = {}
    current = ""
    for line in (data_dir / "dev-test-split.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line in ("DEV", "TEST"):
            current = line
        elif line:
            ids.setdefault(current, []).append(line)
    paths = {p.stem: p for p in data_dir.glob("*/*.txt")}
    return [read_brat(paths[i], label_map) for i in ids.get(part, []) if i in paths]


def read_nerel(split_dir: Path, label_map: dict[str, str]) -> list[Annotated]:
    """Read one NEREL split (brat files)."""
    return [read_brat(p, label_map) for p in sorted(split_dir.glob("*.txt"))]


def _factru_span_groups(spans: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, bool]]:
    """Group an object's spans into runs separated only by spaces/punctuation; flag runs with a name."""
    groups: list[list] = []
    for start, end, kind in sorted(spans):
        if groups and not re.search(r"\w", text[groups[-1][1]:start]):
            groups[-1][1] = max(groups[-1][1], end)
            groups[-1][2] |= kind.endswith("name")
        else:
            groups.append([start, end, kind.endswith("name")])
    return [tuple(g) for g in groups]


def factru_objects(txt: Path) -> tuple[str, list[tuple[str, list[tuple[int, int, str]]]]]:
    """Read one factRuEval document: its text and its objects as (type, [(start, end, span kind)])."""
    text = read_text(txt)
    layer = {}
    for line in txt.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 4:
            layer[fields[0]] = (int(fields[2]), int(fields[2]) + int(fields[3]), fields[1])
    objects = []
    for line in txt.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 3:
            objects.append((fields[1], [layer[s] for s in fields[2:] if s in layer]))
    return text, objects


def factru_named(spans: list[tuple[int, int, str]], text: str) -> list[tuple[int, int]]:
    """The project's reading: an object is its first run of spans that holds a name (none: a nominal mention)."""
    named = [g for g in _factru_span_groups(spans, text) if g[2]]
    return [named[0][:2]] if named else []


# Natasha's naeval reading of factRuEval, the one slovnet's published figures use.
NAEVAL_NAME_KINDS = {"Org": "org_name", "Location": "loc_name", "LocOrg": "loc_name"}


def factru_naeval(kind: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """naeval's reading: a Person is the whole range of its spans, any other object each of its name spans."""
    if kind == "Person":
        return [(min(s[0] for s in spans), max(s[1] for s in spans))] if spans else []
    return [s[:2] for s in spans if s[2] == NAEVAL_NAME_KINDS.get(kind)]


def read_factru(split_dir: Path, label_map: dict[str, str], names_only: bool = False) -> list[Annotated]:
    """Read factRuEval-2016 objects as flat named-entity spans.

    By default an object with a word gap keeps its first run that holds a name span; an object with
    no name span at all (a bare descriptor such as "компания" or a geo adjective such as "шведской")
    is a nominal mention, not a named entity, and is left out. `names_only` reads as natasha's
    naeval does instead (`factru_naeval`), to compare with slovnet's published scores.
    """
    docs = []
    for txt in sorted(split_dir.glob("book_*.txt")):
        text, objects = factru_objects(txt)
        spans = [(start, end, label_map[kind]) for kind, parts in objects if kind in label_map
                 for start, end in (factru_naeval(kind, parts) if names_only else factru_named(parts, text))]
        docs.append(Annotated(txt.stem, text, flatten(spans)))
    return docs


def detokenize(doc: Annotated, no_space_before: str, no_space_after: str) -> Annotated:
    """Rebuild raw-news spacing from space-separated tokens, moving the entity offsets along."""
    keep = bytearray(b"\x01" * len(doc.text))
    for line in re.finditer(r"[^\n]+", doc.text):
        tokens = list(re.finditer(r"\S+", line.group()))
        quote_open = False
        for prev, tok in pairwise(tokens):
            left, right = prev.group(), tok.group()
            if left == '"':
                quote_open = not quote_open
            glue = (all(c in no_space_before for c in right) or all(c in no_space_after for c in left)
                    or (left == '"' and quote_open) or (right == '"' and quote_open))
            if glue:
                for i in range(line.start() + prev.end(), line.start() + tok.start()):
                    keep[i] = 0
    new_index, text, n = [], [], 0
    for ch, k in zip(doc.text, keep):
        new_index.append(n)
        if k:
            text.append(ch)
            n += 1
    new_index.append(n)
    spans = tuple((new_index[s], new_index[e - 1] + 1, label) for s, e, label in doc.spans)
    return Annotated(doc.doc_id, "".join(text), spans, doc.source)


def split_lines(doc: Annotated) -> Iterator[Annotated]:
    """Cut a document into its non-blank lines (sentences or paragraphs), keeping the spans inside."""
    for i, line in enumerate(re.finditer(r"[^\n]+", doc.text)):
        if not line.group().strip():
            continue
        s0, e0 = line.span()
        spans = tuple((s - s0, e - s0, label) for s, e, label in doc.spans if s >= s0 and e <= e0)
        yield Annotated(f"{doc.doc_id}:{i}", line.group(), spans)


def load_corpus(conf: dict, part: str, shared_dir: Path, max_docs: int | None = None,
                factru_names_only: bool = False) -> list[Annotated]:
    """Read the documents of `part` (train | test) from the corpora that a config section names."""
    data = shared_dir / "data"
    docs: list[Annotated] = []
    for source in conf["corpora"][part]:
        corpus, _, split = source.partition(":")
        label_map = conf["label_maps"][corpus]
        if corpus == "ner-uk":
            found = read_ner_uk(data / "ner-uk" / "data", split, label_map)
            detok = conf["detokenize"]
            found = [detokenize(d, detok["no_space_before"], detok["no_space_after"]) for d in found]
        elif corpus == "factru":
            found = read_factru(data / "ner-ru" / "factRuEval-2016" / split, label_map, factru_names_only)
        elif corpus == "nerel":
            found = read_nerel(data / "ner-ru" / "NEREL" / "NEREL-v1.1" / split, label_map)
        else:
            raise ValueError(f"unknown corpus {corpus!r} in the training config")
        docs.extend(found[:max_docs] if max_docs else found)
    return docs
