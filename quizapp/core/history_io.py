"""Export the score history, and import review logs back.

Export writes every review and every quiz session with ISO 8601 UTC times,
as JSON (one object with ``reviews`` and ``quiz_sessions``) or as CSV (one
table; a ``kind`` column says whether a row is a review or a quiz session).

Import reads three layouts, told apart by their content, not their name:
our own JSON export, our own CSV export, and the CSV review log that Anki and
FSRS tools produce (``card_id, review_rating, review_time, review_duration``).
Rows already in the database are skipped, so importing the same file twice
adds nothing; the key of a review is (deck, item, time in ms, rating).

Imported reviews change what the scheduler knows, so the affected items'
``card_state`` is rebuilt by replaying their study/import answers in time
order through the scheduling module; the forecast and card states then mean
something for an imported log.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

DEFAULT_IMPORT_DECK = "imported"
EXPORT_FORMAT = "quizapp-history"
EXPORT_VERSION = 1
MAX_IMPORT_BYTES = 500_000_000
DEFAULT_LEECH_THRESHOLD = 8

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
WRITE_BATCH = 2_000  # reviews per transaction when importing


class HistoryFormatError(ValueError):
    """The file is not a review log quizapp can read; the message says where and why."""


# ---------------------------------------------------------------- times


def iso_from_ms(ms: int | None) -> str | None:
    """``2024-03-29T20:32:32.250Z``: UTC, millisecond precision, so times round-trip exactly."""
    if ms is None:
        return None
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ms_from_iso(text: str) -> int:
    """Milliseconds since the epoch of an ISO 8601 time; a time without zone is taken as UTC."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    # Integer arithmetic: float timestamps can be off by one millisecond.
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


# ---------------------------------------------------------------- export


def _where(deck_id: str | None) -> tuple[str, tuple]:
    return ("WHERE deck_id = ?", (deck_id,)) if deck_id is not None else ("", ())


def iter_reviews(conn: sqlite3.Connection, deck_id: str | None = None) -> Iterator[dict[str, Any]]:
    """Every review as an export record, oldest first (streamed, not loaded at once)."""
    where, params = _where(deck_id)
    cursor = conn.execute(
        "SELECT deck_id, item_id, reviewed_ms, rating, verdict, response, response_ms, mode, "
        f"content_hash, state_before, state_after, quiz_id FROM reviews {where} "
        "ORDER BY reviewed_ms, id",
        params,
    )
    for row in cursor:
        record = dict(zip(REVIEW_FIELDS, row, strict=True))
        record["reviewed"] = iso_from_ms(row[2])
        yield record


def iter_quiz_sessions(
    conn: sqlite3.Connection, deck_id: str | None = None
) -> Iterator[dict[str, Any]]:
    """Every quiz session (finished or abandoned) as an export record, oldest first."""
    where, params = _where(deck_id)
    cursor = conn.execute(
        "SELECT id, deck_id, started_ms, finished_ms, abandoned, questions, correct, close, "
        f"wrong, score, settings FROM quiz_sessions {where} ORDER BY started_ms, id",
        params,
    )
    for row in cursor:
        record = dict(zip(QUIZ_FIELDS, row, strict=True))
        record["started"] = iso_from_ms(row[2])
        record["finished"] = iso_from_ms(row[3])
        yield record


def write_json(conn: sqlite3.Connection, out: TextIO, deck_id: str | None = None) -> int:
    """Write the JSON export, one review per line so a million rows stream; returns rows written."""
    count = 0
    out.write("{\n")
    out.write(f'"format": "{EXPORT_FORMAT}",\n"version": {EXPORT_VERSION},\n')
    out.write(f'"exported": {json.dumps(iso_from_ms(_now_ms()))},\n')
    out.write(f'"deck": {json.dumps(deck_id)},\n')
    for name, rows in (
        ("quiz_sessions", iter_quiz_sessions(conn, deck_id)),
        ("reviews", iter_reviews(conn, deck_id)),
    ):
        out.write(f'"{name}": [')
        for i, record in enumerate(rows):
            out.write(",\n" if i else "\n")
            out.write(json.dumps(_embed_json(record), ensure_ascii=False))
            count += 1
        out.write("\n]" + (",\n" if name == "quiz_sessions" else "\n"))
    out.write("}\n")
    return count


def _embed_json(record: dict[str, Any]) -> dict[str, Any]:
    """JSON kept as text in the database (states, quiz settings) as objects, for scripts."""
    for key in ("state_before", "state_after", "settings"):
        text = record.get(key)
        if isinstance(text, str):
            with contextlib.suppress(json.JSONDecodeError):  # else kept as the text it is
                record[key] = json.loads(text)
    return record


