"""The top of the study screen: the status line, the progress bar and the notice line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import ProgressBar, Static

from quizapp.core.i18n import _
from quizapp.tui.safe_text import status_line


class StudyStatus(Vertical):
    """``Study: TITLE · 3 done · 17 left (…)``, a progress bar, and news under them.

    News (undone, leech, suspended) gets a line of its own that appears under
    the progress bar while it lasts, instead of a toast over the status line.
    The words carry the severity ("Leech:", "Error:"); colour only repeats it.
    """

    DEFAULT_CSS = """
    StudyStatus { height: auto; }
    StudyStatus #study-notice { height: auto; padding: 0 1; display: none; }
    StudyStatus #study-notice.-shown { display: block; }
    StudyStatus #study-notice.-warning { color: $warning; }
    StudyStatus #study-notice.-error { color: $error; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._status: tuple[str, str] | None = None  # title and counts, fitted to the width
        self._notice_timer: Timer | None = None
        self._cards_left = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="study-status")
        yield ProgressBar(id="study-progress", show_eta=False, show_percentage=False)
        yield Static("", id="study-notice")

    def show(self, title: str, tail: str, *, done: int, left: int) -> None:
        """The deck title (untrusted, cut first), the counts after it, and the progress."""
        self._status = (title, tail)
        self._fit()
        self.query_one(ProgressBar).update(total=max(1, done + left), progress=done)

    def _fit(self) -> None:
        """Show the status on one line: the deck title gives way to the counts."""
        if self._status is None:
            return
        title, tail = self._status
        width = self.app.size.width - 2  # the status line's padding
        status = status_line(Content(_("Study: ")).stylize("bold"), title, tail, width)
        self.query_one("#study-status", Static).update(status)

    def on_resize(self) -> None:
        self._fit()

    def say(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float = 6,
        cards: int = 1,
    ) -> None:
        """Show news on the notice line (the message stays literal).

        It goes after ``timeout`` seconds, or once ``cards`` more cards have
        been shown: news about the answer on screen goes with the next card
        (``cards=1``), news said before a card is brought back, such as an
        undo, stays over that card and goes with the one after (``cards=2``).
        """
        self._cards_left = cards
        notice = self.query_one("#study-notice", Static)
        label = title or {"warning": _("Note"), "error": _("Error")}.get(severity, "")
        text = Content(message)
        if label:
            text = Content.assemble((_("{label}: ").format(label=label), "bold"), text)
        notice.update(text)
        notice.set_classes(f"-shown -{severity}")
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(timeout, self._clear)

    def card_shown(self) -> None:
        """A card was put on screen: news about an earlier card goes."""
        self._cards_left -= 1
        if self._cards_left <= 0:
            self._clear()

    def _clear(self) -> None:
        self.query_one("#study-notice", Static).set_classes("")
