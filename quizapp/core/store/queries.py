"""The store's read queries for the stats and for moving the history in and out.

:class:`~quizapp.core.store.protocol.Store` includes both protocols (and the
counting one), so every backend answers them. Each query does the heavy part where the data lives
(counting a million reviews is the database's job) and returns small typed
records (:mod:`quizapp.core.store.records`); study days, periods, ratios and
the forgetting curve are computed in :mod:`quizapp.core.stats`.

``deck_id`` None means every deck. The answers counted for *true retention*
are study or imported answers to cards that were in the review state before
the answer; mature means the interval before the answer (due minus last
review) was at least ``mature_ms``; passed means a rating above Again.
Read errors raise :class:`~quizapp.core.store.protocol.HistoryReadError`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Literal, Protocol

from quizapp.core.store.records import (
    ClassMiss,
    CountRows,
    DueForecast,
    ItemAnswers,
    LearnerActivity,
    LearnerBucket,
    LearnerQuizzes,
    LearnerRetention,
    PastAnswer,
    RetentionCount,
    ReviewKey,
    StateCounts,
    StoredQuiz,
    StoredReview,
    StudiedCard,
)

HistogramValue = Literal["interval", "stability"]


class StatsQueries(Protocol):
    """What the stats screen and ``quizapp stats`` read."""

    def has_history_schema(self) -> bool:
        """False for a database without the history tables (nothing to read yet)."""
        ...

    def all_deck_ids(self) -> set[str]:
        """Deck ids in any answer, card state or quiz session (loaded decks or not)."""
        ...

    def review_count(self, deck_id: str | None) -> int:
        """Every answer: study, quiz and import."""
        ...

    def review_span(self, deck_id: str | None) -> tuple[int, int] | None:
        """(first, last) answer time, or None without answers."""
        ...

    def review_counts(self, ranges: Sequence[tuple[int, int]], deck_id: str | None) -> list[int]:
        """Answers in each ``[start, end)`` range, in the order given (ranges may be many)."""
        ...

    def retention_by_range(
        self, ranges: Sequence[tuple[int, int]], deck_id: str | None, mature_ms: int
    ) -> list[RetentionCount]:
        """True-retention answers in each ``[start, end)`` range, by class.

        A count's slice is the index of its range in ``ranges`` (they may be
        many: a year of study days and more); classes without answers are left
        out. One pass serves the summary periods and every series.
        """
        ...

    def due_forecast(
        self, start_ms: int, end_ms: int, bucket_ms: int, deck_id: str | None
    ) -> DueForecast:
        """Studied, unsuspended cards due before ``start_ms``, and per bucket up to ``end_ms``."""
        ...

    def state_counts(self, deck_id: str | None, mature_ms: int) -> StateCounts:
        """Stored card states by kind; young and mature split at ``mature_ms`` of interval."""
        ...

    def stored_item_keys(self, deck_id: str | None) -> set[tuple[str, str]]:
        """(deck id, item id) of every stored card state."""
        ...

    def review_histogram(
        self, value: HistogramValue, edges: Sequence[float], deck_id: str | None
    ) -> dict[int, int]:
        """Cards in review (unsuspended) per bin of their interval or stability, in days.

        Bin ``i`` holds values from ``edges[i]`` up to ``edges[i + 1]``; the last
        bin is open-ended. Empty bins and cards without the value are left out.
        """
        ...

    def most_lapsed(self, deck_id: str | None, limit: int) -> list[StudiedCard]:
        """Studied, unsuspended cards with lapses, most first (then reps, deck, item)."""
        ...

    def least_recalled(self, deck_id: str | None, now_ms: int, limit: int) -> list[StudiedCard]:
        """Studied, unsuspended cards with a stability, by whole days elapsed over stability.

        Highest ratio first (then lowest stability, deck, item): the candidates
        for the lowest recall probability now.
        """
        ...

    def answer_counts(self, deck_id: str | None) -> list[ItemAnswers]:
        """Answers per item, and the wrong ones (verdict wrong, else rated Again)."""
        ...


class TransferQueries(Protocol):
    """What ``quizapp history export`` and ``import`` read."""

    def stored_reviews(self, deck_id: str | None) -> Iterator[StoredReview]:
        """Every review as stored, oldest first, streamed."""
        ...

    def stored_quizzes(self, deck_id: str | None) -> Iterator[StoredQuiz]:
        """Every quiz session as stored, oldest first."""
        ...

    def review_keys(self, deck_ids: Sequence[str]) -> set[ReviewKey]:
        """The identity of every review of these decks (to skip what an import already has).

        Each key's ``occurrence`` numbers the reviews equal in deck, item, time
        and rating, from 0, by id.
        """
        ...

    def past_answers(self, deck_ids: Sequence[str]) -> Iterator[PastAnswer]:
        """Rated study and imported answers of these decks (to replay the scheduler)."""
        ...


class CountQueries(Protocol):
    """Today's counts as a few range counts (SQLite); a backend may answer None."""

    def count_rows(
        self,
        deck_id: str,
        digest: str,
        in_deck: Callable[[], Collection[str]],
        window: tuple[int, int, int],
        wanted: Collection[str] = (),
    ) -> CountRows | None:
        """Range counts and the states they cannot judge, for the deck whose ids hash to ``digest``.

        ``in_deck()`` gives the deck's item ids (called only when a state must
        be checked against them); ``window`` is (now, day end, learn-ahead
        limit) in epoch ms; ``wanted``: ids whose states to return too. None
        when this history cannot: the caller counts from :meth:`queue_rows`.
        """
        ...


class ClassQueries(Protocol):
    """What a teacher's connection reads of every learner (``quizapp class``).

    Only the PostgreSQL store answers them, and only for a member of the
    teacher role (:func:`quizapp.core.store.teacher_view` says whether).
    ``deck_id`` None means every deck; true retention and right answers are
    counted as in :class:`StatsQueries`.
    """

    def is_teacher(self) -> bool:
        """True when the connecting role may read every learner's history."""
        ...

    def class_learners(self, deck_id: str | None) -> list[LearnerActivity]:
        """Every learner role (with or without answers), and their answers (to the deck)."""
        ...

    def class_quizzes(self, deck_id: str | None) -> list[LearnerQuizzes]:
        """Finished, not abandoned, scored quizzes per learner and deck."""
        ...

    def class_retention(self, deck_id: str | None) -> list[LearnerRetention]:
        """True-retention answers of all time per learner and deck."""
        ...

    def class_buckets(
        self, since_ms: int, bucket_ms: int, deck_id: str | None
    ) -> list[LearnerBucket]:
        """The time buckets since ``since_ms`` in which each learner answered (for streaks)."""
        ...

    def class_misses(self, deck_id: str | None, limit: int) -> list[ClassMiss]:
        """The cards answered wrong most often by the class (wrong answers, then learners)."""
        ...
