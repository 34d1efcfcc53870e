"""Today's counts from the index (``SqliteStore.count_rows``) equal the counts from every state.

The reference is :func:`count_day` on a store without ``count_rows`` (every
state read, as before schema version 5); the cases are generated: decks,
states of cards still in the deck and of removed ones, suspended and buried
cards, siblings of today's answers, daily limits, and changes after a first
count (a removed card's state written, the deck edited to drop or regain cards).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core.store import sqlite_counts
from quizapp.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from quizapp.core.store.protocol import CardState, NewReview, Store
from quizapp.core.store.sqlite import SqliteStore, open_readonly
from quizapp.core.store.sqlite_backup import list_backups, verify
from quizapp.core.store.sqlite_counts import RECORD_KEY, Record
from quizapp.core.study_counts import DayCounts, DayLimits, DayWindow, count_day

NOW = 1_700_000_000_000
HOUR = 3_600_000
WINDOW = DayWindow(now_ms=NOW, start_ms=NOW - 5 * HOUR, end_ms=NOW + 10 * HOUR, ahead_ms=NOW + HOUR)
DUES = [None, NOW - 2 * HOUR, NOW, NOW + 1, NOW + HOUR, NOW + 2 * HOUR, NOW + 10 * HOUR]
BURIED = [None, NOW - HOUR, NOW, NOW + HOUR]
IDS = [f"i{n}" for n in range(8)]


class EveryState:
    """The store answering no ``count_rows``: :func:`count_day` reads every state, as before."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def count_rows(self, *args: object) -> None:
        return None


def both(
    store: SqliteStore,
    ids: Sequence[str],
    groups: Mapping[str, Collection[str]],
    limits: DayLimits,
) -> tuple[DayCounts, DayCounts]:
    def count(on: Any) -> DayCounts:
        return count_day(on, "d", ids, lambda: groups, limits, WINDOW)

    return count(store), count(EveryState(store))


states = st.builds(
    CardState,
    deck_id=st.just("d"),
    item_id=st.sampled_from(IDS),
    state=st.integers(0, 4),  # 4: no such state, counted as started and nothing else
    due_ms=st.sampled_from(DUES),
    reps=st.just(1),
    suspended=st.booleans(),
    buried_until_ms=st.sampled_from(BURIED),
)
limits = st.builds(DayLimits, st.integers(0, 6), st.integers(0, 6), st.booleans())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    in_deck=st.lists(st.sampled_from(IDS), unique=True),
    written=st.lists(states, min_size=2, max_size=16),
    studied=st.lists(st.sampled_from(IDS), max_size=3),
    group_of=st.lists(st.integers(0, 2), min_size=len(IDS), max_size=len(IDS)),
    limits=limits,
    later=states,
    edited=st.lists(st.sampled_from(IDS), unique=True),
)
def test_index_counts_equal_every_state_counts(
    in_deck: list[str],
    written: list[CardState],
    studied: list[str],
    group_of: list[int],
    limits: DayLimits,
    later: CardState,
    edited: list[str],
) -> None:
    store = SqliteStore.open(":memory:")
    for state in written:
        store.put_card_state(state)
    for item_id in studied:
        store.record_review(NewReview("d", item_id, NOW - HOUR, 3, "study"))

    def siblings(ids: Sequence[str]) -> dict[str, frozenset[str]]:
        return {
            # siblings among every id: a group may name a card no longer in the deck
            i: frozenset(
                j for j in IDS if j != i and group_of[IDS.index(j)] == group_of[IDS.index(i)]
            )
            for i in ids
        }

    first = tuple(in_deck)
    fast, slow = both(store, first, siblings(first), limits)
    assert fast == slow
    # A state written after the first count (of a removed card, maybe): the log sees it.
    store.put_card_state(later)
    fast, slow = both(store, first, siblings(first), limits)
    assert fast == slow
    # The deck edited: other cards in it, then back as it was.
    for ids in (tuple(edited), first):
        fast, slow = both(store, ids, siblings(ids), limits)
        assert fast == slow


def test_a_removed_cards_state_written_after_the_check_is_not_counted() -> None:
    store = SqliteStore.open(":memory:")
    lim = DayLimits(20, 200, True)
    store.put_card_state(CardState("d", "kept", state=2, due_ms=NOW - HOUR, reps=1))
    assert both(store, ("kept",), {}, lim)[0] == DayCounts(0, 0, 1)
    store.put_card_state(CardState("d", "gone", state=2, due_ms=NOW - HOUR, reps=1))
    store.put_card_state(CardState("d", "gone2", state=1, due_ms=NOW - HOUR, reps=1))
    fast, slow = both(store, ("kept",), {}, lim)
    assert fast == slow == DayCounts(0, 0, 1)
    # The log rows checked are pruned; the removed ids are remembered.
    assert store.connection.execute("SELECT count(*) FROM card_state_added").fetchone()[0] == 0
    assert both(store, ("kept",), {}, lim)[0] == DayCounts(0, 0, 1)


