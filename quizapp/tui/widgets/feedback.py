"""What the learner sees after answering: the verdict panel and the rating bar."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from quizapp.core.checking.verdict import foldings_text
from quizapp.core.i18n import _
from quizapp.core.intervals import format_interval as interval
from quizapp.core.models import TrueFalseCard
from quizapp.core.ratings import rating_name
from quizapp.tui.format import VERDICT_LABELS
from quizapp.tui.safe_text import literal

if TYPE_CHECKING:
    from quizapp.core.checking import DiffOp, Verdict
    from quizapp.core.engine import Answer
    from quizapp.core.questions import Question

VERDICT_STYLES = {"correct": "bold $success", "close": "bold $warning", "wrong": "bold $error"}


def verdict_line(outcome: str | None, *, overridden: bool = False) -> Content:
    """``✓ Correct`` / ``≈ Close`` / ``✗ Wrong``: a symbol and a word, then colour."""
    symbol, word = VERDICT_LABELS.get(outcome, VERDICT_LABELS[None])
    line = Content.assemble((f"{symbol} {_(word)}", VERDICT_STYLES.get(outcome or "", "bold")))
    if overridden:
        line = line.append(_("  (you marked it right)"))
    return line


def diff_content(diff: Iterable[DiffOp]) -> Content:
    """The response against the nearest accepted answer, readable without colour.

    ``⟨-x⟩`` is typed but not expected, ``⟨+x⟩`` expected but missing,
    ``⟨x→y⟩`` typed x where y was expected: angle brackets, so that square
    brackets in deck text are never mistaken for markers.
    """
    parts: list[Content] = []
    for op in diff:
        if op.kind == "equal":
            parts.append(literal(op.response, single_line=True))
        elif op.kind == "delete":
            parts.append(
                Content.assemble("⟨-", literal(op.response, single_line=True), "⟩").stylize(
                    "strike $error"
                )
            )
        elif op.kind == "insert":
            parts.append(
                Content.assemble("⟨+", literal(op.expected, single_line=True), "⟩").stylize(
                    "underline $success"
                )
            )
        else:
            parts.append(
                Content.assemble(
                    "⟨",
                    literal(op.response, single_line=True),
                    "→",
                    literal(op.expected, single_line=True),
                    "⟩",
                ).stylize("bold $warning")
            )
    return Content("").join(parts)


def near_miss(diff: Iterable[DiffOp]) -> bool:
    """Whether a character diff helps: a few edits away, not a different answer.

    A diff of "Paris" against "Tripoli" is all markers and says nothing the
    right answer does not; up to a quarter of the answer's length (at least
    two characters) changed reads as the slip it is.
    """
    ops = list(diff)
    expected = sum(len(op.expected) for op in ops)
    changed = sum(max(len(op.response), len(op.expected)) for op in ops if op.kind != "equal")
    return changed <= max(2, expected // 4)


Row = tuple[str, Content]  # (label, value); an empty label spans the whole width


def feedback_rows(
    *,
    outcome: str | None,
    response_text: str | None,
    answer_text: str,
    verdict: Verdict | None = None,
    explanation: str = "",
    quote: str = "",
    correction: str = "",
    overridden: bool = False,
) -> list[Row]:
    """Everything shown after an answer, as labelled rows of literal text.

    A detail that only repeats the correction (a true/false card's "the
    statement is false: …") is left out: the Answer row already says it.
    """
    rows: list[Row] = [("", verdict_line(outcome, overridden=overridden))]
    detail = verdict.detail if verdict is not None else ""
    if detail and not (correction and correction in detail):
        rows.append(("", literal(detail)))
    if response_text is not None:
        shown = literal(response_text, single_line=True) if response_text.strip() else None
        rows.append((_("You:"), shown or Content(_("(no answer)")).stylize("dim")))
    diff = verdict.diff if verdict is not None else ()
    if diff and outcome != "correct" and near_miss(diff):
        rows.append((_("Diff:"), diff_content(diff)))
    if verdict is not None and verdict.foldings and outcome != "wrong":
        rows.append((_("Allowed:"), Content(foldings_text(verdict.foldings)).stylize("dim")))
    rows.append((_("Answer:"), literal(answer_text)))
    if correction and correction not in answer_text:
        rows.append((_("In fact:"), literal(correction)))
    if explanation:
        rows.append((_("Why:"), literal(explanation)))
    if quote:
        rows.append((_("Source:"), Content.assemble("“", literal(quote), "”").stylize("italic")))
    return rows


def answer_rows(question: Question, answer: Answer | None, response_text: str | None) -> list[Row]:
    """The rows after a study answer as the engine saved it (None: a flashcard revealed)."""
    card = question.item.card
    verdict = answer.verdict if answer is not None else None
    return feedback_rows(
        outcome=verdict.outcome if verdict is not None else None,
        response_text=response_text if question.kind != "basic" else None,
        answer_text=question.answer_text,
        verdict=answer.checked if answer is not None else None,
        explanation=card.explanation,
        quote=card.quote,
        correction=card.correction if isinstance(card, TrueFalseCard) else "",
        overridden=answer is not None and answer.overruled,
    )


class Feedback(Vertical):
    """The answer side of a card: labelled rows whose long values wrap under themselves."""

    DEFAULT_CSS = """
    Feedback { height: auto; padding: 0 1; }
    Feedback > Horizontal { height: auto; }
    Feedback .fb-label { width: 10; text-style: bold; }
    Feedback .fb-value { width: 1fr; }
    """

    def show(self, rows: list[Row]) -> None:
        """Replace the rows (the screen builds them with ``feedback_rows``)."""
        self.remove_children()
        widgets: list[Widget] = []
        # 10 cells, or more when a translated label needs them: a space always follows it
        width = max([10, *(cell_len(label) + 1 for label, _value in rows if label)])
        for label, value in rows:
            if label:
                label_cell = Static(Content(label), classes="fb-label")
                label_cell.styles.width = width
                widgets.append(Horizontal(label_cell, Static(value, classes="fb-value")))
            else:
                widgets.append(Static(value))
        self.mount_all(widgets)


class RatingBar(Widget):
    """``1 Again 1m · 2 Hard 6m · [3 Good 1d] · 4 Easy 4d``, the proposed rating selected."""

    DEFAULT_CSS = """
    RatingBar { height: auto; padding: 0 1; }
    """

    selected: reactive[int] = reactive(3)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.intervals: dict[int, timedelta] = {}

    def show(self, intervals: dict[int, timedelta], selected: int) -> None:
        self.intervals = dict(intervals)
        self.selected = selected
        self.refresh()

    def render(self) -> Content:
        parts: list[Content] = []
        for rating in (1, 2, 3, 4):
            when = self.intervals.get(rating)
            label = f"{rating} {rating_name(rating)}" + (
                f" {interval(when)}" if when is not None else ""
            )
            if rating == self.selected:
                parts.append(Content(f"▶{label}◀").stylize("bold reverse"))
            else:
                parts.append(Content(f" {label} "))
        hint = Content(_("   Enter accepts ▶◀")).stylize("dim")
        return Content(" · ").join(parts).append(hint)
