"""Read a history file in any layout we import, told apart by content, not by name.

Three layouts: our own JSON export, our own CSV export, and the CSV review log
that Anki and FSRS tools produce (``card_id, review_rating, review_time,
review_duration``; ``review_time`` ISO 8601 or milliseconds since the epoch).
Any problem is one :class:`HistoryFormatError` line that names the file and
the row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path

from quizapp.core.history_io.formats import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    LOG_COLUMNS,
    MAX_IMPORT_BYTES,
    HistoryFormatError,
    ImportedQuiz,
    ImportedReview,
    ParsedHistory,
    as_mode,
)
from quizapp.core.history_io.times import ms_from_iso, review_time_ms

# A row as the file gives it: CSV cells are text, JSON values anything JSON holds.
RawRow = Mapping[str, object]


def to_int(value: object) -> int:
    """``int()`` of a CSV cell or a JSON value; a bad one raises as ``int()`` does."""
    if isinstance(value, int | float | str | bytes):
        return int(value)
    raise TypeError(
        "int() argument must be a string, a bytes-like object or a real number, "
        f"not {type(value).__name__!r}"
    )


def int_or_none(value: object) -> int | None:
    if value is None or value == "":
        return None
    return int(float(value)) if isinstance(value, str) and "." in value else to_int(value)


def float_or_none(value: object) -> float | None:
    if value is None or value == "":
        return None
    return float(value) if isinstance(value, int | float | str) else float(str(value))


def text_or_none(value: object) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else json.dumps(value)


def review_record(raw: RawRow, where: str) -> ImportedReview:
    """Validate one review of our export; raise HistoryFormatError naming the row."""
    try:
        rating = to_int(raw["rating"])
        if not 1 <= rating <= 4:
            raise ValueError(f"rating {rating} is not 1..4")
        deck_id, item_id = str(raw["deck_id"]), str(raw["item_id"])
        if not deck_id or not item_id:
            raise ValueError("empty deck_id or item_id")
        return ImportedReview(
            deck_id=deck_id,
            item_id=item_id,
            reviewed_ms=ms_from_iso(str(raw["reviewed"])),
            rating=rating,
            verdict=text_or_none(raw.get("verdict")),
            response=text_or_none(raw.get("response")),
            response_ms=int_or_none(raw.get("response_ms")),
            mode=as_mode(text_or_none(raw.get("mode")) or "import"),
            content_hash=text_or_none(raw.get("content_hash")),
            state_before=text_or_none(raw.get("state_before")),
            state_after=text_or_none(raw.get("state_after")),
            quiz_id=int_or_none(raw.get("quiz_id")),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise HistoryFormatError(f"{where}: bad review: {error}") from None


def quiz_record(raw: RawRow, where: str) -> ImportedQuiz:
    try:
        return ImportedQuiz(
            quiz_id=int_or_none(raw.get("quiz_id")),
            deck_id=str(raw["deck_id"]),
            started_ms=ms_from_iso(str(raw["started"])),
            finished_ms=ms_from_iso(str(raw["finished"])) if raw.get("finished") else None,
            abandoned=int(int_or_none(raw.get("abandoned")) or 0),
            questions=int_or_none(raw.get("questions")),
            correct=int_or_none(raw.get("correct")),
            close=int_or_none(raw.get("close")),
            wrong=int_or_none(raw.get("wrong")),
            score=float_or_none(raw.get("score")),
            settings=text_or_none(raw.get("settings")),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise HistoryFormatError(f"{where}: bad quiz session: {error}") from None


def parse_json(text: str, name: str) -> ParsedHistory:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise HistoryFormatError(
            f"{name}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise HistoryFormatError(
            f'{name}: not a quizapp history export (no "format": "{EXPORT_FORMAT}")'
        )
    if int(data.get("version", 0)) > EXPORT_VERSION:
        raise HistoryFormatError(
            f"{name}: export version {data.get('version')} is newer than this quizapp"
        )
    reviews = data.get("reviews") or []
    quizzes = data.get("quiz_sessions") or []
    if not isinstance(reviews, list) or not isinstance(quizzes, list):
        raise HistoryFormatError(f'{name}: "reviews" and "quiz_sessions" must be lists')
    return ParsedHistory(
        "json",
        [
            review_record(r if isinstance(r, dict) else {}, f"{name}: reviews[{i}]")
            for i, r in enumerate(reviews)
        ],
        [
            quiz_record(q if isinstance(q, dict) else {}, f"{name}: quiz_sessions[{i}]")
            for i, q in enumerate(quizzes)
        ],
    )


def parse_review_log(reader: csv.DictReader[str], name: str) -> ParsedHistory:
    """The Anki/FSRS review log: card ids become item ids of the import deck."""
    reviews = []
    for row in reader:
        where = f"{name}:{reader.line_num}"
        try:
            rating = int(row["review_rating"])
            if not 1 <= rating <= 4:
                raise ValueError(f"rating {rating} is not 1..4")
            card = (row["card_id"] or "").strip()
            if not card:
                raise ValueError("empty card_id")
            reviews.append(
                ImportedReview(
                    deck_id=None,  # filled with the import deck
                    item_id=card,
                    reviewed_ms=review_time_ms(row["review_time"] or ""),
                    rating=rating,
                    response_ms=int_or_none(row.get("review_duration")),
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            raise HistoryFormatError(f"{where}: bad review: {error}") from None
    return ParsedHistory("review-log", reviews, [])


def parse_csv(text: str, name: str) -> ParsedHistory:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = set(reader.fieldnames or ())
    if set(LOG_COLUMNS) <= columns:
        return parse_review_log(reader, name)
    if not {"kind", "deck_id"} <= columns:
        raise HistoryFormatError(
            f"{name}:1: unknown CSV columns; expected a quizapp export (kind, deck_id, ...) "
            f"or a review log ({', '.join(LOG_COLUMNS)}, review_duration)"
        )
    reviews, quizzes = [], []
    for row in reader:
        where = f"{name}:{reader.line_num}"
        if row.get("kind") == "review":
            reviews.append(review_record(row, where))
        elif row.get("kind") == "quiz":
            quizzes.append(quiz_record(row, where))
        else:
            raise HistoryFormatError(
                f"{where}: kind must be 'review' or 'quiz', not {row.get('kind')!r}"
            )
    return ParsedHistory("csv", reviews, quizzes)


def read_history_file(path: Path) -> ParsedHistory:
    """Parse a file in any layout we import; raise HistoryFormatError with a one-line reason."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise HistoryFormatError(f"{name}: larger than {MAX_IMPORT_BYTES // 1_000_000} MB")
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise HistoryFormatError(f"{name}: not a UTF-8 text file") from None
    except OSError as error:
        raise HistoryFormatError(f"{name}: {error.strerror or error}") from None
    if not text.strip():
        raise HistoryFormatError(f"{name}: the file is empty")
    if text.lstrip().startswith(("{", "[")):
        return parse_json(text, name)
    try:
        return parse_csv(text, name)
    except csv.Error as error:
        raise HistoryFormatError(f"{name}: not valid CSV: {error}") from None
