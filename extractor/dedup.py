"""Decide whether two event records describe the same real event, cluster records, and merge them.

One decision function, `decide()` over `Profile`s (a record's normalized view), serves the store
(a new record against the stored events its blocking query returns), the in-memory `cluster()`
and `explain()`. Titles are compared by word stems after folding uk/ru spelling, expanding
abbreviations and mapping Ukrainian words to their Russian counterparts, so a Ukrainian and a
Russian report of one event share words. Time comes from the dates or, for an undated record,
from its article's publication date; a place or time conflict vetoes a merge. Who attends counts
like who organizes: a specific audience named alike on both sides anchors a title match, and a
title made only of its audience's words ("семинар для глав поселений") names no event, so such a
record is matched by its audience, type and settlement instead.
"""
from __future__ import annotations

import hashlib
import os
import re
import sys
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from rapidfuzz import fuzz

from extractor.dates.tokens import tokenize
from extractor.lexicon import load_toml

LIST_FIELDS = ("organizers", "partners", "audience", "topics")
SCALAR_FIELDS = ("event_type", "title", "start_date", "end_date", "date_text", "settlement",
                 "settlement_code", "hromada", "raion", "region", "region_code", "country", "participants")
# A report (held) supersedes an announcement for these fields.
REPORT_WINS = ("start_date", "end_date", "date_text", "participants", "status")
WORD = re.compile(r"\w+")
LATIN = re.compile(r"[a-z]+")
PLACE_PREFIX = re.compile(r"^(?:м|г|с|смт|пгт|село|селище|мисто|город|поселок)\b\.?\s*")
WEEK = 7


@dataclass(frozen=True)
class Match:
    """A stored event judged the same as a new record, with the reasons."""

    event: dict
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Profile:
    """The normalized view of one event record that the decision reads."""

    event_type: str | None
    title: tuple[tuple[str, str], ...]  # (canonical stem, folded word) of each title word
    organizers: tuple[frozenset[str], ...]  # canonical stems of each organizer or partner name
    audience: tuple[frozenset[str], ...]  # canonical stems of each audience phrase
    nameless: bool  # the title names no event: no real word, or most of one audience phrase
    settlement: str
    settlement_code: str
    region: str
    region_code: str
    start: int | None  # date ordinals
    end: int | None
    published: tuple[int, int] | None  # earliest and latest publication of its articles
    day_months: frozenset[tuple[int, int]]  # (month, day) an undated record's date words name without a year
    lang: str  # "uk", "ru" or "" : the language of the title


@dataclass(frozen=True)
class Verdict:
    """The outcome of comparing two profiles: same event or not, a score, and why."""

    same: bool
    score: float
    reasons: tuple[str, ...]


@cache
def _config() -> dict:
    return load_toml("dedup.toml")


@cache
def _fold_table() -> dict[int, str]:
    return str.maketrans(_config()["fold"])


def fold(text: str | None) -> str:
    """Lower-case, fold uk/ru spelling differences and drop punctuation, for fuzzy comparison."""
    if not text or not isinstance(text, str):
        return ""
    text = text.lower().translate(_fold_table())
    return " ".join(WORD.findall(text))


def _transliterate(word: str) -> str:
    """Spell a Latin word in Cyrillic letters (longest letter groups first)."""
    table = _translit_pairs()
    out, i = [], 0
    while i < len(word):
        for latin, cyrillic in table:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


@cache
def _translit_pairs() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(_config()["translit"].items(), key=lambda kv: -len(kv[0])))


@cache
def _glossary() -> dict[str, list[tuple[str, str]]]:
    """Index the uk->ru word list by the first four letters of the Ukrainian word."""
    index: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for uk, ru in _config()["uk_ru"].items():
        uk, ru = fold(uk), fold(ru)
        index[uk[:4]].append((uk, ru))
    return dict(index)


