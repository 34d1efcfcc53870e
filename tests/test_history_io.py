"""Export and import of the history, on the real 12,580-review log and on small files.

Totals are counted here with the csv module, independently of the import code,
then compared with what the database and the stats say.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core import history_io, stats
from quizapp.core.history_io import HistoryFormatError, read_history_file
from quizapp.core.store.sqlite import SqliteStore
from tests.conftest import DATA, SAMPLE_LOG
from tests.stats_helpers import add_quiz, add_review, ms

SAMPLE = SAMPLE_LOG
SMALL_LOG = DATA / "review-log-small.csv"


def count_log(path: Path) -> dict:
    """Figures of a review log counted with the csv module alone."""
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    per_utc_day = Counter(r["review_time"][:10] for r in rows)
    return {
        "reviews": len(rows),
        "cards": len({r["card_id"] for r in rows}),
        "again": sum(r["review_rating"] == "1" for r in rows),
        "per_utc_day": per_utc_day,
        "first": min(r["review_time"] for r in rows),
        "last": max(r["review_time"] for r in rows),
    }


@pytest.fixture
def store(tmp_path: Path):
    with SqliteStore.open(tmp_path / "history.sqlite3") as opened:
        yield opened


def import_file(store, path: Path, deck: str | None = None):
    return history_io.import_history(store, read_history_file(path), deck)


# ---------------------------------------------------------------- the real log


def test_import_sample_log_matches_independent_counts(store) -> None:
    expected = count_log(SAMPLE)
    assert expected["reviews"] == 12_580 and expected["cards"] == 1_205
    result = import_file(store, SAMPLE)
    assert (result.reviews_added, result.reviews_present) == (12_580, 0)
    assert result.items_rescheduled == 1_205
    conn = store.connection
    assert conn.execute("SELECT count(*) FROM reviews WHERE deck_id = 'imported'").fetchone() == (
        12_580,
    )
    assert conn.execute("SELECT count(DISTINCT item_id) FROM reviews").fetchone() == (1_205,)
    assert conn.execute("SELECT count(*) FROM reviews WHERE rating = 1").fetchone() == (
        expected["again"],
    )
    assert conn.execute("SELECT count(*) FROM card_state").fetchone() == (1_205,)
    # Every imported row knows the card's state before and after (true retention reads it).
    assert conn.execute(
        "SELECT count(*) FROM reviews WHERE state_before IS NULL OR state_after IS NULL"
    ).fetchone() == (0,)
    # Stats in UTC with the rollover at midnight are plain UTC dates, as counted above.
    now = datetime(2024, 10, 7, 12, 0, tzinfo=UTC)
    report = stats.compute_stats(store, now=now, tz=UTC, rollover_hour=0)
    assert report.total_reviews == 12_580
    per_day = dict(report.calendar.days)
    for day in ("2024-03-29", "2024-06-15", "2024-10-06"):
        assert per_day[date.fromisoformat(day)] == expected["per_utc_day"][day]
    assert sum(per_day.values()) == 12_580  # the whole log lies within the last year
    # With the rollover at 4 am UTC, reviews before 04:00 move to the day before.
    shifted = stats.compute_stats(store, now=now, tz=UTC, rollover_hour=4).calendar
    assert sum(n for _, n in shifted.days) == 12_580
    assert report.card_states.total == 1_205
    states = report.card_states
    assert states.new == 0 and states.young + states.mature + states.learning == 1_205
    retention = {row.period: row for row in report.retention.rows}["all time"]
    # Answers to cards in review: every answer but each card's first, and those in (re)learning.
    assert 0 < retention.total_count < 12_580 - 1_205
    assert 0.5 < retention.total < 1


def test_importing_twice_adds_nothing(store) -> None:
    import_file(store, SAMPLE)
    before = store.connection.execute("SELECT * FROM card_state ORDER BY item_id").fetchall()
    again = import_file(store, SAMPLE)
    assert (again.reviews_added, again.reviews_present) == (0, 12_580)
    after = store.connection.execute("SELECT * FROM card_state ORDER BY item_id").fetchall()
    assert after == before


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_round_trips(store, tmp_path: Path, fmt: str) -> None:
    import_file(store, SAMPLE)
    add_quiz(store.connection, "imported", ms(datetime(2024, 5, 1, 10, tzinfo=UTC)), 75.0)
    out = tmp_path / f"export.{fmt}"
    history_io.export_history(store, fmt, out)
    with SqliteStore.open(tmp_path / "fresh.sqlite3") as fresh:
        result = import_file(fresh, out)
        assert (result.reviews_added, result.quizzes_added) == (12_580, 1)
        columns = "deck_id, item_id, reviewed_ms, rating, response_ms, mode, state_before"
        query = f"SELECT {columns} FROM reviews ORDER BY reviewed_ms, item_id"
        assert (
            fresh.connection.execute(query).fetchall() == store.connection.execute(query).fetchall()
        )
        state = "SELECT * FROM card_state ORDER BY item_id"
        assert (
            fresh.connection.execute(state).fetchall() == store.connection.execute(state).fetchall()
        )
        # And the export of the import is the same file, but for the export time.
        again = tmp_path / f"again.{fmt}"
        history_io.export_history(fresh, fmt, again)

    def strip(text: str) -> list[str]:
        return [ln for ln in text.splitlines() if not ln.startswith('"exported"')]

    assert strip(again.read_text()) == strip(out.read_text())


# ---------------------------------------------------------------- small files


def test_small_log_fixture_and_deck_option(store) -> None:
    expected = count_log(SMALL_LOG)
    result = import_file(store, SMALL_LOG, deck="anki-old")
    assert result.reviews_added == expected["reviews"]
    rows = store.connection.execute("SELECT DISTINCT deck_id FROM reviews").fetchall()
    assert rows == [("anki-old",)]
    assert store.connection.execute("SELECT count(*) FROM card_state").fetchone() == (
        expected["cards"],
    )


def test_import_keeps_suspension_and_counts_older_answers(store) -> None:
    """A log merged into existing history: the replay covers both, flags stay."""
    conn = store.connection
    add_review(conn, "imported", "1711684180217", ms(datetime(2024, 4, 20, tzinfo=UTC)), 3)
    store.set_suspended("imported", "1711684180217", True)
    import_file(store, SMALL_LOG)
    row = conn.execute(
        "SELECT suspended, reps FROM card_state WHERE item_id = '1711684180217'"
    ).fetchone()
    answers = conn.execute(
        "SELECT count(*) FROM reviews WHERE item_id = '1711684180217'"
    ).fetchone()[0]
    assert row == (1, answers)


def test_quiz_sessions_and_their_answers_round_trip(store, tmp_path: Path) -> None:
    conn = store.connection
    quiz = add_quiz(conn, "geo", ms(datetime(2025, 1, 2, 9, tzinfo=UTC)), 50.0, questions=2)
    t = ms(datetime(2025, 1, 2, 9, 1, tzinfo=UTC))
    add_review(conn, "geo", "a", t, 3, mode="quiz", verdict="correct", quiz_id=quiz)
    add_review(conn, "geo", "b", t + 1, 1, mode="quiz", verdict="wrong", quiz_id=quiz)
    out = tmp_path / "e.json"
    history_io.export_history(store, "json", out)
    data = json.loads(out.read_text())
    assert data["reviews"][0]["reviewed"] == "2025-01-02T09:01:00.000Z"
    assert data["quiz_sessions"][0]["started"] == "2025-01-02T09:00:00.000Z"
    with SqliteStore.open(tmp_path / "fresh.sqlite3") as fresh:
        first = import_file(fresh, out)
        second = import_file(fresh, out)
        links = fresh.connection.execute(
            "SELECT r.item_id, q.score FROM reviews r JOIN quiz_sessions q ON q.id = r.quiz_id"
        ).fetchall()
        # Quiz answers never change the schedule.
        assert fresh.connection.execute("SELECT count(*) FROM card_state").fetchone() == (0,)
    assert (first.reviews_added, first.quizzes_added) == (2, 1)
    assert (second.reviews_added, second.quizzes_added, second.quizzes_present) == (0, 0, 1)
    assert sorted(links) == [("a", 50.0), ("b", 50.0)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("{not json", "not valid JSON"),
        ('{"format": "other"}', "not a quizapp history export"),
        ("a,b,c\n1,2,3\n", "unknown CSV columns"),
        (
            "card_id,review_rating,review_time\n1,7,2024-01-01T00:00:00Z\n",
            ":row 2: error: review_rating: input should be less than or equal to 4",
        ),
        ("card_id,review_rating,review_time\n1,3,yesterday\n", ":row 2: error: review_time: "),
        ("kind,deck_id\nother,x\n", "kind must be"),
        (
            "kind,deck_id,item_id,reviewed,rating,mode\nreview,d,a,2024-01-01T00:00:00Z,3,cram\n",
            ":row 2: error: review: mode: input should be 'study', 'quiz' or 'import'",
        ),
    ],
)
def test_bad_files_give_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(HistoryFormatError) as error:
        read_history_file(path)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_iso_times_round_trip_to_the_millisecond() -> None:
    for value in (0, 1, 999, 1_711_684_352_250, 1_711_684_352_251):
        assert history_io.ms_from_iso(history_io.iso_from_ms(value)) == value
    assert history_io.ms_from_iso("2024-03-29T20:32:32.250000+00:00") == 1_711_744_352_250
    assert history_io.ms_from_iso("2024-03-29T22:32:32.250+02:00") == 1_711_744_352_250


# ---------------------------------------------------------------- commands


def test_history_commands(tmp_path: Path, capsys) -> None:
    assert main(["history", "import", str(SMALL_LOG)]) == 0
    out = capsys.readouterr().out
    total = count_log(SMALL_LOG)["reviews"]
    assert f"reviews: {total} added, 0 already there" in out
    assert main(["history", "import", str(SMALL_LOG)]) == 0
    assert f"reviews: 0 added, {total} already there" in capsys.readouterr().out
    target = tmp_path / "out.csv"
    assert main(["history", "export", "--format", "csv", "--output", str(target)]) == 0
    with target.open(newline="") as handle:
        assert sum(1 for row in csv.DictReader(handle) if row["kind"] == "review") == total
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert main(["history", "export", "--deck", "nothing-here"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviews"] == [] and data["deck"] == "nothing-here"


def test_history_import_bad_file_is_one_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2")
    assert main(["history", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.json" in err
    assert main(["history", "import", str(tmp_path / "missing.csv")]) == 1
    assert "missing.csv" in capsys.readouterr().err
    assert main(["history", "import", str(SMALL_LOG), "--deck", "Bad Id"]) == 1


def test_stats_command_text_and_json(capsys) -> None:
    assert main(["history", "import", str(SMALL_LOG)]) == 0
    capsys.readouterr()
    assert main(["stats", "--full"]) == 0  # every table; the default is a summary
    text = capsys.readouterr().out
    total = count_log(SMALL_LOG)["reviews"]
    assert f"Reviews: {total:,} in all" in text
    for heading in ("True retention", "Forecast", "Card states", "Hardest: most lapses"):
        assert heading in text
    assert main(["stats", "--json", "--deck", "imported"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total_reviews"] == total and data["deck"] == "imported"
    assert data["card_states"]["total"] == count_log(SMALL_LOG)["cards"]
    assert main(["stats", "--json", "--deck", "other"]) == 1  # neither loaded nor in the history
    assert "no deck 'other'" in capsys.readouterr().err


def test_export_without_history_is_an_empty_valid_file(quizapp_home: Path, capsys) -> None:
    assert main(["history", "export"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["format"], data["reviews"], data["quiz_sessions"]) == ("quizapp-history", [], [])
    assert main(["history", "export", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("kind,deck_id,item_id,reviewed,")
    assert not (quizapp_home / "history.sqlite3").exists()  # reading never creates it
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total_reviews"] == 0


@pytest.mark.parametrize(("cards", "said"), [(1, "1 card rescheduled"), (2, "2 cards rescheduled")])
def test_import_says_its_count_with_the_noun_agreeing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cards: int, said: str
) -> None:
    log = tmp_path / "log.csv"
    rows = [f"review,d,c{i},2024-03-29T20:32:32.250Z,3,2000,study" for i in range(cards)]
    log.write_text("kind,deck_id,item_id,reviewed,rating,response_ms,mode\n" + "\n".join(rows))
    assert main(["history", "import", str(log)]) == 0
    assert said in capsys.readouterr().out
