"""Turn an event into form values, a submitted form into the changes a reviewer made, query parameters into a filter."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache

from extractor import communities
from extractor.coverage import topic_labels
from extractor.lexicon import load_toml
from extractor.store import EDITABLE_FIELDS

LIST_FIELDS = ("organizers", "partners", "audience", "topics")
DATE_FIELDS = ("start_date", "end_date")
CHOICE_FIELDS = {"event_type": "event_types", "status": "statuses"}
MAX_TEXT = 500
MAX_PARTICIPANTS = 1_000_000
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DMY_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass(frozen=True)
class Parsed:
    """The fields a submitted form changed (typed as the store keeps them), and any errors by field."""

    changes: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def iso_date(text: str) -> str | None:
    """Return a date typed as ДД.ММ.РРРР (or YYYY-MM-DD) in ISO form, or None when it is no date."""
    dmy = _DMY_DATE.fullmatch(text.strip())
    try:
        if dmy:
            return date(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1))).isoformat()
        return date.fromisoformat(text).isoformat() if _ISO_DATE.fullmatch(text.strip()) else None
    except ValueError:
        return None


def dmy(value: object) -> object:
    """Return an ISO date as a reviewer reads and types it (ДД.ММ.РРРР), None as "", anything else as it is."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return f"{value[8:10]}.{value[5:7]}.{value[:4]}"
    return "" if value is None else value


@cache
def vocabulary() -> dict:
    """Return the review app's choices and labels (gazetteers/review.toml)."""
    return load_toml("review.toml")


def form_values(event: dict) -> dict[str, object]:
    """Return each editable field as the form shows it (lists one item a line, topics as a list)."""
    values: dict[str, object] = {}
    for name in EDITABLE_FIELDS:
        value = event.get(name)
        if name == "topics":
            values[name] = list(value or [])
        elif name in LIST_FIELDS:
            values[name] = "\n".join(str(v) for v in value or [])
        elif name == "participant_hromadas":
            values[name] = communities.as_lines(value)
        elif name == "online":
            values[name] = {True: "yes", False: "no"}.get(value, "")
        elif name in DATE_FIELDS:
            values[name] = dmy(value)
        else:
            values[name] = "" if value is None else str(value)
    return values


def typed_values(form, event: dict) -> dict[str, object]:
    """Return the form as the reviewer typed it, over the event's values: a form refused for errors is shown again."""
    return {**form_values(event), **{k: form.get(k) for k in EDITABLE_FIELDS if k in form},
            "topics": [t for t in form.getlist("topics") if t]}


def _items(text: str) -> list[str]:
    return list(dict.fromkeys(line.strip()[:MAX_TEXT] for line in text.splitlines() if line.strip()))


def _parse_one(name: str, raw: str, topics: list[str], current: object) -> object:
    """Return the typed value of one field, raising ValueError with a reviewer-readable message."""
    raw = raw.strip()
    if name == "topics":
        known = list(topic_labels())
        chosen = {t for t in topics if t}
        # Taxonomy order, then any topic the extractor stored that the taxonomy no longer has.
        return [t for t in known if t in chosen] + sorted(chosen - set(known))
    if name in LIST_FIELDS:
        return _items(raw)
    if name == "participant_hromadas":
        return communities.from_lines(raw, current)
    if name == "country":
        if raw and not (len(raw) == 2 and raw.isascii() and raw.isalpha()):
            raise ValueError("код країни з двох латинських літер (UA, PL)")
        return raw.upper() or None
    if name in DATE_FIELDS:
        if not raw:
            return None
        if iso_date(raw) is None:
            raise ValueError("дата має бути у форматі ДД.ММ.РРРР")
        return iso_date(raw)
    if name == "online":
        if raw not in ("", "yes", "no"):
            raise ValueError("оберіть так, ні або невідомо")
        return {"yes": True, "no": False}.get(raw)
    if name == "participants":
        if not raw:
            return None
        if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_PARTICIPANTS:
            raise ValueError("ціле число учасників")
        return int(raw)
    if name in CHOICE_FIELDS:
        if raw and raw not in vocabulary()[CHOICE_FIELDS[name]] and raw != current:
            raise ValueError("значення не з переліку")
        return raw or None
    return raw[:MAX_TEXT] or None


def _same(name: str, old: object, new: object) -> bool:
    if name == "topics":
        return set(old or []) == set(new or [])
    if name in LIST_FIELDS:
        return list(old or []) == list(new or [])
    if name == "participant_hromadas":
        return [h.get("code") for h in old or []] == [h.get("code") for h in new or []]
    return (None if old == "" else old) == new


def parse_changes(form, event: dict) -> Parsed:
    """Compare a submitted form (a Starlette FormData or any mapping with getlist) with the event.

    Only fields present in the form count; a field left as it was is not a change.
    """
    changes, errors = {}, {}
    for name in EDITABLE_FIELDS:
        if name not in form:
            continue
        raw = str(form.get(name) or "")
        topics = [str(t) for t in form.getlist(name)] if name == "topics" else []
        try:
            value = _parse_one(name, raw, topics, event.get(name))
        except ValueError as exc:
            errors[name] = str(exc)
            continue
        if not _same(name, event.get(name), value):
            changes[name] = value
    start = changes.get("start_date", event.get("start_date"))
    end = changes.get("end_date", event.get("end_date"))
    if start and end and end < start and not ({"start_date", "end_date"} & errors.keys()):
        errors["end_date"] = "кінець раніше за початок"
    return Parsed(changes, errors)


@dataclass(frozen=True)
class QueueFilter:
    """What the reviewer narrowed the queue to; empty strings mean no restriction."""

    status: str = "pending"
    region: str = ""
    event_type: str = ""
    lang: str = ""
    source: str = ""
    date_from: str = ""
    date_to: str = ""

    @classmethod
    def from_params(cls, params) -> QueueFilter:
        """Build a filter from query parameters, dropping malformed dates and unknown statuses."""
        values = {f.name: str(params.get(f.name) or "").strip()[:200] for f in fields(cls)}
        if values["status"] not in ("pending", "approved", "rejected", "all"):
            values["status"] = "pending"
        for key in ("date_from", "date_to"):
            values[key] = iso_date(values[key]) or ""
        return cls(**values)

    def params(self) -> dict[str, str]:
        """Return the non-empty fields as query parameters."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
