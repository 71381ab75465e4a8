"""Pairwise event-dedup precision and recall on a gold set with `dup_group` labels.

Usage: .venv/bin/python scripts/dedup_scores.py [--dev ../shared/dev] [--articles check.txt] [--db scratch.db] [--pairs]

Definition:
1. The pipeline (`extractor.pipeline.run`) processes the set's articles.jsonl into a scratch store.
2. Inside each article, gold events are paired one-to-one with the records the store keeps for that
   article (`event_sources`: each record with the stored event id it was merged into), by the
   reference scorer's own pairing (eval/score.py: greedy by `pair_score`, accepted by `is_match`).
   A reprint article holds its own records, joined to its original's events.
3. Over every pair of *matched* gold events in *different* articles:
   predicted merge = both map to the same stored event id; gold merge = same non-null dup_group.
   precision = both / predicted merges, recall = both / gold merges.
Gold events without a matched prediction cannot be merged by dedup and are listed apart, so the
numbers measure dedup and not extraction recall.
4. By group: a `dup_group` of gold events in two or more articles is merged when every one of its
   events maps to one stored event (an event without a prediction leaves its group unmerged); a
   wrong merge is a stored event that holds gold events of two groups (or of a group and no group).

With --articles FILE (ids one a line, e.g. `check.txt`) only those articles are run and scored.

With --gold-records the store is fed the gold records themselves (dup_group removed), article by
article through the pipeline's save path (reprints joined as in a run): dedup on perfect extraction.
"""
from __future__ import annotations

import argparse
import json
import tempfile
from itertools import combinations
from pathlib import Path

from extractor import pipeline, store
from extractor.config import settings
from extractor.evaluate import load_scorer


