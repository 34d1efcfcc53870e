"""A history on read-only media: ``stats``, ``due`` and ``history export`` read it; ``study``,
``quiz`` and ``history import`` say so in one line and exit 1; nothing is written.

The commands run as a learner would run them, in a subprocess, on a history
made read-only for real: with ``chmod`` for an ordinary user, and as root
(where ``chmod`` stops nothing) on a read-only bind mount in a private mount
namespace (``unshare``). One of the two is always available where the tests
run; neither is a reason to skip.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.core import history_io
from quizapp.core.store import SqliteStore
from quizapp.core.store.protocol import NewReview

REPO = Path(__file__).resolve().parent.parent
DECK = REPO / "decks" / "libya-2019.en.toml"
DECK_ID = "libya-2019-en"


def _history(home: Path) -> Path:
    """A history with one answer, closed (so its WAL is checkpointed into the file)."""
    db = home / "history.sqlite3"
    with SqliteStore.open(db) as store:
        store.record_review(
            NewReview(deck_id=DECK_ID, item_id="q-haftar", reviewed_ms=1_700_000_000_000, rating=3)
        )
    assert not Path(f"{db}-wal").exists()
    return db


def run_read_only(home: Path, target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``quizapp ARGS`` with ``target`` (the data folder, or the history file) read-only."""
    env = {**os.environ, "QUIZAPP_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "120"}
    command = [sys.executable, "-m", "quizapp", *args]
    if os.geteuid() != 0:
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
        try:
            return subprocess.run(
                command,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                stdin=subprocess.DEVNULL,
            )
        finally:
            target.chmod(stat.S_IMODE(mode))
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.fail("running as root without unshare: cannot make the history read-only")
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    return subprocess.run(
        [unshare, "-rm", "sh", "-c", script, str(target), *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        cwd=REPO,
    )


def _fingerprint(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(home.iterdir()) if p.is_file()}


@pytest.mark.parametrize("what", ["folder", "file"])
def test_read_only_commands_read_a_history_on_read_only_media(
    what: str, quizapp_home: Path
) -> None:
    db = _history(quizapp_home)
    target = quizapp_home if what == "folder" else db
    before = _fingerprint(quizapp_home)

    stats = run_read_only(quizapp_home, target, "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    assert '"total_reviews": 1' in stats.stdout

    due = run_read_only(quizapp_home, target, "due", "--json")
    assert due.returncode == 0, due.stderr
    assert DECK_ID in due.stdout

    export = run_read_only(quizapp_home, target, "history", "export")
    assert export.returncode == 0, export.stderr
    assert "q-haftar" in export.stdout
    after = _fingerprint(quizapp_home)
    assert after[db.name] == before[db.name]  # not a byte of the history written
    if what == "folder":
        assert after == before  # nor a -wal or -shm file beside it


@pytest.mark.parametrize("what", ["folder", "file"])
@pytest.mark.parametrize(
    "args",
    [
        ("study", str(DECK), "--plain"),
        ("quiz", str(DECK), "--plain"),
        ("history", "import", "EXPORT"),
    ],
    ids=["study", "quiz", "import"],
)
def test_commands_that_write_refuse_in_one_line(
    what: str, args: tuple[str, ...], quizapp_home: Path, tmp_path: Path
) -> None:
    db = _history(quizapp_home)
    export = tmp_path / "export.json"
    with SqliteStore.open(db) as store:
        history_io.export_history(store, "json", export, None)
    args = tuple(str(export) if arg == "EXPORT" else arg for arg in args)
    target = quizapp_home if what == "folder" else db
    before = _fingerprint(quizapp_home)
    done = run_read_only(quizapp_home, target, *args)
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "cannot write the history" in lines[0] and "read-only" in lines[0]
    assert _fingerprint(quizapp_home) == before
