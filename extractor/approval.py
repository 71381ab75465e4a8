"""Auto-approval: approve confident events nobody has reviewed, and measure what a threshold would do."""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sqlite_utils

from extractor import store

AUTO_REVIEWER = "auto"


def auto_approve(db: sqlite_utils.Database, threshold: float) -> int:
    """Approve pending, never-reviewed events with confidence >= threshold; return how many.

    Goes through store.review_event so every decision is logged under reviewer "auto". An
    event a person has touched (edited, or reset to pending) is left to people.
    """
    if threshold is None or not isinstance(threshold, (int, float)) or math.isnan(threshold):
        return 0
    approved = 0
    for event in store.list_events(db, "pending"):
        confidence = event.get("confidence")
        if confidence is None or confidence < threshold or event.get("reviewed_by") is not None:
            continue
        store.review_event(db, event["id"], AUTO_REVIEWER, "approve")
        approved += 1
    return approved


@dataclass(frozen=True)
class ThresholdOutcome:
    """What approving predictions at or above one confidence threshold would have done."""

    threshold: float
    predicted: int      # predictions in scope
    approved: int       # of those, at or above the threshold
    matched: int        # approved predictions paired with a gold event
    share: float        # approved / predicted
    precision: float    # matched / approved

    def line(self) -> str:
        """Render the outcome as one table row."""
        return (f"{self.threshold:>9.2f} {self.approved:>8d} {self.share:>7.1%} "
                f"{self.matched:>8d} {self.precision:>9.1%}")


HEADER = f"{'threshold':>9} {'approved':>8} {'share':>7} {'matched':>8} {'precision':>9}"


def threshold_outcomes(gold: list[dict], pred: list[dict], articles: set[str], thresholds: Iterable[float],
                       score: Callable[[list[dict], list[dict], set[str]], dict]) -> list[ThresholdOutcome]:
    """Score the predictions at or above each threshold with a scorer's `score(gold, pred, articles)`."""
    in_scope = [p for p in pred if str(p.get("article_id")) in articles]
    outcomes = []
    for threshold in thresholds:
        kept = [p for p in in_scope if (p.get("confidence") or 0.0) >= threshold]
        matched = score(gold, kept, articles)["matched"] if kept else 0
        outcomes.append(ThresholdOutcome(
            threshold, len(in_scope), len(kept), matched,
            len(kept) / len(in_scope) if in_scope else 0.0, matched / len(kept) if kept else 0.0))
    return outcomes
