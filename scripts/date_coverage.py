"""Print how well the dates stage finds and resolves the gold `date_text` of the seed and dev sets.

    .venv/bin/python scripts/date_coverage.py [--shared ../shared] [-v]

Each article goes through the pipeline's cleaning first (extractor.clean), as in a real run.
A gold date_text is *found* when a mention overlaps it, and *resolved* when that mention's
event dates equal the gold ones: a day-precision mention gives (start, end); a month- or
year-precision mention gives (null, null), as the annotation leaves such dates null.
A gold end of null next to a set start means a one-day event (end = start).
"""
from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from extractor import clean, langid
from extractor.config import settings
from extractor.dates import DateMention, find_dates


def _iso(value) -> date | None:
    return date.fromisoformat(value) if value else None


def load(shared: Path) -> list[tuple[str, dict, dict]]:
    """Return (set name, article, gold event) for every gold event with a date_text."""
    articles = {}
    for path in sorted((shared / "seeds").glob("*.txt")):
        articles[path.stem] = {"id": path.stem, "text": path.read_text(encoding="utf-8"), "published": None}
    with (shared / "dev" / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            articles[record["id"]] = record
    rows = []
    for name in ("seeds", "dev"):
        with (shared / name / "gold.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                gold = json.loads(line)
                if gold.get("date_text"):
                    rows.append((name, articles[gold["article_id"]], gold))
    return rows


def event_dates(m: DateMention) -> tuple[date | None, date | None]:
    """Return the dates an event would take from a mention (day precision only)."""
    return (m.start_date, m.end_date) if m.precision == "day" else (None, None)


def gold_dates(gold: dict) -> tuple[date | None, date | None]:
    """Return the gold (start, end), reading a lone start as a one-day event."""
    start, end = _iso(gold["start_date"]), _iso(gold["end_date"])
    return start, end if end or not start else start


def main() -> None:
    """Print found %, resolved-to-gold % and null-where-gold-null % per set and overall."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=settings().shared_dir)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    cache: dict[str, list[DateMention]] = {}
    stats: dict[str, dict[str, int]] = {}
    for name, article, gold in load(args.shared):
        text, phrase = article["text"], gold["date_text"]
        s = stats.setdefault(name, dict.fromkeys(("gold", "absent", "found", "resolved", "gold_null", "null_ok"), 0))
        s["gold"] += 1
        spans = [(i, i + len(phrase)) for i in range(len(text)) if text.startswith(phrase, i)]
        if not spans:
            s["absent"] += 1
            print(f"[{name}] {article['id']}: date_text not in the text: {phrase!r}")
            continue
        if article["id"] not in cache:
            lang = article.get("lang") or langid.detect(text).lang or "uk"
            cache[article["id"]] = find_dates(clean.clean(text).text, lang, _iso(article.get("published")))
        hits = [(min(e, m.end) - max(s_, m.start), m) for s_, e in spans for m in cache[article["id"]]
                if m.start < e and s_ < m.end]
        want = gold_dates(gold)
        if not hits:
            print(f"[{name}] {article['id']}: NOT FOUND {phrase!r}")
            continue
        s["found"] += 1
        mention = max(hits, key=lambda h: h[0])[1]
        got = event_dates(mention)
        ok = got == want
        s["resolved"] += ok
        if want == (None, None):
            s["gold_null"] += 1
            s["null_ok"] += ok
        if not ok or args.verbose:
            print(f"[{name}] {article['id']}: {'ok' if ok else 'WRONG'} {phrase!r} -> {mention.text!r} "
                  f"{got[0]}..{got[1]} ({mention.precision}), gold {want[0]}..{want[1]}, published {article.get('published')}")
    total = {k: sum(s[k] for s in stats.values()) for k in next(iter(stats.values()))}
    for name, s in [*stats.items(), ("all", total)]:
        locatable = s["gold"] - s["absent"]
        print(f"{name:5s} gold date_text {s['gold']:3d} (not in text {s['absent']}) | "
              f"found {s['found']}/{locatable} = {100 * s['found'] / max(1, locatable):.1f}% | "
              f"resolved to gold {s['resolved']}/{s['found']} = {100 * s['resolved'] / max(1, s['found']):.1f}% | "
              f"null where gold null {s['null_ok']}/{s['gold_null']} = {100 * s['null_ok'] / max(1, s['gold_null']):.1f}%")


if __name__ == "__main__":
    main()
