"""Train the uk/ru NER pipelines: corpora -> spaCy DocBin -> `spacy train` -> test-split scores.

Every hyper-parameter, label map and corpus choice lives in `configs/ner-<lang>.cfg`; this
module only reads corpora, converts them and scores predictions by exact character span + label.
"""
from __future__ import annotations

import json
import random
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from extractor.config import PROJECT_ROOT

CONFIGS_DIR = PROJECT_ROOT / "configs"

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Annotated:
    """One text with its flat gold entity spans (character offsets, normalized labels)."""

    doc_id: str
    text: str
    spans: tuple[Span, ...]


def config_path(lang: str) -> Path:
    """Return the training config of a language."""
    return CONFIGS_DIR / f"ner-{lang}.cfg"


def load_settings(lang: str, overrides: dict | None = None) -> dict:
    """Return the `[extractor]` section of a language's training config (corpora, label maps)."""
    own = {k: v for k, v in (overrides or {}).items() if k.startswith("extractor.")}
    return spacy.util.load_config(config_path(lang), overrides=own, interpolate=False)["extractor"]


# --- corpus readers --------------------------------------------------------------------------


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
    return Annotated(txt.stem, text, flatten(spans))


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


def read_factru(split_dir: Path, label_map: dict[str, str]) -> list[Annotated]:
    """Read factRuEval-2016 objects as named entities.

    An object with a word gap keeps its first run that holds a name span; an object with no name
    span at all (a bare descriptor such as "компания" or a geo adjective such as "шведской") is a
    nominal mention, not a named entity, and is left out.
    """
    docs = []
    for txt in sorted(split_dir.glob("book_*.txt")):
        text = read_text(txt)
        layer = {}
        for line in txt.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            fields = line.split("#", 1)[0].split()
            if len(fields) >= 4:
                layer[fields[0]] = (int(fields[2]), int(fields[2]) + int(fields[3]), fields[1])
        spans = []
        for line in txt.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            fields = line.split("#", 1)[0].split()
            if len(fields) < 3 or fields[1] not in label_map:
                continue
            groups = _factru_span_groups([layer[s] for s in fields[2:] if s in layer], text)
            named = [g for g in groups if g[2]]
            if named:
                start, end, _ = named[0]
                spans.append((start, end, label_map[fields[1]]))
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
    return Annotated(doc.doc_id, "".join(text), spans)


def split_lines(doc: Annotated) -> Iterator[Annotated]:
    """Cut a document into its non-blank lines (sentences or paragraphs), keeping the spans inside."""
    for i, line in enumerate(re.finditer(r"[^\n]+", doc.text)):
        if not line.group().strip():
            continue
        s0, e0 = line.span()
        spans = tuple((s - s0, e - s0, label) for s, e, label in doc.spans if s >= s0 and e <= e0)
        yield Annotated(f"{doc.doc_id}:{i}", line.group(), spans)


def load_corpus(conf: dict, part: str, shared_dir: Path, max_docs: int | None = None) -> list[Annotated]:
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
            found = read_factru(data / "ner-ru" / "factRuEval-2016" / split, label_map)
        elif corpus == "nerel":
            found = read_nerel(data / "ner-ru" / "NEREL" / "NEREL-v1.1" / split, label_map)
        else:
            raise ValueError(f"unknown corpus {corpus!r} in the training config")
        docs.extend(found[:max_docs] if max_docs else found)
    return docs


# --- conversion ------------------------------------------------------------------------------


def to_docbin(docs: Iterable[Annotated], lang: str) -> tuple[DocBin, Counter]:
    """Tokenize each text with the blank pipeline and set its entities; count aligned and lost spans."""
    nlp = spacy.blank(lang)
    db, counts = DocBin(), Counter()
    for annotated in docs:
        doc = nlp.make_doc(annotated.text)
        ents = []
        for start, end, label in annotated.spans:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None or span.text.strip() == "":
                counts["lost"] += 1
                continue
            counts["aligned" if (span.start_char, span.end_char) == (start, end) else "expanded"] += 1
            ents.append(span)
        doc.set_ents(spacy.util.filter_spans(ents))
        db.add(doc)
    return db, counts


