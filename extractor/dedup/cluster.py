"""Group a stream of records in memory: the same blocking idea and the same `judge()` as the store."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from extractor.dedup.judge import judge
from extractor.dedup.normalize import config, generic
from extractor.dedup.profile import Profile, profile

WEEK = 7


def _cluster_keys(p: Profile) -> tuple[list[str], list[tuple], list[tuple]]:
    """Return (words: real title and series-name stems and the settlement, places filed under, places looked up)
    for blocking.

    A place is (kind, week, region): dated records are filed by the weeks they span, undated ones
    by every week their event may fall in and by their publication week.
    """
    cfg = config()
    stems = [s for s, _ in p.title + p.series if s not in generic()] + ([f"@{p.settlement}"] if p.settlement else [])
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
