"""The PostgreSQL history store (psycopg 3): one learner per database role.

Chosen by a URL (``QUIZAPP_DATABASE_URL`` or ``database_url`` in the config
file, see :mod:`quizapp.core.store.backend`); the schema is created and
migrated on opening (:mod:`.postgres_schema`). Every write is one transaction
(:mod:`.postgres_base`); the read queries of the stats and of the history
transfer are in :mod:`.postgres_queries`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

import psycopg
from psycopg.conninfo import conninfo_to_dict

from quizapp.core.i18n import _
from quizapp.core.store.postgres_base import QUIZ_COLUMNS, REVIEW_COLUMNS, STATE_COLUMNS, one_line
from quizapp.core.store.postgres_class import PostgresClassQueries
from quizapp.core.store.postgres_queries import PostgresQueries
from quizapp.core.store.postgres_retry import retried
from quizapp.core.store.postgres_schema import migrate, refuse_newer, schema_version
from quizapp.core.store.protocol import (
    NEW,
    OVERRULED,
    REVIEW,
    CardState,
    NewReview,
    QuizSession,
    ReviewRecord,
    StoreError,
)
from quizapp.core.store.quiz_rules import existing_session, overrulable_quiz
from quizapp.core.store.records import QueueRows
from quizapp.core.store.sqlite_rows import quiz_from_row, review_from_row, state_from_row

CONNECT_TIMEOUT_S = 10
T = TypeVar("T")


def describe(url: str) -> str:
    """Where the history is, for messages: database, host and role, never the password."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.Error:
        return "the history server"
    host = str(info.get("host") or "localhost")
    return f"postgresql database {info.get('dbname') or info.get('user') or '?'} on {host}"


def connect(url: str, *, read_only: bool = False) -> tuple[psycopg.Connection[Any], str]:
    """An autocommit connection at the current schema version (migrated unless read-only)."""
    where = describe(url)
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except (psycopg.Error, ValueError) as error:
        message = _("{where}: cannot connect to the history server: {error}").format(
            where=where, error=one_line(error)
        )
        raise StoreError(message) from None
    try:
        refuse_newer(schema_version(conn), where)
        if read_only:
            conn.execute("SET default_transaction_read_only = on")
        else:
            migrate(conn, where)
    except StoreError:
        conn.close()
        raise
    except psycopg.Error as error:
        conn.close()
        raise StoreError(
            _("{where}: not a usable history database: {error}").format(
                where=where, error=one_line(error)
            )
        ) from error
    return conn, where


