"""Every command turns a bad history file or config into one line and status 1."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from quizapp.cli import main
from tests.conftest import REPO

DECK = str(REPO / "decks" / "libya-2019.en.toml")


def _junk_database(home: Path) -> None:
    (home / "history.sqlite3").write_bytes(b"this is not a database" * 50)


def _bad_config(home: Path) -> None:
    (home / "config.toml").write_text("day_rollover_hour = 99\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("spoil", "argv", "needle"),
    [
        (_junk_database, ["check", "--orphans", DECK], "history.sqlite3"),
        (_junk_database, ["study", "--plain", DECK], "history.sqlite3"),
        (_junk_database, ["quiz", "--plain", DECK], "history.sqlite3"),
        (_bad_config, ["study", "--plain", DECK], "day_rollover_hour"),
    ],
)
def test_bad_user_files_are_one_line(
    quizapp_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    spoil,
    argv: list[str],
    needle: str,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    spoil(quizapp_home)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("quizapp: ") and needle in err


def test_missing_command_module_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A subcommand whose module is not part of this build says so instead of a traceback."""
    import importlib

    real = importlib.import_module

    def fake(name: str, *args: object) -> object:
        if name == "quizapp.commands.due":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", fake)
    assert main(["due"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "quizapp: 'due' is not available in this version"


@pytest.mark.parametrize("count", ["0", "-5", "ten"])
def test_quiz_count_must_be_a_positive_number(
    count: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-n 0`` would start (and save) an empty quiz scored 0%: a usage error instead."""
    with pytest.raises(SystemExit) as info:
        main(["quiz", "--plain", DECK, "-n", count])
    assert info.value.code == 2
    assert "-n" in capsys.readouterr().err
