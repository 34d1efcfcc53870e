"""Quizzes cut off by a signal, kill -9 or a power cut: marked abandoned at the next start.

Every answer of a quiz is committed when given, and the quiz's row keeps the
running totals, but only :meth:`~quizapp.core.quiz.QuizRun.finish` or
``abandon`` closes the row. A process that dies first leaves it open; this
closes it as the learner leaving would have: abandoned, scored over the
questions answered, at the time of its last answer (or its start).

Only a store that knows no other quizapp is writing may call this (an open
quiz might be running there): the SQLite store knows it from its lock file.
"""

from __future__ import annotations

from quizapp.core.quiz_score import quiz_score
from quizapp.core.store.protocol import QuizSession, Store


def close_cut_off_quizzes(store: Store) -> list[QuizSession]:
    """Mark every unfinished quiz abandoned; returns them as they are now stored."""
    closed = []
    for quiz in store.quiz_sessions():
        if quiz.finished_ms is not None:
            continue
        answered = quiz.correct + quiz.close + quiz.wrong
        answers = store.reviews(quiz.deck_id, since_ms=quiz.started_ms, mode="quiz")
        last = max((r.reviewed_ms for r in answers if r.quiz_id == quiz.id), default=None)
        closed.append(
            store.finish_quiz(
                quiz.id,
                finished_ms=last if last is not None else quiz.started_ms,
                questions=answered,
                correct=quiz.correct,
                close=quiz.close,
                wrong=quiz.wrong,
                score=quiz_score(quiz.correct, quiz.close, answered),
                abandoned=True,
            )
        )
    return closed