@lru_cache(maxsize=200_000)
def _canonical(word: str) -> str:
    """Return the comparison stem of a folded word: transliterated, mapped to Russian, cut short."""
    cfg = _config()
    if LATIN.fullmatch(word):
        word = fold(_transliterate(word))
    best, best_len = word, 0
    for uk, ru in _glossary().get(word[:4], ()):
        # An inflected form shares all but the ending with the listed word.
        n = len(os.path.commonprefix([word, uk]))
        if len(uk) <= cfg["stem_length"]:
            n = n if word == uk else 0  # a short word maps only as itself
        elif n < max(cfg["stem_length"], len(uk) - 2):
            n = 0
        if n > best_len:
            best, best_len = ru, n
    return best[:cfg["stem_length"]]


@cache
def _generic() -> frozenset[str]:
    return frozenset(_config()["generic_stems"])


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(_config()["stopwords"])


def _words(text: str | None) -> list[str]:
    """Fold a name into words, expanding abbreviations and dropping stop words and single letters."""
    abbreviations = _config()["abbreviations"]
    out = []
    for word in fold(text).split():
        for part in abbreviations.get(word, word).split():
            if (len(part) > 1 or part.isdigit()) and part not in _stopwords():
                out.append(sys.intern(part))  # records repeat words: keep one copy of each
    return out


def _stems(text: str | None) -> tuple[tuple[str, str], ...]:
    """Return the (stem, word) pairs of a name, each stem once."""
    pairs: dict[str, str] = {}
    for word in _words(text):
        pairs.setdefault(_canonical(word), word)
    return tuple(pairs.items())


@lru_cache(maxsize=4096)
def _ordinal(value) -> int | None:
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except (TypeError, ValueError):
        return None


@lru_cache(maxsize=4096)
def day_months(date_text: str) -> frozenset[tuple[int, int]]:
    """Return the (month, day) pairs that date words name ("10-14 листопада" -> (11, 10), (11, 14))."""
    try:
        tokens, _ = tokenize(date_text, "any")
    except (ValueError, TypeError, IndexError, KeyError):  # a date grammar failure means no dates
        return frozenset()
    found, days = set(), []
    for token in tokens:
        if token is None:
            continue
        if token.sym == "N":
            days.append(token.value)
        elif token.sym == "M":
            found.update((token.value, d) for d in days)
            days = []
        elif token.sym == "X" and isinstance(token.value, tuple):
            found.add((token.value[1], token.value[0]))
    return frozenset(found)


def _calendar_days(start: int, end: int, slack: int) -> set[tuple[int, int]]:
    """Return the (month, day) pairs of the days from start-slack to end+slack (a year at most)."""
    first = date.fromordinal(start - slack)
    return {((d := first + timedelta(days=n)).month, d.day) for n in range(min(end - start + 2 * slack, 366) + 1)}


def title_language(title) -> str:
    """Tell a Ukrainian from a Russian title by the letters only one of them has ('' when neither shows)."""
    if not isinstance(title, str):
        return ""
    letters = set(title.lower())
    uk, ru = bool(letters & set(_config()["uk_letters"])), bool(letters & set(_config()["ru_letters"]))
    return "uk" if uk and not ru else "ru" if ru and not uk else ""


def _place_key(value) -> str:
    if not value or not isinstance(value, str):
        return ""
    return sys.intern(PLACE_PREFIX.sub("", fold(value.split("|")[-1])))


@lru_cache(maxsize=100_000)
def _name_stems(name: str) -> frozenset[str]:
    """Return the stems of an organizer or audience name (cached: records repeat the same names)."""
    return frozenset(s for s, _ in _stems(name))


def _phrases(value) -> list[str]:
    """Return the names of a list field (organizers, audience), skipping what is not text."""
    return [n for n in value if isinstance(n, str)] if isinstance(value, list) else []


def _among(stem: str, stems: frozenset[str]) -> bool:
    """Tell whether a stem is one of `stems`, a short form matching its longer stem ("глав" of "главы")."""
    return stem in stems or len(stem) >= 4 and any(
        len(other) >= 4 and (other.startswith(stem) or stem.startswith(other)) for other in stems)


