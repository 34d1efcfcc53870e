"""``quizapp [PATH...]``: the home screen of the TUI."""

from __future__ import annotations

import argparse

from quizapp.cli import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from quizapp.tui.app import make_app  # Textual is imported only to launch it

    app = make_app(extra_paths=list(getattr(args, "paths", []) or []), watch_decks=True)
    app.run()
    return app.return_code or EXIT_OK
