"""The line I/O: prompts on stdout, one answer a line from stdin, ``:`` commands."""

from __future__ import annotations

import contextlib
import io
import sys
import time
from dataclasses import dataclass
from typing import TextIO

from quizapp.core.clock import seconds_to_ms
from quizapp.core.termination import Terminated, TerminationGuard
from quizapp.core.text import visible_line
from quizapp.exit_codes import ExitCode

# The plain loops' names for the codes of :class:`quizapp.exit_codes.ExitCode`.
EXIT_OK = ExitCode.OK
EXIT_BAD_INPUT = ExitCode.BAD_INPUT
EXIT_INTERRUPTED = ExitCode.INTERRUPTED

COMMANDS = {
    ":q": "quit",
    ":quit": "quit",
    ":u": "undo",
    ":undo": "undo",
    ":h": "help",
    ":?": "help",
}


@dataclass(frozen=True)
class Command:
    """A ``:`` command typed at a prompt instead of an answer."""

    name: str  # "quit" | "undo" | "help"


class LineIO:
    """Prompts on ``out``, reads lines from ``inp``; ``None`` means end of input.

    When input is not a terminal (a pipe, a file, a test), the line read is
    echoed after the prompt so the transcript reads like the session did.
    Response times are measured only for a terminal: piped answers arrive at
    once, and a time of 0 would wrongly make every right answer look easy.
    """

    def __init__(self, inp: TextIO, out: TextIO) -> None:
        self.inp = inp
        self.out = out
        self.interactive = _isatty(inp)
        self.interrupted = False  # Ctrl-C: stop like ":q", but exit 130 as shells expect
        self.termination = TerminationGuard()  # SIGTERM/SIGHUP: stop like ":q" too

    def __enter__(self) -> LineIO:
        self.termination.install()
        return self

    def __exit__(self, *exc: object) -> None:
        self.termination.restore()

    def say(self, *lines: str) -> None:
        for line in lines:
            self.out.write(line + "\n")
        self.out.flush()

    def ask(self, prompt: str = "> ") -> str | Command | None:
        self.out.write(prompt)
        self.out.flush()
        try:
            with self.termination.waiting():
                line = self.inp.readline()
        except KeyboardInterrupt:
            self.interrupted = True
            line = ""
        except Terminated:
            line = ""
        if not line:
            self.out.write("\n")
            self.out.flush()
            return None
        line = line.rstrip("\r\n")
        if not self.interactive:
            self.out.write(visible_line(line) + "\n")
            self.out.flush()
        command = COMMANDS.get(line.strip().casefold())
        if command:
            return Command(command)
        return line

    @property
    def exit_code(self) -> int:
        if self.termination.exit_code is not None:
            return self.termination.exit_code
        return EXIT_INTERRUPTED if self.interrupted else EXIT_OK

    def clock(self) -> float | None:
        return time.monotonic() if self.interactive else None


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def safe_stdout() -> TextIO:
    """stdout that never fails on a character its encoding lacks (deck text is any Unicode)."""
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper):  # not when replaced (a test's StringIO)
        with contextlib.suppress(ValueError, OSError):
            out.reconfigure(errors="backslashreplace")
    return out


def elapsed_ms(start: float | None) -> int | None:
    """Milliseconds since ``start`` (a :meth:`LineIO.clock` reading); None when not timed."""
    return None if start is None else seconds_to_ms(time.monotonic() - start)


# The former private name, still imported by plain/study.py.
