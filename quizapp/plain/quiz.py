"""The plain quiz loop: ``quizapp quiz DECK --plain``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from quizapp import plain
from quizapp.core.clock import from_ms
from quizapp.core.text import visible, visible_line
from quizapp.plain.decks import refuse, resolve_decks
from quizapp.plain.lineio import EXIT_OK, Command, LineIO, safe_stdout
from quizapp.plain.parsing import (
    InputError,
    deck_language,
    parse_answer,
    parse_truefalse,
)
from quizapp.plain.rendering import (
    format_duration,
    format_score,
    render_question,
    render_verdict,
)

if TYPE_CHECKING:
    from quizapp.core.checking import Response
    from quizapp.core.models import Deck
    from quizapp.core.questions import Question
    from quizapp.core.quiz import QuizRun
    from quizapp.core.store.protocol import Store


def run_quiz(args: argparse.Namespace) -> int:
    """``quizapp quiz DECK --plain [-n N] [--seed S]``: N questions, a score, saved."""
    decks = resolve_decks(args.deck, args.decks or [], allow_all=False)
    if isinstance(decks, str):
        return refuse(decks)
    count: int | None = args.count
    if count is None or count < 1:
        return refuse("the number of questions (-n) must be at least 1")
    from quizapp.core.quiz import QuizRun
    from quizapp.core.store import open_store

    io = LineIO(sys.stdin, safe_stdout())
    store = open_store()
    try:
        run = QuizRun(store, decks[0], count=count, seed=args.seed)
        return _quiz(io, run, decks[0], store)
    finally:
        store.close()


def _quiz(io: LineIO, run: QuizRun, deck: Deck, store: Store) -> int:
    questions = run.questions
    total = len(questions)
    if total == 0:
        io.say(f"{visible_line(deck.deck.title)} has no questions to ask.")
        run.abandon()
        return EXIT_OK
    io.say(
        f"Quiz: {visible_line(deck.deck.title)}, {total} question{'s' if total != 1 else ''}.",
        "Answer on each line and press Enter. :q quits (the quiz is saved as abandoned).",
    )
    abandoned = False
    for index, question in enumerate(questions):
        io.say("", f"Question {index + 1}/{total}", *render_question(question))
        response = _quiz_response(io, question, deck_language(deck))
        if response is None:
            abandoned = True
            break
        answer, ms = response
        verdict = run.answer(index, answer, ms)
        if question.kind == "basic":  # the answer was just shown; say how it counts
            io.say("Correct (you knew it)." if verdict.is_right else "Wrong (you did not know it).")
        else:
            io.say(*render_verdict(verdict, question, full=False))
    result = run.abandon() if abandoned else run.finish()
    seconds = max(0.0, (result.finished - result.started).total_seconds())
    lines = [""]
    if abandoned:  # scored over the questions answered, as the store counts it
        lines.append(f"Quiz abandoned after {result.questions} of {total} questions.")
    lines += [
        format_score(result.correct + result.close, result.questions, result.score),
        f"Time: {format_duration(seconds)}",
    ]
    previous = _previous_scores(store, deck.deck.id, result.quiz_id)
    if previous:
        lines.append(f"Previous: {previous}")
    io.say(*lines)
    return io.exit_code


def _quiz_response(
    io: LineIO, question: Question, language: str = "en"
) -> tuple[Response, int | None] | None:
    """Read one answer; ``None`` when the learner quits or input ends."""
    start = io.clock()
    revealed = False
    while True:
        line = io.ask()
        if line is None or line == Command("quit"):
            return None
        if isinstance(line, Command):  # undo or help
            if line.name == "undo":
                io.say("A quiz answer cannot be undone; answer this question, or :q to stop.")
            else:
                io.say("Answer on each line and press Enter. :q quits.")
            continue
        if question.kind == "basic":
            if not revealed:
                io.say(f"Answer: {visible(question.answer_text)}", "Did you know it? Type y or n.")
                revealed = True
                continue
            try:
                return parse_truefalse(line, ("yes", "no")), plain._elapsed_ms(start)
            except InputError:
                io.say("Type y or n.")
                continue
        try:
            return parse_answer(question, line, language), plain._elapsed_ms(start)
        except InputError as error:
            io.say(str(error))


def _previous_scores(store: Store, deck_id: str, current_id: int, limit: int = 3) -> str:
    """The last few earlier quizzes of the deck, newest first: "60% on 2026-11-28, …"."""
    sessions = [
        (q, q.finished_ms)
        for q in store.quiz_sessions(deck_id)
        if q.id != current_id and q.finished_ms is not None and q.questions
    ]
    parts = []
    for quiz, finished_ms in reversed(sessions[-limit:]):
        day = from_ms(finished_ms).astimezone().date().isoformat()
        note = " (abandoned)" if quiz.abandoned else ""
        parts.append(f"{quiz.score or 0:.0f}% on {day}{note}")
    return ", ".join(parts)
