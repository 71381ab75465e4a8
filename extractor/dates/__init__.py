"""Dates stage: find Ukrainian and Russian date expressions, resolve them, tell event status."""
from extractor.dates.find import find_dates
from extractor.dates.model import DateMention
from extractor.dates.status import (cue_beside, days_before_close, ends_on, event_status, goes_on, lasts_until,
                                    length_in_days, nearest_tense, runs_until, starts_on, tells_postponed,
                                    tells_start_only, verb_tense)

__all__ = ["DateMention", "cue_beside", "days_before_close", "ends_on", "event_status", "find_dates", "goes_on",
           "lasts_until", "length_in_days", "nearest_tense", "runs_until", "starts_on", "tells_postponed",
           "tells_start_only", "verb_tense"]
