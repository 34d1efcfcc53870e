"""Deck paths handed to ``$EDITOR``: never an option, a ``+COMMAND`` or a line number."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.tui.editor import UnsafeEditorPath, editor_command

EDITORS = ["vi", "vim -u NONE", "nvim", "nano", "emacs", "emacsclient -t", "hx", "code", "gedit"]


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize("name", ["+!touch pwned", "-c!touch pwned", "--cmd=x", "+12"])
def test_a_relative_name_an_editor_could_misread_is_refused(
    editor: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``quizapp .`` finds decks under a relative folder: ``+cmd.toml`` would run in vi."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UnsafeEditorPath):
        editor_command(Path(name + ".toml"), 3, {"EDITOR": editor})
    with pytest.raises(UnsafeEditorPath):
        editor_command(Path(name + ".toml"), None, {"EDITOR": editor})


@pytest.mark.parametrize("editor", EDITORS)
def test_every_argument_after_the_editor_is_absolute_or_a_line(
    editor: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = editor_command(Path("decks/deck.toml"), 7, {"EDITOR": editor})
    own = len(editor.split())
    added = argv[own:]
    path_args = [a for a in added if a not in ("--", "+7", "--goto")]
    assert path_args and all(a.startswith(str(tmp_path)) for a in path_args), argv
    if "+7" in added and "--" in added:
        assert added.index("+7") < added.index("--")


@pytest.mark.parametrize("bad", ["a\nb.toml", "a\x1b[2J.toml"])
def test_control_characters_in_the_path_are_refused(bad: str) -> None:
    with pytest.raises(UnsafeEditorPath):
        editor_command(Path("/tmp") / bad, 1, {"EDITOR": "vi"})


def test_a_colon_is_refused_where_it_would_read_as_a_line(tmp_path: Path) -> None:
    with pytest.raises(UnsafeEditorPath):
        editor_command(tmp_path / "x:3.toml", 1, {"EDITOR": "hx"})
    assert editor_command(tmp_path / "x:3.toml", 1, {"EDITOR": "vim"})[-1].endswith("x:3.toml")
