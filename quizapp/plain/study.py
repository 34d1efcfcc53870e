"""The plain study loop: ``quizapp study DECK --plain``."""

from __future__ import annotations

import random
import sys
import time
from argparse import Namespace
from collections import Counter

from quizapp import plain
from quizapp.core.engine import SELF_GRADED_PROPOSAL, Answer, Response, StudyCard, StudyEngine
from quizapp.core.i18n import N_, _, ngettext
from quizapp.core.intervals import format_interval
from quizapp.core.ratings import rating_name
from quizapp.core.store.protocol import StoreError
from quizapp.core.study import QueueCounts, QueueEntry
from quizapp.core.text import visible, visible_line
from quizapp.plain.decks import refuse, resolve_decks
from quizapp.plain.lineio import EXIT_BAD_INPUT, Command, LineIO, safe_stdout
from quizapp.plain.parsing import (
    InputError,
    deck_language,
    parse_answer,
    parse_rating,
)
from quizapp.plain.rendering import (
    format_duration,
    render_notes,
    render_question,
    render_ratings,
    render_verdict,
)
from quizapp.plain.saving import SaveNotes

HINT = N_("Answer on each line and press Enter. Commands: :u undoes the last answer, :q quits.")
"""Marked only: shown through ``_()``."""


def _new_rng() -> random.Random:
    """Shuffles the options in study mode; unseeded, so positions are not learned by heart."""
    return random.Random()


def run_study(args: Namespace) -> int:
    """``quizapp study DECK --plain``: the due cards, one per prompt, rated 1–4."""
    decks = resolve_decks(args.deck, getattr(args, "decks", []) or [], allow_all=True)
    if isinstance(decks, str):
        return refuse(decks)
    from quizapp.core.store import open_store

    store = open_store()
    try:
        with LineIO(sys.stdin, safe_stdout()) as io:
            return study_loop(io, StudyEngine(store, decks, rng=_new_rng()))
    finally:
        store.close()


def study_loop(io: LineIO, engine: StudyEngine) -> int:
    """One plain study session over ``engine``; returns the exit code."""
    return _Study(io, engine).run()


