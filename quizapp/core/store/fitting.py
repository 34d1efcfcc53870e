"""Read-only queries of the review log for fitting FSRS parameters.

Kept apart from :mod:`quizapp.core.store.sqlite` on purpose: they only read,
they return plain tuples. On SQLite they are one query each (no card-state
JSON is parsed, which would be most of the time on a long log); any other
backend answers them from the protocol's ``reviews``.

A *graded answer* is a review that moved the schedule: a study answer or an
imported one (quiz answers never change it), with a rating from 1 to 4.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from quizapp.core.store.protocol import ReviewRecord, Store
from quizapp.core.store.sqlite import SqliteStore

_GRADED = "mode IN ('study', 'import') AND rating BETWEEN 1 AND 4"


@dataclass(frozen=True)
class GradedAnswer:
    """One graded answer: what fitting and the simulator need, times in UTC ms."""

    deck_id: str
    item_id: str
    reviewed_ms: int
    rating: int
    response_ms: int | None
    before_state: int | None  # 0 new, 1 learning, 2 review, 3 relearning; None if unknown


def _deck_filter(deck_ids: Collection[str] | None) -> tuple[str, list[object]]:
    if deck_ids is None:
        return "", []
    ids = sorted(deck_ids)
    return f" AND deck_id IN ({', '.join('?' * len(ids))})", list(ids)


def _graded(record: ReviewRecord, deck_ids: Collection[str] | None) -> bool:
    return (
        record.mode in ("study", "import")
        and record.rating is not None
        and 1 <= record.rating <= 4
        and (deck_ids is None or record.deck_id in deck_ids)
    )


def graded_answers(store: Store, deck_ids: Collection[str] | None = None) -> list[GradedAnswer]:
    """Every graded answer (of these decks, or of all), in time order."""
    if not isinstance(store, SqliteStore):
        return [
            GradedAnswer(
                r.deck_id,
                r.item_id,
                r.reviewed_ms,
                r.rating or 0,
                r.response_ms,
                None if r.state_before is None else r.state_before.state,
            )
            for r in store.reviews()
            if _graded(r, deck_ids)
        ]
    where, params = _deck_filter(deck_ids)
    rows = store.connection.execute(
        "SELECT deck_id, item_id, reviewed_ms, rating, response_ms, before_state FROM reviews "
        f"WHERE {_GRADED}{where} ORDER BY reviewed_ms, id",
        params,
    )
    return [GradedAnswer(*row) for row in rows]


def graded_answer_count(
    store: Store, deck_ids: Collection[str] | None = None, *, since_ms: int | None = None
) -> int:
    """How many graded answers there are (since a time), for the re-fit suggestion."""
    if not isinstance(store, SqliteStore):
        return sum(1 for r in store.reviews(since_ms=since_ms) if _graded(r, deck_ids))
    where, params = _deck_filter(deck_ids)
    if since_ms is not None:
        where += " AND reviewed_ms >= ?"
        params.append(since_ms)
    row = store.connection.execute(
        f"SELECT count(*) FROM reviews WHERE {_GRADED}{where}", params
    ).fetchone()
    return int(row[0])
