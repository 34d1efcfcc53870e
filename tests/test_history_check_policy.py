"""When the history's pages are checked at open: every open when small, once a day when large.

The size threshold is lowered for the "large" cases (``ALWAYS_CHECK_BYTES``),
and the number of ``PRAGMA quick_check`` runs is counted by wrapping the
health module's ``quick_check``.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.store import StoreError, open_readonly, open_store, sqlite_health
from quizapp.core.store import sqlite_check_stamp as stamp
from quizapp.core.store.sqlite_backup import BackupError, make_backup
from tests.stats_helpers import DAY_MS, add_review, open_history

Opener = Callable[[Path], object]


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths ``quick_check`` ran on, in order."""
    ran: list[str] = []
    real = sqlite_health.quick_check

    def counted(conn: sqlite3.Connection, path: Path | str) -> None:
        ran.append(str(path))
        real(conn, path)

    monkeypatch.setattr(sqlite_health, "quick_check", counted)
    return ran


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every history file counts as large."""
    monkeypatch.setattr(stamp, "ALWAYS_CHECK_BYTES", 1)


def _history(path: Path, reviews: int = 400) -> Path:
    store = open_history(path)
    for n in range(reviews):
        add_review(store, "geo", f"card-{n}", 1_700_000_000_000 + n * DAY_MS, 3)
    store.close()
    return path


def _open_close(opener: Opener, path: Path) -> None:
    store = opener(path)
    assert store is not None
    store.close()  # type: ignore[attr-defined]


OPENERS = [pytest.param(open_store, id="read-write"), pytest.param(open_readonly, id="read-only")]


@pytest.mark.parametrize("opener", OPENERS)
def test_a_small_history_is_checked_at_every_open(
    opener: Opener, checks: list[str], tmp_path: Path
) -> None:
    path = _history(tmp_path / "history.sqlite3")
    checks.clear()
    for _ in range(3):
        _open_close(opener, path)
    assert len(checks) == 3
    assert not stamp.stamp_path(path).exists()


@pytest.mark.parametrize("opener", OPENERS)
def test_a_large_history_is_checked_once_a_day(
    opener: Opener, checks: list[str], large: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _history(tmp_path / "history.sqlite3")
    stamp.forget_check(path)
    checks.clear()
    for _ in range(3):
        _open_close(opener, path)
    assert len(checks) == 1
    assert json.loads(stamp.stamp_path(path).read_text())["day"] == stamp.today()
    monkeypatch.setattr(stamp, "today", lambda: "2999-01-01")  # the next day
    _open_close(opener, path)
    _open_close(opener, path)
    assert len(checks) == 2


def _garbage(path: Path) -> None:
    stamp.stamp_path(path).write_bytes(b"\x00\xff{not json")


def _missing(path: Path) -> None:
    stamp.stamp_path(path).unlink()


def _other_file(path: Path) -> None:
    """The history replaced by a copy (a restore, a copy from another machine): a new inode."""
    copy = path.with_name("copy.sqlite3")
    shutil.copyfile(path, copy)
    os.replace(copy, path)


def _smaller_than_checked(path: Path) -> None:
    data = json.loads(stamp.stamp_path(path).read_text())
    data["size"] += 4096
    stamp.stamp_path(path).write_text(json.dumps(data))


def _not_an_object(path: Path) -> None:
    stamp.stamp_path(path).write_text("[1, 2]")


STAMP_CHANGES = {
    "garbage": _garbage,
    "missing": _missing,
    "other-file": _other_file,
    "smaller-than-checked": _smaller_than_checked,
    "not-an-object": _not_an_object,
}


@pytest.mark.parametrize("change", sorted(STAMP_CHANGES))
def test_a_stamp_that_does_not_vouch_means_check_now(
    change: str, checks: list[str], large: None, tmp_path: Path
) -> None:
    path = _history(tmp_path / "history.sqlite3")
    _open_close(open_readonly, path)  # checked: the stamp is written
    checks.clear()
    _open_close(open_readonly, path)
    assert checks == []  # the stamp vouches
    STAMP_CHANGES[change](path)
    _open_close(open_readonly, path)
    assert len(checks) == 1
    _open_close(open_readonly, path)
    assert len(checks) == 1  # and a good stamp is written again


def test_a_history_that_grew_since_the_check_is_not_checked_again(
    checks: list[str], large: None, tmp_path: Path
) -> None:
    path = _history(tmp_path / "history.sqlite3", reviews=10)
    _open_close(open_readonly, path)  # checked: the stamp is written
    checks.clear()
    before = path.stat().st_size
    _history(path, reviews=2000)  # answers added the same day (its open skipped the check)
    assert path.stat().st_size > before
    _open_close(open_readonly, path)
    assert checks == []


def test_a_history_whose_stamp_cannot_be_written_still_opens(
    checks: list[str], large: None, tmp_path: Path
) -> None:
    path = _history(tmp_path / "history.sqlite3")
    stamp.forget_check(path)
    stamp.stamp_path(path).mkdir()  # nothing can be written in its place
    checks.clear()
    _open_close(open_readonly, path)
    _open_close(open_store, path)
    assert len(checks) == 2  # checked each time, and each open worked


def _damage_reviews(path: Path) -> None:
    """Overwrite the root page headers of the reviews and card states and their indexes, in place
    (same file, same size): what any count or stats query reads."""
    with sqlite3.connect(path) as conn:
        roots = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE tbl_name IN ('reviews', 'card_state') "
            "AND rootpage > 0"  # a trigger has no page
        ).fetchall()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        for (root,) in roots:
            handle.seek((root - 1) * page_size)
            handle.write(b"\xff" * 64)


@pytest.mark.parametrize("command", [["stats", "--json"], ["due"], ["due", "--json"]])
def test_a_damaged_page_met_by_a_command_is_one_line_and_checked_at_next_open(
    command: list[str], large: None, quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _history(quizapp_home / "history.sqlite3")
    make_backup(path, "manual", keep=7)
    _open_close(open_readonly, path)  # checked today: stamp written
    assert stamp.stamp_path(path).exists()
    _damage_reviews(path)
    _open_close(open_readonly, path)  # the stamp vouches: the damage is not seen at open
    capsys.readouterr()

    status = main(command)

    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert status == 1, err
    assert len(lines) == 1 and "(damaged: " in lines[0] and "Traceback" not in err, err
    assert "quizapp restore" in lines[0]  # the backup offer
    assert not stamp.stamp_path(path).exists()
    with pytest.raises(StoreError, match="damaged: "):
        open_readonly(path)  # the next open checks every page again


def test_a_backup_that_meets_a_damaged_page_means_a_check_at_next_open(
    large: None, checks: list[str], tmp_path: Path
) -> None:
    path = _history(tmp_path / "history.sqlite3")
    _open_close(open_readonly, path)  # checked today: stamp written
    _damage_reviews(path)
    with pytest.raises(BackupError):
        make_backup(path, "manual", keep=7)
    assert not stamp.stamp_path(path).exists()
    with pytest.raises(StoreError, match="damaged: "):
        open_readonly(path)
