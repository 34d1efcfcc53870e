"""The plain study loop: ``quizapp study DECK --plain``."""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quizapp import plain
from quizapp.core.text import visible, visible_line
from quizapp.plain.decks import _error, resolve_decks
from quizapp.plain.lineio import Command, LineIO, _safe_stdout
from quizapp.plain.parsing import (
    RATING_NAMES,
    InputError,
    _language,
    parse_answer,
    parse_rating,
)
from quizapp.plain.rendering import (
    format_duration,
    format_interval,
    render_notes,
    render_question,
    render_ratings,
    render_verdict,
)

if TYPE_CHECKING:
    from quizapp.core.models import Deck
    from quizapp.core.questions import Question


HINT = "Answer on each line and press Enter. Commands: :u undoes the last answer, :q quits."


def _new_rng() -> random.Random:
    """Shuffles the options in study mode; unseeded, so positions are not learned by heart."""
    return random.Random()


@dataclass
class _Tally:
    correct: int = 0
    close: int = 0
    wrong: int = 0
    self_graded: int = 0

    def add(self, outcome: str | None, sign: int = 1) -> None:
        name = outcome if outcome in ("correct", "close", "wrong") else "self_graded"
        setattr(self, name, getattr(self, name) + sign)

    @property
    def total(self) -> int:
        return self.correct + self.close + self.wrong + self.self_graded


def run_study(args: Any) -> int:
    """``quizapp study DECK --plain``: the due cards, one per prompt, rated 1–4."""
    decks = resolve_decks(args.deck, getattr(args, "decks", []) or [], allow_all=True)
    if isinstance(decks, str):
        return _error(decks)
    from quizapp.core.store.sqlite import SqliteStore

    io = LineIO(sys.stdin, _safe_stdout())
    store = SqliteStore.open()
    try:
        return _Study(io, store, decks).run()
    finally:
        store.close()


