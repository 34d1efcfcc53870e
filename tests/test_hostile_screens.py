"""Every screen with a deck and a history whose every text field is hostile.

Markup in a tag or an id (``[@click=app.quit]``, ``[/]``) must be shown as
typed: clicking it runs no action, and drawing it never crashes the app
(a ``[/]`` item id would otherwise crash the stats screen on every start,
since history is never deleted).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from quizapp.tui.app import QuizApp
from tests.hostile_data import PAYLOAD, write_deck, write_history
from tests.tui_helpers import build_app, screen_text, settle


@pytest.fixture
def hostile(tmp_path: Path, quizapp_home: Path) -> tuple[Path, Path]:
    deck = write_deck(tmp_path / "decks")
    return write_history(quizapp_home / "history.sqlite3"), deck


async def _click_every_table(pilot: Pilot[Any], app: QuizApp) -> None:
    """Click each visible row of each data table, at several columns."""
    for table in list(app.screen.query(DataTable)):
        if not table.display or table.region.area == 0:
            continue
        for row in range(1, min(table.row_count + 1, 6)):
            for x in (2, 12, 24):
                await pilot.click(table, offset=(x, row))
        await pilot.pause()


async def test_stats_and_card_screens_show_markup_and_run_no_action(
    hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db, deck = hostile
    ran: list[str] = []
    for action in ("quit", "screenshot", "bell", "toggle_dark", "command_palette"):
        monkeypatch.setattr(
            QuizApp, f"action_{action}", lambda self, *a, _n=action, **k: ran.append(_n)
        )
    monkeypatch.chdir(tmp_path)
    app = build_app(db, deck)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        seen = ""
        for scope in ("this deck", "all decks"):
            for tab in "1267":
                await pilot.press(tab)
                await settle(pilot)
                seen += screen_text(app)
                await _click_every_table(pilot, app)
            if scope == "this deck":
                await pilot.press("a")
                await settle(pilot)
        await pilot.press("6", "tab", "enter")  # a hardest card in full
        await settle(pilot)
        seen += screen_text(app)
        await pilot.click(offset=(40, 12))
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
    assert ran == []
    assert "[/]" in seen  # an id or tag of "[/]" is shown as typed
    assert "[@click=app.quit]" in seen
    assert "\\x1b]52" in seen  # escapes shown as text
    assert "\x1b" not in seen
    assert not list(tmp_path.glob("*.svg"))  # no screenshot written
    assert PAYLOAD  # the payload the data carries


async def test_study_and_quiz_screens_click_hostile_options(
    hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, deck = hostile
    ran: list[str] = []
    monkeypatch.setattr(QuizApp, "action_quit", lambda self: ran.append("quit"))
    app = build_app(db, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for start, end in (("enter", "escape"), ("t", "escape")):
            await pilot.press(start)
            await settle(pilot)
            if start == "t":
                await pilot.press("enter")
                await settle(pilot)
            for y in range(2, 20, 3):
                await pilot.click(offset=(6, y))
            await settle(pilot)
            assert "[@click=app.quit]" in screen_text(app)
            await pilot.press(end)
            await settle(pilot)
            await pilot.press("escape", "enter")
            await settle(pilot)
        assert app.is_running
    assert ran == []
