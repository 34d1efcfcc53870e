"""The study screen: one due card at a time, answered, then rated with FSRS.

A thin shell over :class:`~quizapp.core.engine.StudyEngine`: it shows the card,
reads the response and calls the engine on the I/O thread. The engine checks
an auto-graded answer and commits it with the proposed rating before the
verdict is shown, so Escape, quitting or a crash at the verdict never loses
it; another rating (1-4, Enter on another choice, ``!``) replaces that review
in one transaction. A self-graded (basic) card has no answer until it is
rated, so it is committed on the rating.

The phase (:class:`Phase`) is one reactive: the footer follows it through
:meth:`StudyScreen.check_action`, the one place a key's availability is
decided, and the layout follows it through CSS classes. News (undone, leech,
suspended) goes to a line of its own under the progress bar, not to a toast
over the status line.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static

from quizapp.core.clock import seconds_to_ms
from quizapp.core.engine import Answer, StudyCard, StudyEngine
from quizapp.core.models import Deck, TrueFalseCard
from quizapp.core.study import QueueCounts, QueueEntry
from quizapp.tui.editor import open_in_editor
from quizapp.tui.format import elapsed
from quizapp.tui.safe_text import status_line
from quizapp.tui.screens.study_text import (
    LEECH_TITLE,
    leech_message,
    overrule_message,
    status_tail,
    waiting_message,
)
from quizapp.tui.widgets.answer import (
    DONT_KNOW_DISPLAY,
    DONT_KNOW_KEY,
    CardScroll,
    Hint,
    Prompt,
    answer_problem,
    answer_widget,
    prompt_content,
)
from quizapp.tui.widgets.feedback import Feedback, RatingBar, feedback_rows
from quizapp.tui.widgets.pickers import Answered, OptionPicker

if TYPE_CHECKING:
    from quizapp.core.questions import Question
    from quizapp.tui.app import QuizApp
    from quizapp.tui.backend import Backend


class Phase(StrEnum):
    """Where the screen is; each phase decides which keys work (see ``check_action``)."""

    LOADING = "loading"  # fetching the next card
    QUESTION = "question"  # waiting for the response
    SAVING = "saving"  # the engine is committing
    ANSWER = "answer"  # verdict and ratings shown
    WAITING = "waiting"  # nothing due now; learning cards come back later
    DONE = "done"  # the summary is up


LAYOUTS = ("-question", "-answer", "-waiting")


@dataclass
class Current:
    """The card on screen and its answer, once the engine has committed it."""

    card: StudyCard
    shown_at: float
    response_text: str | None = None  # the response as the learner gave it, for the feedback
    response_ms: int | None = None
    answer: Answer | None = None

    @property
    def entry(self) -> QueueEntry:
        return self.card.entry

    @property
    def question(self) -> Question:
        return self.card.question


class StudyScreen(Screen[None]):
    """Study the due cards of one or more decks."""

    DEFAULT_CSS = """
    StudyScreen #study-notice { height: auto; padding: 0 1; display: none; }
    StudyScreen #study-notice.-shown { display: block; }
    StudyScreen #study-notice.-warning { color: $warning; }
    StudyScreen #study-notice.-error { color: $error; }
    StudyScreen #feedback, StudyScreen #ratings { display: none; }
    StudyScreen.-answer #feedback, StudyScreen.-answer #ratings { display: block; }
    StudyScreen.-answer #answer-slot, StudyScreen.-waiting #answer-slot { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "reveal", "Show answer"),
        Binding(DONT_KNOW_KEY, "dont_know", "Don't know", key_display=DONT_KNOW_DISPLAY),
        Binding("1", "rate(1)", "Again", show=False),
        Binding("2", "rate(2)", "Hard", show=False),
        Binding("3", "rate(3)", "Good", show=False),
        Binding("4", "rate(4)", "Easy", show=False),
        Binding("left", "nudge(-1)", "Lower rating", show=False),
        Binding("right", "nudge(1)", "Higher rating", show=False),
        Binding("enter", "accept", "Accept"),
        Binding("exclamation_mark", "overrule", "I was right", key_display="!"),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("e,f2", "edit", "Edit"),
        Binding("S,ctrl+s", "suspend", "Suspend card", show=False),
        Binding("B,ctrl+b", "bury", "Bury until tomorrow", show=False),
        Binding("escape", "end", "End"),
        # digits pick an option whatever has focus (the card text, after a click)
        *(Binding(str(n), f"pick({n - 1})", f"Option {n}", show=False) for n in range(1, 10)),
    ]

    phase: reactive[Phase] = reactive(Phase.LOADING, bindings=True)

    def __init__(self, decks: list[Deck], paths: dict[str, Path]) -> None:
        super().__init__()
        self.decks = decks
        self.paths = paths
        self.engine: StudyEngine | None = None
        self.current: Current | None = None
        self.outcomes_before: list[str] = []  # answers of sessions replaced after an edit
        self.started: datetime | None = None
        self.rng = random.Random()
        self._status: tuple[str, str] | None = None  # title and counts, fitted to the width
        self._notice_timer: Timer | None = None

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
        yield Static("", id="study-status")
        yield ProgressBar(id="study-progress", show_eta=False, show_percentage=False)
        yield Static("", id="study-notice")
        with CardScroll(id="card"):
            yield Prompt("", id="prompt")
            yield Static("", id="answer-slot")
            yield Hint("", id="hint")
            yield Feedback(id="feedback")
        yield RatingBar(id="ratings")
        yield Footer()

    def on_mount(self) -> None:
        self.started = self.backend.now()
        self.rng = random.Random(self.quiz_app.seed)
        self.start_session()

    def say(
        self, message: str, *, title: str = "", severity: str = "information", timeout: float = 6
    ) -> None:
        """Show news on the notice line for ``timeout`` seconds; the words carry the severity."""
        notice = self.query_one("#study-notice", Static)
        label = title or {"warning": "Note", "error": "Error"}.get(severity, "")
        text = Content(message)
        if label:
            text = Content.assemble((f"{label}: ", "bold"), text)
        notice.update(text)
        notice.set_classes(f"-shown -{severity}")
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(timeout, self._clear_notice)

    def _clear_notice(self) -> None:
        self.query_one("#study-notice", Static).set_classes("")

    def _layout(self, name: str) -> None:
        """Show the question, the answer or the waiting message (see DEFAULT_CSS)."""
        self.remove_class(*LAYOUTS)
        self.add_class(name)

    # --- workers: every engine call runs on the I/O thread ------------------------------------

    @work(exclusive=True, group="study")
    async def start_session(self) -> None:
        await self._open_session()

    async def _open_session(self) -> None:
        backend = self.backend

        def _open() -> StudyEngine:
            return StudyEngine(backend.store, self.decks, now=backend.now, rng=self.rng)

        self.engine = await backend.run(_open)
        await self._load_next()

    def _engine(self) -> StudyEngine:
        assert self.engine is not None
        return self.engine

    async def _load_next(self, entry: QueueEntry | None = None) -> None:
        """Fetch the next card (or show ``entry`` again, after an undo)."""
        engine = self._engine()
        self.phase = Phase.LOADING

        def _fetch() -> tuple[StudyCard | None, QueueCounts, timedelta | None]:
            card = engine.next_card(entry)
            wait = engine.next_due_in() if card is None else None
            return card, engine.counts, wait

        card, counts, wait = await self.backend.run(_fetch)
        self._show_counts(counts)
        if card is None:
            if counts.learning:
                self._show_waiting(counts, wait)
            else:
                self._finish()
            return
        self.current = Current(card=card, shown_at=self.quiz_app.monotonic())
        await self._show_question()

    async def _committed(self, answer: Answer) -> None:
        """Show what the engine saved, and say when the answer made the card a leech."""
        current = self.current
        assert current is not None
        current.answer = answer
        self._show_counts(await self.backend.run(lambda: self._engine().counts))
        if answer.result.new_leech:
            self.say(
                leech_message(answer.result.state.lapses),
                title=LEECH_TITLE,
                severity="warning",
                timeout=10,
            )

    @work(exclusive=True, group="study")
    async def record(self, response: object) -> None:
        """Have the engine check and commit the response, then show its verdict."""
        current = self.current
        if current is None:
            return
        engine = self._engine()
        answer = await self.backend.run(
            engine.answer,
            current.card,
            response,
            current.response_ms,
        )
        await self._committed(answer)
        self._show_answer()

    @work(exclusive=True, group="study")
    async def skip(self) -> None:
        """ "I don't know": the engine saves a skipped answer, then its verdict is shown."""
        current = self.current
        if current is None:
            return
        engine = self._engine()
        answer = await self.backend.run(engine.dont_know, current.card, current.response_ms)
        await self._committed(answer)
        self._show_answer()

    @work(exclusive=True, group="study")
    async def commit(self, rating: int) -> None:
        """Keep the saved answer (or replace it with ``rating``), then show the next card."""
        current = self.current
        if current is None:
            return
        engine = self._engine()
        self.phase = Phase.SAVING
        if current.answer is None:  # a flashcard: graded now
            answer = await self.backend.run(engine.grade, current.card, rating, current.response_ms)
            await self._committed(answer)
        elif current.answer.rating != rating:
            await self._committed(await self.backend.run(engine.rate, rating))
        await self._load_next()

    @work(exclusive=True, group="study")
    async def overrule(self) -> None:
        """Count the wrong answer as right: the saved review is replaced at once."""
        self.phase = Phase.SAVING
        await self._committed(await self.backend.run(self._engine().overrule))
        self._show_answer()
        self.say(overrule_message())

    @work(exclusive=True, group="study")
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
            self.say("Card suspended: it is left out of study from now on.")
        else:
            self.say("Card buried until tomorrow.")
        self.current = None
        await self._load_next()

    @work(exclusive=True, group="study")
    async def undo(self, phase_before: Phase) -> None:
        """Undo the answer on screen (at its verdict), else the last one of the session."""
        current = self.current
        if phase_before == Phase.ANSWER and current is not None and current.answer is None:
            # a revealed flashcard has no answer yet: back to its question side
            await self._load_next(current.entry)
            return
        entry = await self.backend.run(self._engine().undo)
        if entry is None:
            self.say("Nothing to undo.")
            self.phase = phase_before
            return
        self.say("Undone: the last answer was removed from the history.")
        await self._load_next(entry)

    @work(exclusive=True, group="study")
    async def edit(self) -> None:
        """Open the deck file at the card's line, then reload the deck and restart the queue."""
        current = self.current
        if current is None:
            return
        deck_id = current.entry.deck_id
        path = self.paths.get(deck_id)
        if path is None:
            self.say("This deck has no file to edit.", severity="warning")
            return
        backend = self.backend
        line = await backend.run(_card_line, backend, path, current.entry.item.card.id)
        problem = open_in_editor(self.app, path, line)
        if problem:
            self.say(problem, severity="error")
            return
        fresh = await backend.run(backend.reload_deck, path)
        if not fresh.ok or fresh.deck is None:
            first = fresh.errors[0] if fresh.errors else "unknown error"
            self.say(
                f"The deck now has errors; still using the old version. {first}", severity="error"
            )
            return
        new_deck = fresh.deck
        self.decks = [new_deck if d.deck.id == deck_id else d for d in self.decks]
        self.say("Deck reloaded.")
        self.outcomes_before = self.outcomes
        await self._open_session()  # reopen the queue on the edited deck

    # --- showing things ---------------------------------------------------------------------

    def _show_counts(self, counts: QueueCounts) -> None:
        answered = len(self.outcomes)
        what = self.decks[0].deck.title if len(self.decks) == 1 else f"{len(self.decks)} decks"
        self._status = (what, status_tail(counts, answered))
        self._fit_status()
        left = counts.left_now
        self.query_one(ProgressBar).update(total=max(1, answered + left), progress=answered)

    def _fit_status(self) -> None:
        """Show the status on one line: the deck title gives way to the counts."""
        if self._status is None:
            return
        what, tail = self._status
        width = self.app.size.width - 2  # the status line's padding
        status = status_line(Content("Study: ").stylize("bold"), what, tail, width)
        self.query_one("#study-status", Static).update(status)

    def on_resize(self) -> None:
        self._fit_status()

    async def _show_question(self) -> None:
        current = self.current
        assert current is not None
        title = current.entry.deck.deck.title if len(self.decks) > 1 else ""
        self.query_one(Prompt).update(prompt_content(current.question, title))
        self.query_one(Hint).update("")
        slot = self.query_one("#answer-slot")
        await slot.remove_children()
        widget = answer_widget(current.question)
        await slot.mount(widget)
        self._layout("-question")
        if widget.can_focus:
            widget.focus()
        else:
            self.set_focus(None)
        self.phase = Phase.QUESTION
        self.query_one(CardScroll).scroll_home(animate=False)

    def _show_answer(self) -> None:
        current = self.current
        assert current is not None
        question = current.question
        answer = current.answer
        card = current.entry.item.card
        verdict = answer.verdict if answer is not None else None
        overruled = answer is not None and answer.overruled
        self.query_one(Feedback).show(
            feedback_rows(
                outcome=verdict.outcome if verdict is not None else None,
                response_text=current.response_text if question.kind != "basic" else None,
                answer_text=question.answer_text,
                verdict=answer.checked if answer is not None else None,
                explanation=card.explanation,
                quote=card.quote,
                correction=card.correction if isinstance(card, TrueFalseCard) else "",
                overridden=overruled,
            )
        )
        self.query_one(Hint).update("")
        proposed = answer.proposed if answer is not None else 3
        self.query_one(RatingBar).show(current.card.intervals, proposed)
        self._layout("-answer")
        self.set_focus(None)
        self.phase = Phase.ANSWER

    def _show_waiting(self, counts: QueueCounts, wait: timedelta | None) -> None:
        self.current = None
        self.query_one(Prompt).update(Content(waiting_message(counts.learning, wait)))
        self._layout("-waiting")
        self.phase = Phase.WAITING
        delay = 15.0 if wait is None else min(15.0, max(1.0, wait.total_seconds() + 0.5))
        self.set_timer(delay, self._poll_waiting)

    def _poll_waiting(self) -> None:
        if self.phase == Phase.WAITING and self.is_current:
            self.resume_queue()

    @work(exclusive=True, group="study")
    async def resume_queue(self) -> None:
        await self._load_next()

    def _finish(self) -> None:
        self.phase = Phase.DONE
        self.app.push_screen(self._summary(), callback=lambda _: self.dismiss_study())

    def dismiss_study(self) -> None:
        self.app.pop_screen()

    def _summary(self) -> Screen[None]:
        from quizapp.tui.screens.summary import SummaryScreen

        now = self.backend.now()
        spent = now - self.started if self.started else timedelta(0)
        return SummaryScreen(self.outcomes, spent=elapsed(spent))

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
            self.query_one(Hint).update(Content(problem))
            return
        current.response_text = text
        current.response_ms = seconds_to_ms(self.quiz_app.monotonic() - current.shown_at)
        self.phase = Phase.SAVING
        self.record(response)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The one place a key's availability is decided: by the phase and the card."""
        phase = self.phase
        current = self.current
        kind = current.question.kind if current is not None else None
        if action == "reveal":
            return phase == Phase.QUESTION and kind == "basic"
        if action == "dont_know":
            return phase == Phase.QUESTION and kind not in (None, "basic")
        if action in ("rate", "accept", "nudge"):
            return phase == Phase.ANSWER
        if action == "pick":
            return phase == Phase.QUESTION and kind in ("choice", "truefalse", "multi")
        if action == "overrule":
            answer = current.answer if current is not None else None
            return phase == Phase.ANSWER and answer is not None and answer.can_overrule
        if action == "undo":
            return None if phase in (Phase.LOADING, Phase.SAVING) else phase != Phase.DONE
        if action in ("edit", "suspend", "bury"):
            return phase in (Phase.QUESTION, Phase.ANSWER) and current is not None
        if action == "end":
            return phase != Phase.SAVING
        return True

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
        self.skip()

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

    def action_overrule(self) -> None:
        self.overrule()

    def action_undo(self) -> None:
        phase_before, self.phase = self.phase, Phase.LOADING
        self.undo(phase_before)

    def action_edit(self) -> None:
        self.edit()

    def action_suspend(self) -> None:
        self.set_aside("suspend")

    def action_bury(self) -> None:
        self.set_aside("bury")

    def action_end(self) -> None:
        self.phase = Phase.DONE
        self.app.push_screen(self._summary(), callback=lambda _: self.dismiss_study())

    def quit_safely(self) -> None:
        """ctrl+q: the same path as Escape (answers are saved; the summary), then quit."""
        if self.phase == Phase.SAVING:
            return
        self.phase = Phase.DONE
        self.app.push_screen(self._summary(), callback=lambda _: self.app.exit())


def _card_line(backend: Backend, path: Path, card_id: str) -> int | None:
    """The line of the card in its file, for ``$EDITOR +LINE`` (I/O thread)."""
    from quizapp.core.library import line_of_card

    loaded = next((ld for ld in backend.library if ld.path == path), None)
    return line_of_card(loaded, card_id) if loaded is not None else None
