"""``quizapp quiz DECK [-n N] [--seed S]``: a scored quiz in the TUI, or ``--plain``."""

from __future__ import annotations

import argparse

from quizapp.commands.launch import launch


def run(args: argparse.Namespace) -> int:
    if args.plain:
        from quizapp.plain import run_quiz

        return run_quiz(args)
    return launch(args, "quiz")
