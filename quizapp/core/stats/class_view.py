"""The class view: each learner's quiz scores, streak and true retention, and the cards missed.

What ``quizapp class`` prints and the stats screen's Class tab shows to a
teacher connected to a shared history. The store counts per learner
(:class:`~quizapp.core.store.queries.ClassQueries`); this module puts the
counts together: study days and streaks on the teacher's study clock (their
zone and rollover hour, :mod:`.clock`), retention ratios, and the
questions of the cards missed most (from the loaded decks). Learner names,
deck ids and questions come from the database: the screens show them as
untrusted text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from quizapp.core.models import Deck
from quizapp.core.stats.activity import streaks
from quizapp.core.stats.clock import BUCKET_MS, DayClock
from quizapp.core.stats.hard_cards import questions_of
from quizapp.core.stats.results import ratio
from quizapp.core.store.queries import ClassQueries

MISSED_LIMIT = 10
STREAK_DAYS = 400  # the streak looks this far back (a longer one shows as this many days)


@dataclass(frozen=True)
class DeckScores:
    """One learner's figures for one deck."""

    deck_id: str
    quizzes: int = 0
    last_score: float | None = None
    best_score: float | None = None
    retention_answers: int = 0
    retention_passed: int = 0

    @property
    def retention(self) -> float | None:
        return ratio(self.retention_passed, self.retention_answers)


@dataclass(frozen=True)
class LearnerScores:
    """One learner: answers, the last one, the study streak, and each deck they used."""

    learner: str
    answers: int
    last_ms: int | None
    streak: int
    decks: list[DeckScores]


@dataclass(frozen=True)
class MissedCard:
    """A card the class misses: its question when the deck is loaded (else None)."""

    deck_id: str
    item_id: str
    question: str | None
    wrong: int
    answers: int
    learners: int


@dataclass(frozen=True)
class ClassReport:
    """Every figure of the class view."""

    generated_ms: int
    deck_id: str | None
    learners: list[LearnerScores]
    most_missed: list[MissedCard]


def _streaks(
    queries: ClassQueries, clock: DayClock, now_ms: int, deck_id: str | None
) -> dict[str, int]:
    today = clock.day_of(now_ms)
    since = clock.start_ms(today - timedelta(days=STREAK_DAYS))
    days: dict[str, set[date]] = defaultdict(set)
    buckets = queries.class_buckets(since, BUCKET_MS, deck_id)
    if buckets:
        mapper = clock.mapper(since, now_ms)
        for learner, bucket in buckets:
            days[learner].add(mapper(bucket * BUCKET_MS))
    return {learner: streaks(studied, today)[0] for learner, studied in days.items()}


def class_report(
    queries: ClassQueries,
    clock: DayClock,
    now_ms: int,
    deck_id: str | None = None,
    decks: Sequence[Deck] = (),
    limit: int = MISSED_LIMIT,
) -> ClassReport:
    """The class view of every learner (of one deck, or of all decks when None)."""
    per_deck: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    for q in queries.class_quizzes(deck_id):
        per_deck[(q.learner, q.deck_id)].update(
            quizzes=q.quizzes, last_score=q.last_score, best_score=q.best_score
        )
    for r in queries.class_retention(deck_id):
        per_deck[(r.learner, r.deck_id)].update(
            retention_answers=r.answers, retention_passed=r.passed
        )
    streak = _streaks(queries, clock, now_ms, deck_id)
    learners = [
        LearnerScores(
            learner=person.learner,
            answers=person.answers,
            last_ms=person.last_ms,
            streak=streak.get(person.learner, 0),
            decks=[
                DeckScores(deck, **figures)
                for (who, deck), figures in sorted(per_deck.items())
                if who == person.learner
            ],
        )
        for person in queries.class_learners(deck_id)
    ]
    misses = queries.class_misses(deck_id, limit)
    questions = questions_of({(m.deck_id, m.item_id) for m in misses}, decks)
    missed = [
        MissedCard(
            m.deck_id,
            m.item_id,
            questions.get((m.deck_id, m.item_id)),
            m.wrong,
            m.answers,
            m.learners,
        )
        for m in misses
    ]
    return ClassReport(now_ms, deck_id, learners, missed)


def class_report_to_dict(report: ClassReport) -> dict[str, Any]:
    """The report as JSON-ready data (``quizapp class --json``); scores in percent, 0-100."""
    from quizapp.core.history_io.times import iso_from_ms

    return {
        "generated": iso_from_ms(report.generated_ms),
        "deck": report.deck_id,
        "learners": [
            {
                "learner": person.learner,
                "answers": person.answers,
                "last_answer": iso_from_ms(person.last_ms) if person.last_ms else None,
                "streak_days": person.streak,
                "decks": [
                    {
                        "deck": d.deck_id,
                        "quizzes": d.quizzes,
                        "last_score": d.last_score,
                        "best_score": d.best_score,
                        "retention": d.retention,
                        "retention_answers": d.retention_answers,
                    }
                    for d in person.decks
                ],
            }
            for person in report.learners
        ],
        "most_missed": [
            {
                "deck_id": m.deck_id,
                "item_id": m.item_id,
                "question": m.question,
                "wrong": m.wrong,
                "answers": m.answers,
                "learners": m.learners,
            }
            for m in report.most_missed
        ],
    }
