"""The question side of a card: the prompt, and the right answer widget for its type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from quizapp.core.i18n import N_, _
from quizapp.tui.safe_text import literal
from quizapp.tui.widgets.pickers import Answered, OptionPicker, OrderList

if TYPE_CHECKING:
    from quizapp.core.models import Deck
    from quizapp.core.questions import Question

TYPE_LABELS = {
    "basic": N_("Flashcard"),
    "typed": N_("Type the answer"),
    "cloze": N_("Fill the gap"),
    "number": N_("Give the number"),
    "choice": N_("Choose one"),
    "truefalse": N_("True or false?"),
    "multi": N_("Choose all that apply"),
    "order": N_("Put in order"),
}
TYPED_KINDS = frozenset({"typed", "cloze", "number"})

# "I don't know": the key, and the empty response per type that the checker grades wrong
DONT_KNOW_KEY = "ctrl+g"
DONT_KNOW_DISPLAY = "^g"
DONT_KNOW_RESPONSES: dict[str, object] = {
    "typed": "",
    "cloze": "",
    "number": "",
    "choice": "",
    "multi": frozenset(),
    "order": (),
    "truefalse": None,
}


class AnswerInput(Input):
    """An ``Input`` whose Enter posts ``Answered`` like the other answer widgets."""

    HELP_GROUP = N_("Answer")

    async def action_submit(self) -> None:
        self.post_message(Answered(self.value, self.value))


def prompt_content(question: Question, deck_title: str = "") -> Content:
    """The card's prompt under a small heading naming the type (and deck)."""
    heading = _(TYPE_LABELS[question.kind]) if question.kind in TYPE_LABELS else question.kind
    if deck_title:
        heading = f"{heading} · {deck_title}"
    body = literal(question.prompt)
    unit = question.unit
    if unit:
        body = body.append(
            Content.assemble(_("  (unit: "), literal(unit, single_line=True), _(")"))
        )
    return Content.assemble(Content(heading).stylize("dim"), "\n\n", body.stylize("bold"))


def answer_problem(question: Question, deck: Deck, response: object) -> str | None:
    """Why ``response`` cannot be graded yet, as one line; None when it can.

    An empty box (or nothing ticked) and a number card answered with words
    are slips, not answers: grading them Wrong would save a review the
    learner never meant to give. The question stays open with this hint.
    """
    kind = question.kind
    give_up = _("or press {key} if you don't know").format(key=DONT_KNOW_DISPLAY)
    if kind in TYPED_KINDS and isinstance(response, str) and not response.strip():
        return _("Type an answer, {give_up}.").format(give_up=give_up)
    if kind == "multi" and not response:
        return _("Tick at least one option (number keys or Space), {give_up}.").format(
            give_up=give_up
        )
    if kind == "number" and isinstance(response, str):
        from quizapp.core.checking import check, language_of, read_number

        if read_number(response, language_of(deck), question.unit) is None:
            detail = check(question.item, response, deck).detail or _("that is not a number")
            return _("{detail}: type a number, {give_up}.").format(
                detail=f"{detail[:1].upper()}{detail[1:]}", give_up=give_up
            )
    return None


class Hint(Static):
    """One line under the answer: why the answer was not taken (empty, not a number)."""

    DEFAULT_CSS = """
    Hint { height: auto; padding: 0 1; color: $warning; }
    """


class CardScroll(VerticalScroll):
    """The scrollable card (prompt, answer widget, feedback); arrows scroll a long card.

    A click on the card text does not take the focus from the answer widget:
    the learner who clicks while reading still answers with the digit keys.
    """

    HELP_GROUP = N_("Card")
    FOCUS_ON_CLICK = False


class Prompt(Static):
    """The question text."""

    DEFAULT_CSS = """
    Prompt { height: auto; padding: 0 1 1 1; }
    """


def typed_placeholder(kind: str) -> str:
    """The answer box's placeholder for a typed kind (a box is kept while it stays the same)."""
    return _("a number, then Enter") if kind == "number" else _("your answer, then Enter")


def answer_widget(question: Question) -> Widget:
    """The widget that takes the answer: typed input, numbered options or an order list."""
    kind = question.kind
    if kind in TYPED_KINDS:
        return AnswerInput(
            placeholder=typed_placeholder(kind), id="answer", select_on_focus=False, max_length=2000
        )
    if kind in ("choice", "truefalse", "multi"):
        return OptionPicker(tuple(question.options), kind=kind, id="answer")
    if kind == "order":
        return OrderList(tuple(question.options), id="answer")
    return Static(
        Content(_("Think of the answer, then press Space to see it.")).stylize("dim"), id="answer"
    )
