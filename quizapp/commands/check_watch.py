"""``quizapp check --watch PATH...``: check again on every save, for an editor beside it.

Each run prints the time, the problems and the summary; Ctrl+C stops (exit 0).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from quizapp.commands._output import shown
from quizapp.core.i18n import _
from quizapp.exit_codes import ExitCode


def watch_loop(
    run_once: Callable[[], int],
    changes: Iterable[Any],
    relevant: Callable[[Any], set[Path]],
) -> int:
    """Run the check, then again after each batch of ``changes`` touching a deck file."""
    run_once()
    for batch in changes:
        touched = relevant(batch)
        if not touched:
            continue
        names = ", ".join(sorted(shown(p.name) for p in touched))
        stamp = datetime.now().strftime("%H:%M:%S")
        message = _("{names} changed: checking again").format(names=names)
        print(f"\n--- {stamp} {message}", file=sys.stderr, flush=True)
        run_once()
        sys.stdout.flush()
    return ExitCode.OK


def run(args: argparse.Namespace, run_once: Callable[[], int]) -> int:
    import watchfiles

    from quizapp.core.authoring.watch import changed_decks, watch_roots

    roots = watch_roots(Path(p) for p in args.decks)
    if not roots:
        return run_once()
    print(
        _("watching {folders} (Ctrl+C to stop)").format(folders=", ".join(str(r) for r in roots)),
        file=sys.stderr,
        flush=True,
    )
    try:
        return watch_loop(run_once, watchfiles.watch(*roots), changed_decks)
    except KeyboardInterrupt:
        return ExitCode.OK
