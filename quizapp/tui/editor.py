"""Open a deck file in the user's editor at a line (``e`` on the study screen)."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import Any

from textual.app import App

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


def editor_command(
    path: Path, line: int | None, environ: dict[str, str] | None = None
) -> list[str]:
    """The argv that opens ``path`` at ``line`` in ``$VISUAL`` or ``$EDITOR`` (default vi)."""
    env = os.environ if environ is None else environ
    editor = shlex.split(env.get("VISUAL") or env.get("EDITOR") or "vi")
    name = Path(editor[0]).name if editor else "vi"
    if line is None:
        return [*editor, str(path)]
    if name in PLUS_LINE:
        return [*editor, f"+{line}", str(path)]
    if name in COLON_LINE:
        return [*editor, f"{path}:{line}"]
    if name in GOTO_LINE:
        flag = ["--goto"] if name in ("code", "codium") else []
        return [*editor, *flag, f"{path}:{line}"]
    return [*editor, str(path)]


def open_in_editor(app: App[Any], path: Path, line: int | None) -> str | None:
    """Suspend the app, run the editor, resume. Returns a problem to show, or None."""
    command = editor_command(path, line)
    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except FileNotFoundError:
        return f"Editor not found: {command[0]} (set $EDITOR)"
    except Exception as error:  # SuspendNotSupported and friends
        return f"Could not open the editor: {error}"
    return None