def split_train_dev(docs: list[Annotated], dev_share: float, seed: int) -> tuple[list, list]:
    """Hold out whole documents for early stopping, chosen by a seeded shuffle."""
    order = sorted(docs, key=lambda d: d.doc_id)
    random.Random(seed).shuffle(order)
    n_dev = max(1, round(len(order) * dev_share))
    return order[n_dev:], order[:n_dev]


# --- scoring ---------------------------------------------------------------------------------


def score(gold: list[Annotated], predicted: list[Iterable[Span]], labels: Iterable[str]) -> dict:
    """Score predicted character spans against gold: exact span and label, per label and overall."""
    labels = list(labels)
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    for doc, pred in zip(gold, predicted):
        g = {s for s in doc.spans if s[2] in labels}
        p = {s for s in pred if s[2] in labels}
        for s in g & p:
            tp[s[2]] += 1
        for s in p:
            n_pred[s[2]] += 1
        for s in g:
            n_gold[s[2]] += 1

    def prf(t: int, p: int, g: int) -> dict:
        prec, rec = (t / p if p else 0.0), (t / g if g else 0.0)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return {"p": round(prec, 4), "r": round(rec, 4), "f": round(f1, 4), "support": g}

    result = {label: prf(tp[label], n_pred[label], n_gold[label]) for label in labels}
    result["overall"] = prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return result


def predict_spacy(model_dir: Path) -> Callable[[list[str]], list[list[Span]]]:
    """Return a predictor over texts that uses a trained spaCy pipeline alone (no gazetteer)."""
    import extractor.ner  # noqa: F401  registers the morph_features component the pipelines use

    nlp = spacy.load(model_dir)

    def predict(texts: list[str]) -> list[list[Span]]:
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]

    return predict


def predict_backend(lang: str, backend: str | None) -> Callable[[list[str]], list[list[Span]]]:
    """Return a predictor over texts that uses a runtime backend of extractor.ner (gazetteer included)."""
    from extractor.ner import load_pipeline

    tagger = load_pipeline(lang, backend)
    return lambda texts: [[s[:3] for s in spans] for spans in tagger.pipe(texts)]


def evaluate(conf: dict, predict: Callable[[list[str]], list[list[Span]]], shared_dir: Path,
             max_docs: int | None = None) -> dict:
    """Score a predictor on the held-out test split of a config's corpora; add words/s of the run."""
    gold = load_corpus(conf, "test", shared_dir, max_docs)
    started = time.perf_counter()
    predicted = predict([d.text for d in gold])
    elapsed = time.perf_counter() - started
    result = score(gold, predicted, conf["eval_labels"])
    result["words_per_s"] = round(sum(len(d.text.split()) for d in gold) / max(elapsed, 1e-9))
    return result


# --- static vectors --------------------------------------------------------------------------


def build_navec_vectors(lang: str, conf: dict, docs: list[Annotated], out_dir: Path) -> None:
    """Write a blank pipeline holding navec vectors reduced as `conf` says to out_dir."""
    import numpy as np
    from navec import Navec
    from spacy.vectors import Vectors

    from extractor.ner import natasha_file

    navec = Navec.load(natasha_file("emb", conf["source"]))
    words = navec.vocab.words
    index = {w: i for i, w in enumerate(words)}
    counts = Counter(w.lower() for d in docs for w in re.findall(r"\w+(?:-\w+)*", d.text))
    kept = [index[w] for w, _ in counts.most_common() if w in index][: conf["rows"]]
    full = navec.pq.unpack().astype("float32")
    full /= np.linalg.norm(full, axis=1, keepdims=True) + 1e-9
    # PCA of the kept rows keeps most of the variance at a fraction of the size.
    centered = full[kept] - full[kept].mean(axis=0)
    _, _, components = np.linalg.svd(centered, full_matrices=False)
    table = (centered @ components[: conf["width"]].T).astype("float32")
    nlp = spacy.blank(lang)
    vectors = Vectors(strings=nlp.vocab.strings, data=table,
                      keys=[nlp.vocab.strings.add(words[i]) for i in kept], attr="LOWER")
    kept_set = set(kept)
    rest = [i for i, w in enumerate(words) if i not in kept_set and not w.startswith("<")]
    for chunk in range(0, len(rest), 4096):
        ids = rest[chunk:chunk + 4096]
        nearest = (full[ids] @ full[kept].T).argmax(axis=1)
        for i, row in zip(ids, nearest):
            vectors.add(nlp.vocab.strings.add(words[i]), row=int(row))
    nlp.vocab.vectors = vectors
    nlp.to_disk(out_dir)


