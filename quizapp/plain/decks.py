"""The decks named on the command line, resolved by the deck library."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from quizapp.core.i18n import _
from quizapp.core.library import DeckArgumentError, select_decks
from quizapp.core.models import Deck
from quizapp.core.text import visible_line
from quizapp.exit_codes import ExitCode


def refuse(message: str) -> int:
    """Say why the command cannot run, on stderr; the exit code for bad input."""
    _warn(message)
    return ExitCode.BAD_INPUT


def resolve_decks(deck_arg: str, extra: Sequence[str], *, allow_all: bool) -> list[Deck] | str:
    """The decks named on the command line, or a one-line error message.

    The library's :func:`~quizapp.core.library.select_decks` decides, as for
    the TUI; its notices (decks skipped, examples that fail) go to stderr once.
    """
    try:
        selection = select_decks(deck_arg, extra, allow_all=allow_all)
    except DeckArgumentError as error:
        return str(error)
    for notice in selection.notices:
        _warn(notice)
    return [loaded.deck for loaded in selection.decks if loaded.deck is not None]


def _warn(message: str) -> None:
    sys.stderr.write(_("quizapp: {message}").format(message=visible_line(message)) + "\n")
