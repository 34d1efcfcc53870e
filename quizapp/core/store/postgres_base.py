"""What every part of the PostgreSQL store shares: the connection and the write transaction.

The connection is in autocommit mode, so every write is one explicit
transaction (:meth:`PostgresBase._write`) committed before the call returns,
and reads see what is committed. A write to a card takes a transaction-scoped
advisory lock on the card (it may have no row yet, which ``FOR UPDATE`` could
not lock) and then reads its row ``FOR UPDATE``: another session answering the
same card waits, then schedules from this answer's state, never a stale one.
Row-level security limits every statement to the connecting role's rows; the
``learner`` column is filled by its default, ``current_user``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Self

import psycopg

from quizapp.core.i18n import _
from quizapp.core.store.protocol import (
    CardState,
    HistoryReadError,
    NewReview,
    ReviewRecord,
    ServerUnavailableError,
    StoreError,
)
from quizapp.core.store.sqlite_rows import (
    QUIZ_COLUMNS,
    REVIEW_COLUMNS,
    STATE_COLUMNS,
    review_from_row,
    review_params,
    state_from_row,
    state_params,
)

Params = tuple[Any, ...] | list[Any]

STATE_UPSERT = (
    f"INSERT INTO card_state ({STATE_COLUMNS}) VALUES ({', '.join(['%s'] * 13)}) "
    "ON CONFLICT (learner, deck_id, item_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in STATE_COLUMNS.split(", ")[2:])
)
REVIEW_INSERT_COLUMNS = (
    "deck_id, item_id, reviewed_ms, rating, verdict, response, response_ms, mode, "
    "content_hash, state_before, state_after, quiz_id, before_state, before_interval_ms"
)
__all__ = ["QUIZ_COLUMNS", "REVIEW_COLUMNS", "STATE_COLUMNS", "PostgresBase"]


def one_line(error: BaseException) -> str:
    """The first line of a driver error (libpq messages run over several)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class PostgresBase:
    """One connection to the history server, and the writes the store's parts share."""

    def __init__(self, conn: psycopg.Connection[Any], where: str) -> None:
        self._conn = conn
        self.path = where
        # How to connect again after the server went away (set by ``PostgresStore.open``).
        self.reconnect: Callable[[], psycopg.Connection[Any]] | None = None
        self._writing = False

    def _live(self) -> psycopg.Connection[Any]:
        """The connection, opened again if the server went away (never inside a transaction).

        A server that is still away raises :class:`ServerUnavailableError`: the
        caller keeps what it was saving and tries again later.
        """
        conn = self._conn
        if not (conn.closed or conn.broken) or self._writing:
            return conn
        if self.reconnect is None:
            raise ServerUnavailableError(_("the history server cannot be reached"))
        try:
            self._conn = self.reconnect()
        except StoreError as error:
            detail = str(error).rsplit(": ", 1)[-1]  # libpq's last words: "No such file…"
            raise ServerUnavailableError(
                _("the history server cannot be reached ({error})").format(error=detail)
            ) from error
        conn.close()
        return self._conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def interrupt(self) -> None:
        """Ask the server to cancel the running statement (it raises in the reading thread)."""
        self._conn.cancel()

    def data_version(self) -> int | None:
        """None: PostgreSQL has no cheap per-connection change counter (see ``Store``)."""
        return None

    def _sql(self, text: str, params: Params = ()) -> psycopg.Cursor[Any]:
        """Run one statement (the text is built here, never from user input)."""
        conn = self._live()
        try:
            return conn.execute(text.encode(), params)
        except psycopg.errors.InsufficientPrivilege as error:
            raise StoreError(f"{self.path}: not allowed: {one_line(error)}") from error
        except psycopg.OperationalError as error:
            if not (conn.closed or conn.broken):
                raise
            if self._writing:
                raise self._lost(error) from error
        # A read on a connection the server dropped while idle (a restart): once more,
        # on a new connection; reading twice changes nothing.
        conn = self._live()
        try:
            return conn.execute(text.encode(), params)
        except psycopg.OperationalError as error:
            if not (conn.closed or conn.broken):
                raise
            raise self._lost(error) from error

    def _lost(self, error: psycopg.OperationalError) -> ServerUnavailableError:
        """The one-line error for a connection gone (the server stopped, the network)."""
        return ServerUnavailableError(
            _("lost the connection to the history server ({error})").format(error=one_line(error))
        )

    def _read(self, text: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """All the rows of a query, a server error as the store's one-line read error."""
        try:
            return self._sql(text, params).fetchall()
        except psycopg.Error as error:
            raise HistoryReadError(self.path, one_line(error)) from error

    def _one(self, text: str, params: Params = ()) -> tuple[Any, ...] | None:
        rows = self._read(text, params)
        return rows[0] if rows else None

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction, committed on success and rolled back on any error."""
        conn = self._live()
        transaction = conn.transaction()
        try:
            transaction.__enter__()
        except psycopg.OperationalError:
            if not (conn.closed or conn.broken):
                raise
            # dropped while idle (a server restart): nothing was sent, begin on a new one
            conn = self._live()
            transaction = conn.transaction()
            try:
                transaction.__enter__()
            except psycopg.OperationalError as again:
                raise self._lost(again) from again
        self._writing = True
        try:
            try:
                yield
            except BaseException as error:
                if not transaction.__exit__(type(error), error, error.__traceback__):
                    raise
            else:
                transaction.__exit__(None, None, None)
        except psycopg.OperationalError as error:
            if not (conn.closed or conn.broken):
                raise
            raise self._lost(error) from error
        finally:
            self._writing = False

    # card locks and rows, inside a write transaction ---------------------------
    def _lock_card(self, deck_id: str, item_id: str) -> CardState:
        """Lock the card for this transaction and read its committed state."""
        self._sql(
            "SELECT pg_advisory_xact_lock(hashtextextended(current_user || chr(31) || %s "
            "|| chr(31) || %s, 0))",
            (deck_id, item_id),
        )
        row = self._sql(
            f"SELECT {STATE_COLUMNS} FROM card_state WHERE deck_id = %s AND item_id = %s "
            "AND learner = current_user FOR UPDATE",
            (deck_id, item_id),
        ).fetchone()
        return CardState.new(deck_id, item_id) if row is None else state_from_row(row)

    def _put_state(self, state: CardState) -> None:
        if state.is_pristine:
            self._sql(
                "DELETE FROM card_state WHERE deck_id = %s AND item_id = %s "
                "AND learner = current_user",
                (state.deck_id, state.item_id),
            )
            return
        self._sql(STATE_UPSERT, state_params(state))

    def _insert_review(self, review: NewReview, review_id: int | None = None) -> int:
        if review.state_after is not None:
            self._lock_card(review.deck_id, review.item_id)
        columns, values = REVIEW_INSERT_COLUMNS, review_params(review)
        if review_id is not None:
            columns, values = f"id, {columns}", (review_id, *values)
        row = self._sql(
            f"INSERT INTO reviews ({columns}) VALUES ({', '.join(['%s'] * len(values))}) "
            "RETURNING id",
            values,
        ).fetchone()
        if review.state_after is not None:
            self._put_state(review.state_after)
        assert row is not None
        return int(row[0])

    def _last_study_answer(self, review_id: int) -> ReviewRecord:
        """The review, checked to be a study answer with no later answer of its card."""
        row = self._sql(
            f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE id = %s", (review_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"review {review_id} does not exist (already undone?)")
        record = review_from_row(row)
        if record.mode != "study" or record.state_before is None:
            raise StoreError(f"review {review_id} is not a study answer; it cannot be changed")
        self._lock_card(record.deck_id, record.item_id)
        later = self._sql(
            "SELECT 1 FROM reviews WHERE deck_id = %s AND item_id = %s AND id > %s "
            "AND state_after IS NOT NULL AND learner = current_user LIMIT 1",
            (record.deck_id, record.item_id, review_id),
        ).fetchone()
        if later is not None:
            raise StoreError(
                f"review {review_id} is not the card's last answer; undo the later ones first"
            )
        return record
