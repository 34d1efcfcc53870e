"""Plain mode's words for answers the history refused (the engines keep and retry them).

The study engine and a quiz run keep a refused answer and save it before the
next one (:mod:`quizapp.core.outbox`); plain mode says so after each answer,
says "saved" once they are in, and before leaving tries once more and asks
rather than dropping them silently.
"""

from __future__ import annotations

from typing import Protocol

from quizapp.core.i18n import _, ngettext
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
    return error.reason if error is not None else _("the history refused the write")


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
                ngettext(
                    "NOT SAVED: {reason}. {n} answer kept here; saved with your next answer.",
                    "NOT SAVED: {reason}. {n} answers kept here; saved with your next answer.",
                    count,
                ).format(reason=_reason(self.saver), n=count)
            )
        elif self._waiting:
            self.io.say(_("Saved: every answer is in the history now."))
        self._waiting = count

    def settle(self) -> bool:
        """Before leaving: save what waits, asking until it is saved or the learner gives up.

        True when everything is saved; False when the learner left without it
        (or input ended), which is said in so many words.
        """
        saver, io = self.saver, self.io
        while saver.unsaved and not saver.save_unsaved():
            io.say(
                ngettext(
                    "{n} answer not saved: {reason}. "
                    "Press Enter to try again, or :q to leave without it.",
                    "{n} answers not saved: {reason}. "
                    "Press Enter to try again, or :q to leave without them.",
                    saver.unsaved,
                ).format(n=saver.unsaved, reason=_reason(saver))
            )
            line = io.ask("> ")
            if line is None or line == Command("quit"):
                io.say(
                    ngettext(
                        "Left with {n} answer not saved.",
                        "Left with {n} answers not saved.",
                        saver.unsaved,
                    ).format(n=saver.unsaved)
                )
                return False
        self.after_write()
        return True
