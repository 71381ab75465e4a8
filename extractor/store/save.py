"""The save path: one article's extraction into the store in one transaction.

Which stored event each record joins is decided by a `resolve` function the caller passes
(`extractor.dedup.resolve`): the store runs it inside the article's transaction, over the
primitives of `extractor.store.events`, and imports nothing of dedup. A run killed at any moment
leaves either the whole article or nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlite_utils

from extractor.store.articles import article_records, article_row, find_reprint, get_article, put_article, put_skip
from extractor.store.events import article_event_ids, source_record
from extractor.store.schema import transaction

if TYPE_CHECKING:
    from extractor.pipeline import Extraction

# resolve(db, article row, records, old event ids, original) -> its outcome: files each record under a stored or
# new event. `old event ids`: the events the article was a source of before; `original`: event id -> record of the
# article it reprints, if it is a reprint.
Resolve = Callable[[sqlite_utils.Database, dict, list[dict], list[str], dict[str, dict]], Any]


@dataclass(frozen=True)
class Saved:
    """What saving one extraction did: `resolve`'s outcome (None for a skip) and the article's records as stored."""

    outcome: Any
    records: list[dict]  # each with its event_id, in the order they were filed


def save_records(db: sqlite_utils.Database, row: dict, records: list[dict], run_id: int | None, resolve: Resolve,
                 signature=None) -> Any:
    """Store an article row and its extracted records in one transaction; return what `resolve` returns.

    `row` has id, url, title, lang, published, text, status, reason, duplicate_of, source; a reprint
    (`duplicate_of` set) keeps its own records, joined to its original's events. A re-extracted
    article first loses its old sources.
    """
    with transaction(db):
        old_event_ids = article_event_ids(db, row["id"])
        reprinted = row.get("duplicate_of")
        original = {e: source_record(db, e, reprinted) for e in article_event_ids(db, reprinted)} \
            if reprinted else {}
        put_article(db, row, run_id, signature)
        return resolve(db, row, records, old_event_ids, original)


def save_article(db: sqlite_utils.Database, extraction: Extraction, run_id: int | None, resolve: Resolve) -> Saved:
    """Store one extraction in one transaction: a skip, or an article (an original or a reprint of a stored one)."""
    article = extraction.article
    with transaction(db):
        if extraction.skip_reason:
            # A new version that cannot be extracted (a cookie wall, a timeout) never replaces an extracted one.
            if (get_article(db, article.id) or {}).get("status") != "extracted":
                put_skip(db, article_row(article, extraction.lang, "skipped", extraction.skip_reason), run_id)
            return Saved(None, article_records(db, article.id))
        # A reprint keeps its own records, joined first to its original's events; only originals are
        # indexed as texts to compare later articles with.
        original = find_reprint(db, article.id, extraction.signature)
        row = article_row(article, extraction.lang, "duplicate", f"reprint of {original}", original) if original \
            else article_row(article, extraction.lang, "extracted")
        outcome = save_records(db, row, [e.to_dict() for e in extraction.events], run_id, resolve,
                               None if original else extraction.signature)
        return Saved(outcome, article_records(db, article.id))
