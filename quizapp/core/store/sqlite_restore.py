"""Putting a backup back in place of the SQLite history, losing nothing.

In order, each step safe if the next one never happens:

1. the file to restore is verified (``integrity_check``, a quizapp history
   this version can read); a file that fails is refused;
2. the lock file is taken exclusively: while another quizapp has the history
   open for writing, nothing is done;
3. the file is copied (and the copy verified) beside the history;
4. the current history is kept: a verified backup of it (``restore`` in the
   name), or, when it cannot be read as one (damaged), the file itself and
   its ``-wal`` moved into ``backups/`` as ``damaged-history-…`` (never
   written into);
5. the current history's WAL is checkpointed and removed (a stale ``-wal``
   beside a new file would be replayed into it), and the copy is renamed
   over the history in one step.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from quizapp.core.atomic import fsync_folder
from quizapp.core.i18n import _
from quizapp.core.store.protocol import StoreError
from quizapp.core.store.sqlite_backup import (
    DEFAULT_KEEP,
    BackupError,
    backups_folder,
    copy_database,
    has_wal,
    make_backup,
    verify,
)
from quizapp.core.store.sqlite_lock import WriterLock

COMPANIONS = ("-wal", "-shm")


class HistoryInUseError(StoreError):
    """Another quizapp has the history open for writing."""


@dataclass(frozen=True)
class Restored:
    """What a restore did: the file restored, and where the previous history was kept."""

    source: Path
    kept: Path | None  # a verified backup of the previous history
    moved: Path | None  # the previous history, moved aside as it was (it could not be read)


def restore(
    history: Path, source: Path, *, now: datetime | None = None, keep: int = DEFAULT_KEEP
) -> Restored:
    """Replace ``history`` by a verified copy of ``source``; see the module's steps."""
    history, source = Path(history), Path(source)
    now = now or datetime.now(UTC)
    problem = verify(source)
    if problem is not None:
        raise BackupError(_("not restored: {problem}").format(problem=problem))
    lock = WriterLock.exclusive(history)
    if lock is None:
        raise HistoryInUseError(
            _(
                "{path}: another quizapp has the history open (a study or quiz?); "
                "close it, then restore again"
            ).format(path=history)
        )
    try:
        incoming = history.with_name(f".{history.name}.restore.tmp")
        incoming.unlink(missing_ok=True)
        copy_database(source, incoming, immutable=not has_wal(source))
        try:
            kept, moved = _keep_current(history, now, keep)
            os.replace(incoming, history)
        except BaseException:
            incoming.unlink(missing_ok=True)
            raise
        fsync_folder(history.parent)
    finally:
        lock.release()
    return Restored(source, kept, moved)


def _keep_current(history: Path, now: datetime, keep: int) -> tuple[Path | None, Path | None]:
    """Keep the history about to be replaced; its WAL is folded in or moved with it."""
    if not history.exists() and not history.is_symlink():
        return None, None
    try:
        kept = make_backup(history, "restore", now=now, keep=keep)
    except StoreError:
        return None, _move_aside(history, now)
    conn = sqlite3.connect(history, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for suffix in COMPANIONS:
        Path(f"{history}{suffix}").unlink(missing_ok=True)
    return kept, None


def _move_aside(history: Path, now: datetime) -> Path:
    """Move an unreadable history (and its -wal, -shm) into backups/, untouched."""
    folder = backups_folder(history)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"damaged-history-{stamp}.sqlite3"
    n = 0
    while target.exists():
        n += 1
        target = folder / f"damaged-history-{stamp}-{n}.sqlite3"
    for suffix in COMPANIONS:
        companion = Path(f"{history}{suffix}")
        if companion.exists():
            os.replace(companion, f"{target}{suffix}")
    os.replace(history, target)
    fsync_folder(folder)
    return target
