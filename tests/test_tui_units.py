"""Small pure pieces of the interface: literal text, editor command lines, intervals."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.tui.editor import editor_command
from quizapp.tui.safe_text import literal, literal_text, visible


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "plain"),
        ("[bold]x[/]", "[bold]x[/]"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("bell\x07", "bell\\x07"),
        ("del\x7f", "del\\x7f"),
        ("csi\x9b1m", "csi\\x9b1m"),
        ("a\u202eb", "a\\u202eb"),
        ("tab\there", "tab here"),
        ("two\nlines", "two\nlines"),
    ],
)
def test_visible_shows_control_characters(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_single_line_escapes_newlines_like_the_plain_mode() -> None:
    from quizapp.core.text import visible_line

    assert visible("a\nb\x1b", single_line=True) == "a\\x0ab\\x1b" == visible_line("a\nb\x1b")


@given(st.text())
def test_visible_never_lets_a_control_character_through(text: str) -> None:
    for char in visible(text):
        assert char == "\n" or unicodedata.category(char) != "Cc"


@given(st.text(alphabet=st.sampled_from("[]/@=bold \x1b\n")))
def test_literal_keeps_markup_as_text(text: str) -> None:
    assert literal(text).plain == visible(text)
    assert literal_text(text).plain == visible(text, single_line=True)


@pytest.mark.parametrize(
    ("editor", "argv"),
    [
        ("vi", ["vi", "+12", "--", "/w/deck.toml"]),
        ("/usr/bin/nvim", ["/usr/bin/nvim", "+12", "--", "/w/deck.toml"]),
        ("nano -w", ["nano", "-w", "+12", "--", "/w/deck.toml"]),
        ("emacsclient -t", ["emacsclient", "-t", "+12", "--", "/w/deck.toml"]),
        ("emacs", ["emacs", "+12", "/w/deck.toml"]),
        ("hx", ["hx", "/w/deck.toml:12"]),
        ("code --wait", ["code", "--wait", "--goto", "/w/deck.toml:12"]),
        ("gedit", ["gedit", "/w/deck.toml"]),
    ],
)
def test_editor_command_opens_at_the_line(
    editor: str, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir("/")
    assert editor_command(Path("w/deck.toml"), 12, {"EDITOR": editor}) == argv


def test_visual_wins_and_vi_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")
    assert editor_command(Path("d"), 3, {"VISUAL": "vim", "EDITOR": "nano"})[0] == "vim"
    assert editor_command(Path("d"), None, {}) == ["vi", "--", "/d"]


@pytest.mark.parametrize(
    ("typed", "expected", "shown"),
    [
        ("Sisi", "Sissi", True),
        ("Haftr", "Haftar", True),
        ("Paris", "Tripoli", False),
        ("nope", "Khalifa Haftar", False),
    ],
)
def test_the_diff_is_shown_only_for_near_misses(typed: str, expected: str, shown: bool) -> None:
    from quizapp.core.checking import char_diff
    from quizapp.tui.widgets.feedback import diff_content, near_miss

    diff = char_diff(typed, expected)
    assert near_miss(diff) is shown
    assert "[" not in diff_content(diff).plain  # never confusable with deck text in brackets


def test_status_line_cuts_only_the_title_to_the_width() -> None:
    from textual.content import Content

    from quizapp.tui.safe_text import status_line

    head = Content("Quiz ")
    tail = " · question 1 of 10"
    assert status_line(head, "Short", tail, 80).plain == "Quiz Short · question 1 of 10"
    cut = status_line(head, "[b]利比亚 2019 年冬[/b]", tail, 30)
    assert cut.cell_length <= 30 and cut.plain.startswith("Quiz [b]")
    assert cut.plain.endswith("… · question 1 of 10")
