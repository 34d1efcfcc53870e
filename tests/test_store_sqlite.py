"""The SQLite store: schema versions, durability settings, processes and threads at once.

What every backend does (answers, undo, flags, quizzes…) is in test_store_behaviour.py."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from quizapp.core.store import CardState, SqliteStore, Store, StoreError, open_store
from quizapp.core.store.migrations import SCHEMA_V1, SCHEMA_VERSION
from quizapp.core.store.protocol import NewReview

REPO = Path(__file__).resolve().parent.parent


def test_open_default_path_and_pragmas(quizapp_home: Path) -> None:
    with open_store() as store:
        assert isinstance(store, Store)
        assert Path(store.path) == quizapp_home / "history.sqlite3"
        conn = store.connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.isolation_level is None


def _v1_database(path: Path) -> None:
    """A version-1 database built by hand, as the first release wrote it."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in SCHEMA_V1:
        conn.execute(statement)
    before = CardState.new("d", "a").to_json()
    after = CardState("d", "a", state=1, step=1, stability=2.3, difficulty=2.1, due_ms=5, reps=1)
    conn.execute("INSERT INTO card_state VALUES ('d', 'a', 1, 1, 2.3, 2.1, 5, 1, 1, 0, 0, NULL, 0)")
    conn.execute("INSERT INTO quiz_sessions VALUES (1, 'd', 1, 2, 0, 1, 1, 0, 0, 100.0, '{}')")
    conn.execute(
        "INSERT INTO reviews VALUES "
        "(1, 'd', 'a', 1, 3, 'correct', 'x', 900, 'study', 'h', ?, ?, NULL)",
        (before, after.to_json()),
    )
    conn.execute(
        "INSERT INTO reviews VALUES "
        "(2, 'd', 'a', 2, 3, 'correct', 'x', 800, 'quiz', 'h', NULL, NULL, 1)"
    )
    conn.execute("INSERT INTO settings VALUES ('theme', 'dark')")
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def test_migration_from_v1_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _v1_database(path)
    with SqliteStore.open(path) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        state = store.card_state("d", "a")
        assert (state.state, state.step, state.stability, state.due_ms) == (1, 1, 2.3, 5)
        reviews = store.reviews("d")
        assert [(r.id, r.mode, r.response_ms) for r in reviews] == [
            (1, "study", 900),
            (2, "quiz", 800),
        ]
        assert reviews[0].state_before == CardState.new("d", "a")
        assert store.quiz_sessions("d")[0].score == 100.0
        assert store.get_setting("theme") == "dark"
        backfilled = store.connection.execute(
            "SELECT id, before_state FROM reviews ORDER BY id"
        ).fetchall()
        assert backfilled == [(1, 0), (2, None)]
        assert store.study_counts_since("d", 0) == (1, 0)
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_newer_schema_is_refused_and_untouched(tmp_path: Path, journal: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "future.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE something_new (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before_bytes, before_mtime = path.read_bytes(), os.stat(path).st_mtime_ns
    with pytest.raises(StoreError) as info:
        SqliteStore.open(path)
    message = str(info.value)
    assert "\n" not in message and "upgrade quizapp" in message
    assert f"schema version {SCHEMA_VERSION + 1}" in message
    assert path.read_bytes() == before_bytes
    assert os.stat(path).st_mtime_ns == before_mtime
    assert sorted(p.name for p in folder.iterdir()) == ["future.db"]


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable history database"):
        SqliteStore.open(path)
    assert path.read_bytes() == b"this is not sqlite at all" * 100


@pytest.mark.parametrize("blocker", ["file", "directory"])
def test_unusable_location_is_one_line(tmp_path: Path, blocker: str) -> None:
    """A file where the data folder should be, or a folder where the database should be."""
    if blocker == "file":
        (tmp_path / "home").write_text("not a folder", encoding="utf-8")
        path = tmp_path / "home" / "history.sqlite3"
    else:
        path = tmp_path / "history.sqlite3"
        path.mkdir()
    with pytest.raises(StoreError) as info:
        SqliteStore.open(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def _review(item: str, ms: int, before: CardState, after: CardState | None) -> NewReview:
    return NewReview(
        deck_id="d",
        item_id=item,
        reviewed_ms=ms,
        rating=3,
        verdict="correct",
        response="r",
        response_ms=1000,
        content_hash="h",
        state_before=before,
        state_after=after,
    )


WRITER = textwrap.dedent(
    """
    import sys
    from quizapp.core.store import CardState, SqliteStore
    from quizapp.core.store.protocol import NewReview
    path, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with SqliteStore.open(path) as store:
        for i in range(n):
            item = f"{tag}{i}"
            after = CardState("d", item, state=1, step=0, due_ms=i, reps=1)
            store.record_review(NewReview("d", item, i, 3, state_before=CardState.new("d", item),
                                          state_after=after))
    print("done")
    """
)


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    SqliteStore.open(path).close()
    n = 150
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), tag, str(n)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        for tag in ("p", "q")
    ]
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0 and out.strip() == "done"
    with SqliteStore.open(path) as store:
        assert len(store.reviews("d")) == 2 * n
        assert len(store.card_states("d")) == 2 * n


def test_two_threads_with_own_connections(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    SqliteStore.open(path).close()
    errors: list[BaseException] = []

    def work(tag: str) -> None:
        try:
            with SqliteStore.open(path) as store:
                for i in range(100):
                    item = f"{tag}{i}"
                    store.record_review(_review(item, i, CardState.new("d", item), None))
                    store.set_setting(f"last-{tag}", str(i))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(tag,)) for tag in "xyz"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with SqliteStore.open(path) as store:
        assert len(store.reviews("d")) == 300
        assert {store.get_setting(f"last-{t}") for t in "xyz"} == {"99"}


def test_state_json_roundtrip() -> None:
    state = CardState("d", "a", 2, None, 1.5, 4.2, 10, 5, 3, 1, True, 77, True)
    assert CardState.from_json(state.to_json()) == state
    assert json.loads(state.to_json())["suspended"] is True
