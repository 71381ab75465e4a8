"""Score the dev set in its two parts: the tuned part (tune.txt), the held-apart part (check.txt), and their gap.

Usage: .venv/bin/python scripts/dev_split_scores.py [--pred PRED.jsonl] [--markdown]

Without --pred the pipeline runs on ../shared/dev/articles.jsonl into a scratch store first. A change
that helps the tuned part but not check.txt is not progress (issue 18): print both, side by side.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from extractor import pipeline
from extractor.config import settings
from extractor.evaluate import load_scorer, read_ids, read_rows

PARTS = ("tune", "check")


def split_reports(pred: Path, dev: Path) -> dict[str, dict]:
    """Return the reference scorer's report on each part of the dev set, with its negative articles that gave events."""
    scorer = load_scorer()
    gold, rows = read_rows(scorer, dev / "gold.jsonl"), read_rows(scorer, pred)
    negatives, fired = read_ids(dev / "negatives.txt"), {row["article_id"] for row in rows}
    reports = {}
    for part in PARTS:
        ids = read_ids(dev / f"{part}.txt")
        reports[part] = scorer.score(gold, rows, ids) | {
            "articles": len(ids), "negatives": len(ids & negatives), "negatives_firing": len(ids & negatives & fired)}
    return reports


def format_side_by_side(reports: dict[str, dict], markdown: bool = False) -> str:
    """Render F1 (and P/R) of both parts and the check-minus-tune difference."""
    tune, check = reports["tune"], reports["check"]
    fields = [k for k, row in tune.items() if isinstance(row, dict) and "f1" in row]
    head = ("field", "tune P", "R", "F1", "check P", "R", "F1", "diff F1")
    lines = []
    for part in PARTS:
        r = reports[part]
        lines.append(f"{part}: {r['articles']} articles, {r['gold_events']} gold events, "
                     f"{r['pred_events']} predicted, {r['matched']} matched; "
                     f"negatives firing {r['negatives_firing']}/{r['negatives']}")
    if markdown:
        lines += ["", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    else:
        lines.append(f"{head[0]:<12}" + "".join(f"{h:>8}" for h in head[1:]))
    for key in fields:
        t, c = tune[key], check[key]
        cells = [t["p"], t["r"], t["f1"], c["p"], c["r"], c["f1"]]
        diff = c["f1"] - t["f1"]
        if markdown:
            lines.append(f"| {key} | " + " | ".join(f"{x:.2f}" for x in cells) + f" | {diff:+.2f} |")
        else:
            lines.append(f"{key:<12}" + "".join(f"{x:8.2f}" for x in cells) + f"{diff:+8.2f}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pred", type=Path, help="predictions to score (default: run the pipeline now)")
    ap.add_argument("--dev", type=Path, default=settings().shared_dir / "dev")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.pred
        if pred is None:
            pred = Path(tmp) / "pred.jsonl"
            pipeline.run([str(args.dev / "articles.jsonl")], Path(tmp) / "dev.db", jsonl_path=pred)
        print(format_side_by_side(split_reports(pred, args.dev), args.markdown))


if __name__ == "__main__":
    main()
