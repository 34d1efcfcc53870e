"""Fuzzing the history import: whatever the file, a HistoryFormatError or a sound import.

Random bytes, and valid files (our JSON export, an Anki/FSRS review log) with
random edits. Reading must raise nothing but :class:`HistoryFormatError`; a
file that is accepted must import without error and leave a history the
stats can read. Each input has a time bound (hypothesis ``deadline``), far
above what one takes, so that only a runaway (a parser stuck on a hostile
input) fails it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core import history_io, stats
from quizapp.core.history_io import HistoryFormatError, read_history_file
from quizapp.core.store.sqlite import SqliteStore

EXPORT = json.dumps(
    {
        "format": "quizapp-history",
        "version": 1,
        "quiz_sessions": [
            {
                "quiz_id": 4,
                "deck_id": "geo",
                "started": "2025-03-01T09:00:00.000Z",
                "finished": "2025-03-01T09:05:00.000Z",
                "abandoned": 0,
                "questions": 2,
                "correct": 1,
                "close": 0,
                "wrong": 1,
                "score": 50.0,
                "settings": {"count": 2},
            }
        ],
        "reviews": [
            {
                "deck_id": "geo",
                "item_id": "capital.reverse",
                "reviewed": "2025-03-01T10:00:00.000Z",
                "rating": 3,
                "mode": "study",
                "response_ms": 1200,
                "state_before": {"state": 0, "reps": 0},
                "state_after": {
                    "state": 2,
                    "stability": 3.2,
                    "difficulty": 5.1,
                    "due_ms": 1741082400000,
                    "last_review_ms": 1740823200000,
                    "reps": 1,
                },
            },
            {
                "deck_id": "geo",
                "item_id": "river",
                "reviewed": "2025-03-01T09:01:00.000Z",
                "rating": 1,
                "mode": "quiz",
                "verdict": "wrong",
                "response": "Nile",
                "quiz_id": 4,
            },
        ],
    },
    indent=1,
)
LOG = (
    "card_id,review_rating,review_time,review_duration\n"
    "1711684180217,1,2024-03-29T20:32:32.250000+00:00,25060\n"
    "1711684180217,3,2024-03-30,7241\n"
    "1711685152786,4,1711744352250,15072\n"
)
NOW = datetime(2025, 6, 1, tzinfo=UTC)

# Far above the few milliseconds one input takes; a bound on runaways, not a benchmark.
FUZZ = settings(
    max_examples=60,
    deadline=5_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    for position, length, insert in edits:
        position %= len(text) + 1
        text = text[:position] + insert + text[position + length :]
    return text


INSERTS = st.one_of(
    st.text(max_size=6),
    st.sampled_from(
        [
            "Infinity",
            "NaN",
            "1e999",
            "-1",
            "99999999999999999999999",
            "0001-01-01",
            "9999-12-31T23:59:59Z",
            "[[[[[[[[",
            '"',
            ",",
            "\x1b[2J",
            "[/]",
            "null",
            "true",
            "{}",
            "\n",
        ]
    ),
)
EDITS = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 8), INSERTS), max_size=4)


def _check(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "history-file"
    path.write_bytes(data)
    try:
        parsed = read_history_file(path)
    except HistoryFormatError as error:
        assert str(error) and "\n" not in str(error)
        return
    with SqliteStore.open(":memory:") as store:
        history_io.import_history(store, parsed)
        again = history_io.import_history(store, read_history_file(path))
        assert again.reviews_added == 0
        stats.compute_stats(store, now=NOW, tz=UTC)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    _check(data, tmp_path)


@FUZZ
@given(edits=EDITS)
def test_mutations_of_an_export(tmp_path: Path, edits: list[tuple[int, int, str]]) -> None:
    _check(_mutate(EXPORT, edits).encode("utf-8", "surrogatepass"), tmp_path)


@FUZZ
@given(edits=EDITS)
def test_mutations_of_a_review_log(tmp_path: Path, edits: list[tuple[int, int, str]]) -> None:
    _check(_mutate(LOG, edits).encode("utf-8", "surrogatepass"), tmp_path)


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["0001-01-01", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "{}", "[/]"]),
    st.dictionaries(st.sampled_from(["state", "due_ms", "stability", "reps"]), st.integers()),
    st.recursive(st.integers(), lambda inner: st.lists(inner, max_size=2), max_leaves=8),
)


@FUZZ
@given(
    row=st.integers(0, 1),
    field=st.sampled_from(
        [
            *("deck_id", "item_id", "reviewed", "rating", "mode", "response_ms", "response"),
            *("state_before", "state_after", "quiz_id", "verdict", "content_hash"),
        ]
    ),
    value=VALUES,
)
def test_one_field_of_an_export_changed(
    tmp_path: Path, row: int, field: str, value: object
) -> None:
    document = json.loads(EXPORT)
    document["reviews"][row][field] = value
    _check(json.dumps(document).encode(), tmp_path)


@FUZZ
@given(
    field=st.sampled_from(["started", "finished", "questions", "score", "settings", "quiz_id"]),
    value=VALUES,
)
def test_one_field_of_a_quiz_session_changed(tmp_path: Path, field: str, value: object) -> None:
    document = json.loads(EXPORT)
    document["quiz_sessions"][0][field] = value
    _check(json.dumps(document).encode(), tmp_path)


@FUZZ
@given(row=st.integers(1, 3), column=st.integers(0, 3), value=VALUES.map(str))
def test_one_cell_of_a_review_log_changed(
    tmp_path: Path, row: int, column: int, value: str
) -> None:
    lines = [line.split(",") for line in LOG.splitlines()]
    lines[row][column] = value.replace(",", " ").replace("\n", " ")
    _check(("\n".join(",".join(cells) for cells in lines) + "\n").encode(), tmp_path)


def test_the_unmutated_files_import(tmp_path: Path) -> None:
    """The fuzzing starts from files that are accepted, so the mutations reach the rows."""
    for text in (EXPORT, LOG):
        path = tmp_path / "f"
        path.write_text(text, encoding="utf-8")
        assert read_history_file(path).reviews
