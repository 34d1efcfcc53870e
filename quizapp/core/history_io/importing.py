"""Import a parsed history: add the rows that are not there yet, then reschedule.

Rows already in the history are skipped, so importing the same file twice
adds nothing; the key of a review is (deck, item, time in ms, rating), of a
quiz session (deck, start time). Every write goes through the store's methods,
so the store keeps its derived columns right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from quizapp.core.config import DEFAULT_CONFIG
from quizapp.core.history_io.formats import (
    DEFAULT_IMPORT_DECK,
    ImportedQuiz,
    ImportedReview,
    ParsedHistory,
    Progress,
)
from quizapp.core.history_io.replay import replay
from quizapp.core.models import SchedulingOptions
from quizapp.core.store.protocol import CardState, NewReview, Store
from quizapp.core.store.records import ReviewKey

DEFAULT_LEECH_THRESHOLD = DEFAULT_CONFIG.leech_threshold
WRITE_BATCH = 2_000  # reviews per transaction when importing


@dataclass(frozen=True)
class ImportResult:
    """How many rows the import added and how many the database already had."""

    layout: str
    reviews_added: int
    reviews_present: int
    quizzes_added: int
    quizzes_present: int
    items_rescheduled: int

    @property
    def added(self) -> int:
        return self.reviews_added + self.quizzes_added

    @property
    def present(self) -> int:
        return self.reviews_present + self.quizzes_present


def add_quizzes(
    store: Store, quizzes: list[ImportedQuiz], decks: list[str]
) -> tuple[int, dict[int, int]]:
    """Start (and finish) the quiz sessions not there yet: (added, file id -> store id)."""
    existing = {(q.deck_id, q.started_ms): q.id for d in decks for q in store.quiz_sessions(d)}
    quiz_ids: dict[int, int] = {}
    added = 0
    for quiz in quizzes:
        key = (quiz.deck_id, quiz.started_ms)
        if key not in existing:
            try:
                loaded: object = json.loads(quiz.settings) if quiz.settings else {}
            except json.JSONDecodeError:
                loaded = {}
            settings = loaded if isinstance(loaded, dict) else {}
            new_id = store.start_quiz(quiz.deck_id, quiz.started_ms, settings)
            if quiz.finished_ms is not None or quiz.abandoned:
                store.finish_quiz(
                    new_id,
                    finished_ms=quiz.finished_ms or quiz.started_ms,
                    questions=quiz.questions or 0,
                    correct=quiz.correct or 0,
                    close=quiz.close or 0,
                    wrong=quiz.wrong or 0,
                    score=quiz.score,
                    abandoned=bool(quiz.abandoned),
                )
            existing[key] = new_id
            added += 1
        if quiz.quiz_id is not None:
            quiz_ids[quiz.quiz_id] = existing[key]
    return added, quiz_ids


def import_history(
    store: Store,
    parsed: ParsedHistory,
    deck_id: str | None = None,
    progress: Progress | None = None,
    leech_threshold: int = DEFAULT_LEECH_THRESHOLD,
    options: SchedulingOptions | None = None,
) -> ImportResult:
    """Add the parsed rows that are not there yet, then reschedule the items they touch.

    ``deck_id`` files every row under that deck (a review log has no deck of
    its own, so it defaults to ``imported``); our own exports keep their decks
    unless one is given. ``options`` are the scheduling options to replay with
    (the defaults when None).
    """
    if parsed.layout == "review-log":
        deck_id = deck_id or DEFAULT_IMPORT_DECK
    reviews = [replace(r, deck_id=deck_id or r.deck_id) for r in parsed.reviews]
    quizzes = [replace(q, deck_id=deck_id or q.deck_id) for q in parsed.quizzes]
    decks = sorted({r.deck_id for r in reviews if r.deck_id} | {q.deck_id for q in quizzes})
    quizzes_added, quiz_ids = add_quizzes(store, quizzes, decks)

    seen = store.review_keys(decks)
    fresh: list[ImportedReview] = []
    for review in reviews:
        key = ReviewKey(review.deck_id or "", review.item_id, review.reviewed_ms, review.rating)
        if key in seen:
            continue
        seen.add(key)
        review.quiz_id = quiz_ids.get(review.quiz_id) if review.quiz_id else None
        fresh.append(review)

    replayed = replay(store, fresh, progress, leech_threshold, options)
    records = []
    for review in sorted(fresh, key=lambda r: (r.reviewed_ms, r.deck_id or "", r.item_id)):
        before: CardState | None
        after: CardState | None
        before, after = replayed.audits.get(id(review), (None, None))
        if review.state_before:
            before = CardState.from_json(review.state_before)
        if review.state_after:
            after = CardState.from_json(review.state_after)
        if review.mode == "quiz":
            after = None  # a quiz answer never changes the schedule
        records.append(
            NewReview(
                deck_id=review.deck_id or "",
                item_id=review.item_id,
                reviewed_ms=review.reviewed_ms,
                rating=review.rating,
                mode=review.mode,
                verdict=review.verdict,
                response=review.response,
                response_ms=review.response_ms,
                content_hash=review.content_hash,
                state_before=before,
                state_after=after,
                quiz_id=review.quiz_id,
            )
        )
    # Batches, so a long import shows progress; a batch is one transaction, and
    # an import cut short is completed by running it again (rows present are skipped).
    for start in range(0, len(records), WRITE_BATCH):
        store.record_reviews(records[start : start + WRITE_BATCH])
        if progress is not None:
            progress("writing", min(start + WRITE_BATCH, len(records)), len(records))
    # Where an item's latest answer was already in the database, record_reviews
    # left it at its last imported answer; the replay's final state wins.
    for state in replayed.finals:
        store.put_card_state(state)
    return ImportResult(
        parsed.layout,
        reviews_added=len(fresh),
        reviews_present=len(reviews) - len(fresh),
        quizzes_added=quizzes_added,
        quizzes_present=len(quizzes) - quizzes_added,
        items_rescheduled=replayed.items,
    )
