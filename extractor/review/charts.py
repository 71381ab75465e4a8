"""Lay out horizontal bar charts that templates draw as inline SVG (no JavaScript, nothing fetched)."""
from __future__ import annotations

from dataclasses import dataclass

ROW = 24          # px per bar
LABEL_W = 250     # px of the label column
BAR_W = 330       # px of the longest bar
WIDTH = LABEL_W + BAR_W + 60
LABEL_CHARS = 34  # longer labels are cut, the full text stays in the tooltip


@dataclass(frozen=True)
class Bar:
    """One bar: its label (full and cut to fit), count, position and length."""

    label: str
    short: str
    count: int
    y: int
    width: float


@dataclass(frozen=True)
class Chart:
    """A titled bar chart with its SVG size; `hidden` counts the rows beyond `limit`."""

    title: str
    bars: list[Bar]
    height: int
    width: int
    hidden: int
    label_w: int = LABEL_W


def bar_chart(title: str, rows: list[tuple[str | None, int]], labels: dict[str, str] | None = None,
              missing: str = "не вказано", limit: int = 25, last: bool = False) -> Chart:
    """Return a chart of (label, count) rows in the given order, labels mapped and blanks named.

    Only `limit` rows are drawn: the first ones, or with `last` the last ones (the newest months).
    """
    labels = labels or {}
    shown = rows[-limit:] if last else rows[:limit]
    top = max((n for _, n in shown), default=0) or 1
    bars = []
    for i, (key, n) in enumerate(shown):
        label = labels.get(key, key) if key not in (None, "") else missing
        short = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
        bars.append(Bar(label, short, n, i * ROW, max(2.0, BAR_W * n / top)))
    return Chart(title, bars, max(ROW, len(bars) * ROW), WIDTH, max(0, len(rows) - limit))
