"""Decide whether an article reports an event, and which of its event words names it.

The rules (gazetteers/event_cues.toml, detect.is_event_article) decide whether there is an event:
a trained decision gave no better article-level F1 on the tuned part and more false alarms on
pages without events. Which mention is the event - and so whose sentence gives its dates, place
and title - is ranked by `model`, a logistic regression over the same trigger features, trained by
`extractor train events` and shipped as plain weights in models/event-detector/model.json; the
setting `event_detector = "rules"` (or a missing model file) ranks by the rules' score instead.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractor.config import settings
from extractor.events.context import Context
from extractor.events.detect import (ARTICLE_CUES, TRIGGER_FEATURES, Trigger, is_event_article, only_generic,
                                     rule_score, trigger_features)

EVENT_TYPES = ("seminar", "training", "round_table", "conference", "webinar", "course", "school", "forum",
               "study_visit", "meeting", "other")
MODEL_FILE = "model.json"
FEATURES = (tuple(f for f in TRIGGER_FEATURES if f not in ARTICLE_CUES) + ("same_type_mentions",)
            + tuple(f"type_{t}" for t in EVENT_TYPES))


@dataclass(frozen=True)
class DetectorModel:
    """A logistic regression over mention features."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float

    def probability(self, vector: dict[str, float]) -> float:
        """Return P(the mention names an event of this article)."""
        z = self.intercept + sum(w * vector.get(name, 0.0) for name, w in zip(self.features, self.coef))
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self, **extra) -> str:
        return json.dumps({"features": self.features, "coef": self.coef, "intercept": self.intercept, **extra},
                          ensure_ascii=False, indent=1)


def model_dir() -> Path:
    """Return the folder of the shipped event detector."""
    return settings().models_dir / "event-detector"


@cache
def detector() -> DetectorModel | None:
    """Return the trained detector when the settings ask for it and its file exists, else None (the rules)."""
    path = model_dir() / MODEL_FILE
    if settings().event_detector != "model" or not path.is_file():
        return None
    spec = json.loads(path.read_text(encoding="utf-8"))
    return DetectorModel(tuple(spec["features"]), tuple(spec["coef"]), spec["intercept"])


def mention_vector(trig: Trigger, features: dict[str, float], type_counts: Counter) -> dict[str, float]:
    """Add to a trigger's features (detect.trigger_features) its type and how often the article names that type."""
    ranking = {name: value for name, value in features.items() if name not in ARTICLE_CUES}
    return {**ranking, f"type_{trig.event_type}": 1.0, "same_type_mentions": math.log(type_counts[trig.event_type])}


def rank(ctx: Context, triggers: list[Trigger], least: float | None = None) -> tuple[list[tuple[float, Trigger]], bool]:
    """Return the triggers with their support, best first, and whether the article reports an event: by the rules
    of detect.is_event_article, or, given `least`, by whether the best rule score reaches it."""
    model = detector()
    features = [trigger_features(ctx, t) for t in triggers]  # once a trigger: both scores read them
    rules = [rule_score(t, f) for t, f in zip(triggers, features)]
    if model is None:
        support = rules
    else:
        counts = Counter(t.event_type for t in triggers)
        support = [model.probability(mention_vector(t, f, counts)) for t, f in zip(triggers, features)]
    scored = sorted(zip(support, triggers), key=lambda x: (-x[0], x[1].start))
    holds = max(rules) >= least if least is not None else is_event_article(sorted(zip(rules, features),
                                                                                 key=lambda x: -x[0]))
    return scored, holds and not only_generic(ctx, triggers)
