"""``quizapp [PATH...]``: the home screen of the TUI."""

from __future__ import annotations

import argparse

from quizapp.core.config_check import check_config
from quizapp.exit_codes import ExitCode


def run(args: argparse.Namespace) -> int:
    # A bad config file is one line on stderr, before any screen. A file found
    # valid before is known by its hash, so the config module (pydantic) is then
    # left for the deck loader to import after the first frame.
    check_config()
    from quizapp.tui.app import make_app  # Textual is imported only to launch it

    app = make_app(extra_paths=list(getattr(args, "paths", []) or []), watch_decks=True)
    app.run()
    return app.return_code or ExitCode.OK