class _Study:
    """One plain study session; :meth:`run` returns the exit code."""

    def __init__(self, io: LineIO, store: Any, decks: list[Deck]) -> None:
        from quizapp.core.checking import Checker
        from quizapp.core.study import StudySession

        self.io = io
        self.decks = decks
        self.session = StudySession(store, decks)
        self.checkers = {deck.deck.id: Checker(deck) for deck in decks}
        self.rng = _new_rng()
        self.tally = _Tally()
        self.outcomes: list[str | None] = []  # of the committed answers, for undo
        self.again: Any = None  # the entry to ask next, after an undo
        self.started = time.monotonic()

    def run(self) -> int:
        io = self.io
        title = (
            visible_line(self.decks[0].deck.title)
            if len(self.decks) == 1
            else f"{len(self.decks)} decks"
        )
        counts = self.session.counts
        io.say(f"Studying {title}: {_counts_text(counts)}.", HINT)
        while True:
            entry, self.again = self.again or self.session.next_entry(), None
            if entry is None:
                io.say("", "No more cards due now" + self._next_due())
                break
            status = self._ask(entry, self.tally.total + 1)
            if status == "quit":
                break
        self._summary()
        return io.exit_code

    # One card. Returns "next" or "quit".
    def _ask(self, entry: Any, shown: int) -> str:
        from quizapp.core.questions import build_question

        io = self.io
        question = build_question(entry.item, entry.deck, self.rng)
        left = _counts_text(self.session.counts)
        deck = f" {visible_line(entry.deck.deck.title)}." if len(self.decks) > 1 else ""
        header = f"[{shown}]{deck} Left: {left}."
        io.say("", header, *render_question(question))
        while True:
            start = io.clock()
            line = io.ask()
            if line is None or line == Command("quit"):
                return "quit"
            if line == Command("undo"):
                self._undo()
                return "next"
            if line == Command("help"):
                io.say(HINT)
                continue
            if question.kind == "basic":
                return self._self_graded(entry, question, plain._elapsed_ms(start))
            try:
                response = parse_answer(question, line, _language(entry.deck))
            except InputError as error:
                io.say(str(error))
                continue
            return self._graded(entry, question, response, plain._elapsed_ms(start))

    def _graded(self, entry: Any, question: Question, response: Any, ms: int | None) -> str:
        from quizapp.core.checking import propose_rating
        from quizapp.core.quiz import response_text

        verdict = self.checkers[entry.deck.deck.id].check(entry.item, response)
        self.io.say(*render_verdict(verdict, question, full=True))
        median = self.session.median_response_ms(entry.deck)
        proposed = propose_rating(verdict, ms, median, self.session.config.quick_ratio)
        rating = self._rate(entry, proposed, save_on_exit=True)
        if rating is None:  # ":u" took this answer back: ask the card again
            self.again = entry
            return "next"
        quit_after = rating < 0
        result = self.session.answer(
            entry,
            abs(rating),
            verdict=verdict,
            response=response_text(response),  # as quizzes store it
            response_ms=ms,
        )
        self._committed(verdict.outcome, result)
        return "quit" if quit_after else "next"

    def _self_graded(self, entry: Any, question: Question, ms: int | None) -> str:
        self.io.say(f"Answer: {visible(question.answer_text)}", *render_notes(question))
        rating = self._rate(entry, 3, save_on_exit=False)
        if rating is None:
            self.again = entry
            return "next"
        if rating < 0:
            return "quit"
        result = self.session.answer(entry, rating, verdict=None, response="", response_ms=ms)
        self._committed(None, result)
        return "next"

    def _rate(self, entry: Any, proposed: int, *, save_on_exit: bool) -> int | None:
        """Ask for the rating: 1–4; ``None`` to take the answer back; negative to quit.

        At the end of input or ``:q``, an auto-graded answer is saved with the
        proposed rating (the learner answered it); a self-graded card is not,
        because nobody graded it. ``-proposed`` then means "save, then quit";
        ``-1`` with ``save_on_exit`` false means "quit without saving".
        """
        io = self.io
        io.say(render_ratings(self.session.preview(entry)))
        while True:
            line = io.ask(f"Rating [{proposed} {RATING_NAMES[proposed]}]: ")
            if line is None or line == Command("quit"):
                if save_on_exit:
                    io.say(f"Saved as {proposed} {RATING_NAMES[proposed]}.")
                return -proposed if save_on_exit else -1
            if line == Command("undo"):
                io.say("Answer taken back; here is the card again.")
                return None
            if line == Command("help"):
                io.say(HINT)
                continue
            try:
                return parse_rating(line, proposed)
            except InputError as error:
                io.say(str(error))

    def _committed(self, outcome: str | None, result: Any = None) -> None:
        self.tally.add(outcome)
        self.outcomes.append(outcome)
        if getattr(result, "new_leech", False):
            self.io.say("This card keeps being forgotten: it is now marked as a leech.")

    def _undo(self) -> None:
        entry = self.session.undo()
        if entry is None:
            self.io.say("Nothing to undo.")
            return
        if self.outcomes:
            self.tally.add(self.outcomes.pop(), -1)
        self.again = entry
        self.io.say(f"Undone: {visible_line(entry.item.id)}. Here it is again.")

    def _next_due(self) -> str:
        next_due_in = getattr(self.session, "next_due_in", None)
        delta = next_due_in() if next_due_in else None
        return "." if delta is None else f"; the next one is due in {format_interval(delta)}."

    def _summary(self) -> None:
        t = self.tally
        parts = [f"{t.correct} correct", f"{t.close} close", f"{t.wrong} wrong"]
        if t.self_graded:
            parts.append(f"{t.self_graded} self-graded")
        self.io.say(
            "",
            f"Studied {t.total} card{'s' if t.total != 1 else ''}: {', '.join(parts)}.",
            f"Time: {format_duration(time.monotonic() - self.started)}",
        )


def _counts_text(counts: Any) -> str:
    return f"{counts.new} new, {counts.learning} learning, {counts.review} to review"
