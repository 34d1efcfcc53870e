"""The decks named on the command line, resolved through the deck library."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp.core.text import visible_line
from quizapp.plain.lineio import EXIT_BAD_INPUT

if TYPE_CHECKING:
    from quizapp.core.models import Deck


def refuse(message: str) -> int:
    """Say why the command cannot run, on stderr; the exit code for bad input."""
    _warn(message)
    return EXIT_BAD_INPUT


_error = refuse  # the former private name, still imported by plain/study.py


def resolve_decks(deck_arg: str, extra: Sequence[str], *, allow_all: bool) -> list[Deck] | str:
    """The decks named on the command line, or a one-line error message.

    ``deck_arg`` is a deck id, a deck file path, or (for study) ``all``. A
    file path is loaded on its own (with ``--decks``), so a copy of a bundled
    deck can be studied without its id clashing with the original.
    """
    from quizapp.core.library import find_deck, load_library, load_paths, unknown_deck_message

    if Path(deck_arg).is_file():
        library = load_paths([deck_arg, *extra], examples=False)
    else:
        library = load_library(extra_paths=list(extra), examples=False)
    if allow_all and deck_arg == "all":
        for broken in (loaded for loaded in library if not loaded.ok):
            _warn(f"skipping deck {broken.id!r}: {_first_error(broken)}")
        decks = [loaded.deck for loaded in library if loaded.ok and loaded.deck is not None]
        return decks or "no deck without errors to study"
    loaded = find_deck(library, deck_arg)
    if loaded is None:
        return unknown_deck_message(library, deck_arg)
    if not loaded.ok or loaded.deck is None:
        return f"deck {deck_arg!r} has errors ({_first_error(loaded)}); see 'quizapp check'"
    return [loaded.deck]


def _first_error(loaded: Any) -> str:
    errors = getattr(loaded, "errors", None) or loaded.problems
    return str(errors[0]) if errors else "it could not be loaded"


def _warn(message: str) -> None:
    sys.stderr.write(f"quizapp: {visible_line(message)}\n")
