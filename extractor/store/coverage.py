"""Coverage reads: which hromadas the events reached, and events per month."""
from __future__ import annotations

import sqlite_utils

from extractor.store.events import lazy_rows

COVERAGE_COLUMNS = ("id", "event_type", "title", "start_date", "end_date", "region", "settlement", "settlement_code",
                    "country", "online", "organizers", "partners", "topics", "participant_hromadas", "review_status")
# The events of a coverage query: ?1 review status, ?2 since, ?3 until (overlap), ?4 topic; null: any.
_PERIOD = ("(?1 is null or review_status = ?1) and (?2 is null or coalesce(end_date, start_date) >= ?2) "
           "and (?3 is null or start_date <= ?3)")
_TOPIC = "(?4 is null or exists (select 1 from json_each(events.topics) where value = ?4))"
# Each hromada the events reached by its code prefix (UA + oblast, raion, hromada digits): the venue's, and each
# one named as taking part.
_COVERAGE_LINKS = f"""with ev as (select id, start_date, settlement_code, participant_hromadas, topics from events
  where {_PERIOD} and {_TOPIC}),
link as (select id, start_date, topics, substr(settlement_code, 1, ?5) as prefix, 1 as hosted from ev
  where settlement_code like 'UA%'
  union all select ev.id, ev.start_date, ev.topics, substr(json_extract(j.value, '$.code'), 1, ?5), 0
  from ev, json_each(ev.participant_hromadas) j where json_valid(ev.participant_hromadas))
"""


def hromada_reach(db: sqlite_utils.Database, since: str | None, until: str | None, status: str | None,
                  topic: str | None, prefix_len: int) -> list[tuple[str, int, int, int, str | None, list[str]]]:
    """Return (hromada code prefix, events, hosted, took part, last start date, topics) of the matching events.

    One pass: the topics are joined in, so each event counts once by its id (topic ids hold no comma).
    """
    rows = db.execute(_COVERAGE_LINKS + "select l.prefix, count(distinct l.id), count(distinct case when l.hosted "
                      "then l.id end), count(distinct case when not l.hosted then l.id end), max(l.start_date), "
                      "group_concat(distinct t.value) from link l left join json_each(case when json_valid(l.topics) "
                      "then l.topics end) t group by l.prefix", [status, since, until, topic, prefix_len]).fetchall()
    return [(*row[:5], sorted(row[5].split(",")) if row[5] else []) for row in rows]


def events_per_month(db: sqlite_utils.Database, since: str | None, until: str | None,
                     status: str | None) -> list[tuple[str | None, int]]:
    """Return (YYYY-MM of the start date, events) of a review status (None: all) in since..until; None for undated."""
    return db.execute(f"select substr(start_date, 1, 7) as month, count(*) from events where {_PERIOD} "
                      "group by month order by month", [status, since, until]).fetchall()


def events_for_coverage(db: sqlite_utils.Database, since: str | None, until: str | None, status: str | None,
                        topic: str | None) -> list[dict]:
    """Return the events of a review status (None: all) and topic that overlap since..until, undated last.

    An undated event counts only when neither since nor until is given. JSON columns are decoded when first read.
    """
    return lazy_rows(db, f"select {', '.join(COVERAGE_COLUMNS)} from events where {_PERIOD} and {_TOPIC} "
                     "order by start_date is null, start_date, id", [status, since, until, topic])