class PostgresStore(PostgresQueries, PostgresClassQueries):
    """The :class:`~quizapp.core.store.protocol.Store` on a PostgreSQL database."""

    @classmethod
    def open(cls, url: str, *, read_only: bool = False) -> PostgresStore:
        """Connect, creating or migrating the schema (unless ``read_only``).

        Raises :class:`StoreError` with one line for a server that cannot be
        reached, a refused login or a schema from a newer quizapp.
        """
        store = cls(*connect(url, read_only=read_only))
        store.reconnect = lambda: connect(url, read_only=read_only)[0]
        return store

    @retried
    def atomically(self, work: Callable[[], T]) -> T:
        """Run ``work`` (several store calls) as one transaction: all saved, or nothing.

        The writes inside become savepoints of this transaction; a conflict
        anywhere runs ``work`` again from the start (:mod:`.postgres_retry`),
        so it must only read and write through this store.
        """
        with self._write():
            return work()

    # settings ------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._one("SELECT value FROM settings WHERE key = %s", (key,))
        return default if row is None else row[0]

    @retried
    def set_setting(self, key: str, value: str) -> None:
        with self._write():
            self._sql(
                "INSERT INTO settings (key, value) VALUES (%s, %s) "
                "ON CONFLICT (learner, key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # card state ----------------------------------------------------------------
    def card_state(self, deck_id: str, item_id: str) -> CardState:
        row = self._one(
            f"SELECT {STATE_COLUMNS} FROM card_state WHERE deck_id = %s AND item_id = %s "
            "AND learner = current_user",
            (deck_id, item_id),
        )
        return CardState.new(deck_id, item_id) if row is None else state_from_row(row)

    def card_states(self, deck_id: str) -> dict[str, CardState]:
        rows = self._read(
            f"SELECT {STATE_COLUMNS} FROM card_state WHERE deck_id = %s AND learner = current_user",
            (deck_id,),
        )
        return {row[1]: state_from_row(row) for row in rows}

    def due_states(self, deck_id: str, until_ms: int) -> list[CardState]:
        rows = self._read(
            f"SELECT {STATE_COLUMNS} FROM card_state WHERE deck_id = %s AND due_ms <= %s "
            "AND learner = current_user ORDER BY due_ms",
            (deck_id, until_ms),
        )
        return [state_from_row(row) for row in rows]

    def queue_rows(self, deck_id: str, now_ms: int, until_ms: int) -> QueueRows:
        due = self._read(
            "SELECT item_id, state, due_ms FROM card_state WHERE deck_id = %s "
            f"AND (due_ms <= %s OR due_ms IS NULL) AND state > {NEW} AND suspended = 0 "
            "AND (buried_until_ms IS NULL OR buried_until_ms <= %s) AND learner = current_user",
            (deck_id, until_ms, now_ms),
        )
        started = self._read(
            "SELECT item_id FROM card_state WHERE deck_id = %s AND learner = current_user "
            f"AND (state > {NEW} OR suspended = 1 OR buried_until_ms > %s)",
            (deck_id, now_ms),
        )
        return QueueRows([(row[0], row[1], row[2]) for row in due], {row[0] for row in started})

    @retried
    def put_card_state(self, state: CardState) -> None:
        with self._write():
            self._lock_card(state.deck_id, state.item_id)
            self._put_state(state)

    def _update_flags(self, deck_id: str, item_id: str, **changes: Any) -> CardState:
        with self._write():
            updated = replace(self._lock_card(deck_id, item_id), **changes)
            self._put_state(updated)
        return updated

    @retried
    def set_suspended(self, deck_id: str, item_id: str, suspended: bool) -> CardState:
        return self._update_flags(deck_id, item_id, suspended=bool(suspended))

    @retried
    def bury(self, deck_id: str, item_id: str, until_ms: int | None) -> CardState:
        return self._update_flags(deck_id, item_id, buried_until_ms=until_ms)

    # reviews -------------------------------------------------------------------
    @retried
    def record_review(self, review: NewReview) -> int:
        with self._write():
            return self._insert_review(review)

    @retried
    def record_answer(
        self, deck_id: str, item_id: str, schedule: Callable[[CardState], NewReview]
    ) -> int:
        with self._write():
            review = schedule(self._lock_card(deck_id, item_id))
            return self._insert_review(review)

    @retried
    def replace_review(self, review_id: int, schedule: Callable[[CardState], NewReview]) -> int:
        with self._write():
            record = self._last_study_answer(review_id)
            assert record.state_before is not None
            flags = self._lock_card(record.deck_id, record.item_id)
            review = schedule(record.state_before.with_flags_of(flags))
            if (review.deck_id, review.item_id) != (record.deck_id, record.item_id):
                raise StoreError(f"review {review_id} is of another card")
            # The new row keeps the old id: undo stacks and exports holding it still
            # point at this answer.
            self._sql("DELETE FROM reviews WHERE id = %s", (review_id,))
            self._insert_review(review, review_id)
        return review_id

    def record_reviews(self, reviews: Iterable[NewReview]) -> list[int]:
        return self._record_all(list(reviews))  # a list: a retry writes them again

    @retried
    def _record_all(self, reviews: list[NewReview]) -> list[int]:
        with self._write():
            return [self._insert_review(r) for r in reviews]

    def review(self, review_id: int) -> ReviewRecord | None:
        row = self._one(f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE id = %s", (review_id,))
        return None if row is None else review_from_row(row)

    def reviews(
        self,
        deck_id: str | None = None,
        *,
        since_ms: int | None = None,
        until_ms: int | None = None,
        mode: str | None = None,
        item_id: str | None = None,
    ) -> list[ReviewRecord]:
        where, params = ["learner = current_user"], []
        for clause, value in (
            ("deck_id = %s", deck_id),
            ("reviewed_ms >= %s", since_ms),
            ("reviewed_ms < %s", until_ms),
            ("mode = %s", mode),
            ("item_id = %s", item_id),
        ):
            if value is not None:
                where.append(clause)
                params.append(value)
        sql = f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE {' AND '.join(where)}"
        rows = self._read(sql + " ORDER BY reviewed_ms, id", params)
        return [review_from_row(row) for row in rows]

    @retried
    def undo_review(self, review_id: int) -> ReviewRecord:
        with self._write():
            record = self._last_study_answer(review_id)
            assert record.state_before is not None
            flags = self._lock_card(record.deck_id, record.item_id)
            self._sql("DELETE FROM reviews WHERE id = %s", (review_id,))
            self._put_state(record.state_before.with_flags_of(flags))
        return record

    def undo_last(self, deck_ids: Iterable[str] | None = None) -> ReviewRecord | None:
        sql = (
            "SELECT id FROM reviews WHERE mode = 'study' AND state_before IS NOT NULL "
            "AND learner = current_user"
        )
        params: list[Any] = []
        if deck_ids is not None:
            sql += " AND deck_id = ANY(%s)"
            params.append(list(deck_ids))
        row = self._one(sql + " ORDER BY id DESC LIMIT 1", params)
        return None if row is None else self.undo_review(int(row[0]))

    def study_counts_since(self, deck_id: str, since_ms: int) -> tuple[int, int]:
        row = self._one(
            "SELECT count(*) FILTER (WHERE before_state = %s), "
            "count(*) FILTER (WHERE before_state = %s) FROM reviews WHERE deck_id = %s "
            "AND reviewed_ms >= %s AND mode = 'study' AND learner = current_user",
            (NEW, REVIEW, deck_id, since_ms),
        )
        assert row is not None
        return int(row[0]), int(row[1])

    def response_times(self, deck_id: str, *, limit: int = 200) -> list[int]:
        rows = self._read(
            "SELECT response_ms FROM reviews WHERE deck_id = %s AND mode = 'study' "
            "AND response_ms IS NOT NULL AND rating > 1 AND learner = current_user "
            "ORDER BY reviewed_ms DESC, id DESC LIMIT %s",
            (deck_id, limit),
        )
        return [int(row[0]) for row in rows]

    def item_ids_with_history(self, deck_id: str) -> set[str]:
        rows = self._read(
            "SELECT item_id FROM reviews WHERE deck_id = %s AND learner = current_user "
            "UNION SELECT item_id FROM card_state WHERE deck_id = %s AND learner = current_user",
            (deck_id, deck_id),
        )
        return {row[0] for row in rows}

    def deck_ids_with_history(self) -> set[str]:
        rows = self._read(
            "SELECT deck_id FROM reviews WHERE learner = current_user "
            "UNION SELECT deck_id FROM card_state WHERE learner = current_user"
        )
        return {row[0] for row in rows}

    # quizzes -------------------------------------------------------------------
    @retried
    def start_quiz(self, deck_id: str, started_ms: int, settings: Mapping[str, Any]) -> int:
        with self._write():
            row = self._sql(
                "INSERT INTO quiz_sessions (deck_id, started_ms, questions, settings) "
                "VALUES (%s, %s, 0, %s) RETURNING id",
                (deck_id, started_ms, json.dumps(dict(settings), sort_keys=True)),
            ).fetchone()
        assert row is not None
        return int(row[0])

    @retried
    def record_quiz_answer(self, quiz_id: int, review: NewReview) -> int:
        review = replace(review, mode="quiz", quiz_id=quiz_id, state_after=None)
        column = {"correct": "correct", "close": "close"}.get(review.verdict or "", "wrong")
        with self._write():
            review_id = self._insert_review(review)
            self._sql(
                f"UPDATE quiz_sessions SET questions = questions + 1, {column} = {column} + 1 "
                "WHERE id = %s",
                (quiz_id,),
            )
            return review_id

    @retried
    def overrule_quiz_answer(
        self, review_id: int, *, rating: int, score: float | None
    ) -> QuizSession:
        with self._write():
            row = self._sql(
                "SELECT quiz_id, verdict FROM reviews WHERE id = %s AND mode = 'quiz' FOR UPDATE",
                (review_id,),
            ).fetchone()
            quiz_id = overrulable_quiz(row, review_id)
            self._sql(
                "UPDATE reviews SET verdict = %s, rating = %s WHERE id = %s",
                (OVERRULED, rating, review_id),
            )
            self._sql(
                "UPDATE quiz_sessions SET correct = correct + 1, wrong = GREATEST(wrong - 1, 0), "
                "score = %s WHERE id = %s",
                (score, quiz_id),
            )
        return existing_session(self.quiz_session(quiz_id), quiz_id)

    @retried
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
        with self._write():
            self._sql(
                "UPDATE quiz_sessions SET finished_ms = %s, questions = %s, correct = %s, "
                "close = %s, wrong = %s, score = %s, abandoned = %s WHERE id = %s",
                (finished_ms, questions, correct, close, wrong, score, int(abandoned), quiz_id),
            )
        session = self.quiz_session(quiz_id)
        if session is None:
            raise StoreError(f"quiz {quiz_id} does not exist")
        return session

    def quiz_session(self, quiz_id: int) -> QuizSession | None:
        row = self._one(f"SELECT {QUIZ_COLUMNS} FROM quiz_sessions WHERE id = %s", (quiz_id,))
        return None if row is None else quiz_from_row(row)

    def quiz_sessions(self, deck_id: str | None = None) -> list[QuizSession]:
        sql = f"SELECT {QUIZ_COLUMNS} FROM quiz_sessions WHERE learner = current_user"
        params: tuple[str, ...] = ()
        if deck_id is not None:
            sql += " AND deck_id = %s"
            params = (deck_id,)
        rows = self._read(sql + " ORDER BY started_ms, id", params)
        return [quiz_from_row(row) for row in rows]

    def last_quiz(self, deck_id: str) -> QuizSession | None:
        row = self._one(
            f"SELECT {QUIZ_COLUMNS} FROM quiz_sessions WHERE deck_id = %s "
            "AND finished_ms IS NOT NULL AND learner = current_user "
            "ORDER BY finished_ms DESC, id DESC LIMIT 1",
            (deck_id,),
        )
        return None if row is None else quiz_from_row(row)
