"""The event record of DESIGN.md, as the pipeline and the store exchange it."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Event:
    """One event record (the fields of DESIGN.md, plus place codes, sessions and date_text)."""

    article_id: str
    event_type: str
    title: str | None = None
    organizers: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    start_date: str | None = None
    end_date: str | None = None
    date_text: str | None = None
    sessions: list[list[str | None]] = field(default_factory=list)
    settlement: str | None = None
    settlement_code: str | None = None
    hromada: str | None = None
    raion: str | None = None
    region: str | None = None
    country: str | None = None
    participant_hromadas: list[dict] = field(default_factory=list)  # [{code, name, evidence}] (events/hromadas.py)
    online: bool = False
    audience: list[str] = field(default_factory=list)
    participants: int | None = None
    topics: list[str] = field(default_factory=list)
    status: str = "unknown"
    confidence: float = 0.0
    lang: str | None = None
    evidence: dict[str, list[int]] = field(default_factory=dict)
    # what the confidence rests on: trigger score, where date and place were found
    basis: dict = field(default_factory=dict)
    sources: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Return the JSON-ready record."""
        return asdict(self)
