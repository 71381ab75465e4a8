"""Train the event detector (extractor/events/classify.py) from gold records and from reviewed events.

A mention (trigger) is a positive example when its article holds a gold or approved event of the
same type, or its sentence holds that event's date words; every mention of an article without
events (a negative article, or one whose events a reviewer rejected) is a negative example.
scikit-learn fits a logistic regression; the article-level threshold is the one that gives the
best article F1 under cross-validation by article, so no article scores itself.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extractor import clean, langid
from extractor.events.classify import EVENT_TYPES, DetectorModel, mention_features
from extractor.events.context import build_context

FOLDS = 5  # cross-validation folds, grouped by article
FLOORS = (0.0, 0.8, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5)  # rule scores tried as the least support of an event
from extractor.events.detect import RULE_FEATURES, find_triggers, trigger_score


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
                frozenset(e["event_type"] for e in events), tuple(e["date_text"] for e in events if e.get("date_text"))))
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
        if row and row.get("lang") in ("uk", "ru"):
            published = date.fromisoformat(row["published"]) if row.get("published") else None
            found.append(LabelledArticle(article_id, row["text"], row["lang"], published, frozenset(kinds), ()))
    return found


def _sources(event: dict) -> list[str]:
    """Return the ids of the articles an event was read from (a stored row names its first one)."""
    return [event["article_id"], *(s["article_id"] for s in event.get("sources") or [])]


def examples(articles: list[LabelledArticle]) -> Examples:
    """Return the labelled mention vectors of articles."""
    out = Examples([], [], [], [])
    for article in articles:
        text = clean.clean(article.text).text
        ctx = build_context(text, article.lang, article.published)
        triggers = find_triggers(text, article.lang)
        counts = Counter(t.event_type for t in triggers)
        dated = {ctx.sentence_of(text.find(d)) for d in article.date_texts if d and text.find(d) >= 0}
        for trig in triggers:
            positive = trig.event_type in article.event_types or ctx.sentence_of(trig.start) in dated
            out.vectors.append(mention_features(ctx, trig, counts))
            out.labels.append(int(bool(article.event_types) and positive))
            out.articles.append(article.article_id)
            out.rule_scores.append(trigger_score(ctx, trig))
    return out


def feature_names() -> tuple[str, ...]:
    """Return the classifier's features in a fixed order."""
    extra = ("weight", "headline", "named_head", "capitalized", "quoted_name_after", "plural", "online",
             "same_type_mentions")
    return RULE_FEATURES + extra + tuple(f"type_{t}" for t in EVENT_TYPES)


def fit(data: Examples, all_articles: list[LabelledArticle], c: float = 1.0, folds: int = FOLDS,
        beta: float = 1.0) -> tuple[DetectorModel, dict]:
    """Fit the regression and pick the article threshold by cross-validation; return it with its CV report."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    names = feature_names()
    x = np.array([[v.get(n, 0.0) for n in names] for v in data.vectors])
    y, groups = np.array(data.labels), np.array(data.articles)

    def regression():
        return LogisticRegression(C=c, class_weight="balanced", max_iter=2000)

    held_out = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        held_out[test] = regression().fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    has_event = {a.article_id: bool(a.event_types) for a in all_articles}
    threshold, floor, report = best_decision(held_out, data, has_event, beta)
    final = regression().fit(x, y)
    model = DetectorModel(names, tuple(round(float(w), 4) for w in final.coef_[0]),
                          round(float(final.intercept_[0]), 4), threshold, floor)
    return model, report | {"mentions": len(y), "positive_mentions": int(y.sum()), "articles": len(all_articles)}


def best_decision(held_out, data: Examples, has_event: dict[str, bool], beta: float) -> tuple[float, float, dict]:
    """Return the probability threshold and the rules' floor with the best article-level F-beta, and its parts.

    An article counts as reporting an event when its best mention's probability reaches the threshold
    and one of its mentions has at least the floor of rule score: the model ranks, the cues must be there.
    """
    best_p, best_rule = dict.fromkeys(has_event, 0.0), dict.fromkeys(has_event, 0.0)
    for article_id, p, rule in zip(data.articles, held_out, data.rule_scores):
        best_p[article_id], best_rule[article_id] = max(best_p[article_id], p), max(best_rule[article_id], rule)
    best = (0.5, 0.0, {"f": -1.0})
    for floor in FLOORS:
        supported = {a: p if best_rule[a] >= floor else 0.0 for a, p in best_p.items()}
        threshold, report = best_threshold(supported, has_event, beta)
        if report["f"] > best[2]["f"]:
            best = (threshold, floor, report | {"min_rule_score": floor})
    return best


def best_threshold(best_of: dict[str, float], has_event: dict[str, bool], beta: float = 1.0) -> tuple[float, dict]:
    """Return the probability threshold with the best article-level F-beta (beta < 1 favours precision), and its parts."""
    best = (0.5, {"f": -1.0})
    for step in range(5, 96):
        t = step / 100
        tp = sum(1 for a, p in best_of.items() if p >= t and has_event[a])
        fp = sum(1 for a, p in best_of.items() if p >= t and not has_event[a])
        fn = sum(1 for a, p in best_of.items() if p < t and has_event[a])
        b2 = beta * beta
        f = (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp) if tp else 0.0
        if f > best[1]["f"]:
            best = (t, {"f": round(f, 3), "beta": beta, "tp": tp, "fp": fp, "fn": fn})
    return best


def train_events(out_dir: Path, dev_dir: Path | None = None, ids: set[str] | None = None,
                 store_path: Path | None = None, beta: float = 1.0) -> dict:
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
    model, report = fit(examples(articles), articles, beta=beta)
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = {"dev": f"{dev_dir.name}/ ({len(ids or ())} articles)" if dev_dir else None,
               "store": store_path.name if store_path else None}
    (out_dir / "model.json").write_text(model.to_json(cross_validation=report, trained_on=sources) + "\n",
                                        encoding="utf-8")
    return report
