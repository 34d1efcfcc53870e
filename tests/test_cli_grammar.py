"""The command line's grammar: unknown words, help text, options that never swallow DECK."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from quizapp.cli import build_parser, main
from tests.conftest import REPO

DECK = str(REPO / "decks" / "libya-2019.en.toml")


@pytest.mark.parametrize(
    ("word", "hint"),
    [("chek", "check"), ("stdy", "study"), ("zzzz", None), ("nosuch.toml", None)],
)
def test_unknown_word_is_a_usage_error(
    word: str,
    hint: str | None,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([word]) == 2
    err = capsys.readouterr().err
    assert f"unknown command or deck '{word}'" in err
    if hint:
        assert f"did you mean '{hint}'?" in err
    else:
        assert "did you mean" not in err


def _all_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found.extend(_all_parsers(child))
    return found


def test_every_option_has_help() -> None:
    missing = [
        f"{p.prog} {a.dest}"
        for p in _all_parsers(build_parser())
        for a in p._actions
        if not isinstance(a, argparse._SubParsersAction) and not a.help
    ]
    assert missing == []


@pytest.mark.parametrize("command", ["study", "quiz"])
def test_decks_option_leaves_the_deck_positional(command: str) -> None:
    args = build_parser().parse_args([command, "--plain", "--decks", "DIR", "DECK"])
    assert args.deck == "DECK" and args.decks == ["DIR"]
    args = build_parser().parse_args([command, "--decks", "A", "--decks", "B", "DECK"])
    assert args.deck == "DECK" and args.decks == ["A", "B"]


def test_existing_path_still_opens_home() -> None:
    args = build_parser().parse_args(["home", DECK])
    assert args.paths == [DECK]
