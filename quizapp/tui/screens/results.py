"""The end of a quiz: score, time, every question, and this deck's previous scores.

``!`` counts the selected answer judged wrong as right ("I was actually
right"; the core recomputes and saves the score), ``r`` starts a new quiz of
the questions answered wrong or close.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from quizapp.core.checking import Verdict
from quizapp.core.clock import from_ms
from quizapp.core.i18n import N_, _, ngettext, pgettext
from quizapp.core.questions import Question
from quizapp.core.quiz import QuizResult, QuizRun
from quizapp.core.store.protocol import QuizSession
from quizapp.tui.app import QuizApp
from quizapp.tui.format import VERDICT_LABELS, elapsed, score, short_date
from quizapp.tui.safe_text import literal, literal_text


class AnswerScreen(ModalScreen[None]):
    """One quiz answer in full: question, response, verdict with its detail, right answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q,space", "close", N_("Close")),
    ]

    def __init__(self, number: int, question: Question, response: str, verdict: Verdict) -> None:
        super().__init__()
        self.number = number
        self.question = question
        self.response = response
        self.verdict = verdict

    def compose(self) -> ComposeResult:
        symbol, word = VERDICT_LABELS.get(self.verdict.outcome, VERDICT_LABELS[None])
        verdict = Content(f"{symbol} {_(word)}")
        if self.verdict.detail:
            verdict = Content.assemble(verdict, " · ", literal(self.verdict.detail))
        rows = [
            Content(_("Question {number}").format(number=self.number)).stylize("bold"),
            literal(self.question.prompt),
            Content(""),
            Content.assemble(
                (_("You: "), "bold"),
                literal(self.response) if self.response.strip() else Content(_("(no answer)")),
            ),
            Content.assemble((_("Verdict: "), "bold"), verdict),
            Content.assemble((_("Answer: "), "bold"), literal(self.question.answer_text)),
            Content(""),
            Content(_("Escape or Enter: back to the results")).stylize("dim"),
        ]
        with VerticalScroll(classes="dialog", id="answer-detail"):
            yield Static(Content("\n").join(rows))

    def action_close(self) -> None:
        self.dismiss(None)


OVERRULED_LABEL = ("✓", N_("Overruled"))  # an answer judged wrong that the learner counted right


