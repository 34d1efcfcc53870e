"""Open a deck file in the user's editor at a line (``e`` on the study screen)."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import Any

from textual.app import App

from quizapp.core.i18n import _
from quizapp.core.text import visible_line

# Editors that take ``+LINE FILE``; others get the file alone (or their own syntax).
PLUS_LINE = frozenset(
    {
        "vi",
        "vim",
        "nvim",
        "view",
        "nano",
        "pico",
        "emacs",
        "emacsclient",
        "mg",
        "micro",
        "joe",
        "jed",
        "ne",
        "kak",
        "mcedit",
    }
)
COLON_LINE = frozenset({"hx", "helix"})  # FILE:LINE
GOTO_LINE = frozenset({"code", "codium", "subl", "zed"})  # --goto FILE:LINE (code) / FILE:LINE
# Editors known to read ``--`` as the end of their options (``+LINE`` goes before it).
END_OF_OPTIONS = frozenset({"vi", "vim", "nvim", "view", "nano", "pico", "emacsclient"})


class UnsafeEditorPath(ValueError):
    """A deck path an editor could read as an option, a command or a line number."""


def safe_editor_path(path: Path, *, with_line_suffix: bool = False) -> str:
    """``path`` made absolute, or UnsafeEditorPath when an editor could misread it.

    An absolute path never starts with ``-`` or ``+``, so it cannot be taken
    for an option or for vi's ``+COMMAND``; a name that starts with either is
    refused all the same, as are control characters (an editor's own command
    line would interpret them) and, for editors that take ``FILE:LINE``, a
    ``:`` in the path.
    """
    absolute = os.path.abspath(path)
    name = os.path.basename(absolute)
    if name.startswith(("-", "+")):
        raise UnsafeEditorPath(
            _("not opening {path}: a name starting with '-' or '+'").format(path=visible_line(name))
        )
    if visible_line(absolute) != absolute:
        raise UnsafeEditorPath(
            _("not opening {path}: control characters in the path").format(
                path=visible_line(absolute)
            )
        )
    if with_line_suffix and ":" in absolute:
        raise UnsafeEditorPath(
            _("not opening {path}: ':' in the path").format(path=visible_line(absolute))
        )
    return absolute


def editor_command(
    path: Path, line: int | None, environ: dict[str, str] | None = None
) -> list[str]:
    """The argv that opens ``path`` at ``line`` in ``$VISUAL`` or ``$EDITOR`` (default vi).

    The path is always absolute and comes after ``--`` where the editor takes it;
    UnsafeEditorPath for a path an editor could misread.
    """
    env = os.environ if environ is None else environ
    editor = shlex.split(env.get("VISUAL") or env.get("EDITOR") or "vi") or ["vi"]
    name = Path(editor[0]).name
    end = ["--"] if name in END_OF_OPTIONS else []
    if line is not None and name in COLON_LINE:
        return [*editor, f"{safe_editor_path(path, with_line_suffix=True)}:{line}"]
    if line is not None and name in GOTO_LINE:
        flag = ["--goto"] if name in ("code", "codium") else []
        return [*editor, *flag, f"{safe_editor_path(path, with_line_suffix=True)}:{line}"]
    target = safe_editor_path(path)
    if line is not None and name in PLUS_LINE:
        return [*editor, f"+{line}", *end, target]
    return [*editor, *end, target]


def open_in_editor(app: App[Any], path: Path, line: int | None) -> str | None:
    """Suspend the app, run the editor, resume. Returns a problem to show, or None."""
    try:
        command = editor_command(path, line)
    except UnsafeEditorPath as error:
        return str(error)
    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except FileNotFoundError:
        return _("Editor not found: {command} (set $EDITOR)").format(command=command[0])
    except Exception as error:  # SuspendNotSupported and friends
        return _("Could not open the editor: {error}").format(error=error)
    return None
