"""Answer widgets for the key-press card types: choice, true/false, multi and order.

Each gets its options as data and posts ``Answered`` with the learner's
response in the shape the checker expects; the screen does the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from quizapp.core.i18n import N_, _
from quizapp.tui.safe_text import literal

# The clock the settle time is measured on (tests replace it).
CLOCK: Callable[[], float] = time.monotonic

NUMBER_KEYS = [Binding(str(n), f"pick({n - 1})", f"Option {n}", show=False) for n in range(1, 10)]


class Answered(Message):
    """The learner gave a response (``str``, ``bool``, ``frozenset`` or ``tuple``)."""

    def __init__(self, response: object, text: str) -> None:
        self.response = response
        self.text = text  # the response as one line, for the history and the results
        super().__init__()


class OptionPicker(Widget, can_focus=True):
    """Numbered options. Choice and true/false: a number answers at once.
    Multi: numbers (or Space) toggle, Enter submits.

    No option is selected at first (arrows select one), and a key that arrives
    before the options have been on screen for ``SETTLE_SECONDS`` answers
    nothing: a quick second Enter (or a digit typed for the previous card)
    must not answer a question the learner has not seen.
    """

    DEFAULT_CSS = """
    OptionPicker { height: auto; padding: 0 1; }
    """
    HELP_GROUP = N_("Answer")
    BINDINGS: ClassVar[list[BindingType]] = [
        *NUMBER_KEYS,
        Binding("up,k", "move(-1)", N_("Up"), show=False),
        Binding("down,j", "move(1)", N_("Down"), show=False),
        Binding("space", "toggle_option", N_("Toggle"), show=False),
        Binding("enter", "submit", N_("Submit"), show=True),
    ]

    SETTLE_SECONDS: ClassVar[float] = 0.3

    cursor: reactive[int | None] = reactive(None)
    chosen: reactive[frozenset[int]] = reactive(frozenset())

    def __init__(self, options: tuple[str, ...], *, kind: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = options
        self.kind = kind
        self.multi = kind == "multi"
        self._shown_at = CLOCK()

    def on_mount(self) -> None:
        self._shown_at = CLOCK()

    def settled(self) -> bool:
        """True once the options have been on screen long enough to be answered."""
        return CLOCK() - self._shown_at >= self.SETTLE_SECONDS

    def render(self) -> Content:
        lines: list[Content] = []
        for index, option in enumerate(self.options):
            key = str(index + 1) if index < 9 else " "
            pointer = "▶" if index == self.cursor and self.has_focus else " "
            box = ("[x] " if index in self.chosen else "[ ] ") if self.multi else ""
            line = Content.assemble(f"{pointer} {key}  {box}", literal(option, single_line=True))
            if index == self.cursor and self.has_focus:
                line = line.stylize("reverse")
            lines.append(line)
        if self.multi:
            lines.append(
                Content(
                    _("   Numbers or Space toggle, Enter submits"),
                ).stylize("dim")
            )
        return Content("\n").join(lines)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        if not self.options:
            return
        if self.cursor is None:
            self.cursor = 0 if step > 0 else len(self.options) - 1
        else:
            self.cursor = (self.cursor + step) % len(self.options)

    def action_pick(self, index: int) -> None:
        if not 0 <= index < len(self.options) or not self.settled():
            return
        self.cursor = index
        if self.multi:
            self.chosen = self.chosen ^ {index}
        else:
            self._answer_single(index)

    def action_toggle_option(self) -> None:
        if self.cursor is None or not self.settled():
            return
        if self.multi:
            self.chosen = self.chosen ^ {self.cursor}
        else:
            self._answer_single(self.cursor)

    def action_submit(self) -> None:
        if not self.settled():
            return
        if self.multi:
            picked = [self.options[i] for i in sorted(self.chosen)]
            # the same separator as the right answer ("Egypt; UAE"), so the two compare at a glance
            self.post_message(Answered(frozenset(picked), "; ".join(picked)))
        elif self.cursor is not None:
            self._answer_single(self.cursor)

    def _answer_single(self, index: int) -> None:
        option = self.options[index]
        if self.kind == "truefalse":
            # Question.options for true/false is ("True", "False") or its translation.
            self.post_message(Answered(index == 0, option))
        else:
            self.post_message(Answered(option, option))


class OrderList(Widget, can_focus=True):
    """Put the items in order: up/down select, shift+up/down or [ and ] move, Enter submits."""

    DEFAULT_CSS = """
    OrderList { height: auto; padding: 0 1; }
    """
    HELP_GROUP = N_("Answer")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", N_("Select up"), show=False),
        Binding("down,j", "move(1)", N_("Select down"), show=False),
        Binding("left_square_bracket,shift+up,K", "shift(-1)", N_("Move up"), key_display="["),
        Binding("right_square_bracket,shift+down,J", "shift(1)", N_("Move down"), key_display="]"),
        Binding("enter", "submit", N_("Submit"), show=True),
    ]

    cursor: reactive[int] = reactive(0)

    def __init__(self, items: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = list(items)

    def render(self) -> Content:
        lines = []
        for index, item in enumerate(self.items):
            selected = index == self.cursor
            line = Content.assemble(
                "▶ " if selected else "  ", f"{index + 1}. ", literal(item, single_line=True)
            )
            lines.append(line.stylize("reverse") if selected and self.has_focus else line)
        lines.append(
            Content(_("   ↑↓ select · shift+↑↓ or [ ] move · Enter submits")).stylize("dim")
        )
        return Content("\n").join(lines)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        self.cursor = max(0, min(len(self.items) - 1, self.cursor + step))

    def action_shift(self, step: int) -> None:
        target = self.cursor + step
        if 0 <= target < len(self.items):
            items = self.items
            items[self.cursor], items[target] = items[target], items[self.cursor]
            self.cursor = target
            self.refresh()

    def action_submit(self) -> None:
        order = tuple(self.items)
        self.post_message(Answered(order, "; ".join(order)))
