"""The layouts of the history files: our JSON and CSV export, and the Anki/FSRS review log.

Export writes every review and every quiz session with ISO 8601 UTC times,
as JSON (one object with ``reviews`` and ``quiz_sessions``) or as CSV (one
table; a ``kind`` column says whether a row is a review or a quiz session).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import get_args

from quizapp.core.store.protocol import CardState, Mode

DEFAULT_IMPORT_DECK = "imported"
EXPORT_FORMAT = "quizapp-history"
EXPORT_VERSION = 1
MAX_IMPORT_BYTES = 200_000_000  # a decade of daily study is well under this

REVIEW_FIELDS = (
    "deck_id",
    "item_id",
    "reviewed",
    "rating",
    "verdict",
    "response",
    "response_ms",
    "mode",
    "content_hash",
    "state_before",
    "state_after",
    "quiz_id",
)
QUIZ_FIELDS = (
    "quiz_id",
    "deck_id",
    "started",
    "finished",
    "abandoned",
    "questions",
    "correct",
    "close",
    "wrong",
    "score",
    "settings",
)
CSV_COLUMNS = ("kind", *dict.fromkeys((*REVIEW_FIELDS, *QUIZ_FIELDS)))
LOG_COLUMNS = ("card_id", "review_rating", "review_time")  # review_duration is optional

Progress = Callable[[str, int, int], None]  # (phase, done, total)


class HistoryFormatError(ValueError):
    """The file is not a history quizapp can import; one line that says where and why.

    ``path: error: reason`` for the file as a whole, ``path:row N: error: reason``
    for a row (:class:`BadRows`).
    """


MAX_REPORTED_ROWS = 20  # bad rows listed one per line before the count of the rest


class BadRows(HistoryFormatError):
    """Rows of the file that failed validation: nothing of the file was imported.

    ``lines`` holds one ``path:row N: error: reason`` line per bad row (the
    first :data:`MAX_REPORTED_ROWS`), ``count`` how many rows were bad in all.
    """

    def __init__(self, name: str, lines: list[str], count: int) -> None:
        super().__init__(lines[0])
        self.name = name
        self.lines = lines
        self.count = count

    def report(self) -> list[str]:
        """Every line to show: the bad rows, then what happened to the file."""
        from quizapp.core.i18n import _, ngettext
        from quizapp.core.l10n import number

        if self.count > len(self.lines):
            outcome = _("{n} bad rows, the first {listed} shown; nothing was imported").format(
                n=number(self.count), listed=number(len(self.lines))
            )
        else:
            outcome = ngettext(
                "{n} bad row, nothing was imported",
                "{n} bad rows, nothing was imported",
                self.count,
            ).format(n=number(self.count))
        return [*self.lines, f"{self.name}: error: {outcome}"]


def as_mode(text: str) -> Mode:
    """The review mode named by ``text``; ValueError for any other word."""
    for mode in get_args(Mode):
        if text == mode:
            return mode  # type: ignore[no-any-return]
    raise ValueError(f"mode {text!r} is not one of {', '.join(get_args(Mode))}")


@dataclass(eq=False)
class ImportedReview:
    """One review read from a file, validated and normalised (times in ms, parsed states).

    ``deck_id`` is None for a review log until the import files it under a
    deck; ``quiz_id`` is the file's own quiz id until mapped to the store's.
    """

    deck_id: str | None
    item_id: str
    reviewed_ms: int
    rating: int
    verdict: str | None = None
    response: str | None = None
    response_ms: int | None = None
    mode: Mode = "import"
    content_hash: str | None = None
    state_before: CardState | None = None
    state_after: CardState | None = None
    quiz_id: int | None = None


@dataclass(eq=False)
class ImportedQuiz:
    """One quiz session read from a file; ``quiz_id`` is the file's own id."""

    quiz_id: int | None
    deck_id: str
    started_ms: int
    finished_ms: int | None
    abandoned: int
    questions: int | None
    correct: int | None
    close: int | None
    wrong: int | None
    score: float | None
    settings: str | None  # a JSON object, as text


@dataclass
class ParsedHistory:
    """What a file holds, normalised: review rows and quiz sessions, times in ms."""

    layout: str  # "json", "csv" or "review-log"
    reviews: list[ImportedReview]
    quizzes: list[ImportedQuiz]
