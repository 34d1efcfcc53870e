"""The SQLite history store (stdlib ``sqlite3``).

Durability rules, because years of study live in this file (opening, WAL and
``synchronous=FULL`` are in :mod:`quizapp.core.store.sqlite_open`):

* every write runs in ``BEGIN IMMEDIATE`` … ``COMMIT`` (the write lock is
  taken up front, so no deadlock-prone lock upgrade); on error we roll back
  only if a transaction is still open;
* each answer is committed before :meth:`SqliteStore.record_review` returns.

The connection and the write transaction are in :mod:`.sqlite_base`, the quiz
sessions in :mod:`.sqlite_quizzes`, and the read queries of the stats and of
the history transfer in :mod:`.sqlite_stats` and :mod:`.sqlite_transfer`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from quizapp.core.paths import database_path
from quizapp.core.store.protocol import (
    NEW,
    REVIEW,
    CardState,
    NewReview,
    ReviewRecord,
    StoreError,
)
from quizapp.core.store.records import QueueRows
from quizapp.core.store.sqlite_counts import SqliteCounts
from quizapp.core.store.sqlite_lock import WriterLock
from quizapp.core.store.sqlite_open import connect, connect_readonly
from quizapp.core.store.sqlite_quizzes import SqliteQuizzes
from quizapp.core.store.sqlite_rows import REVIEW_COLUMNS as _REVIEW_COLUMNS
from quizapp.core.store.sqlite_rows import STATE_COLUMNS as _STATE_COLUMNS
from quizapp.core.store.sqlite_rows import last_study_answer, read_state
from quizapp.core.store.sqlite_rows import review_from_row as _review_from_row
from quizapp.core.store.sqlite_rows import state_from_row as _state_from_row
from quizapp.core.store.sqlite_stats import SqliteStatsQueries
from quizapp.core.store.sqlite_transfer import SqliteTransferQueries


class SqliteStore(SqliteQuizzes, SqliteStatsQueries, SqliteTransferQueries, SqliteCounts):
    """The :class:`~quizapp.core.store.protocol.Store` on one SQLite file."""

    # opening -------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None) -> SqliteStore:
        """Open (creating and migrating as needed) the store; default ``database_path()``.

        Raises :class:`StoreError` with one clear line for a file that is not a
        database or comes from a newer quizapp; such a file is not modified.
        """
        target = database_path() if path is None else path
        if str(target) == ":memory:":
            return cls(connect(target), target)
        lock, alone = WriterLock.shared(Path(target))
        try:
            conn = connect(target)
        except BaseException:
            lock.abandon()
            raise
        store = cls(conn, target, lock)
        store.alone_at_open = alone
        return store

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

    def queue_rows(self, deck_id: str, now_ms: int, until_ms: int) -> QueueRows:
        # A deck that holds most of the states is read faster in the table's order than
        # through the (deck, due) index, one table lookup per state.
        conn = self._conn
        in_deck = conn.execute(DECK_STATES_SQL, (deck_id,)).fetchone()[0]
        scan = in_deck > SCAN_SHARE * conn.execute(ALL_STATES_SQL).fetchone()[0]
        due_sql, started_sql = QUEUE_SCAN_SQL if scan else QUEUE_INDEX_SQL
        due = conn.execute(due_sql, (deck_id, until_ms, now_ms)).fetchall()
        # The started ids as one string split in C: a Python tuple per row costs more than
        # SQLite's reading at tens of thousands of cards. An id holding the separator (none
        # can: ids are checked on the way in) shows as a count that differs: read by rows.
        joined, count = conn.execute(started_sql, (deck_id, now_ms)).fetchone()
        started = set() if joined is None else set(joined.split("\n"))
        if len(started) != count:
            started = {row[0] for row in self._conn.execute(QUEUE_STARTED_SQL, (deck_id, now_ms))}
        return QueueRows(due, started)

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
        rows = self._conn.execute(DECK_IDS_SQL)
        return {row[0] for row in rows}


# Today's counts (``Store.queue_rows``): the due part walks the (deck_id, due_ms)
# index; ``bench/bench_due.py`` times both and checks their plans.
QUEUE_DUE_SQL = (
    "SELECT item_id, state, due_ms FROM card_state "
    f"WHERE deck_id = ? AND (due_ms <= ? OR due_ms IS NULL) AND state > {NEW} "
    "AND suspended = 0 AND (buried_until_ms IS NULL OR buried_until_ms <= ?)"
)
QUEUE_STARTED_SQL = (
    "SELECT item_id FROM card_state WHERE deck_id = ? "
    f"AND (state > {NEW} OR suspended = 1 OR buried_until_ms > ?)"
)
QUEUE_STARTED_JOINED_SQL = QUEUE_STARTED_SQL.replace(
    "SELECT item_id", "SELECT group_concat(item_id, char(10)), count(*)", 1
)
QUEUE_INDEX_SQL = (QUEUE_DUE_SQL, QUEUE_STARTED_JOINED_SQL)
QUEUE_SCAN_SQL = tuple(
    sql.replace("FROM card_state", "FROM card_state NOT INDEXED", 1) for sql in QUEUE_INDEX_SQL
)
# Over this share of all states, a deck's states are read by a scan of the table.
SCAN_SHARE = 0.25
DECK_STATES_SQL = "SELECT count(*) FROM card_state WHERE deck_id = ?"
ALL_STATES_SQL = "SELECT count(*) FROM card_state"

# The deck ids of both tables, one index seek per deck (the next id after the last
# found) rather than a scan of every review: 0.01 ms instead of 8 ms at 100,000 reviews.
DECK_IDS_SQL = """
WITH RECURSIVE
  r(id) AS (SELECT min(deck_id) FROM reviews
            UNION ALL SELECT (SELECT min(deck_id) FROM reviews WHERE deck_id > r.id)
            FROM r WHERE r.id IS NOT NULL),
  s(id) AS (SELECT min(deck_id) FROM card_state
            UNION ALL SELECT (SELECT min(deck_id) FROM card_state WHERE deck_id > s.id)
            FROM s WHERE s.id IS NOT NULL)
SELECT id FROM r WHERE id IS NOT NULL UNION SELECT id FROM s WHERE id IS NOT NULL
"""


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
