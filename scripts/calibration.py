"""Print the reliability table of event confidence on a gold set.

A predicted record is "right" when the reference scorer pairs it with a gold event and its
dates and place agree with that gold event (both empty counts as agreeing).

    python scripts/calibration.py ../shared/dev/articles.jsonl --gold ../shared/dev/gold.jsonl \
        --negatives ../shared/dev/negatives.txt
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from extractor import evaluate, pipeline

CHECKED = ("start_date", "end_date", "settlement", "region")
BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01)


def right(scorer, gold: dict | None, pred: dict) -> bool:
    """Tell whether a prediction is the gold event with the right dates and place."""
    if gold is None:
        return False
    for field in CHECKED:
        g, p = gold.get(field), pred.get(field)
        if g in (None, "") and p in (None, ""):
            continue
        if g in (None, "") or p in (None, "") or not scorer.field_equal(field, g, p):
            return False
    return True


def pairs(scorer, gold: list[dict], pred: list[dict], articles: set[str]) -> list[tuple[dict, dict | None]]:
    """Pair every prediction with its gold event (or None), as the reference scorer pairs them."""
    out = []
    for article in articles:
        gs = [g for g in gold if str(g["article_id"]) == article]
        ps = [p for p in pred if str(p.get("article_id")) == article]
        cands = sorted(((scorer.pair_score(g, p), i, j) for i, g in enumerate(gs) for j, p in enumerate(ps)),
                       reverse=True)
        used_g, used_p = set(), set()
        for _, i, j in cands:
            if i in used_g or j in used_p or not scorer.is_match(gs[i], ps[j], len(gs) == 1):
                continue
            used_g.add(i)
            used_p.add(j)
            out.append((ps[j], gs[i]))
        out += [(p, None) for j, p in enumerate(ps) if j not in used_p]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--negatives", type=Path)
    args = ap.parse_args()
    scorer = evaluate.load_scorer()
    gold = scorer.load(str(args.gold))
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = Path(tmp) / "pred.jsonl"
        pipeline.run(args.paths, Path(tmp) / "cal.db", jsonl_path=pred_path)
        pred = scorer.load(str(pred_path))
    scored = [(p["confidence"], right(scorer, g, p)) for p, g in
              pairs(scorer, gold, pred, evaluate.articles_in_scope(gold, args.negatives))]
    print(f"{'confidence':<12} {'records':>7} {'right':>6} {'share':>6}")
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [ok for c, ok in scored if lo <= c < hi]
        share = sum(inside) / len(inside) if inside else float("nan")
        print(f"[{lo:.2f}, {min(hi, 1):.2f}) {len(inside):>7} {sum(inside):>6} {share:6.2f}")
    for threshold in (0.8, 0.9, 0.95):
        above = [ok for c, ok in scored if c >= threshold]
        share = sum(above) / len(above) if above else float("nan")
        print(f">= {threshold:.2f}: {len(above)} records, {share:.2f} right")


if __name__ == "__main__":
    main()
