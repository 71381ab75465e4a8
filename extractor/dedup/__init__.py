"""Event dedup: the same real event from several articles (reprints, announcement and report, uk and ru) is one event.

One concept a module: `normalize` (folding, uk<->ru words, transliteration, ordinals, places),
`profile` (a record's normalized view), `judge` (the decision with its reasons, numbers in
`gazetteers/dedup.toml`), `candidates` (blocking in the store), `cluster` (blocking in memory),
`organizations` (one key per body, from `gazetteers/organizations.csv`), `merge` (a new source
into a stored event), `resolve` (an article's records against the store) and `explain`.
"""
from extractor.dedup.cluster import cluster
from extractor.dedup.explain import explain
from extractor.dedup.judge import Verdict, compare, judge, same_audience
from extractor.dedup.merge import merge
from extractor.dedup.normalize import day_months, fold, mention, ordinal_before, series_after, url_date
from extractor.dedup.organizations import same_body
from extractor.dedup.profile import profile
from extractor.dedup.resolve import SaveOutcome, refile_keys, save_article

__all__ = ["SaveOutcome", "Verdict", "cluster", "compare", "day_months", "explain", "fold", "judge", "merge",
           "mention", "ordinal_before", "profile", "refile_keys", "same_audience", "same_body", "save_article",
           "series_after", "url_date"]
