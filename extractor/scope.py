"""The registry's scope: which stored events `export` and `push` send (setting `scope_countries`)."""
from __future__ import annotations

from extractor.config import settings

UNKNOWN = "unknown"  # in the setting: events whose country nothing in the text tells


def scope_countries() -> frozenset[str]:
    """Return the configured scope: ISO country codes, and UNKNOWN when undetermined countries are kept."""
    return frozenset(c.strip() for c in settings().scope_countries.split(",") if c.strip())


def in_scope(event: dict, countries: frozenset[str] | None = None) -> bool:
    """Tell whether an event belongs to the registry: held in (or, online, run by or for) a country of the scope."""
    countries = scope_countries() if countries is None else countries
    country = event.get("country")
    return country in countries if country else UNKNOWN in countries
