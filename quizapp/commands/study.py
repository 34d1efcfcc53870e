"""`quizapp study DECK`: the full-screen study, or the plain line mode with --plain."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    if args.plain:
        from quizapp.plain import run_study

        return run_study(args)
    print("the full-screen interface is not available yet; use --plain", file=sys.stderr)
    return 1
