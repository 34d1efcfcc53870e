"""The quiz screen: N questions, each checked on Enter, then a results screen.

A quiz never changes the schedule. Its row in ``quiz_sessions`` is created when
it starts, each answer is committed as it is given, and the quiz is finished
or (Escape, confirmed) abandoned: both are saved. An answer the history refuses
(a full disk, a server gone) is kept by the quiz run, marked "Not saved" on
screen and saved again (:class:`~quizapp.tui.saving.SaveWatch`); the results
wait until it is in, or until a second Escape leaves without it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static
from textual.worker import Worker

from quizapp.core.checking import Response, Verdict
from quizapp.core.clock import seconds_to_ms
from quizapp.core.i18n import N_, _, ngettext
from quizapp.core.models import Deck, TrueFalseCard
from quizapp.core.questions import Question
from quizapp.core.quiz import QuizRun
from quizapp.tui.app import QuizApp
from quizapp.tui.safe_text import literal, status_line
from quizapp.tui.saving import SAVE_KEY, LineNotices, SaveWatch, unsaved_row
from quizapp.tui.screens.modals import ConfirmScreen
from quizapp.tui.widgets.answer import (
    DONT_KNOW_DISPLAY,
    DONT_KNOW_KEY,
    DONT_KNOW_RESPONSES,
    CardScroll,
    Hint,
    Prompt,
    answer_problem,
    answer_widget,
    prompt_content,
)
from quizapp.tui.widgets.feedback import Feedback, feedback_rows
from quizapp.tui.widgets.pickers import Answered


def _as_response(value: object) -> Response:
    """An answer widget's response with its type: text, a bool, a set or a tuple of options."""
    if isinstance(value, str | bool | frozenset | tuple):
        return value
    raise TypeError(f"not a response: {value!r}")


