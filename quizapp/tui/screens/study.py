"""The study screen: one due card at a time, answered, then rated with FSRS.

Phases: ``loading`` → ``question`` → ``saving`` → ``answer`` (verdict and
ratings shown) → the next card. An auto-graded answer is committed with the
proposed rating the moment its verdict is shown, so Escape, quitting or a
crash at the verdict never loses it; another rating (1-4, Enter on another
choice, ``!``) then replaces that review: the core undoes it and records the
new one on the I/O thread, back to back. A self-graded (basic) card has no
answer until it is rated, so it is committed on the rating.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from quizapp.tui.editor import open_in_editor
from quizapp.tui.format import RATING_NAMES, elapsed, interval
from quizapp.tui.safe_text import status_line
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
from quizapp.tui.widgets.feedback import Feedback, RatingBar, feedback_rows
from quizapp.tui.widgets.pickers import Answered

# "I was actually right" after a wrong verdict counts the answer as correct and
# proposes Good: the learner knew it, the deck's accepted answers did not.
OVERRULE_RATING = 3
SUSPEND_KEYS = "S or ctrl+s"


@dataclasses.dataclass
class Current:
    """The card on screen and what happened to it so far."""

    entry: Any
    question: Any
    shown_at: float
    intervals: dict[int, timedelta]
    median_ms: float | None
    verdict: Any = None
    response: str | None = None
    response_ms: int | None = None
    overridden: bool = False
    # what is in the store for this card, when its answer is saved: (rating, overridden)
    saved: tuple[int, bool] | None = None


class StudyScreen(Screen):
    """Study the due cards of one or more decks."""

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
    ]

    def __init__(self, decks: list[Any], paths: dict[str, Path]) -> None:
        super().__init__()
        self.decks = decks
        self.paths = paths
        self.session: Any = None
        self.current: Current | None = None
        self.phase = "loading"
        self.outcomes: list[str] = []  # one per committed answer, popped by undo
        self.checkers: dict[str, Any] = {}
        self.questions: dict[tuple[str, str], Any] = {}
        self.answered_before = 0  # answers of sessions replaced after an edit
        self.started: datetime | None = None
        self.rng = random.Random()
        self._status: tuple[str, str] | None = None  # title and counts, fitted to the width

    def compose(self) -> ComposeResult:
        yield Static("", id="study-status")
        yield ProgressBar(id="study-progress", show_eta=False, show_percentage=False)
        with CardScroll(id="card"):
            yield Prompt("", id="prompt")
            yield Static("", id="answer-slot")
            yield Hint("", id="hint")
            yield Feedback(id="feedback")
        yield RatingBar(id="ratings")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#feedback").display = False
        self.query_one(RatingBar).display = False
        self.started = self.app.backend.now()
        self.rng = random.Random(self.app.seed)
        self.start_session()

    # --- workers: everything touching the store ---------------------------------------------

    @work(exclusive=True, group="study")
    async def start_session(self) -> None:
        await self._open_session()

    async def _open_session(self) -> None:
        from quizapp.core.study import StudySession

        backend = self.app.backend

        def _open() -> Any:
            return StudySession(backend.store, self.decks, now=backend.now)

        self.session = await backend.run(_open)
        await self._load_next()

    async def _load_next(self, entry: Any = None) -> None:
        """Fetch the next card (or show ``entry``, e.g. after undo) with its intervals."""
        backend = self.app.backend
        session = self.session
        self.phase = "loading"

        def _fetch() -> tuple[Any, Any, dict[int, timedelta], float | None, int]:
            nxt = entry if entry is not None else session.next_entry()
            counts = session.counts
            if nxt is None:
                # when nothing is due now, the "intervals" slot carries the wait
                return None, counts, {0: session.next_due_in()}, None, session.answered
            return (
                nxt,
                counts,
                session.preview(nxt),
                session.median_response_ms(nxt.deck),
                session.answered,
            )

        nxt, counts, intervals, median, answered = await backend.run(_fetch)
        self._show_counts(counts, self.answered_before + answered)
        if nxt is None:
            if counts.learning:
                self._show_waiting(counts, intervals.get(0))
            else:
                self._finish()
            return
        from quizapp.core.questions import build_question

        key = (nxt.deck.deck.id, nxt.item.id)
        question = self.questions.get(key)
        if question is None:  # asked again (undo) it keeps its options' order
            question = self.questions[key] = build_question(nxt.item, nxt.deck, self.rng)
        self.current = Current(
            entry=nxt,
            question=question,
            shown_at=self.app.monotonic(),
            intervals=intervals,
            median_ms=median,
        )
        await self._show_question()

    def _effective_verdict(self, current: Current) -> Any:
        verdict = current.verdict
        if current.overridden and verdict is not None:
            verdict = dataclasses.replace(
                verdict, outcome="correct", detail="marked right by the learner"
            )
        return verdict

    async def _save(self, current: Current, rating: int) -> None:
        """Commit ``current``'s answer with ``rating``, replacing the review saved before.

        Replacing is the core's undo of this card's review (the top of the
        session's undo stack) and a new answer, one after the other on the I/O
        thread, so nothing else can come between them.
        """
        verdict = self._effective_verdict(current)
        replace = current.saved is not None
        session = self.session

        def _answer() -> tuple[Any, int, Any]:
            if replace:
                session.undo()
            result = session.answer(
                current.entry,
                rating,
                verdict=verdict,
                response=current.response or "",
                response_ms=current.response_ms,
            )
            return session.counts, session.answered, result

        counts, answered, result = await self.app.backend.run(_answer)
        current.saved = (rating, current.overridden)
        if getattr(result, "new_leech", False):
            lapses = result.state.lapses
            self.notify(
                f"This card is now a leech: {lapses} lapse{'s' if lapses != 1 else ''}. "
                f"Suspend it with {SUSPEND_KEYS}.",
                title="Leech",
                severity="warning",
                timeout=10,
                markup=False,
            )
        outcome = verdict.outcome if verdict is not None else f"self:{rating}"
        if replace and self.outcomes:
            self.outcomes[-1] = outcome
        else:
            self.outcomes.append(outcome)
        self._show_counts(counts, self.answered_before + answered)

    @work(exclusive=True, group="study")
    async def record(self) -> None:
        """Show the verdict and commit the answer with the proposed rating at once."""
        current = self.current
        if current is None:
            return
        self._show_answer(phase="saving")
        await self._save(current, self._proposal())
        self.phase = "answer"
        self.refresh_bindings()

    @work(exclusive=True, group="study")
    async def commit(self, rating: int) -> None:
        """Keep (or replace) the saved answer with ``rating``, then show the next card."""
        current = self.current
        if current is None:
            return
        self.phase = "saving"  # brief: the footer is refreshed once the next state shows
        if current.saved != (rating, current.overridden):
            await self._save(current, rating)
        await self._load_next()

    @work(exclusive=True, group="study")
    async def overrule(self) -> None:
        """Count the wrong answer as right: the saved review is replaced at once."""
        current = self.current
        if current is None:
            return
        current.overridden = True
        self._show_answer(phase="saving")
        await self._save(current, OVERRULE_RATING)
        self.phase = "answer"
        self.refresh_bindings()
        self.notify(f"Counted as right and saved as {RATING_NAMES[OVERRULE_RATING]}.")

    @work(exclusive=True, group="study")
    async def set_aside(self, how: str) -> None:
        """Suspend or bury the card on screen, then show the next one.

        An answer already saved for it (at its verdict) stays in the history.
        """
        current = self.current
        if current is None:
            return
        self.phase = "saving"
        session = self.session
        entry = current.entry
        await self.app.backend.run(session.suspend if how == "suspend" else session.bury, entry)
        if how == "suspend":
            self.notify("Card suspended: it is left out of study from now on.")
        else:
            self.notify("Card buried until tomorrow.")
        self.current = None
        await self._load_next()

    @work(exclusive=True, group="study")
    async def undo(self, phase_before: str) -> None:
        """Undo the answer on screen (at its verdict), else the last one of the session."""
        current = self.current
        if phase_before == "answer" and current is not None and current.saved is None:
            # a revealed flashcard has no answer yet: back to its question side
            await self._load_next(current.entry)
            return
        entry = await self.app.backend.run(self.session.undo)
        if entry is None:
            self.notify("Nothing to undo.")
            self.phase = phase_before
            return
        if self.outcomes:
            self.outcomes.pop()
        self.notify("Undone: the last answer was removed from the history.")
        await self._load_next(entry)

    @work(exclusive=True, group="study")
    async def edit(self) -> None:
        """Open the deck file at the card's line, then reload the deck and restart the queue."""
        current = self.current
        if current is None:
            return
        deck_id = current.entry.deck.deck.id
        path = self.paths.get(deck_id)
        if path is None:
            self.notify("This deck has no file to edit.", severity="warning")
            return
        backend = self.app.backend
        line = await backend.run(_card_line, backend, path, current.entry.item.card.id)
        problem = open_in_editor(self.app, path, line)
        if problem:
            self.notify(problem, severity="error", markup=False)
            return
        fresh = await backend.run(backend.reload_deck, path)
        if not fresh.ok:
            first = fresh.errors[0] if fresh.errors else "unknown error"
            self.notify(
                f"The deck now has errors; still using the old version.\n{first}",
                severity="error",
                markup=False,
            )
            return
        self.decks = [fresh.deck if d.deck.id == deck_id else d for d in self.decks]
        self.checkers.pop(deck_id, None)
        self.questions = {k: q for k, q in self.questions.items() if k[0] != deck_id}
        self.notify("Deck reloaded.")
        self.answered_before += self.session.answered
        await self._open_session()  # reopen the queue on the edited deck

    # --- showing things ---------------------------------------------------------------------

    def _show_counts(self, counts: Any, answered: int) -> None:
        left = counts.new + counts.learning + counts.review
        what = self.decks[0].deck.title if len(self.decks) == 1 else f"{len(self.decks)} decks"
        tail = (
            f" · {answered} done · {left} left"
            f" ({counts.new} new · {counts.learning} learn · {counts.review} due)"
        )
        self._status = (what, tail)
        self._fit_status()
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
        self.query_one("#feedback").display = False
        self.query_one(RatingBar).display = False
        self.query_one(Hint).update("")
        slot = self.query_one("#answer-slot")
        await slot.remove_children()
        widget = answer_widget(current.question)
        await slot.mount(widget)
        slot.display = True
        if widget.can_focus:
            widget.focus()
        else:
            self.set_focus(None)
        self.phase = "question"
        self.refresh_bindings()
        self.query_one(CardScroll).scroll_home(animate=False)

    def _show_answer(self, phase: str = "answer") -> None:
        current = self.current
        assert current is not None
        question = current.question
        card = current.entry.item.card
        outcome = current.verdict.outcome if current.verdict is not None else None
        if current.overridden:
            outcome = "correct"
        feedback = self.query_one(Feedback)
        feedback.show(
            feedback_rows(
                outcome=outcome,
                response_text=current.response if question.kind != "basic" else None,
                answer_text=question.answer_text,
                verdict=current.verdict,
                explanation=card.explanation,
                quote=card.quote,
                correction=getattr(card, "correction", ""),
                overridden=current.overridden,
            )
        )
        feedback.display = True
        self.query_one("#answer-slot").display = False
        self.query_one(Hint).update("")
        self.query_one(RatingBar).display = True
        self.query_one(RatingBar).show(current.intervals, self._proposal())
        self.set_focus(None)
        self.phase = phase
        self.refresh_bindings()

    def _show_waiting(self, counts: Any, wait: timedelta | None) -> None:
        self.phase = "waiting"
        self.current = None
        cards = f"{counts.learning} learning card{'s' if counts.learning != 1 else ''}"
        when = f"; the next one in {interval(wait)}" if wait is not None else ""
        self.query_one(Prompt).update(
            Content(
                f"Nothing is due right now. {cards} come back later in this session{when}.\n\n"
                "Stay on this screen and they will appear when due, or press Escape to end."
            )
        )
        self.query_one("#answer-slot").display = False
        self.query_one("#feedback").display = False
        self.query_one(RatingBar).display = False
        self.refresh_bindings()
        delay = 15.0 if wait is None else min(15.0, max(1.0, wait.total_seconds() + 0.5))
        self.set_timer(delay, self._poll_waiting)

    def _poll_waiting(self) -> None:
        if self.phase == "waiting" and self.is_current:
            self.resume_queue()

    @work(exclusive=True, group="study")
    async def resume_queue(self) -> None:
        await self._load_next()

    def _finish(self) -> None:
        self.phase = "done"
        self.refresh_bindings()
        self.app.push_screen(self._summary(), callback=lambda _: self.dismiss_study())

    def dismiss_study(self) -> None:
        self.app.pop_screen()

    def _summary(self) -> Any:
        from quizapp.tui.screens.summary import SummaryScreen

        now = self.app.backend.now()
        spent = now - self.started if self.started else timedelta(0)
        return SummaryScreen(self.outcomes, spent=elapsed(spent))

    def _proposal(self) -> int:
        current = self.current
        assert current is not None
        if current.overridden:
            return OVERRULE_RATING
        if current.verdict is None:
            return 3
        from quizapp.core.checking import propose_rating

        quick_ratio = self.session.config.quick_ratio if self.session is not None else 1 / 3
        return int(
            propose_rating(current.verdict, current.response_ms, current.median_ms, quick_ratio)
        )

    # --- input ------------------------------------------------------------------------------

    def on_answered(self, message: Answered) -> None:
        message.stop()
        self._take(message.response, message.text)

    def _take(self, response: object, text: str, *, gate: bool = True) -> None:
        """Grade a response and save it, unless it is a slip (empty, not a number)."""
        current = self.current
        if current is None or self.phase != "question":
            return
        if gate:
            problem = answer_problem(current.question, current.entry.deck, response)
            if problem:
                self.query_one(Hint).update(Content(problem))
                return
        current.response = text
        current.response_ms = int((self.app.monotonic() - current.shown_at) * 1000)
        deck = current.entry.deck
        checker = self.checkers.get(deck.deck.id)
        if checker is None:
            from quizapp.core.checking import Checker

            checker = self.checkers[deck.deck.id] = Checker(deck)
        current.verdict = checker.check(current.entry.item, response)
        self.phase = "saving"
        self.record()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kind = self.current.question.kind if self.current else None
        if action == "reveal":
            return self.phase == "question" and kind == "basic"
        if action == "dont_know":
            return self.phase == "question" and kind not in (None, "basic")
        if action in ("rate", "accept", "nudge"):
            return self.phase == "answer"
        if action == "overrule":
            verdict = self.current.verdict if self.current else None
            overridden = self.current is not None and self.current.overridden
            return (
                self.phase == "answer"
                and verdict is not None
                and verdict.outcome == "wrong"
                and not overridden
            )
        if action == "undo":
            return None if self.phase in ("loading", "saving") else True
        if action in ("edit", "suspend", "bury"):
            return self.phase in ("question", "answer")
        return True

    def action_reveal(self) -> None:
        current = self.current
        if current is None or self.phase != "question" or current.question.kind != "basic":
            return
        current.response_ms = int((self.app.monotonic() - current.shown_at) * 1000)
        self._show_answer()

    def action_dont_know(self) -> None:
        """Give up on the card: graded wrong like an empty answer, and saved."""
        current = self.current
        if current is None or self.phase != "question" or current.question.kind == "basic":
            return
        self._take(DONT_KNOW_RESPONSES.get(current.question.kind, ""), "", gate=False)

    def action_rate(self, rating: int) -> None:
        if self.phase == "answer":
            self.commit(rating)

    def action_nudge(self, step: int) -> None:
        bar = self.query_one(RatingBar)
        bar.selected = max(1, min(4, bar.selected + step))

    def action_accept(self) -> None:
        if self.phase == "answer":
            self.commit(self.query_one(RatingBar).selected)

    def action_overrule(self) -> None:
        current = self.current
        if self.phase != "answer" or current is None or current.verdict is None:
            return
        if current.verdict.outcome != "wrong" or current.overridden:
            return
        self.phase = "saving"
        self.overrule()

    def action_undo(self) -> None:
        if self.session is not None and self.phase not in ("loading", "saving"):
            phase_before, self.phase = self.phase, "loading"
            self.undo(phase_before)

    def action_edit(self) -> None:
        if self.current is not None:
            self.edit()

    def action_suspend(self) -> None:
        if self.current is not None and self.phase in ("question", "answer"):
            self.set_aside("suspend")

    def action_bury(self) -> None:
        if self.current is not None and self.phase in ("question", "answer"):
            self.set_aside("bury")

    def action_end(self) -> None:
        if self.phase == "saving":
            return
        self.phase = "done"
        self.app.push_screen(self._summary(), callback=lambda _: self.dismiss_study())

    def quit_safely(self) -> None:
        """ctrl+q: the same path as Escape (answers are saved; the summary), then quit."""
        if self.phase == "saving":
            return
        self.phase = "done"
        self.app.push_screen(self._summary(), callback=lambda _: self.app.exit())


def _card_line(backend: Any, path: Path, card_id: str) -> int | None:
    """The line of the card in its file, for ``$EDITOR +LINE`` (I/O thread)."""
    from quizapp.core.library import line_of_card

    loaded = next((ld for ld in backend.library if ld.path == path), None)
    return line_of_card(loaded, card_id) if loaded is not None else None
