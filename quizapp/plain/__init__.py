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

One module a job: :mod:`.parsing` (input per card type), :mod:`.rendering`
(verdicts, ratings, differences), :mod:`.lineio` (the terminal),
:mod:`.decks` (which decks the command line names), :mod:`.study` and
:mod:`.quiz` (the two loops). This package re-exports what callers use; the
loops read ``_elapsed_ms`` (:func:`.lineio.elapsed_ms`) from it at call time,
so replacing it here (as a test does, to fake response times) times both.
"""

from quizapp.core.intervals import format_interval
from quizapp.core.ratings import RATING_NAMES
from quizapp.plain.decks import resolve_decks
from quizapp.plain.lineio import (
    COMMANDS,
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Command,
    LineIO,
    elapsed_ms,
)
from quizapp.plain.parsing import (
    InputError,
    parse_answer,
    parse_choice,
    parse_multi,
    parse_number_answer,
    parse_order,
    parse_rating,
    parse_truefalse,
)
from quizapp.plain.quiz import run_quiz
from quizapp.plain.rendering import (
    VERDICT_WORDS,
    format_duration,
    format_score,
    render_diff,
    render_notes,
    render_question,
    render_ratings,
    render_verdict,
)
from quizapp.plain.study import HINT, run_study

# The seam the two loops time answers through (see above).
_elapsed_ms = elapsed_ms

__all__ = [
    "COMMANDS",
    "EXIT_BAD_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "HINT",
    "RATING_NAMES",
    "VERDICT_WORDS",
    "Command",
    "InputError",
    "LineIO",
    "format_duration",
    "format_interval",
    "format_score",
    "parse_answer",
    "parse_choice",
    "parse_multi",
    "parse_number_answer",
    "parse_order",
    "parse_rating",
    "parse_truefalse",
    "render_diff",
    "render_notes",
    "render_question",
    "render_ratings",
    "render_verdict",
    "resolve_decks",
    "run_quiz",
    "run_study",
]
