"""Writing to a deck from the app: own copy of a bundled deck, editor, reload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.screen import Screen

from quizapp.core.i18n import _
from quizapp.tui.backend import Backend


def _backend(screen: Screen[Any]) -> Backend:
    from quizapp.tui.app import QuizApp

    app = screen.app
    assert isinstance(app, QuizApp)
    return app.backend


async def writable_path(screen: Screen[Any], path: Path) -> Path:
    """The file to write for ``path``: a bundled deck is first copied (and the user told)."""
    from quizapp.core.authoring.own_copy import writable_deck

    backend = _backend(screen)
    target, message = await backend.run(writable_deck, path)
    if message:
        screen.notify(message, markup=False, timeout=8)
        await backend.run(backend.load)  # the library now loads the copy
    return Path(target)


async def edit_card(screen: Screen[Any], deck_id: str, path: Path, card_id: str) -> None:
    """Open ``$EDITOR`` at the card's line (in the user's copy), then reload the deck."""
    from quizapp.core.library import line_of_card, load_deck_file
    from quizapp.tui.editor import open_in_editor

    backend = _backend(screen)
    target = await writable_path(screen, path)
    loaded = await backend.run(load_deck_file, target, examples=False)
    line = line_of_card(loaded, card_id)
    problem = open_in_editor(screen.app, target, line)
    if problem:
        screen.notify(problem, severity="error", markup=False)
        return
    fresh = await backend.run(backend.reload_deck, target)
    if not fresh.ok:
        first = fresh.errors[0] if fresh.errors else _("unknown error")
        screen.notify(
            _("The deck now has errors.\n{error}").format(error=first),
            severity="error",
            markup=False,
        )
