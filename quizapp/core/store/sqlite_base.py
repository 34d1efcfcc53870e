"""What every part of the SQLite store shares: the connection and the write transaction.

Every write runs in ``BEGIN IMMEDIATE`` … ``COMMIT`` (the write lock is taken up
front, so no deadlock-prone lock upgrade); on error it rolls back only if a
transaction is still open, and a review is committed before the call returns.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from quizapp.core.i18n import N_, _
from quizapp.core.store.protocol import CardState, NewReview, WriteRefusedError
from quizapp.core.store.sqlite_lock import WriterLock
from quizapp.core.store.sqlite_rows import REVIEW_INSERT, STATE_COLUMNS, review_params, state_params

# SQLite's primary result codes for a write the disk or the file refused.
_REFUSALS = {
    13: N_("the disk is full"),  # SQLITE_FULL (or max_page_count reached)
    8: N_("the history is read-only"),  # SQLITE_READONLY
    10: N_("the disk reported an I/O error"),  # SQLITE_IOERR
    14: N_("the history file cannot be opened for writing"),  # SQLITE_CANTOPEN
    5: N_("the history is locked by another program"),  # SQLITE_BUSY
    6: N_("the history is locked by another program"),  # SQLITE_LOCKED
}


def write_refused(error: sqlite3.Error) -> WriteRefusedError | None:
    """The :class:`WriteRefusedError` for an SQLite error that refused a write, else None."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    reason = _REFUSALS.get(code & 0xFF)
    return None if reason is None else WriteRefusedError(_(reason))


class SqliteBase:
    """One SQLite connection to the history, and the writes the store's parts share."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | str, lock: WriterLock | None = None
    ) -> None:
        self._conn = conn
        self.path = path
        self._lock = lock
        self.alone_at_open = False
        """True when no other quizapp had the history open for writing when this one opened
        it (see :mod:`.sqlite_lock`): a quiz left unfinished was then cut off."""

    def close(self) -> None:
        self._conn.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for tests and benchmarks (the app goes through the methods)."""
        return self._conn

    def interrupt(self) -> None:
        """``sqlite3.Connection.interrupt``: the running statement stops with an error."""
        self._conn.interrupt()

    def data_version(self) -> int | None:
        """SQLite's ``PRAGMA data_version``: it moves only when another connection commits."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT``.

        A write the disk refuses (full, read-only, I/O error, locked too long)
        is rolled back whole and raised as :class:`WriteRefusedError`, so the
        caller can keep the answer and try again; nothing committed is touched.
        """
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            refused = write_refused(error)
            if refused is None:
                raise
            raise refused from error

    @staticmethod
    def _put_state(conn: sqlite3.Connection, state: CardState) -> None:
        if state.is_pristine:
            conn.execute(
                "DELETE FROM card_state WHERE deck_id = ? AND item_id = ?",
                (state.deck_id, state.item_id),
            )
            return
        conn.execute(
            f"INSERT OR REPLACE INTO card_state ({STATE_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            state_params(state),
        )

    @staticmethod
    def _insert_review(conn: sqlite3.Connection, r: NewReview) -> int:
        cursor = conn.execute(REVIEW_INSERT, review_params(r))
        if r.state_after is not None:
            SqliteBase._put_state(conn, r.state_after)
        return int(cursor.lastrowid or 0)
