"""The study screen: one due card at a time, answered, then rated with FSRS.

A thin shell over :class:`~quizapp.core.engine.StudyEngine`: it shows the card,
reads the response and calls the engine on the I/O thread. The engine checks
an auto-graded answer and commits it with the proposed rating before the
verdict is shown, so Escape, quitting or a crash at the verdict never loses
it; another rating (1-4, Enter on another choice, ``!``) replaces that review
in one transaction. A self-graded (basic) card is committed on its rating.
The phase (:class:`Phase`) is one reactive: the footer follows it through
:meth:`StudyScreen.check_action`, the one place a key's availability is
decided. News goes to a line under the progress bar (:class:`StudyStatus`).
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker

from quizapp.core.clock import seconds_to_ms
from quizapp.core.engine import SELF_GRADED_PROPOSAL, Answer, StudyEngine
from quizapp.core.i18n import _
from quizapp.core.models import Deck
from quizapp.core.study import QueueCounts, QueueEntry
from quizapp.tui.format import elapsed
from quizapp.tui.saving import RETRY_SECONDS, SaveWatch, unreadable, unsaved_row
from quizapp.tui.screens import study_steps as steps
from quizapp.tui.screens.study_edit import edit_card
from quizapp.tui.screens.study_state import STUDY_BINDINGS, Current, Phase, key_available
from quizapp.tui.screens.study_text import (
    LEECH_TITLE,
    leech_message,
    overrule_message,
    session_title,
    status_tail,
    waiting_message,
)
from quizapp.tui.widgets.answer import answer_problem
from quizapp.tui.widgets.feedback import RatingBar, answer_rows
from quizapp.tui.widgets.pickers import Answered, OptionPicker
from quizapp.tui.widgets.steady_footer import SteadyFooter
from quizapp.tui.widgets.study_card import StudyCardView
from quizapp.tui.widgets.study_status import StudyStatus

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp
    from quizapp.tui.backend import Backend


class StudyScreen(Screen[None]):
    """Study the due cards of one or more decks."""

    BINDINGS: ClassVar[list[BindingType]] = STUDY_BINDINGS

    # the footer follows the phase; nothing else is drawn from it: no repaint
    phase: reactive[Phase] = reactive(Phase.LOADING, bindings=True, repaint=False)

    def __init__(self, decks: list[Deck], paths: dict[str, Path]) -> None:
        super().__init__()
        self.decks, self.paths = decks, paths
        self.engine: StudyEngine | None = None
        self.current: Current | None = None
        self.outcomes_before: list[str] = []  # answers of sessions replaced after an edit
        self.started: datetime | None = None
        self.rng = random.Random()
        self.saving = SaveWatch(self, lambda: self.engine, lambda: self.status, self._all_saved)

    @property
    def quiz_app(self) -> QuizApp:
        return cast("QuizApp", self.app)

    @property
    def backend(self) -> Backend:
        return self.quiz_app.backend

    @property
    def outcomes(self) -> list[str]:
        """One outcome per answer committed in this screen (undone ones excluded)."""
        answers = self.engine.outcomes if self.engine is not None else []
        return self.outcomes_before + answers

    def compose(self) -> ComposeResult:
        yield StudyStatus()
        yield StudyCardView()
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.started = self.backend.now()
        self.rng = random.Random(self.quiz_app.seed)
        self.start_session()

    @property
    def status(self) -> StudyStatus:
        """The status line, progress bar and notice line at the top (news goes there)."""
        return self.query_one(StudyStatus)

    # --- workers: every engine call runs on the I/O thread ------------------------------------

    @work(exclusive=True, group="study", exit_on_error=False)
    async def start_session(self) -> None:
        await self._open_session()

    async def _open_session(self) -> None:
        backend = self.backend
        self.engine = await backend.run(
            StudyEngine, backend.store, self.decks, now=backend.now, rng=self.rng
        )
        gc.freeze()  # the decks and queue, out of the collector's full passes (see study_steps)
        await self._load_next()

    def on_unmount(self) -> None:
        gc.unfreeze()

    def _engine(self) -> StudyEngine:
        assert self.engine is not None
        return self.engine

    async def _load_next(self, entry: QueueEntry | None = None) -> None:
        """Fetch the next card (or show ``entry`` again, after an undo)."""
        self.phase = Phase.LOADING
        await self._show_next(await self.backend.run(steps.fetch_next, self._engine(), entry))

    async def _show_next(self, fetched: steps.Fetched) -> None:
        """Show a fetched card with its counts, all in one frame (or the wait, or the end)."""
        card, counts, wait = fetched
        self._show_counts(counts)
        if card is None:
            if counts.learning:
                self._show_waiting(counts, wait)
            else:
                self._finish()
            return
        self.current = Current(card=card, shown_at=self.quiz_app.monotonic())
        self.status.card_shown()
        await self._show_question()

    def _keep(self, answer: Answer) -> None:
        """Note what the engine saved, and say when the answer made the card a leech."""
        current = self.current
        assert current is not None
        current.answer = answer
        self.saving.update()
        if answer.result.new_leech:
            message = leech_message(answer.result.state.lapses)
            self.status.say(message, title=_(LEECH_TITLE), severity="warning", timeout=10)

    async def _committed(self, answer: Answer) -> None:
        """Show what the engine saved with the counts after it (see ``_keep``)."""
        self._keep(answer)
        self._show_counts(await self.backend.run(lambda: self._engine().counts))

    @work(exclusive=True, group="study", exit_on_error=False)
    async def record(self, response: object, *, skipped: bool = False) -> None:
        """Have the engine check (or skip) the response and commit it, then show its verdict."""
        current = self.current
        if current is None:
            return
        step = steps.check_then_count
        answer, counts = await self.backend.run(step, self._engine(), current, response, skipped)
        self._keep(answer)
        self._show_counts(counts)
        self._show_answer()

    @work(exclusive=True, group="study", exit_on_error=False)
    async def commit(self, rating: int) -> None:
        """Keep the saved answer (or replace it with ``rating``), then show the next card."""
        current = self.current
        if current is None:
            return
        engine = self._engine()
        self.phase = Phase.SAVING
        answer, fetched = await self.backend.run(steps.rate_then_fetch, engine, current, rating)
        if answer is not None:
            self._keep(answer)
        if fetched is None:  # refused: it stays, marked; Enter goes on (it is kept)
            self._show_counts(await self.backend.run(lambda: engine.counts))
            self._show_answer()
            return
        await self._show_next(fetched)

    @work(exclusive=True, group="study", exit_on_error=False)
    async def action_overrule(self) -> None:
        """Count the wrong answer as right: the saved review is replaced at once."""
        self.phase = Phase.SAVING
        await self._committed(await self.backend.run(self._engine().overrule))
        self._show_answer()
        self.status.say(overrule_message())

    @work(exclusive=True, group="study", exit_on_error=False)
    async def set_aside(self, how: str) -> None:
        """Suspend or bury the card on screen, then show the next one.

        An answer already saved for it (at its verdict) stays in the history.
        """
        current = self.current
        if current is None:
            return
        self.phase = Phase.SAVING
        engine = self._engine()
        call = engine.suspend if how == "suspend" else engine.bury
        await self.backend.run(call, current.card)
        if how == "suspend":
            self.status.say(_("Card suspended: it is left out of study from now on."), cards=2)
        else:
            self.status.say(_("Card buried until tomorrow."), cards=2)
        self.current = None
        await self._load_next()

    @work(exclusive=True, group="study", exit_on_error=False)
    async def undo(self, phase_before: Phase) -> None:
        """Undo the answer on screen (at its verdict), else the last one of the session."""
        current = self.current
        if phase_before == Phase.ANSWER and current is not None and current.answer is None:
            # a revealed flashcard has no answer yet: back to its question side
            await self._load_next(current.entry)
            return
        entry = await self.backend.run(self._engine().undo)
        if entry is None:
            self.status.say(_("Nothing to undo."))
            self.phase = phase_before
            return
        self.status.say(_("Undone: the last answer was removed from the history."), cards=2)
        await self._load_next(entry)

    @work(exclusive=True, group="study", exit_on_error=False)
    async def action_edit(self) -> None:
        """Open the deck file at the card's line, then reload the deck and restart the queue."""
        current = self.current
        if current is None:
            return
        fresh, message, severity = await edit_card(self.quiz_app, self.paths, current.entry)
        self.status.say(message, severity=severity, cards=2)
        if fresh is not None:
            self.decks = [fresh if d.deck.id == fresh.deck.id else d for d in self.decks]
            self.outcomes_before = self.outcomes
            await self._open_session()  # reopen the queue on the edited deck

    def _all_saved(self) -> None:
        """The answers kept unsaved are saved: the one on screen loses its mark."""
        last = self._engine().last
        if self.phase == Phase.ANSWER and self.current and last and last.card is self.current.card:
            self.current.answer = last
            self._show_answer()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A history error in a step (the server gone): one line; the screen stays usable."""
        if event.worker.group != "study" or not self.saving.failed(event):
            return
        if (current := self.current) is not None and current.answer is not None:
            self._show_answer()  # shown and marked, even when the counts could not be read
        elif current is not None:
            self.phase = Phase.QUESTION
        else:  # no card to show (or no session yet): try again in a moment
            self.query_one(StudyCardView).show_message(unreadable())
            self.set_timer(RETRY_SECONDS, self.resume_queue if self.engine else self.start_session)

    # --- showing things ---------------------------------------------------------------------

    def _show_counts(self, counts: QueueCounts) -> None:
        done = len(self.outcomes)
        self.status.show(
            session_title(self.decks), status_tail(counts, done), done=done, left=counts.left_now
        )

    async def _show_question(self) -> None:
        current = self.current
        assert current is not None
        title = current.entry.deck.deck.title if len(self.decks) > 1 else ""
        widget = await self.query_one(StudyCardView).show_question(current.question, title)
        self.set_focus(widget if widget.can_focus else None)  # now: the footer follows it
        self.phase = Phase.QUESTION

    def _show_answer(self) -> None:
        current = self.current
        assert current is not None
        answer = current.answer
        rows = answer_rows(current.question, answer, current.response_text)
        if answer is not None and not answer.saved:
            rows.insert(0, unsaved_row(self._engine().save_error))
        proposed = answer.rating if answer is not None else SELF_GRADED_PROPOSAL
        self.query_one(StudyCardView).show_answer(rows, current.card.intervals, proposed)
        self.set_focus(None)
        self.phase = Phase.ANSWER

    def _show_waiting(self, counts: QueueCounts, wait: timedelta | None) -> None:
        self.current = None
        self.query_one(StudyCardView).show_message(waiting_message(counts.learning, wait))
        self.phase = Phase.WAITING
        self.set_timer(steps.poll_delay(wait), self._poll_waiting)

    def _poll_waiting(self) -> None:
        if self.phase == Phase.WAITING and self.is_current:
            self.resume_queue()

    @work(exclusive=True, group="study", exit_on_error=False)
    async def resume_queue(self) -> None:
        await self._load_next()

    def _finish(self, then: Callable[[], object] | None = None) -> None:
        """The summary; then back to the deck list (or ``then``: quit)."""
        from quizapp.tui.screens.summary import SummaryScreen

        def done(_: None) -> None:
            (then or self.app.pop_screen)()

        self.phase = Phase.DONE
        spent = self.backend.now() - self.started if self.started else timedelta(0)
        self.app.push_screen(SummaryScreen(self.outcomes, spent=elapsed(spent)), done)

    # --- input ------------------------------------------------------------------------------

    def on_answered(self, message: Answered) -> None:
        message.stop()
        self._take(message.response, message.text)

    def _take(self, response: object, text: str) -> None:
        """Hand a response to the engine, unless it is a slip (empty, not a number)."""
        current = self.current
        if current is None or self.phase != Phase.QUESTION:
            return
        problem = answer_problem(current.question, current.entry.deck, response)
        if problem:
            self.query_one(StudyCardView).hint(problem)
            return
        current.response_text = text
        current.response_ms = seconds_to_ms(self.quiz_app.monotonic() - current.shown_at)
        self.phase = Phase.SAVING
        self.record(response)

    def footer_settled(self) -> bool:  # False while saving or fetching (see SteadyFooter)
        return self.phase not in (Phase.SAVING, Phase.LOADING) or self.current is None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The one place a key's availability is decided (see ``key_available``)."""
        if action == "save_again":
            return self.saving.unsaved > 0
        return key_available(action, self.phase, self.current)

    def action_reveal(self) -> None:
        current = self.current
        assert current is not None
        current.response_ms = seconds_to_ms(self.quiz_app.monotonic() - current.shown_at)
        self._show_answer()

    def action_dont_know(self) -> None:
        """Give up on the card: a skipped answer, graded wrong, and saved."""
        current = self.current
        assert current is not None
        current.response_text = ""
        current.response_ms = seconds_to_ms(self.quiz_app.monotonic() - current.shown_at)
        self.phase = Phase.SAVING
        self.record(None, skipped=True)

    def action_pick(self, index: int) -> None:
        """A digit pressed while the options are not focused (after a click on the card)."""
        picker = self.query_one("#answer", OptionPicker)
        picker.focus()
        picker.action_pick(index)

    def action_rate(self, rating: int) -> None:
        self.commit(rating)

    def action_nudge(self, step: int) -> None:
        bar = self.query_one(RatingBar)
        bar.selected = max(1, min(4, bar.selected + step))

    def action_accept(self) -> None:
        self.commit(self.query_one(RatingBar).selected)

    def action_undo(self) -> None:
        phase_before, self.phase = self.phase, Phase.LOADING
        self.undo(phase_before)

    def action_suspend(self) -> None:
        self.set_aside("suspend")

    def action_bury(self) -> None:
        self.set_aside("bury")

    def action_save_again(self) -> None:  # r, while answers wait to be saved
        self.saving.retry()

    def action_end(self) -> None:
        if self.saving.may_leave():
            self._finish()

    def quit_safely(self) -> None:
        """ctrl+q: the same path as Escape (answers are saved; the summary), then quit."""
        if self.phase != Phase.SAVING and self.saving.may_leave():
            self._finish(self.app.exit)
