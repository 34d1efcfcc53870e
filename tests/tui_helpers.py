"""Helpers for the interface tests: a fixed clock, an app on test decks, a driver that answers."""

from __future__ import annotations

import html
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from quizapp.tui.app import QuizApp, make_app

TUI_DATA = Path(__file__).resolve().parent / "data" / "tui"
ALL_TYPES = TUI_DATA / "all-types.toml"
BROKEN = TUI_DATA / "broken.toml"
MARKUP = TUI_DATA / "markup.toml"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
TYPED_KINDS = ("typed", "cloze", "number")


def build_app(store: Path, *decks: Path, **kwargs: Any) -> QuizApp:
    """An app on exactly these decks, a fixed clock, a fixed seed and zero response times."""
    return make_app(
        deck_paths=list(decks) or [ALL_TYPES],
        store_path=store,
        now=lambda: NOW,
        seed=kwargs.pop("seed", 7),
        monotonic=lambda: 0.0,
        **kwargs,
    )


async def settle(pilot: Pilot) -> None:
    """Let messages, workers (and the I/O thread they await) finish; no sleeps."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def query(db: Path, sql: str, *args: Any) -> list[tuple]:
    """Read the store with a connection of our own, as another process would."""
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def right_keys(question: Any, *, cursor: int = 0) -> list[str]:
    """The key presses that answer ``question`` correctly (basic: reveal)."""
    kind = question.kind
    card = question.item.card
    if kind == "basic":
        return ["space"]
    if kind in TYPED_KINDS:
        if kind == "cloze":
            text = question.item.gap.answer
        elif kind == "number":
            text = str(card.answer)
        else:
            text = card.answer
        return [*_typing(text), "enter"]
    if kind == "choice":
        return [str(question.options.index(card.answer) + 1)]
    if kind == "truefalse":
        return ["1" if card.answer else "2"]
    if kind == "multi":
        return [str(question.options.index(a) + 1) for a in card.answers] + ["enter"]
    if kind == "order":
        return [*_order_keys(list(question.options), list(card.items)), "enter"]
    raise AssertionError(kind)


async def answer_right(pilot: Pilot, question: Any, rating: str = "3") -> None:
    """Answer ``question`` right, wait for its verdict, then press ``rating``.

    A rating key pressed before the verdict is shown does nothing, and a key
    meant for the verdict can reach the next card once it is on screen.
    """
    await pilot.press(*right_keys(question))
    await settle(pilot)
    await pilot.press(rating)


def _typing(text: str) -> list[str]:
    names = {" ": "space", "'": "apostrophe", ".": "full_stop", "-": "minus"}
    return [names.get(char, char) for char in text]


def _order_keys(current: list[str], target: list[str]) -> list[str]:
    """Select each item in turn and move it up into place with ``[``."""
    keys: list[str] = []
    cursor = 0
    for place, wanted in enumerate(target):
        index = current.index(wanted)
        keys += ["down"] * (index - cursor) if index >= cursor else ["up"] * (cursor - index)
        keys += ["left_square_bracket"] * (index - place)
        current.insert(place, current.pop(index))
        cursor = place
    return keys


def screen_text(app: Any) -> str:
    """The text of the current screenshot, for asserting what a learner would read."""
    svg = app.export_screenshot()
    return html.unescape(svg).replace("\xa0", " ")
