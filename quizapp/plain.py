"""The plain line mode: ``quizapp study DECK --plain`` and ``quizapp quiz DECK --plain``.

No full-screen interface: one question at a time on stdout, one answer per
line from stdin. It exists for screen readers, for pipes and for scripts, so
it prints words rather than colours (no ANSI codes at all), never redraws,
and treats the end of input as "stop here": what was answered is already
saved, the summary is printed and the exit code is 0.

It drives the same core as the TUI (deck library, checker, study session,
quiz run, SQLite store), so a session studied here shows up in the same
history. Everything that depends on the terminal is kept in :class:`LineIO`;
the parsing of each card type's input and the rendering of verdicts are pure
functions, tested on their own.
"""

from __future__ import annotations

import contextlib
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from quizapp.core.text import visible, visible_line

if TYPE_CHECKING:
    from quizapp.core.checking import Verdict
    from quizapp.core.models import Deck
    from quizapp.core.questions import Question

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_INTERRUPTED = 130

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
HINT = "Answer on each line and press Enter. Commands: :u undoes the last answer, :q quits."
COMMANDS = {
    ":q": "quit",
    ":quit": "quit",
    ":u": "undo",
    ":undo": "undo",
    ":h": "help",
    ":?": "help",
}
_SEPARATORS = re.compile(r"[\s,;]+")


# --------------------------------------------------------------------------- input parsing


class InputError(ValueError):
    """A line that cannot be an answer to this question; the message says what would be."""


def _fold(text: str) -> str:
    """Loose comparison key for matching a typed option text against the options."""
    return " ".join(text.casefold().split())


def _numbers(line: str, count: int) -> list[int]:
    """Parse option numbers ("3 1 2", "3,1,2", or "312" when there are fewer than 10).

    Returns 0-based indexes; raises :class:`InputError` for anything else.
    """
    text = line.strip()
    tokens = [t for t in _SEPARATORS.split(text) if t]
    if len(tokens) == 1 and count < 10 and len(tokens[0]) > 1 and tokens[0].isdigit():
        tokens = list(tokens[0])
    if not tokens:
        raise InputError(f"Type numbers from 1 to {count}.")
    indexes = []
    for token in tokens:
        if not token.isdecimal() or not 1 <= int(token) <= count:
            raise InputError(f"{visible_line(token)!s} is not a number from 1 to {count}.")
        indexes.append(int(token) - 1)
    return indexes


def parse_choice(line: str, options: Sequence[str]) -> str:
    """A choice answer: the option's number, or its text. Returns the option text."""
    text = line.strip()
    if text.isdecimal() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    folded = _fold(text)
    for option in options:
        if _fold(option) == folded:
            return option
    raise InputError(f"Type the number of an option, from 1 to {len(options)}.")


_TRUE_WORDS = {"t", "true", "y", "yes"}
_FALSE_WORDS = {"f", "false", "n", "no"}


def parse_truefalse(line: str, options: Sequence[str] = ("True", "False")) -> bool:
    """A true/false answer: 1 or 2, the option text (possibly localized), or t/f, y/n.

    ``options`` is ``(true_label, false_label)`` as the question shows them.
    """
    text = _fold(line)
    if text in ("1", "2") and len(options) >= 2:
        return text == "1"
    labels = [_fold(o) for o in options[:2]]
    if len(labels) == 2:
        if text == labels[0]:
            return True
        if text == labels[1]:
            return False
        initials = [label[:1] for label in labels]
        if text and len(text) == 1 and initials[0] != initials[1] and text in initials:
            return text == initials[0]
    if text in _TRUE_WORDS:
        return True
    if text in _FALSE_WORDS:
        return False
    names = " or ".join(visible_line(o) for o in options[:2])
    raise InputError(f"Type 1 or 2 ({names}).")


def parse_multi(line: str, options: Sequence[str]) -> frozenset[str]:
    """A multiple-answer choice: the numbers of every chosen option, e.g. "1 3" or "1,3"."""
    indexes = _numbers(line, len(options))
    return frozenset(options[i] for i in indexes)


def parse_order(line: str, items: Sequence[str]) -> tuple[str, ...]:
    """An ordering: the numbers of the shown items, first to last, each exactly once."""
    try:
        indexes = _numbers(line, len(items))
    except InputError as error:
        raise InputError(f"{error} {_order_example(len(items))}") from None
    if sorted(indexes) != list(range(len(items))):
        raise InputError(
            f"Give each number from 1 to {len(items)} once. {_order_example(len(items))}"
        )
    return tuple(items[i] for i in indexes)


def _order_example(count: int) -> str:
    example = " ".join(str(n) for n in range(count, 0, -1))
    return f"For example: {example}"


