"""Snapshots of the main screens at 80x24 and 120x40, on fixed decks, clock and seed.

Regenerate with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and look
at the SVGs (or the report pytest-textual-snapshot writes) before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.tui_helpers import ALL_TYPES, BROKEN, MARKUP, build_app, right_keys, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def _open_study(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def _study_typed_question(pilot: Pilot) -> None:
    """Rate the first card (basic) Good, which leaves the typed card on screen."""
    await _open_study(pilot)
    await pilot.press("space", "3")
    await settle(pilot)
    # a blinking cursor would make the picture depend on the moment it is taken
    pilot.app.screen.query_one("#answer").cursor_blink = False
    await pilot.pause()


async def _study_typed_answer(pilot: Pilot) -> None:
    """Answer the typed card with a typo: verdict, diff, explanation, quote and ratings."""
    await _study_typed_question(pilot)
    await pilot.press(*"Hafter", "enter")
    await settle(pilot)


def _wrong_keys(question) -> list[str]:
    if question.kind == "basic":
        return ["space", "n"]
    if question.kind in ("choice", "truefalse"):
        right = right_keys(question)[0]
        return ["2" if right == "1" else "1"]
    return ["ctrl+g"]  # "I don't know"


async def _quiz_results(pilot: Pilot) -> None:
    """Two 4-question quizzes (the first all wrong), so the results show a previous score."""
    await settle(pilot)
    for attempt in range(2):
        if attempt:
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("t", "backspace", "backspace", "4", "enter")
            await settle(pilot)
        screen = pilot.app.screen
        for number in range(4):
            question = screen.run.questions[screen.index]
            if attempt == 0 or number == 3:
                keys = _wrong_keys(question)
            else:
                keys = ["space", "y"] if question.kind == "basic" else right_keys(question)
            await pilot.press(*keys)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)


async def _help(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = build_app(tmp_path / "h.sqlite3", ALL_TYPES, BROKEN, MARKUP)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_study_question(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    assert snap_compare(app, terminal_size=size, run_before=_study_typed_question)


@pytest.mark.parametrize("size", SIZES)
def test_study_answer(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    assert snap_compare(app, terminal_size=size, run_before=_study_typed_answer)


@pytest.mark.parametrize("size", SIZES)
def test_quiz_results(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = build_app(tmp_path / "h.sqlite3", start=("quiz", "all-types", 4, 5), seed=5)
    assert snap_compare(app, terminal_size=size, run_before=_quiz_results)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    assert snap_compare(app, terminal_size=size, run_before=_help)
