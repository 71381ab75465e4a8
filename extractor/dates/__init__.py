"""Dates stage: find Ukrainian and Russian date expressions, resolve them, tell event status."""
from extractor.dates.find import find_dates
from extractor.dates.model import DateMention
from extractor.dates.status import event_status

__all__ = ["DateMention", "event_status", "find_dates"]
