"""The running app reloads a deck changed on disk, keeping the study session's place."""

from __future__ import annotations

import shutil
from pathlib import Path

from quizapp.tui.screens.home import HomeScreen
from tests.tui_helpers import ALL_TYPES, build_app, settle


def _notice(screen: object) -> str:
    """The study screen's notice line."""
    return str(screen.query_one("#study-notice").render())  # type: ignore[attr-defined]


async def test_study_takes_a_deck_saved_beside_it(tmp_path: Path) -> None:
    deck = tmp_path / "watched.toml"
    shutil.copy(ALL_TYPES, deck)
    app = build_app(tmp_path / "h.sqlite3", deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert screen.current.question.prompt == "Capital of Libya?"
        # saved without a change: the queue is left alone
        app.deck_reloader.decks_changed({deck})
        await settle(pilot)
        assert "reloaded" not in _notice(screen)
        text = deck.read_text(encoding="utf-8").replace("Capital of Libya?", "Capital city?")
        deck.write_text(text, encoding="utf-8")
        app.deck_reloader.decks_changed({deck})
        await settle(pilot)
        assert app.screen is screen
        assert screen.current.question.prompt == "Capital city?"
        assert "Deck reloaded" in _notice(screen)


async def test_a_broken_save_keeps_the_old_version(tmp_path: Path) -> None:
    deck = tmp_path / "watched.toml"
    shutil.copy(ALL_TYPES, deck)
    app = build_app(tmp_path / "h.sqlite3", deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        deck.write_text(deck.read_text(encoding="utf-8") + "\nbogus = \n", encoding="utf-8")
        app.deck_reloader.decks_changed({deck})
        await settle(pilot)
        assert app.screen.current.question.prompt == "Capital of Libya?"
        assert "still using the old version" in _notice(app.screen)


async def test_a_half_answered_card_is_kept_until_answered(tmp_path: Path) -> None:
    deck = tmp_path / "watched.toml"
    shutil.copy(ALL_TYPES, deck)
    app = build_app(tmp_path / "h.sqlite3", deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        screen.phase = "answer"  # as after an answer, before the rating
        deck.write_text(
            deck.read_text(encoding="utf-8").replace("Capital of Libya?", "Capital city?"),
            encoding="utf-8",
        )
        app.deck_reloader.decks_changed({deck})
        await settle(pilot)
        assert app.deck_reloader.pending  # waits
        assert screen.current.question.prompt == "Capital of Libya?"


async def test_home_refreshes_on_change(tmp_path: Path) -> None:
    deck = tmp_path / "watched.toml"
    shutil.copy(ALL_TYPES, deck)
    app = build_app(tmp_path / "h.sqlite3", deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = deck.read_text(encoding="utf-8")
        deck.write_text(text.replace('title = "', 'title = "Renamed ', 1), encoding="utf-8")
        app.deck_reloader.decks_changed({deck})
        await settle(pilot)
        assert app.screen.rows[0].loaded.title.startswith("Renamed ")