def parse_rating(line: str, default: int) -> int:
    """A rating 1–4 or its name (again, hard, good, easy, or a prefix); empty means ``default``."""
    text = _fold(line)
    if not text:
        return default
    if text in ("1", "2", "3", "4"):
        return int(text)
    for value, name in RATING_NAMES.items():
        if name.casefold().startswith(text):
            return value
    raise InputError("Type 1 Again, 2 Hard, 3 Good or 4 Easy (Enter accepts the proposal).")


def parse_answer(question: Question, line: str) -> Any:
    """Turn a line into the checker's response for this question's card type.

    typed/cloze/number: the text; choice: the option text; truefalse: a bool;
    multi: a frozenset of option texts; order: a tuple of item texts.
    """
    kind = question.kind
    if kind == "choice":
        return parse_choice(line, question.options)
    if kind == "truefalse":
        return parse_truefalse(line, question.options or ("True", "False"))
    if kind == "multi":
        return parse_multi(line, question.options)
    if kind == "order":
        return parse_order(line, question.options)
    if not line.strip():
        raise InputError("Type your answer (anything, if you do not know it).")
    return line.strip()


# --------------------------------------------------------------------------- rendering


def render_question(question: Question) -> list[str]:
    """The lines that show a question: the prompt, then numbered options and how to answer."""
    lines = [visible(question.prompt)]
    kind = question.kind
    if kind in ("choice", "truefalse", "multi", "order"):
        options = question.options or (("True", "False") if kind == "truefalse" else ())
        lines += [f"  {n}) {visible_line(option)}" for n, option in enumerate(options, start=1)]
    how = {
        "choice": "Type the number of your answer.",
        "truefalse": "Type 1 or 2.",
        "multi": "Type the numbers of every right answer, e.g. 1 3.",
        "order": f"Type the numbers in the right order, e.g. "
        f"{' '.join(str(n) for n in range(len(question.options), 0, -1))}.",
        "number": "Type a number"
        + (f" (in {visible_line(question.unit)})." if question.unit else "."),
        "basic": "Press Enter to show the answer.",
    }.get(kind)
    if how:
        lines.append(how)
    return lines


def render_diff(diff: Sequence[Any]) -> str:
    """A diff without colour: ``[-yours-]`` where you typed more, ``{+expected+}`` where less.

    An ``equal`` run may differ only in case or accents (the checker aligns
    folded text); it shows the expected spelling, unmarked. Other runs are
    rendered from their two texts, whatever the kind is called.
    """
    parts = []
    for op in diff:
        if op.kind == "equal" or op.response == op.expected:
            parts.append(visible_line(op.expected))
            continue
        if op.response:
            parts.append(f"[-{visible_line(op.response)}-]")
        if op.expected:
            parts.append(f"{{+{visible_line(op.expected)}+}}")
    return "".join(parts)


VERDICT_WORDS = {"correct": "Correct", "close": "Close", "wrong": "Wrong"}


def render_verdict(verdict: Verdict, question: Question, *, full: bool) -> list[str]:
    """The verdict in words, the expected answer, and with ``full`` the why.

    ``full`` (study mode) adds the difference, the foldings, the detail, the
    explanation and the quote; the quiz shows the verdict and the right answer.
    """
    word = VERDICT_WORDS.get(verdict.outcome, verdict.outcome.capitalize())
    if verdict.outcome == "close":
        word += " (counted as right)"
    lines = [f"{word}. Answer: {visible(question.answer_text or verdict.expected)}"]
    if not full:
        return lines
    if verdict.matched and _fold(verdict.matched) != _fold(verdict.expected):
        lines.append(f"Accepted as: {visible_line(verdict.matched)}")
    if verdict.detail:
        lines.append(visible(verdict.detail[:1].upper() + verdict.detail[1:]))
    elif verdict.foldings and verdict.outcome != "wrong":
        lines.append(f"Ignoring: {', '.join(verdict.foldings)}")
    if _diff_helps(verdict) and question.kind in ("typed", "cloze"):
        lines.append(
            f"Difference: {render_diff(verdict.diff)}  ([-...-] yours, {{+...+}} expected)"
        )
    lines += render_notes(question)
    return lines


def _diff_helps(verdict: Verdict) -> bool:
    """Show a difference for a slip, not for an unrelated answer.

    "Sis[-s-]i" teaches something; "[-T-]{+h+}o[-b-]{+u+}r…" for "Tobrouk"
    against "hours" is noise. A wrong answer gets its difference only when at
    least half of the expected text was typed right.
    """
    if not verdict.diff or verdict.outcome == "correct":
        return False
    if verdict.outcome == "close":
        return True
    same = sum(len(op.expected) for op in verdict.diff if op.kind == "equal")
    expected = sum(len(op.expected) for op in verdict.diff)
    return expected > 0 and same * 2 >= expected


