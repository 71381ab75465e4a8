"""Where an event takes place: the venue settlement and its region, never a place in a body's name."""
from __future__ import annotations

import re
from functools import cache

from extractor.events.context import Context
from extractor.events.cues import cues, words
from extractor.events.detect import Trigger


def pick_place(ctx: Context, trig: Trigger, scope: tuple[int, int]):
    """Return (venue, region mention, where found) of an event.

    A settlement or hromada right after a venue word ("у Львові", "на базі ... ОТГ") in the
    event's scope wins; then one in the sentences around it or in the article's lead; a place in
    an organization's name is never the venue.
    """
    places = [p for p in ctx.places if not p.in_org_name]
    lead_end = ctx.sentences[min(2, len(ctx.sentences) - 1)][1]
    areas = (scope, ctx.window(trig.start, before=1, after=2), (0, lead_end))
    for marked_only in (True, False):
        for (lo, hi), where in zip(areas, ("scope", "near", "lead")):
            here = [p for p in places if lo <= p.start < hi and not is_origin(ctx, p)
                    and (not marked_only or is_venue(ctx, p))]
            settlements = [p for p in here if p.kind in ("settlement", "hromada", "ru_city")]
            regions = [p for p in here if p.kind in ("oblast", "ru_region")]
            if settlements or (regions and not marked_only):
                venue = min(settlements, key=lambda p: abs(p.start - trig.start)) if settlements else None
                region = regions[0] if len(regions) == 1 or (regions and venue is None) else None
                return venue, region, where if marked_only else "unmarked"
    # A regional body running it ("Львівська ОДА", "Полтавський центр підвищення кваліфікації")
    # places it in that region when nothing else does.
    lo, hi = ctx.window(trig.start, before=1, after=3)
    in_orgs = [p for p in ctx.places if p.in_org_name and p.region and p.country == "UA" and lo <= p.start < hi]
    if len({p.region for p in in_orgs}) == 1:
        return None, in_orgs[0], "org"
    return None, None, "none"


def is_venue(ctx: Context, place) -> bool:
    """Tell whether a place mention is preceded by a venue word ("у", "в місті", "на базі")."""
    before = ctx.text[max(0, place.start - 40):place.start].lower()
    first_word = place.text.split()[0].lower() if " " in place.text else ""
    return bool(_venue_marker().search(before) or first_word in cues()["venue_markers"])


def is_origin(ctx: Context, place) -> bool:
    """Tell a place that says where people come from ("з Вінницької області", "от Ивановской области")."""
    before = ctx.text[max(0, place.start - 30):place.start].lower()
    return bool(re.search(r"(?:^|\s)(?:" + words("origin_markers") + r")\s+(?:\w+\s+){0,1}$", before))


@cache
def _venue_marker() -> re.Pattern:
    words = sorted(cues()["venue_markers"], key=len, reverse=True)
    return re.compile(r"(?:^|[\s(])(?:" + "|".join(re.escape(w) for w in words) + r")\s*(?:\w+\s+){0,1}$")
