"""``history import`` cannot hurt the history: validated whole, written all or nothing, exact.

Each malformed file is refused with one ``path:row N: error:`` line per bad row
(or one ``path: error:`` line for the file) and exit status 1, and the history
is byte for byte what it was; reviews equal in deck, item, time and rating are
distinct answers, kept through an import and an export→import round trip.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core import history_io
from quizapp.core.history_io import BadRows, HistoryFormatError, read_history_file
from quizapp.core.store.sqlite import SqliteStore
from tests.conftest import DATA

SMALL_LOG = DATA / "review-log-small.csv"
GOOD_REVIEW = {
    "deck_id": "geo",
    "item_id": "capital.reverse",
    "reviewed": "2025-03-01T10:00:00.000Z",
    "rating": 3,
    "mode": "study",
    "response_ms": 1200,
}


def export_text(reviews: list[object], quizzes: list[object] | None = None, **top: object) -> str:
    document = {"format": "quizapp-history", "version": 1, "quiz_sessions": quizzes or []}
    document.update(top)
    document["reviews"] = reviews
    return json.dumps(document)


def with_review(**changes: object) -> str:
    return export_text([GOOD_REVIEW, {**GOOD_REVIEW, **changes}])


def history_rows(home: Path) -> list[tuple[object, ...]]:
    """Every row of every table, to compare a history before and after a refused import."""
    conn = sqlite3.connect(home / "history.sqlite3")
    try:
        return [
            (table, *row)
            for table in ("reviews", "card_state", "quiz_sessions")
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3")
        ]
    finally:
        conn.close()


# file text -> words of the one refusal line (after "name") ---------------------------------
REFUSED: dict[str, tuple[str, str]] = {
    "version-not-a-number": (
        export_text([GOOD_REVIEW], version="one"),
        ': error: "version" must be a whole number from 1',
    ),
    "version-huge": (
        export_text([GOOD_REVIEW], version=10**30),
        ": error: export version 1000000000000000000000000000000 is newer",
    ),
    "infinity": (
        with_review().replace('"response_ms": 1200}]', '"response_ms": Infinity}]'),
        ": error: not valid JSON: Infinity is not a number",
    ),
    "nan": (
        with_review().replace('"response_ms": 1200}]', '"response_ms": NaN}]'),
        ": error: not valid JSON: NaN is not a number",
    ),
    "float-overflow": (
        with_review().replace('"response_ms": 1200}]', '"response_ms": 1e999}]'),
        ": error: not valid JSON: the number 1e999 is too large",
    ),
    "deep-json": (
        '{"format": "quizapp-history", "version": 1, "reviews": '
        + "[" * 100_000
        + "]" * 100_000
        + "}",
        ": error: not a quizapp history export: the JSON is nested too deeply",
    ),
    "beyond-64-bits": (with_review(response_ms=2**64), ":row 2: error: reviews: response_ms: "),
    "huge-quiz-id": (with_review(quiz_id=2**63), ":row 2: error: reviews: quiz_id: "),
    "year-1": (
        with_review(reviewed="0001-01-01T00:00:00Z"),
        ":row 2: error: reviews: reviewed: the time must be from 1970 to 2199",
    ),
    "year-9999": (
        with_review(reviewed="9999-12-31T00:00:00Z"),
        ":row 2: error: reviews: reviewed: the time must be from 1970 to 2199",
    ),
    "ms-before-1970": (
        with_review(reviewed=-1),
        ":row 2: error: reviews: reviewed: the time must be from 1970 to 2199",
    ),
    "broken-state-before": (
        with_review(state_before="{not json"),
        ":row 2: error: reviews: state_before: not a JSON card state",
    ),
    "state-before-not-an-object": (
        with_review(state_before=[1, 2]),
        ":row 2: error: reviews: state_before: not a card state",
    ),
    "state-year-1": (
        with_review(state_before={"state": 2, "due_ms": -62135596800000}),
        ":row 2: error: reviews: state_before.due_ms: the time must be from 1970 to 2199",
    ),
    "state-infinite-stability": (
        with_review(state_before='{"state": 2, "stability": 1e999}'),
        ":row 2: error: reviews: state_before.stability: input should be a finite number",
    ),
    "state-bad-state": (
        with_review(state_after={"state": 7}),
        ":row 2: error: reviews: state_after.state: ",
    ),
    "deck-id-with-escape": (
        with_review(deck_id="geo\x1b[2J"),
        ":row 2: error: reviews: deck_id: must be lowercase letters, digits and '-'",
    ),
    "item-id-markup": (
        with_review(item_id="[/]"),
        ":row 2: error: reviews: item_id: must be lowercase letters, digits and '-'",
    ),
    "rating-true": (with_review(rating=True), ":row 2: error: reviews: rating: "),
    "rating-text": (with_review(rating="good"), ":row 2: error: reviews: rating: "),
    "row-not-an-object": (export_text([GOOD_REVIEW, 7]), ":row 2: error: reviews: not an object"),
    "settings-deep": (
        export_text(
            [], [{"deck_id": "geo", "started": "2025-03-01T10:00:00Z", "settings": {"a": [[[[]]]]}}]
        ),
        ":row 1: error: quiz_sessions: settings: nested more than 4 levels deep",
    ),
    "log-year-1": (
        "card_id,review_rating,review_time\n1,3,2024-01-01\n2,3,0001-01-01\n",
        ":row 3: error: review_time: the time must be from 1970 to 2199",
    ),
    "log-seconds-far-future": (
        "card_id,review_rating,review_time\n1,3,99999999999999999999\n",
        ":row 2: error: review_time: review_time 99999999999999999999 is too far in the future",
    ),
    "log-negative-duration": (
        "card_id,review_rating,review_time,review_duration\n1,3,2024-01-01,-5\n",
        ":row 2: error: review_duration: ",
    ),
    "csv-export-bad-kind": ("kind,deck_id\nother,x\n", ":row 2: error: kind must be 'review' or"),
    "csv-export-bad-review": ("kind,deck_id\nreview,geo\n", ":row 2: error: review: item_id: "),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_malformed_file_is_refused_in_one_line_and_the_history_is_untouched(
    case: str, tmp_path: Path, quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "import", str(SMALL_LOG)]) == 0
    before = history_rows(quizapp_home)
    text, words = REFUSED[case]
    path = tmp_path / ("bad.csv" if not text.startswith("{") else "bad.json")
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["history", "import", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].startswith(f"{path}{words}"), lines
    assert "Traceback" not in captured.err and "\x1b" not in captured.err
    if ":row " in words:  # a bad row: its line, then what happened to the file
        assert lines[1:] == [f"{path}: error: 1 bad row, nothing was imported"]
    else:
        assert len(lines) == 1
    assert history_rows(quizapp_home) == before
    assert main(["stats"]) == 0


def test_a_bad_row_past_row_2000_leaves_nothing_behind(
    tmp_path: Path, quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once, rows were written 2,000 at a time: a bad row 2,500 left a partial import."""
    rows = [f"c{n % 50},3,2024-01-01T00:{n // 60 % 60:02}:{n % 60:02}Z" for n in range(3000)]
    rows[2500] = "c1,3,0001-01-01T00:00:00Z"
    path = tmp_path / "log.csv"
    path.write_text("card_id,review_rating,review_time\n" + "\n".join(rows) + "\n")
    assert main(["history", "import", str(path)]) == 1
    assert capsys.readouterr().err.splitlines()[0].startswith(f"{path}:row 2502: error: ")
    assert not (quizapp_home / "history.sqlite3").exists()


