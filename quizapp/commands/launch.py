"""Shared by ``quizapp study`` and ``quizapp quiz``: select the deck, then start the TUI.

The deck is selected (:func:`quizapp.core.library.select_decks`, as in plain
mode) before Textual is imported, so a wrong id or a broken deck is reported
on stderr with the usual exit code instead of a screen.
"""

from __future__ import annotations

import argparse
import sys
from typing import Literal

from quizapp.core.config_check import check_config
from quizapp.core.i18n import _
from quizapp.core.library import DeckArgumentError, select_decks
from quizapp.core.text import visible_line
from quizapp.exit_codes import ExitCode


def not_a_terminal(command: str) -> str | None:
    """Why the full-screen app cannot run here, or None when stdin and stdout are a terminal.

    From a pipe the app would draw to nowhere and spin until killed; one line
    that points at ``--plain`` is what a script's author needs instead.
    """
    for name, stream in ((_("standard input"), sys.stdin), (_("standard output"), sys.stdout)):
        if stream is None or not stream.isatty():
            return _(
                "quizapp: {stream} is not a terminal; "
                "use 'quizapp {command} DECK --plain' to answer line by line"
            ).format(stream=name, command=command)
    return None


def launch(args: argparse.Namespace, kind: Literal["study", "quiz"]) -> int:
    """Start the TUI on the deck (or, to study, ``all``) the command line names."""
    check_config()  # a bad config file is one line on stderr, before any screen
    try:
        selection = select_decks(args.deck, args.decks or [], allow_all=kind == "study")
    except DeckArgumentError as error:
        print(_("quizapp: {message}").format(message=visible_line(str(error))), file=sys.stderr)
        return ExitCode.BAD_INPUT
    # after the deck is checked, so a wrong deck reads the same as in plain mode
    problem = not_a_terminal(kind)
    if problem is not None:
        print(problem, file=sys.stderr)
        return ExitCode.USAGE
    from quizapp.tui.app import Start, make_app  # Textual is imported only to launch it

    start: Start = (
        ("study", selection.key)
        if kind == "study"
        else ("quiz", selection.key, args.count, args.seed)
    )

    app = make_app(
        extra_paths=selection.extra_paths,
        deck_paths=selection.own_paths,
        start=start,
        notices=selection.notices,
        watch_decks=True,
    )
    app.run()
    return app.return_code or ExitCode.OK
