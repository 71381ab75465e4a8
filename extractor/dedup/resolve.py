"""Resolve an article's records against the store: candidates -> judge -> a new event or a merge -> orphan clean-up.

Runs inside the article's transaction, over the store's primitives; the store itself knows
nothing of duplicates.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from extractor import store
from extractor.dedup.candidates import blocking_keys, candidates, profile_keys
from extractor.dedup.judge import judge, ruled_out, same_family, title_similarity
from extractor.dedup.merge import merge
from extractor.dedup.normalize import (mention, names_a_series, ordinal, ordinal_before, series_after, series_before,
                                       url_date)
from extractor.dedup.profile import Profile, profile


@dataclass(frozen=True)
class SaveOutcome:
    """What saving one article's events did to the store."""

    new: int = 0
    merged: int = 0
    removed: int = 0


@dataclass(frozen=True)
class Match:
    """A stored event judged the same as a new record, with the reasons."""

    event: dict
    score: float
    reasons: tuple[str, ...]


# The profiles of the stored events a batch compared with lately, least recently used dropped
# first: about 1.5 KB each, so the writer's memory stays flat however many events the store holds.
_STORED_PROFILES: OrderedDict[tuple, Profile] = OrderedDict()
STORED_PROFILES_MAX = 20_000


def _dated_by_sources(db, event: dict) -> dict:
    """Place an event with neither dates nor a publication date of its articles by its sources' records.

    A source's record holds the day its page's address names (see `_with_context`), which the
    articles' own publication dates lack.
    """
    if event.get("start_date") or event.get("published_min"):
        return event
    days = sorted(d for r in store.source_records(db, event["id"]) if isinstance(d := r.get("published"), str) and d)
    return {**event, "published_min": days[0], "published_max": days[-1]} if days else event


def stored_profile(db, event: dict) -> Profile:
    """Return the profile of a stored event, computed once per version (a batch compares each many times)."""
    if event.get("id") is None:
        return profile(event)
    key = (event["id"], event.get("version"), event.get("published_min"), event.get("published_max"),
           event.get("ordinal"), event.get("series_name"))
    cached = _STORED_PROFILES.get(key)
    if cached is None:
        cached = _STORED_PROFILES[key] = profile(_dated_by_sources(db, event))
        if len(_STORED_PROFILES) > STORED_PROFILES_MAX:
            _STORED_PROFILES.popitem(last=False)
    else:
        _STORED_PROFILES.move_to_end(key)
    return cached


def find_match(db, mine: Profile, stored: list[dict]) -> Match | None:
    """Return the best-matching stored event for a record (its profile), if any is the same event."""
    best = None
    for candidate in stored:
        kind = candidate.get("event_type")
        if not same_family(kind if isinstance(kind, str) else None, mine.event_type):
            continue  # the judge's first veto, read off the row as `profile` would: no profile needed
        verdict = judge(stored_profile(db, candidate), mine)
        if verdict.same and (best is None or verdict.score > best.score):
            best = Match(candidate, verdict.score, verdict.reasons)
    return best


def event_id(record: dict, n: int = 0) -> str:
    """Return a stable id for a new event (the `n`-th alike one of its article): it never changes when sources join."""
    key = "|".join(str(record.get(k) or "") for k in ("article_id", "event_type", "start_date", "title",
                                                       "settlement"))
    key += f"|{n}" if n else ""
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _with_context(record: dict, article: dict) -> dict:
    """Add what the decision needs from the article: its publication date, and the series number by the title
    or by the event word with the series' name by the title ("«Громада» - це назва ІІІ Польсько-українського
    форуму"), which a report that names the event by its series finds.

    A page that shows no publication date may name its day in its address: weak, but it tells
    one year's edition of a yearly event from another.
    """
    published = record.get("published") or article.get("published") or url_date(article.get("url"))
    record = {**record, "published": published}
    number = ordinal(record.get("title"))
    text, lang = article.get("text") or "", article.get("lang") or "uk"
    evidence = record.get("evidence") or {}
    spans = {field: span for field in ("title", "event_type") if isinstance(span := evidence.get(field), (list, tuple))
             and len(span) == 2 and all(isinstance(n, int) for n in span)}
    if not spans and (found := mention(text, record.get("title"))):
        spans = {"title": found}  # a record without evidence spans (typed in, imported): where its title is mentioned
    # "ІІ форум «…»" or "«…» - це назва ІІІ форуму": the number, and the series' name it opens, by the title
    series = spans.get("title") and (series_before(text, spans["title"][0], lang)
                                       or series_after(text, spans["title"][1], lang))
    if series and not number:
        number = series[0]
    if series and series[0] == number and names_a_series(series[1]):
        record["series_name"] = series[1]
    if not number and "event_type" in spans:  # or by the event word: "ІІІ [форум]"
        number = ordinal_before(text, spans["event_type"][0], lang)
    if number:
        record["ordinal"] = number
    return record


