"""A damaged history is detected when opened, reported in one line, and never written into."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from quizapp.core.store import StoreError, open_readonly, open_store
from tests.stats_helpers import DAY_MS, add_review, open_history


def _good(path: Path) -> None:
    store = open_history(path)
    for n in range(400):
        add_review(store, "geo", f"card-{n}", 1_700_000_000_000 + n * DAY_MS, 3)
    store.close()


def _bad_page(path: Path) -> None:
    _good(path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[2 * page : 2 * page + 64] = b"\xff" * 64  # an interior page's header
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    _good(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


DAMAGE: dict[str, Callable[[Path], object]] = {
    "bad-page": _bad_page,
    "truncated": _truncated,
    "not-a-database": lambda p: p.write_text("deck_id,item_id\nx,y\n" * 20),
    "zero-bytes": lambda p: p.write_bytes(b""),
    "fifo": lambda p: os.mkfifo(p),
}


def _fingerprint(path: Path) -> tuple[object, ...]:
    if path.is_fifo():
        return ("fifo",)
    wal = path.with_name(path.name + "-wal")
    # SQLite may create an empty -wal/-shm pair when it opens a WAL database; no page may be written
    return (hashlib.sha256(path.read_bytes()).hexdigest(), wal.exists() and wal.stat().st_size > 0)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_opening_refuses_and_leaves_the_file(damage: str, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    DAMAGE[damage](path)
    before = _fingerprint(path)
    for opener in (open_store, open_readonly):
        with pytest.raises(StoreError) as caught:
            opener(path)
        message = str(caught.value)
        assert "\n" not in message and "damaged" in message, message
    assert _fingerprint(path) == before


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("command", [["stats"], ["due"], ["quiz", "libya-2019-en", "--plain"]])
def test_commands_say_one_line_and_write_nothing(
    damage: str, command: list[str], quizapp_home: Path
) -> None:
    path = quizapp_home / "history.sqlite3"
    DAMAGE[damage](path)
    before = _fingerprint(path)
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", *command],
        input="1\n" * 20,
        capture_output=True,
        text=True,
        timeout=60,  # a FIFO used to hang here
        env={**os.environ, "QUIZAPP_HOME": str(quizapp_home)},
    )
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if "damaged" in line]
    assert len(errors) == 1 and "Traceback" not in done.stderr, done.stderr
    assert _fingerprint(path) == before
