"""``quizapp add DECK``: the quick-add form for one card, then back to the shell."""

from __future__ import annotations

import argparse
import sys

from quizapp.core.i18n import _
from quizapp.core.library import DeckArgumentError, select_decks
from quizapp.core.text import visible_line
from quizapp.exit_codes import ExitCode


def run(args: argparse.Namespace) -> int:
    if args.deck == "all":
        print(_("quizapp: add to one deck: give its id or its file"), file=sys.stderr)
        return ExitCode.USAGE
    try:
        selection = select_decks(args.deck, args.decks or [], allow_all=False)
    except DeckArgumentError as error:
        print(_("quizapp: {message}").format(message=visible_line(str(error))), file=sys.stderr)
        return ExitCode.BAD_INPUT
    from quizapp.tui.app import make_app  # Textual is imported only to launch it

    app = make_app(
        extra_paths=selection.extra_paths,
        deck_paths=selection.own_paths,
        start=("add", selection.key),
    )
    app.run()
    if app.added_card:
        print(
            _("added card '{card}' to deck '{deck}'").format(
                card=app.added_card, deck=visible_line(selection.key)
            )
        )
    return app.return_code or ExitCode.OK