def shingles(text: str, n: int) -> set[tuple[str, ...]]:
    """Return the lower-cased word n-grams of a text."""
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def raw_texts(conf: dict, shared_dir: Path, held_out: list[Annotated],
              max_docs: int | None = None) -> tuple[list[str], list[str]]:
    """Read the unlabelled corpora of `conf["raw"]`, leaving out every file that shares text with held_out.

    NER-UK's TEST documents are excerpts of BRUK files: a file that shares any word n-gram
    (`overlap_ngram` words long) with a test document is dropped, so the test score stays honest.
    Returns the kept texts and the names of the dropped files.
    """
    n = conf["raw"]["overlap_ngram"]
    test_grams = set().union(*(shingles(d.text, n) for d in held_out))
    kept, dropped = [], []
    for folder in conf["raw"]["folders"]:
        for path in sorted((shared_dir / "data" / folder).rglob("*.txt"))[:max_docs]:
            text = read_text(path)
            if shingles(text, n) & test_grams:
                dropped.append(path.name)
            else:
                kept.append(text)
    return kept, dropped


def vector_tokens(text: str) -> str:
    """Lower-case a text and space its words and punctuation apart, one output line per input line."""
    return "\n".join(" ".join(re.findall(r"\w+(?:['’ʼ-]\w+)*|[^\w\s]", line.lower()))
                     for line in text.splitlines() if line.strip())


def write_raw(texts: list[str], work: Path) -> tuple[Path, Path]:
    """Write unlabelled texts as floret input (lower-cased tokens) and as spaCy JSONL lines (raw)."""
    tokens, lines = work / "raw-tokens.txt", work / "raw.jsonl"
    tokens.write_text("\n".join(vector_tokens(t) for t in texts), encoding="utf-8")
    with lines.open("w", encoding="utf-8") as fh:
        for line in (line.strip() for t in texts for line in t.splitlines()):
            if line:
                fh.write(json.dumps({"text": line}, ensure_ascii=False) + "\n")
    return tokens, lines


def build_floret_vectors(lang: str, conf: dict, tokens: Path, out_dir: Path) -> None:
    """Train floret vectors (one thread) on a tokenized text file into a blank pipeline at out_dir."""
    import floret
    from spacy.training.initialize import convert_vectors

    model = floret.train_unsupervised(
        str(tokens), model=conf["model"], mode="floret", dim=conf["dim"], bucket=conf["bucket"],
        hashCount=conf["hash_count"], minn=conf["minn"], maxn=conf["maxn"], epoch=conf["epoch"],
        minCount=conf["min_count"], thread=1, verbose=0)
    floret_path = out_dir.parent / "vectors.floret"
    model.save_floret_vectors(str(floret_path))
    nlp = spacy.blank(lang)
    convert_vectors(nlp, floret_path, truncate=0, prune=-1, mode="floret", attr="LOWER")
    nlp.to_disk(out_dir)


