"""Today's counts of a deck read as a few range counts of an index (SQLite only).

Reading every state of a deck into Python objects to count them cost about
100 ms per 50,000 cards. Here SQLite counts ranges of the (deck, state, due)
index, which it does without reading the table, and returns as rows only the
few states those counts cannot judge: the suspended and buried ones, the
states of cards no longer in the deck, and the states the caller asks for (the
siblings of today's answers). :func:`quizapp.core.study_counts.count_day`
corrects the range counts with them.

States of cards no longer in the deck must not count. Which they are is found
once per set of item ids (a full read of the deck's ids, recorded in the
``settings`` table with the ids' digest); afterwards only the states inserted
since (the ``card_state_added`` log, filled by triggers) are checked. A
record is only replaced by one that has seen at least as much of the log, so
the log rows it prunes are never needed by the record kept.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import NamedTuple

from quizapp.core.store.migrations import COUNTS_INDEX, MIGRATIONS
from quizapp.core.store.protocol import LEARNING, RELEARNING, REVIEW, WriteRefusedError
from quizapp.core.store.records import CountRow, CountRows
from quizapp.core.store.sqlite_base import SqliteBase

# Each state past new falls in one of these ranges of the (deck, state, due) index, so
# every entry of the deck is stepped over once; "started" is their sum.
_COUNT = "(SELECT count(*) FROM card_state WHERE deck_id = :deck AND "
_LEARNING = f"state IN ({LEARNING}, {RELEARNING})"
TOTALS_SQL = "SELECT " + ",\n".join(
    _COUNT + condition + ")"
    for condition in (
        f"{_LEARNING} AND due_ms <= :now",
        f"{_LEARNING} AND due_ms IS NULL",
        f"{_LEARNING} AND due_ms > :now AND due_ms < :end",
        f"{_LEARNING} AND due_ms > :now AND due_ms < :end AND due_ms <= :ahead",
        f"{_LEARNING} AND due_ms >= :end AND due_ms > :now",
        f"state = {REVIEW} AND (due_ms <= :now OR due_ms IS NULL)",
        f"state = {REVIEW} AND due_ms > :now",
        f"state > {RELEARNING}",
    )
)
HELD_SQL = (
    "SELECT item_id FROM card_state WHERE deck_id = ? "
    "AND (suspended = 1 OR buried_until_ms IS NOT NULL) "
    "AND (suspended = 1 OR buried_until_ms > ?)"
)
ROW_SQL = (
    "SELECT item_id, state, due_ms, suspended = 1 OR coalesce(buried_until_ms > ?, 0) "
    "FROM card_state WHERE deck_id = ? AND item_id = ?"
)
LOG_SQL = "SELECT seq, item_id FROM card_state_added WHERE deck_id = ? AND seq > ? ORDER BY seq"
LOG_END_SQL = "SELECT coalesce(max(seq), 0) FROM card_state_added"
DECK_IDS_SQL = "SELECT item_id FROM card_state WHERE deck_id = ?"
DECK_IDS_JOINED_SQL = (
    "SELECT group_concat(item_id, char(10)), count(*) FROM card_state WHERE deck_id = ?"
)
RECORD_KEY = "counts.checked."
KEEP_AFTER = 256  # log rows checked again at each count before the check is kept
# the schema version that adds the index and the log (whatever number it lands at)
COUNTS_SCHEMA = MIGRATIONS.index(COUNTS_INDEX) + 1


class Record(NamedTuple):
    """The deck's ids (digest) whose removed states were found, up to log entry ``seq``."""

    digest: str
    seq: int
    removed: frozenset[str]