def _nameless(title: tuple[tuple[str, str], ...], audience: tuple[frozenset[str], ...]) -> bool:
    """Tell whether a title names no event: it has no real word, or it is most of one of its audience phrases."""
    real = frozenset(s for s, _ in title if s not in _generic())
    for phrase in audience:
        words = phrase - _generic()
        if not real or words and all(_among(s, words) for s in real) and \
                2 * sum(_among(w, real) for w in words) >= len(words):
            return True
    return False


# The fields of a record that `profile` reads (besides the publication dates): the store fetches
# just these of its candidate events.
PROFILE_FIELDS = ("event_type", "title", "organizers", "partners", "audience", "start_date", "end_date",
                  "date_text", "settlement", "settlement_code", "region", "region_code")


def profile(record: dict) -> Profile:
    """Normalize an event record (or a stored event) for comparison."""
    names = _phrases(record.get("organizers")) + _phrases(record.get("partners"))
    title = _stems(record.get("title"))
    audience = tuple(map(_name_stems, _phrases(record.get("audience"))))
    start = _ordinal(record.get("start_date"))
    end = _ordinal(record.get("end_date")) if start else None
    published = [_ordinal(record.get(k)) for k in ("published_min", "published_max", "published")]
    published = [p for p in published if p]
    event_type = record.get("event_type")
    date_text = record.get("date_text")
    return Profile(
        event_type=event_type if isinstance(event_type, str) else None,
        title=title,
        organizers=tuple(map(_name_stems, names)),
        audience=audience,
        nameless=_nameless(title, audience),
        settlement=_place_key(record.get("settlement")),
        settlement_code=str(record.get("settlement_code") or ""),
        region=_place_key(record.get("region")),
        region_code=str(record.get("region_code") or ""),
        start=start,
        end=max(end or start, start) if start else None,
        published=(min(published), max(published)) if published and not start else None,
        day_months=day_months(date_text) if isinstance(date_text, str) and date_text and not start else frozenset(),
        lang=title_language(record.get("title")),
    )


def same_family(a: str | None, b: str | None) -> bool:
    """Tell whether two event types can name the same event."""
    if not a or not b or a == b:
        return True
    return any(a in family and b in family for family in _config()["type_families"])


def _weight(stem: str) -> float:
    return _config()["generic_weight"] if stem in _generic() else 1.0


def title_similarity(a: Profile, b: Profile) -> tuple[float, float]:
    """Return (0-1 similarity, shared weight of non-generic words) of two titles.

    Similarity is the weighted Dice overlap of stems (a word with a typo still matches), or the
    share of the shorter title found in the longer one when the shorter has two real words.
    """
    if not a.title or not b.title:
        return 0.0, 0.0
    stems_b = {s for s, _ in b.title}
    matched, informative = 0.0, 0.0
    unmatched_a = []
    for stem, word in a.title:
        if stem in stems_b:
            matched += _weight(stem)
            informative += stem not in _generic()
        else:
            unmatched_a.append((stem, word))
    if unmatched_a:
        stems_a = {s for s, _ in a.title}
        rest_b = [(s, w) for s, w in b.title if s not in stems_a]
        ratio = _config()["typo_ratio"]
        for stem, word in unmatched_a:
            for other in rest_b:
                if len(word) >= 5 and fuzz.ratio(word, other[1]) >= ratio:
                    matched += min(_weight(stem), _weight(other[0]))
                    informative += stem not in _generic() and other[0] not in _generic()
                    rest_b.remove(other)
                    break
    weight_a = sum(_weight(s) for s, _ in a.title)
    weight_b = sum(_weight(s) for s, _ in b.title)
    dice = 2 * matched / (weight_a + weight_b)
    shorter = min(weight_a, weight_b)
    contained = matched / shorter if shorter >= 2 else 0.0
    return min(1.0, max(dice, 0.9 * contained)), informative


