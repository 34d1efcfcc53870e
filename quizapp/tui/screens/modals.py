"""Small dialogs: how many quiz questions, and yes/no confirmations."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from quizapp.core.i18n import N_, _
from quizapp.tui.safe_text import literal


class QuizCountScreen(ModalScreen[int | None]):
    """Ask how many questions; Enter accepts (default 10), Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, deck_title: str, available: int, default: int = 10) -> None:
        super().__init__()
        self.deck_title = deck_title
        self.available = max(1, available)
        self.default = min(default, self.available)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content.assemble((_("Quiz: "), "bold"), literal(self.deck_title, single_line=True))
            )
            yield Static(
                _("How many questions? (1–{available}, Enter for {default})").format(
                    available=self.available, default=self.default
                )
            )
            yield Input(
                value=str(self.default),
                type="integer",
                id="count",
                restrict=r"[0-9]*",
                max_length=5,
            )
            yield Static(Content(_("Enter starts · Escape cancels")).stylize("dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        count = int(text) if text.isdigit() else self.default
        if not 1 <= count <= self.available:
            self.notify(
                _("Choose between 1 and {available}.").format(available=self.available),
                severity="warning",
            )
            return
        self.dismiss(count)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; ``y``/Enter confirms, ``n``/Escape declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question))
            yield Static(Content(_("y / Enter: yes · n / Escape: no")).stylize("dim"))

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