class _Study:
    """One plain study session; :meth:`run` returns the exit code.

    Every answer is the engine's: it is committed when its verdict is
    printed, and the rating line only changes its rating.
    """

    def __init__(self, io: LineIO, engine: StudyEngine) -> None:
        self.io = io
        self.engine = engine
        self.decks = engine.decks
        self.again: QueueEntry | None = None  # the entry to ask next, after an undo
        self.started = time.monotonic()
        self.saving = SaveNotes(io, engine)

    def run(self) -> int:
        io = self.io
        title = (
            visible_line(self.decks[0].deck.title)
            if len(self.decks) == 1
            else ngettext("{n} deck", "{n} decks", len(self.decks)).format(n=len(self.decks))
        )
        io.say(
            _("Studying {title}: {counts}.").format(
                title=title, counts=_counts_text(self.engine.counts)
            ),
            _(HINT),
        )
        try:
            self._cards()
        except StoreError as error:  # the server gone, say: one line, answers kept below
            io.say(str(error))
        saved = self.saving.settle()
        self._summary()
        return io.exit_code if saved else EXIT_BAD_INPUT

    def _cards(self) -> None:
        while True:
            card = self.engine.next_card(self.again)
            self.again = None
            if card is None:
                self.io.say("", self._next_due())
                return
            if self._ask(card, self.engine.answered + 1) == "quit":
                return

    # One card. Returns "next" or "quit".
    def _ask(self, card: StudyCard, shown: int) -> str:
        io = self.io
        entry, question = card.entry, card.question
        left = _counts_text(self.engine.counts)
        deck = f" {visible_line(entry.deck.deck.title)}." if len(self.decks) > 1 else ""
        header = f"[{shown}]{deck} " + _("Left: {counts}.").format(counts=left)
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
                io.say(_(HINT))
                continue
            assert isinstance(line, str)
            if question.kind == "basic":
                return self._self_graded(card, plain._elapsed_ms(start))
            try:
                response = parse_answer(question, line, deck_language(entry.deck))
            except InputError as error:
                io.say(str(error))
                continue
            return self._graded(card, response, plain._elapsed_ms(start))

    def _graded(self, card: StudyCard, response: Response, ms: int | None) -> str:
        answer = self.engine.answer(card, response, ms)  # committed before it is shown
        assert answer.verdict is not None
        self.io.say(*render_verdict(answer.verdict, card.question, full=True))
        self.saving.after_write()
        self._leech(answer)
        rating = self._rate(card, answer.proposed, saved=True)
        if rating is None:  # ":u" took this answer back: ask the card again
            self._undo(quiet=True)
            self.again = card.entry
            return "next"
        self.engine.rate(abs(rating))
        self.saving.after_write()
        return "quit" if rating < 0 else "next"

    def _self_graded(self, card: StudyCard, ms: int | None) -> str:
        question = card.question
        self.io.say(
            _("Answer: {answer}").format(answer=visible(question.answer_text)),
            *render_notes(question),
        )
        rating = self._rate(card, SELF_GRADED_PROPOSAL, saved=False)
        if rating is None:
            self.again = card.entry
            return "next"
        if rating < 0:
            return "quit"
        self._leech(self.engine.grade(card, rating, ms))
        self.saving.after_write()
        return "next"

    def _rate(self, card: StudyCard, proposed: int, *, saved: bool) -> int | None:
        """Ask for the rating: 1–4; ``None`` to take the answer back; negative to quit.

        An auto-graded answer is already saved with the proposed rating: at
        the end of input or ``:q`` it stays so (``-proposed``). A self-graded
        card is not saved until rated, so quitting there saves nothing (``-1``).
        """
        io = self.io
        io.say(render_ratings(card.intervals))
        while True:
            name = rating_name(proposed)
            line = io.ask(_("Rating [{n} {name}]: ").format(n=proposed, name=name))
            if line is None or line == Command("quit"):
                if saved:
                    if self.engine.unsaved:
                        io.say(
                            _("Kept (not saved yet) as {n} {name}.").format(n=proposed, name=name)
                        )
                    else:
                        io.say(_("Saved as {n} {name}.").format(n=proposed, name=name))
                return -proposed if saved else -1
            if line == Command("undo"):
                io.say(_("Answer taken back; here is the card again."))
                return None
            if line == Command("help"):
                io.say(_(HINT))
                continue
            assert isinstance(line, str)
            try:
                return parse_rating(line, proposed)
            except InputError as error:
                io.say(str(error))

    def _leech(self, answer: Answer) -> None:
        if answer.result.new_leech:
            self.io.say(_("This card keeps being forgotten: it is now marked as a leech."))

    def _undo(self, *, quiet: bool = False) -> None:
        entry = self.engine.undo()
        if quiet:
            return
        if entry is None:
            self.io.say(_("Nothing to undo."))
            return
        self.again = entry
        self.io.say(_("Undone: {card}. Here it is again.").format(card=visible_line(entry.item.id)))

    def _next_due(self) -> str:
        delta = self.engine.next_due_in()
        if delta is None:
            return _("No more cards due now.")
        return _("No more cards due now; the next one is due in {interval}.").format(
            interval=format_interval(delta)
        )

    def _summary(self) -> None:
        self.io.say(
            "",
            studied_line(self.engine.outcomes),
            _("Time: {duration}").format(duration=format_duration(time.monotonic() - self.started)),
        )


def studied_line(outcomes: list[str]) -> str:
    """``Studied 3 cards: 1 correct, 1 close, 0 wrong, 1 self-graded.``"""
    tally = Counter("self_graded" if o.startswith("self:") else o for o in outcomes)
    parts = [
        ngettext("{n} correct", "{n} correct", tally["correct"]).format(n=tally["correct"]),
        ngettext("{n} close", "{n} close", tally["close"]).format(n=tally["close"]),
        ngettext("{n} wrong", "{n} wrong", tally["wrong"]).format(n=tally["wrong"]),
    ]
    if tally["self_graded"]:
        graded = tally["self_graded"]
        parts.append(ngettext("{n} self-graded", "{n} self-graded", graded).format(n=graded))
    return ngettext(
        "Studied {n} card: {parts}.", "Studied {n} cards: {parts}.", len(outcomes)
    ).format(n=len(outcomes), parts=", ".join(parts))


def _counts_text(counts: QueueCounts) -> str:
    return ", ".join(
        (
            ngettext("{n} new", "{n} new", counts.new).format(n=counts.new),
            ngettext("{n} learning", "{n} learning", counts.learning).format(n=counts.learning),
            ngettext("{n} to review", "{n} to review", counts.review).format(n=counts.review),
        )
    )