def _same_text_event(mine: Profile, original: dict[str, Profile], claimed: set[str], apart: set[str]) -> str | None:
    """Return the unclaimed event of the reprinted article whose record (profiled) is most like this one (`mine`),
    of the same type family.

    Where the likest is ruled out (other dates, place or number), it goes into `apart` and the likest of the rest
    that is not ruled out is returned.
    """
    scored = sorted(((title_similarity(theirs, mine)[0], event_id_) for event_id_, theirs in original.items()
                     if event_id_ not in claimed and same_family(theirs.event_type, mine.event_type)), reverse=True)
    for n, (_, event_id_) in enumerate(scored):
        if not ruled_out(original[event_id_], mine):
            return event_id_
        if n == 0:
            apart.add(event_id_)
    return None


def _file(db, article: dict, record: dict, keys: set[str], target: str | None, old_event_ids: list[str],
          claimed: set[str], stamp: str) -> tuple[int, int]:
    """File one record (with its blocking keys) under `target` (a stored event) or a new event; return (new, merged)
    counts."""
    new = merged = 0
    if target is None:
        target, n = event_id(record), 0
        while target in claimed or store.event_exists(db, target):  # alike events of one article, or a kept old one
            n += 1
            target = event_id(record, n)
        store.insert_event(db, {**record, "id": target, "review_status": "pending", "version": 1,
                                "created_at": stamp, "updated_at": stamp, "reviewed_fields": [], "conflicts": []})
        new = 1
    else:
        existing = store.read_event(db, target)
        updated = merge(existing, record, replace=target in old_event_ids)
        merged = target not in old_event_ids
        if updated != existing or merged:  # a new source changes what the registry holds
            store.update_event(db, target, {**updated, "version": existing["version"] + 1, "updated_at": stamp})
    claimed.add(target)
    store.file_event_keys(db, target, keys)
    store.add_source(db, target, article, record)
    return new, merged


def resolve(db, article: dict, records: list[dict], old_event_ids: list[str],
            original: dict[str, dict]) -> SaveOutcome:
    """File each record of a stored article under a matching stored event or a new one; drop orphans.

    `old_event_ids` are the events the article was a source of before: its previous version of an
    event is the first candidate to match; those left without any source are removed unless a
    reviewer touched them. Two records of one article are never one event. `original` (event id ->
    record) holds the events of the article this one reprints: the same text reports the same
    events, so each record joins the likest of them where the decision finds no match, and an
    event the reprint's own extraction missed still gets the reprint as a source, with the
    original's record under the reprint's id (without evidence: its offsets are another text's). A text that
    reads like another but names other dates, places or numbers (last year's press release with this year's
    date) reports another event: a record ruled out against its likest original event neither joins it nor
    lets the reprint be its source.
    """
    new = merged = 0
    stamp = store.now()
    claimed: set[str] = set()
    apart: set[str] = set()
    theirs_profiles = {event_id_: profile(theirs) for event_id_, theirs in original.items()}
    for record in records:
        record = _with_context(record, article)
        mine = profile(record)
        keys = profile_keys(mine)
        stored = [c for c in candidates(db, record, keys) if c["id"] not in claimed]
        stored.sort(key=lambda c: (c["id"] not in old_event_ids, c["id"] not in original))
        match = find_match(db, mine, stored)
        target = match.event["id"] if match else _same_text_event(mine, theirs_profiles, claimed, apart)
        counts = _file(db, article, record, keys, target, old_event_ids, claimed, stamp)
        new, merged = new + counts[0], merged + counts[1]
    for target, theirs in original.items():
        if target not in claimed and target not in apart:
            record = {**theirs, "article_id": article["id"], "evidence": {},
                      "sources": [{"article_id": article["id"], "url": article.get("url")}]}
            # a source, not an event found here
            _file(db, article, record, blocking_keys(record), target, old_event_ids, claimed, stamp)
    return SaveOutcome(new, merged, store.remove_orphans(db, old_event_ids))


def save_article(db, article: dict, records: list[dict], run_id: int | None, signature=None) -> SaveOutcome:
    """Store an article and its extracted records in one transaction, merging duplicates of stored events.

    `article` has id, url, title, lang, published, text, status, reason, duplicate_of, source; a
    reprint (`duplicate_of` set) keeps its own records, joined to its original's events.
    A re-extracted article first loses its old sources.
    """
    return store.save_records(db, article, records, run_id, resolve, signature)


def refile_keys(db, version: int) -> None:
    """Replace every stored event's blocking keys by those its sources' records make now, and record key-making
    `version`, in one transaction: keys made by an older version, or none, hide stored events from new records."""
    with store.transaction(db):
        store.clear_event_keys(db)
        for event_id_, record in store.event_records(db):
            store.file_event_keys(db, event_id_, blocking_keys(record))
        store.mark_event_keys_filed(db, version)
