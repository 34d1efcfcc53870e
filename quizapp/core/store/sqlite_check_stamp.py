"""When the history's pages are checked at open: always when small, once a day when large.

``PRAGMA quick_check`` reads every page of the history. On a small file that
costs a few milliseconds and is done at every open. On a large one it
dominates every command (a history of a million reviews is hundreds of MB:
seconds to tens of seconds from a cold disk), so a file over
:data:`ALWAYS_CHECK_BYTES` is checked at most once a (UTC) day: after a check
that passes, a small stamp beside the history (``history.sqlite3.checked``)
records the day and which file was checked (device, inode, size). The check
runs again when the stamp is missing, unreadable or damaged, from another
day, or for another file: another device or inode (a restored or copied
history), or a size smaller than at the check (a truncated or replaced one).

Between two checks SQLite still verifies every page it reads: a damaged page
met by a command is reported as the same one-line "damaged" message
(:func:`quizapp.core.store.sqlite_health.damaged_history`), and the stamp is
removed so that the next open checks the whole file. The daily backup runs
``PRAGMA integrity_check`` on its copy as well. A stamp that cannot be
written (read-only media) only means the check runs again at the next open.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

# Measured on a 2-core machine, page cache warm: quick_check costs about 1 ms per
# MiB (5.4 ms for a 7.2 MiB history of 10,000 reviews, 69 ms for 72 MiB and
# 100,000 reviews; from a cold disk, the time to read the file on top). Under
# 8 MiB the check is at most about 10 ms and runs at every open; above, daily.
ALWAYS_CHECK_BYTES = 8 * 1024 * 1024
STAMP_MAX_BYTES = 4096


def stamp_path(history: Path) -> Path:
    """The stamp of ``history``: its name with ``.checked`` added, in the same folder."""
    return history.with_name(history.name + ".checked")


def today() -> str:
    """The UTC day the stamp records (a function, so that tests can move the clock)."""
    return time.strftime("%Y-%m-%d", time.gmtime())


def _fingerprint(info: os.stat_result) -> dict[str, int | str]:
    return {"day": today(), "device": info.st_dev, "inode": info.st_ino, "size": info.st_size}


def needs_check(history: Path) -> bool:
    """True unless ``history`` is large and a stamp vouches that it was checked today."""
    try:
        info = os.stat(history)
    except OSError:
        return True
    if info.st_size < ALWAYS_CHECK_BYTES:
        return True
    try:
        with open(stamp_path(history), "rb") as handle:
            stamp = json.loads(handle.read(STAMP_MAX_BYTES))
    except (OSError, ValueError):
        return True
    if not isinstance(stamp, dict):
        return True
    now = _fingerprint(info)
    size = stamp.get("size")
    return (
        stamp.get("day") != now["day"]
        or stamp.get("device") != now["device"]
        or stamp.get("inode") != now["inode"]
        or type(size) is not int
        or size > info.st_size
    )


def record_check(history: Path) -> None:
    """Write the stamp of a check that passed, atomically; silently nothing if it cannot be.

    Only large files get one (a small file is checked at every open anyway).
    """
    with contextlib.suppress(OSError):
        info = os.stat(history)
        if info.st_size < ALWAYS_CHECK_BYTES:
            return
        from quizapp.core.atomic import atomic_write_bytes

        atomic_write_bytes(stamp_path(history), json.dumps(_fingerprint(info)).encode())


def forget_check(history: Path) -> None:
    """Remove the stamp, so that the next open checks every page (a damaged page was met)."""
    with contextlib.suppress(OSError):
        stamp_path(history).unlink(missing_ok=True)
