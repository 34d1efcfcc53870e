"""``quizapp check PATH...``: every problem of every deck, one a line, for people and editors.

Text output is ``PATH:LINE:COL: severity: message`` on stdout, and a one-line
summary on stderr (so ``--format json`` output stays pure JSON on stdout).
Exit 0 without errors (warnings are fine), 1 with any error. ``--orphans``
also lists history (deck id, item id) whose card is gone from the checked
decks; orphans never fail the check, since history is never deleted.
"""

from __future__ import annotations

import argparse
import json
import sys

from quizapp.core.i18n import _, ngettext
from quizapp.core.library import LoadedDeck, load_paths
from quizapp.core.problems import Problem
from quizapp.exit_codes import ExitCode


def summary(decks: list[LoadedDeck], problems: list[Problem]) -> str:
    """``2 decks checked: 3 errors, 1 warning``."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    return _("{decks}: {errors}, {warnings}").format(
        decks=ngettext("{n} deck checked", "{n} decks checked", len(decks)).format(n=len(decks)),
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
    )


def _orphans(decks: list[LoadedDeck]) -> list[tuple[str, str]]:
    """(deck id, item id) with history but no longer in the checked decks.

    Only the decks being checked are looked at, so checking one file does not
    list the history of every other deck. Without a history file (and no server) there is
    nothing to list (and none is created). Imported here: only ``--orphans``
    pays for the store and the scheduler.
    """
    from quizapp.core.paths import database_path
    from quizapp.core.store import open_store
    from quizapp.core.store.backend import database_url
    from quizapp.core.study import orphans

    if database_url() is None and not database_path().exists():
        return []
    store = open_store()
    try:
        return orphans(store, decks)
    finally:
        store.close()


def run(args: argparse.Namespace) -> int:
    if args.watch:
        from quizapp.commands import check_watch

        return check_watch.run(args, lambda: check_once(args))
    return check_once(args)


def check_once(args: argparse.Namespace) -> int:
    """Check the decks once: print every problem and the summary; the exit code."""
    decks = load_paths(args.decks, examples=True)
    problems = [problem for deck in decks for problem in deck.problems]
    checked = [deck for deck in decks if deck.path.exists()]
    if getattr(args, "output_format", "text") == "json":
        json.dump([p.to_dict() for p in problems], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for problem in problems:
            print(problem)
    tail = ""
    if getattr(args, "orphans", False):
        found = _orphans(decks)
        # In JSON mode stdout is reserved for the problems list.
        stream = sys.stderr if getattr(args, "output_format", "text") == "json" else sys.stdout
        for deck_id, item_id in found:
            print(
                _("orphan: {deck} {item}: has history but is no longer in the deck").format(
                    deck=deck_id, item=item_id
                ),
                file=stream,
            )
        tail = ", " + ngettext("{n} orphan", "{n} orphans", len(found)).format(n=len(found))
    print(summary(checked, problems) + tail, file=sys.stderr)
    return ExitCode.BAD_INPUT if any(p.severity == "error" for p in problems) else ExitCode.OK
