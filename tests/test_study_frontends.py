"""The two front ends over the one study engine: the same answers leave the same history,
and an answer whose verdict was printed survives the process being killed."""

from __future__ import annotations

import io
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp import plain
from quizapp.core.decks import load_deck
from quizapp.core.engine import StudyCard, StudyEngine
from quizapp.core.models import (
    BasicCard,
    ChoiceCard,
    ClozeCard,
    MultiCard,
    NumberCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from quizapp.core.questions import Question
from quizapp.core.store import SqliteStore
from quizapp.core.study import QueueEntry
from quizapp.plain.lineio import LineIO
from quizapp.plain.study import study_loop
from quizapp.tui.screens.study import StudyScreen
from tests.tui_helpers import ALL_TYPES, NOW, build_app, right_keys, settle

REPO = Path(__file__).resolve().parent.parent
EVERY_TYPE = REPO / "tests" / "data" / "plain" / "every-type.toml"
SEED = 7

# item id → (answered right?, rating typed after the verdict; None accepts the proposal)
SCRIPT: dict[str, tuple[bool, str | None]] = {
    "capital": (True, "2"),  # a flashcard, rated Hard
    "leader": (False, None),  # wrong, Again as proposed
    "city": (True, "2"),  # right, re-rated from Good to Hard (no Easy: its interval is fuzzed)
    "allies": (True, None),
    "cairo": (False, "3"),  # wrong, re-rated Good
    "year": (True, None),
    "gaps.1": (True, None),  # gaps.2 is its sibling: not asked today
    "steps": (True, "1"),
}
WRONG_TEXT = "gaddafi"
REVIEW_COLUMNS = (
    "deck_id, item_id, reviewed_ms, rating, verdict, response, response_ms, mode, "
    "content_hash, state_before, state_after, before_state"
)


def history(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT {REVIEW_COLUMNS} FROM reviews ORDER BY id").fetchall()


def plain_line(question: Question, right: bool) -> str:
    """What a learner types in plain mode to answer ``question`` (right or not)."""
    card, options = question.item.card, list(question.options)
    if isinstance(card, BasicCard):
        return ""
    if not right and question.kind in ("typed", "cloze", "number"):
        return WRONG_TEXT
    if isinstance(card, TypedCard):
        return card.answer
    if isinstance(card, ClozeCard):
        assert question.item.gap is not None
        return question.item.gap.answer
    if isinstance(card, NumberCard):
        return str(card.answer)
    if isinstance(card, ChoiceCard):
        return str(options.index(card.answer) + 1)
    if isinstance(card, TrueFalseCard):
        return "1" if card.answer == right else "2"
    if isinstance(card, MultiCard):
        return " ".join(str(options.index(a) + 1) for a in card.answers)
    assert isinstance(card, OrderCard)
    return " ".join(str(options.index(i) + 1) for i in card.items)


def tui_keys(question: Question, right: bool) -> list[str]:
    card = question.item.card
    if right:
        return right_keys(question)
    if isinstance(card, TrueFalseCard):
        return ["2" if card.answer else "1"]
    return [*WRONG_TEXT, "enter"]


class RecordingEngine(StudyEngine):
    """The engine, remembering the card it gave last (for the scripted learner)."""

    shown: StudyCard | None = None

    def next_card(self, entry: QueueEntry | None = None) -> StudyCard | None:
        self.shown = super().next_card(entry)
        return self.shown


class ScriptedInput(io.StringIO):  # a StringIO only to be a TextIO
    """stdin for plain mode: the scripted answer to the card on screen, then its rating."""

    def __init__(self, engine: RecordingEngine) -> None:
        self.lines = self._lines(engine)

    @staticmethod
    def _lines(engine: RecordingEngine) -> Iterator[str]:
        while engine.shown is not None:
            question = engine.shown.question
            right, rating = SCRIPT[question.item.id]
            yield plain_line(question, right)
            yield rating or ""

    def readable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
        line = next(self.lines, None)
        return "" if line is None else line + "\n"


def study_plain(db: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(plain, "_elapsed_ms", lambda start: 0)  # as the TUI's frozen clock
    deck = load_deck(ALL_TYPES)
    out = io.StringIO()
    with SqliteStore.open(db) as store:
        engine = RecordingEngine(store, [deck], now=lambda: NOW, rng=random.Random(SEED))
        assert study_loop(LineIO(ScriptedInput(engine), out), engine) == 0
    return out.getvalue()


async def study_tui(db: Path) -> list[str]:
    app = build_app(db, seed=SEED)
    asked: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        while screen.phase == "question" and screen.current is not None:
            question = screen.current.question
            asked.append(question.item.id)
            right, rating = SCRIPT[question.item.id]
            await pilot.press(*tui_keys(question, right))
            await settle(pilot)
            assert screen.phase == "answer"
            await pilot.press(rating or "enter")
            await settle(pilot)
        assert screen.phase == "waiting"
    return asked


async def test_tui_and_plain_mode_leave_the_same_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quizapp_home: Path
) -> None:
    # The clock is frozen: without this, learning ahead would bring an Again back forever.
    (quizapp_home / "config.toml").write_text("learn_ahead_minutes = 0\n", encoding="utf-8")
    tui_db, plain_db = tmp_path / "tui.sqlite3", tmp_path / "plain.sqlite3"
    asked = await study_tui(tui_db)
    transcript = study_plain(plain_db, monkeypatch)
    assert sorted(asked) == sorted(SCRIPT)
    assert "Wrong." in transcript and "No more cards due now" in transcript
    tui_rows, plain_rows = history(tui_db), history(plain_db)
    assert [row[1] for row in tui_rows] == asked
    assert [row[3] for row in tui_rows] == [
        int(SCRIPT[item][1] or {True: 3, False: 1}[SCRIPT[item][0]]) for item in asked
    ]
    assert tui_rows == plain_rows


def _read_until(fd: int, marker: bytes, deadline: float) -> bytes:
    """Read the child's stdout until ``marker`` appears (a prompt has no newline)."""
    seen = b""
    while marker not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no {marker!r} in {seen!r}"
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            chunk = os.read(fd, 4096)
            assert chunk, f"the child ended: {seen!r}"
            seen += chunk
    return seen


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_an_answer_whose_verdict_was_printed_survives_a_kill_at_the_rating_prompt(
    tmp_path: Path, sig: signal.Signals
) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "QUIZAPP_HOME": str(home), "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "study", str(EVERY_TYPE), "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=tmp_path,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        fd = child.stdout.fileno()
        deadline = time.monotonic() + 60  # a guard against a hung child, not a timing
        _read_until(fd, b"> ", deadline)
        child.stdin.write(b"Haftar\n")
        child.stdin.flush()
        shown = _read_until(fd, b"Rating [", deadline)
        assert b"Correct. Answer: Khalifa Haftar" in shown
        child.send_signal(sig)
        child.wait(timeout=60)
    finally:
        child.kill()
        child.wait(timeout=60)
        child.stdin.close()
        child.stdout.close()
    with sqlite3.connect(home / "history.sqlite3") as conn:
        saved = conn.execute("SELECT item_id, rating, verdict, response FROM reviews").fetchall()
    assert saved == [("leader", 3, "correct", "Haftar")]
