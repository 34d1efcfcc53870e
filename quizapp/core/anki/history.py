"""Anki's review log as quizapp history, so FSRS goes on where Anki left off."""

from __future__ import annotations

from quizapp.core.history_io.formats import ImportedReview
from quizapp.core.history_io.validation import EARLIEST_MS, LATEST_MS, MAX_RESPONSE_MS
from quizapp.core.store.anki_file import AnkiRows

# revlog.type: 0 learning, 1 review, 2 relearning, 3 filtered (cram); 4 manual and
# 5 rescheduled are not answers. revlog.ease 0 marks a manual change too.
_ANSWER_TYPES = {0, 1, 2, 3}


def revlog_reviews(rows: AnkiRows, items: dict[int, str]) -> list[ImportedReview]:
    """Review rows for the history import (the deck is given when they are filed)."""
    reviews = []
    for review_ms, card_id, ease, time_ms, kind in rows.revlog:
        item = items.get(card_id)
        if item is None or kind not in _ANSWER_TYPES or not 1 <= ease <= 4:
            continue
        if not EARLIEST_MS <= review_ms < LATEST_MS:  # a time no answer was given at
            continue
        reviews.append(
            ImportedReview(
                deck_id=None,
                item_id=item,
                reviewed_ms=int(review_ms),
                rating=int(ease),
                response_ms=int(time_ms) if time_ms and 0 < time_ms <= MAX_RESPONSE_MS else None,
            )
        )
    return reviews


def import_reviews(deck_id: str, reviews: list[ImportedReview]) -> tuple[int, int]:
    """File ``reviews`` under ``deck_id`` through the history import; (added, already there)."""
    from quizapp.core import history_io
    from quizapp.core.config import load_config
    from quizapp.core.store import open_store

    config = load_config()
    parsed = history_io.ParsedHistory("review-log", reviews, [])
    with open_store() as store:
        result = history_io.import_history(
            store, parsed, deck_id, leech_threshold=config.leech_threshold
        )
    return result.reviews_added, result.reviews_present
