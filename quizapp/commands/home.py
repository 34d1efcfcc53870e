"""``quizapp [PATH...]``: the home screen of the TUI."""

from __future__ import annotations

import argparse

from quizapp.core.paths import config_path
from quizapp.exit_codes import ExitCode


def run(args: argparse.Namespace) -> int:
    if config_path().exists():
        # A bad config file is one line on stderr, before any screen. Without a
        # file there is nothing to report, and the config module (pydantic) is
        # then left for the deck loader to import after the first frame.
        from quizapp.core.config import load_config

        load_config()
    from quizapp.tui.app import make_app  # Textual is imported only to launch it

    app = make_app(extra_paths=list(getattr(args, "paths", []) or []), watch_decks=True)
    app.run()
    return app.return_code or ExitCode.OK
