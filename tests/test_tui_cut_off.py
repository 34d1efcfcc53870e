"""The full-screen app: SIGTERM saves an open quiz abandoned; the backup after the first screen."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from quizapp.core.store import SqliteStore
from quizapp.core.store.sqlite_backup import list_backups
from quizapp.tui.screens.quiz import QuizScreen
from tests.tui_helpers import build_app, settle

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
"""


async def test_sigterm_during_a_quiz_saves_it_abandoned_and_exits(tmp_path: Path) -> None:
    deck = tmp_path / "caps.toml"
    deck.write_text(DECK, encoding="utf-8")
    db = tmp_path / "h.sqlite3"
    app = build_app(db, deck, start=("quiz", "caps", 2, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.press(*"Tripoli", "enter")
        await settle(pilot)
        os.kill(os.getpid(), signal.SIGTERM)  # handled by the app's event loop
        await settle(pilot)
    assert app.return_code == 128 + signal.SIGTERM
    with SqliteStore.open(db) as store:
        (quiz,) = store.quiz_sessions("caps")
        assert quiz.abandoned and quiz.finished_ms is not None and quiz.questions == 1


async def test_the_days_backup_is_made_after_the_first_screen(tmp_path: Path) -> None:
    deck = tmp_path / "caps.toml"
    deck.write_text(DECK, encoding="utf-8")
    db = tmp_path / "h.sqlite3"
    app = build_app(db, deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    (backup,) = list_backups(db)
    assert backup.kind == "daily"