def write_csv(conn: sqlite3.Connection, out: TextIO, deck_id: str | None = None) -> int:
    """Write the CSV export: quiz sessions first (reviews refer to them), then reviews."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for kind, rows in (
        ("quiz", iter_quiz_sessions(conn, deck_id)),
        ("review", iter_reviews(conn, deck_id)),
    ):
        for record in rows:
            writer.writerow({"kind": kind, **record})
            count += 1
    return count


def export_history(
    conn: sqlite3.Connection,
    fmt: str = "json",
    output: Path | None = None,
    deck_id: str | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Export to ``output`` atomically (temp file, then rename), or to ``stdout``.

    A crash or a full disk never leaves a half-written export under the real name.
    Standard output gets the export only once it is complete (it is written to
    an anonymous temp file first, not kept in memory): a history that fails to
    read halfway must not leave a truncated document in a redirect.
    """
    writer = write_csv if fmt == "csv" else write_json
    if output is None:
        import shutil
        import sys

        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as handle:
            count = writer(conn, handle, deck_id)
            handle.seek(0)
            shutil.copyfileobj(handle, stdout or sys.stdout)
        return count
    output = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            count = writer(conn, handle, deck_id)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def _now_ms() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)


# ---------------------------------------------------------------- import: reading


@dataclass
class ParsedHistory:
    """What a file holds, normalised: review rows and quiz sessions, times in ms."""

    layout: str  # "json", "csv" or "review-log"
    reviews: list[dict[str, Any]]
    quizzes: list[dict[str, Any]]


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(float(value)) if isinstance(value, str) and "." in value else int(value)


def _float_or_none(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def _text_or_none(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else json.dumps(value)


def _review_record(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """Validate one review of our export; raise HistoryFormatError naming the row."""
    try:
        rating = int(raw["rating"])
        if not 1 <= rating <= 4:
            raise ValueError(f"rating {rating} is not 1..4")
        deck_id, item_id = str(raw["deck_id"]), str(raw["item_id"])
        if not deck_id or not item_id:
            raise ValueError("empty deck_id or item_id")
        return {
            "deck_id": deck_id,
            "item_id": item_id,
            "reviewed_ms": ms_from_iso(str(raw["reviewed"])),
            "rating": rating,
            "verdict": _text_or_none(raw.get("verdict")),
            "response": _text_or_none(raw.get("response")),
            "response_ms": _int_or_none(raw.get("response_ms")),
            "mode": _text_or_none(raw.get("mode")) or "import",
            "content_hash": _text_or_none(raw.get("content_hash")),
            "state_before": _text_or_none(raw.get("state_before")),
            "state_after": _text_or_none(raw.get("state_after")),
            "quiz_id": _int_or_none(raw.get("quiz_id")),
        }
    except (KeyError, TypeError, ValueError) as error:
        raise HistoryFormatError(f"{where}: bad review: {error}") from None


def _quiz_record(raw: dict[str, Any], where: str) -> dict[str, Any]:
    try:
        return {
            "quiz_id": _int_or_none(raw.get("quiz_id")),
            "deck_id": str(raw["deck_id"]),
            "started_ms": ms_from_iso(str(raw["started"])),
            "finished_ms": ms_from_iso(str(raw["finished"])) if raw.get("finished") else None,
            "abandoned": int(_int_or_none(raw.get("abandoned")) or 0),
            "questions": _int_or_none(raw.get("questions")),
            "correct": _int_or_none(raw.get("correct")),
            "close": _int_or_none(raw.get("close")),
            "wrong": _int_or_none(raw.get("wrong")),
            "score": _float_or_none(raw.get("score")),
            "settings": _text_or_none(raw.get("settings")),
        }
    except (KeyError, TypeError, ValueError) as error:
        raise HistoryFormatError(f"{where}: bad quiz session: {error}") from None


def _parse_json(text: str, name: str) -> ParsedHistory:
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
            _review_record(r if isinstance(r, dict) else {}, f"{name}: reviews[{i}]")
            for i, r in enumerate(reviews)
        ],
        [
            _quiz_record(q if isinstance(q, dict) else {}, f"{name}: quiz_sessions[{i}]")
            for i, q in enumerate(quizzes)
        ],
    )


def _parse_review_log(reader: csv.DictReader, name: str) -> ParsedHistory:
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
                {
                    "deck_id": None,  # filled with the import deck
                    "item_id": card,
                    "reviewed_ms": ms_from_iso(row["review_time"] or ""),
                    "rating": rating,
                    "verdict": None,
                    "response": None,
                    "response_ms": _int_or_none(row.get("review_duration")),
                    "mode": "import",
                    "content_hash": None,
                    "state_before": None,
                    "state_after": None,
                    "quiz_id": None,
                }
            )
        except (KeyError, TypeError, ValueError) as error:
            raise HistoryFormatError(f"{where}: bad review: {error}") from None
    return ParsedHistory("review-log", reviews, [])