def _share_a_name(names_a: tuple[frozenset[str], ...], names_b: tuple[frozenset[str], ...], limit: float,
                  real_words: int = 0) -> bool:
    """Tell whether two names, one of each side, overlap by `limit` (weighted Dice) with `real_words` real words."""
    for x in names_a:
        for y in names_b:
            if x and y:
                shared = x & y
                if 2 * sum(map(_weight, shared)) / (sum(map(_weight, x)) + sum(map(_weight, y))) >= limit and \
                        len(shared - _generic()) >= real_words:
                    return True
    return False


def same_organizer(a: Profile, b: Profile) -> bool:
    """Tell whether the records share an organizer or partner (by weighted word overlap)."""
    return _share_a_name(a.organizers, b.organizers, _config()["organizer_dice"])


def same_audience(a: Profile, b: Profile) -> bool:
    """Tell whether the records name one specific audience (not just "депутати": several real words alike)."""
    cfg = _config()
    return _share_a_name(a.audience, b.audience, cfg["audience_dice"], cfg["audience_words"])


def _agreement(code_a: str, code_b: str, name_a: str | None, name_b: str | None) -> str:
    """Return 'same', 'conflict' or 'unknown' for two places: by code when both have one, else by name."""
    if code_a and code_b:
        return "same" if code_a == code_b else "conflict"
    if name_a and name_b:
        return "same" if name_a == name_b else "conflict"
    return "unknown"


def place_relation(a: Profile, b: Profile) -> tuple[str, str]:
    """Compare venues: ('same'|'region'|'conflict'|'unknown', reason); 'same' needs one settlement."""
    region = _agreement(a.region_code, b.region_code, a.region, b.region)
    if region == "conflict":
        return "conflict", f"regions differ: {a.region or a.region_code} / {b.region or b.region_code}"
    settlement = _agreement(a.settlement_code, b.settlement_code, a.settlement, b.settlement)
    if settlement == "conflict":
        mobile = a.event_type in _config()["mobile_types"] or b.event_type in _config()["mobile_types"]
        if mobile and region == "same":
            return "same", f"a visit in one region: {a.region}"
        return "conflict", f"settlements differ: {a.settlement} / {b.settlement}"
    if settlement == "same":
        return "same", f"same settlement: {a.settlement or a.settlement_code}"
    if region == "same":  # a region holds many towns: no conflict, but no agreement either
        return "region", f"same region: {a.region or a.region_code}"
    return "unknown", "place unknown on a side"


def time_relation(a: Profile, b: Profile) -> tuple[str, str]:
    """Compare when the events happen: ('agree'|'adjacent'|'near'|'unknown'|'conflict', reason).

    'adjacent': dated a day or so apart; 'near': an undated side's publication or day and month fit;
    'close': its publication is within days of the other's dates or publication.
    """
    cfg = _config()
    if a.start and b.start:
        gap = max(a.start, b.start) - min(a.end, b.end)
        if gap <= 0:
            return "agree", "dates overlap"
        if gap <= cfg["date_gap_days"]:
            return "adjacent", f"dates {gap} day(s) apart"
        return "conflict", f"dates {gap} days apart"
    dated, undated = (a, b) if a.start else (b, a)
    if dated.start and undated.day_months:
        if undated.day_months & _calendar_days(dated.start, dated.end, cfg["date_gap_days"]):
            return "agree", "day and month agree (no year on a side)"
        return "conflict", "day and month differ (no year on a side)"
    if a.day_months and b.day_months:
        if a.day_months & b.day_months:
            return "near", "day and month agree (no year)"
        return "conflict", "day and month differ (no year)"
    if dated.start and undated.published:
        lo, hi = undated.published
        if dated.start - cfg["close_days"] <= lo and hi <= dated.end + cfg["close_days"]:
            return "close", f"published {lo - dated.start:+d} days from the dates"
        if dated.start - cfg["announce_days"] <= hi and lo <= dated.end + cfg["report_days"]:
            return "near", f"published {lo - dated.start:+d} days from the dates"
        return "conflict", f"published {lo - dated.start:+d} days from the dates"
    if a.published and b.published:
        gap = max(a.published[0], b.published[0]) - min(a.published[1], b.published[1])
        if gap <= cfg["undated_gap_days"]:
            label = "close" if max(a.published[1], b.published[1]) - min(a.published[0], b.published[0]) <= \
                cfg["close_days"] else "near"
            return label, f"undated, published {max(gap, 0)} days apart"
        return "conflict", f"undated, published {gap} days apart"
    return "unknown", "no dates on a side"


