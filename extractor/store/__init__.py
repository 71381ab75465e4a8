"""The SQLite store (through sqlite-utils): articles, events, their sources, reviews, runs and the registry outbox.

All SQL of the product lives in this package, one module a concern:

- `schema`: opening the file, migrations, write transactions, the event columns' codec;
- `save`: one article's extraction in one transaction (`save_article`), its records filed by a
  resolver the caller passes (`extractor.dedup.resolve`: the store knows nothing of duplicates);
- `articles`, `events`, `runs`, `reviews`: rows and their primitives (dedup's included);
- `coverage`, `queue`: reads of the coverage map and the review app; `outbox`: the registry's.

Importing it loads no NLP module and no dedup.
"""
from extractor.store.articles import (article_hash, article_records, article_row, find_reprint, get_article,
                                      hash_owner, index_reprint_signature, put_article, put_skip, save_duplicate)
from extractor.store.coverage import COVERAGE_COLUMNS, events_for_coverage, events_per_month, hromada_reach
from extractor.store.events import (add_source, article_event_ids, clear_event_keys, event_exists, event_records,
                                    events_by_keys, events_in_dates, file_event_keys, get_event, insert_event,
                                    list_events, read_event, remove_orphans, source_counts, source_record,
                                    source_records, update_event)
from extractor.store.reviews import delete_event, log_access, log_review, move_source, review_event, reviews_of
from extractor.store.runs import finish_run, start_run
from extractor.store.save import Saved, save_article, save_records
from extractor.store.schema import (EDITABLE_FIELDS, EVENT_COLUMNS, JSON_FIELDS, REVIEW_STATUSES, SCHEMA_VERSION,
                                    StoreError, content_hash, counts, event_keys_stale, mark_event_keys_filed, migrate,
                                    now, open_db, schema_version, transaction)

__all__ = [
    "COVERAGE_COLUMNS", "EDITABLE_FIELDS", "EVENT_COLUMNS", "JSON_FIELDS", "REVIEW_STATUSES", "SCHEMA_VERSION", "Saved",
    "StoreError", "add_source", "article_event_ids", "article_hash", "article_records", "article_row",
    "clear_event_keys", "content_hash", "counts", "delete_event", "event_exists", "event_keys_stale", "event_records",
    "events_by_keys", "events_for_coverage", "events_in_dates", "events_per_month", "file_event_keys", "find_reprint",
    "finish_run", "get_article", "get_event", "hash_owner", "hromada_reach", "index_reprint_signature", "insert_event",
    "list_events", "log_access", "log_review", "mark_event_keys_filed", "migrate", "move_source", "now", "open_db",
    "put_article", "put_skip", "read_event", "remove_orphans", "review_event", "reviews_of", "save_article",
    "save_duplicate", "save_records", "schema_version", "source_counts", "source_record", "source_records", "start_run",
    "transaction", "update_event",
]
