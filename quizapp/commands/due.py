"""``quizapp due [--json]``: due, learning and new counts per deck, for scripts and prompts.

Counts are those of a study session started now (see :mod:`quizapp.core.study`):
``new`` within today's limit, ``learning`` due today, ``review`` due now
(within today's limit). A deck that fails to load is reported on stderr and
makes the exit status 1; the other decks are still counted.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from quizapp.core.config import ConfigError, load_config
from quizapp.core.library import load_library
from quizapp.core.models import Deck
from quizapp.core.store import StoreError, open_store
from quizapp.core.study import QueueCounts, deck_counts

EXIT_OK, EXIT_BAD_INPUT = 0, 1


def _row(deck: Deck, path: Path, counts: QueueCounts) -> dict:
    return {
        "id": deck.deck.id,
        "title": deck.deck.title,
        "path": str(path),
        "new": counts.new,
        "learning": counts.learning,
        "review": counts.review,
        "due": counts.learning + counts.review,
    }


def _table(rows: list[dict]) -> str:
    headers = ("DECK", "DUE", "LEARNING", "NEW")
    body = [(r["id"], str(r["review"]), str(r["learning"]), str(r["new"])) for r in rows]
    total = (
        "total",
        str(sum(r["review"] for r in rows)),
        str(sum(r["learning"] for r in rows)),
        str(sum(r["new"] for r in rows)),
    )
    lines = [headers, *body, total] if len(rows) != 1 else [headers, *body]
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    out = []
    for line in lines:
        numbers = [c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)]
        cells = [line[0].ljust(widths[0]), *numbers]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"quizapp: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    # Counting needs the cards, not the lint: running every card's examples
    # through the checker would be most of the command's time.
    library = load_library(getattr(args, "decks", None) or [], examples=False)
    status = EXIT_OK
    now = datetime.now(UTC)
    rows = []
    try:
        store = open_store()
    except StoreError as exc:
        print(f"quizapp: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    with store:
        for loaded in library:
            if not loaded.ok or loaded.deck is None:
                status = EXIT_BAD_INPUT
                for problem in loaded.errors[:3]:
                    print(problem, file=sys.stderr)
                print(f"quizapp: {loaded.path}: the deck has errors; skipped", file=sys.stderr)
                continue
            counts = deck_counts(store, loaded.deck, now, config)
            rows.append(_row(loaded.deck, loaded.path, counts))
    if args.json:
        totals = {key: sum(r[key] for r in rows) for key in ("new", "learning", "review", "due")}
        day = config.study_day(now).isoformat()
        report = {"day": day, "decks": rows, "total": totals}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif rows:
        print(_table(rows))
    else:
        print("no decks", file=sys.stderr)
    return status