def judge(a: Profile, b: Profile) -> Verdict:
    """Decide whether two profiles are the same event; the reasons say why (or why not)."""
    if not same_family(a.event_type, b.event_type):
        return Verdict(False, 0.0, (f"types differ: {a.event_type} / {b.event_type}",))
    time, time_reason = time_relation(a, b)
    if time == "conflict":
        return Verdict(False, 0.0, (time_reason,))
    place, place_reason = place_relation(a, b)
    if place == "conflict":
        return Verdict(False, 0.0, (place_reason,))
    title, informative = title_similarity(a, b)
    organizer = same_organizer(a, b)
    audience = same_audience(a, b)
    who = organizer or audience  # the same organizer, or the same specific group of people
    t = _config()["title"]
    if a.lang and b.lang and a.lang != b.lang:
        # A translated title shares only some words; the glossary covers the common ones.
        factor = _config()["cross_language_factor"]
        t = {k: v * factor for k, v in t.items()}
    if time == "adjacent":  # a day apart is one event only where place or organizer agree too
        time = "agree" if place == "same" or organizer else "near"
    # A title made of its audience's words names no event: such a record is the other one in its
    # settlement for the same people on the same dates; without dates, only where it is of the same
    # type and the other title mentions those people too.
    by_audience = audience and place == "same" and (a.nameless or b.nameless) and (
        time == "agree" or (a.event_type == b.event_type and informative >= 1))
    if time == "agree":
        by_title = title >= t["dated"] or (title >= t["dated_place"] and (place == "same" or who))
        # On the same dates in one settlement, one organizer for the same people is one event even
        # where one report names the programme and another describes it.
        same = (by_title and (informative >= 1 or (title >= 1.0 and place == "same"))) or (
            place == "same" and ((title >= t["dated_place_organizer"] and who) or (organizer and audience))
        ) or by_audience
    else:
        # Without dates on both sides the title carries the decision: a recurring programme's
        # name ("Школа мэров") is not enough without any time, and a title found in a loose time
        # window must also agree on place, organizer or audience unless it is long and specific.
        anchored = (time == "close" or place in ("same", "region") or who
                    or informative >= _config()["specific_title_words"])
        timed = time in ("near", "close")
        same = informative >= (1 if timed else 2) and (
            (title >= t["undated"] and anchored)
            or (title >= t["undated_place"] and place == "same" and (who or timed))) or by_audience
    agreements = (("same organizer", organizer), ("same audience", audience),
                  ("a title that names only its audience", by_audience))
    reasons = (f"title {title:.2f}", time_reason, place_reason) + tuple(r for r, holds in agreements if holds)
    score = (title + {"agree": 0.3, "close": 0.2, "near": 0.1}.get(time, 0.0) + 0.2 * (place == "same")
             + 0.1 * organizer + 0.1 * audience)
    return Verdict(same, round(score, 3), reasons)


def compare(a: dict, b: dict) -> Match | None:
    """Decide whether record `b` is the same event as stored event `a`; None if not."""
    verdict = judge(profile(a), profile(b))
    return Match(a, verdict.score, verdict.reasons) if verdict.same else None


