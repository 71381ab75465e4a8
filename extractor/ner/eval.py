"""Score NER predictions on the held-out test split of a language's corpora.

Two protocols: `exact` (entity level, exact character span + label, seqeval-style; the project's
own) and `naeval` (natasha's naeval benchmark: each razdel token inside a span counts, per label,
so that slovnet's published factRuEval figures can be checked on the same footing).
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import spacy

from extractor.ner.corpus import Annotated, Span, load_corpus, load_settings


def _prf(tp: Counter, n_pred: Counter, n_gold: Counter, labels: list[str]) -> dict:
    """Precision, recall and F1 per label and over all labels from true-positive/predicted/gold counts."""
    def prf(t: int, p: int, g: int) -> dict:
        prec, rec = (t / p if p else 0.0), (t / g if g else 0.0)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return {"p": round(prec, 4), "r": round(rec, 4), "f": round(f1, 4), "support": g}

    result = {label: prf(tp[label], n_pred[label], n_gold[label]) for label in labels}
    result["overall"] = prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return result


def score(gold: list[Annotated], predicted: list[Iterable[Span]], labels: Iterable[str]) -> dict:
    """Score predicted character spans against gold: exact span and label, per label and overall."""
    labels = list(labels)
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    for doc, pred in zip(gold, predicted):
        g = {s for s in doc.spans if s[2] in labels}
        p = {s for s in pred if s[2] in labels}
        tp.update(s[2] for s in g & p)
        n_pred.update(s[2] for s in p)
        n_gold.update(s[2] for s in g)
    return _prf(tp, n_pred, n_gold, labels)


def token_labels(tokens: list[tuple[int, int]], spans: Iterable[Span]) -> list[str | None]:
    """Label each token with the span it lies in; spans whose ends are not token ends are ignored (as naeval does)."""
    starts, ends = {t[0] for t in tokens}, {t[1] for t in tokens}
    labels: list[str | None] = [None] * len(tokens)
    for start, end, label in spans:
        if start in starts and end in ends:
            for i, (t_start, t_end) in enumerate(tokens):
                if start <= t_start and t_end <= end:
                    labels[i] = label
    return labels


def token_score(gold: list[Annotated], predicted: list[Iterable[Span]], labels: Iterable[str]) -> dict:
    """Score as natasha's naeval does: per label, each razdel token inside a gold/predicted span counts once."""
    from razdel import tokenize

    labels = list(labels)
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    for doc, pred in zip(gold, predicted):
        tokens = [(t.start, t.stop) for t in tokenize(doc.text)]
        for g, p in zip(token_labels(tokens, doc.spans), token_labels(tokens, pred)):
            if g in labels:
                n_gold[g] += 1
                tp[g] += g == p
            if p in labels:
                n_pred[p] += 1
    return _prf(tp, n_pred, n_gold, labels)


PROTOCOLS = {"exact": score, "naeval": token_score}


def predict_spacy(model_dir: Path) -> Callable[[list[str]], list[list[Span]]]:
    """Return a predictor over texts that uses a trained spaCy pipeline alone (no gazetteer)."""
    from extractor.ner.ruler import register_components

    register_components()  # the morph_features component the pipelines use
    nlp = spacy.load(model_dir)

    def predict(texts: list[str]) -> list[list[Span]]:
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]

    return predict


def predict_backend(lang: str, backend: str | None) -> Callable[[list[str]], list[list[Span]]]:
    """Return a predictor over texts that uses a runtime backend of extractor.ner (gazetteer included),
    with span edges fitted as `extractor.ner.entities` fits them."""
    from extractor.ner import fit_edges, load_pipeline

    tagger = load_pipeline(lang, backend)

    def predict(texts: list[str]) -> list[list[Span]]:
        return [[(*fit_edges(text, s[0], s[1]), s[2]) for s in spans] for text, spans in zip(texts, tagger.pipe(texts))]

    return predict


def evaluate(conf: dict, predict: Callable[[list[str]], list[list[Span]]], shared_dir: Path,
             max_docs: int | None = None, protocol: str = "exact") -> dict:
    """Score a predictor on the held-out test split of a config's corpora; add words/s of the run.

    The naeval protocol also reads factRuEval gold as naeval does (`corpus.read_factru`, names_only).
    """
    gold = load_corpus(conf, "test", shared_dir, max_docs, factru_names_only=protocol == "naeval")
    started = time.perf_counter()
    predicted = predict([d.text for d in gold])
    elapsed = time.perf_counter() - started
    scorer = PROTOCOLS[protocol]
    result = scorer(gold, predicted, conf["eval_labels"])
    sources = sorted({d.source for d in gold})
    if len(sources) > 1:  # NER-UK: news (ng) and BRUK texts (fiction, science, ...) apart
        result["by_source"] = {}
        for src in sources:
            pairs = [(d, p) for d, p in zip(gold, predicted) if d.source == src]
            result["by_source"][src] = scorer([d for d, _ in pairs], [p for _, p in pairs], conf["eval_labels"])
    result["words_per_s"] = round(sum(len(d.text.split()) for d in gold) / max(elapsed, 1e-9))
    return result


def evaluate_ner(lang: str, shared_dir: Path, backend: str | None = None, max_docs: int | None = None,
                 protocol: str = "exact") -> dict:
    """Score a runtime backend (with its gazetteer, if any) on the language's held-out test split."""
    return evaluate(load_settings(lang), predict_backend(lang, backend), shared_dir, max_docs, protocol)