def _parse_csv(text: str, name: str) -> ParsedHistory:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = set(reader.fieldnames or ())
    if set(LOG_COLUMNS) <= columns:
        return _parse_review_log(reader, name)
    if not {"kind", "deck_id"} <= columns:
        raise HistoryFormatError(
            f"{name}:1: unknown CSV columns; expected a quizapp export (kind, deck_id, ...) "
            f"or a review log ({', '.join(LOG_COLUMNS)}, review_duration)"
        )
    reviews, quizzes = [], []
    for row in reader:
        where = f"{name}:{reader.line_num}"
        if row.get("kind") == "review":
            reviews.append(_review_record(row, where))
        elif row.get("kind") == "quiz":
            quizzes.append(_quiz_record(row, where))
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
        return _parse_json(text, name)
    try:
        return _parse_csv(text, name)
    except csv.Error as error:
        raise HistoryFormatError(f"{name}: not valid CSV: {error}") from None


# ---------------------------------------------------------------- import: writing


@dataclass(frozen=True)
class ImportResult:
    """How many rows the import added and how many the database already had."""

    layout: str
    reviews_added: int
    reviews_present: int
    quizzes_added: int
    quizzes_present: int
    items_rescheduled: int

    @property
    def added(self) -> int:
        return self.reviews_added + self.quizzes_added

    @property
    def present(self) -> int:
        return self.reviews_present + self.quizzes_present


def import_history(
    store: Any,
    parsed: ParsedHistory,
    deck_id: str | None = None,
    progress: Progress | None = None,
    leech_threshold: int = DEFAULT_LEECH_THRESHOLD,
    options: Any = None,
) -> ImportResult:
    """Add the parsed rows that are not there yet, then reschedule the items they touch.

    ``store`` is a ``SqliteStore``; rows go in through its API so the store
    keeps its derived columns right. ``deck_id`` files every row under that
    deck (a review log has no deck of its own, so it defaults to ``imported``);
    our own exports keep their decks unless one is given. ``options`` are the
    ``SchedulingOptions`` to replay with (the defaults when None).
    """
    from quizapp.core.store.protocol import CardState, NewReview

    if parsed.layout == "review-log":
        deck_id = deck_id or DEFAULT_IMPORT_DECK
    reviews = [dict(r, deck_id=deck_id or r["deck_id"]) for r in parsed.reviews]
    quizzes = [dict(q, deck_id=deck_id or q["deck_id"]) for q in parsed.quizzes]
    decks = sorted({r["deck_id"] for r in reviews} | {q["deck_id"] for q in quizzes})
    marks = ",".join("?" for _ in decks)
    conn: sqlite3.Connection = store.connection

    # Quiz sessions: the same deck and start time is the same quiz.
    existing_quiz = {
        (d, s): i
        for i, d, s in conn.execute(
            f"SELECT id, deck_id, started_ms FROM quiz_sessions WHERE deck_id IN ({marks})", decks
        )
    }
    quiz_ids: dict[int, int] = {}
    quizzes_added = quizzes_present = 0
    for quiz in quizzes:
        key = (quiz["deck_id"], quiz["started_ms"])
        if key in existing_quiz:
            quizzes_present += 1
        else:
            try:
                settings = json.loads(quiz["settings"]) if quiz["settings"] else {}
            except json.JSONDecodeError:
                settings = {}
            new_id = store.start_quiz(quiz["deck_id"], quiz["started_ms"], settings)
            if quiz["finished_ms"] is not None or quiz["abandoned"]:
                store.finish_quiz(
                    new_id,
                    finished_ms=quiz["finished_ms"] or quiz["started_ms"],
                    questions=quiz["questions"] or 0,
                    correct=quiz["correct"] or 0,
                    close=quiz["close"] or 0,
                    wrong=quiz["wrong"] or 0,
                    score=quiz["score"],
                    abandoned=bool(quiz["abandoned"]),
                )
            existing_quiz[key] = new_id
            quizzes_added += 1
        if quiz["quiz_id"] is not None:
            quiz_ids[quiz["quiz_id"]] = existing_quiz[key]

    seen = set(
        conn.execute(
            f"SELECT deck_id, item_id, reviewed_ms, rating FROM reviews WHERE deck_id IN ({marks})",
            decks,
        )
    )
    fresh: list[dict[str, Any]] = []
    for review in reviews:
        key = (review["deck_id"], review["item_id"], review["reviewed_ms"], review["rating"])
        if key in seen:
            continue
        seen.add(key)
        review["quiz_id"] = quiz_ids.get(review["quiz_id"]) if review["quiz_id"] else None
        fresh.append(review)

    replayed = _replay(conn, fresh, progress, leech_threshold, options)
    records = []
    for review in sorted(fresh, key=lambda r: (r["reviewed_ms"], r["deck_id"], r["item_id"])):
        before, after = replayed.audits.get(id(review), (None, None))
        if review["state_before"]:
            before = CardState.from_json(review["state_before"])
        if review["state_after"]:
            after = CardState.from_json(review["state_after"])
        if review["mode"] == "quiz":
            after = None  # a quiz answer never changes the schedule
        records.append(
            NewReview(
                deck_id=review["deck_id"],
                item_id=review["item_id"],
                reviewed_ms=review["reviewed_ms"],
                rating=review["rating"],
                mode=review["mode"],
                verdict=review["verdict"],
                response=review["response"],
                response_ms=review["response_ms"],
                content_hash=review["content_hash"],
                state_before=before,
                state_after=after,
                quiz_id=review["quiz_id"],
            )
        )
    # Batches, so a long import shows progress; a batch is one transaction, and
    # an import cut short is completed by running it again (rows present are skipped).
    for start in range(0, len(records), WRITE_BATCH):
        store.record_reviews(records[start : start + WRITE_BATCH])
        if progress is not None:
            progress("writing", min(start + WRITE_BATCH, len(records)), len(records))
    # Where an item's latest answer was already in the database, record_reviews
    # left it at its last imported answer; the replay's final state wins.
    for state in replayed.finals:
        store.put_card_state(state)
    return ImportResult(
        parsed.layout,
        reviews_added=len(fresh),
        reviews_present=len(reviews) - len(fresh),
        quizzes_added=quizzes_added,
        quizzes_present=quizzes_present,
        items_rescheduled=replayed.items,
    )


