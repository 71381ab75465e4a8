"""Train the uk/ru NER pipelines: corpora -> spaCy DocBin -> `spacy train` -> test-split scores.

Every hyper-parameter lives in `configs/ner-<lang>.cfg`; this module converts the corpora that
`extractor.ner.corpus` reads, builds the static vectors, pretrains, trains and publishes the model
with its test scores (`extractor.ner.eval`).
"""
from __future__ import annotations

import json
import random
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from extractor.ner.eval import evaluate, predict_spacy
from extractor.ner.corpus import Annotated, config_path, load_corpus, load_settings, read_text, split_lines
from extractor.text import APOSTROPHES

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


# --- static vectors --------------------------------------------------------------------------


def build_navec_vectors(lang: str, conf: dict, docs: list[Annotated], out_dir: Path) -> None:
    """Write a blank pipeline holding navec vectors reduced as `conf` says to out_dir."""
    import numpy as np
    from navec import Navec
    from spacy.vectors import Vectors

    from extractor.ner.backends import natasha_file

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
    return "\n".join(" ".join(re.findall(rf"\w+(?:[{APOSTROPHES}-]\w+)*|[^\w\s]", line.lower()))
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

    from extractor.ner.ruler import register_components

    register_components()  # the morph_features component the configs use

    conf = load_settings(lang, overrides)
    work = Path(work_dir or tempfile.mkdtemp(prefix=f"ner-{lang}-"))
    work.mkdir(parents=True, exist_ok=True)
    settings = {**prepare(lang, conf, shared_dir, work, max_docs), **(overrides or {})}
    if spacy.util.load_config(config_path(lang)).get("pretraining"):
        settings["paths.init_tok2vec"] = str(pretrain_tok2vec(lang, settings, work / "pretrain"))
    spacy_train(config_path(lang), work / "training", use_gpu=-1, overrides=settings)
    return publish(conf, work, out_dir, shared_dir, max_docs)
