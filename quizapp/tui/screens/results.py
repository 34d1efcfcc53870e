"""The end of a quiz: score, time, every question, and this deck's previous scores."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from quizapp.core.checking import Verdict
from quizapp.core.clock import from_ms
from quizapp.core.questions import Question
from quizapp.core.quiz import QuizResult
from quizapp.core.store.protocol import QuizSession
from quizapp.tui.format import VERDICT_LABELS, elapsed, score, short_date
from quizapp.tui.safe_text import literal, literal_text


class AnswerScreen(ModalScreen[None]):
    """One quiz answer in full: question, response, verdict with its detail, right answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q,space", "close", "Close"),
    ]

    def __init__(self, number: int, question: Question, response: str, verdict: Verdict) -> None:
        super().__init__()
        self.number = number
        self.question = question
        self.response = response
        self.verdict = verdict

    def compose(self) -> ComposeResult:
        symbol, word = VERDICT_LABELS.get(self.verdict.outcome, VERDICT_LABELS[None])
        verdict = Content(f"{symbol} {word}")
        if self.verdict.detail:
            verdict = Content.assemble(verdict, " · ", literal(self.verdict.detail))
        rows = [
            Content(f"Question {self.number}").stylize("bold"),
            literal(self.question.prompt),
            Content(""),
            Content.assemble(
                ("You: ", "bold"),
                literal(self.response) if self.response.strip() else Content("(no answer)"),
            ),
            Content.assemble(("Verdict: ", "bold"), verdict),
            Content.assemble(("Answer: ", "bold"), literal(self.question.answer_text)),
            Content(""),
            Content("Escape or Enter: back to the results").stylize("dim"),
        ]
        with VerticalScroll(classes="dialog", id="answer-detail"):
            yield Static(Content("\n").join(rows))

    def action_close(self) -> None:
        self.dismiss(None)


class ResultsScreen(Screen[None]):
    """Enter on a question shows it in full; Escape (or q, h) goes back to the decks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Show in full", priority=True),  # over the table's own Enter
        Binding("escape,q,h", "close", "Back to decks"),
    ]

    def __init__(
        self,
        result: QuizResult,
        history: list[QuizSession],
        *,
        deck_title: str,
        responses: dict[int, str] | None = None,
        planned: int | None = None,
    ) -> None:
        """``responses`` are the answers as shown while answering (by question index)."""
        super().__init__()
        self.responses = responses or {}
        self.planned = planned  # questions the quiz had, when it was abandoned early
        self.result = result
        self.history = history
        self.deck_title = deck_title

    def compose(self) -> ComposeResult:
        result = self.result
        state = "abandoned" if result.abandoned else "finished"
        spent = (
            elapsed(result.finished - result.started) if result.finished and result.started else "—"
        )
        answered = len(result.answers)
        headline = Content.assemble(
            ("Quiz results: ", "bold"),
            literal(self.deck_title, single_line=True),
            f" ({state})\n",
            (f"Score {score(result.score)}", "bold"),
            f" · ✓ {result.correct} correct · ≈ {result.close} close · ✗ {result.wrong} wrong",
            f" · {answered} of {self.planned or result.questions} answered · time {spent}",
        )
        yield Static(headline, id="results-head")
        yield DataTable(id="results-table", cursor_type="row", zebra_stripes=True)
        yield Static(self._previous(), id="results-history")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#results-table", DataTable)
        # the three text columns share what the number and verdict columns leave
        free = max(30, self.app.size.width - 4 - 11 - 2 * 5 - 2)
        widths = (free * 4 // 9, free * 2 // 9, free - free * 4 // 9 - free * 2 // 9)
        table.add_column("#", width=3)
        table.add_column("Verdict", width=10)
        for label, width in zip(("Question", "You", "Answer"), widths, strict=True):
            table.add_column(label, width=width)
        # answers come in question order, and the quiz screen asks them in order from the first
        for number, (question, response, verdict) in enumerate(self.result.answers, start=1):
            shown = self.responses.get(number - 1, response)
            symbol, word = VERDICT_LABELS.get(verdict.outcome, VERDICT_LABELS[None])
            table.add_row(
                Text(str(number)),
                Text(f"{symbol} {word}"),
                literal_text(question.prompt, width=widths[0]),
                literal_text(str(shown) or "(no answer)", width=widths[1]),
                literal_text(question.answer_text, width=widths[2]),
            )
        table.focus()

    def _previous(self) -> Content:
        """The deck's earlier quizzes, newest first, as a small text chart."""
        rows = []
        for quiz in self.history:
            if quiz.id == self.result.quiz_id:
                continue
            when = from_ms(quiz.started_ms if quiz.finished_ms is None else quiz.finished_ms)
            rows.append((when, quiz.score, quiz.abandoned))
        rows.sort(key=lambda r: r[0], reverse=True)
        if not rows:
            return Content("First quiz on this deck.").stylize("dim")
        lines = [Content("Previous scores").stylize("bold")]
        for when, value, abandoned in rows[:8]:
            bar = "█" * round((value or 0) / 10)
            note = " (abandoned)" if abandoned else ""
            lines.append(Content(f"{short_date(when)}  {score(value):>4}  {bar}{note}"))
        return Content("\n").join(lines)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(event.cursor_row)

    def action_open(self) -> None:
        self._open(self.query_one("#results-table", DataTable).cursor_row)

    def _open(self, index: int) -> None:
        answers = self.result.answers
        if 0 <= index < len(answers):
            question, response, verdict = answers[index]
            shown = self.responses.get(index, response)
            self.app.push_screen(AnswerScreen(index + 1, question, str(shown or ""), verdict))

    def action_close(self) -> None:
        self.app.pop_screen()
