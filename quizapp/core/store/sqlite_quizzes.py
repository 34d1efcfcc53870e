"""Quiz sessions in the SQLite store: started, answered question by question, finished."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from quizapp.core.store.protocol import OVERRULED, NewReview, QuizSession, StoreError
from quizapp.core.store.quiz_rules import existing_session, overrulable_quiz
from quizapp.core.store.sqlite_base import SqliteBase
from quizapp.core.store.sqlite_rows import QUIZ_COLUMNS, quiz_from_row, reading


class SqliteQuizzes(SqliteBase):
    """Mixed into :class:`~quizapp.core.store.sqlite.SqliteStore`: the quiz sessions."""

    def start_quiz(self, deck_id: str, started_ms: int, settings: Mapping[str, Any]) -> int:
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO quiz_sessions (deck_id, started_ms, questions, settings) "
                "VALUES (?, ?, 0, ?)",
                (deck_id, started_ms, json.dumps(dict(settings), sort_keys=True)),
            )
            return int(cursor.lastrowid or 0)

    def record_quiz_answer(self, quiz_id: int, review: NewReview) -> int:
        review = replace(review, mode="quiz", quiz_id=quiz_id, state_after=None)
        column = {"correct": "correct", "close": "close"}.get(review.verdict or "", "wrong")
        with self._write() as conn:
            review_id = self._insert_review(conn, review)
            conn.execute(
                f"UPDATE quiz_sessions SET questions = questions + 1, {column} = {column} + 1 "
                "WHERE id = ?",
                (quiz_id,),
            )
            return review_id

    def overrule_quiz_answer(
        self, review_id: int, *, rating: int, score: float | None
    ) -> QuizSession:
        with self._write() as conn:
            row = conn.execute(
                "SELECT quiz_id, verdict FROM reviews WHERE id = ? AND mode = 'quiz'", (review_id,)
            ).fetchone()
            quiz_id = overrulable_quiz(row, review_id)
            conn.execute(
                "UPDATE reviews SET verdict = ?, rating = ? WHERE id = ?",
                (OVERRULED, rating, review_id),
            )
            conn.execute(
                "UPDATE quiz_sessions SET correct = correct + 1, wrong = max(wrong - 1, 0), "
                "score = ? WHERE id = ?",
                (score, quiz_id),
            )
        return existing_session(self.quiz_session(quiz_id), quiz_id)

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
    ) -> QuizSession:
        with self._write() as conn:
            conn.execute(
                "UPDATE quiz_sessions SET finished_ms = ?, questions = ?, correct = ?, "
                "close = ?, wrong = ?, score = ?, abandoned = ? WHERE id = ?",
                (finished_ms, questions, correct, close, wrong, score, int(abandoned), quiz_id),
            )
        session = self.quiz_session(quiz_id)
        if session is None:
            raise StoreError(f"quiz {quiz_id} does not exist")
        return session

    def quiz_session(self, quiz_id: int) -> QuizSession | None:
        row = self._conn.execute(
            f"SELECT {QUIZ_COLUMNS} FROM quiz_sessions WHERE id = ?", (quiz_id,)
        ).fetchone()
        return None if row is None else quiz_from_row(row)

    def quiz_sessions(self, deck_id: str | None = None) -> list[QuizSession]:
        sql = f"SELECT {QUIZ_COLUMNS} FROM quiz_sessions"
        params: tuple[str, ...] = ()
        if deck_id is not None:
            sql += " WHERE deck_id = ?"
            params = (deck_id,)
        with reading(self.path):  # the stats read quiz scores here
            rows = self._conn.execute(sql + " ORDER BY started_ms, id", params).fetchall()
        return [quiz_from_row(row) for row in rows]

    def last_quiz(self, deck_id: str) -> QuizSession | None:
        row = self._conn.execute(
            f"SELECT {QUIZ_COLUMNS} FROM quiz_sessions WHERE deck_id = ? "
            "AND finished_ms IS NOT NULL ORDER BY finished_ms DESC, id DESC LIMIT 1",
            (deck_id,),
        ).fetchone()
        return None if row is None else quiz_from_row(row)
