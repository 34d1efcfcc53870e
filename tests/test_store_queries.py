"""The store's read queries: the protocol declares them all, errors are one line, and the
schema-v3 columns give the same figures as the JSON they copy, on an old database too."""

from __future__ import annotations

import inspect
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.core import stats
from quizapp.core.store import (
    CardState,
    HistoryReadError,
    SqliteStore,
    Store,
    StoreError,
    WriteRefusedError,
    open_readonly,
)
from quizapp.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from quizapp.core.store.protocol import NewReview
from tests.stats_helpers import DAY_MS, add_card, add_quiz, add_review, ms

NOW = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)
# What only the SQLite backend has: opening it and its raw connection (tests, benchmarks).
SQLITE_ONLY = {"open", "connection"}


def test_the_protocol_declares_every_method_of_the_store() -> None:
    """A method the SQLite store has and the protocol lacks could not be used by the app
    without tying it to SQLite; a second backend implements exactly the protocol."""
    public = {name for name in dir(SqliteStore) if not name.startswith("_")}
    declared = {name for name in dir(Store) if not name.startswith("_")}
    assert public - declared == SQLITE_ONLY
    assert declared <= public
    for name in sorted(declared):
        mine = inspect.signature(getattr(SqliteStore, name))
        theirs = inspect.signature(getattr(Store, name))
        assert list(mine.parameters) == list(theirs.parameters), name


def _history(path: Path, versions: int) -> None:
    """A database of an older schema (the first ``versions`` migrations), with answers."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statements in MIGRATIONS[:versions]:
        for statement in statements:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {versions}")
    t = ms(NOW)
    for i, (days_ago, rating, interval) in enumerate(
        [(0, 3, 3), (0, 1, 30), (1, 3, 21), (1, 3, 20.9), (8, 1, 2), (40, 4, 100), (400, 3, 60)]
    ):
        add_review(conn, "d", f"i{i}", t - days_ago * DAY_MS, rating, interval_days=interval)
    add_review(conn, "d", "l", t, 1, before_state=1)  # learning: not counted
    add_review(conn, "d", "q", t, 1, mode="quiz", verdict="wrong")  # quiz: not counted
    add_card(conn, "d", "i0", due_ms=t + DAY_MS, last_review_ms=t, stability=3.0)
    add_quiz(conn, "d", t - DAY_MS, 75.0)
    conn.close()


def _figures(store: Store) -> dict[str, object]:
    report = stats.compute_stats(store, now=NOW, tz=UTC, rollover_hour=4)
    return stats.report_to_dict(report) | {"generated": None}


@pytest.mark.parametrize("versions", [1, 2])
def test_migration_to_v3_backfills_the_interval_and_keeps_every_figure(
    tmp_path: Path, versions: int
) -> None:
    path = tmp_path / "old.sqlite3"
    _history(path, versions)
    old = open_readonly(path)  # read-only: not migrated, the JSON is read instead
    assert old is not None
    before = _figures(old)
    old.close()
    with SqliteStore.open(path) as store:
        conn = store.connection
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        rows = conn.execute(
            "SELECT item_id, before_interval_ms, before_state FROM reviews ORDER BY id"
        ).fetchall()
        assert rows[:2] == [("i0", 3 * DAY_MS, 2), ("i1", 30 * DAY_MS, 2)]
        assert rows[-1] == ("q", None, None)  # a quiz answer has no state before
        after = _figures(store)
    assert after == before
    periods = {p["period"]: p for p in after["retention"]["periods"]}  # type: ignore[index]
    # today: a young pass (3 days) and a mature fail (30 days); yesterday: 21 days is mature
    assert (periods["today"]["young_pass"], periods["today"]["mature_fail"]) == (1, 1)
    assert (periods["yesterday"]["mature_pass"], periods["yesterday"]["young_pass"]) == (1, 1)
    assert periods["all time"]["count"] == 7


def test_answers_recorded_fill_the_v3_column(tmp_path: Path) -> None:
    with SqliteStore.open(tmp_path / "h.sqlite3") as store:
        before = CardState("d", "a", state=2, due_ms=10 * DAY_MS, last_review_ms=4 * DAY_MS)
        store.record_review(NewReview("d", "a", 11 * DAY_MS, 3, state_before=before))
        store.record_review(NewReview("d", "b", 11 * DAY_MS, 3, state_before=None))
        rows = store.connection.execute(
            "SELECT before_state, before_interval_ms FROM reviews ORDER BY id"
        ).fetchall()
    assert rows == [(2, 6 * DAY_MS), (None, None)]


def test_readonly_store_creates_nothing_and_writes_nothing(tmp_path: Path) -> None:
    assert open_readonly(tmp_path / "missing.sqlite3") is None
    assert not (tmp_path / "missing.sqlite3").exists()
    SqliteStore.open(tmp_path / "h.sqlite3").close()
    store = open_readonly(tmp_path / "h.sqlite3")
    assert store is not None
    with pytest.raises(WriteRefusedError, match="read-only"):  # one clear line, not sqlite's
        store.set_setting("theme", "dark")
    assert store.review_count(None) == 0
    store.close()


def test_a_damaged_history_is_one_read_error(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with SqliteStore.open(path) as store:
        store.connection.execute("DROP TABLE reviews")
    store = open_readonly(path)
    assert store is not None
    with pytest.raises(HistoryReadError) as error:
        store.review_count("d")
    assert isinstance(error.value, StoreError)
    assert str(error.value) == f"{path}: cannot read the history: no such table: reviews"
    assert error.value.reason == "no such table: reviews"
    with pytest.raises(HistoryReadError):
        list(store.stored_reviews(None))
    assert store.has_history_schema() is False
    assert stats.compute_stats(store, now=NOW, tz=UTC).total_reviews == 0
    store.close()


def test_counts_per_range_keep_the_order_given(tmp_path: Path) -> None:
    with SqliteStore.open(tmp_path / "h.sqlite3") as store:
        for t in (5, 15, 15, 25):
            add_review(store, "d", "a", t, 3)
        add_review(store, "e", "a", 15, 3)
        assert store.review_counts([(20, 30), (0, 10), (10, 20)], "d") == [1, 1, 2]
        assert store.review_counts([(10, 20)], None) == [3]
        assert store.review_counts([], None) == []
        assert store.review_span("d") == (5, 25) and store.review_span("x") is None


def test_a_replaced_review_keeps_its_columns_in_step_with_its_json(tmp_path: Path) -> None:
    with SqliteStore.open(tmp_path / "h.sqlite3") as store:
        first = CardState("d", "a", state=2, due_ms=10 * DAY_MS, last_review_ms=4 * DAY_MS)
        after = CardState("d", "a", state=2, due_ms=20 * DAY_MS, last_review_ms=11 * DAY_MS)
        review_id = store.record_review(
            NewReview("d", "a", 11 * DAY_MS, 3, state_before=first, state_after=after)
        )
        other = CardState("d", "a", state=3, due_ms=30 * DAY_MS, last_review_ms=5 * DAY_MS)
        store.replace_review(
            review_id, lambda _: NewReview("d", "a", 11 * DAY_MS, 1, state_before=other)
        )
        row = store.connection.execute(
            "SELECT before_state, before_interval_ms, state_before FROM reviews WHERE id = ?",
            (review_id,),
        ).fetchone()
    assert row[:2] == (3, 25 * DAY_MS)
    assert CardState.from_json(row[2]) == other
