"""The card browser and quick add, driven by keys; the store and the deck file checked after."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizapp.tui.screens.add_card import AddCardScreen
from quizapp.tui.screens.browser import BrowserScreen
from quizapp.tui.screens.card_detail import CardDetailScreen
from tests.tui_helpers import ALL_TYPES, build_app, query, settle


async def _open_browser(pilot) -> BrowserScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("b")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, BrowserScreen)
    return screen


async def test_search_filter_history_and_suspend(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    shutil.copy(ALL_TYPES, deck)
    db = tmp_path / "h.sqlite3"
    app = build_app(db, deck)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await _open_browser(pilot)
        total = len(browser.shown)
        assert total == len(browser.rows) > 3
        await pilot.press("slash")
        await pilot.press(*"capital of")
        await settle(pilot)
        assert [row.item_id for row in browser.shown] == ["capital"]
        await pilot.press("enter")  # back to the table
        await pilot.press("s")
        await settle(pilot)
        assert query(db, "SELECT item_id, suspended FROM card_state") == [("capital", 1)]
        browser.query_one("#browser-state").value = "suspended"
        await settle(pilot)
        assert [row.item_id for row in browser.shown] == ["capital"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardDetailScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")  # unsuspend
        await settle(pilot)
        assert query(db, "SELECT item_id FROM card_state WHERE suspended = 1") == []
        assert browser.shown == []  # no longer suspended


async def test_edit_opens_the_card_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quizapp.tui import editor

    deck = tmp_path / "d.toml"
    shutil.copy(ALL_TYPES, deck)
    opened: list[tuple[Path, int | None]] = []
    monkeypatch.setattr(editor, "open_in_editor", lambda app, p, line: opened.append((p, line)))
    app = build_app(tmp_path / "h.sqlite3", deck)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_browser(pilot)
        await pilot.press("e")
        await settle(pilot)
    [(path, line)] = opened
    lines = deck.read_text(encoding="utf-8").splitlines()
    assert path == deck and line is not None and lines[line - 1] == "[[cards]]"


async def test_quick_add_writes_a_checked_card(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    shutil.copy(ALL_TYPES, deck)
    deck.write_text("# my comment\n" + deck.read_text(encoding="utf-8"), encoding="utf-8")
    app = build_app(tmp_path / "h.sqlite3", deck)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await _open_browser(pilot)
        before = len(browser.rows)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AddCardScreen)
        form.query_one("#add-type").value = "typed"
        await settle(pilot)
        await pilot.press(*"Capital of Chad?")
        await pilot.press("tab", *"N'Djamena")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is browser
        assert len(browser.rows) == before + 1
    text = deck.read_text(encoding="utf-8")
    assert text.startswith("# my comment\n")
    assert 'id = "capital-of-chad"' in text and 'answer = "N\'Djamena"' in text


async def test_quick_add_refuses_what_check_refuses(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    shutil.copy(ALL_TYPES, deck)
    before = deck.read_text(encoding="utf-8")
    app = build_app(tmp_path / "h.sqlite3", deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_browser(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#add-type").value = "choice"
        await settle(pilot)
        await pilot.press(*"Pick", "tab", *"Cairo", "tab", *"Cairo")  # answer among distractors
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "Not added" in str(form.query_one("#add-error").render())
    assert deck.read_text(encoding="utf-8") == before


async def test_quizapp_add_opens_the_form_then_exits(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    shutil.copy(ALL_TYPES, deck)
    app = build_app(tmp_path / "h.sqlite3", deck, start=("add", "all-types"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AddCardScreen)
        await pilot.press(*"Hello", "tab", *"Bonjour", "ctrl+s")
        await settle(pilot)
    assert app.added_card == "hello"
    assert 'front = "Hello"' in deck.read_text(encoding="utf-8")


async def test_every_deck_from_the_palette(tmp_path: Path) -> None:
    from quizapp.tui.palette import ScreenActionsProvider
    from tests.tui_helpers import MARKUP

    app = build_app(tmp_path / "h.sqlite3", ALL_TYPES, MARKUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        provider = ScreenActionsProvider(app.screen)
        commands = {name: run for name, _help, run in provider._commands()}
        assert {"Cards", "Cards of every deck"} <= set(commands)
        await commands["Cards of every deck"]()  # type: ignore[operator]
        await settle(pilot)
        browser = app.screen
        assert isinstance(browser, BrowserScreen) and browser.deck_id is None
        assert {row.deck_id for row in browser.rows} == {"all-types", "markup"}
