"""Read and validate a history file in any layout we import, told apart by content, not by name.

Three layouts: our own JSON export, our own CSV export, and the CSV review log
that Anki and FSRS tools produce (``card_id, review_rating, review_time,
review_duration``; ``review_time`` ISO 8601 or milliseconds since the epoch).

The whole file is validated before the import writes anything
(:mod:`.validation`): a problem with the file is one
:class:`HistoryFormatError` line, ``path: error: reason``; bad rows are one
line each, ``path:row N: error: reason`` (:class:`BadRows`). A row's number is
its line in a CSV file (the header is row 1) and its place in its list
(``reviews`` or ``quiz_sessions``, from 1) in a JSON export.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from quizapp.core.decks.reading import read_regular_file
from quizapp.core.history_io.formats import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    LOG_COLUMNS,
    MAX_IMPORT_BYTES,
    MAX_REPORTED_ROWS,
    BadRows,
    HistoryFormatError,
    ImportedQuiz,
    ImportedReview,
    ParsedHistory,
)
from quizapp.core.history_io.validation import finite_json, log_row, quiz_row, review_row
from quizapp.core.text import visible_line

# A row as the file gives it: CSV cells are text, JSON values anything JSON holds.
RawRow = Mapping[str, object]
Row = TypeVar("Row")


class _Rows:
    """Validated rows of one file, and the refusals of the bad ones (one line each)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.reviews: list[ImportedReview] = []
        self.quizzes: list[ImportedQuiz] = []
        self.bad: list[str] = []
        self.bad_count = 0

    def add(
        self, number: int, kind: str, check: Callable[[RawRow], Row], raw: object
    ) -> Row | None:
        try:
            if not isinstance(raw, Mapping):
                raise ValueError("not an object of named fields")
            return check(raw)
        except ValueError as error:
            self.bad_count += 1
            if len(self.bad) < MAX_REPORTED_ROWS:
                reason = visible_line(str(error))
                self.bad.append(f"{self.name}:row {number}: error: {kind}{reason}")
            return None

    def parsed(self, layout: str) -> ParsedHistory:
        if self.bad_count:
            raise BadRows(self.name, self.bad, self.bad_count)
        return ParsedHistory(layout, self.reviews, self.quizzes)


def _fail(name: str, reason: str) -> HistoryFormatError:
    return HistoryFormatError(f"{name}: error: {reason}")


def parse_json(text: str, name: str) -> ParsedHistory:
    try:
        data = finite_json(text)
    except RecursionError:
        raise _fail(name, "not a quizapp history export: the JSON is nested too deeply") from None
    except ValueError as error:
        line, column = getattr(error, "lineno", None), getattr(error, "colno", None)
        reason = getattr(error, "msg", None) or str(error)[:200]
        where = f"{name}:{line}:{column}" if line is not None else name
        raise HistoryFormatError(f"{where}: error: not valid JSON: {reason}") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise _fail(name, f'not a quizapp history export (no "format": "{EXPORT_FORMAT}")')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _fail(name, f'"version" must be a whole number from 1, not {_shown(version)}')
    if version > EXPORT_VERSION:
        raise _fail(name, f"export version {version} is newer than this quizapp")
    reviews = data.get("reviews") or []
    quizzes = data.get("quiz_sessions") or []
    if not isinstance(reviews, list) or not isinstance(quizzes, list):
        raise _fail(name, '"reviews" and "quiz_sessions" must be lists')
    return validate_rows(name, reviews, quizzes)


def validate_rows(
    name: str, reviews: Iterable[object], quizzes: Iterable[object], layout: str = "json"
) -> ParsedHistory:
    """Validate rows as our export has them (``reviews`` and ``quiz_sessions`` records).

    The one check every row goes through before an import writes it, from a
    file or straight from another store (``history push``): raises
    :class:`BadRows` (``name:row N: error: ...`` per bad row, numbered from 1
    in each list) when any row is refused, so nothing is written.
    """
    rows = _Rows(name)
    for number, raw in enumerate(quizzes, start=1):
        quiz = rows.add(number, "quiz_sessions: ", quiz_row, raw)
        if quiz is not None:
            rows.quizzes.append(quiz)
    for number, raw in enumerate(reviews, start=1):
        review = rows.add(number, "reviews: ", review_row, raw)
        if review is not None:
            rows.reviews.append(review)
    return rows.parsed(layout)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _numbered(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row with the line it starts on (a quoted cell may span lines)."""
    start = reader.line_num + 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def parse_review_log(rows: Iterable[tuple[int, dict[str, str]]], name: str) -> ParsedHistory:
    """The Anki/FSRS review log: card ids become item ids of the import deck."""
    checked = _Rows(name)
    for number, row in rows:
        review = checked.add(number, "", log_row, row)
        if review is not None:
            checked.reviews.append(review)
    return checked.parsed("review-log")


def parse_csv(text: str, name: str) -> ParsedHistory:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = set(reader.fieldnames or ())
    if set(LOG_COLUMNS) <= columns:
        return parse_review_log(_numbered(reader), name)
    if not {"kind", "deck_id"} <= columns:
        raise HistoryFormatError(
            f"{name}:row 1: error: unknown CSV columns; expected a quizapp export "
            f"(kind, deck_id, ...) or a review log ({', '.join(LOG_COLUMNS)}, review_duration)"
        )
    rows = _Rows(name)
    for number, row in _numbered(reader):
        kind = row.get("kind")
        if kind == "review":
            review = rows.add(number, "review: ", review_row, row)
            if review is not None:
                rows.reviews.append(review)
        elif kind == "quiz":
            quiz = rows.add(number, "quiz session: ", quiz_row, row)
            if quiz is not None:
                rows.quizzes.append(quiz)
        else:
            reason = f"kind must be 'review' or 'quiz', not {_shown(kind)}"
            rows.add(number, "", _refuse(reason), row)
    return rows.parsed("csv")


def _refuse(reason: str) -> Callable[[RawRow], None]:
    def check(raw: RawRow) -> None:
        raise ValueError(reason)

    return check


def read_history_file(path: Path, max_bytes: int = MAX_IMPORT_BYTES) -> ParsedHistory:
    """Parse and validate a file in any layout we import; raise HistoryFormatError (one line
    per problem) for a file or any row that cannot be imported as it is."""
    name = visible_line(str(path))
    data, (kind, detail) = read_regular_file(path, max_bytes, follow_links=True)
    if data is None:
        raise _fail(
            name,
            {
                "missing": "no such file",
                "unreadable": f"cannot read the file: {detail}",
                "directory": "is a directory, not a history file",
                "special": "is not a regular file",
                "too big": f"larger than {max_bytes:,} bytes",
            }.get(kind, "cannot read the file"),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(name, "not a UTF-8 text file") from None
    if not text.strip():
        raise _fail(name, "the file is empty")
    if text.lstrip().startswith(("{", "[")):
        return parse_json(text, name)
    try:
        return parse_csv(text, name)
    except csv.Error as error:
        raise _fail(name, f"not valid CSV: {error}") from None
