"""Opening the SQLite history: for writing (created and migrated) or for reading only.

Durability rules, because years of study live in this file: an autocommit
connection (``isolation_level=None``) so transactions are explicit; WAL
journal, ``synchronous=FULL`` (a committed answer survives a power cut), a
``busy_timeout`` so a second process waits instead of failing. The schema
version is checked before the first write (even before switching the journal
to WAL), so a database from a newer quizapp is left untouched. The pages are
checked at open when the file is small, once a day when it is large
(:mod:`.sqlite_check_stamp`); a damaged page met later is reported by
:func:`damaged_history` in the same one line.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from quizapp.core.i18n import _
from quizapp.core.store.migrations import SCHEMA_VERSION, migrate, refuse_newer, user_version
from quizapp.core.store.protocol import StoreError
from quizapp.core.store.sqlite_backup import BackupError, configured_keep, make_backup, offer_backup
from quizapp.core.store.sqlite_check_stamp import forget_check
from quizapp.core.store.sqlite_health import DamagedHistoryError, check_pages, damaged, inspect_file

BUSY_TIMEOUT_MS = 30_000


def connect(target: Path | str) -> sqlite3.Connection:
    """A connection to the history at ``target``, created and migrated as needed.

    Raises :class:`StoreError` with one clear line for a file that is not a
    database or comes from a newer quizapp; such a file is not modified. For a
    damaged file the line names the latest verified backup and how to restore it.
    """
    try:
        return _connect(target)
    except DamagedHistoryError as error:
        raise offer_backup(error, Path(target)) from None


# SQLite's primary result codes for a file whose pages are not a sound database.
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def damaged_history(error: BaseException, history: Path | None = None) -> StoreError | None:
    """The one-line "damaged" error (with the backup offer) for a damaged page met mid-command.

    Pages are not all checked at every open (see :mod:`.sqlite_check_stamp`), so
    a query may be the first to read a bad one; SQLite then raises
    ``SQLITE_CORRUPT``. This turns it into the message an open would have given
    (``history`` defaults to ``database_path()``) and removes the day's stamp so
    that the next open checks every page. None for any other error.
    """
    if not _is_damage(error):
        return None
    if history is None:
        from quizapp.core.paths import database_path

        history = database_path()
    return offer_backup(_met_damage(history, error), history)


def _is_damage(error: BaseException) -> bool:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return isinstance(error, sqlite3.DatabaseError) and code in _DAMAGE_CODES


def _met_damage(history: Path, error: BaseException) -> DamagedHistoryError:
    forget_check(history)
    return damaged(history, str(error))


def _connect(target: Path | str) -> sqlite3.Connection:
    where = str(target)
    if where != ":memory:":
        inspect_file(Path(target))
        refuse_read_only(Path(target))
    try:
        if str(target) != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            target,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
    except (OSError, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise StoreError(
            _("{path}: cannot open the history database: {error}").format(path=where, error=reason)
        ) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Check the pages (see check_pages) and read the version before anything that could write.
        check_pages(conn, where)
        found = user_version(conn)
        refuse_newer(found, where)
        if 0 < found < SCHEMA_VERSION and where != ":memory:":
            _backup_before_migration(Path(target), found)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, where)
    except StoreError:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        if _is_damage(exc):  # a bad page the check skipped today
            raise _met_damage(Path(where), exc) from exc
        raise StoreError(
            _("{path}: not a usable history database ({error})").format(path=where, error=exc)
        ) from exc
    return conn


def _backup_before_migration(history: Path, version: int) -> None:
    """A verified backup of an old history before its schema changes; no upgrade without one."""
    try:
        make_backup(history, "migration", keep=configured_keep())
    except BackupError as error:
        raise StoreError(
            _(
                "{path}: not upgraded from schema version {version}: the backup made first "
                "failed ({error}); the history was left as it is"
            ).format(path=history, version=version, error=error)
        ) from error


def refuse_read_only(path: Path) -> None:
    """One line, before anything is opened, when the history cannot be written here.

    A read-only file, or a read-only folder (the WAL journal needs its
    ``-wal`` and ``-shm`` files beside the history), or read-only media: the
    commands that write (study, quiz, import) stop here, and the history is
    left as it is. The read-only commands use :func:`connect_readonly`.
    """
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the history's folder is created: its nearest parent counts
    if path.exists() and not os.access(path, os.W_OK):
        what = _("the history file is read-only")
    elif not os.access(folder, os.W_OK):
        what = _("its folder {folder} is read-only").format(folder=folder)
    else:
        return
    raise StoreError(
        _(
            "{path}: cannot write the history: {what}; stats, due and history export "
            "can still read it"
        ).format(path=path, what=what)
    )


def _readonly_connection(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA query_only = 1")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def connect_readonly(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the history, or None when there is no history yet.

    Read-only so that computing stats never creates a database or takes a
    write lock while a study session is recording answers. The path goes
    into a ``file:`` URI, so it is percent-encoded: a ``#`` or ``?`` in a
    folder name would otherwise cut the path short and open (and create) some
    other file. A file that is not a database, or a folder in its place,
    raises :class:`StoreError` with one line.
    """
    try:
        return _connect_readonly(path)
    except DamagedHistoryError as error:
        raise offer_backup(error, Path(path)) from None


def _connect_readonly(path: Path) -> sqlite3.Connection | None:
    if not path.exists():
        return None
    inspect_file(path)
    uri = Path(path).resolve().as_uri()
    try:
        conn = _readonly_connection(uri + "?mode=ro")
    except sqlite3.OperationalError as error:
        # On read-only media the WAL index (``-shm``) cannot be created: with no
        # ``-wal`` file beside it (quizapp checkpoints it away on close) the file
        # itself holds every answer, and SQLite may read it as immutable.
        wal = Path(f"{path}-wal")
        if getattr(error, "sqlite_errorcode", 0) & 0xFF != 14 or wal.exists():
            raise StoreError(
                _("{path}: cannot open the history database: {error}").format(
                    path=path, error=error
                )
            ) from error
        try:
            conn = _readonly_connection(uri + "?immutable=1")
        except sqlite3.Error as again:
            raise StoreError(
                _("{path}: cannot open the history database: {error}").format(
                    path=path, error=again
                )
            ) from again
    except sqlite3.Error as error:
        raise StoreError(
            _("{path}: cannot open the history database: {error}").format(path=path, error=error)
        ) from error
    try:
        check_pages(conn, path)
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        if _is_damage(error):  # a bad page the check skipped today
            raise _met_damage(path, error) from error
        raise StoreError(
            _("{path}: not a usable history database ({error})").format(path=path, error=error)
        ) from error
    return conn