class QuizScreen(Screen[None]):
    """One question at a time; Enter/Space after the verdict goes on."""

    app = getters.app(QuizApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "reveal", N_("Show answer")),
        Binding(DONT_KNOW_KEY, "dont_know", N_("Don't know"), key_display=DONT_KNOW_DISPLAY),
        Binding("y", "self_grade(True)", N_("I knew it"), show=False),
        Binding("n", "self_grade(False)", N_("I did not"), show=False),
        Binding("enter", "next", N_("Next")),
        Binding("escape", "abandon", N_("Abandon")),
        Binding(f"{SAVE_KEY},ctrl+r", "save_again", N_("Save now"), key_display=SAVE_KEY),
    ]
    DEFAULT_CSS = """
    QuizScreen #quiz-notice { height: auto; padding: 0 1; display: none; color: $error; }
    QuizScreen #quiz-notice.-shown { display: block; }
    """

    def __init__(
        self, deck: Deck, *, count: int, seed: int | None, retry: QuizRun | None = None
    ) -> None:
        """``retry``: ask again the questions missed in that quiz, as a quiz of its own."""
        super().__init__()
        self.retry = retry
        self.deck = deck
        self.count = count
        self.seed = seed
        self.run: QuizRun | None = None
        self.index = 0
        self.phase = "loading"
        self.shown_at = 0.0
        self.right = 0
        self.shown_responses: dict[int, str] = {}  # as the learner saw them, for the results
        self._status: str | None = None  # the counts after the title, fitted to the width
        self._shown: tuple[int, str | None, Verdict] | None = None  # the feedback on screen
        self._ending: bool | None = None  # abandoned?, while the end waits to be saved
        self.saving = SaveWatch(self, lambda: self.run, self._notices, self._all_saved)

    def compose(self) -> ComposeResult:
        yield Static("", id="quiz-status")
        yield ProgressBar(id="quiz-progress", show_eta=False, show_percentage=False)
        yield Static("", id="quiz-notice")
        with CardScroll(id="card"):
            yield Prompt("", id="prompt")
            yield Static("", id="answer-slot")
            yield Hint("", id="hint")
            yield Feedback(id="feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Feedback).display = False
        self.start()

    @work(exclusive=True, group="quiz", exit_on_error=False)
    async def start(self) -> None:
        backend = self.app.backend
        deck, count, seed = self.deck, self.count, self.seed

        retry = self.retry

        def _start() -> QuizRun:
            if retry is not None:
                return retry.retry(seed)
            return QuizRun(backend.store, deck, count=count, seed=seed, now=backend.now)

        self.run = await backend.run(_start)
        await self._show_question()

    @property
    def total(self) -> int:
        return len(self.run.questions) if self.run is not None else self.count

    def _fit_status(self) -> None:
        """Show the status on one line: the deck title gives way to the counts."""
        if self._status is None:
            return
        width = self.app.size.width - 2  # the status line's padding
        head = Content(_("Retry ") if self.retry is not None else _("Quiz ")).stylize("bold")
        status = status_line(head, self.deck.deck.title, self._status, width)
        self.query_one("#quiz-status", Static).update(status)

    def on_resize(self) -> None:
        self._fit_status()

    @property
    def question(self) -> Question | None:
        """The question on screen; None until the quiz has started."""
        return None if self.run is None else self.run.questions[self.index]

    async def _show_question(self) -> None:
        question = self.question
        if question is None:
            return
        self._status = ngettext(
            " · question {number} of {total} · {right} right so far",
            " · question {number} of {total} · {right} right so far",
            self.right,
        ).format(number=self.index + 1, total=self.total, right=self.right)
        self._fit_status()
        self.query_one(ProgressBar).update(total=self.total, progress=self.index)
        self.query_one(Prompt).update(prompt_content(question))
        self.query_one(Feedback).display = False
        self.query_one(Hint).update("")
        slot = self.query_one("#answer-slot")
        await slot.remove_children()
        widget = answer_widget(question)
        if question.kind == "basic":
            widget = Static(
                Content(_("Think of the answer, then press Space to see it.")).stylize("dim")
            )
        await slot.mount(widget)
        slot.display = True
        if widget.can_focus:
            widget.focus()
        else:
            self.set_focus(None)
        self.phase = "question"
        self.shown_at = self.app.monotonic()
        self.refresh_bindings()
        self.query_one(CardScroll).scroll_home(animate=False)

    def on_answered(self, message: Answered) -> None:
        message.stop()
        question = self.question
        if self.phase != "question" or question is None:
            return
        problem = answer_problem(question, self.deck, message.response)
        if problem:
            self.query_one(Hint).update(Content(problem))
            return
        self.submit(_as_response(message.response), message.text)

    @work(exclusive=True, group="quiz", exit_on_error=False)
    async def submit(self, response: Response, text: str | None) -> None:
        """Check and commit the answer on the I/O thread, then show the verdict."""
        index, run = self.index, self.run
        if run is None:
            return
        self.phase = "saving"  # brief: the footer is refreshed once the next state shows
        response_ms = seconds_to_ms(self.app.monotonic() - self.shown_at)
        verdict = await self.app.backend.run(run.answer, index, response, response_ms)
        self.saving.update()
        if text is not None:
            self.shown_responses[index] = text
        if verdict.outcome != "wrong":
            self.right += 1
        self._show_feedback(run, index, text, verdict)

    def _show_feedback(self, run: QuizRun, index: int, text: str | None, verdict: Verdict) -> None:
        """The verdict of the answer to question ``index``, marked when it is not saved yet."""
        self._shown = (index, text, verdict)
        question = run.questions[index]
        card = question.item.card
        feedback = self.query_one(Feedback)
        rows = feedback_rows(
            outcome=verdict.outcome,
            response_text=text,
            answer_text=question.answer_text,
            verdict=verdict,
            explanation=card.explanation,
            quote=card.quote,
            correction=card.correction if isinstance(card, TrueFalseCard) else "",
        )
        if not run.is_saved(index):
            rows.insert(0, unsaved_row(run.save_error))
        more = _("Enter: next question") if index + 1 < self.total else _("Enter: see the results")
        feedback.show([*rows, ("", Content("\n" + more).stylize("dim"))])
        feedback.display = True
        self.query_one("#answer-slot").display = False
        self.query_one(Hint).update("")
        self.set_focus(None)
        self.phase = "feedback"
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        question = self.question
        basic = (
            question is not None
            and self.phase in ("question", "revealed")
            and (question.kind == "basic")
        )
        if action == "reveal":
            return self.phase == "question" and basic
        if action == "dont_know":
            return self.phase == "question" and question is not None and not basic
        if action == "self_grade":
            return self.phase == "revealed"
        if action == "next":
            return self.phase == "feedback"
        if action == "save_again":
            return self.saving.unsaved > 0
        return True

    def action_reveal(self) -> None:
        question = self.question
        if self.phase != "question" or question is None:
            return
        self.phase = "revealed"
        self.query_one(Feedback).show(
            [
                (_("Answer:"), literal(question.answer_text)),
                ("", Content(_("\nDid you know it? y / n")).stylize("dim")),
            ]
        )
        self.query_one(Feedback).display = True
        self.refresh_bindings()

    def action_dont_know(self) -> None:
        """Give up on the question: it counts as wrong, like an empty answer."""
        question = self.question
        if self.phase != "question" or question is None:
            return
        kind = question.kind
        if kind != "basic":
            self.submit(DONT_KNOW_RESPONSES.get(kind, ""), "")

    def action_self_grade(self, knew: bool) -> None:
        if self.phase == "revealed":
            self.phase = "question"
            self.submit(knew, _("knew it") if knew else _("did not know"))

    def action_next(self) -> None:
        if self.phase != "feedback":
            return
        if self.index + 1 < self.total:
            self.index += 1
            self.phase = "loading"
            self.next_question()
        else:
            self.end(abandoned=False)

    @work(exclusive=True, group="quiz", exit_on_error=False)
    async def next_question(self) -> None:
        await self._show_question()

    def action_abandon(self) -> None:
        if self._ending is not None and self.saving.may_leave():
            self.end(self._ending)  # the second Escape: the results, without the unsaved
            return
        if self.phase in ("loading", "saving", "done") or self.run is None:
            return

        def _answer(yes: bool | None) -> None:
            if yes:
                self.end(abandoned=True)

        answered = self.index + (1 if self.phase == "feedback" else 0)
        self.app.push_screen(
            ConfirmScreen(
                _(
                    "Abandon this quiz? {answered} of {total} answered; it is saved as abandoned."
                ).format(answered=answered, total=self.total)
            ),
            _answer,
        )

    async def end_for_signal(self) -> None:
        """SIGTERM/SIGHUP: a quiz still open is saved as abandoned (the app then exits)."""
        run = self.run
        if run is not None and run.result is None:
            await self.app.backend.run(run.abandon)

    @work(exclusive=True, group="quiz", exit_on_error=False)
    async def end(self, abandoned: bool) -> None:
        """Finish or abandon (both saved), then show the results with this deck's past scores."""
        from quizapp.tui.screens.results import ResultsScreen

        run = self.run
        if run is None:
            return
        self.phase = "done"
        self.refresh_bindings()
        backend = self.app.backend
        result = await backend.run(run.abandon if abandoned else run.finish)
        self.saving.update()
        if run.unsaved and self._ending is None and not self.saving.may_leave():
            self._ending = abandoned  # wait for the retry (or a second Escape)
            return
        history = await backend.run(backend.quiz_history, self.deck.deck.id)
        self.app.switch_screen(
            ResultsScreen(
                result,
                history,
                deck_title=self.deck.deck.title,
                responses=self.shown_responses,
                planned=self.total,
                run=run,
            )
        )

    # --- answers the history refused -----------------------------------------------------

    def _notices(self) -> LineNotices:
        return LineNotices(self.query_one("#quiz-notice", Static))

    def _all_saved(self) -> None:
        """Everything is saved: the feedback loses its mark, a waiting end goes on."""
        self.query_one("#quiz-notice", Static).set_classes("")
        if self._ending is not None:
            self.end(self._ending)
        elif self.phase == "feedback" and self._shown is not None and self.run is not None:
            self._show_feedback(self.run, *self._shown)

    def action_save_again(self) -> None:
        self.saving.retry()

    def quit_safely(self) -> None:
        """ctrl+q: a warning first when answers are not saved yet, then quit."""
        if self.saving.may_leave():
            self.app.exit()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A history error (the server gone at the start): one line, not an exit."""
        if event.worker.group == "quiz" and self.saving.failed(event) and self.run is None:
            self.query_one("#prompt", Prompt).update(Content(_("The quiz could not start.")))
