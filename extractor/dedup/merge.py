"""Merge a new source's record into a stored event: fill, supersede and unite, never over a reviewer."""
from __future__ import annotations

from extractor.dedup import organizations

LIST_FIELDS = ("organizers", "partners", "audience", "topics")
SCALAR_FIELDS = ("event_type", "title", "start_date", "end_date", "date_text", "settlement",
                 "settlement_code", "hromada", "raion", "region", "region_code", "country", "participants")
# A report (held) supersedes an announcement for these fields.
REPORT_WINS = ("start_date", "end_date", "date_text", "participants", "status")
# Lists of names of bodies or groups of people: one entry per body or group, whatever the language.
NAME_FIELDS = ("organizers", "partners", "audience")


def unite(names: list[tuple[str, str | None]], taken: list | None = None) -> list[str]:
    """Return one name per body or group of `names` ((name, lang), first seen first), skipping those in `taken`."""
    groups: list[tuple[str, list[tuple[str, str | None]]]] = []
    skip = [n for n in taken or [] if isinstance(n, str)]
    for name, lang in names:
        if not isinstance(name, str) or not name.strip():
            continue
        if any(organizations.same_body(name, other) for other in skip):
            continue
        for first, members in groups:
            if organizations.same_body(name, first):
                members.append((name, organizations.language(name, lang)))
                break
        else:
            groups.append((name, [(name, organizations.language(name, lang))]))
    return [organizations.display_name(members) for _, members in groups]


def _tagged(value, lang) -> list[tuple[str, str | None]]:
    return [(n, lang) for n in value or [] if isinstance(n, str)]


def _by_code(hromadas: list[dict]) -> list[dict]:
    """Return participating hromadas with each code once, first named first."""
    first: dict[str, dict] = {}
    for hromada in hromadas:
        if isinstance(hromada, dict) and hromada.get("code"):
            first.setdefault(hromada["code"], hromada)
    return list(first.values())


def merge(existing: dict, record: dict, replace: bool = False) -> dict:
    """Merge a new source's record into a stored event.

    Empty fields are filled; a report supersedes an announcement's dates, head count and
    status; lists are united with each body or group of people once (its Ukrainian name first
    where both languages name it; each source's record keeps the names as written). `replace`
    (a re-extraction of the event's own article) lets the record's values win. Fields a reviewer
    changed are never overwritten: a differing extracted value is recorded in `conflicts` instead.
    """
    merged = dict(existing)
    reviewed = set(existing.get("reviewed_fields") or [])
    conflicts = list(existing.get("conflicts") or [])
    report_over_announcement = record.get("status") == "held" and existing.get("status") == "announced"
    proposals: dict = {}
    for field in SCALAR_FIELDS + ("status",):
        new = record.get(field)
        if new in (None, "", []) or new == existing.get(field):
            continue
        if field in reviewed or replace or existing.get(field) in (None, "") or (
                report_over_announcement and field in REPORT_WINS):
            proposals[field] = new
    for field in LIST_FIELDS:
        old = existing.get(field) or []
        tagged = ([] if replace else _tagged(old, existing.get("lang"))) \
            + _tagged(record.get(field), record.get("lang"))
        if field in NAME_FIELDS:
            taken = proposals.get("organizers", existing.get("organizers")) if field == "partners" else None
            value = unite(tagged, taken)
        else:
            value = list(dict.fromkeys(name for name, _ in tagged))
        if value != old and (value or replace):
            proposals[field] = value
    hromadas = _by_code(([] if replace else existing.get("participant_hromadas") or []) +
                        (record.get("participant_hromadas") or []))
    if hromadas != (existing.get("participant_hromadas") or []) and (hromadas or replace):
        proposals["participant_hromadas"] = hromadas
    if bool(record.get("online")) != bool(existing.get("online")) and (replace or record.get("online")):
        proposals["online"] = bool(record.get("online"))
    for field, value in proposals.items():
        if field in reviewed:
            conflict = {"field": field, "value": value, "article_id": record.get("article_id")}
            if conflict not in conflicts:
                conflicts.append(conflict)
        else:
            merged[field] = value
    merged["conflicts"] = conflicts
    merged["confidence"] = record.get("confidence") if replace else max(
        existing.get("confidence") or 0.0, record.get("confidence") or 0.0)
    return merged