def pair_in_article(ref, gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Pair one article's gold and predicted events as the reference scorer does; return index pairs."""
    candidates = sorted(((ref.pair_score(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
                        reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i in used_g or j in used_p or not ref.is_match(gold[i], pred[j], len(gold) == 1):
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def map_gold(ref, gold: list[dict], db) -> tuple[dict[int, str], dict[int, dict]]:
    """Map each gold event (by its index in `gold`) to the stored event id and record of its paired prediction."""
    by_article: dict[str, list[int]] = {}
    for n, g in enumerate(gold):
        by_article.setdefault(str(g["article_id"]), []).append(n)
    mapping, records = {}, {}
    for article_id, indexes in by_article.items():
        pred = store.article_records(db, article_id)
        for i, j in pair_in_article(ref, [gold[n] for n in indexes], pred):
            mapping[indexes[i]] = pred[j]["event_id"]
            records[indexes[i]] = pred[j]
    return mapping, records


def pairwise(gold: list[dict], mapping: dict[int, str]) -> dict:
    """Count predicted and gold merges over pairs of matched gold events in different articles."""
    tp, fp, fn = [], [], []
    for a, b in combinations(sorted(mapping), 2):
        if gold[a]["article_id"] == gold[b]["article_id"]:
            continue
        predicted = mapping[a] == mapping[b]
        labelled = bool(gold[a].get("dup_group")) and gold[a].get("dup_group") == gold[b].get("dup_group")
        if predicted or labelled:
            (tp if predicted and labelled else fp if predicted else fn).append((a, b))
    p = len(tp) / (len(tp) + len(fp)) if tp or fp else 1.0
    r = len(tp) / (len(tp) + len(fn)) if tp or fn else 1.0
    return {"precision": p, "recall": r, "tp": tp, "fp": fp, "fn": fn}


def groups(gold: list[dict], mapping: dict[int, str]) -> tuple[list[str], list[str], list[str]]:
    """Return (labels of groups merged into one stored event, labels not merged, stored event ids merging apart events)."""
    members: dict[str, list[int]] = {}
    for n, g in enumerate(gold):
        if g.get("dup_group"):
            members.setdefault(g["dup_group"], []).append(n)
    multi = {label: ns for label, ns in members.items() if len({gold[n]["article_id"] for n in ns}) > 1}
    merged = [label for label, ns in multi.items() if all(n in mapping for n in ns)
              and len({mapping[n] for n in ns}) == 1]
    labels_of: dict[str, set] = {}
    for n, event in mapping.items():
        labels_of.setdefault(event, set()).add(gold[n].get("dup_group") or f"none:{n}")
    wrong = sorted(event for event, labels in labels_of.items() if len(labels) > 1)
    return merged, sorted(set(multi) - set(merged)), wrong


def describe(g: dict, p: dict | None) -> str:
    """Render one gold event and its paired prediction (the record dedup saw) for the pair listing."""
    p = p or {}
    return (f"{g['article_id']:<8} {p.get('event_id') or '-':<20} {p.get('event_type') or '-':<11} "
            f"{p.get('start_date') or '-':<10} pub {p.get('published') or '-':<10} "
            f"{(p.get('settlement') or '-')[:12]:<12} {(p.get('region') or '-')[:12]:<12} {(p.get('title') or '')[:50]}")


def store_gold(gold: list[dict], articles_path: Path, db_path: Path) -> None:
    """Save each article's gold events (without their labels) into a store, in the articles' order.

    They go through the pipeline's own save path, so a reprint (found by its text, as a run finds
    it) joins its original's events as it does in a run.
    """
    from dataclasses import fields, replace

    from extractor.events.record import Event
    from extractor.ingest import Article, iter_articles

    known = {f.name for f in fields(Event)}
    by_article: dict[str, list[Event]] = {}
    for g in gold:
        by_article.setdefault(str(g["article_id"]), []).append(Event(**{k: v for k, v in g.items() if k in known}))
    db = store.open_db(db_path)
    summary = pipeline.RunSummary()
    for article in iter_articles([articles_path]):
        if isinstance(article, Article):
            extraction = pipeline.extract(article)
            pipeline.save(db, replace(extraction, events=by_article.get(article.id, []), skip_reason=None), summary)
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=settings().shared_dir / "dev")
    parser.add_argument("--db", type=Path, help="scratch store (default: a temporary file)")
    parser.add_argument("--pairs", action="store_true", help="list every merge pair, not only the errors")
    parser.add_argument("--gold-records", action="store_true", help="dedup the gold records instead of extractions")
    parser.add_argument("--articles", type=Path, help="score only these article ids (one a line), e.g. check.txt")
    args = parser.parse_args()
    ref = load_scorer()
    gold = ref.load(str(args.dev / "gold.jsonl"))
    with tempfile.TemporaryDirectory() as tmp:
        articles_path = args.dev / "articles.jsonl"
        if args.articles:
            chosen = set(args.articles.read_text(encoding="utf-8").split())
            gold = [g for g in gold if str(g["article_id"]) in chosen]
            articles_path = Path(tmp) / "articles.jsonl"
            articles_path.write_text("".join(line + "\n" for line in (args.dev / "articles.jsonl").read_text(
                encoding="utf-8").splitlines() if json.loads(line)["id"] in chosen), encoding="utf-8")
        db_path = args.db or Path(tmp) / "dedup.db"
        for stale in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            stale.unlink(missing_ok=True)
        if args.gold_records:
            store_gold(gold, articles_path, db_path)
        else:
            pipeline.run([articles_path], db_path)
        db = store.open_db(db_path)
        mapping, records = map_gold(ref, gold, db)
        db.close()
    result = pairwise(gold, mapping)
    labelled = sum(1 for a, b in combinations(range(len(gold)), 2)
                   if gold[a]["article_id"] != gold[b]["article_id"] and gold[a].get("dup_group")
                   and gold[a]["dup_group"] == gold[b]["dup_group"])
    print(f"gold events {len(gold)}, matched to a prediction {len(mapping)}; gold merge pairs {labelled}, "
          f"of them between matched events {len(result['tp']) + len(result['fn'])}")
    print(f"pairwise dedup precision {result['precision']:.3f} ({len(result['tp'])}/"
          f"{len(result['tp']) + len(result['fp'])})  recall {result['recall']:.3f} "
          f"({len(result['tp'])}/{len(result['tp']) + len(result['fn'])})")
    merged, unmerged, wrong = groups(gold, mapping)
    print(f"duplicate groups merged {len(merged)} of {len(merged) + len(unmerged)}; wrong merges {len(wrong)}"
          + (f" ({', '.join(wrong)})" if wrong else "") + (f"; not merged: {', '.join(unmerged)}" if unmerged else ""))
    kinds = [("missed merge", result["fn"]), ("wrong merge", result["fp"])]
    if args.pairs:
        kinds.insert(0, ("merged", result["tp"]))
    for name, pairs in kinds:
        for a, b in pairs:
            print(f"{name}: {gold[a].get('dup_group') or '-'} / {gold[b].get('dup_group') or '-'}")
            print("   " + describe(gold[a], records[a]))
            print("   " + describe(gold[b], records[b]))
    unmatched = [n for n in range(len(gold)) if n not in mapping and gold[n].get("dup_group")]
    for n in unmatched:
        print("no prediction: " + describe(gold[n], None))


if __name__ == "__main__":
    main()