class SqliteCounts(SqliteBase):
    """The counting reads of :class:`~quizapp.core.store.sqlite.SqliteStore`."""

    def count_rows(
        self,
        deck_id: str,
        digest: str,
        in_deck: Callable[[], Collection[str]],
        window: tuple[int, int, int],
        wanted: Collection[str] = (),
    ) -> CountRows | None:
        # None for a history of an older schema (opened read-only, so not migrated).
        now_ms, end_ms, ahead_ms = window
        conn = self._conn
        if conn.execute("PRAGMA user_version").fetchone()[0] < COUNTS_SCHEMA:
            return None
        with _snapshot(conn):
            record = _read_record(conn, deck_id)
            if record is None or record.digest != digest:
                seq = conn.execute(LOG_END_SQL).fetchone()[0]
                ids = _deck_ids(conn, deck_id)
                fresh = Record(digest, seq, frozenset(ids.difference(in_deck())))
                keep = True
            else:
                fresh, checked = _checked_since(conn, deck_id, record, in_deck)
                # A write costs a sync of the disk: the few states answered since the
                # last one are checked again next time rather than kept after each session.
                keep = fresh.removed != record.removed or checked >= KEEP_AFTER
            params = {"deck": deck_id, "now": now_ms, "end": end_ms, "ahead": ahead_ms}
            totals = conn.execute(TOTALS_SQL, params).fetchone()
            held = [row[0] for row in conn.execute(HELD_SQL, (deck_id, now_ms))]
            rows: list[CountRow] = []
            for item_id in dict.fromkeys([*held, *fresh.removed, *wanted]):
                row = conn.execute(ROW_SQL, (now_ms, deck_id, item_id)).fetchone()
                if row is not None:
                    rows.append((row[0], row[1], row[2], int(row[3])))
        if keep:
            self._keep_record(deck_id, fresh)
        learning_due, undated, later, ahead, after_today, review, review_later, other = totals
        started = learning_due + undated + later + after_today + review + review_later + other
        return CountRows(
            (started, learning_due + undated, later, ahead, review), rows, fresh.removed
        )

    def _keep_record(self, deck_id: str, record: Record) -> None:
        """Store the record unless one that saw more of the log is there; prune what it saw.

        A read-only or busy history keeps its old record: counting stays exact,
        only the check is repeated next time.
        """
        value = json.dumps([record.digest, record.seq, sorted(record.removed)])
        try:
            with self._write() as conn:
                stored = _read_record(conn, deck_id)
                if stored is not None and stored.seq > record.seq:
                    return
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (RECORD_KEY + deck_id, value),
                )
                conn.execute(
                    "DELETE FROM card_state_added WHERE deck_id = ? AND seq <= ?",
                    (deck_id, record.seq),
                )
        except WriteRefusedError:
            return


def _deck_ids(conn: sqlite3.Connection, deck_id: str) -> set[str]:
    """The ids of the deck's states, as one string split in C (see ``queue_rows``)."""
    joined, count = conn.execute(DECK_IDS_JOINED_SQL, (deck_id,)).fetchone()
    ids = set() if joined is None else set(joined.split("\n"))
    if len(ids) != count:  # an id holding the separator: read by rows
        ids = {row[0] for row in conn.execute(DECK_IDS_SQL, (deck_id,))}
    return ids


def _read_record(conn: sqlite3.Connection, deck_id: str) -> Record | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (RECORD_KEY + deck_id,))
    found = row.fetchone()
    if found is None:
        return None
    try:
        digest, seq, removed = json.loads(found[0])
        return Record(str(digest), int(seq), frozenset(str(i) for i in removed))
    except (ValueError, TypeError):
        return None


def _checked_since(
    conn: sqlite3.Connection, deck_id: str, record: Record, in_deck: Callable[[], Collection[str]]
) -> tuple[Record, int]:
    """The record brought up to the end of the log (inserted states of other ids are
    removed), and how many log rows that took."""
    logged = conn.execute(LOG_SQL, (deck_id, record.seq)).fetchall()
    if not logged:
        return record, 0
    ids = in_deck()
    removed = set(record.removed)
    removed.update(item_id for _, item_id in logged if item_id not in ids)
    return Record(record.digest, logged[-1][0], frozenset(removed)), len(logged)


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction: the log, the ids and the counts seen at one moment."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
