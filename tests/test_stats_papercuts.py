"""``quizapp stats``: a one-screen summary by default, questions instead of card ids,
and one line instead of empty tables on day one; ``--full`` and ``--json`` complete."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.commands.stats import format_report
from quizapp.commands.stats_summary import format_summary
from quizapp.core import stats
from quizapp.core.models import Deck
from tests.conftest import SAMPLE_LOG
from tests.stats_helpers import DAY_MS, add_card, add_quiz, add_review, ms, open_history
from tests.test_stats_screen import DECK, NOW, small_history

LONG = "Which city, on the Mediterranean coast, " + "long known to sailors, " * 8 + "is it?"


def report_of(db: Path, decks: list[Deck] | None = None) -> stats.StatsReport:
    store = open_history(db)
    try:
        return stats.compute_stats(store, decks=decks or [DECK], now=NOW, tz=UTC)
    finally:
        store.close()


def section(text: str, title: str) -> list[str]:
    """The lines under ``title`` up to the next blank line."""
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def day_one(db: Path) -> Path:
    """Three new cards studied today, all still in their learning steps."""
    store = open_history(db)
    t = ms(NOW)
    for item in ("capital-fr", "capital-ly", "nile"):
        add_review(store, "geo", item, t - 3_600_000, 3, before_state=0)
        add_card(store, "geo", item, state=1, due_ms=t + 600_000, last_review_ms=t, stability=0.5)
    store.close()
    return db


def test_lowest_recall_shows_the_question_and_the_json_keeps_the_id(tmp_path: Path) -> None:
    report = report_of(small_history(tmp_path / "h.sqlite3"))
    assert not report.early
    lowest = report.lowest_retrievability
    assert lowest and {c.question for c in lowest} <= {
        "Capital of France?",
        "Capital of Libya?",
        "The Nile flows north.",
    }
    rows = section(format_report(report, width=80), "Hardest: lowest recall probability now")
    assert "question" in rows[0]
    assert lowest[0].question in rows[1] and lowest[0].item_id not in rows[1]
    data = stats.report_to_dict(report)
    first = data["lowest_retrievability"][0]
    assert (first["item_id"], first["question"]) == (lowest[0].item_id, lowest[0].question)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_long_question_is_cut_to_the_width(tmp_path: Path, width: int) -> None:
    deck = Deck.model_validate(
        {
            **DECK.model_dump(),
            "cards": [
                {**c, "prompt": LONG} if c.get("prompt") else c for c in DECK.model_dump()["cards"]
            ],
        }
    )
    report = report_of(small_history(tmp_path / "h.sqlite3"), [deck])
    for text in (format_report(report, width=width), format_summary(report, width=width)):
        rows = [line for line in text.splitlines() if "Which city" in line]
        assert rows and all(len(line) <= width and "…" in line for line in rows), rows


def test_day_one_says_in_one_line_when_retention_and_recall_fill_in(tmp_path: Path) -> None:
    report = report_of(day_one(tmp_path / "h.sqlite3"))
    assert report.early and stats.report_to_dict(report)["early"] is True
    full = format_report(report, width=80)
    assert section(full, "True retention (desired 90.0%)") == [f"  {stats.EARLY_NOTE}"]
    assert section(full, "Hardest: lowest recall probability now") == [f"  {stats.EARLY_NOTE}"]
    assert "True retention per" not in full  # nor the per-period tables of dashes
    summary = format_summary(report, width=80)
    assert stats.EARLY_NOTE in summary.splitlines() and "Lowest recall" not in summary


def test_the_summary_lists_the_last_quizzes_with_no_score_for_one_left_unanswered(
    tmp_path: Path,
) -> None:
    db = small_history(tmp_path / "h.sqlite3")
    store = open_history(db)
    add_quiz(store, "geo", ms(NOW) - DAY_MS // 2, 0.0, abandoned=True, questions=0)  # older quizapp
    store.close()
    report = report_of(db)
    quizzes = section(format_summary(report, width=80), "Last quizzes")
    assert len(quizzes) == 5
    assert quizzes[0].endswith("no score (left before any answer)")  # newest first
    assert "100% of 6" in quizzes[1]
    assert "0%" not in quizzes[0]
    recent = stats.report_to_dict(report)["recent_quizzes"]
    assert recent[0]["score"] is None and recent[0]["abandoned"] is True


@pytest.fixture
def imported_log(quizapp_home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["history", "import", str(SAMPLE_LOG)]) == 0
    capsys.readouterr()
    return quizapp_home


def test_stats_prints_one_screen_by_default_and_every_table_with_full(
    imported_log: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["stats"]) == 0
    summary = capsys.readouterr().out.splitlines()
    assert len(summary) <= 23 and max(map(len, summary)) <= 80, summary
    text = "\n".join(summary)
    for label in ("Today", "Streak", "Due", "Retention", "Last quizzes", "Lowest recall now"):
        assert label in text
    assert "--full" in text
    assert main(["stats", "--full"]) == 0
    full = capsys.readouterr().out
    for heading in ("Reviews per day, last year", "Card states", "True retention per ISO week"):
        assert heading in full
    assert len(full.splitlines()) > 100
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in (
        "quizzes",
        "calendar",
        "retention",
        "forecast",
        "card_states",
        "intervals",
        "stabilities",
        "most_lapses",
        "lowest_retrievability",
        "tags",
        "recent_quizzes",
    ):
        assert key in data
    assert data["retention"]["series"]["week"] and data["lowest_retrievability"][0]["item_id"]


async def test_the_stats_screen_names_questions_and_says_when_figures_fill_in(
    tmp_path: Path,
) -> None:
    from textual.widgets import DataTable, Static

    from tests.test_stats_screen import _loaded, make_host

    app = make_host(small_history(tmp_path / "h.sqlite3"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        table = app.screen.query_one("#recall-table", DataTable)
        assert str(table.get_row_at(0)[0]) == "Capital of Libya?"
        assert table.display
    app = make_host(day_one(tmp_path / "one.sqlite3"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        screen = app.screen
        for selector in ("#retention-note", "#recall-note"):
            assert str(screen.query_one(selector, Static).render()) == stats.EARLY_NOTE
        assert not screen.query_one("#retention-table").display
        assert not screen.query_one("#recall-table").display