class ResultsScreen(Screen[None]):
    """Enter on a question shows it in full; Escape (or q, h) goes back to the decks."""

    app = getters.app(QuizApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Details"), priority=True),  # over the table's own Enter
        Binding("exclamation_mark", "overrule", N_("I was right"), key_display="!"),
        Binding("r", "retry", N_("Retry missed")),
        Binding("escape,q,h", "close", N_("Decks")),
    ]
    HELP_NOTES = N_(
        "! counts the selected answer, judged wrong, as right: the score is recomputed and "
        "saved. r starts a new quiz of the questions answered wrong or close."
    )

    def __init__(
        self,
        result: QuizResult,
        history: list[QuizSession],
        *,
        deck_title: str,
        responses: dict[int, str] | None = None,
        planned: int | None = None,
        run: QuizRun | None = None,
    ) -> None:
        """``responses`` are the answers as shown while answering (by question index);
        ``run`` is the quiz itself, for "I was actually right" and the retry."""
        super().__init__()
        self.run = run
        self.responses = responses or {}
        self.planned = planned  # questions the quiz had, when it was abandoned early
        self.result = result
        self.history = history
        self.deck_title = deck_title

    def _headline(self) -> Content:
        result = self.result
        state = pgettext("quiz", "abandoned") if result.abandoned else pgettext("quiz", "finished")
        spent = (
            elapsed(result.finished - result.started) if result.finished and result.started else "—"
        )
        answered = len(result.answers)
        title = Content.assemble(
            (_("Quiz results: "), "bold"),
            literal(self.deck_title, single_line=True),
            f" ({state})\n",
        )
        planned = self.planned or result.questions
        if result.score is None:  # left before any answer: no score, not 0%
            return Content.assemble(
                title,
                (_("No score"), "bold"),
                _(": no question answered (0 of {planned}) · time {spent}").format(
                    planned=planned, spent=spent
                ),
            )
        scored = _("Score {score}").format(score=score(result.score))
        overruled = (
            ngettext(" ({n} overruled)", " ({n} overruled)", len(result.overruled)).format(
                n=len(result.overruled)
            )
            if result.overruled
            else ""
        )
        return Content.assemble(
            title,
            (scored, "bold"),
            ngettext(" · ✓ {n} correct", " · ✓ {n} correct", result.correct).format(
                n=result.correct
            ),
            overruled,
            ngettext(" · ≈ {n} close", " · ≈ {n} close", result.close).format(n=result.close),
            ngettext(" · ✗ {n} wrong", " · ✗ {n} wrong", result.wrong).format(n=result.wrong),
            ngettext(
                " · {answered} of {planned} answered · time {spent}",
                " · {answered} of {planned} answered · time {spent}",
                answered,
            ).format(answered=answered, planned=planned, spent=spent),
        )

    def compose(self) -> ComposeResult:
        yield Static(self._headline(), id="results-head")
        yield DataTable(id="results-table", cursor_type="row", zebra_stripes=True)
        yield Static(self._previous(), id="results-history")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#results-table", DataTable)
        # the three text columns share what the number and verdict columns leave
        free = max(30, self.app.size.width - 4 - 12 - 2 * 5 - 2)
        self._widths = (free * 4 // 9, free * 2 // 9, free - free * 4 // 9 - free * 2 // 9)
        table.add_column("#", width=3)
        table.add_column(_("Verdict"), width=11)
        labels = (_("Question"), _("You"), _("Answer"))
        for label, width in zip(labels, self._widths, strict=True):
            table.add_column(label, width=width)
        self._fill_table()
        table.focus()

    def _fill_table(self) -> None:
        table = self.query_one("#results-table", DataTable)
        widths = self._widths
        # answers come in question order, and the quiz screen asks them in order from the first
        for number, (question, response, verdict) in enumerate(self.result.answers, start=1):
            shown = self.responses.get(number - 1, response)
            symbol, word = VERDICT_LABELS.get(verdict.outcome, VERDICT_LABELS[None])
            if number - 1 in self.result.overruled:
                symbol, word = OVERRULED_LABEL
            table.add_row(
                Text(str(number)),
                Text(f"{symbol} {_(word)}"),
                literal_text(question.prompt, width=widths[0]),
                literal_text(str(shown) or _("(no answer)"), width=widths[1]),
                literal_text(question.answer_text, width=widths[2]),
            )

    def _previous(self) -> Content:
        """The deck's earlier quizzes, newest first, as a small text chart."""
        rows = []
        for quiz in self.history:
            if quiz.id == self.result.quiz_id:
                continue
            when = from_ms(quiz.started_ms if quiz.finished_ms is None else quiz.finished_ms)
            rows.append((when, quiz.score if quiz.questions else None, quiz.abandoned))
        rows.sort(key=lambda r: r[0], reverse=True)
        if not rows:
            return Content(_("First quiz on this deck.")).stylize("dim")
        lines = [Content(_("Previous scores")).stylize("bold")]
        for when, value, abandoned in rows[:8]:
            bar = "█" * round((value or 0) / 10)
            note = _(" (abandoned)") if abandoned else ""
            shown = _("no score") if value is None else f"{score(value):>4}"
            lines.append(Content(f"{short_date(when)}  {shown}  {bar}{note}"))
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "overrule":
            row = self.query_one("#results-table", DataTable).cursor_row
            return self.run is not None and self.result.can_overrule(row)
        if action == "retry":
            return self.run is not None and self.result.missed > 0
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()  # "I was right" is offered on answers judged wrong only

    def action_overrule(self) -> None:
        self.overrule(self.query_one("#results-table", DataTable).cursor_row)

    @work(exclusive=True, group="results")
    async def overrule(self, index: int) -> None:
        """Count answer ``index`` as right; the core saves it and the new score at once."""
        run = self.run
        if run is None or not self.result.can_overrule(index):
            return
        self.result = await self.app.backend.run(run.overrule, index)
        self.query_one("#results-head", Static).update(self._headline())
        table = self.query_one("#results-table", DataTable)
        table.clear()
        self._fill_table()
        table.move_cursor(row=index)
        self.refresh_bindings()  # the headline says what changed: no notice over it
        if (
            run.unsaved
        ):  # refused (disk full, server gone): kept by the run, saved with its next write
            from quizapp.tui.saving import unsaved_message

            self.notify(
                unsaved_message(run.unsaved, run.save_error), severity="error", markup=False
            )

    def action_retry(self) -> None:
        """A new quiz, saved as its own, of the questions answered wrong or close."""
        from quizapp.tui.screens.quiz import QuizScreen

        run = self.run
        if run is None or self.result.missed == 0:
            return
        self.app.switch_screen(QuizScreen(run.deck, count=self.result.missed, seed=None, retry=run))

    def action_close(self) -> None:
        self.app.pop_screen()
