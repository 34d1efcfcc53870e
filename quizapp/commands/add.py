"""``quizapp add DECK``: the quick-add form for one card, then back to the shell."""

from __future__ import annotations

import argparse

from quizapp.cli import EXIT_OK


def run(args: argparse.Namespace) -> int:
    import sys

    from quizapp.cli import EXIT_USAGE
    from quizapp.commands._launch import resolve

    if args.deck == "all":
        print("quizapp: add to one deck: give its id or its file", file=sys.stderr)
        return EXIT_USAGE
    found = resolve(args)
    if isinstance(found, int):
        return found
    deck_id, extra = found
    from quizapp.tui.app import make_app  # Textual is imported only to launch it

    app = make_app(extra_paths=extra, start=("add", deck_id))
    app.run()
    if app.added_card:
        print(f"added card '{app.added_card}' to deck '{deck_id}'")
    return app.return_code or EXIT_OK
