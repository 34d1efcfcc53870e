"""Schema versions of the history database, kept in ``PRAGMA user_version``.

``MIGRATIONS[n]`` is the list of statements that take a database from
version ``n`` to ``n + 1`` (version 0 is an empty file). They run one by one
inside a single ``BEGIN IMMEDIATE`` transaction together with the new
``user_version``, so a crash leaves the old version intact; ``executescript``
is never used because it commits on its own.

A database whose version is newer than :data:`SCHEMA_VERSION` comes from a
newer quizapp: it is refused before anything is written to it.

Version 1 is the schema agreed with the stats code; version 2 adds
``reviews.before_state`` (the card's state before the answer, 0 new … 3
relearning, NULL for quiz answers) so daily limits can count new and review
cards answered today without parsing JSON, backfilled from ``state_before``,
plus an index for a card's own history. Version 3 adds
``reviews.before_interval_ms`` (the card's interval before the answer, due
minus last review, NULL when it had none), backfilled from ``state_before``:
true retention splits young and mature answers by it, and reading it out of
the JSON of every review row was most of the cost of the stats. Version 4
adds two covering indexes so the stats' aggregates over a million answers read
small indexes instead of the table (whose rows carry the states' JSON): one for
true retention (answers to cards in review, by mode and time) and one for the
answers per item (tag accuracy). Version 5
serves today's counts (:mod:`quizapp.core.store.sqlite_counts`): an index on
(deck, state, due) that SQLite counts ranges of without reading the table, a
partial index of the suspended and buried states, and a log of the states
inserted (``card_state_added``, filled by triggers, emptied as counting checks
it) so that counting can tell whether a state of a card no longer in a deck
appeared since it last looked, without reading every id.
"""

from __future__ import annotations

import sqlite3

from quizapp.core.i18n import _
from quizapp.core.store.protocol import StoreError

SCHEMA_V1: list[str] = [
    """CREATE TABLE card_state (
        deck_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        state INTEGER NOT NULL DEFAULT 0,
        step INTEGER,
        stability REAL,
        difficulty REAL,
        due_ms INTEGER,
        last_review_ms INTEGER,
        reps INTEGER NOT NULL DEFAULT 0,
        lapses INTEGER NOT NULL DEFAULT 0,
        suspended INTEGER NOT NULL DEFAULT 0,
        buried_until_ms INTEGER,
        leech INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (deck_id, item_id)
    )""",
    "CREATE INDEX card_state_due ON card_state (due_ms)",
    "CREATE INDEX card_state_deck_due ON card_state (deck_id, due_ms)",
    """CREATE TABLE quiz_sessions (
        id INTEGER PRIMARY KEY,
        deck_id TEXT NOT NULL,
        started_ms INTEGER NOT NULL,
        finished_ms INTEGER,
        abandoned INTEGER NOT NULL DEFAULT 0,
        questions INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        close INTEGER NOT NULL DEFAULT 0,
        wrong INTEGER NOT NULL DEFAULT 0,
        score REAL,
        settings TEXT
    )""",
    "CREATE INDEX quiz_sessions_deck ON quiz_sessions (deck_id, started_ms)",
    """CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        deck_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        reviewed_ms INTEGER NOT NULL,
        rating INTEGER,
        verdict TEXT,
        response TEXT,
        response_ms INTEGER,
        mode TEXT NOT NULL,
        content_hash TEXT,
        state_before TEXT,
        state_after TEXT,
        quiz_id INTEGER REFERENCES quiz_sessions (id)
    )""",
    "CREATE INDEX reviews_deck_time ON reviews (deck_id, reviewed_ms)",
    "CREATE INDEX reviews_time ON reviews (reviewed_ms)",
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)",
]

V1_TO_V2: list[str] = [
    "ALTER TABLE reviews ADD COLUMN before_state INTEGER",
    """UPDATE reviews SET before_state = json_extract(state_before, '$.state')
       WHERE state_before IS NOT NULL AND json_valid(state_before)""",
    "CREATE INDEX reviews_item ON reviews (deck_id, item_id, id)",
]

V2_TO_V3: list[str] = [
    "ALTER TABLE reviews ADD COLUMN before_interval_ms INTEGER",
    """UPDATE reviews SET before_interval_ms =
         json_extract(state_before, '$.due_ms') - json_extract(state_before, '$.last_review_ms')
       WHERE state_before IS NOT NULL AND json_valid(state_before)""",
]

V3_TO_V4: list[str] = [
    """CREATE INDEX reviews_retention ON reviews
         (before_state, mode, reviewed_ms, before_interval_ms, rating, deck_id)""",
    "CREATE INDEX reviews_answers ON reviews (deck_id, item_id, verdict, rating)",
]

COUNTS_INDEX: list[str] = [
    "CREATE INDEX card_state_counts ON card_state (deck_id, state, due_ms)",
    """CREATE INDEX card_state_held ON card_state (deck_id)
       WHERE suspended = 1 OR buried_until_ms IS NOT NULL""",
    """CREATE TABLE card_state_added (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        deck_id TEXT NOT NULL,
        item_id TEXT NOT NULL
    )""",
    "CREATE INDEX card_state_added_deck ON card_state_added (deck_id, seq)",
    # Every insert (INSERT OR REPLACE included) and every change of a row's key is logged.
    """CREATE TRIGGER card_state_added_insert AFTER INSERT ON card_state BEGIN
         INSERT INTO card_state_added (deck_id, item_id) VALUES (new.deck_id, new.item_id);
       END""",
    """CREATE TRIGGER card_state_added_rekey AFTER UPDATE OF deck_id, item_id ON card_state
       BEGIN
         INSERT INTO card_state_added (deck_id, item_id) VALUES (new.deck_id, new.item_id);
       END""",
]

MIGRATIONS: list[list[str]] = [SCHEMA_V1, V1_TO_V2, V2_TO_V3, V3_TO_V4, COUNTS_INDEX]
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def refuse_newer(version: int, where: str) -> None:
    """Raise the one-line error for a database written by a newer quizapp."""
    if version > SCHEMA_VERSION:
        raise StoreError(
            _(
                "{path}: the history database has schema version {version}, but this quizapp "
                "knows up to {known}; upgrade quizapp (the file was left untouched)"
            ).format(path=where, version=version, known=SCHEMA_VERSION)
        )


def migrate(conn: sqlite3.Connection, where: str = "database", target: int = SCHEMA_VERSION) -> int:
    """Bring the database to ``target`` in one transaction; returns the version found.

    The version is read again inside the write transaction, so two processes
    opening an old file at once migrate it once.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = user_version(conn)
        refuse_newer(found, where)
        for version in range(found, target):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
        if found < target:
            conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return found