def render_notes(question: Question) -> list[str]:
    """The card's correction (true/false), explanation and quote, when it has them."""
    card = question.item.card
    lines = []
    correction = getattr(card, "correction", "")
    if correction and correction not in question.answer_text:
        lines.append(f"Correction: {visible(correction)}")
    if card.explanation:
        lines.append(f"Explanation: {visible(card.explanation)}")
    if card.quote:
        lines.append(f"Quote: \u201c{visible(card.quote)}\u201d")
    return lines


def format_interval(delta: timedelta) -> str:
    """A short interval as the ratings show it: 30s, 10m, 5h, 3d, 2.5mo, 1.2y."""
    seconds = round(max(0.0, delta.total_seconds()))
    if seconds < 1:
        return "now"
    if seconds < 60:
        return f"{seconds}s"
    if round(seconds / 60) < 60:
        return f"{round(seconds / 60)}m"
    if round(seconds / 3600) < 24:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if round(days) < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def render_ratings(intervals: dict[int, timedelta]) -> str:
    """``1 Again 1m  2 Hard 6m  3 Good 1d  4 Easy 4d``."""
    return "  ".join(
        f"{value} {name} {format_interval(intervals[value])}"
        if value in intervals
        else f"{value} {name}"
        for value, name in RATING_NAMES.items()
    )


