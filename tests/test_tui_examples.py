"""The home screen studies a deck whose examples fail, and says why once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quizapp.tui.app import QuizApp
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen
from tests.conftest import DATA
from tests.tui_helpers import build_app, settle

EXAMPLES_FAIL = DATA / "bad" / "example-fails.toml"
NOTICE = "examples of its cards are not judged as written"


def record_notices(app: QuizApp) -> list[str]:
    """Every notification the app shows, as text, in order."""
    told: list[str] = []
    notify = app.notify

    def recording(message: Any, **kwargs: Any) -> None:
        told.append(str(message))
        notify(message, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return told


async def test_home_studies_it_and_says_why_once(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3", EXAMPLES_FAIL)
    told = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(2):  # study, back home, study again
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, StudyScreen)
            while not isinstance(app.screen, HomeScreen):
                await pilot.press("escape")
                await settle(pilot)
    assert sum(NOTICE in n for n in told) == 1


async def test_started_from_the_command_line_it_says_why(tmp_path: Path) -> None:
    app = build_app(
        tmp_path / "h.sqlite3", EXAMPLES_FAIL, start=("study", "bad"), notices=["why " + NOTICE]
    )
    told = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
    assert told.count("why " + NOTICE) == 1
