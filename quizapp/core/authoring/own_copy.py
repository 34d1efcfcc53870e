"""Your own copy of a bundled deck: the installed file is never written.

Editing or adding to a deck that ships with quizapp first copies it into the
data folder's ``decks/`` under the same file name (so the same deck id, and
the history stays attached); the library then loads the copy instead of the
bundled file. A deck's source text comes along in ``decks/sources/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import tomlkit

from quizapp.core.atomic import atomic_write_text
from quizapp.core.i18n import _
from quizapp.core.paths import bundled_decks_dir, user_decks_dir

SOURCES_FOLDER = "sources"


def is_bundled(path: Path) -> bool:
    bundled = bundled_decks_dir().resolve()
    try:
        path.resolve().relative_to(bundled)
    except ValueError:
        return False
    return True


def writable_deck(path: Path) -> tuple[Path, str | None]:
    """The file to write for the deck at ``path``, and what to tell the user if it was copied."""
    if not is_bundled(path):
        return path, None
    target = user_decks_dir() / path.name
    if target.exists():
        return target, None
    target.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8-sig")
    doc = tomlkit.parse(text)
    deck = doc.get("deck")
    source = deck.get("source") if deck is not None else None
    if source is not None and isinstance(source.get("path"), str):
        original = (path.parent / str(source["path"])).resolve()
        if original.is_file():
            folder = target.parent / SOURCES_FOLDER
            folder.mkdir(exist_ok=True)
            shutil.copyfile(original, folder / original.name)
            source["path"] = f"{SOURCES_FOLDER}/{original.name}"
            text = tomlkit.dumps(doc)
    atomic_write_text(target, text, overwrite=False)
    return target, _(
        "This deck came with quizapp: it was copied to {target} (same id, history kept); "
        "your changes go there."
    ).format(target=target)
