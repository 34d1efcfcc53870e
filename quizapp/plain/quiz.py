"""The plain quiz loop: ``quizapp quiz DECK --plain``.

After the score, while some answer was judged wrong or close, the results take
a command: ``:right N`` counts answer N, judged wrong, as right ("I was
actually right"; the core saves it and the new score), ``:retry`` asks the
missed questions again as a quiz of its own, Enter (or the end of input) ends.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from quizapp import plain
from quizapp.core.clock import from_ms
from quizapp.core.i18n import _, ngettext
from quizapp.core.l10n import day, percent
from quizapp.core.text import visible, visible_line
from quizapp.plain.decks import refuse, resolve_decks
from quizapp.plain.lineio import EXIT_BAD_INPUT, EXIT_OK, Command, LineIO, safe_stdout
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
from quizapp.plain.saving import SaveNotes

if TYPE_CHECKING:
    from quizapp.core.checking import Response
    from quizapp.core.models import Deck
    from quizapp.core.questions import Question
    from quizapp.core.quiz import QuizResult, QuizRun
    from quizapp.core.store.protocol import Store


def run_quiz(args: argparse.Namespace) -> int:
    """``quizapp quiz DECK --plain [-n N] [--seed S]``: N questions, a score, saved."""
    decks = resolve_decks(args.deck, args.decks or [], allow_all=False)
    if isinstance(decks, str):
        return refuse(decks)
    count: int | None = args.count
    if count is None or count < 1:
        return refuse(_("the number of questions (-n) must be at least 1"))
    from quizapp.core.quiz import QuizRun
    from quizapp.core.store import open_store

    store = open_store()
    try:
        with LineIO(sys.stdin, safe_stdout()) as io:
            run: QuizRun | None = QuizRun(store, decks[0], count=count, seed=args.seed)
            code: int = EXIT_OK
            while run is not None:
                code = _quiz(io, run, decks[0], store)
                run = _on_results(io, run) if code == EXIT_OK else None
            return code
    finally:
        store.close()


def _on_results(io: LineIO, run: QuizRun) -> QuizRun | None:
    """The results' commands (``:right N``, ``:retry``); a retry to take next, else None."""
    while (result := run.result) is not None:
        wrong = [n + 1 for n in range(len(result.answers)) if result.can_overrule(n)]
        if not wrong and not result.missed:
            return None
        offers = [""]
        numbers = ", ".join(map(str, wrong)) or _("none")
        if wrong:
            offers.append(
                _(":right N counts answer N, judged wrong, as right (N: {numbers}).").format(
                    numbers=numbers
                )
            )
        if result.missed:
            offers.append(
                ngettext(
                    ":retry asks the {n} missed question again as a new quiz.",
                    ":retry asks the {n} missed questions again as a new quiz.",
                    result.missed,
                ).format(n=result.missed)
            )
        io.say(*offers, _("Enter ends."))
        line = io.ask()
        if line is None or line == "" or line == Command("quit"):
            return None
        if isinstance(line, Command):
            continue  # help or undo: the offer above is the help
        word, _sep, argument = line.strip().partition(" ")
        if word.casefold() == ":retry" and result.missed:
            return run.retry()
        if word.casefold() != ":right":
            io.say(_("Not a command here: {line}").format(line=visible_line(line)))
            continue
        try:
            updated = run.overrule(int(argument) - 1)
        except ValueError:
            io.say(
                _("Answer {n} was not judged wrong; give one of: {numbers}.").format(
                    n=visible_line(argument), numbers=numbers
                )
            )
            continue
        io.say(
            _("Answer {n} now counts as right.").format(n=visible_line(argument))
            + " "
            + _score_line(updated)
        )
        if run.unsaved:  # the history refused it: saved now, or said so
            SaveNotes(io, run).settle()
    return None


def _score_line(result: QuizResult) -> str:
    """``Score: 3/5 (60%)``, or that a quiz left before any answer has none."""
    if result.score is None:
        return _("No score: no question was answered.")
    return format_score(result.correct + result.close, result.questions, result.score)


def _quiz(io: LineIO, run: QuizRun, deck: Deck, store: Store) -> int:
    questions = run.questions
    total = len(questions)
    if total == 0:
        io.say(_("{deck} has no questions to ask.").format(deck=visible_line(deck.deck.title)))
        run.abandon()
        return EXIT_OK
    kind = _("Quiz") if run.retry_of is None else _("Retry of the missed questions")
    io.say(
        ngettext("{kind}: {deck}, {n} question.", "{kind}: {deck}, {n} questions.", total).format(
            kind=kind, deck=visible_line(deck.deck.title), n=total
        ),
        _("Answer on each line and press Enter. :q quits (the quiz is saved as abandoned)."),
    )
    abandoned = False
    saving = SaveNotes(io, run)
    for index, question in enumerate(questions):
        io.say(
            "",
            _("Question {n}/{total}").format(n=index + 1, total=total),
            *render_question(question),
        )
        response = _quiz_response(io, question, deck_language(deck))
        if response is None:
            abandoned = True
            break
        answer, ms = response
        verdict = run.answer(index, answer, ms)
        if question.kind == "basic":  # the answer was just shown; say how it counts
            io.say(
                _("Correct (you knew it).")
                if verdict.is_right
                else _("Wrong (you did not know it).")
            )
        else:
            io.say(*render_verdict(verdict, question, full=False))
        saving.after_write()
    result = run.abandon() if abandoned else run.finish()
    saved = saving.settle()
    seconds = max(0.0, (result.finished - result.started).total_seconds())
    lines = [""]
    if abandoned:  # scored over the questions answered, as the store counts it
        lines.append(
            ngettext(
                "Quiz abandoned after {n} of {total} question.",
                "Quiz abandoned after {n} of {total} questions.",
                total,
            ).format(n=result.questions, total=total)
        )
    lines += [
        _score_line(result),
        _("Time: {duration}").format(duration=format_duration(seconds)),
    ]
    previous = _previous_scores(store, deck.deck.id, result.quiz_id)
    if previous:
        lines.append(_("Previous: {scores}").format(scores=previous))
    io.say(*lines)
    return io.exit_code if saved else EXIT_BAD_INPUT


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
                io.say(_("A quiz answer cannot be undone; answer this question, or :q to stop."))
            else:
                io.say(_("Answer on each line and press Enter. :q quits."))
            continue
        if question.kind == "basic":
            if not revealed:
                io.say(
                    _("Answer: {answer}").format(answer=visible(question.answer_text)),
                    _("Did you know it? Type y or n."),
                )
                revealed = True
                continue
            try:
                return parse_truefalse(line, (_("yes"), _("no"))), plain._elapsed_ms(start)
            except InputError:
                io.say(_("Type y or n."))
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
        when = day(from_ms(finished_ms).astimezone().date())
        score = percent(quiz.score or 0, 0)
        if quiz.abandoned:
            parts.append(_("{score} on {day} (abandoned)").format(score=score, day=when))
        else:
            parts.append(_("{score} on {day}").format(score=score, day=when))
    return ", ".join(parts)
