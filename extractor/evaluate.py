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


class EvalInputError(Exception):
    """A file the evaluation reads or writes is missing or unusable (scorer, gold, negatives, predictions)."""


def load_scorer(path: Path | None = None) -> ModuleType:
    """Import the reference scorer module from a file."""
    path = Path(path or settings().shared_dir / "eval" / "score.py")
    if not path.is_file():
        raise EvalInputError(f"reference scorer not found at {path} (set shared_dir or pass --scorer)")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_rows(scorer: ModuleType, path: Path) -> list[dict]:
    """Read a JSONL file as the scorer reads it (one line of error, not a traceback, if it is unusable)."""
    if not Path(path).is_file():
        raise EvalInputError(f"no such file: {path}")
    try:
        rows = scorer.load(str(path))
    except SystemExit as exc:  # the reference scorer exits with "FILE:LINE: not JSON: ..."
        raise EvalInputError(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalInputError(f"cannot read {path}: {exc}") from None
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict) or "article_id" not in row:
            raise EvalInputError(f"{path}: record {n} is not an event record with an article_id")
    return rows


def articles_in_scope(gold: list[dict], negatives: Path | None) -> set[str]:
    """Return the article ids the scorer counts: those of gold events plus the negatives."""
    ids = {str(g["article_id"]) for g in gold}
    if negatives:
        if not Path(negatives).is_file():
            raise EvalInputError(f"no such file: {negatives}")
        ids |= read_ids(Path(negatives))
    return ids


def read_ids(path: Path) -> set[str]:
    """Return the article ids of a list file, one a line (negatives.txt, tune.txt, check.txt)."""
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def evaluate(paths: list[str], gold: Path, negatives: Path | None = None, scorer: Path | None = None,
             pred_out: Path | None = None) -> dict:
    """Run the pipeline on articles into a scratch store and score its events against gold.

    Every input is checked before the run, so a wrong path costs no extraction time; the report
    also says which articles were skipped (a mistyped article path shows there, not as zeros alone).
    """
    ref = load_scorer(scorer)
    gold_rows = read_rows(ref, gold)
    scope = articles_in_scope(gold_rows, negatives)
    if pred_out and not Path(pred_out).parent.is_dir():
        raise EvalInputError(f"cannot write predictions to {pred_out}: no such folder")
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(pred_out) if pred_out else Path(tmp) / "pred.jsonl"
        summary = pipeline.run(paths, Path(tmp) / "eval.db", jsonl_path=pred)
        report = ref.score(gold_rows, read_rows(ref, pred), scope)
    return report | {"articles": len(scope), "skipped": summary.counts()["skip_reasons"]}


def format_report(report: dict) -> str:
    """Render a report as the reference scorer's table."""
    fields = [k for k, row in report.items() if isinstance(row, dict) and "f1" in row]
    head = f"articles {report['articles']}  " if "articles" in report else ""
    lines = [f"{head}gold events {report['gold_events']}  predicted {report['pred_events']}  "
             f"matched {report['matched']}", f"{'field':<12} {'P':>6} {'R':>6} {'F1':>6}"]
    for key in fields:
        row = report[key]
        lines.append(f"{key:<12} {row['p']:6.2f} {row['r']:6.2f} {row['f1']:6.2f}")
    for reason, n in sorted(report.get("skipped", {}).items(), key=lambda x: -x[1]):
        lines.append(f"skipped {n}: {reason}")
    return "\n".join(lines)
