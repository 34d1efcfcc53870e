"""Deck and source files to text: capped reads of regular files, strict UTF-8 decoding.

Nothing past the size cap is ever read, devices and pipes are refused before
they are opened, and a byte that is not UTF-8 is reported at its line and
column.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from quizapp.core.i18n import _
from quizapp.core.l10n import number

MAX_DECK_BYTES = 50_000_000

ReadFailure = tuple[str, str]  # (kind, detail): kind is one of the keys callers word


def read_regular_file(
    path: Path, max_bytes: int, *, follow_links: bool
) -> tuple[bytes | None, ReadFailure]:
    """Read a regular file of at most ``max_bytes``, or say why not, without reading more.

    The size is checked before reading (a huge file costs nothing) and again
    after (a file that grew). Devices, pipes and sockets are refused before
    they are opened, since reading one may never end. The failure kinds are
    ``missing``, ``unreadable`` (detail: the OS reason), ``link`` (only when
    ``follow_links`` is False), ``directory``, ``special`` and ``too big``;
    callers turn them into their own wording.
    """
    try:
        info = os.stat(path) if follow_links else os.lstat(path)
    except FileNotFoundError:
        return None, ("missing", "")
    except OSError as exc:
        return None, ("unreadable", str(exc.strerror or exc))
    if stat.S_ISLNK(info.st_mode):
        return None, ("link", "")
    if stat.S_ISDIR(info.st_mode):
        return None, ("directory", "")
    if not stat.S_ISREG(info.st_mode):
        return None, ("special", "")
    if info.st_size > max_bytes:
        return None, ("too big", "")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return None, ("unreadable", str(exc.strerror or exc))
    if len(data) > max_bytes:
        return None, ("too big", "")
    return data, ("", "")


def read_deck_bytes(path: Path, max_bytes: int) -> tuple[bytes | None, str | None]:
    """Read at most ``max_bytes`` of a regular file; (data, error message)."""
    data, failure = read_regular_file(path, max_bytes, follow_links=True)
    if data is not None:
        return data, None
    kind, detail = failure
    return None, {
        "missing": _("no such file or directory"),
        "unreadable": _("cannot read the file: {detail}"),
        "directory": _("is a directory, not a deck file"),
        "special": _("is not a regular file"),
        "too big": _("the file is larger than {size} bytes"),
    }[kind].format(detail=detail, size=number(max_bytes))


def decode(data: bytes) -> tuple[str | None, tuple[int, int, str] | None]:
    """Decode strict UTF-8; return (text, None) or (None, (line, column, message)).

    The BOM is dropped and CRLF line ends become LF (TOML allows both; the
    scanner and the quote comparison then only deal with LF).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        bad = data[exc.start : exc.start + 1].hex()
        message = _("the file is not valid UTF-8 (byte 0x{byte}); save it as UTF-8").format(
            byte=bad
        )
        return None, (line, column, message)
    return text.replace("\r\n", "\n"), None
