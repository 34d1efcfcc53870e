"""The card of the study screen: the prompt, the answer widget, the feedback and the ratings.

One of three layouts is shown: the question (the answer widget), the answer
(feedback and rating bar) or a message (nothing due now). They are switched
by showing and hiding those three parts, not by a class on the card: a class
change restyles every widget of the card, twice per answer. The screen gives
the data; this widget only shows it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from quizapp.tui.widgets.answer import (
    TYPED_KINDS,
    AnswerInput,
    CardScroll,
    Hint,
    Prompt,
    answer_widget,
    prompt_content,
    typed_placeholder,
)
from quizapp.tui.widgets.feedback import Feedback, RatingBar, Row

if TYPE_CHECKING:
    from quizapp.core.questions import Question

# layout -> (answer slot, feedback, ratings) shown
LAYOUTS = {
    "-question": (True, False, False),
    "-answer": (False, True, True),
    "-message": (False, False, False),
}


class StudyCardView(Vertical):
    """The card area; ``show_question``, ``show_answer`` and ``show_message`` switch it."""

    DEFAULT_CSS = """
    StudyCardView { height: 1fr; }
    StudyCardView #feedback, StudyCardView #ratings { display: none; }
    """

    layout_name = ""
    _hint = ""  # the hint shown now

    def compose(self) -> ComposeResult:
        with CardScroll(id="card"):
            yield Prompt("", id="prompt")
            yield Static("", id="answer-slot")
            yield Hint("", id="hint")
            yield Feedback(id="feedback")
        yield RatingBar(id="ratings")

    def _layout(self, name: str) -> None:
        """Show the parts of one layout (only those that change are touched)."""
        parts = ("#answer-slot", "#feedback", "#ratings")
        for selector, shown in zip(parts, LAYOUTS[name], strict=True):
            widget = self.query_one(selector)
            if widget.display != shown:
                widget.display = shown
        self.layout_name = name

    async def show_question(self, question: Question, deck_title: str = "") -> Widget:
        """The prompt and an empty answer widget for it (returned, for the focus).

        A typed answer box is emptied and kept from one typed card to the next;
        other widgets (options, order lists) are made for their card.
        """
        self.query_one(Prompt).update(prompt_content(question, deck_title))
        self.hint("")
        slot = self.query_one("#answer-slot")
        kept = slot.children[0] if slot.children else None
        if (
            isinstance(kept, AnswerInput)
            and question.kind in TYPED_KINDS
            and kept.placeholder == typed_placeholder(question.kind)
        ):
            kept.clear()
            widget: Widget = kept
        else:
            widget = answer_widget(question)
            await slot.remove_children()
            await slot.mount(widget)
        self._layout("-question")
        self.query_one(CardScroll).scroll_home(animate=False)
        return widget

    def show_answer(self, rows: list[Row], intervals: dict[int, timedelta], proposed: int) -> None:
        """The feedback rows and the rating bar, ``proposed`` selected."""
        self.query_one(Feedback).show(rows)
        self.hint("")
        self.query_one(RatingBar).show(intervals, proposed)
        self._layout("-answer")

    def show_message(self, text: str) -> None:
        """A message in place of the card (nothing is due right now)."""
        self.query_one(Prompt).update(Content(text))
        self._layout("-message")

    def hint(self, text: str) -> None:
        """One line under the answer widget: why an answer was not taken.

        Emptied for every card and every verdict: only a change is drawn.
        """
        if text != self._hint:
            self._hint = text
            self.query_one(Hint).update(Content(text))