# The profiles of the stored events a batch compared with lately, least recently used dropped
# first: about 1.5 KB each, so the writer's memory stays flat however many events the store holds.
_STORED_PROFILES: OrderedDict[tuple, Profile] = OrderedDict()
STORED_PROFILES_MAX = 20_000


def stored_profile(event: dict) -> Profile:
    """Return the profile of a stored event, computed once per version (a batch compares each many times)."""
    if event.get("id") is None:
        return profile(event)
    key = (event["id"], event.get("version"), event.get("published_min"), event.get("published_max"))
    cached = _STORED_PROFILES.get(key)
    if cached is None:
        cached = _STORED_PROFILES[key] = profile(event)
        if len(_STORED_PROFILES) > STORED_PROFILES_MAX:
            _STORED_PROFILES.popitem(last=False)
    else:
        _STORED_PROFILES.move_to_end(key)
    return cached


def find_match(record: dict, candidates: list[dict]) -> Match | None:
    """Return the best-matching candidate for a record, if any is the same event."""
    best = None
    mine = profile(record)
    for candidate in candidates:
        verdict = judge(stored_profile(candidate), mine)
        if verdict.same and (best is None or verdict.score > best.score):
            best = Match(candidate, verdict.score, verdict.reasons)
    return best


def blocking_keys(record: dict) -> set[str]:
    """Return the keys under which the store indexes an event: its real title words and its settlement."""
    p = profile(record)
    keys = {f"t:{s}" for s, _ in p.title if s not in _generic()}
    if p.settlement:
        keys.add(f"s:{p.settlement}")
    return keys


def recent_per_key() -> int:
    """Return how many of a blocking key's newest events the store reads for a record."""
    return _config()["recent_per_key"]


def max_candidates() -> int:
    """Return how many stored events a blocking-key query fetches at most."""
    return _config()["max_candidates"]


def date_window(start: str, end: str | None) -> tuple[str, str, str]:
    """Return (earliest start, low, high) ISO dates of the stored events whose dates may overlap these.

    Low and high are `date_slack_days` before start and after end; a stored event overlaps when it
    starts by high and ends from low on, and it started at most `longest_event_days` before low
    (a bounded range keeps the store's date query an index range, whatever the store's size).
    """
    slack = timedelta(days=_config()["date_slack_days"])
    lo = date.fromisoformat(start) - slack
    hi = date.fromisoformat(end or start) + slack
    earliest = lo - timedelta(days=_config()["longest_event_days"])
    return earliest.isoformat(), lo.isoformat(), hi.isoformat()


