"""Show article text as escaped HTML with each field's evidence span wrapped in <mark>.

The article is scraped text: it is always escaped here, piece by piece, and only the
<mark> tags this module writes itself are left as markup.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from extractor.text import sentence_around

# A snippet is the sentence around a span, but never reaches further than this before and after it.
SNIPPET_REACH = 160


@dataclass(frozen=True)
class Span:
    """One evidence span of one field, as character offsets into the article text."""

    field: str
    start: int
    end: int


def spans_of(evidence: object, text_length: int) -> list[Span]:
    """Return the valid spans of an evidence dict ({field: [start, end]} or {field: [[s, e], ...]})."""
    if not isinstance(evidence, dict):
        return []
    spans = []
    for field, value in evidence.items():
        pairs = value if isinstance(value, list) and value and isinstance(value[0], list) else [value]
        for pair in pairs:
            if (isinstance(pair, (list, tuple)) and len(pair) == 2
                    and all(isinstance(x, int) and not isinstance(x, bool) for x in pair)
                    and 0 <= pair[0] < pair[1] <= text_length):
                spans.append(Span(str(field), pair[0], pair[1]))
    return sorted(spans, key=lambda s: (s.start, s.end, s.field))


def pieces(text: str, spans: list[Span]) -> Iterator[tuple[str, list[str]]]:
    """Yield the text cut at every span edge, each piece with the fields whose spans cover it."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    for lo, hi in zip(cuts, cuts[1:]):
        yield text[lo:hi], sorted({s.field for s in spans if s.start <= lo and hi <= s.end})


def marked_text(text: str, spans: list[Span], labels: dict[str, str] | None = None) -> Markup:
    """Return the whole text escaped, with every span marked; overlapping spans split into pieces."""
    labels = labels or {}
    anchored: set[str] = set()
    out = []
    for piece, fields in pieces(text, spans):
        if not fields:
            out.append(escape(piece))
            continue
        # Each field's first piece gets an anchor, so the form can link to its evidence.
        for field in fields:
            if field not in anchored:
                anchored.add(field)
                out.append(Markup('<span id="ev-{}"></span>').format(field))
        title = ", ".join(labels.get(f, f) for f in fields)
        out.append(Markup('<mark data-fields="{}" title="{}">{}</mark>').format(" ".join(fields), title, piece))
    return Markup("").join(out)


def bracketed(text: str, spans: list[Span]) -> str:
    """Return the text with every span as [field, field: text], readable without colour (a pipe, a screen reader)."""
    out, run, open_fields = [], [], None
    for piece, fields in [*pieces(text, spans), ("", [])]:
        if fields != open_fields and open_fields:
            out.append(f"[{', '.join(open_fields)}: {''.join(run)}]")
            run = []
        open_fields = fields
        (run if fields else out).append(piece)
    return "".join(out)


def snippet(text: str, span: Span, sentences: tuple[tuple[int, int], ...]) -> Markup:
    """Return the sentence around a span (of the text's `text.split_sentences`), escaped, with the span marked."""
    lo, hi = sentence_around(sentences, span.start, span.end)
    start, end = max(lo, span.start - SNIPPET_REACH), min(hi, span.end + SNIPPET_REACH)
    before = ("…" if start > lo else "") + text[start:span.start]
    after = text[span.end:end] + ("…" if end < hi else "")
    return Markup("{}<mark>{}</mark>{}").format(before.lstrip(), text[span.start:span.end], after.rstrip())
