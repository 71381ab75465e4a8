"""Auto-approval: approve confident events nobody has reviewed, and measure what a threshold would do."""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlite_utils

from extractor import store

AUTO_REVIEWER = "auto"
# Fields whose precision the threshold report shows: what the registry coordinates on.
REPORT_FIELDS = ("start_date", "region", "settlement", "organizers", "partners")


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
    fields: dict[str, float] = field(default_factory=dict)  # the scorer's field precision on them

    def line(self) -> str:
        """Render the outcome as one table row."""
        return (f"{self.threshold:>9.2f} {self.approved:>8d} {self.share:>7.1%} {self.matched:>8d} "
                f"{self.precision:>9.1%}" + "".join(f" {self.fields.get(f, 0.0):>10.1%}" for f in REPORT_FIELDS))


HEADER = (f"{'threshold':>9} {'approved':>8} {'share':>7} {'matched':>8} {'precision':>9}"
          + "".join(f" {f[:10]:>10}" for f in REPORT_FIELDS))


def threshold_outcomes(gold: list[dict], pred: list[dict], articles: set[str], thresholds: Iterable[float],
                       score: Callable[[list[dict], list[dict], set[str]], dict]) -> list[ThresholdOutcome]:
    """Score the predictions at or above each threshold with a scorer's `score(gold, pred, articles)`."""
    in_scope = [p for p in pred if str(p.get("article_id")) in articles]
    outcomes = []
    for threshold in thresholds:
        kept = [p for p in in_scope if (p.get("confidence") or 0.0) >= threshold]
        report = score(gold, kept, articles) if kept else {"matched": 0}
        outcomes.append(ThresholdOutcome(
            threshold, len(in_scope), len(kept), report["matched"],
            len(kept) / len(in_scope) if in_scope else 0.0, report["matched"] / len(kept) if kept else 0.0,
            {f: report[f]["p"] for f in REPORT_FIELDS if f in report}))
    return outcomes
