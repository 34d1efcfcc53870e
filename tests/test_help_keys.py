"""The help (f1, ?) is built from what each screen and widget declares about itself."""

from __future__ import annotations

from pathlib import Path

from quizapp.tui.screens.help import HelpScreen, key_rows
from quizapp.tui.screens.home import HomeScreen
from tests.tui_helpers import build_app, settle

CHOICE_DECK = """\
format = 1

[deck]
id = "choice"
title = "One choice"

[[cards]]
id = "capital"
type = "choice"
prompt = "What is the capital of Egypt?"
answer = "Cairo"
distractors = ["Alexandria", "Giza"]
"""


async def test_a_focused_widgets_keys_are_listed_under_its_help_group(tmp_path: Path) -> None:
    deck = tmp_path / "choice.toml"
    deck.write_text(CHOICE_DECK, encoding="utf-8")
    app = build_app(tmp_path / "h.sqlite3", deck, start=("quiz", "choice", 1, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "QuizScreen"
        groups = {group for group, _keys, _what, _on in key_rows(app, app.screen)}
        # the option picker's own keys, under its HELP_GROUP rather than "Focused field"
        assert "Answer" in groups
        assert "Focused field" not in groups


async def test_the_help_opens_with_the_screens_notes_when_it_has_some(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.notes == HomeScreen.HELP_NOTES
        await pilot.press("escape")
        await pilot.press("t", "enter")  # a quiz: a screen without notes
        await settle(pilot)
        assert type(app.screen).__name__ == "QuizScreen"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.notes == ""