def pretrain_tok2vec(lang: str, overrides: dict, out_dir: Path) -> Path:
    """Pretrain the tok2vec layer on raw text (the config's `[pretraining]`); return the last weights."""
    from spacy.training.pretrain import pretrain

    config = spacy.util.load_config(config_path(lang), overrides=overrides, interpolate=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    pretrain(config, out_dir, use_gpu=-1, silent=False)
    return out_dir / "model-last.bin"


# --- training --------------------------------------------------------------------------------


def prepare(lang: str, conf: dict, shared_dir: Path, work: Path, max_docs: int | None = None) -> dict:
    """Write train/dev DocBins (and raw text and static vectors, if configured) to `work`; return the spaCy paths."""
    seed = spacy.util.load_config(config_path(lang))["system"]["seed"]
    train_docs, dev_docs = split_train_dev(load_corpus(conf, "train", shared_dir, max_docs),
                                           conf["dev_share"], seed)
    report: dict = {"lang": lang, "seed": seed, "train_docs": len(train_docs), "dev_docs": len(dev_docs)}
    for name, docs in (("train", train_docs), ("dev", dev_docs)):
        db, counts = to_docbin((line for d in docs for line in split_lines(d)), lang)
        db.to_disk(work / f"{name}.spacy")
        report[f"{name}_spans"] = dict(counts)
    paths = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}
    if "raw" in conf:
        texts, dropped = raw_texts(conf, shared_dir, load_corpus(conf, "test", shared_dir), max_docs)
        tokens, lines = write_raw(texts + [d.text for d in train_docs], work)
        report["raw"] = {"files": len(texts), "dropped_overlapping_test": sorted(dropped),
                         "words": sum(len(t.split()) for t in texts)}
        paths["paths.raw_text"] = str(lines)
    if "vectors" in conf:
        paths["paths.vectors"] = str(work / "vectors")
        if conf["vectors"]["method"] == "navec":
            build_navec_vectors(lang, conf["vectors"], train_docs, work / "vectors")
        else:
            build_floret_vectors(lang, conf["vectors"], tokens, work / "vectors")
    (work / "prepare.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


def publish(conf: dict, work: Path, out_dir: Path, shared_dir: Path, max_docs: int | None = None) -> dict:
    """Copy the best checkpoint of a run in `work` to out_dir, score it on test, save evaluation.json."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    shutil.copytree(work / "training" / "model-best", out_dir)
    meta_path = out_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(name=f"ner_{meta['lang']}", license=conf["licence"], sources=[conf["sources"]])
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    report = json.loads((work / "prepare.json").read_text(encoding="utf-8"))
    report["test"] = evaluate(conf, predict_spacy(out_dir), shared_dir, max_docs)
    (out_dir / "evaluation.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return report


def train_ner(lang: str, out_dir: Path, shared_dir: Path, max_docs: int | None = None,
              overrides: dict | None = None, work_dir: Path | None = None) -> dict:
    """Convert the corpora, train the pipeline from configs/ner-<lang>.cfg into out_dir, score it on test."""
    from spacy.cli.train import train as spacy_train

    import extractor.ner  # noqa: F401  registers the morph_features component the configs use

    conf = load_settings(lang, overrides)
    work = Path(work_dir or tempfile.mkdtemp(prefix=f"ner-{lang}-"))
    work.mkdir(parents=True, exist_ok=True)
    settings = {**prepare(lang, conf, shared_dir, work, max_docs), **(overrides or {})}
    if spacy.util.load_config(config_path(lang)).get("pretraining"):
        settings["paths.init_tok2vec"] = str(pretrain_tok2vec(lang, settings, work / "pretrain"))
    spacy_train(config_path(lang), work / "training", use_gpu=-1, overrides=settings)
    return publish(conf, work, out_dir, shared_dir, max_docs)


def evaluate_ner(lang: str, shared_dir: Path, backend: str | None = None, max_docs: int | None = None) -> dict:
    """Score a runtime backend (with its gazetteer, if any) on the language's held-out test split."""
    return evaluate(load_settings(lang), predict_backend(lang, backend), shared_dir, max_docs)
