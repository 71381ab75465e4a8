#!/usr/bin/env python3
"""Report, per confidence threshold, the share of predictions auto-approved and their precision against gold.

Precision is the reference scorer's matched / predicted on the predictions at or above the
threshold (an approved record counts as right when it pairs with a gold event).

    .venv/bin/python scripts/auto_approve_report.py --pred PRED.jsonl
    .venv/bin/python scripts/auto_approve_report.py --run ../shared/dev/articles.jsonl   # runs the pipeline
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extractor import approval, evaluate
from extractor.config import settings


def main() -> None:
    dev = settings().shared_dir / "dev"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--pred", type=Path, help="predictions JSONL (article_id, confidence, event fields)")
    source.add_argument("--run", type=Path, nargs="+", help="articles to run the pipeline on first")
    ap.add_argument("--gold", type=Path, default=dev / "gold.jsonl")
    ap.add_argument("--negatives", type=Path, default=dev / "negatives.txt")
    ap.add_argument("--scorer", type=Path, help="reference scorer (default shared/eval/score.py)")
    ap.add_argument("--keep-pred", type=Path, help="with --run: keep the predictions in this file")
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.8, 0.9, 0.95])
    args = ap.parse_args()

    pred_path = args.pred
    try:
        scorer = evaluate.load_scorer(args.scorer)
        if args.run:
            pred_path = args.keep_pred or Path("outputs") / "auto_approve_pred.jsonl"
            evaluate.evaluate([str(p) for p in args.run], args.gold, args.negatives, args.scorer, pred_path)
        gold = evaluate.read_rows(scorer, args.gold)
        articles = evaluate.articles_in_scope(gold, args.negatives)
        predictions = evaluate.read_rows(scorer, pred_path)
    except evaluate.EvalInputError as exc:
        sys.exit(str(exc))
    # Threshold 0 approves everything: the baseline the other rows are read against.
    outcomes = approval.threshold_outcomes(gold, predictions, articles,
                                           [0.0, *args.thresholds], scorer.score)
    print(f"articles {len(articles)}  gold events {len(gold)}  predictions {outcomes[0].predicted}")
    print(approval.HEADER)
    for outcome in outcomes:
        print(outcome.line())


if __name__ == "__main__":
    main()
