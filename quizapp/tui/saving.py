"""What the study and quiz screens show while the history refuses to save.

The engines keep a refused answer and save it later
(:mod:`quizapp.core.outbox`); a screen only shows it. :class:`SaveWatch` is
the one implementation for both screens: after each engine call it puts the
reason on the screen's notice line ("not saved: the disk is full"), tries the
unsaved answers again every few seconds (and on ``r``, or ``ctrl+r`` while
typing an answer), says "saved" when they
are in, and asks for a second Escape before leaving with answers unsaved.
A history error from any other step (a server gone while loading the next
card) is one line on the screen, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from quizapp.core.i18n import N_, _, ngettext
from quizapp.core.store.protocol import SaveFailedError, StoreError

RETRY_SECONDS = 5.0
UNSAVED_LABEL = N_("NOT SAVED")  # marked only: shown through _()
SAVE_KEY = "r"


class Saver(Protocol):
    """An engine that keeps refused writes: the study engine and a quiz run."""

    @property
    def unsaved(self) -> int: ...
    @property
    def save_error(self) -> SaveFailedError | None: ...
    def save_unsaved(self) -> bool: ...


def _reason(error: SaveFailedError | None) -> str:
    return error.reason if error is not None else _("the history refused the write")


def unreadable() -> str:
    """Where a card would be, while the history cannot be read (a server away)."""
    return _("The history cannot be read just now; trying again in a moment.")


def unsaved_message(count: int, error: SaveFailedError | None) -> str:
    """The notice while answers wait: why, that they are kept, and how to save now."""
    return ngettext(
        "not saved: {reason}. {n} answer kept on screen and saved as soon as possible "
        "({key}: try now).",
        "not saved: {reason}. {n} answers kept on screen and saved as soon as possible "
        "({key}: try now).",
        count,
    ).format(reason=_reason(error), n=count, key=SAVE_KEY)


def unsaved_row(error: SaveFailedError | None) -> tuple[str, Content]:
    """The feedback row that marks the answer on screen as unsaved, in words."""
    text = _("{reason}: this answer is kept here and saved when it can be")
    return (_(UNSAVED_LABEL), Content(text.format(reason=_reason(error))))


def leave_warning(count: int, error: SaveFailedError | None) -> str:
    """Said on the first Escape (or ctrl+q) while answers wait to be saved."""
    return ngettext(
        "{n} answer is not saved yet ({reason}). "
        "Press Escape again to leave without it, or {key} to try now.",
        "{n} answers are not saved yet ({reason}). "
        "Press Escape again to leave without them, or {key} to try now.",
        count,
    ).format(n=count, reason=_reason(error), key=SAVE_KEY)


class Notices(Protocol):
    def say(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float = 6,
        cards: int = 1,
    ) -> None: ...


class SaveWatch:
    """Follows one screen's engine: notices, the periodic retry, the guard on leaving."""

    def __init__(
        self,
        screen: Screen[None],
        engine: Callable[[], Saver | None],
        notices: Callable[[], Notices],
        saved: Callable[[], None],
    ) -> None:
        self.screen = screen
        self._engine = engine
        self._notices = notices
        self._saved = saved  # called on the UI thread once everything is saved again
        self._timer: Timer | None = None
        self._was_unsaved = False
        self._warned = False

    @property
    def unsaved(self) -> int:
        engine = self._engine()
        return engine.unsaved if engine is not None else 0

    def update(self) -> None:
        """After an engine call: say what waits (or that it is saved now)."""
        engine = self._engine()
        if engine is None:
            return
        if engine.unsaved:
            says = leave_warning if self._warned else unsaved_message  # a warning stays up
            message = says(engine.unsaved, engine.save_error)
            self._notices().say(message, severity="error", timeout=3600, cards=10_000)
            if self._timer is None:
                self._timer = self.screen.set_interval(RETRY_SECONDS, self.retry)
        elif self._was_unsaved:
            self._notices().say(_("Saved: every answer is in the history now."), cards=2)
            self._warned = False
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            self._saved()
        self._was_unsaved = engine.unsaved > 0
        self.screen.refresh_bindings()

    def retry(self) -> None:
        """Try the unsaved answers again (the timer and the ``r`` key)."""
        engine = self._engine()
        if engine is not None and engine.unsaved:
            self.screen.run_worker(self._retry(engine), group="saving")

    async def _retry(self, engine: Saver) -> None:
        from quizapp.tui.app import QuizApp

        app = self.screen.app
        assert isinstance(app, QuizApp)
        try:
            await app.backend.run(engine.save_unsaved)
        except StoreError as error:  # not a refusal (those are kept): said, never an exit
            self._notices().say(str(error), severity="error", timeout=30, cards=2)
            return
        self.update()

    def may_leave(self) -> bool:
        """False (and a warning) the first time the learner leaves with answers unsaved."""
        engine = self._engine()
        if engine is None or not engine.unsaved or self._warned:
            return True
        self._warned = True
        warning = leave_warning(engine.unsaved, engine.save_error)
        self._notices().say(warning, severity="error", timeout=3600, cards=10_000)
        return False

    def failed(self, event: Worker.StateChanged) -> bool:
        """Show a history error that ended a worker in one line; True when it was one.

        Any other error is raised again, as it would have been without the watch.
        """
        worker = event.worker
        if worker.state != WorkerState.ERROR:
            return False
        if not isinstance(worker.error, StoreError):
            raise worker.error or RuntimeError(f"{worker.name} failed")
        self._notices().say(str(worker.error), severity="error", timeout=30, cards=2)
        self.update()
        return True


class LineNotices:
    """:class:`Notices` on one line of a screen (the quiz screen's notice line)."""

    def __init__(self, line: Static) -> None:
        self.line = line

    def say(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float = 6,
        cards: int = 1,
    ) -> None:
        label = title or {"warning": _("Note"), "error": _("Error")}.get(severity, "")
        text = Content(message)
        if label:
            text = Content.assemble((f"{label}: ", "bold"), text)
        self.line.update(text)
        self.line.set_classes(f"-shown -{severity}")
