"""Editing the card on the study screen: ``$EDITOR`` at its line, then the deck reloaded."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.core.i18n import _
from quizapp.core.models import Deck
from quizapp.core.study import QueueEntry
from quizapp.tui.editor import open_in_editor

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp
    from quizapp.tui.backend import Backend


async def edit_card(
    app: QuizApp, paths: dict[str, Path], entry: QueueEntry
) -> tuple[Deck | None, str, str]:
    """Edit the entry's card; (the reloaded deck or None, what to say, its severity).

    A deck that has errors after the edit is not used: the old one stays.
    """
    path = paths.get(entry.deck_id)
    if path is None:
        return None, _("This deck has no file to edit."), "warning"
    backend = app.backend
    line = await backend.run(_card_line, backend, path, entry.item.card.id)
    problem = open_in_editor(app, path, line)
    if problem:
        return None, problem, "error"
    fresh = await backend.run(backend.reload_deck, path)
    if not fresh.ok or fresh.deck is None:
        first = fresh.errors[0] if fresh.errors else _("unknown error")
        message = _("The deck now has errors; still using the old version. {error}")
        return None, message.format(error=first), "error"
    return fresh.deck, _("Deck reloaded."), "information"


def _card_line(backend: Backend, path: Path, card_id: str) -> int | None:
    """The line of the card in its file, for ``$EDITOR +LINE`` (I/O thread)."""
    from quizapp.core.library import line_of_card

    loaded = next((ld for ld in backend.library if ld.path == path), None)
    return line_of_card(loaded, card_id) if loaded is not None else None
