"""Score extracted events against gold with the project's reference scorer (shared/eval/score.py).

The reference scorer is loaded, not copied, so `extractor eval` and the scorer can never
disagree on the same files.
"""
from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from types import ModuleType

from extractor import pipeline
from extractor.config import settings


class ScorerMissing(Exception):
    """The reference scorer file is not where the settings say."""


def load_scorer(path: Path | None = None) -> ModuleType:
    """Import the reference scorer module from a file."""
    path = Path(path or settings().shared_dir / "eval" / "score.py")
    if not path.is_file():
        raise ScorerMissing(f"reference scorer not found at {path} (set shared_dir or pass --scorer)")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def articles_in_scope(gold: list[dict], negatives: Path | None) -> set[str]:
    """Return the article ids the scorer counts: those of gold events plus the negatives."""
    ids = {str(g["article_id"]) for g in gold}
    if negatives:
        ids |= {line.strip() for line in Path(negatives).read_text(encoding="utf-8").splitlines() if line.strip()}
    return ids


def score_files(gold: Path, pred: Path, negatives: Path | None = None, scorer: Path | None = None) -> dict:
    """Score a predictions JSONL file against a gold JSONL file."""
    ref = load_scorer(scorer)
    gold_rows = ref.load(str(gold))
    scope = articles_in_scope(gold_rows, negatives)
    return ref.score(gold_rows, ref.load(str(pred)), scope) | {"articles": len(scope)}


def evaluate(paths: list[str], gold: Path, negatives: Path | None = None, scorer: Path | None = None,
             pred_out: Path | None = None) -> dict:
    """Run the pipeline on articles into a scratch store and score its events against gold."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(pred_out) if pred_out else Path(tmp) / "pred.jsonl"
        pipeline.run(paths, Path(tmp) / "eval.db", jsonl_path=pred)
        return score_files(gold, pred, negatives, scorer)


def format_report(report: dict) -> str:
    """Render a report as the reference scorer's table."""
    fields = [k for k in report if isinstance(report[k], dict)]
    head = f"articles {report['articles']}  " if "articles" in report else ""
    lines = [f"{head}gold events {report['gold_events']}  predicted {report['pred_events']}  "
             f"matched {report['matched']}", f"{'field':<12} {'P':>6} {'R':>6} {'F1':>6}"]
    for key in fields:
        row = report[key]
        lines.append(f"{key:<12} {row['p']:6.2f} {row['r']:6.2f} {row['f1']:6.2f}")
    return "\n".join(lines)
