"""A real "database or disk is full" (SQLITE_FULL) on demand, for the write-error tests.

SQLite's ``max_page_count`` caps the file at its current size: a write that
needs one more page fails exactly as on a full disk. :func:`fill` then writes
filler rows (imported reviews of a deck nobody studies) until the cap refuses
one, so the review table's last page is full too and the next answer, or a
re-rating (whose new row goes on that last page), needs a page it cannot get.
:func:`free` lifts the cap: space has come back.
"""

from __future__ import annotations

import sqlite3

from quizapp.core.store import SqliteStore, WriteRefusedError
from quizapp.core.store.protocol import NewReview

FILLER_DECK = "zz-filler"
SQLITE_DEFAULT_MAX_PAGES = 4_294_967_294


def cap(conn: sqlite3.Connection) -> None:
    """No page more than the file has now (this connection only, as SQLite's pragma is)."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def fill(store: SqliteStore) -> int:
    """Cap the file and fill it with filler reviews until not even a small one fits.

    Smaller and smaller fillers leave no room on the last page of the review
    table: an answer, or the new row of a re-rating, needs a page. Returns how
    many fillers were written.
    """
    cap(store.connection)
    written = 0
    for size in (400, 100, 20, 0):
        while True:
            review = NewReview(
                deck_id=FILLER_DECK,
                item_id=f"f{written}",
                reviewed_ms=1_000 + written,
                rating=None,
                mode="import",
                response="x" * size,
            )
            try:
                store.record_review(review)
            except WriteRefusedError:
                break
            written += 1
            assert written < 10_000, "the capped history never filled up"
    return written


def free(store: SqliteStore) -> None:
    """Space is back: lift the cap."""
    store.connection.execute(f"PRAGMA max_page_count = {SQLITE_DEFAULT_MAX_PAGES}")


def study_rows(store: SqliteStore) -> list[tuple[object, ...]]:
    """Every row of the history but the filler: what must never be lost."""
    return store.connection.execute(
        "SELECT id, deck_id, item_id, reviewed_ms, rating, verdict, response, state_after "
        "FROM reviews WHERE deck_id != ? ORDER BY id",
        (FILLER_DECK,),
    ).fetchall()


def card_states(store: SqliteStore) -> list[tuple[object, ...]]:
    return store.connection.execute("SELECT * FROM card_state ORDER BY deck_id, item_id").fetchall()


def fill_halfway(store: SqliteStore) -> None:
    """The disk fills up halfway through the next answer or re-rating.

    A temporary trigger makes the card-state write (after the review row is
    already written in the same transaction) first write a large row into a
    temporary table capped at its size: SQLITE_FULL, really raised by SQLite in
    the middle of the transaction. :func:`free_halfway` removes it.
    """
    conn = store.connection
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS filler (x BLOB)")
    pages = conn.execute("PRAGMA temp.page_count").fetchone()[0]
    conn.execute(f"PRAGMA temp.max_page_count = {max(pages, 2)}")
    conn.execute(
        "CREATE TEMP TRIGGER IF NOT EXISTS fill_up BEFORE INSERT ON main.card_state "
        "BEGIN INSERT INTO filler VALUES (zeroblob(200000)); END"
    )


def free_halfway(store: SqliteStore) -> None:
    conn = store.connection
    conn.execute("DROP TRIGGER IF EXISTS temp.fill_up")
    conn.execute(f"PRAGMA temp.max_page_count = {SQLITE_DEFAULT_MAX_PAGES}")
