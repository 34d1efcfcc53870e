"""The stats' aggregates against a straightforward count on a generated history, and the
schema v4 covering indexes they read (a migration tested on an old database)."""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core import stats
from quizapp.core.store import REVIEW, SqliteStore, Store, open_readonly
from quizapp.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from quizapp.core.store.sqlite_stats import RETENTION_MODES
from tests.stats_helpers import DAY_MS, add_card, add_review, ms, open_history

NOW = datetime(2025, 12, 31, 12, 0, tzinfo=UTC)
NOW_MS = ms(NOW)
MATURE_MS = 21 * DAY_MS
V4_INDEXES = {"reviews_retention", "reviews_answers"}


@pytest.fixture
def history(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_history(tmp_path / "history.sqlite3")
    yield store
    store.close()


answers = st.tuples(
    st.sampled_from(["a", "b"]),  # deck
    st.integers(0, 5),  # item
    st.integers(0, 800 * DAY_MS),  # how long before now
    st.sampled_from([None, 1, 2, 3, 4]),  # rating (None: a quiz answer without one)
    st.sampled_from(["study", "import", "quiz"]),
    st.sampled_from([None, "right", "close", "wrong"]),  # the checker's verdict
    st.sampled_from([0, 1, 2, 2, 3]),  # state before the answer
    st.sampled_from([0.5, 5, 20.99, 21, 30, 100]),  # interval before the answer, days
)


def _fill(store: object, rows: list[tuple]) -> None:  # type: ignore[type-arg]
    for deck, item, before, rating, mode, verdict, state, interval in rows:
        add_review(
            store,
            deck,
            f"i{item}",
            NOW_MS - before,
            rating,  # type: ignore[arg-type]
            mode=mode,
            verdict=verdict,
            before_state=state,
            interval_days=interval,
        )


def _right(verdict: str | None, rating: int | None) -> bool:
    """As a reader would say it: the checker's verdict, else any rating but Again."""
    if verdict is not None:
        return verdict != "wrong"
    return (rating or 1) > 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(answers, max_size=80), deck=st.sampled_from([None, "a"]))
def test_answers_per_item_match_a_plain_count(history, rows, deck) -> None:  # type: ignore[no-untyped-def]
    history.connection.execute("DELETE FROM reviews")
    _fill(history, rows)
    total: Counter[tuple[str, str]] = Counter()
    wrong: Counter[tuple[str, str]] = Counter()
    for d, item, _, rating, _, verdict, _, _ in rows:
        if deck is None or d == deck:
            total[(d, f"i{item}")] += 1
            wrong[(d, f"i{item}")] += not _right(verdict, rating)
    got = {(a.deck_id, a.item_id): (a.answers, a.wrong) for a in history.answer_counts(deck)}
    assert got == {key: (total[key], wrong[key]) for key in total}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(answers, max_size=80),
    deck=st.sampled_from([None, "b"]),
    cuts=st.lists(st.integers(0, 800 * DAY_MS), max_size=6, unique=True),
)
def test_retention_counts_match_a_plain_count(history, rows, deck, cuts) -> None:  # type: ignore[no-untyped-def]
    """Answers per time range and class against each answer classified alone: study or
    imported, card in review, mature at 21 days, passed when not Again; an answer
    without a rating is left out."""
    history.connection.execute("DELETE FROM reviews")
    _fill(history, rows)
    bounds = sorted({-(2**62), 2**62, *(NOW_MS - cut for cut in cuts)})
    ranges = list(itertools.pairwise(bounds))
    expected: Counter[tuple[int, bool, bool]] = Counter()
    for d, _, before, rating, mode, _, state, interval in rows:
        if (deck is not None and d != deck) or mode not in RETENTION_MODES or state != REVIEW:
            continue
        if rating is None:
            continue
        when = NOW_MS - before
        part = next(i for i, (low, high) in enumerate(ranges) if low <= when < high)
        expected[(part, int(interval * DAY_MS) >= MATURE_MS, rating > 1)] += 1
    got = history.retention_by_range(ranges, deck, MATURE_MS)
    assert all(c.answers > 0 for c in got)
    assert {(c.slice, c.mature, c.passed): c.answers for c in got} == dict(expected)


