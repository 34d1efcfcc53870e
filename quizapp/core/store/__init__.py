"""The history store: card states, the review log and quiz sessions.

The rest of the app talks to :class:`Store` (a protocol) and gets one with
:func:`open_store`; :class:`SqliteStore` is the only backend today.
"""

from quizapp.core.store.protocol import (
    CardState,
    QuizSession,
    ReviewRecord,
    Store,
    StoreError,
)
from quizapp.core.store.sqlite import SqliteStore, open_store

__all__ = [
    "CardState",
    "QuizSession",
    "ReviewRecord",
    "SqliteStore",
    "Store",
    "StoreError",
    "open_store",
]
