"""SIGTERM and SIGHUP end a session the way quitting does: nothing committed is lost.

Without a handler either signal kills Python on the spot: the answers already
given are safe (each is committed when given), but an open quiz is left
unfinished and the terminal may stay in raw mode. :class:`TerminationGuard`
records the signal and raises :class:`Terminated` only where it is safe, while
the session waits for the learner's input (never in the middle of a write);
a signal that arrives during other work is raised at the next wait. The
full-screen interface uses the event loop's own signal handlers instead
(:mod:`quizapp.tui.app`). kill -9 cannot be caught: the next start marks the
quiz abandoned (:mod:`quizapp.core.quiz_cut_off`).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any, Final

SIGNALS: Final = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Terminated(BaseException):
    """The process was asked to end (SIGTERM, SIGHUP); raised only at a safe point."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class TerminationGuard:
    """Catches SIGTERM/SIGHUP while installed (main thread only; elsewhere it does nothing)."""

    def __init__(self) -> None:
        self.pending: int | None = None
        self._waiting = False
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)

    def restore(self) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.pending = signum
        if self._waiting:
            raise Terminated(signum)

    @contextlib.contextmanager
    def waiting(self) -> Iterator[None]:
        """The learner is being waited for: a signal, pending or new, raises Terminated here."""
        if self.pending is not None:
            raise Terminated(self.pending)
        self._waiting = True
        try:
            yield
        finally:
            self._waiting = False

    @property
    def exit_code(self) -> int | None:
        """The shell's code for the signal (128 + its number), or None without one."""
        return None if self.pending is None else 128 + self.pending
