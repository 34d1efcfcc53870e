"""What both backends check before overruling a quiz answer, written once.

The SQL differs by dialect; the rules (only a quiz answer judged wrong can be
overruled, and its session must exist) do not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from quizapp.core.store.protocol import QuizSession, StoreError


def overrulable_quiz(row: Sequence[Any] | None, review_id: int) -> int:
    """The quiz id of review ``review_id`` from its ``(quiz_id, verdict)`` row.

    Raises :class:`StoreError` unless it is a quiz answer judged wrong.
    """
    if row is None or row[0] is None:
        raise StoreError(f"review {review_id} is not a quiz answer")
    if row[1] != "wrong":
        raise StoreError(f"quiz answer {review_id} was not judged wrong")
    return int(row[0])


def existing_session(session: QuizSession | None, quiz_id: int) -> QuizSession:
    """``session``, or :class:`StoreError` when quiz ``quiz_id`` does not exist."""
    if session is None:
        raise StoreError(f"quiz {quiz_id} does not exist")
    return session
