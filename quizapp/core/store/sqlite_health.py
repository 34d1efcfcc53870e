"""Is the history file a sound SQLite database? Checked before it is opened, and after.

A damaged history must be reported, never written into: a 0-byte file would
otherwise silently become a new empty history, a FIFO would hang the reader,
and a write into a file with a bad page spreads the damage. ``inspect_file``
looks at the file without opening it as a database (``os.stat`` and the
100-byte header); ``quick_check`` asks SQLite to read every page once, and
``check_pages`` decides when it runs (see :mod:`.sqlite_check_stamp`: at every
open of a small file, once a day for a large one).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from quizapp.core.i18n import _
from quizapp.core.store.protocol import StoreError
from quizapp.core.store.sqlite_check_stamp import needs_check, record_check

HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100


class DamagedHistoryError(StoreError):
    """The history file is damaged or is not a history; it has not been modified."""


def damaged(path: Path, why: str) -> DamagedHistoryError:
    return DamagedHistoryError(
        _("{path}: not a usable history database (damaged: {why}); it was left as it is").format(
            path=path, why=why
        )
    )


def _cannot_read(path: Path, error: OSError) -> str:
    return _("{path}: cannot read the history database: {error}").format(
        path=path, error=error.strerror
    )


def inspect_file(path: Path) -> None:
    """Raise DamagedHistoryError when ``path`` exists but cannot be a sound history.

    A missing file is fine (a new history is created). Nothing here opens a
    FIFO or a device, so the check never blocks.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(_cannot_read(path, error)) from error
    if stat.S_ISDIR(info.st_mode):
        raise damaged(path, _("a folder, not a file"))
    if not stat.S_ISREG(info.st_mode):
        kind = _("a FIFO") if stat.S_ISFIFO(info.st_mode) else _("not a regular file")
        raise damaged(path, kind)
    if info.st_size == 0:
        raise damaged(path, _("an empty file, 0 bytes"))
    try:
        with open(path, "rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as error:
        raise StoreError(_cannot_read(path, error)) from error
    if len(header) < HEADER_SIZE or not header.startswith(HEADER):
        raise damaged(path, _("not an SQLite database"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise damaged(path, _("a bad header"))
    if info.st_size % page_size:
        raise damaged(path, _("truncated: not a whole number of pages"))


def quick_check(conn: sqlite3.Connection, path: Path | str) -> None:
    """Raise DamagedHistoryError unless SQLite's ``quick_check`` finds every page sound."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        raise damaged(Path(path), str(error)) from error
    if rows != [("ok",)]:
        first = " ".join(str(rows[0][0]).split()) if rows else "no answer"
        raise damaged(Path(path), f"quick_check: {first[:120]}")


def check_pages(conn: sqlite3.Connection, path: Path | str) -> None:
    """``quick_check`` when the policy asks for it (small file, or no check yet today)."""
    if str(path) == ":memory:":
        quick_check(conn, path)
        return
    history = Path(path)
    if not needs_check(history):
        return
    quick_check(conn, history)
    record_check(history)
