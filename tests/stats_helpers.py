"""Hand-made histories for the stats tests: a database with the agreed schema and row builders.

The schema comes from the store's own code (``SqliteStore.open``) so the tests
follow it when it migrates; rows are written with plain SQL so a test can
describe exactly the history whose figures it knows. The row builders take a
store or its connection; the figures are read through the store.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

DAY_MS = 86_400_000


def ms(moment: datetime) -> int:
    """Milliseconds of an aware datetime."""
    return int(moment.timestamp() * 1000)


def connection_of(history) -> sqlite3.Connection:
    """The connection of a SqliteStore (or the connection itself): rows go in as plain SQL."""
    return history if isinstance(history, sqlite3.Connection) else history.connection


def open_history(path: Path):
    """A SqliteStore on a fresh file (the store creates and migrates the schema)."""
    from quizapp.core.store.sqlite import SqliteStore

    return SqliteStore.open(path)


def add_review(
    history,
    deck: str,
    item: str,
    when_ms: int,
    rating: int,
    *,
    mode: str = "study",
    before_state: int | None = 2,
    interval_days: float = 5,
    verdict: str | None = None,
    quiz_id: int | None = None,
) -> None:
    """One review row; ``before_state``/``interval_days`` describe the card before it."""
    conn = connection_of(history)
    before = None
    last = 0
    if before_state is not None and mode != "quiz":
        last = when_ms - int(interval_days * DAY_MS)
        before = json.dumps(
            {
                "deck_id": deck,
                "item_id": item,
                "state": before_state,
                "due_ms": when_ms,
                "last_review_ms": last,
            }
        )
    columns = {row[1] for row in conn.execute("PRAGMA table_info(reviews)")}
    extra = ""
    values: tuple = (deck, item, when_ms, rating, verdict, mode, before, quiz_id)
    if "before_state" in columns:  # schema v2: the state before, as a column too
        extra += ", before_state"
        values = (*values, before_state if before is not None else None)
    if "before_interval_ms" in columns:  # schema v3: the interval before, as a column too
        extra += ", before_interval_ms"
        values = (*values, when_ms - last if before is not None else None)
    conn.execute(
        f"INSERT INTO reviews (deck_id, item_id, reviewed_ms, rating, verdict, mode, "
        f"state_before, quiz_id{extra}) VALUES ({','.join('?' * len(values))})",
        values,
    )


def add_card(
    history,
    deck: str,
    item: str,
    *,
    state: int = 2,
    due_ms: int | None = None,
    last_review_ms: int | None = None,
    stability: float | None = None,
    lapses: int = 0,
    reps: int = 1,
    suspended: bool = False,
    leech: bool = False,
) -> None:
    conn = connection_of(history)
    conn.execute(
        "INSERT INTO card_state (deck_id, item_id, state, step, stability, difficulty, due_ms, "
        "last_review_ms, reps, lapses, suspended, buried_until_ms, leech) "
        "VALUES (?, ?, ?, NULL, ?, 5.0, ?, ?, ?, ?, ?, NULL, ?)",
        (deck, item, state, stability, due_ms, last_review_ms, reps, lapses, suspended, leech),
    )


def add_quiz(
    history,
    deck: str,
    started_ms: int,
    score: float | None,
    *,
    abandoned: bool = False,
    questions: int = 10,
) -> int:
    cursor = connection_of(history).execute(
        "INSERT INTO quiz_sessions (deck_id, started_ms, finished_ms, abandoned, questions, "
        "correct, close, wrong, score, settings) VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?, '{}')",
        (deck, started_ms, started_ms + 60_000, abandoned, questions, score),
    )
    return int(cursor.lastrowid or 0)
