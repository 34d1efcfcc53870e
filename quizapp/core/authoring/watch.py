"""Which file changes matter to a deck author: deck files, not editor swap files.

Shared by ``quizapp check --watch`` and the TUI's reload of changed decks, so
both react to the same saves. Watching itself is watchfiles' job.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

_IGNORED_PREFIXES = (".", "#", "~")


def is_deck_change(path: str | Path) -> bool:
    """True for a ``*.toml`` file that is not an editor's or our own temporary file."""
    name = Path(path).name
    return name.endswith(".toml") and not name.startswith(_IGNORED_PREFIXES)


def watch_roots(paths: Iterable[Path]) -> list[Path]:
    """The folders to watch for ``paths`` (files are watched through their folder,
    since many editors save by writing a new file and renaming it)."""
    roots: list[Path] = []
    for path in paths:
        folder = path if path.is_dir() else path.parent
        folder = folder.resolve() if folder.exists() else folder
        if folder.is_dir() and folder not in roots:
            roots.append(folder)
    return roots


def changed_decks(changes: Iterable[tuple[object, str]]) -> set[Path]:
    """The deck files among a batch of watchfiles changes."""
    return {Path(path).resolve() for _, path in changes if is_deck_change(path)}
