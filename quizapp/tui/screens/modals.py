"""Small dialogs: how many quiz questions, and yes/no confirmations."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from quizapp.tui.safe_text import literal


class QuizCountScreen(ModalScreen[int | None]):
    """Ask how many questions; Enter accepts (default 10), Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, deck_title: str, available: int, default: int = 10) -> None:
        super().__init__()
        self.deck_title = deck_title
        self.available = max(1, available)
        self.default = min(default, self.available)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content.assemble(("Quiz: ", "bold"), literal(self.deck_title, single_line=True))
            )
            yield Static(f"How many questions? (1–{self.available}, Enter for {self.default})")
            yield Input(
                value=str(self.default),
                type="integer",
                id="count",
                restrict=r"[0-9]*",
                max_length=5,
            )
            yield Static(Content("Enter starts · Escape cancels").stylize("dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        count = int(text) if text.isdigit() else self.default
        if not 1 <= count <= self.available:
            self.notify(f"Choose between 1 and {self.available}.", severity="warning")
            return
        self.dismiss(count)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; ``y``/Enter confirms, ``n``/Escape declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question))
            yield Static(Content("y / Enter: yes · n / Escape: no").stylize("dim"))

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
