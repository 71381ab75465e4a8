"""Fuzz the dates and places stages with hypothesis for a fixed time (a benchmark, not a CI test).

    nice -n 19 .venv/bin/python bench/fuzz_dates_places.py --minutes 10 [--seed 1] [--log outputs/fuzz.log]

Feeds hostile text (tests/hostile.py: date and place words from the project's data files,
numbers, nested quotes, control characters, mixed scripts, very long tokens, any Unicode) in
uk and ru, with publication dates up to the calendar's edges, to `find_dates` and
`find_places`, and checks their contracts: no exception, spans inside the text and equal to
its slice, sorted and disjoint, valid calendar dates, start <= end. Rounds of fresh seeds run
until the time is up; the first failure is shrunk, printed and ends the run with status 1.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hostile import any_text, check_date_mentions, check_place_mentions, publication_dates  # noqa: E402

from extractor.dates import find_dates  # noqa: E402
from extractor.places import find_places  # noqa: E402

ROUND = 500  # examples per hypothesis round; each round has its own seed


def fuzz_round(round_seed: int, counts: dict[str, int]) -> None:
    """Run one hypothesis round of both stages; raise on the first (shrunk) failure."""
    @seed(round_seed)
    @settings(max_examples=ROUND, deadline=None, database=None, derandomize=False,
              phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
    @given(text=any_text(), lang=st.sampled_from(["uk", "ru"]), published=publication_dates())
    def both_stages(text: str, lang: str, published) -> None:
        counts["examples"] += 1
        counts["chars"] += len(text)
        mentions = find_dates(text, lang, published)
        check_date_mentions(text, mentions)
        counts["dates"] += len(mentions)
        places = find_places(text, lang)
        check_place_mentions(text, places)
        counts["places"] += len(places)

    both_stages()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1, help="seed of the first round; later rounds count up")
    parser.add_argument("--log", type=Path, help="append the outcome as one JSON line")
    args = parser.parse_args()
    counts = {"examples": 0, "chars": 0, "dates": 0, "places": 0}
    started = time.monotonic()
    rounds, failure = 0, None
    while time.monotonic() - started < args.minutes * 60:
        try:
            fuzz_round(args.seed + rounds, counts)
        except Exception as exc:  # the traceback carries hypothesis's shrunk example as a note
            traceback.print_exc()
            failure = f"round seed {args.seed + rounds}: {type(exc).__name__}: {exc}"
            break
        finally:
            rounds += 1
    outcome = {"minutes": round((time.monotonic() - started) / 60, 2), "rounds": rounds, **counts,
               "failure": failure}
    line = json.dumps(outcome, ensure_ascii=False)
    print(line)
    if args.log:
        args.log.parent.mkdir(parents=True, exist_ok=True)
        with args.log.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    return 1 if failure else 0


if __name__ == "__main__":
    sys.exit(main())
