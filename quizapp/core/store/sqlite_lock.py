"""Who has the SQLite history open for writing: a lock file beside it.

Every quizapp that opens the history for writing holds a *shared* ``flock``
on ``history.sqlite3.lock`` until it closes the store (the system drops it
when the process dies, even by kill -9). Two things need to know whether
another quizapp is writing:

* a store that opens while no other quizapp holds the lock knows that any
  quiz left unfinished in the history was cut off (a signal, kill -9, a power
  cut) and can mark it abandoned;
* ``quizapp restore`` takes the lock *exclusively* and refuses while anyone
  else holds it, so the file is never replaced under a running session.

SQLite's own locks cannot tell this: they are held only during a
transaction. Where ``fcntl`` does not exist, or the folder cannot hold the
lock file (read-only media), nothing is known: no quiz is marked and the
restore cannot see other sessions.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]


def lock_path(history: Path) -> Path:
    return Path(history).with_name(Path(history).name + ".lock")


class WriterLock:
    """A held lock on the history's lock file (shared or exclusive); release() drops it."""

    def __init__(self, fd: int | None, path: Path | None = None, created: bool = False) -> None:
        self._fd = fd
        self._path = path
        self._created = created

    @staticmethod
    def _open(history: Path) -> int | None:
        if fcntl is None:
            return None
        try:
            Path(history).parent.mkdir(parents=True, exist_ok=True)
            return os.open(lock_path(history), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError:
            return None

    @classmethod
    def shared(cls, history: Path) -> tuple[WriterLock, bool]:
        """Hold the lock shared (waiting for a restore to end); True when no one else held it."""
        created = not lock_path(history).exists()
        fd = cls._open(history)
        if fd is None:
            return cls(None), False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            alone = True
        except OSError:
            alone = False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
        except OSError:
            os.close(fd)
            return cls(None), False
        return cls(fd, lock_path(history), created and alone), alone

    @classmethod
    def exclusive(cls, history: Path) -> WriterLock | None:
        """Hold the lock alone, or None when another quizapp has the history open to write."""
        fd = cls._open(history)
        if fd is None:
            return cls(None)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        return cls(fd)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None

    def abandon(self) -> None:
        """Release after the history could not be opened, leaving no lock file this one made.

        Only a lock file created by this open, with no other quizapp around, is
        removed: nobody can be using a history that does not open.
        """
        if self._created and self._path is not None:
            self._path.unlink(missing_ok=True)
        self.release()
