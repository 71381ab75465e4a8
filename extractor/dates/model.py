"""The record the dates stage hands to event assembly."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text and the calendar dates it stands for.

    `start_date` is None when the year or the anchor (publication date) is unknown, and also
    for an open start ("до 19 лютого": start None, end 19 February). `day_month` keeps the
    (day, month) of the first day whenever the text names them, resolved or not.
    """

    start: int
    end: int
    text: str
    start_date: date | None
    end_date: date | None
    precision: str                  # "day" | "week" (a relative week) | "month" | "year"
    relative: bool                  # resolved from a relative word (сьогодні, в среду, минулого тижня)
    day_month: tuple[int, int] | None
    sessions: tuple[tuple[date | None, date | None], ...] = ()   # the ranges of a list; () otherwise
    deadline: bool = False          # of applications or registration ("Заявки приймаються до 10 травня")
    labelled: bool = False          # after an event-date label ("Дата проведення: 20 травня")
    stamp: bool = False             # after a publication label ("Опубліковано: 12 травня 2021")
    background: bool = False        # in a sentence of earlier news, after "Нагадаємо," / "Ранее"
    document: bool = False          # a document's date ("Закон від 6 лютого 2015 року")
    as_of: bool = False             # the day a count or state is given for ("Станом на 5 травня навчено 200 старост")
    quoted: bool = False            # inside direct speech «...» ("«Ми готувалися з 1 вересня», – розповіла ...")

    def to_dict(self) -> dict:
        """Return the JSON-ready view: span, start, end (ISO or null), precision, relative."""
        return {
            "span": [self.start, self.end],
            "start": self.start_date.isoformat() if self.start_date else None,
            "end": self.end_date.isoformat() if self.end_date else None,
            "precision": self.precision,
            "relative": self.relative,
        }


@dataclass(frozen=True)
class ReferenceDate:
    """A day an article's dates are anchored to, and where it came from."""

    day: date
    source: str  # "published" | "stamp" | "url" (the day a page's address names: the duplicate decision's only)


def as_reference(value) -> ReferenceDate | None:
    """Return a reference date from a publication date (date or datetime) or one already chosen."""
    if isinstance(value, ReferenceDate) or value is None:
        return value
    if isinstance(value, datetime):
        return ReferenceDate(value.date(), "published")
    return ReferenceDate(value, "published") if isinstance(value, date) else None
