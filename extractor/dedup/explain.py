"""Say why the sources of a stored event were merged into it, in the words people write."""
from __future__ import annotations

from extractor.dedup.judge import judge
from extractor.dedup.profile import profile


def explain(event: dict, sources: list[dict]) -> list[str]:
    """Say, for each source after the first, why it was merged into the event."""
    if not sources:
        return [f"{event.get('id')}: no sources"]
    first = sources[0]
    lines = [f"{event.get('id')}: {len(sources)} source(s); first {first.get('article_id')}"
             + _as_written(_record_of(first))]
    first_profile = profile(_record_of(first))
    event_profile = profile(event)
    for source in sources[1:]:
        mine = profile(_record_of(source))
        verdict = judge(first_profile, mine)
        how = "same as the first source" if verdict.same else "not alone the same as the first source"
        lines.append(f"{source.get('article_id')}{_as_written(_record_of(source))}: {how}: "
                     + "; ".join(verdict.reasons))
        if not verdict.same:
            fused = judge(event_profile, mine)
            lines.append("  against the merged event: " + "; ".join(fused.reasons))
    return lines


def _record_of(source: dict) -> dict:
    record = source.get("record")
    return record if isinstance(record, dict) else {}


def _as_written(record: dict) -> str:
    """Return a source's title and place as its article writes them (" «Школа старост», Полтава")."""
    parts = [f"«{record['title']}»" if isinstance(record.get("title"), str) else "",
             record.get("settlement") if isinstance(record.get("settlement"), str) else ""]
    shown = ", ".join(p for p in parts if p)
    return f" ({shown})" if shown else ""
