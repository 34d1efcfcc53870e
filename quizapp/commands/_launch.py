"""Shared by ``quizapp study`` and ``quizapp quiz``: find the deck, then start the TUI.

The deck is resolved before Textual is imported, so a wrong id or a broken
deck is reported on stderr with the usual exit code instead of a screen.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizapp.cli import EXIT_BAD_INPUT, EXIT_OK


def resolve(args: argparse.Namespace) -> tuple[str, list[Path]] | int:
    """Return (deck id or "all", extra paths) or an exit code after printing why."""
    from quizapp.core.library import find_deck, load_library, unknown_deck_message

    extra = [Path(p) for p in (args.decks or [])]
    if args.deck != "all" and Path(args.deck).suffix == ".toml":
        extra.append(Path(args.deck))
    library = load_library(extra_paths=extra)
    if args.deck == "all":
        if not any(ld.ok for ld in library):
            print("quizapp: no usable decks found", file=sys.stderr)
            return EXIT_BAD_INPUT
        return "all", extra
    loaded = find_deck(library, args.deck)
    if loaded is None:
        print(f"quizapp: {unknown_deck_message(library, args.deck)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not loaded.ok:
        for problem in loaded.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    return loaded.id, extra


def launch(args: argparse.Namespace, start: tuple) -> int:
    found = resolve(args)
    if isinstance(found, int):
        return found
    deck_id, extra = found
    from quizapp.tui.app import make_app  # Textual is imported only to launch it

    app = make_app(extra_paths=extra, start=(start[0], deck_id, *start[1:]), watch_decks=True)
    app.run()
    return app.return_code or EXIT_OK
