"""``quizapp study``/``quiz`` without a terminal: one line pointing at ``--plain``, exit 2.

Without the check the full-screen app starts on a pipe and spins until killed,
so each run here has a timeout that fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.commands.launch import not_a_terminal

ARGVS = [["study", "libya-2019-en"], ["quiz", "libya-2019-en", "-n", "2"]]


@pytest.mark.parametrize("argv", ARGVS, ids=["study", "quiz"])
def test_input_from_a_pipe(argv: list[str], quizapp_home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", *argv],
        input="1\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QUIZAPP_HOME": str(quizapp_home)},
    )
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "not a terminal" in lines[0] and "--plain" in lines[0], lines
    assert done.stdout == ""


def test_output_to_a_pipe_with_input_from_a_terminal(quizapp_home: Path) -> None:
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "quizapp", "study", "libya-2019-en"],
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "QUIZAPP_HOME": str(quizapp_home)},
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert "standard output is not a terminal" in done.stderr
    assert "quizapp study DECK --plain" in done.stderr


def test_a_terminal_on_both_ends_is_fine(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Tty())
    monkeypatch.setattr(sys, "stdout", Tty())
    assert not_a_terminal("study") is None
