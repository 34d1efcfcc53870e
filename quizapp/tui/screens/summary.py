"""The end of a study session: how it went."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quizapp.core.i18n import N_, _, ngettext


class SummaryScreen(ModalScreen[None]):
    """Cards answered, by verdict, and the time spent; any key listed closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape,space,q", "close", N_("Close"))]

    def __init__(self, outcomes: list[str], *, spent: str) -> None:
        super().__init__()
        self.outcomes = list(outcomes)
        self.spent = spent

    def compose(self) -> ComposeResult:
        tally = Counter(self.outcomes)
        self_graded = sum(n for key, n in tally.items() if key.startswith("self:"))
        lines = [
            Content(_("Session over")).stylize("bold"),
            Content(answered_line(len(self.outcomes), self.spent)),
            Content(tally_line(tally["correct"], tally["close"], tally["wrong"], self_graded)),
        ]
        if not self.outcomes:
            lines.append(Content(_("Nothing was due. Come back later, or take a quiz (t).")))
        lines.append(Content(_("Enter or Escape: back to the decks")).stylize("dim"))
        with Vertical(classes="dialog", id="summary"):
            yield Static(Content("\n").join(lines))

    def action_close(self) -> None:
        self.dismiss(None)


def answered_line(count: int, spent: str) -> str:
    """``1 card answered in 2:05``."""
    return ngettext("{n} card answered in {spent}", "{n} cards answered in {spent}", count).format(
        n=count, spent=spent
    )


def tally_line(correct: int, close: int, wrong: int, self_graded: int) -> str:
    """``✓ 3 correct · ≈ 1 close · ✗ 0 wrong · • 2 self-graded``."""
    return " · ".join(
        [
            ngettext("✓ {n} correct", "✓ {n} correct", correct).format(n=correct),
            ngettext("≈ {n} close", "≈ {n} close", close).format(n=close),
            ngettext("✗ {n} wrong", "✗ {n} wrong", wrong).format(n=wrong),
            ngettext("• {n} self-graded", "• {n} self-graded", self_graded).format(n=self_graded),
        ]
    )
