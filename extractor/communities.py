"""The hromadas of the KATOTTH codifier (gazetteers/ua_units.csv): code, name, raion, oblast."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extractor.lexicon import load_csv

# KATOTTH codes spell the path: UA, oblast (2 digits), raion (2), hromada (3), settlement (3), then an id
LEVEL_END = {"O": 4, "P": 6, "H": 9}
OBLAST_PREFIX, RAION_PREFIX, HROMADA_PREFIX = LEVEL_END["O"], LEVEL_END["P"], LEVEL_END["H"]
# Crimea and Sevastopol: listed by the codifier, left out of coverage by default
OCCUPIED_BEFORE_2022 = ("UA01", "UA85")


@dataclass(frozen=True)
class Hromada:
    """One hromada of the codifier with the names of its raion and oblast."""

    code: str
    name: str  # "Бродівська міська громада" is listed as "Бродівська": the name plus "громада"
    raion: str
    oblast: str
    oblast_code: str


def unit_name(cat: str, name: str) -> str:
    """Return a codifier unit's name as written: "Хмельницька область", "Шепетівський район", "Гуменецька громада"."""
    if cat == "O":
        return name if "Республіка" in name else f"{name} область"
    return {"P": f"{name} район", "H": f"{name} громада"}.get(cat, name)


@cache
def hromadas() -> tuple[Hromada, ...]:
    """Return every hromada of the codifier, in code order."""
    oblasts: dict[str, tuple[str, str]] = {}
    raions: dict[str, str] = {}
    out = []
    for row in load_csv("ua_units.csv"):
        code, cat, name = row["code"], row["cat"], row["name"]
        if cat == "O":
            oblasts[code[:OBLAST_PREFIX]] = (unit_name(cat, name), code)
        elif cat == "P":
            raions[code[:RAION_PREFIX]] = unit_name(cat, name)
        elif cat == "H":
            oblast, oblast_code = oblasts[code[:OBLAST_PREFIX]]
            out.append(Hromada(code, unit_name(cat, name), raions[code[:RAION_PREFIX]], oblast, oblast_code))
    return tuple(sorted(out, key=lambda h: h.code))


@cache
def by_code() -> dict[str, Hromada]:
    """Return the hromadas by their code."""
    return {h.code: h for h in hromadas()}


@cache
def _by_prefix() -> dict[str, Hromada]:
    return {h.code[:HROMADA_PREFIX]: h for h in hromadas()}


def hromada_of(code: str | None) -> Hromada | None:
    """Return the hromada a KATOTTH code lies in (a hromada's own code gives itself; an oblast or raion none)."""
    if not code or not code.startswith("UA") or len(code) < HROMADA_PREFIX or code[6:9] == "000":
        return None
    return _by_prefix().get(code[:HROMADA_PREFIX])


def oblast_prefix(code: str | None) -> str | None:
    """Return the oblast part of a KATOTTH code ("UA07"), the key that ties a hromada to its oblast."""
    return code[:OBLAST_PREFIX] if code and code.startswith("UA") else None


def as_lines(hromadas: list[dict] | None) -> str:
    """Return participating hromadas as a reviewer edits them: one "CODE Name" a line."""
    return "\n".join(f"{h.get('code')} {h.get('name') or ''}".strip() for h in hromadas or [] if isinstance(h, dict))


def from_lines(text: str, current: list[dict] | None = None) -> list[dict]:
    """Return the hromadas typed one a line, each starting with its KATOTTH code; a kept one keeps its evidence.

    Raises ValueError (in Ukrainian, for the reviewer) naming the first code the codifier does not list.
    """
    kept = {h.get("code"): h for h in current or [] if isinstance(h, dict)}
    out: dict[str, dict] = {}
    for line in text.splitlines():
        typed = line.strip().split(" ", 1)[0]
        if not typed:
            continue
        hromada = by_code().get(typed.upper()) or hromada_of(typed.upper())
        if hromada is None:
            raise ValueError(f"{typed}: немає такої громади в кодифікаторі (рядок починається кодом UA…)")
        out.setdefault(hromada.code, kept.get(hromada.code) or
                       {"code": hromada.code, "name": hromada.name, "evidence": None})
    return list(out.values())
