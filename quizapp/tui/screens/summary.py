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

from quizapp.core.text import count_of


class SummaryScreen(ModalScreen[None]):
    """Cards answered, by verdict, and the time spent; any key listed closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape,space,q", "close", "Close")]

    def __init__(self, outcomes: list[str], *, spent: str) -> None:
        super().__init__()
        self.outcomes = list(outcomes)
        self.spent = spent

    def compose(self) -> ComposeResult:
        tally = Counter(self.outcomes)
        self_graded = sum(n for key, n in tally.items() if key.startswith("self:"))
        lines = [
            Content("Session over").stylize("bold"),
            Content(answered_line(len(self.outcomes), self.spent)),
            Content(
                f"✓ {tally['correct']} correct · ≈ {tally['close']} close · "
                f"✗ {tally['wrong']} wrong · • {self_graded} self-graded"
            ),
        ]
        if not self.outcomes:
            lines.append(Content("Nothing was due. Come back later, or take a quiz (t)."))
        lines.append(Content("Enter or Escape: back to the decks").stylize("dim"))
        with Vertical(classes="dialog", id="summary"):
            yield Static(Content("\n").join(lines))

    def action_close(self) -> None:
        self.dismiss(None)


def answered_line(count: int, spent: str) -> str:
    """``1 card answered in 2:05``."""
    return f"{count_of(count, 'card')} answered in {spent}"