def _old_history(path: Path, version: int) -> None:
    """A database of schema ``version`` holding a generated history."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statements in MIGRATIONS[:version]:
        for statement in statements:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    rng = random.Random(4)
    for i in range(400):
        add_review(
            conn,
            rng.choice(["a", "b"]),
            f"i{rng.randrange(30)}",
            NOW_MS - rng.randrange(500 * DAY_MS),
            rng.choice([1, 2, 3, 3, 4]),
            mode=rng.choice(["study", "study", "import", "quiz"]),
            verdict=rng.choice([None, None, "right", "wrong"]),
            before_state=rng.choice([0, 1, 2, 2, 2, 3]),
            interval_days=rng.choice([1, 10, 21, 40]),
        )
        if i < 30:
            add_card(conn, "a", f"i{i}", due_ms=NOW_MS + i * DAY_MS, last_review_ms=NOW_MS)
    conn.close()


def _figures(store: Store, deck: str | None) -> dict[str, object]:
    report = stats.compute_stats(store, deck_id=deck, now=NOW, tz=UTC, rollover_hour=4)
    return stats.report_to_dict(report) | {"generated": None}


def _indexes(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    return {row[0] for row in rows}


@pytest.mark.parametrize("version", [1, 3])
def test_migration_to_v4_adds_the_indexes_and_keeps_every_figure(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "old.sqlite3"
    _old_history(path, version)
    old = open_readonly(path)  # read-only: not migrated, no index, same figures
    assert old is not None
    before = {deck: _figures(old, deck) for deck in (None, "a")}
    old.close()
    with SqliteStore.open(path) as store:
        conn = store.connection
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 4
        assert _indexes(conn) >= V4_INDEXES
        after = {deck: _figures(store, deck) for deck in (None, "a")}
    assert after == before


def _plan(store: SqliteStore, sql: str) -> str:
    rows = store.connection.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
    return " | ".join(row[-1] for row in rows)


@pytest.mark.parametrize("deck", [None, "a"])
def test_the_aggregates_over_answers_read_covering_indexes_only(
    history: SqliteStore, deck: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No aggregate over the answers reads the table (its rows carry the states' JSON):
    each query the stats send about ``reviews`` is answered from an index alone."""
    sent: list[str] = []
    connection = history.connection

    class Spy:
        def __getattr__(self, name: str) -> object:
            return getattr(connection, name)

        def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:  # type: ignore[type-arg]
            sent.append(sql)
            return connection.execute(sql, params)

    add_review(history, "a", "x", NOW_MS, 3)
    monkeypatch.setattr(history, "_conn", Spy())
    stats.compute_stats(history, deck_id=deck, now=NOW, tz=UTC, rollover_hour=4)
    monkeypatch.undo()
    about_answers = [sql for sql in sent if "FROM reviews" in sql and "count(" in sql]
    assert about_answers
    for sql in about_answers:
        plan = _plan(history, sql.replace("?", "NULL"))
        scans = [part for part in plan.split(" | ") if "reviews" in part]
        assert scans and all("COVERING INDEX" in part for part in scans), (sql, plan)


def test_a_report_computed_in_parts_is_the_report_computed_at_once(tmp_path: Path) -> None:
    """Each section alone fills its own fields as the whole computation does and leaves
    the others as an empty history has them; parts combine into the whole report."""
    path = tmp_path / "h.sqlite3"
    _old_history(path, SCHEMA_VERSION)
    store = open_readonly(path)
    assert store is not None
    whole = stats.compute_stats(store, now=NOW, tz=UTC, rollover_hour=4)
    empty = stats.compute_stats(None, now=NOW, tz=UTC, rollover_hour=4)
    for section, fields in stats.SECTIONS.items():
        alone = stats.compute_stats(store, now=NOW, tz=UTC, rollover_hour=4, sections={section})
        for name in fields:
            assert getattr(alone, name) == getattr(whole, name), name
        others = {f for s, fs in stats.SECTIONS.items() if s != section for f in fs}
        for name in others:
            assert getattr(alone, name) == getattr(empty, name), name
    first = {"retention", "tags"}
    rest = set(stats.SECTIONS) - first
    early = stats.compute_stats(store, now=NOW, tz=UTC, rollover_hour=4, sections=first)
    late = stats.compute_stats(store, now=NOW, tz=UTC, rollover_hour=4, sections=rest)
    assert stats.combine(late, early, first) == whole
    store.close()
