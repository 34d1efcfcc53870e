"""Verified backups of the SQLite history, in ``backups/`` beside it.

Copying ``history.sqlite3`` is not a backup: the answers of the last minutes
live in its ``-wal`` file until SQLite checkpoints them. A backup here is made
with SQLite's backup API from a read-only connection (it sees every committed
answer, WAL included), written to a temporary file in the backups folder,
switched to a standalone rollback journal, closed, opened again and checked
page by page (``PRAGMA integrity_check``). Only a copy that passes is renamed
to its final name; one that fails is deleted and never counts as a backup.

Names carry the UTC time and why the copy was made, so that they sort in time
and a person can read them: ``history-20261204T093000Z-daily.sqlite3``
(``daily``, ``manual``, ``migration``, ``restore``). The newest
``backups_keep`` are kept (7 by default); older ones are deleted after a new
one is published, never before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shlex
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final, Literal

from quizapp.core.atomic import fsync_folder
from quizapp.core.i18n import _
from quizapp.core.paths import database_path
from quizapp.core.store.migrations import SCHEMA_VERSION
from quizapp.core.store.protocol import StoreError
from quizapp.core.store.sqlite_check_stamp import forget_check
from quizapp.core.store.sqlite_health import DamagedHistoryError, inspect_file

Kind = Literal["daily", "manual", "migration", "restore"]
FOLDER_NAME: Final = "backups"
DEFAULT_KEEP: Final = 7
_STAMP: Final = "%Y%m%dT%H%M%SZ"
_NAME: Final = re.compile(
    r"^history-(\d{8}T\d{6}Z)-(daily|manual|migration|restore)(?:-(\d+))?\.sqlite3$"
)
_TABLES: Final = ("card_state", "quiz_sessions", "reviews", "settings")
_BUSY_MS: Final = 30_000


class BackupError(StoreError):
    """A backup could not be made or verified; nothing was kept of it."""


@dataclass(frozen=True)
class Backup:
    """One published backup file: when it was taken, why, and where it is."""

    path: Path
    taken: datetime
    kind: Kind
    sequence: int = 0

    @property
    def order(self) -> tuple[datetime, int]:
        return (self.taken, self.sequence)


def backups_folder(history: Path) -> Path:
    """Where the backups of the history file ``history`` live."""
    return Path(history).parent / FOLDER_NAME


def parse_name(path: Path) -> Backup | None:
    """The backup a file name describes, or None for any other file."""
    found = _NAME.match(path.name)
    if found is None:
        return None
    taken = datetime.strptime(found[1], _STAMP).replace(tzinfo=UTC)
    kind: Kind = found[2]  # type: ignore[assignment]  # the pattern allows only the four
    return Backup(path, taken, kind, int(found[3] or 0))


def list_backups(history: Path) -> list[Backup]:
    """The published backups of ``history``, newest first (by the time in their names)."""
    folder = backups_folder(history)
    try:
        names = [entry for entry in folder.iterdir() if entry.is_file()]
    except OSError:
        return []
    found = [b for b in (parse_name(p) for p in names) if b is not None]
    return sorted(found, key=lambda b: b.order, reverse=True)


def _read_only(path: Path, *, immutable: bool) -> sqlite3.Connection:
    """A read-only connection; ``immutable`` for a copy nobody writes (no -shm, no lock)."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
    return conn


def has_wal(path: Path) -> bool:
    """True when a ``-wal`` file beside ``path`` may hold answers its main file lacks."""
    return Path(f"{path}-wal").exists()


def verify(path: Path) -> str | None:
    """Why ``path`` is not a sound quizapp history, or None when it is.

    Sound: a regular SQLite file whose every page passes ``integrity_check``,
    with the history's tables and a schema version this quizapp can read.
    The file is only read (never a FIFO, never written, no ``-shm`` made).
    """
    try:
        inspect_file(path)
    except StoreError as error:
        return str(error)
    if not path.exists():
        return _("{path}: no such file").format(path=path)
    try:
        conn = _read_only(path, immutable=not has_wal(path))
    except sqlite3.Error as error:
        return f"{path}: {error}"
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            first = " ".join(str(rows[0][0]).split())[:120] if rows else "no answer"
            return _("{path}: integrity_check failed: {first}").format(path=path, first=first)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error as error:
        return f"{path}: {error}"
    finally:
        conn.close()
    if version < 1 or not set(_TABLES) <= tables:
        return _("{path}: not a quizapp history").format(path=path)
    if version > SCHEMA_VERSION:
        return _("{path}: made by a newer quizapp (schema version {version})").format(
            path=path, version=version
        )
    return None


def latest_verified(history: Path) -> Backup | None:
    """The newest backup of ``history`` that still passes :func:`verify`."""
    for backup in list_backups(history):
        if verify(backup.path) is None:
            return backup
    return None


