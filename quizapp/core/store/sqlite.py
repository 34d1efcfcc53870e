"""The SQLite history store (stdlib ``sqlite3``).

Durability rules, because years of study live in this file (opening, WAL and
``synchronous=FULL`` are in :mod:`quizapp.core.store.sqlite_open`):

* every write runs in ``BEGIN IMMEDIATE`` … ``COMMIT`` (the write lock is
  taken up front, so no deadlock-prone lock upgrade); on error we roll back
  only if a transaction is still open;
* each answer is committed before :meth:`SqliteStore.record_review` returns.

The read queries of the stats and of the history transfer live in
:mod:`quizapp.core.store.sqlite_stats` and :mod:`quizapp.core.store.sqlite_transfer`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from quizapp.core.paths import database_path
from quizapp.core.store.protocol import (
    NEW,
    REVIEW,
    CardState,
    NewReview,
    QuizSession,
    ReviewRecord,
    StoreError,
)
from quizapp.core.store.sqlite_open import connect, connect_readonly
from quizapp.core.store.sqlite_rows import QUIZ_COLUMNS as _QUIZ_COLUMNS
from quizapp.core.store.sqlite_rows import REVIEW_COLUMNS as _REVIEW_COLUMNS
from quizapp.core.store.sqlite_rows import REVIEW_INSERT as _REVIEW_INSERT
from quizapp.core.store.sqlite_rows import STATE_COLUMNS as _STATE_COLUMNS
from quizapp.core.store.sqlite_rows import last_study_answer, read_state, reading
from quizapp.core.store.sqlite_rows import quiz_from_row as _quiz_from_row
from quizapp.core.store.sqlite_rows import review_from_row as _review_from_row
from quizapp.core.store.sqlite_rows import review_params as _review_params
from quizapp.core.store.sqlite_rows import state_from_row as _state_from_row
from quizapp.core.store.sqlite_rows import state_params as _state_params
from quizapp.core.store.sqlite_stats import SqliteStatsQueries
from quizapp.core.store.sqlite_transfer import SqliteTransferQueries


class SqliteStore(SqliteStatsQueries, SqliteTransferQueries):
    """The :class:`~quizapp.core.store.protocol.Store` on one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: Path | str) -> None:
        self._conn = conn
        self.path = path

    # opening -------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None) -> SqliteStore:
        """Open (creating and migrating as needed) the store; default ``database_path()``.

        Raises :class:`StoreError` with one clear line for a file that is not a
        database or comes from a newer quizapp; such a file is not modified.
        """
        target = database_path() if path is None else path
        return cls(connect(target), target)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for tests and benchmarks (the app goes through the methods)."""
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT``."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # settings --------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # card state ------------------------------------------------------------------
    def card_state(self, deck_id: str, item_id: str) -> CardState:
        return read_state(self._conn, deck_id, item_id)

    def card_states(self, deck_id: str) -> dict[str, CardState]:
        rows = self._conn.execute(
            f"SELECT {_STATE_COLUMNS} FROM card_state WHERE deck_id = ?", (deck_id,)
        )
        return {row[1]: _state_from_row(row) for row in rows}

    def due_states(self, deck_id: str, until_ms: int) -> list[CardState]:
        rows = self._conn.execute(
            f"SELECT {_STATE_COLUMNS} FROM card_state "
            "WHERE deck_id = ? AND due_ms <= ? ORDER BY due_ms",
            (deck_id, until_ms),
        )
        return [_state_from_row(row) for row in rows]

    def due_count(self, deck_id: str, now_ms: int) -> dict[int, int]:
        """Due (unsuspended, unburied) cards of a deck by state; the indexed query."""
        rows = self._conn.execute(DUE_COUNT_SQL, (deck_id, now_ms, now_ms))
        return {state: count for state, count in rows}

    @staticmethod
    def _put_state(conn: sqlite3.Connection, state: CardState) -> None:
        if state.is_pristine:
            conn.execute(
                "DELETE FROM card_state WHERE deck_id = ? AND item_id = ?",
                (state.deck_id, state.item_id),
            )
            return
        conn.execute(
            f"INSERT OR REPLACE INTO card_state ({_STATE_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _state_params(state),
        )

    def put_card_state(self, state: CardState) -> None:
        with self._write() as conn:
            self._put_state(conn, state)

    def _update_flags(self, deck_id: str, item_id: str, **changes: Any) -> CardState:
        with self._write() as conn:
            updated = replace(read_state(conn, deck_id, item_id), **changes)
            self._put_state(conn, updated)
        return updated

    def set_suspended(self, deck_id: str, item_id: str, suspended: bool) -> CardState:
        return self._update_flags(deck_id, item_id, suspended=bool(suspended))

    def bury(self, deck_id: str, item_id: str, until_ms: int | None) -> CardState:
        return self._update_flags(deck_id, item_id, buried_until_ms=until_ms)

    # reviews -----------------------------------------------------------------------
    @staticmethod
    def _insert_review(conn: sqlite3.Connection, r: NewReview) -> int:
        cursor = conn.execute(_REVIEW_INSERT, _review_params(r))
        if r.state_after is not None:
            SqliteStore._put_state(conn, r.state_after)
        return int(cursor.lastrowid or 0)

    def record_review(self, review: NewReview) -> int:
        with self._write() as conn:
            return self._insert_review(conn, review)

    def record_answer(
        self, deck_id: str, item_id: str, schedule: Callable[[CardState], NewReview]
    ) -> int:
        with self._write() as conn:
            review = schedule(read_state(conn, deck_id, item_id))
            return self._insert_review(conn, review)

    def replace_review(self, review_id: int, schedule: Callable[[CardState], NewReview]) -> int:
        with self._write() as conn:
            record = last_study_answer(conn, review_id)
            assert record.state_before is not None
            flags = read_state(conn, record.deck_id, record.item_id)
            review = schedule(record.state_before.with_flags_of(flags))
            if (review.deck_id, review.item_id) != (record.deck_id, record.item_id):
                raise StoreError(f"review {review_id} is of another card")
            # The new row is written by the one insert path (so every column derived
            # from the review is right), then takes the old row's id: undo stacks and
            # exports that hold the id keep pointing at this answer.
            conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            new_id = self._insert_review(conn, review)
            conn.execute("UPDATE reviews SET id = ? WHERE id = ?", (review_id, new_id))
        return review_id

    def record_reviews(self, reviews: Iterable[NewReview]) -> list[int]:
        with self._write() as conn:
            return [self._insert_review(conn, r) for r in reviews]

    def review(self, review_id: int) -> ReviewRecord | None:
        row = self._conn.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE id = ?", (review_id,)
        ).fetchone()
        return None if row is None else _review_from_row(row)

    def reviews(
        self,
        deck_id: str | None = None,
        *,
        since_ms: int | None = None,
        until_ms: int | None = None,
        mode: str | None = None,
        item_id: str | None = None,
    ) -> list[ReviewRecord]:
        where, params = [], []
        for clause, value in (
            ("deck_id = ?", deck_id),
            ("reviewed_ms >= ?", since_ms),
            ("reviewed_ms < ?", until_ms),
            ("mode = ?", mode),
            ("item_id = ?", item_id),
        ):
            if value is not None:
                where.append(clause)
                params.append(value)
        sql = f"SELECT {_REVIEW_COLUMNS} FROM reviews"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY reviewed_ms, id"
        return [_review_from_row(row) for row in self._conn.execute(sql, params)]

    def undo_review(self, review_id: int) -> ReviewRecord:
        with self._write() as conn:
            record = last_study_answer(conn, review_id)
            assert record.state_before is not None
            # Suspend and bury are the learner's own choices, made outside the
            # answer: taking the answer back must not silently undo them.
            flags = read_state(conn, record.deck_id, record.item_id)
            conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            self._put_state(conn, record.state_before.with_flags_of(flags))
        return record

    def undo_last(self, deck_ids: Iterable[str] | None = None) -> ReviewRecord | None:
        sql = "SELECT id FROM reviews WHERE mode = 'study' AND state_before IS NOT NULL"
        params: list[Any] = []
        if deck_ids is not None:
            ids = list(deck_ids)
            sql += f" AND deck_id IN ({', '.join('?' * len(ids))})"
            params.extend(ids)
        row = self._conn.execute(sql + " ORDER BY id DESC LIMIT 1", params).fetchone()
        return None if row is None else self.undo_review(row[0])

    def study_counts_since(self, deck_id: str, since_ms: int) -> tuple[int, int]:
        row = self._conn.execute(
            "SELECT coalesce(sum(before_state = ?), 0), coalesce(sum(before_state = ?), 0) "
            "FROM reviews WHERE deck_id = ? AND reviewed_ms >= ? AND mode = 'study'",
            (NEW, REVIEW, deck_id, since_ms),
        ).fetchone()
        return int(row[0]), int(row[1])

    def response_times(self, deck_id: str, *, limit: int = 200) -> list[int]:
        rows = self._conn.execute(
            "SELECT response_ms FROM reviews WHERE deck_id = ? AND mode = 'study' "
            "AND response_ms IS NOT NULL AND rating > 1 ORDER BY reviewed_ms DESC, id DESC "
            "LIMIT ?",
            (deck_id, limit),
        )
        return [row[0] for row in rows]

    def item_ids_with_history(self, deck_id: str) -> set[str]:
        rows = self._conn.execute(
            "SELECT item_id FROM reviews WHERE deck_id = ? "
            "UNION SELECT item_id FROM card_state WHERE deck_id = ?",
            (deck_id, deck_id),
        )
        return {row[0] for row in rows}

    def deck_ids_with_history(self) -> set[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT deck_id FROM reviews UNION SELECT DISTINCT deck_id FROM card_state"
        )
        return {row[0] for row in rows}

    # quizzes -------------------------------------------------------------------------
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
            f"SELECT {_QUIZ_COLUMNS} FROM quiz_sessions WHERE id = ?", (quiz_id,)
        ).fetchone()
        return None if row is None else _quiz_from_row(row)

    def quiz_sessions(self, deck_id: str | None = None) -> list[QuizSession]:
        sql = f"SELECT {_QUIZ_COLUMNS} FROM quiz_sessions"
        params: tuple[str, ...] = ()
        if deck_id is not None:
            sql += " WHERE deck_id = ?"
            params = (deck_id,)
        with reading(self.path):  # the stats read quiz scores here
            rows = self._conn.execute(sql + " ORDER BY started_ms, id", params).fetchall()
        return [_quiz_from_row(row) for row in rows]

    def last_quiz(self, deck_id: str) -> QuizSession | None:
        row = self._conn.execute(
            f"SELECT {_QUIZ_COLUMNS} FROM quiz_sessions WHERE deck_id = ? "
            "AND finished_ms IS NOT NULL ORDER BY finished_ms DESC, id DESC LIMIT 1",
            (deck_id,),
        ).fetchone()
        return None if row is None else _quiz_from_row(row)


DUE_COUNT_SQL = (
    "SELECT state, count(*) FROM card_state "
    f"WHERE deck_id = ? AND due_ms <= ? AND state > {NEW} AND suspended = 0 "
    "AND (buried_until_ms IS NULL OR buried_until_ms <= ?) GROUP BY state"
)


def open_store(path: Path | str | None = None) -> SqliteStore:
    """Open the default store (``database_path()``) or the one at ``path``."""
    return SqliteStore.open(path)


def open_readonly(path: Path | None = None) -> SqliteStore | None:
    """The history at ``path`` (default ``database_path()``) for reading only (stats, export).

    Never created nor migrated, and writes through it fail. None when there is
    no file yet; :class:`StoreError` (one line) for a file that is not a database.
    """
    target = database_path() if path is None else path
    conn = connect_readonly(target)
    return None if conn is None else SqliteStore(conn, target)
