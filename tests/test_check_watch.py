"""``quizapp check --watch``: checks again after each save of a deck file, not of others."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.cli import build_parser
from quizapp.commands.check import check_once
from quizapp.commands.check_watch import watch_loop
from quizapp.core.authoring.watch import changed_decks, is_deck_change, watch_roots

GOOD = 'format = 1\n[deck]\nid = "w"\ntitle = "W"\n\n[[cards]]\nid = "a"\ntype = "basic"\n'


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("deck.toml", True),
        (".deck.toml.abc.tmp", False),
        (".deck.toml.swp", False),
        ("deck.toml~", False),
        ("notes.txt", False),
        ("#deck.toml#", False),
    ],
)
def test_is_deck_change(name: str, expected: bool) -> None:
    assert is_deck_change(f"/x/{name}") is expected


def test_watch_roots_are_folders(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    deck.write_text("", encoding="utf-8")
    assert watch_roots([deck, tmp_path, tmp_path / "missing" / "x.toml"]) == [tmp_path.resolve()]


def test_each_save_checks_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "w.toml"
    deck.write_text(GOOD + 'front = "f"\nback = "b"\n', encoding="utf-8")
    args = build_parser().parse_args(["check", "--watch", str(deck)])
    saves = iter(
        [
            {(1, str(tmp_path / ".w.toml.swp"))},  # an editor's swap file: ignored
            {(2, str(deck))},
            {(2, str(deck))},
        ]
    )
    results: list[int] = []

    def run_once() -> int:
        results.append(check_once(args))
        return results[-1]

    def changes():  # the author breaks the deck, then fixes it
        yield next(saves)
        deck.write_text(GOOD + 'front = "f"\n', encoding="utf-8")
        yield next(saves)
        deck.write_text(GOOD + 'front = "f"\nback = "b"\n', encoding="utf-8")
        yield next(saves)

    assert watch_loop(run_once, changes(), changed_decks) == 0
    assert results == [0, 1, 0]
    captured = capsys.readouterr()
    assert captured.err.count("changed: checking again") == 2
    assert "missing key 'back'" in captured.out or "back" in captured.out
