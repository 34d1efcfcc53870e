"""The quiz results screen: "I was actually right" (!), "Retry the ones I missed" (r),
and no score for a quiz abandoned before any answer; asserted on the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.store import SqliteStore
from quizapp.core.store.protocol import OVERRULED
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.results import ResultsScreen
from tests.tui_helpers import build_app, screen_text, settle

DECK = """format = 1
[deck]
id = "caps"
title = "Capitals"
language = "en"

[[cards]]
id = "ly"
type = "typed"
prompt = "Capital of Libya?"
answer = "Tripoli"

[[cards]]
id = "eg"
type = "typed"
prompt = "Capital of Egypt?"
answer = "Cairo"

[[cards]]
id = "tn"
type = "typed"
prompt = "Capital of Tunisia?"
answer = "Tunis"
"""
ANSWERS = {"ly": "Tripoli", "eg": "Giza", "tn": "Tunys"}  # correct, wrong, close


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "caps.toml"
    path.write_text(DECK, encoding="utf-8")
    return path


async def _answer_all(pilot, screen: QuizScreen) -> None:
    for _ in range(len(screen.run.questions)):
        question = screen.run.questions[screen.index]
        await pilot.press(*ANSWERS[question.item.id], "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)


def _row_of(screen: ResultsScreen, item_id: str) -> int:
    return [q.item.id for q, _, _ in screen.result.answers].index(item_id)


async def test_i_was_right_on_the_results_recomputes_and_saves(tmp_path: Path, deck: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db, deck, start=("quiz", "caps", 3, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _answer_all(pilot, app.screen)
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        assert "Score 67%" in screen_text(app)
        table = screen.query_one("#results-table")
        # ! is offered on an answer judged wrong only
        table.move_cursor(row=_row_of(screen, "ly"))
        await pilot.press("!")
        await settle(pilot)
        assert screen.result.score == pytest.approx(200 / 3)
        table.move_cursor(row=_row_of(screen, "eg"))
        await settle(pilot)
        await pilot.press("!")
        await settle(pilot)
        assert screen.result.score == 100.0
        text = screen_text(app)
        assert "Score 100%" in text and "✓ Overruled" in text and "1 overruled" in text
    with SqliteStore.open(db) as store:
        (quiz,) = store.quiz_sessions("caps")
        assert (quiz.correct, quiz.wrong, quiz.score) == (2, 0, 100.0)
        verdicts = {r.item_id: r.verdict for r in store.reviews("caps")}
        assert verdicts == {"ly": "correct", "eg": OVERRULED, "tn": "close"}


async def test_retry_the_missed_ones_from_the_results(tmp_path: Path, deck: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db, deck, start=("quiz", "caps", 3, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _answer_all(pilot, app.screen)
        first = app.screen
        assert isinstance(first, ResultsScreen)
        await pilot.press("r")
        await settle(pilot)
        retry = app.screen
        assert isinstance(retry, QuizScreen)
        assert sorted(q.item.id for q in retry.run.questions) == ["eg", "tn"]
        assert "Retry" in screen_text(app)
        for _ in range(2):
            question = retry.run.questions[retry.index]
            await pilot.press(*{"eg": "Cairo", "tn": "Tunis"}[question.item.id], "enter")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.result.score == 100.0
        assert "r Retry" not in screen_text(app)  # nothing missed: no retry offered
    with SqliteStore.open(db) as store:
        first_quiz, second = store.quiz_sessions("caps")
        assert second.settings["retry_of"] == first_quiz.id
        assert (second.questions, second.score) == (2, 100.0)
        assert first_quiz.questions == 3


async def test_a_quiz_abandoned_before_any_answer_shows_no_score(
    tmp_path: Path, deck: Path
) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db, deck, start=("quiz", "caps", 3, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "No score" in text and "0%" not in text
        await pilot.press("escape")
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.rows[0].last_score is None and "0%" not in screen_text(app)
    with SqliteStore.open(db) as store:
        (quiz,) = store.quiz_sessions("caps")
        assert quiz.abandoned and quiz.score is None


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_results_with_an_overruled_answer(snap_compare, tmp_path: Path, size) -> None:
    path = tmp_path / "caps.toml"
    path.write_text(DECK, encoding="utf-8")
    app = build_app(tmp_path / "h.sqlite3", path, start=("quiz", "caps", 3, 1))

    async def before(pilot) -> None:
        await settle(pilot)
        await _answer_all(pilot, app.screen)
        screen = app.screen
        table = screen.query_one("#results-table")
        table.move_cursor(row=_row_of(screen, "eg"))
        await pilot.press("!")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)
