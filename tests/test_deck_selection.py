"""One rule for the deck a command names, whatever front end studies it.

A deck whose examples fail is an error of ``quizapp check`` only: the TUI
(``quizapp study FILE``), plain mode and the home screen all study it, and
say why once.
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from quizapp.cli import main
from tests.conftest import DATA

EXAMPLES_FAIL = DATA / "bad" / "example-fails.toml"


class FakeApp:
    """Stands in for the TUI: records how it was built, runs nothing."""

    return_code = 0

    def run(self) -> None:
        pass


@pytest.fixture
def fake_tui(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import quizapp.tui.app

    built: dict[str, Any] = {}

    def make_app(**kwargs: Any) -> FakeApp:
        built.update(kwargs)
        return FakeApp()

    monkeypatch.setattr(quizapp.tui.app, "make_app", make_app)
    # the tests' output is captured, not a terminal: let the fake app "run" all the same
    monkeypatch.setattr("quizapp.commands.launch.not_a_terminal", lambda command: None)
    return built


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "deck.toml"
    shutil.copy(EXAMPLES_FAIL, path)
    return path


def test_check_reports_failing_examples(deck: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(deck)]) == 1
    assert "should be accepted" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["study", "quiz"])
def test_tui_studies_a_deck_whose_examples_fail(
    command: str,
    deck: Path,
    fake_tui: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([command, str(deck)]) == 0
    assert capsys.readouterr().err == ""
    assert fake_tui["start"][:2] == (command, "bad")
    assert fake_tui["deck_paths"] == [deck]
    (notice,) = fake_tui["notices"]
    assert (
        "2 examples of its cards are not judged as written" in notice
        and "can still be studied" in notice
    )


def test_plain_studies_it_and_says_why_once(
    deck: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(":q\n"))
    assert main(["study", str(deck), "--plain"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "can still be studied" in err


def test_tui_and_plain_refuse_the_same_way(
    tmp_path: Path,
    fake_tui: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\n[deck]\nid = "broken"\ntitle = "Broken"\nbogus = 1\n')
    errors = []
    for plain in ([], ["--plain"]):
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        assert main(["study", str(broken), *plain]) == 1
        errors.append(capsys.readouterr().err)
    assert errors[0] == errors[1] and errors[0].count("\n") == 1
    assert "has errors" in errors[0] and "broken.toml:5" in errors[0]
    assert not fake_tui


@pytest.mark.parametrize("argv", [[], ["study", "all"], ["quiz", "libya-2019-en"]])
def test_a_bad_config_is_one_line_before_any_screen(
    argv: list[str],
    quizapp_home: Path,
    fake_tui: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    (quizapp_home / "config.toml").write_text("day_rollover_hour = 30\n", encoding="utf-8")
    assert main(argv) == 1
    err = capsys.readouterr().err
    rule = "day_rollover_hour must be a whole hour from 0 to 23"
    assert err == f"quizapp: {quizapp_home / 'config.toml'}:1: {rule}\n"
    assert not fake_tui


def test_quiz_all_is_refused_by_both_front_ends(
    fake_tui: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A quiz is on one deck: 'all' is no deck id, in the TUI as in plain mode."""
    errors = []
    for plain in ([], ["--plain"]):
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        assert main(["quiz", "all", *plain]) == 1
        errors.append(capsys.readouterr().err)
    assert errors[0] == errors[1] and errors[0].startswith("quizapp: no deck 'all'")
    assert not fake_tui
