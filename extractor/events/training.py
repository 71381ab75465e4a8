"""Train the mention ranker (extractor/events/classify.py) from gold records and from reviewed events.

A mention (trigger) is a positive example when its article holds a gold or approved event of the
same type, or its sentence holds that event's date words; every mention of an article without
events (a negative article, or one whose events a reviewer rejected) is a negative example.
scikit-learn fits a logistic regression; cross-validation by article (no article scores itself)
reports how often the best mention is a right one, for the model and for the rules.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extractor import clean, langid
from extractor.events.classify import FEATURES, DetectorModel, mention_vector
from extractor.events.context import build_context

FOLDS = 5  # cross-validation folds, grouped by article
from extractor.events.detect import rule_score, trigger_features
from extractor.text import LANGS


@dataclass(frozen=True)
class LabelledArticle:
    """An article's text and what a person said it holds: the types and date words of its events."""

    article_id: str
    text: str
    lang: str
    published: date | None
    event_types: frozenset[str]
    date_texts: tuple[str, ...]


@dataclass
class Examples:
    """Mention feature vectors with labels and the rules' scores, grouped by article."""

    vectors: list[dict[str, float]]
    labels: list[int]
    articles: list[str]
    rule_scores: list[float]
    dated: list[bool]  # the mention's sentence holds the gold event's date words


def dev_articles(dev_dir: Path, ids: set[str]) -> list[LabelledArticle]:
    """Read the labelled articles of a dev folder (articles.jsonl, gold.jsonl) whose ids are given."""
    gold: dict[str, list[dict]] = {}
    for line in (dev_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            gold.setdefault(str(record["article_id"]), []).append(record)
    found = []
    for line in (dev_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else None
        if record and str(record["id"]) in ids:
            events = gold.get(str(record["id"]), [])
            found.append(LabelledArticle(
                str(record["id"]), record["text"], record.get("lang") or langid.detect(record["text"]).lang,
                date.fromisoformat(record["published"]) if record.get("published") else None,
                frozenset(e["event_type"] for e in events),
                tuple(e["date_text"] for e in events if e.get("date_text"))))
    return found


def reviewed_articles(approved: list[dict], rejected: list[dict], article_of) -> list[LabelledArticle]:
    """Label stored articles by a reviewer's decisions: approved events are positives, all-rejected articles negatives.

    `article_of(article_id)` returns the stored article row (text, lang, published).
    """
    types: dict[str, set[str]] = {}
    for event in approved:
        for article_id in _sources(event):
            types.setdefault(article_id, set()).add(event["event_type"])
    for event in rejected:
        for article_id in _sources(event):
            types.setdefault(article_id, set())
    found = []
    for article_id, kinds in types.items():
        row = article_of(article_id)
        if row and row.get("lang") in LANGS:
            published = date.fromisoformat(row["published"]) if row.get("published") else None
            found.append(LabelledArticle(article_id, row["text"], row["lang"], published, frozenset(kinds), ()))
    return found


def _sources(event: dict) -> list[str]:
    """Return the ids of the articles an event was read from (a stored row names its first one)."""
    return [event["article_id"], *(s["article_id"] for s in event.get("sources") or [])]


def examples(articles: list[LabelledArticle]) -> Examples:
    """Return the labelled mention vectors of articles."""
    out = Examples([], [], [], [], [])
    for article in articles:
        text = clean.clean(article.text).text
        ctx = build_context(text, article.lang, article.published)
        triggers = ctx.triggers
        counts = Counter(t.event_type for t in triggers)
        dated = {ctx.sentence_of(text.find(d)) for d in article.date_texts if d and text.find(d) >= 0}
        for trig in triggers:
            features = trigger_features(ctx, trig)
            in_dated = ctx.sentence_of(trig.start) in dated
            out.vectors.append(mention_vector(trig, features, counts))
            out.labels.append(int(bool(article.event_types) and (trig.event_type in article.event_types or in_dated)))
            out.articles.append(article.article_id)
            out.rule_scores.append(rule_score(trig, features))
            out.dated.append(in_dated)
    return out


def fit(data: Examples, c: float = 1.0, folds: int = FOLDS) -> tuple[DetectorModel, dict]:
    """Fit the regression; report how often its best mention, and the rules' best, is the dated one
    (cross-validated)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    names = FEATURES
    x = np.array([[v.get(n, 0.0) for n in names] for v in data.vectors])
    y, groups = np.array(data.labels), np.array(data.articles)

    def regression():
        return LogisticRegression(C=c, class_weight="balanced", max_iter=2000)

    held_out = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        held_out[test] = regression().fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    final = regression().fit(x, y)
    model = DetectorModel(names, tuple(round(float(w), 4) for w in final.coef_[0]),
                          round(float(final.intercept_[0]), 4))
    report = {"best_mention_in_dated_sentence": {"model": top_one(held_out, data),
                                                 "rules": top_one(data.rule_scores, data)},
              "mentions": len(y), "positive_mentions": int(y.sum()),
              "articles_with_event_words": len(set(data.articles))}
    return model, report


def top_one(scores, data: Examples) -> float:
    """Return the share of articles with a dated gold event whose best-scored mention stands in the dated sentence."""
    best: dict[str, tuple[float, bool]] = {}
    dated_articles = {a for a, hit in zip(data.articles, data.dated) if hit}
    for article_id, score, hit in zip(data.articles, scores, data.dated):
        if article_id in dated_articles and (article_id not in best or score > best[article_id][0]):
            best[article_id] = (score, hit)
    return round(sum(hit for _, hit in best.values()) / len(best), 3) if best else 0.0


def train_events(out_dir: Path, dev_dir: Path | None = None, ids: set[str] | None = None,
                 store_path: Path | None = None) -> dict:
    """Train the detector on dev articles (the ids given) and on a store's reviewed events; write model.json."""
    articles = dev_articles(dev_dir, ids or set()) if dev_dir else []
    if store_path:
        from extractor import store
        db = store.open_db(store_path, create=False)
        articles += reviewed_articles(store.list_events(db, "approved"), store.list_events(db, "rejected"),
                                      lambda article_id: store.get_article(db, article_id))
    with_event = sum(1 for a in articles if a.event_types)
    if min(with_event, len(articles) - with_event) < FOLDS:
        raise ValueError(f"too few labelled articles ({with_event} with events, {len(articles) - with_event} without): "
                         f"cross-validation needs at least {FOLDS} of each; add a dev folder or review more events")
    model, report = fit(examples(articles))
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = {"dev": f"{dev_dir.name}/ ({len(ids or ())} articles)" if dev_dir else None,
               "store": store_path.name if store_path else None}
    (out_dir / "model.json").write_text(model.to_json(cross_validation=report, trained_on=sources) + "\n",
                                        encoding="utf-8")
    return report
