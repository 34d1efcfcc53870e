"""A quick second Enter (or a digit typed ahead) must not answer the next choice question.

The options' clock is replaced, so "too soon" and "on screen long enough"
are set by the test, not measured.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.tui.widgets import pickers
from quizapp.tui.widgets.pickers import OptionPicker
from tests.tui_helpers import build_app, query, settle

DECK = """format = 1

[deck]
id = "quick"
title = "Quick"

[[cards]]
id = "a"
type = "choice"
prompt = "First?"
answer = "Right one"
distractors = ["Wrong one"]

[[cards]]
id = "b"
type = "truefalse"
statement = "Second."
answer = true
"""


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(pickers, "CLOCK", fake)
    monkeypatch.setattr(OptionPicker, "SETTLE_SECONDS", 0.3)
    return fake


def _deck(tmp_path: Path) -> Path:
    path = tmp_path / "quick.toml"
    path.write_text(DECK, encoding="utf-8")
    return path


@pytest.mark.parametrize("screen", ["study", "quiz"])
async def test_keys_before_the_question_settles_answer_nothing(
    screen: str, clock: Clock, tmp_path: Path
) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db, _deck(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter" if screen == "study" else "t")
        await settle(pilot)
        if screen == "quiz":
            await pilot.press("enter")  # the question count
            await settle(pilot)
        picker = app.screen.query_one(OptionPicker)
        assert picker.cursor is None  # nothing pre-selected
        # too soon: every answering key is ignored
        await pilot.press("enter", "1", "2", "space")
        await settle(pilot)
        assert picker.cursor is None and picker.chosen == frozenset()
        assert query(db, "SELECT count(*) FROM reviews") == [(0,)]
        # on screen long enough: Enter alone still answers nothing (no selection) ...
        clock.t += 1.0
        await pilot.press("enter")
        await settle(pilot)
        assert picker.cursor is None
        # ... and a digit answers
        await pilot.press("1")
        await settle(pilot)
        assert picker.cursor == 0


def test_arrows_select_from_nothing() -> None:
    picker = OptionPicker(("a", "b", "c"), kind="choice")
    picker.action_move(1)
    assert picker.cursor == 0
    picker.cursor = None
    picker.action_move(-1)
    assert picker.cursor == 2