def copy_database(source: Path, target: Path, *, immutable: bool = False) -> None:
    """Copy the database ``source`` into the new file ``target`` and verify the copy.

    The copy is a standalone file (rollback journal, no ``-wal``), flushed to
    disk. Raises :class:`BackupError` (and deletes ``target``) when it fails.
    """
    try:
        src = _read_only(source, immutable=immutable)
        try:
            dst = sqlite3.connect(target, isolation_level=None)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        with open(target, "rb+") as handle:
            os.fsync(handle.fileno())
    except (OSError, sqlite3.Error) as error:
        target.unlink(missing_ok=True)
        if isinstance(error, sqlite3.DatabaseError):
            forget_check(source)  # a page that could not be read: check all at the next open
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise BackupError(
            _("{path}: the copy could not be made: {reason}").format(path=source, reason=reason)
        ) from error
    problem = verify(target)
    if problem is not None:
        target.unlink(missing_ok=True)
        forget_check(source)  # the history's pages are checked again at its next open
        raise BackupError(
            _("the copy of {path} failed its check and was deleted: {problem}").format(
                path=source, problem=problem
            )
        )


def _publish(temporary: Path, folder: Path, taken: datetime, kind: Kind) -> Path:
    """Rename the verified copy to a backup name no other backup has, durably."""
    stamp = taken.astimezone(UTC).strftime(_STAMP)
    sequence = 0
    while True:
        suffix = f"-{sequence}" if sequence else ""
        final = folder / f"history-{stamp}-{kind}{suffix}.sqlite3"
        if not final.exists():
            break
        sequence += 1
    os.replace(temporary, final)
    fsync_folder(folder)
    return final


def make_backup(
    history: Path, kind: Kind, *, now: datetime | None = None, keep: int = DEFAULT_KEEP
) -> Path:
    """Back up ``history`` (verified), keep the newest ``keep``; returns the new file.

    A damaged history raises :class:`~.sqlite_health.DamagedHistoryError`
    and is not read further; a failed copy raises :class:`BackupError`.
    """
    history = Path(history)
    inspect_file(history)
    if not history.exists():
        raise BackupError(_("{path}: there is no history to back up yet").format(path=history))
    folder = backups_folder(history)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".history-", suffix=".sqlite3.tmp", dir=folder)
        os.close(fd)
    except OSError as error:
        raise BackupError(
            _("{path}: cannot write a backup: {reason}").format(
                path=folder, reason=error.strerror or error
            )
        ) from error
    temporary = Path(name)
    copy_database(history, temporary)
    try:
        final = _publish(temporary, folder, now or datetime.now(UTC), kind)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise BackupError(
            _("{path}: cannot write a backup: {reason}").format(
                path=folder, reason=error.strerror or error
            )
        ) from error
    rotate(history, keep)
    return final


def rotate(history: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups (at least one is always kept).

    A temporary copy older than a day (a backup cut off by kill -9) goes too.
    """
    removed = []
    stale = datetime.now(UTC).timestamp() - 86_400
    for partial in backups_folder(history).glob(".history-*.sqlite3.tmp"):
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < stale:
                partial.unlink()
    for backup in list_backups(history)[max(keep, 1) :]:
        try:
            backup.path.unlink()
        except OSError:
            continue
        removed.append(backup.path)
    return removed


def fingerprint(path: Path, *, immutable: bool) -> str:
    """A hash of every row of the history's tables (and its schema version).

    Computed only when the newest backup is from an earlier day, to skip a
    backup of a history that has not changed since: a few tenths of a second
    for a hundred thousand answers, off the path of the first screen.
    """
    digest = hashlib.blake2b(digest_size=20)
    conn = _read_only(path, immutable=immutable)
    try:
        digest.update(repr(conn.execute("PRAGMA user_version").fetchone()).encode())
        for table in _TABLES:
            digest.update(f"\x00{table}\x00".encode())
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def daily_backup_due(history: Path, now: datetime, day_of: Callable[[datetime], date]) -> bool:
    """True when no backup was made on the study day of ``now`` and the history changed
    since the newest backup (or there is none)."""
    if not Path(history).is_file():
        return False
    backups = list_backups(history)
    if not backups:
        return True
    latest = backups[0]
    if day_of(latest.taken) == day_of(now):
        return False
    try:
        return fingerprint(latest.path, immutable=True) != fingerprint(history, immutable=False)
    except sqlite3.Error:
        return True  # an unreadable newest backup is no reason to skip a new one


def daily_backup(
    history: Path,
    now: datetime,
    day_of: Callable[[datetime], date],
    keep: int = DEFAULT_KEEP,
) -> Path | None:
    """The day's backup when one is due (see :func:`daily_backup_due`); the new file or None."""
    if not daily_backup_due(history, now, day_of):
        return None
    return make_backup(history, "daily", now=now, keep=keep)


def configured_keep() -> int:
    """``backups_keep`` from the config (the default when the config cannot be read)."""
    from quizapp.core.config import ConfigError, load_config

    try:
        return load_config().backups_keep
    except ConfigError:
        return DEFAULT_KEEP


def offer_backup(error: DamagedHistoryError, history: Path) -> DamagedHistoryError:
    """The damaged-history error, naming the newest verified backup and how to restore it.

    Still one line; the damaged file is not touched (only the backups are read).
    """
    latest = latest_verified(history)
    if latest is None:
        return error
    when = latest.taken.strftime("%Y-%m-%d %H:%M")
    hint = _("the latest verified backup is {path} ({when} UTC)").format(
        path=latest.path, when=when
    )
    if Path(history).resolve() == database_path().resolve():
        command = f"quizapp restore {shlex.quote(str(latest.path))}"
        hint += _("; to restore it: {command}").format(command=command)
    return DamagedHistoryError(f"{error}; {hint}")
