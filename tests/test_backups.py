"""Verified backups of the history: made, checked, rotated, daily, before a migration, restored."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.config import Config
from quizapp.core.store import SqliteStore, StoreError, open_readonly, open_store, sqlite_backup
from quizapp.core.store.migrations import SCHEMA_VERSION, migrate
from quizapp.core.store.sqlite_backup import (
    BackupError,
    daily_backup,
    list_backups,
    make_backup,
    verify,
)
from tests.stats_helpers import DAY_MS, add_review

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
UTC_DAY = Config(zone=UTC).study_day


def _reviews(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        conn.close()


def _history(path: Path, answers: int = 3) -> SqliteStore:
    store = SqliteStore.open(path)
    for n in range(answers):
        add_review(store, "geo", f"card-{n}", 1_700_000_000_000 + n * DAY_MS, 3)
    return store


def test_a_backup_holds_the_answers_still_in_the_wal_and_is_standalone(quizapp_home: Path) -> None:
    history = quizapp_home / "history.sqlite3"
    with _history(history, 5):  # open: the answers are in the -wal, not yet in the file
        assert Path(f"{history}-wal").stat().st_size > 0
        made = make_backup(history, "manual", now=T0)
    assert made.parent == quizapp_home / "backups"
    assert made.name == "history-20260302T090000Z-manual.sqlite3"
    assert _reviews(made) == 5 and verify(made) is None
    assert not Path(f"{made}-wal").exists()
    assert made.read_bytes()[18:20] == b"\x01\x01"  # a rollback-journal file, not WAL
    assert [p.name for p in made.parent.iterdir()] == [made.name]  # no temporary left


def test_a_copy_that_fails_its_check_is_deleted(
    quizapp_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history = quizapp_home / "history.sqlite3"
    _history(history).close()
    monkeypatch.setattr(sqlite_backup, "verify", lambda path: f"{path}: integrity_check failed")
    with pytest.raises(BackupError, match="failed its check and was deleted"):
        make_backup(history, "manual", now=T0)
    assert list((quizapp_home / "backups").iterdir()) == []


def test_the_newest_backups_are_kept(quizapp_home: Path) -> None:
    history = quizapp_home / "history.sqlite3"
    _history(history).close()
    (quizapp_home / "backups").mkdir()
    stranger = quizapp_home / "backups" / "notes.txt"
    stranger.write_text("mine")
    made = [make_backup(history, "manual", now=T0 + timedelta(hours=n)) for n in range(9)]
    assert [b.path for b in list_backups(history)] == made[::-1][:7]
    assert stranger.exists()  # only backups are rotated
    make_backup(history, "manual", now=T0 + timedelta(hours=10), keep=3)
    assert len(list_backups(history)) == 3


def test_backups_keep_comes_from_the_config(quizapp_home: Path) -> None:
    (quizapp_home / "config.toml").write_text("backups_keep = 2\n")
    _history(quizapp_home / "history.sqlite3").close()
    for _ in range(4):
        assert main(["backup"]) == 0
    assert len(list_backups(quizapp_home / "history.sqlite3")) == 2


def test_the_daily_backup_is_made_once_a_day_and_only_after_a_change(quizapp_home: Path) -> None:
    history = quizapp_home / "history.sqlite3"
    store = _history(history)
    assert daily_backup(history, T0, UTC_DAY) is not None  # the first one
    add_review(store, "geo", "later", 1_800_000_000_000, 3)
    assert daily_backup(history, T0 + timedelta(hours=12), UTC_DAY) is None  # same day
    assert daily_backup(history, T0 + timedelta(days=1), UTC_DAY) is not None  # changed
    assert daily_backup(history, T0 + timedelta(days=2), UTC_DAY) is None  # unchanged
    store.set_setting("theme", "dark")  # a change of the same size is a change
    store.set_setting("theme", "pink")
    assert daily_backup(history, T0 + timedelta(days=3), UTC_DAY) is not None
    store.close()
    assert [b.kind for b in list_backups(history)] == ["daily"] * 3


def _v1_history(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    conn.execute(
        "INSERT INTO reviews (deck_id, item_id, reviewed_ms, rating, mode) "
        "VALUES ('geo', 'a', 1000, 3, 'study')"
    )
    conn.close()


def test_a_migration_is_preceded_by_a_verified_backup(quizapp_home: Path) -> None:
    history = quizapp_home / "history.sqlite3"
    _v1_history(history)
    with open_store(history) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    (backup,) = list_backups(history)
    assert backup.kind == "migration" and verify(backup.path) is None
    conn = sqlite3.connect(backup.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT item_id FROM reviews").fetchall() == [("a",)]
    conn.close()
    with open_store(history):  # up to date: no second backup
        pass
    assert len(list_backups(history)) == 1


def test_no_migration_without_its_backup(quizapp_home: Path) -> None:
    history = quizapp_home / "history.sqlite3"
    _v1_history(history)
    (quizapp_home / "backups").write_text("a file where the folder goes")
    with pytest.raises(StoreError, match="not upgraded from schema version 1"):
        open_store(history)
    conn = sqlite3.connect(history)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def _history_reviews(quizapp_home: Path) -> int:
    store = open_readonly(quizapp_home / "history.sqlite3")
    assert store is not None
    with store:
        return len(store.reviews())


def test_restore_round_trip_keeps_the_replaced_history(
    quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = quizapp_home / "history.sqlite3"
    store = _history(history, 3)
    store.close()
    assert main(["backup"]) == 0
    assert "backed up and verified: " in capsys.readouterr().out
    with open_store(history) as store:
        add_review(store, "geo", "after", 1_800_000_000_000, 3)
    assert main(["restore", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "the previous history was kept as" in out
    assert _history_reviews(quizapp_home) == 3
    assert not Path(f"{history}-wal").exists() or Path(f"{history}-wal").stat().st_size == 0
    kept = next(b for b in list_backups(history) if b.kind == "restore")
    assert _reviews(kept.path) == 4  # nothing was lost: the replaced history is a backup
    assert main(["restore", str(kept.path)]) == 0
    assert _history_reviews(quizapp_home) == 4


def _newer(path: Path) -> None:
    _history(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


@pytest.mark.parametrize(
    "make_bad",
    [
        lambda p: p.write_text("deck_id,item_id\n" * 300),
        lambda p: p.write_bytes(b""),
        lambda p: _newer(p),
        lambda p: sqlite3.connect(p).execute("CREATE TABLE other (x)").connection.close(),
    ],
    ids=["not-sqlite", "empty", "newer", "not-a-history"],
)
def test_a_file_that_fails_verification_is_not_restored(
    make_bad: object, quizapp_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = quizapp_home / "history.sqlite3"
    _history(history, 2).close()
    before = history.read_bytes()
    bad = tmp_path / "bad.sqlite3"
    make_bad(bad)  # type: ignore[operator]
    assert main(["restore", "--yes", str(bad)]) == 1
    assert "not restored" in capsys.readouterr().err
    assert history.read_bytes() == before
    assert not (quizapp_home / "backups").exists()


def test_restore_waits_for_the_other_quizapp_to_close(
    quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = quizapp_home / "history.sqlite3"
    _history(history).close()
    assert main(["backup"]) == 0
    with open_store(history):  # a study session in another window
        assert main(["restore", "--yes"]) == 1
        assert "another quizapp has the history open" in capsys.readouterr().err
    assert main(["restore", "--yes"]) == 0


def test_restore_asks_first_and_lists_the_backups(
    quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["restore"]) == 1  # nothing to restore
    assert "no verified backup" in capsys.readouterr().err
    _history(quizapp_home / "history.sqlite3").close()
    assert main(["backup"]) == 0
    assert main(["restore"]) == 2  # not a terminal, no --yes: a usage error
    captured = capsys.readouterr()
    assert "Verified backups, newest first:" in captured.out and "--yes" in captured.err


def test_postgres_histories_are_backed_up_by_the_server(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    for command in (["backup"], ["restore", "--yes"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1 and "pg_dump" in err


def _run(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QUIZAPP_HOME": str(home)},
    )


def test_a_damaged_history_names_the_latest_backup_and_its_restore_command(
    quizapp_home: Path,
) -> None:
    history = quizapp_home / "history.sqlite3"
    _history(history, 4).close()
    backup = make_backup(history, "manual", now=T0)
    history.write_bytes(history.read_bytes()[:1500])  # truncated
    damaged = history.read_bytes()
    for command in (["stats"], ["quiz", "libya-2019-en", "--plain", "-n", "1"]):
        done = _run(quizapp_home, *command, stdin="1\n")
        assert done.returncode == 1
        (line,) = done.stderr.splitlines()
        assert "damaged" in line and f"quizapp restore {backup}" in line, line
        assert history.read_bytes() == damaged
    done = _run(quizapp_home, "restore", "--yes")
    assert done.returncode == 0, done.stderr
    assert "moved, as it was" in done.stdout
    moved = next((quizapp_home / "backups").glob("damaged-history-*.sqlite3"))
    assert moved.read_bytes() == damaged  # never written into, kept
    assert _history_reviews(quizapp_home) == 4


def test_a_writing_command_makes_the_days_backup_a_reading_one_does_not(
    quizapp_home: Path,
) -> None:
    _history(quizapp_home / "history.sqlite3").close()
    assert _run(quizapp_home, "stats").returncode == 0
    assert not (quizapp_home / "backups").exists()
    done = _run(quizapp_home, "quiz", "libya-2019-en", "--plain", "-n", "1", stdin="1\n")
    assert done.returncode == 0, done.stderr
    assert [b.kind for b in list_backups(quizapp_home / "history.sqlite3")] == ["daily"]


def test_restoring_a_history_file_reads_its_wal_too(quizapp_home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "history.sqlite3"
    with _history(other, 5):  # its answers are still in its -wal
        assert Path(f"{other}-wal").stat().st_size > 0
        assert main(["restore", str(other)]) == 0
    assert _history_reviews(quizapp_home) == 5
