"""What the store's read queries for the stats and the history transfer return.

Small typed records, one per question the app asks of the history, so that
the figures are computed in the core (:mod:`quizapp.core.stats`) whatever the
backend. Times are ``int`` milliseconds since the epoch, UTC.
"""

from __future__ import annotations

from typing import NamedTuple

# ---------------------------------------------------------------- study


class QueueRows(NamedTuple):
    """A deck's states as today's counts need them (see ``Store.queue_rows``).

    ``due``: (item id, state, due ms or None) of the started cards that are
    due before the horizon and neither suspended nor buried; ``started``: the
    ids of every card already answered.
    """

    due: list[tuple[str, int, int | None]]
    started: set[str]


# (item id, state, due ms or None, held: 1 when suspended or buried at the moment counted)
CountRow = tuple[str, int, int | None, int]


class CountRows(NamedTuple):
    """What today's counts read of one deck as range counts (see ``Store.count_rows``).

    ``totals``: over every state of the deck, suspended, buried and removed
    ones included: (states past new, learning states due by now or with no due
    time, learning states due after now and before the day's end, of those the
    ones due by the learn-ahead limit, review states due by now or with no due
    time); ``rows``: the states of the held cards (suspended or buried at now),
    of ``removed`` and of the ids asked for; ``removed``: the ids with a state
    that are not in the deck.
    """

    totals: tuple[int, int, int, int, int]
    rows: list[CountRow]
    removed: frozenset[str]


# ---------------------------------------------------------------- stats


class RetentionCount(NamedTuple):
    """Answers counted for true retention in one slice of time and one class.

    ``slice`` is the index of the time slice (the query says which); mature
    means the interval before the answer was at least the mature line;
    passed means the rating was not Again.
    """

    slice: int
    mature: bool
    passed: bool
    answers: int


class BucketCount(NamedTuple):
    """How many cards fall in one time bucket (``bucket * size`` ms since the epoch)."""

    bucket: int
    cards: int


class DueForecast(NamedTuple):
    """Studied, unsuspended cards overdue before a time and due per bucket after it."""

    overdue: int
    buckets: list[BucketCount]


class StateCounts(NamedTuple):
    """Stored card states by kind; suspended cards count only as suspended.

    Young and mature are cards in review whose interval is under or at least
    the mature line. Leeches overlap the others.
    """

    new: int
    learning: int
    young: int
    mature: int
    suspended: int
    leeches: int


class StudiedCard(NamedTuple):
    """A studied card's record, for the hardest-cards lists."""

    deck_id: str
    item_id: str
    lapses: int
    reps: int
    stability: float | None
    last_review_ms: int | None


class ItemAnswers(NamedTuple):
    """Every answer to one item (study, quiz, import) and how many were wrong."""

    deck_id: str
    item_id: str
    answers: int
    wrong: int


# ---------------------------------------------------------------- history transfer


class StoredReview(NamedTuple):
    """One review as stored, JSON columns as their text, for the history export."""

    deck_id: str
    item_id: str
    reviewed_ms: int
    rating: int | None
    verdict: str | None
    response: str | None
    response_ms: int | None
    mode: str
    content_hash: str | None
    state_before: str | None
    state_after: str | None
    quiz_id: int | None


class StoredQuiz(NamedTuple):
    """One quiz session as stored (``abandoned`` 0 or 1, settings as JSON text), for export."""

    id: int
    deck_id: str
    started_ms: int
    finished_ms: int | None
    abandoned: int
    questions: int | None
    correct: int | None
    close: int | None
    wrong: int | None
    score: float | None
    settings: str | None


class ReviewKey(NamedTuple):
    """What makes a review the same one on import: deck, item, time, rating and occurrence.

    ``occurrence`` tells apart answers equal in all the rest (two Again on one
    day in a log with date-only times): the n-th such answer, from 0, in the
    order they were recorded (by id in the store, by row in a file). An export
    lists them in that order, so a round trip keeps every one and importing a
    file again finds each.
    """

    deck_id: str
    item_id: str
    reviewed_ms: int
    rating: int | None
    occurrence: int = 0


class PastAnswer(NamedTuple):
    """A rated study or imported answer, as the scheduler replays it."""

    deck_id: str
    item_id: str
    reviewed_ms: int
    rating: int
    response_ms: int | None


# ---------------------------------------------------------------- the class (a teacher's view)


class LearnerActivity(NamedTuple):
    """One learner of the class: every answer they gave and the time of the last one."""

    learner: str
    answers: int
    last_ms: int | None


class LearnerQuizzes(NamedTuple):
    """A learner's finished quizzes of one deck: how many, the last score and the best."""

    learner: str
    deck_id: str
    quizzes: int
    last_score: float
    best_score: float


class LearnerRetention(NamedTuple):
    """A learner's true-retention answers of one deck: how many, and how many passed."""

    learner: str
    deck_id: str
    answers: int
    passed: int


class LearnerBucket(NamedTuple):
    """A learner answered at least once in this time bucket (``bucket * size`` ms)."""

    learner: str
    bucket: int


class ClassMiss(NamedTuple):
    """A card the class gets wrong: wrong answers, all answers, learners who missed it."""

    deck_id: str
    item_id: str
    wrong: int
    answers: int
    learners: int
