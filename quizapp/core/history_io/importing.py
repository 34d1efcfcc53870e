"""Import a validated history: add the rows that are not there yet, rescheduled, in one go.

Rows already in the history are skipped, so importing the same file twice
adds nothing. A review's identity is exact (:class:`ReviewKey`): deck, item,
time in ms, rating, and which of the answers equal in all that it is, so two
Again on one day in a log with date-only times are both kept; a quiz
session's is (deck, start time, occurrence). The file was validated whole
before (:func:`~quizapp.core.history_io.reading.read_history_file`); here the
rows to add are planned (:func:`plan_import`) and written by the store in one
transaction (:meth:`Store.write_history`): an import is all there or not at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
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
from quizapp.core.store.protocol import CardState, HistoryBatch, NewQuiz, NewReview, Store
from quizapp.core.store.records import ReviewKey

DEFAULT_LEECH_THRESHOLD = DEFAULT_CONFIG.leech_threshold


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


@dataclass(frozen=True)
class ImportPlan:
    """The rows an import writes (one transaction) and what it will say it did."""

    batch: HistoryBatch
    result: ImportResult


def _occurrences(keys: Sequence[Hashable]) -> list[int]:
    """For each key, how many equal keys came before it (0 for the first)."""
    seen: Counter[Hashable] = Counter()
    numbers = []
    for key in keys:
        numbers.append(seen[key])
        seen[key] += 1
    return numbers


def _new_quiz(quiz: ImportedQuiz) -> NewQuiz:
    return NewQuiz(
        deck_id=quiz.deck_id,
        started_ms=quiz.started_ms,
        finished_ms=quiz.finished_ms,
        abandoned=bool(quiz.abandoned),
        questions=quiz.questions or 0,
        correct=quiz.correct or 0,
        close=quiz.close or 0,
        wrong=quiz.wrong or 0,
        score=quiz.score,
        settings=quiz.settings or "{}",
    )


def _plan_quizzes(
    store: Store, quizzes: list[ImportedQuiz], decks: list[str]
) -> tuple[list[NewQuiz], dict[int, tuple[str, int]]]:
    """The quiz sessions not there yet, and each file quiz id -> ("new", index) or ("old", id)."""
    stored = [q for d in decks for q in store.quiz_sessions(d)]
    old_keys = [(q.deck_id, q.started_ms) for q in stored]
    existing = {
        (*key, n): q.id for key, n, q in zip(old_keys, _occurrences(old_keys), stored, strict=True)
    }
    keys = [(q.deck_id, q.started_ms) for q in quizzes]
    added: list[NewQuiz] = []
    links: dict[int, tuple[str, int]] = {}
    for quiz, key, n in zip(quizzes, keys, _occurrences(keys), strict=True):
        store_id = existing.get((*key, n))
        if store_id is None:
            link = ("new", len(added))
            added.append(_new_quiz(quiz))
        else:
            link = ("old", store_id)
        if quiz.quiz_id is not None:
            links[quiz.quiz_id] = link
    return added, links


def _with_card(state: CardState | None, deck_id: str, item_id: str) -> CardState | None:
    """A state from the file, filed under the review's own deck and item (``--deck`` moves it)."""
    if state is None or (state.deck_id, state.item_id) == (deck_id, item_id):
        return state
    return replace(state, deck_id=deck_id, item_id=item_id)


def plan_import(
    store: Store,
    parsed: ParsedHistory,
    deck_id: str | None = None,
    progress: Progress | None = None,
    leech_threshold: int = DEFAULT_LEECH_THRESHOLD,
    options: SchedulingOptions | None = None,
) -> ImportPlan:
    """What importing ``parsed`` adds: the rows not there yet, and the replayed card states.

    ``deck_id`` files every row under that deck (a review log has no deck of
    its own, so it defaults to ``imported``); our own exports keep their decks
    unless one is given. ``options`` are the scheduling options to replay with
    (the defaults when None). Nothing is written.
    """
    if parsed.layout == "review-log":
        deck_id = deck_id or DEFAULT_IMPORT_DECK
    reviews = [replace(r, deck_id=deck_id or r.deck_id) for r in parsed.reviews]
    quizzes = [replace(q, deck_id=deck_id or q.deck_id) for q in parsed.quizzes]
    decks = sorted({r.deck_id for r in reviews if r.deck_id} | {q.deck_id for q in quizzes})
    new_quizzes, quiz_links = _plan_quizzes(store, quizzes, decks)

    seen = store.review_keys(decks)
    bases = [(r.deck_id or "", r.item_id, r.reviewed_ms, r.rating) for r in reviews]
    fresh: list[ImportedReview] = []
    links: dict[int, int | None] = {}  # id(fresh review) -> index of its new quiz
    for review, base, n in zip(reviews, bases, _occurrences(bases), strict=True):
        if ReviewKey(*base, occurrence=n) in seen:
            continue
        kind, target = quiz_links.get(review.quiz_id or 0, ("", 0))
        answer = replace(review, quiz_id=target if kind == "old" else None)
        links[id(answer)] = target if kind == "new" else None
        fresh.append(answer)

    replayed = replay(store, fresh, progress, leech_threshold, options)
    records, review_quizzes = [], []
    for review in sorted(fresh, key=lambda r: (r.reviewed_ms, r.deck_id or "", r.item_id)):
        deck, item = review.deck_id or "", review.item_id
        before: CardState | None
        after: CardState | None
        before, after = replayed.audits.get(id(review), (None, None))
        before = _with_card(review.state_before, deck, item) or before
        after = _with_card(review.state_after, deck, item) or after
        if review.mode == "quiz":
            after = None  # a quiz answer never changes the schedule
        records.append(
            NewReview(
                deck_id=deck,
                item_id=item,
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
        review_quizzes.append(links[id(review)])
    # Where an item's latest answer was already in the database, the replay's
    # final state is written after the reviews, as it is.
    batch = HistoryBatch(new_quizzes, records, review_quizzes, replayed.finals)
    result = ImportResult(
        parsed.layout,
        reviews_added=len(fresh),
        reviews_present=len(reviews) - len(fresh),
        quizzes_added=len(new_quizzes),
        quizzes_present=len(quizzes) - len(new_quizzes),
        items_rescheduled=replayed.items,
    )
    return ImportPlan(batch, result)


def import_history(
    store: Store,
    parsed: ParsedHistory,
    deck_id: str | None = None,
    progress: Progress | None = None,
    leech_threshold: int = DEFAULT_LEECH_THRESHOLD,
    options: SchedulingOptions | None = None,
) -> ImportResult:
    """Add the rows of ``parsed`` that are not there yet, rescheduled, in one transaction.

    See :func:`plan_import` for the arguments. A failure while writing (a full
    disk, a lost server) leaves the history as it was: running the import
    again starts afresh.
    """
    plan = plan_import(store, parsed, deck_id, progress, leech_threshold, options)

    def written(done: int, total: int) -> None:
        if progress is not None:
            progress("writing", done, total)

    store.write_history(plan.batch, written)
    return plan.result
