"""The one gate between the commands' output and the terminal.

Commands print deck file names, ``source.path``, tags, deck ids and item ids
that come from strangers' decks and imported logs. Rather than trust every
``print`` of every command to remember the escaping, the command line wraps
``sys.stdout`` and ``sys.stderr`` once: every character a terminal could
interpret (ESC, the C1 controls, bidi overrides, carriage return) is shown
as the same visible escape as in plain mode (:func:`quizapp.core.text.visible`).
JSON output gets the lossless ``\\uXXXX`` form instead, so it stays valid
JSON and parses back to the very same strings.

The full-screen interface is not affected: Textual writes to the process's
original streams (``sys.__stderr__``), not to ``sys.stdout``/``sys.stderr``.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import TextIO

from quizapp.core.text import visible, visible_json, visible_line


class VisibleWriter(io.TextIOBase):
    """A text stream that escapes control characters before they reach ``stream``."""

    def __init__(self, stream: TextIO, escape: Callable[[str], str]) -> None:
        super().__init__()
        self._stream = stream
        self._escape = escape

    def write(self, text: str) -> int:
        self._stream.write(self._escape(text))
        return len(text)

    def writelines(self, lines: object) -> None:
        for line in lines:  # type: ignore[attr-defined]
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self._stream.errors

    @property
    def stream(self) -> TextIO:
        """The wrapped stream (for code that must write bytes as they are)."""
        return self._stream


def guard_streams(*, json_stdout: bool) -> Callable[[], None]:
    """Wrap ``sys.stdout`` and ``sys.stderr``; return the function that unwraps them.

    ``json_stdout``: standard output carries a JSON document (``--json``,
    ``--format json``), escaped the lossless JSON way.
    """
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, VisibleWriter):
        sys.stdout = VisibleWriter(sys.stdout, visible_json if json_stdout else visible)
    if not isinstance(sys.stderr, VisibleWriter):
        sys.stderr = VisibleWriter(sys.stderr, visible)

    def restore() -> None:
        sys.stdout, sys.stderr = saved

    return restore


def shown(name: object) -> str:
    """A file name (or any text from outside) as one line: newline and tab escaped too.

    The gate escapes what a terminal would interpret, but keeps newlines, which
    the commands' own output needs; a file may be named ``a\nquizapp: done``,
    so every file name a command prints goes through here.
    """
    return visible_line(str(name))


def control(stream: TextIO) -> TextIO:
    """The stream under the gate, for the program's own control sequences only.

    A progress line rewrites itself with ``\\r`` and ``ESC [K``; those bytes
    are the program's, never data's, so they bypass the escaping.
    """
    return stream.stream if isinstance(stream, VisibleWriter) else stream
