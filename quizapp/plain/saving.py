"""Plain mode's words for answers the history refused (the engines keep and retry them).

The study engine and a quiz run keep a refused answer and save it before the
next one (:mod:`quizapp.core.outbox`); plain mode says so after each answer,
says "saved" once they are in, and before leaving tries once more and asks
rather than dropping them silently.
"""

from __future__ import annotations

from typing import Protocol

from quizapp.core.store.protocol import SaveFailedError
from quizapp.plain.lineio import Command, LineIO


class Saver(Protocol):
    """An engine that keeps refused writes: the study engine and a quiz run."""

    @property
    def unsaved(self) -> int: ...
    @property
    def save_error(self) -> SaveFailedError | None: ...
    def save_unsaved(self) -> bool: ...


def _reason(saver: Saver) -> str:
    error = saver.save_error
    return error.reason if error is not None else "the history refused the write"


def _answers(count: int) -> str:
    return "1 answer" if count == 1 else f"{count} answers"


class SaveNotes:
    """Says, after each answer, whether the history has it (and when it has them all again)."""

    def __init__(self, io: LineIO, saver: Saver) -> None:
        self.io = io
        self.saver = saver
        self._waiting = 0

    def after_write(self) -> None:
        count = self.saver.unsaved
        if count:
            self.io.say(
                f"NOT SAVED: {_reason(self.saver)}. {_answers(count)} kept here; "
                "saved with your next answer."
            )
        elif self._waiting:
            self.io.say("Saved: every answer is in the history now.")
        self._waiting = count

    def settle(self) -> bool:
        """Before leaving: save what waits, asking until it is saved or the learner gives up.

        True when everything is saved; False when the learner left without it
        (or input ended), which is said in so many words.
        """
        saver, io = self.saver, self.io
        while saver.unsaved and not saver.save_unsaved():
            io.say(
                f"{_answers(saver.unsaved)} not saved: {_reason(saver)}. "
                "Press Enter to try again, or :q to leave without them."
            )
            line = io.ask("> ")
            if line is None or line == Command("quit"):
                io.say(f"Left with {_answers(saver.unsaved)} not saved.")
                return False
        self.after_write()
        return True
