"""The interface between the app and its history store, and the records it deals in.

Screens, commands, stats and import code only use :class:`Store`, the
dataclasses here and the query records of :mod:`quizapp.core.store.records`,
so a second backend can be added without touching them (no SQL outside this
package: ``tests/test_sql_boundary.py``). The card states (:data:`NEW` …
:data:`RELEARNING`) are defined here and nowhere else.
Every time is an ``int`` of milliseconds since the epoch, UTC, as in the
database. A store object is used from one thread at a time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol, Self, runtime_checkable

from quizapp.core.store.errors import (
    HistoryReadError as HistoryReadError,
)
from quizapp.core.store.errors import (
    SaveFailedError as SaveFailedError,
)
from quizapp.core.store.errors import (
    ServerUnavailableError as ServerUnavailableError,
)
from quizapp.core.store.errors import (
    StoreError as StoreError,
)
from quizapp.core.store.errors import (
    WriteRefusedError as WriteRefusedError,
)
from quizapp.core.store.queries import CountQueries, StatsQueries, TransferQueries
from quizapp.core.store.records import QueueRows

Mode = Literal["study", "quiz", "import"]
# The verdict of a quiz answer judged wrong that the learner overruled ("I was
# actually right"): it counts as right wherever answers are counted.
OVERRULED = "overruled"

# card_state.state values (FSRS states, plus 0 for a card never reviewed)
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3


@dataclass(frozen=True)
class CardState:
    """One ``card_state`` row: the FSRS memory state and flags of a study item.

    A card with no row is new: :meth:`new` gives its state. ``state`` is 0 for
    a card never reviewed, else the FSRS state (1 learning, 2 review,
    3 relearning). ``step`` is the learning step index (None in review).
    """

    deck_id: str
    item_id: str
    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due_ms: int | None = None
    last_review_ms: int | None = None
    reps: int = 0
    lapses: int = 0
    suspended: bool = False
    buried_until_ms: int | None = None
    leech: bool = False

    @classmethod
    def new(cls, deck_id: str, item_id: str) -> CardState:
        """The state of a card that has no history."""
        return cls(deck_id=deck_id, item_id=item_id)

    @property
    def is_new(self) -> bool:
        return self.state == NEW

    @property
    def is_pristine(self) -> bool:
        """True when the row carries nothing a missing row would not (new, no flags)."""
        return self == CardState.new(self.deck_id, self.item_id)

    def is_buried(self, now_ms: int) -> bool:
        return self.buried_until_ms is not None and self.buried_until_ms > now_ms

    def with_flags_of(self, other: CardState) -> CardState:
        """This state with ``other``'s suspended/buried flags (an answer keeps them)."""
        return replace(self, suspended=other.suspended, buried_until_ms=other.buried_until_ms)

    def to_json(self) -> str:
        """The JSON kept in ``reviews.state_before``/``state_after``; sorted keys, stable.

        Built field by field: ``dataclasses.asdict`` deep-copies every value and
        was half the time of importing a review log.
        """
        return json.dumps(
            {
                "deck_id": self.deck_id,
                "item_id": self.item_id,
                "state": self.state,
                "step": self.step,
                "stability": self.stability,
                "difficulty": self.difficulty,
                "due_ms": self.due_ms,
                "last_review_ms": self.last_review_ms,
                "reps": self.reps,
                "lapses": self.lapses,
                "suspended": self.suspended,
                "buried_until_ms": self.buried_until_ms,
                "leech": self.leech,
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> CardState:
        data = json.loads(text)
        data["suspended"] = bool(data.get("suspended", False))
        data["leech"] = bool(data.get("leech", False))
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class ReviewRecord:
    """One ``reviews`` row: one answer, as given (or imported)."""

    id: int
    deck_id: str
    item_id: str
    reviewed_ms: int
    rating: int | None
    verdict: str | None
    response: str | None
    response_ms: int | None
    mode: str
    content_hash: str | None
    state_before: CardState | None
    state_after: CardState | None
    quiz_id: int | None = None


@dataclass(frozen=True)
class QuizSession:
    """One ``quiz_sessions`` row. ``finished_ms`` is None while a quiz runs."""

    id: int
    deck_id: str
    started_ms: int
    finished_ms: int | None
    abandoned: bool
    questions: int
    correct: int
    close: int
    wrong: int
    score: float | None
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NewReview:
    """What :meth:`Store.record_review` writes; ``state_after`` None leaves card_state alone."""

    deck_id: str
    item_id: str
    reviewed_ms: int
    rating: int | None
    mode: Mode = "study"
    verdict: str | None = None
    response: str | None = None
    response_ms: int | None = None
    content_hash: str | None = None
    state_before: CardState | None = None
    state_after: CardState | None = None
    quiz_id: int | None = None


@dataclass(frozen=True)
class NewQuiz:
    """A quiz session a history import adds, finished or abandoned, with its totals."""

    deck_id: str
    started_ms: int
    finished_ms: int | None = None
    abandoned: bool = False
    questions: int = 0
    correct: int = 0
    close: int = 0
    wrong: int = 0
    score: float | None = None
    settings: str = "{}"  # a JSON object, as text


@dataclass(frozen=True)
class HistoryBatch:
    """What a history import adds, written by :meth:`Store.write_history` all or nothing.

    ``review_quizzes[i]`` is the index in ``quizzes`` of the new quiz session
    review ``i`` answers (its ``quiz_id`` is then set to that session's new id),
    or None to keep the review's ``quiz_id`` as it is. ``states`` are written
    last, as they are (the card states the import's replay ends on).
    """

    quizzes: Sequence[NewQuiz] = ()
    reviews: Sequence[NewReview] = ()
    review_quizzes: Sequence[int | None] = ()
    states: Sequence[CardState] = ()


@runtime_checkable
class Store(StatsQueries, TransferQueries, CountQueries, Protocol):
    """What the app needs from a history store. Every write is durable when it returns.

    The read queries of the stats and of the history export and import are
    declared in :mod:`quizapp.core.store.queries`; a backend implements them too.
    """

    # settings ------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None: ...
    def set_setting(self, key: str, value: str) -> None: ...

    def interrupt(self) -> None:
        """Stop the query another thread is running on this store (it raises there).

        Safe to call from any thread, and when nothing runs; the stats screen
        calls it when it is left, so no work goes on for a screen that is gone.
        """
        ...

    def data_version(self) -> int | None:
        """A number that changes when another connection commits to the history.

        A study session keeps its queue between answers and rebuilds it when
        this changes; None means the store cannot tell (it rebuilds every time).
        """
        ...

    # card state ----------------------------------------------------------------
    def card_state(self, deck_id: str, item_id: str) -> CardState:
        """The item's state; :meth:`CardState.new` when it has no row."""
        ...

    def card_states(self, deck_id: str) -> dict[str, CardState]:
        """Every stored state of a deck, by item id (items never touched are absent)."""
        ...

    def due_states(self, deck_id: str, until_ms: int) -> list[CardState]:
        """States of a deck with ``due_ms <= until_ms`` (learning and review), via an index."""
        ...

    def queue_rows(self, deck_id: str, now_ms: int, until_ms: int) -> QueueRows:
        """What today's counts need of a deck's states, without reading every state.

        ``due``: (item id, state, due) of the learning and review states due by
        ``until_ms`` (or with no due time), neither suspended nor buried at
        ``now_ms``, via the (deck, due) index; ``started``: the item ids that
        are not available as new cards (studied, suspended or buried).
        """
        ...

    def put_card_state(self, state: CardState) -> None:
        """Write a state as is (import, repair); answers go through :meth:`record_review`."""
        ...

    def set_suspended(self, deck_id: str, item_id: str, suspended: bool) -> CardState: ...
    def bury(self, deck_id: str, item_id: str, until_ms: int | None) -> CardState:
        """Hide the item until ``until_ms`` (the next day rollover); None unburies."""
        ...

    # reviews -------------------------------------------------------------------
    def record_review(self, review: NewReview) -> int:
        """Append one review and, if ``state_after`` is set, store it; one transaction.

        Returns the review id once committed.
        """
        ...

    def record_answer(
        self, deck_id: str, item_id: str, schedule: Callable[[CardState], NewReview]
    ) -> int:
        """Answer a card from its state as committed now; one write transaction.

        The card's state is read inside the transaction (the write lock is
        taken first), ``schedule`` turns it into the review to append, and the
        review and its ``state_after`` are committed before the id is returned.
        Another session answering the same card waits for the lock, then
        schedules from this answer's state, never from a stale copy.
        """
        ...

    def replace_review(self, review_id: int, schedule: Callable[[CardState], NewReview]) -> int:
        """Replace a study review (another rating, an overruled verdict); one transaction.

        The card is brought back to the review's ``state_before`` (keeping its
        current suspended and buried flags), ``schedule`` makes the new review
        from that state, and it takes the old one's place (same id). If
        anything fails, the old review and the card's state are left as they
        were. Refused (StoreError) for a review that is not the card's last
        study answer.
        """
        ...

    def record_reviews(self, reviews: Iterable[NewReview]) -> list[int]:
        """Append many reviews in one transaction."""
        ...

    def write_history(
        self, batch: HistoryBatch, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """Write an import's quiz sessions, reviews and card states in one transaction.

        All or nothing: if any row fails, nothing of the batch is in the history.
        ``progress(done, total)`` is called as the reviews are written.
        """
        ...

    def review(self, review_id: int) -> ReviewRecord | None: ...
    def reviews(
        self,
        deck_id: str | None = None,
        *,
        since_ms: int | None = None,
        until_ms: int | None = None,
        mode: str | None = None,
        item_id: str | None = None,
    ) -> list[ReviewRecord]:
        """Reviews in time order (then id), optionally filtered; ``until_ms`` exclusive."""
        ...

    def undo_review(self, review_id: int) -> ReviewRecord:
        """Delete a study review and restore the card to ``state_before``, exactly.

        The suspended and buried flags the card has now are kept: they are set
        by the learner apart from answers, and an undo takes back only the answer.

        Refused (StoreError) if a later review of the same card exists, since
        restoring would drop that later answer's effect.
        """
        ...

    def undo_last(self, deck_ids: Iterable[str] | None = None) -> ReviewRecord | None:
        """Undo the most recent study review (of these decks); None when there is none."""
        ...

    def study_counts_since(self, deck_id: str, since_ms: int) -> tuple[int, int]:
        """(new cards introduced, review cards answered) by study reviews since a time."""
        ...

    def response_times(self, deck_id: str, *, limit: int = 200) -> list[int]:
        """The latest response times (ms) of right study answers of a deck, newest first."""
        ...

    def item_ids_with_history(self, deck_id: str) -> set[str]:
        """Item ids with a review or a card state (orphan detection)."""
        ...

    def deck_ids_with_history(self) -> set[str]: ...

    # quizzes -------------------------------------------------------------------
    def start_quiz(self, deck_id: str, started_ms: int, settings: Mapping[str, Any]) -> int: ...
    def record_quiz_answer(self, quiz_id: int, review: NewReview) -> int:
        """A ``quiz`` review row (no card_state change) and the running totals, committed."""
        ...

    def overrule_quiz_answer(
        self, review_id: int, *, rating: int, score: float | None
    ) -> QuizSession:
        """ "I was actually right" on a quiz answer judged wrong, in one transaction.

        The review keeps its response and reads verdict :data:`OVERRULED` (right,
        and told apart from the checker's own "correct") with ``rating``; its
        quiz counts one more correct, one less wrong, and takes ``score``.
        """
        ...

    def finish_quiz(
        self,
        quiz_id: int,
        *,
        finished_ms: int,
        questions: int,
        correct: int,
        close: int,
        wrong: int,
        score: float | None,
        abandoned: bool = False,
    ) -> QuizSession: ...
    def quiz_session(self, quiz_id: int) -> QuizSession | None: ...
    def quiz_sessions(self, deck_id: str | None = None) -> list[QuizSession]:
        """Quiz sessions, oldest first."""
        ...

    def last_quiz(self, deck_id: str) -> QuizSession | None:
        """The most recent finished (or abandoned) quiz of a deck."""
        ...

    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
