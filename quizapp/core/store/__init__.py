"""The history store: card states, the review log and quiz sessions.

The rest of the app talks to :class:`Store` (a protocol) and gets one with
:func:`open_store` (or :func:`open_readonly`, for the stats and the export);
:class:`SqliteStore` is the only backend today. No SQL and no ``sqlite3`` outside
this package (``tests/test_sql_boundary.py``).
"""

from typing import TYPE_CHECKING

from quizapp.core.store.protocol import (
    LEARNING,
    NEW,
    RELEARNING,
    REVIEW,
    CardState,
    HistoryReadError,
    QuizSession,
    ReviewRecord,
    Store,
    StoreError,
)
from quizapp.core.store.sqlite import SqliteStore, open_readonly, open_store

if TYPE_CHECKING:
    # mypy checks here that the SQLite backend implements the whole protocol.
    _sqlite_is_a_store: type[Store] = SqliteStore

__all__ = [
    "LEARNING",
    "NEW",
    "RELEARNING",
    "REVIEW",
    "CardState",
    "HistoryReadError",
    "QuizSession",
    "ReviewRecord",
    "SqliteStore",
    "Store",
    "StoreError",
    "open_readonly",
    "open_store",
]
