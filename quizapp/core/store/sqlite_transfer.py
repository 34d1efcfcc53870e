"""The history transfer queries (:class:`~quizapp.core.store.queries.TransferQueries`) on SQLite.

The export streams rows with their JSON columns as stored, so exporting a
history and importing it back gives the same rows; the import's reads are
whole-deck sets, read once, so a log of many thousand answers costs a few
queries and not one per answer. The import writes in one transaction
(:meth:`SqliteTransferQueries.write_history`): all of a file or none of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from quizapp.core.store.protocol import HistoryBatch
from quizapp.core.store.records import PastAnswer, ReviewKey, StoredQuiz, StoredReview
from quizapp.core.store.sqlite_base import SqliteBase
from quizapp.core.store.sqlite_rows import marks, reading

PROGRESS_EVERY = 2_000  # reviews written between two progress reports


class SqliteTransferQueries(SqliteBase):
    """Mixed into :class:`~quizapp.core.store.sqlite.SqliteStore`: export and import reads."""

    def stored_reviews(self, deck_id: str | None) -> Iterator[StoredReview]:
        where, params = ("WHERE deck_id = ?", (deck_id,)) if deck_id is not None else ("", ())
        with reading(self.path):
            cursor = self._conn.execute(
                "SELECT deck_id, item_id, reviewed_ms, rating, verdict, response, response_ms, "
                f"mode, content_hash, state_before, state_after, quiz_id FROM reviews {where} "
                "ORDER BY reviewed_ms, id",
                params,
            )
            for row in cursor:
                yield StoredReview(*row)

    def stored_quizzes(self, deck_id: str | None) -> Iterator[StoredQuiz]:
        where, params = ("WHERE deck_id = ?", (deck_id,)) if deck_id is not None else ("", ())
        with reading(self.path):
            cursor = self._conn.execute(
                "SELECT id, deck_id, started_ms, finished_ms, abandoned, questions, correct, "
                f"close, wrong, score, settings FROM quiz_sessions {where} "
                "ORDER BY started_ms, id",
                params,
            )
            for row in cursor:
                yield StoredQuiz(*row)

    def review_keys(self, deck_ids: Sequence[str]) -> set[ReviewKey]:
        with reading(self.path):
            rows = self._conn.execute(
                "SELECT deck_id, item_id, reviewed_ms, rating, row_number() OVER ("
                "PARTITION BY deck_id, item_id, reviewed_ms, rating ORDER BY id) - 1 "
                f"FROM reviews WHERE deck_id IN ({marks(deck_ids)})",
                tuple(deck_ids),
            )
            return {ReviewKey(*row) for row in rows}

    def past_answers(self, deck_ids: Sequence[str]) -> Iterator[PastAnswer]:
        with reading(self.path):
            cursor = self._conn.execute(
                "SELECT deck_id, item_id, reviewed_ms, rating, response_ms FROM reviews "
                f"WHERE deck_id IN ({marks(deck_ids)}) AND mode IN ('study', 'import') "
                "AND rating IS NOT NULL",
                tuple(deck_ids),
            )
            for row in cursor:
                yield PastAnswer(*row)

    def write_history(
        self, batch: HistoryBatch, progress: Callable[[int, int], None] | None = None
    ) -> None:
        total = len(batch.reviews)
        with self._write() as conn:
            quiz_ids = []
            for quiz in batch.quizzes:
                cursor = conn.execute(
                    "INSERT INTO quiz_sessions (deck_id, started_ms, finished_ms, abandoned, "
                    "questions, correct, close, wrong, score, settings) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        quiz.deck_id,
                        quiz.started_ms,
                        quiz.finished_ms,
                        int(quiz.abandoned),
                        quiz.questions,
                        quiz.correct,
                        quiz.close,
                        quiz.wrong,
                        quiz.score,
                        quiz.settings,
                    ),
                )
                quiz_ids.append(int(cursor.lastrowid or 0))
            links = list(batch.review_quizzes) or [None] * total
            for done, (review, link) in enumerate(zip(batch.reviews, links, strict=True), 1):
                if link is not None:
                    review = replace(review, quiz_id=quiz_ids[link])
                self._insert_review(conn, review)
                if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
                    progress(done, total)
            for state in batch.states:
                self._put_state(conn, state)
