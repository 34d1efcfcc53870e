"""``quizapp check PATH...``: every problem of every deck, one a line, for people and editors.

Text output is ``PATH:LINE:COL: severity: message`` on stdout, and a one-line
summary on stderr (so ``--format json`` output stays pure JSON on stdout).
Exit 0 without errors (warnings are fine), 1 with any error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable
from typing import Any

from quizapp.core.library import LoadedDeck, load_paths
from quizapp.core.problems import Problem

EXIT_OK = 0
EXIT_ERRORS = 1

# Where the store keeps ``orphans(store, library)``; the first module that has it wins.
_ORPHAN_MODULES = ("quizapp.core.orphans", "quizapp.core.study", "quizapp.core.store")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(decks: list[LoadedDeck], problems: list[Problem]) -> str:
    """``2 decks checked: 3 errors, 1 warning``."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    return (
        f"{_plural(len(decks), 'deck')} checked: "
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    )


def _find_orphans() -> Callable[..., Any] | None:
    for name in _ORPHAN_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        function = getattr(module, "orphans", None)
        if callable(function):
            return function
    return None


def _orphan_lines(decks: list[LoadedDeck]) -> list[str]:
    """``orphan: DECK_ID ITEM_ID`` for history whose card is gone from its deck."""
    function = _find_orphans()
    if function is None:
        return ["note: listing orphans is not available in this version"]
    from quizapp.core.store.sqlite import SqliteStore  # imported only when asked for

    store = SqliteStore.open()
    try:
        pairs = function(store, decks)
    finally:
        store.close()
    return [f"orphan: {deck_id} {item_id}" for deck_id, item_id in pairs]


def run(args: argparse.Namespace) -> int:
    decks = load_paths(args.decks)
    problems = [problem for deck in decks for problem in deck.problems]
    checked = [deck for deck in decks if deck.path.exists()]
    if getattr(args, "output_format", "text") == "json":
        json.dump([p.to_dict() for p in problems], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for problem in problems:
            print(problem)
    if getattr(args, "orphans", False):
        as_json = getattr(args, "output_format", "text") == "json"
        for line in _orphan_lines([d for d in decks if d.ok]):
            to_stderr = as_json or line.startswith("note:")
            print(line, file=sys.stderr if to_stderr else sys.stdout)
    print(summary(checked, problems), file=sys.stderr)
    return EXIT_ERRORS if any(p.severity == "error" for p in problems) else EXIT_OK
