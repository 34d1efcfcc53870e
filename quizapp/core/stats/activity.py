"""Activity: reviews per study day, the calendar of the last year, streaks, quiz scores."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from quizapp.core.quiz_score import quiz_score
from quizapp.core.stats.clock import DayClock
from quizapp.core.stats.results import Calendar, QuizHistory, QuizPoint, RecentQuiz
from quizapp.core.store.protocol import QuizSession, Store

HEATMAP_DAYS = 365


RECENT_QUIZZES = 5


def recent_quizzes(
    store: Store, deck_id: str | None = None, limit: int = RECENT_QUIZZES
) -> list[RecentQuiz]:
    """The last ``limit`` quizzes, newest first, abandoned ones included.

    A quiz left before any answer has no score (None), whatever an older
    quizapp stored for it. A quiz never closed (cut off by kill -9, and not
    yet marked at a start) counts as abandoned, scored over its answers.
    """
    sessions = store.quiz_sessions(deck_id)[-limit:]
    return [
        RecentQuiz(
            deck_id=quiz.deck_id,
            when_ms=quiz.finished_ms if quiz.finished_ms is not None else quiz.started_ms,
            questions=quiz.questions,
            score=_score(quiz) if quiz.questions else None,
            abandoned=_abandoned(quiz),
        )
        for quiz in reversed(sessions)
    ]


def _abandoned(quiz: QuizSession) -> bool:
    """Left before the end: abandoned, or never closed (the process was killed)."""
    return quiz.abandoned or quiz.finished_ms is None


def _score(quiz: QuizSession) -> float | None:
    if quiz.finished_ms is None:  # no score was saved: over the answers given
        return quiz_score(quiz.correct, quiz.close, quiz.correct + quiz.close + quiz.wrong)
    return quiz.score


def quiz_history(store: Store, deck_id: str | None = None) -> list[QuizHistory]:
    """Finished quizzes per deck, oldest first, with best, last and average score.

    Abandoned quizzes (and quizzes never closed, cut off by kill -9) are kept
    out of the scores (they were not finished) but counted, with their answers.
    """
    points: dict[str, list[QuizPoint]] = defaultdict(list)
    abandoned: dict[str, int] = defaultdict(int)
    answered: dict[str, int] = defaultdict(int)
    for quiz in store.quiz_sessions(deck_id):
        deck = quiz.deck_id
        points.setdefault(deck, [])
        when = quiz.finished_ms if quiz.finished_ms is not None else quiz.started_ms
        if _abandoned(quiz):
            abandoned[deck] += 1
            answered[deck] += quiz.questions
        elif quiz.score is not None:
            points[deck].append(QuizPoint(int(when), float(quiz.score), int(quiz.questions or 0)))
    result = []
    for deck in sorted(points):
        scores = [p.score for p in points[deck]]
        result.append(
            QuizHistory(
                deck_id=deck,
                points=points[deck],
                best=max(scores) if scores else None,
                last=scores[-1] if scores else None,
                average=sum(scores) / len(scores) if scores else None,
                abandoned=abandoned[deck],
                abandoned_answers=answered[deck],
            )
        )
    return result


def streaks(studied: set[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days.

    The current streak still counts when today has no review yet (the day is
    not over), as long as yesterday had one.
    """
    longest = run = 0
    previous: date | None = None
    for day in sorted(studied):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    day = today if today in studied else today - timedelta(days=1)
    while day in studied:
        current += 1
        day -= timedelta(days=1)
    return current, longest


def reviews_per_day(
    store: Store, clock: DayClock, first: date, last: date, deck_id: str | None = None
) -> dict[date, int]:
    """Reviews on each study day from ``first`` to ``last`` (inclusive), zeros left out.

    Python computes each day's UTC bounds (so a 23- or 25-hour day is right)
    and the store counts each range.
    """
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    if not days:
        return {}
    starts = [clock.start_ms(d) for d in days]
    starts.append(clock.start_ms(last + timedelta(days=1)))
    ranges = [(starts[i], starts[i + 1]) for i in range(len(days))]
    counts = store.review_counts(ranges, deck_id)
    return {day: n for day, n in zip(days, counts, strict=True) if n}


def calendar(store: Store, clock: DayClock, now_ms: int, deck_id: str | None = None) -> Calendar:
    """Reviews per study day over the last year, and streaks over the whole history.

    Every answer counts as activity: study, quiz and imported reviews alike.
    """
    span = store.review_span(deck_id)
    today = clock.day_of(now_ms)
    per_day: dict[date, int] = {}
    if span is not None:
        low, high = span
        per_day = reviews_per_day(
            store, clock, clock.day_of(low), max(today, clock.day_of(high)), deck_id
        )
    first = today - timedelta(days=HEATMAP_DAYS - 1)
    window = [first + timedelta(days=i) for i in range(HEATMAP_DAYS)]
    days = [(day, per_day.get(day, 0)) for day in window]
    current, longest = streaks({d for d in per_day if d <= today}, today)
    return Calendar(
        today=today,
        days=days,
        current_streak=current,
        longest_streak=longest,
        days_studied=sum(1 for _, n in days if n),
        total_reviews=sum(n for _, n in days),
    )


def empty_calendar(today: date) -> Calendar:
    """The calendar of a history without answers: a year of zeros, no streak."""
    first = today - timedelta(days=HEATMAP_DAYS - 1)
    return Calendar(
        today, [(first + timedelta(days=i), 0) for i in range(HEATMAP_DAYS)], 0, 0, 0, 0
    )
