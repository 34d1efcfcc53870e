"""``quizapp study DECK``: study due cards in the TUI, or line by line with ``--plain``."""

from __future__ import annotations

import argparse

from quizapp.commands.launch import launch


def run(args: argparse.Namespace) -> int:
    if args.plain:
        from quizapp.plain import run_study

        return run_study(args)
    return launch(args, "study")