@dataclass
class _Replayed:
    audits: dict[int, tuple[Any, Any]]  # id(fresh review dict) -> (state before, state after)
    finals: list[Any]  # CardState to store where the last answer is not a fresh one
    items: int


def _replay(
    conn: sqlite3.Connection,
    fresh: list[dict[str, Any]],
    progress: Progress | None,
    leech_threshold: int,
    options: Any,
) -> _Replayed:
    """Replay every study/import answer of the touched items, old and new, in time order.

    Suspension and burying are the learner's choices and are kept from the
    current card_state. Fuzz is off so that the same log always gives the
    same schedule.
    """
    from dataclasses import replace

    from quizapp.core import scheduling
    from quizapp.core.models import SchedulingOptions
    from quizapp.core.store.protocol import CardState

    options = options or SchedulingOptions()
    answers: dict[tuple[str, str], list[tuple[int, int, int, int | None, Any]]] = defaultdict(list)
    for review in fresh:
        if review["mode"] in ("study", "import"):
            key = (review["deck_id"], review["item_id"])
            answers[key].append(
                (review["reviewed_ms"], 1, review["rating"], review["response_ms"], review)
            )
    if not answers:
        return _Replayed({}, [], 0)
    decks = sorted({d for d, _ in answers})
    marks = ",".join("?" for _ in decks)
    for deck, item, when, rating, response_ms in conn.execute(
        f"SELECT deck_id, item_id, reviewed_ms, rating, response_ms FROM reviews "
        f"WHERE deck_id IN ({marks}) AND mode IN ('study', 'import') AND rating IS NOT NULL",
        decks,
    ):
        if (deck, item) in answers:
            answers[(deck, item)].append((when, 0, rating, response_ms, None))
    current = {
        (row[0], row[1]): (bool(row[2]), row[3], bool(row[4]))
        for row in conn.execute(
            f"SELECT deck_id, item_id, suspended, buried_until_ms, leech FROM card_state "
            f"WHERE deck_id IN ({marks})",
            decks,
        )
    }
    total = sum(len(v) for v in answers.values())
    step = max(total // 20, 1)
    done = 0
    audits: dict[int, tuple[Any, Any]] = {}
    finals = []
    for (deck, item), history in answers.items():
        history.sort(key=lambda a: (a[0], a[1]))
        state = CardState.new(deck, item)
        for when, _, rating, response_ms, review in history:
            result = scheduling.review(
                state,
                rating,
                scheduling.from_ms(when),
                options,
                response_ms=response_ms,
                leech_threshold=leech_threshold,
                fuzzing=False,
            )
            if review is not None:
                audits[id(review)] = (state, result.state)
            state = result.state
            done += 1
            if progress is not None and done % step == 0:
                progress("rescheduling", done, total)
        suspended, buried, leech = current.get((deck, item), (False, None, False))
        final = replace(
            state, suspended=suspended, buried_until_ms=buried, leech=leech or state.leech
        )
        last = history[-1][4]
        if last is not None:
            audits[id(last)] = (audits[id(last)][0], final)  # keeps the flags on the card
        else:
            finals.append(final)
    if progress is not None:
        progress("rescheduling", total, total)
    return _Replayed(audits, finals, len(answers))
