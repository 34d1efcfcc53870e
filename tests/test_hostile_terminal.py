"""The real app on a pseudo-terminal, every command, with a hostile deck and history.

A deck whose file name, title, tags, prompts, options and ``source.path``
carry markup, an OSC 52 clipboard write, a screen clear, a colour, a C1 CSI
and a bidi override, and a history whose deck ids, item ids and
answers carry the same. Line commands must write no ESC byte at all; the
full-screen app writes its own escapes, so there no payload marker may appear.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile_data import (
    DECK_ID,
    MARKERS,
    write_deck,
    write_history,
    write_history_export,
)
from tests.pty_run import run_in_pty

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")

LINE_COMMANDS = [
    ["check", "decks"],
    ["check", "--orphans", "decks"],
    ["check", "--format", "json", "decks"],
    ["due", "--decks", "decks"],
    ["due", "--json", "--decks", "decks"],
    ["stats"],
    ["stats", "--json"],
    ["stats", "--deck", DECK_ID],
    ["suspend", DECK_ID],
    ["suspend", DECK_ID, "c1"],
    ["suspend", DECK_ID],
    ["unsuspend", DECK_ID, "c1"],
    ["history", "export"],
    ["history", "export", "--format", "csv"],
    ["history", "import", "history.json"],
    ["study", DECK_ID, "--plain", "--decks", "decks"],
    ["quiz", DECK_ID, "--plain", "-n", "2", "--seed", "1", "--decks", "decks"],
    ["study", "nope", "--decks", "decks"],
]


@pytest.fixture
def hostile_home(tmp_path: Path, quizapp_home: Path) -> tuple[Path, dict[str, str]]:
    """A working folder with the hostile deck in ``decks/``, its history in the store.

    The history is written by the store itself: ``history import`` refuses
    these ids (its refusal is one of the commands tried on ``history.json``).
    """
    write_deck(tmp_path / "decks")
    write_history(quizapp_home / "history.sqlite3")
    write_history_export(tmp_path / "history.json")
    env = {**os.environ, "QUIZAPP_HOME": str(quizapp_home), "PYTHONPATH": str(Path.cwd())}
    out = run_in_pty(["history", "import", "history.json"], cwd=tmp_path, env=env)
    assert b"row 1: error: reviews: deck_id: " in out, out
    return tmp_path, env


def test_line_commands_write_no_escape_from_the_data(
    hostile_home: tuple[Path, dict[str, str]],
) -> None:
    folder, env = hostile_home
    for argv in LINE_COMMANDS:
        # plain study and quiz read answers: each gets a line to answer and a quit
        out = run_in_pty(argv, cwd=folder, env=env, steps=[(b"", b"1\n3\n1\n3\n\x04")], timeout=60)
        assert out, argv
        assert b"\x1b" not in out, (argv, out[:2000])
        for marker in MARKERS:
            assert marker not in out, (argv, marker)
    # the data is there, shown as escapes: the test saw the hostile text
    shown = run_in_pty(["check", "decks"], cwd=folder, env=env)
    assert b"\\x1b]52;c;UE9XTkVE" in shown


def test_full_screen_app_shows_no_payload(hostile_home: tuple[Path, dict[str, str]]) -> None:
    """Decks screen, the hostile deck's stats, a study session and a quiz, all on a terminal."""
    folder, env = hostile_home
    runs: list[tuple[list[str], list[tuple[bytes, bytes]]]] = [
        (["decks"], [(b"Last quiz", b"s"), (b"Histogram", b"\x11")]),
        (
            ["study", DECK_ID, "--decks", "decks"],
            [
                (b"Submit", b"1"),
                (b"Again", b"3"),
                (b"True", b"\x1b"),
                (b"Session over", b"\r"),
                (b"Last quiz", b"\x11"),
            ],
        ),
        (
            ["quiz", DECK_ID, "-n", "2", "--decks", "decks"],
            [(b"Abandon", b"1"), (b"Abandon", b"\x11")],
        ),
    ]
    for argv, steps in runs:
        out = run_in_pty(argv, cwd=folder, env=env, steps=steps, timeout=30)
        assert b"\x1b[?1049l" in out, argv  # and left the screen as it found it
        assert b"\x1b[?1049h" in out, argv  # the full-screen app really ran
        for marker in MARKERS:
            assert marker not in out, (argv, marker)