def format_duration(seconds: float) -> str:
    """Elapsed time for the summaries: 45s, 3m 05s, 1h 02m."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m {seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def format_score(right: int, total: int, percent: float | None = None) -> str:
    """``Score: 8/10 (80%)``; ``percent`` defaults to right/total."""
    if percent is None:
        percent = 100 * right / total if total else 0.0
    return f"Score: {right}/{total} ({percent:.0f}%)"


# --------------------------------------------------------------------------- line I/O


@dataclass(frozen=True)
class Command:
    """A ``:`` command typed at a prompt instead of an answer."""

    name: str  # "quit" | "undo" | "help"


class LineIO:
    """Prompts on ``out``, reads lines from ``inp``; ``None`` means end of input.

    When input is not a terminal (a pipe, a file, a test), the line read is
    echoed after the prompt so the transcript reads like the session did.
    Response times are measured only for a terminal: piped answers arrive at
    once, and a time of 0 would wrongly make every right answer look easy.
    """

    def __init__(self, inp: TextIO, out: TextIO) -> None:
        self.inp = inp
        self.out = out
        self.interactive = _isatty(inp)
        self.interrupted = False  # Ctrl-C: stop like ":q", but exit 130 as shells expect

    def say(self, *lines: str) -> None:
        for line in lines:
            self.out.write(line + "\n")
        self.out.flush()

    def ask(self, prompt: str = "> ") -> str | Command | None:
        self.out.write(prompt)
        self.out.flush()
        try:
            line = self.inp.readline()
        except KeyboardInterrupt:
            self.interrupted = True
            line = ""
        if not line:
            self.out.write("\n")
            self.out.flush()
            return None
        line = line.rstrip("\r\n")
        if not self.interactive:
            self.out.write(visible_line(line) + "\n")
            self.out.flush()
        command = COMMANDS.get(line.strip().casefold())
        if command:
            return Command(command)
        return line

    @property
    def exit_code(self) -> int:
        return EXIT_INTERRUPTED if self.interrupted else EXIT_OK

    def clock(self) -> float | None:
        return time.monotonic() if self.interactive else None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _safe_stdout() -> TextIO:
    """stdout that never fails on a character its encoding lacks (deck text is any Unicode)."""
    out = sys.stdout
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="backslashreplace")
    return out


def _elapsed_ms(start: float | None) -> int | None:
    return None if start is None else int((time.monotonic() - start) * 1000)


# --------------------------------------------------------------------------- decks


def _error(message: str) -> int:
    sys.stderr.write(f"quizapp: {visible_line(message)}\n")
    return EXIT_BAD_INPUT


def resolve_decks(deck_arg: str, extra: Sequence[str], *, allow_all: bool) -> list[Deck] | str:
    """The decks named on the command line, or a one-line error message.

    ``deck_arg`` is a deck id, a deck file path, or (for study) ``all``. A
    file path is loaded on its own (with ``--decks``), so a copy of a bundled
    deck can be studied without its id clashing with the original.
    """
    from quizapp.core.library import find_deck, load_library, load_paths

    if Path(deck_arg).is_file():
        library = load_paths([deck_arg, *extra], examples=False)
    else:
        library = load_library(extra_paths=list(extra), examples=False)
    if allow_all and deck_arg == "all":
        for broken in (loaded for loaded in library if not loaded.ok):
            _warn(f"skipping deck {broken.id!r}: {_first_error(broken)}")
        decks = [loaded.deck for loaded in library if loaded.ok and loaded.deck is not None]
        return decks or "no deck without errors to study"
    loaded = find_deck(library, deck_arg)
    if loaded is None:
        return f"no deck {deck_arg!r}: give a deck id or a deck file path"
    if not loaded.ok or loaded.deck is None:
        return f"deck {deck_arg!r} has errors ({_first_error(loaded)}); see 'quizapp check'"
    return [loaded.deck]


def _first_error(loaded: Any) -> str:
    errors = getattr(loaded, "errors", None) or loaded.problems
    return str(errors[0]) if errors else "it could not be loaded"


def _warn(message: str) -> None:
    sys.stderr.write(f"quizapp: {visible_line(message)}\n")


# --------------------------------------------------------------------------- study


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
                return self._self_graded(entry, question, _elapsed_ms(start))
            try:
                response = parse_answer(question, line)
            except InputError as error:
                io.say(str(error))
                continue
            return self._graded(entry, question, response, _elapsed_ms(start))

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


# --------------------------------------------------------------------------- quiz


def run_quiz(args: Any) -> int:
    """``quizapp quiz DECK --plain [-n N] [--seed S]``: N questions, a score, saved."""
    decks = resolve_decks(args.deck, getattr(args, "decks", []) or [], allow_all=False)
    if isinstance(decks, str):
        return _error(decks)
    count = getattr(args, "count", 10)
    if count is None or count < 1:
        return _error("the number of questions (-n) must be at least 1")
    from quizapp.core.quiz import QuizRun
    from quizapp.core.store.sqlite import SqliteStore

    io = LineIO(sys.stdin, _safe_stdout())
    store = SqliteStore.open()
    try:
        run = QuizRun(store, decks[0], count=count, seed=getattr(args, "seed", None))
        return _quiz(io, run, decks[0], store)
    finally:
        store.close()


def _quiz(io: LineIO, run: Any, deck: Deck, store: Any) -> int:
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
        response = _quiz_response(io, question)
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
    lines = [""]
    if abandoned:  # scored over the questions answered, as the store counts it
        lines.append(f"Quiz abandoned after {result.questions} of {total} questions.")
    lines += [
        format_score(result.correct + result.close, result.questions, result.score),
        f"Time: {format_duration(_seconds_between(result.started, result.finished))}",
    ]
    previous = _previous_scores(store, deck.deck.id, result.quiz_id)
    if previous:
        lines.append(f"Previous: {previous}")
    io.say(*lines)
    return io.exit_code


def _quiz_response(io: LineIO, question: Question) -> tuple[Any, int | None] | None:
    """Read one answer; ``None`` when the learner quits or input ends."""
    start = io.clock()
    revealed = False
    while True:
        line = io.ask()
        if line is None or line == Command("quit"):
            return None
        if line == Command("undo"):
            io.say("A quiz answer cannot be undone; answer this question, or :q to stop.")
            continue
        if line == Command("help"):
            io.say("Answer on each line and press Enter. :q quits.")
            continue
        if question.kind == "basic":
            if not revealed:
                io.say(f"Answer: {visible(question.answer_text)}", "Did you know it? Type y or n.")
                revealed = True
                continue
            try:
                return parse_truefalse(line, ("yes", "no")), _elapsed_ms(start)
            except InputError:
                io.say("Type y or n.")
                continue
        try:
            return parse_answer(question, line), _elapsed_ms(start)
        except InputError as error:
            io.say(str(error))


def _previous_scores(store: Any, deck_id: str, current_id: int, limit: int = 3) -> str:
    """The last few earlier quizzes of the deck, newest first: "60% on 2026-11-28, …"."""
    sessions = [
        q
        for q in store.quiz_sessions(deck_id)
        if q.id != current_id and q.finished_ms is not None and q.questions
    ]
    parts = []
    for quiz in reversed(sessions[-limit:]):
        day = datetime.fromtimestamp(quiz.finished_ms / 1000).date().isoformat()
        note = " (abandoned)" if quiz.abandoned else ""
        parts.append(f"{quiz.score or 0:.0f}% on {day}{note}")
    return ", ".join(parts)


def _seconds_between(started: Any, finished: Any) -> float:
    if started is None or finished is None:
        return 0.0
    try:
        return max(0.0, (finished - started).total_seconds())
    except (TypeError, AttributeError):
        return max(0.0, (finished - started) / 1000)
