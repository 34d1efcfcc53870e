"""Snapshots of the card browser (with a card answered and one suspended) and of quick add."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.tui_helpers import ALL_TYPES, build_app, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def _browser(pilot: Pilot) -> None:
    await settle(pilot)
    for key in ("enter", "space", "3"):  # study the first card: Good, one step at a time
        await pilot.press(key)
        await settle(pilot)
    await pilot.press("escape")
    await settle(pilot)
    await pilot.press("escape")  # the summary
    await settle(pilot)
    await pilot.press("b")
    await settle(pilot)
    for key in ("down", "down", "s"):  # suspend the third card
        await pilot.press(key)
        await settle(pilot)


async def _add_form(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("b")
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    pilot.app.screen.query_one("#add-type").value = "cloze"
    await settle(pilot)
    await pilot.press(*"The {{c1::Nile::a river}} flows north.")
    for widget in pilot.app.screen.query("Input"):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_browser(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = build_app(tmp_path / "h.sqlite3", ALL_TYPES)
    assert snap_compare(app, terminal_size=size, run_before=_browser)


@pytest.mark.parametrize("size", SIZES)
def test_add_form(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = build_app(tmp_path / "h.sqlite3", ALL_TYPES)
    assert snap_compare(app, terminal_size=size, run_before=_add_form)