def test_many_bad_rows_are_listed_then_counted(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("card_id,review_rating,review_time\n" + "x,9,2024-01-01\n" * 30)
    with pytest.raises(BadRows) as refused:
        read_history_file(path)
    report = refused.value.report()
    assert len(report) == 21
    assert report[0].startswith(f"{path}:row 2: error: review_rating: ")
    assert report[19].startswith(f"{path}:row 21: error: ")
    assert report[20] == f"{path}: error: 30 bad rows, the first 20 shown; nothing was imported"


def test_a_file_over_the_size_bound_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("card_id,review_rating,review_time\n" + "1,3,2024-01-01\n" * 100)
    with pytest.raises(HistoryFormatError, match=r"log.csv: error: larger than 1,000 bytes"):
        read_history_file(path, max_bytes=1000)
    assert read_history_file(path, max_bytes=10_000).reviews


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "log.csv"
    os.mkfifo(fifo)
    with pytest.raises(HistoryFormatError, match="is not a regular file"):
        read_history_file(fifo)


def test_a_write_that_fails_halfway_leaves_the_history_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All or nothing: the whole import is one transaction."""
    with SqliteStore.open(tmp_path / "h.sqlite3") as store:
        history_io.import_history(store, read_history_file(SMALL_LOG), "before")
        before = store.connection.execute("SELECT count(*) FROM reviews").fetchone()
        states = store.connection.execute("SELECT * FROM card_state ORDER BY 1, 2").fetchall()
        calls = 0
        real = SqliteStore._insert_review

        def failing(conn: sqlite3.Connection, review: object) -> int:
            nonlocal calls
            calls += 1
            if calls == 5:
                raise sqlite3.OperationalError("database or disk is full")
            return real(conn, review)  # type: ignore[arg-type]

        monkeypatch.setattr(SqliteStore, "_insert_review", staticmethod(failing))
        with pytest.raises(sqlite3.OperationalError):
            history_io.import_history(store, read_history_file(SMALL_LOG), "after")
        assert store.connection.execute("SELECT count(*) FROM reviews").fetchone() == before
        assert store.connection.execute("SELECT * FROM card_state ORDER BY 1, 2").fetchall() == (
            states
        )


# ---------------------------------------------------------------- exact identity

TWO_AGAINS = "card_id,review_rating,review_time\n7,1,2024-05-01\n7,1,2024-05-01\n7,3,2024-05-02\n"


def test_two_agains_on_one_day_with_date_only_times_are_both_kept(
    tmp_path: Path, quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "log.csv"
    path.write_text(TWO_AGAINS)
    assert main(["history", "import", str(path)]) == 0
    assert "reviews: 3 added, 0 already there" in capsys.readouterr().out
    assert main(["history", "import", str(path)]) == 0
    assert "reviews: 0 added, 3 already there" in capsys.readouterr().out
    # A longer log of the same day (a third Again) adds exactly the new one.
    path.write_text(TWO_AGAINS + "7,1,2024-05-01\n")
    assert main(["history", "import", str(path)]) == 0
    assert "reviews: 1 added, 3 already there" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_round_trip_keeps_every_answer_and_a_second_import_adds_none(
    tmp_path: Path, fmt: str
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(TWO_AGAINS)
    with SqliteStore.open(tmp_path / "a.sqlite3") as first:
        history_io.import_history(first, read_history_file(log))
        history_io.import_history(first, read_history_file(SMALL_LOG), "small")
        out = tmp_path / f"out.{fmt}"
        history_io.export_history(first, fmt, out)
        query = "SELECT deck_id, item_id, reviewed_ms, rating, state_after FROM reviews "
        query += "ORDER BY reviewed_ms, deck_id, item_id, id"
        expected = first.connection.execute(query).fetchall()
    with SqliteStore.open(tmp_path / "b.sqlite3") as second:
        result = history_io.import_history(second, read_history_file(out))
        assert result.reviews_added == len(expected)
        assert second.connection.execute(query).fetchall() == expected
        again = history_io.import_history(second, read_history_file(out))
        assert (again.reviews_added, again.reviews_present) == (0, len(expected))


def test_deck_option_files_the_states_of_an_export_under_that_deck(tmp_path: Path) -> None:
    """The states carried by an export name their old deck; ``--deck`` moves them too."""
    with SqliteStore.open(tmp_path / "a.sqlite3") as first:
        history_io.import_history(first, read_history_file(SMALL_LOG), "old")
        out = tmp_path / "out.json"
        history_io.export_history(first, "json", out)
    with SqliteStore.open(tmp_path / "b.sqlite3") as second:
        history_io.import_history(second, read_history_file(out), "new")
        decks = second.connection.execute("SELECT DISTINCT deck_id FROM card_state").fetchall()
        assert decks == [("new",)]


def test_a_duration_with_a_fraction_is_rounded_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("card_id,review_rating,review_time,review_duration\n1,3,2024-01-01,25060.6\n")
    assert [r.response_ms for r in read_history_file(path).reviews] == [25061]


def test_an_anki_review_log_row_at_an_impossible_time_is_left_out() -> None:
    """The Anki import files revlog rows without a file in between: the same time bounds."""
    from quizapp.core.anki.history import revlog_reviews
    from quizapp.core.store.anki_file import AnkiRows

    revlog = [
        (-62_135_596_800_000, 1, 3, 5000, 1),  # year 1
        (1_711_744_352_250, 1, 3, 2**40, 1),  # a duration beyond any answer
        (253_402_300_799_000, 1, 1, 5000, 1),  # year 9999
    ]
    rows = AnkiRows(note_types={}, notes=[], cards=[], decks={}, revlog=revlog)
    reviews = revlog_reviews(rows, {1: "card"})
    assert [(r.reviewed_ms, r.response_ms) for r in reviews] == [(1_711_744_352_250, None)]
