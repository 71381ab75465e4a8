"""Estimate place recall on the gold sets: does find_places() see each gold event's settlement and region?

Usage: .venv/bin/python scripts/place_scores.py [--shared ../shared] [--verbose]

For every gold event of dev/gold.jsonl and seeds/gold.jsonl, the article's mentions (organization names
left out, except for the region when no other mention gives one) are compared with the gold settlement and region by the official scorer's own normalization
(eval/score.py), so "Харьков|Харків" accepts either form. Prints recall per field and set.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

from extractor.config import settings
from extractor.places import PlaceMention, find_places


def load_scorer(shared: Path):
    """Import the official scorer module from the shared folder."""
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def articles(shared: Path) -> dict[str, dict]:
    """Return dev and seed articles by id, with their language."""
    found = {}
    for line in (shared / "dev" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found[record["id"]] = record
    for path in sorted((shared / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found[path.stem] = {"id": path.stem, "text": text, "lang": "ru" if "ы" in text else "uk"}
    return found


def names_of(mention: PlaceMention) -> list[str]:
    """Return the names a mention can be scored by (official and, for renamed places, the former one)."""
    return [n for n in (mention.name, mention.old_name) if n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=settings().shared_dir)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    score = load_scorer(args.shared)
    docs = articles(args.shared)
    for gold_file in (args.shared / "dev" / "gold.jsonl", args.shared / "seeds" / "gold.jsonl"):
        hits = {"settlement": [0, 0], "region": [0, 0]}
        for line in gold_file.read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            doc = docs[gold["article_id"]]
            mentions = find_places(doc["text"], doc.get("lang") or "uk")
            venues = [m for m in mentions if not m.in_org_name]
            for field in ("settlement", "region"):
                if not gold.get(field):
                    continue
                values = [n for m in venues for n in names_of(m)] if field == "settlement" else \
                    [m.region for m in venues if m.region] or [m.region for m in mentions if m.region]
                ok = any(score.field_equal(field, gold[field], v) for v in values)
                hits[field][0] += ok
                hits[field][1] += 1
                if args.verbose and not ok:
                    print(f"  miss {gold['article_id']} {field}={gold[field]!r}; found {sorted(set(values))}")
        for field, (ok, total) in hits.items():
            print(f"{gold_file.parent.name:6s} {field:10s} recall {ok}/{total} = {ok / max(total, 1):.3f}")


if __name__ == "__main__":
    main()