def _cluster_keys(p: Profile) -> tuple[list[str], list[tuple], list[tuple]]:
    """Return (words: real title stems and the settlement, places filed under, places looked up) for blocking.

    A place is (kind, week, region): dated records are filed by the weeks they span, undated ones
    by every week their event may fall in and by their publication week.
    """
    cfg = _config()
    stems = [s for s, _ in p.title if s not in _generic()] + ([f"@{p.settlement}"] if p.settlement else [])
    stems = stems or ["@"]
    # A record with a region is filed under it and under '*' (any region); one without, under ''.
    # It looks up its own region and '' -- or, without a region, '*' and ''.
    own = p.region or p.region_code
    filed_regions = (own, "*") if own else ("",)
    looked_regions = (own, "") if own else ("*", "")
    if p.start:
        filed = [("d", w) for w in range(p.start // WEEK, p.end // WEEK + 1)]
        gap = cfg["date_gap_days"]
        looked = [("d", w) for w in range((p.start - gap) // WEEK, (p.end + gap) // WEEK + 1)]
    elif p.published:
        # Undated records are few: they are filed under, and look up, every week their event may
        # fall in, so a dated record needs to look up its own weeks only.
        lo, hi = p.published
        window = [("d", w) for w in range((lo - cfg["report_days"]) // WEEK, (hi + cfg["announce_days"]) // WEEK + 1)]
        filed = window + [("u", lo // WEEK)]
        looked = window + [("u", w) for w in range((lo - cfg["undated_gap_days"]) // WEEK,
                                                  (hi + cfg["undated_gap_days"]) // WEEK + 1)]
    else:
        filed = looked = [("n", 0)]
    return (stems, [(k, w, r) for k, w in filed for r in filed_regions],
            [(k, w, r) for k, w in looked for r in looked_regions])


def cluster(records: Iterable[dict]) -> list[list[int]]:
    """Group records that describe the same event; return clusters of record indexes (singletons too).

    Blocking files each record under (time bucket, region, word), a word being a real title stem
    or the settlement; a record is judged (by `judge()`, as in the store) only against earlier
    records sharing a key, and two records with three or more words each only when they share two
    (or one has a title that names only its audience). It joins the cluster of its best-scoring match.
    """
    profiles: list[Profile] = []
    sizes: list[int] = []
    parent: list[int] = []
    index: dict[int, list[int]] = defaultdict(list)  # keyed by the hash of a key: a collision only adds a candidate

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, record in enumerate(records):
        p = profile(record)
        stems, filed, looked = _cluster_keys(p)
        profiles.append(p)
        sizes.append(len(stems))
        parent.append(i)
        hits: dict[int, int] = defaultdict(int)
        for stem in stems:
            found: set[int] = set()
            for place in looked:
                found.update(index.get(hash((*place, stem)), ()))
            for j in found:
                hits[j] += 1
        # Like the store, a record joins the one cluster of its best match: it never bridges two.
        best, best_score = None, 0.0
        for j, shared in hits.items():
            if shared < 2 and len(stems) >= 3 and sizes[j] >= 3 and not (p.nameless or profiles[j].nameless):
                continue
            verdict = judge(profiles[j], p)
            if verdict.same and verdict.score > best_score:
                best, best_score = j, verdict.score
        if best is not None:
            parent[i] = root(best)
        for place in filed:
            for stem in stems:
                index[hash((*place, stem))].append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(parent)):
        groups[root(i)].append(i)
    return list(groups.values())


def explain(event: dict, sources: list[dict]) -> list[str]:
    """Say, for each source after the first, why it was merged into the event."""
    if not sources:
        return [f"{event.get('id')}: no sources"]
    first = sources[0]
    lines = [f"{event.get('id')}: {len(sources)} source(s); first {first.get('article_id')}"]
    first_profile = profile(_record_of(first))
    event_profile = profile(event)
    for source in sources[1:]:
        mine = profile(_record_of(source))
        verdict = judge(first_profile, mine)
        how = "same as the first source" if verdict.same else "not alone the same as the first source"
        lines.append(f"{source.get('article_id')}: {how}: " + "; ".join(verdict.reasons))
        if not verdict.same:
            fused = judge(event_profile, mine)
            lines.append("  against the merged event: " + "; ".join(fused.reasons))
    return lines


def _record_of(source: dict) -> dict:
    record = source.get("record")
    return record if isinstance(record, dict) else {}


def event_id(record: dict, n: int = 0) -> str:
    """Return a stable id for a new event (the `n`-th alike one of its article): it never changes when sources join."""
    key = "|".join(str(record.get(k) or "") for k in ("article_id", "event_type", "start_date", "title",
                                                       "settlement"))
    key += f"|{n}" if n else ""
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _union(a: list, b: list) -> list:
    seen = {fold(x) for x in a}
    return list(a) + [x for x in b if fold(x) not in seen and not seen.add(fold(x))]


def merge(existing: dict, record: dict, replace: bool = False) -> dict:
    """Merge a new source's record into a stored event.

    Empty fields are filled; a report supersedes an announcement's dates, head count and
    status; lists are united. `replace` (a re-extraction of the event's own article) lets the
    record's values win. Fields a reviewer changed are never overwritten: a differing
    extracted value is recorded in `conflicts` instead.
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
        value = list(record.get(field) or []) if replace else _union(old, record.get(field) or [])
        if value != old and (value or replace):
            proposals[field] = value
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
