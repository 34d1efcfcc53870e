"""``quizapp class``: a teacher sees every learner's scores; anyone else gets one line."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from quizapp.cli import main
from quizapp.core.stats import load_setup
from quizapp.core.stats.clock import DayClock
from quizapp.core.store import REVIEW, CardState
from quizapp.core.store.postgres import PostgresStore
from quizapp.core.store.protocol import NewReview
from tests.postgres_server import PostgresServer, new_learner


def _role(url: str) -> str:
    return str(psycopg.conninfo.conninfo_to_dict(url)["user"])


def _day_starts() -> tuple[int, int]:
    """A moment early today and early yesterday, on the study clock the command uses."""
    setup = load_setup(decks=[])
    clock = DayClock(setup.tz, setup.rollover_hour)
    today = clock.day_of(int(datetime.now(UTC).timestamp() * 1000))
    return clock.start_ms(today) + 1, clock.start_ms(today - timedelta(days=1)) + 1


def _learner(url: str, deck: str, scores: list[float], passed: list[bool], days: list[int]) -> None:
    """Quizzes with these scores, review answers passed or not, answers on these days."""
    with PostgresStore.open(url) as store:
        for n, when in enumerate(days):
            before = CardState(deck, f"r{n}", state=REVIEW, stability=3.0, due_ms=when, reps=2)
            rating = 3 if passed[n % len(passed)] else 1
            after = replace(before, reps=3, last_review_ms=when)
            store.record_review(
                NewReview(deck, f"r{n}", when, rating, state_before=before, state_after=after)
            )
        for n, score in enumerate(scores):
            quiz = store.start_quiz(deck, days[0] + n, {})
            store.record_quiz_answer(
                quiz, NewReview(deck, "hard", days[0] + n, 1, mode="quiz", verdict="wrong")
            )
            store.finish_quiz(
                quiz,
                finished_ms=days[0] + n + 1,
                questions=2,
                correct=1,
                close=0,
                wrong=1,
                score=score,
            )


@pytest.fixture
def classroom(postgres_history: PostgresServer) -> dict[str, str]:
    """Two learners who studied and took quizzes, one who did nothing, and their teacher."""
    today, yesterday = _day_starts()
    ana, bob, cy = (new_learner(postgres_history) for _ in range(3))
    _learner(ana, "geo", [60.0, 90.0, 70.0], [True, False], [yesterday, today])
    _learner(bob, "geo", [40.0], [False], [yesterday - 3 * 86_400_000])
    return {"ana": ana, "bob": bob, "cy": cy, "teacher": new_learner(postgres_history, "teacher")}


def test_the_teacher_sees_every_learner(
    classroom: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", classroom["teacher"])
    assert main(["class", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    people = {p["learner"]: p for p in data["learners"]}
    ana, bob, cy = (people[_role(classroom[name])] for name in ("ana", "bob", "cy"))
    (geo,) = ana["decks"]
    assert (geo["deck"], geo["quizzes"], geo["last_score"], geo["best_score"]) == (
        "geo",
        3,
        70.0,
        90.0,
    )
    assert (geo["retention"], geo["retention_answers"]) == (0.5, 2)
    assert ana["streak_days"] == 2 and ana["answers"] == 5
    assert bob["streak_days"] == 0 and bob["decks"][0]["last_score"] == 40.0
    assert bob["decks"][0]["retention"] == 0.0
    assert (cy["answers"], cy["decks"], cy["streak_days"]) == (0, [], 0)
    missed = data["most_missed"][0]
    assert (missed["deck_id"], missed["item_id"], missed["learners"]) == ("geo", "hard", 2)
    assert main(["class", "--deck", "nothing-here"]) == 0
    text = capsys.readouterr().out
    assert _role(classroom["cy"]) + ": no answers yet" in text and "none yet" in text
    assert _role(classroom["ana"]) + ": no answers yet" in text  # counted in that deck only
    assert main(["class"]) == 0
    text = capsys.readouterr().out
    assert f"{_role(classroom['ana'])}: 5 answers" in text and "streak 2 days" in text
    assert "90%" in text and "50.0% of 2" in text


@pytest.mark.parametrize("who", ["learner", "sqlite"])
def test_anyone_but_a_teacher_gets_one_line_and_status_2(
    who: str,
    classroom: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if who == "learner":
        monkeypatch.setenv("QUIZAPP_DATABASE_URL", classroom["ana"])
    else:
        monkeypatch.delenv("QUIZAPP_DATABASE_URL", raising=False)
    assert main(["class"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "teacher" in err


def test_database_text_is_shown_literally(
    postgres_history: PostgresServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    today, _ = _day_starts()
    _learner(new_learner(postgres_history), "x\x1b[31mred", [50.0], [True], [today])
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", new_learner(postgres_history, "teacher"))
    assert main(["class"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "x\\x1b[31mred" in out


async def _stats_screen_tab(url: str | None, monkeypatch: pytest.MonkeyPatch) -> tuple[bool, str]:
    """Open the stats screen on the configured history: (Class tab shown, its table as text)."""
    from textual.widgets import DataTable, TabbedContent

    from quizapp.tui.screens.stats import StatsScreen
    from tests.test_stats_screen import Host, _loaded

    if url is None:
        monkeypatch.delenv("QUIZAPP_DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("QUIZAPP_DATABASE_URL", url)
    app = Host(lambda: StatsScreen(decks=[]))
    async with app.run_test(size=(120, 40)) as pilot:
        await _loaded(pilot)
        tabs = app.screen.query_one(TabbedContent)
        shown = bool(tabs.get_tab("class").display)
        if shown:
            await pilot.press("8")
            await pilot.pause()
            assert tabs.active == "class"
        table = app.screen.query_one("#class-table", DataTable)
        cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
    return shown, "\n".join(cells)


async def test_the_stats_screen_shows_the_class_to_a_teacher_only(
    classroom: dict[str, str], postgres_history: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    today, _ = _day_starts()
    _learner(new_learner(postgres_history), "[b]x\x1b[31m", [50.0], [True], [today])
    shown, cells = await _stats_screen_tab(classroom["teacher"], monkeypatch)
    assert shown
    assert _role(classroom["ana"]) in cells and _role(classroom["cy"]) in cells
    assert "90%" in cells and "2 days" in cells
    assert "[b]x\\x1b[31m" in cells and "\x1b" not in cells  # shown as written
    for url in (classroom["ana"], None):
        shown, _ = await _stats_screen_tab(url, monkeypatch)
        assert not shown
