"""SQLite rows to store records and back: the column lists and their converters.

Kept apart from :mod:`quizapp.core.store.sqlite` so the query modules (stats,
history transfer) and the store share one reading of each table.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sized
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from quizapp.core.store.protocol import (
    CardState,
    HistoryReadError,
    NewReview,
    QuizSession,
    ReviewRecord,
    StoreError,
)

# A row as sqlite3 gives it: a tuple of column values.
Row = tuple[Any, ...]

STATE_COLUMNS = (
    "deck_id, item_id, state, step, stability, difficulty, due_ms, last_review_ms, "
    "reps, lapses, suspended, buried_until_ms, leech"
)
REVIEW_COLUMNS = (
    "id, deck_id, item_id, reviewed_ms, rating, verdict, response, response_ms, mode, "
    "content_hash, state_before, state_after, quiz_id"
)
# ``before_state`` and ``before_interval_ms`` copy two fields of ``state_before`` into
# columns, so counting reviews by them (daily limits, true retention) parses no JSON.
REVIEW_INSERT = (
    "INSERT INTO reviews (deck_id, item_id, reviewed_ms, rating, verdict, response, "
    "response_ms, mode, content_hash, state_before, state_after, quiz_id, before_state, "
    "before_interval_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
QUIZ_COLUMNS = (
    "id, deck_id, started_ms, finished_ms, abandoned, questions, correct, close, wrong, "
    "score, settings"
)


def state_from_row(row: Row) -> CardState:
    (deck_id, item_id, state, step, stability, difficulty, due_ms, last_ms) = row[:8]
    reps, lapses, suspended, buried, leech = row[8:]
    return CardState(
        deck_id=deck_id,
        item_id=item_id,
        state=state,
        step=step,
        stability=stability,
        difficulty=difficulty,
        due_ms=due_ms,
        last_review_ms=last_ms,
        reps=reps,
        lapses=lapses,
        suspended=bool(suspended),
        buried_until_ms=buried,
        leech=bool(leech),
    )


def state_params(s: CardState) -> Row:
    return (
        s.deck_id,
        s.item_id,
        s.state,
        s.step,
        s.stability,
        s.difficulty,
        s.due_ms,
        s.last_review_ms,
        s.reps,
        s.lapses,
        int(s.suspended),
        s.buried_until_ms,
        int(s.leech),
    )


def review_from_row(row: Row) -> ReviewRecord:
    before = CardState.from_json(row[10]) if row[10] else None
    after = CardState.from_json(row[11]) if row[11] else None
    return ReviewRecord(
        id=row[0],
        deck_id=row[1],
        item_id=row[2],
        reviewed_ms=row[3],
        rating=row[4],
        verdict=row[5],
        response=row[6],
        response_ms=row[7],
        mode=row[8],
        content_hash=row[9],
        state_before=before,
        state_after=after,
        quiz_id=row[12],
    )


def interval_ms(state: CardState | None) -> int | None:
    """The card's interval (due minus last review) in ms; None when it has none."""
    if state is None or state.due_ms is None or state.last_review_ms is None:
        return None
    return state.due_ms - state.last_review_ms


def review_params(r: NewReview) -> Row:
    """The values of :data:`REVIEW_INSERT` for one new review."""
    return (
        r.deck_id,
        r.item_id,
        r.reviewed_ms,
        r.rating,
        r.verdict,
        r.response,
        r.response_ms,
        r.mode,
        r.content_hash,
        r.state_before.to_json() if r.state_before is not None else None,
        r.state_after.to_json() if r.state_after is not None else None,
        r.quiz_id,
        r.state_before.state if r.state_before is not None else None,
        interval_ms(r.state_before),
    )


def quiz_from_row(row: Row) -> QuizSession:
    settings = json.loads(row[10]) if row[10] else {}
    return QuizSession(
        id=row[0],
        deck_id=row[1],
        started_ms=row[2],
        finished_ms=row[3],
        abandoned=bool(row[4]),
        questions=row[5],
        correct=row[6],
        close=row[7],
        wrong=row[8],
        score=row[9],
        settings=settings,
    )


def deck_filter(deck_id: str | None, column: str = "deck_id") -> tuple[str, tuple[str, ...]]:
    """A WHERE condition (and its parameters) for one deck, or for all when None."""
    if deck_id is None:
        return "1", ()
    return f"{column} = ?", (deck_id,)


def marks(values: Sized) -> str:
    """``?,?,?``: one placeholder per value."""
    return ",".join("?" * len(values))


@contextmanager
def reading(path: Path | str) -> Iterator[None]:
    """Turn a SQLite error met while reading into the store's one-line read error.

    A damaged page is the "damaged" error with its backup offer, as at open.
    """
    try:
        yield
    except sqlite3.Error as error:
        from quizapp.core.store.sqlite_open import damaged_history

        damaged = damaged_history(error, Path(path))
        if damaged is not None:
            raise damaged from error
        raise HistoryReadError(str(path), str(error)) from error


def read_state(conn: sqlite3.Connection, deck_id: str, item_id: str) -> CardState:
    """The item's state (:meth:`CardState.new` when it has no row), in the open transaction."""
    row = conn.execute(
        f"SELECT {STATE_COLUMNS} FROM card_state WHERE deck_id = ? AND item_id = ?",
        (deck_id, item_id),
    ).fetchone()
    return CardState.new(deck_id, item_id) if row is None else state_from_row(row)


def last_study_answer(conn: sqlite3.Connection, review_id: int) -> ReviewRecord:
    """The review, checked to be a study answer with no later answer of its card.

    Undoing or replacing any other review would drop a later answer's effect.
    """
    row = conn.execute(
        f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE id = ?", (review_id,)
    ).fetchone()
    if row is None:
        raise StoreError(f"review {review_id} does not exist (already undone?)")
    record = review_from_row(row)
    if record.mode != "study" or record.state_before is None:
        raise StoreError(f"review {review_id} is not a study answer; it cannot be changed")
    later = conn.execute(
        "SELECT 1 FROM reviews WHERE deck_id = ? AND item_id = ? AND id > ? "
        "AND state_after IS NOT NULL LIMIT 1",
        (record.deck_id, record.item_id, review_id),
    ).fetchone()
    if later is not None:
        raise StoreError(
            f"review {review_id} is not the card's last answer; undo the later ones first"
        )
    return record
