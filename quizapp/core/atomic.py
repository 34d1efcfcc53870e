"""The one way quizapp writes a user's file: all of it, or none of it.

A deck file or an export is written to a temporary file in the same folder,
flushed to disk, then renamed over the real name, so a crash, a full disk or
a killed process never leaves half a deck. ``overwrite=False`` refuses an
existing file instead, for the commands that must never replace one silently.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from quizapp.core.i18n import _


class FileExistsRefusal(FileExistsError):
    """The target exists and the caller did not ask to replace it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            _("{output} already exists (use --force to replace it)").format(output=path)
        )
        self.path = path


@contextlib.contextmanager
def atomic_writer(
    path: Path | str,
    *,
    binary: bool = False,
    overwrite: bool = True,
    permissions: int | None = None,
) -> Iterator[IO[Any]]:
    """Yield a handle whose content replaces ``path`` only when the block ends without error.

    A new file gets ``permissions``, or by default 0o666 less the umask; reading the
    umask sets it for a moment, so a writer in a background thread passes
    ``permissions`` rather than race the main thread's files.
    """
    target = Path(path)
    if not overwrite and target.exists():
        raise FileExistsRefusal(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        mode = "wb" if binary else "w"
        encoding = None if binary else "utf-8"
        newline = None if binary else ""
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask() if permissions is None else permissions)
        if not overwrite and target.exists():  # appeared while we wrote
            raise FileExistsRefusal(target)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(folder)


def atomic_write_text(path: Path | str, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    with atomic_writer(path, overwrite=overwrite) as handle:
        handle.write(text)


def atomic_write_bytes(
    path: Path | str, data: bytes, *, overwrite: bool = True, permissions: int | None = None
) -> None:
    """Write ``data`` to ``path`` atomically (``permissions``: see :func:`atomic_writer`)."""
    with atomic_writer(path, binary=True, overwrite=overwrite, permissions=permissions) as handle:
        handle.write(data)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
