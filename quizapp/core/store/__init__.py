"""The history store: card states, the review log and quiz sessions.

The rest of the app talks to :class:`Store` (a protocol) and gets one with
:func:`open_store` (or :func:`open_readonly`, for the stats and the export);
:class:`SqliteStore` by default, the PostgreSQL store
(:mod:`quizapp.core.store.postgres`) when a database URL is configured
(:mod:`quizapp.core.store.backend`). No SQL and no ``sqlite3`` outside
this package (``tests/test_sql_boundary.py``).
"""

from typing import TYPE_CHECKING

from quizapp.core.store.backend import open_readonly, open_store, teacher_view
from quizapp.core.store.protocol import (
    LEARNING,
    NEW,
    RELEARNING,
    REVIEW,
    CardState,
    HistoryReadError,
    QuizSession,
    ReviewRecord,
    SaveFailedError,
    ServerUnavailableError,
    Store,
    StoreError,
    WriteRefusedError,
)
from quizapp.core.store.sqlite import SqliteStore

if TYPE_CHECKING:
    # mypy checks here that the SQLite backend implements the whole protocol.
    _sqlite_is_a_store: type[Store] = SqliteStore
    from quizapp.core.store.postgres import PostgresStore

    _postgres_is_a_store: type[Store] = PostgresStore

__all__ = [
    "LEARNING",
    "NEW",
    "RELEARNING",
    "REVIEW",
    "CardState",
    "HistoryReadError",
    "QuizSession",
    "ReviewRecord",
    "SaveFailedError",
    "ServerUnavailableError",
    "SqliteStore",
    "Store",
    "StoreError",
    "WriteRefusedError",
    "open_readonly",
    "open_store",
    "teacher_view",
]