def _old_history(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for statements in MIGRATIONS[:3]:
        for statement in statements:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    rows = [("a", 2, NOW - HOUR, 0), ("b", 1, NOW, 0), ("gone", 2, NOW - HOUR, 0), ("s", 2, 0, 1)]
    for item_id, state, due, suspended in rows:
        conn.execute(
            "INSERT INTO card_state (deck_id, item_id, state, due_ms, reps, suspended) "
            "VALUES ('d', ?, ?, ?, 1, ?)",
            (item_id, state, due, suspended),
        )
    conn.close()


def test_an_old_history_read_only_counts_every_state_and_migrated_counts_the_same(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    _old_history(path)
    ids, lim, expected = ("a", "b", "s", "new"), DayLimits(20, 200, True), DayCounts(1, 1, 1, 1)
    old = open_readonly(path)
    assert old is not None and old.count_rows("d", "x", frozenset, (NOW, NOW, NOW)) is None
    assert count_day(old, "d", ids, dict, lim, WINDOW) == expected
    old.close()
    store = SqliteStore.open(path)
    version = store.connection.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION
    (backup,) = list_backups(path)  # the v3 file, kept before the migration
    assert backup.kind == "migration" and verify(backup.path) is None
    with closing(sqlite3.connect(backup.path)) as kept:
        assert kept.execute("PRAGMA user_version").fetchone()[0] == 3
    assert count_day(store, "d", ids, dict, lim, WINDOW) == expected
    plan = store.connection.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM card_state WHERE deck_id = 'd' AND state > 0"
    ).fetchall()
    assert "COVERING INDEX card_state_counts" in str(plan)
    store.close()


def test_a_read_only_history_counts_exactly_without_keeping_its_check(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with SqliteStore.open(path) as store:
        store.put_card_state(CardState("d", "kept", state=2, due_ms=NOW - HOUR, reps=1))
        store.put_card_state(CardState("d", "gone", state=2, due_ms=NOW - HOUR, reps=1))
    reader = open_readonly(path)
    assert reader is not None
    lim = DayLimits(20, 200, True)
    for _ in range(2):
        assert count_day(reader, "d", ("kept", "new"), dict, lim, WINDOW) == DayCounts(1, 0, 1)
    assert reader.get_setting(RECORD_KEY + "d") is None
    reader.close()


def test_a_check_that_saw_less_of_the_log_does_not_replace_one_that_saw_more() -> None:
    store = SqliteStore.open(":memory:")
    store.put_card_state(CardState("d", "a", state=2, due_ms=NOW, reps=1))
    store._keep_record("d", Record("new", 5, frozenset({"x"})))
    store._keep_record("d", Record("old", 3, frozenset()))
    assert store.get_setting(RECORD_KEY + "d") == '["new", 5, ["x"]]'


def test_answers_in_the_deck_are_checked_again_until_enough_to_keep(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sqlite_counts, "KEEP_AFTER", 3)
    store = SqliteStore.open(":memory:")
    ids, lim = ("a", "b", "c", "d"), DayLimits(20, 200, False)
    log = "SELECT count(*) FROM card_state_added"
    assert both(store, ids, {}, lim)[0] == DayCounts(4, 0, 0)
    kept = store.get_setting(RECORD_KEY + "d")
    for n, item_id in enumerate(ids[:2], 1):  # no write: the record stays, the log grows
        store.put_card_state(CardState("d", item_id, state=2, due_ms=NOW, reps=1))
        fast, slow = both(store, ids, {}, lim)
        assert fast == slow == DayCounts(4 - n, 0, n)
        assert store.get_setting(RECORD_KEY + "d") == kept
        assert store.connection.execute(log).fetchone()[0] == n
    store.put_card_state(CardState("d", "c", state=2, due_ms=NOW, reps=1))
    assert both(store, ids, {}, lim)[0] == DayCounts(1, 0, 3)
    assert store.get_setting(RECORD_KEY + "d") != kept
    assert store.connection.execute(log).fetchone()[0] == 0


def test_the_check_reads_an_id_holding_the_separator_whole() -> None:
    store = SqliteStore.open(":memory:")
    for item_id in ("x\ny", "x", "y"):  # "x\ny" is no longer in the deck
        store.put_card_state(CardState("d", item_id, state=2, due_ms=NOW, reps=1))
    fast, slow = both(store, ("x", "y", "z"), {}, DayLimits(20, 200, False))
    assert fast == slow == DayCounts(1, 0, 2)
    assert json.loads(store.get_setting(RECORD_KEY + "d") or "")[2] == ["x\ny"]
