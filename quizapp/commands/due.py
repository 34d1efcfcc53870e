"""``quizapp due [--json]``: due, learning and new counts per deck, for scripts and prompts.

Counts are those of a study session started now (see :mod:`quizapp.core.study`):
``learning`` due today, ``review`` due now (within today's limit), ``due`` =
learning + review, and ``new`` within today's limit. The table's columns are
the JSON keys with the same numbers (DUE, LEARNING, REVIEW, NEW), so the two
never disagree. A deck that fails to load is reported on stderr and makes the
exit status 1; the other decks are still counted.

A deck id that has history but no loaded deck file (reviews imported with
``quizapp history import``, or a deck file since removed) is listed after
the decks, marked "(no deck file)" in the table and ``"history_only": true``
in JSON, with its counts taken from the stored card states (see
:func:`quizapp.core.study.history_counts`); otherwise cards that the stats
call overdue would be due nowhere.

A run that finds every deck file, the config and quizapp as the last run that
loaded them without an error counts from that run's index
(:mod:`quizapp.core.count_index`) and imports none of the deck, config or
scheduler models; any change means the full load, which writes the index again.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from quizapp.commands._output import shown
from quizapp.core.i18n import N_, _, pgettext
from quizapp.exit_codes import ExitCode

if TYPE_CHECKING:
    from quizapp.core.count_index import CountIndex
    from quizapp.core.store import Store

COUNTS = ("due", "learning", "review", "new")
LEGEND = N_(
    "DUE = LEARNING + REVIEW (learning steps due today, reviews due now); NEW = new for today"
)
HISTORY_ONLY = N_("(no deck file)")
Row = dict[str, Any]  # one deck's line, as the JSON report has it


class Counts(Protocol):
    """Today's numbers of one deck (a study session's ``QueueCounts`` or the index's)."""

    @property
    def new(self) -> int: ...
    @property
    def learning(self) -> int: ...
    @property
    def review(self) -> int: ...


def _row(deck_id: str, title: str | None, path: Path | str | None, counts: Counts) -> Row:
    return {
        "id": deck_id,
        "title": title,
        "path": None if path is None else str(path),
        "new": counts.new,
        "learning": counts.learning,
        "review": counts.review,
        "due": counts.learning + counts.review,
        "history_only": path is None,
    }


def _table(rows: list[Row]) -> str:
    headers = (pgettext("due table", "DECK"), *(_column(key) for key in COUNTS), "")
    body = [
        (r["id"], *(str(r[key]) for key in COUNTS), _(HISTORY_ONLY) if r["history_only"] else "")
        for r in rows
    ]
    total = (
        pgettext("due table", "total"),
        *(str(sum(r[key] for r in rows)) for key in COUNTS),
        "",
    )
    lines = [headers, *body, total] if len(rows) != 1 else [headers, *body]
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
    out = []
    for line in lines:
        numbers = [c.rjust(w) for c, w in zip(line[1:-1], widths[1:-1], strict=True)]
        cells = [line[0].ljust(widths[0]), *numbers, line[-1]]
        out.append("  ".join(cells).rstrip())
    out.append(_(LEGEND))
    return "\n".join(out)


def _column(key: str) -> str:
    """The table's header for a JSON key (the JSON keys themselves stay English)."""
    names = {
        "due": pgettext("due table", "DUE"),
        "learning": pgettext("due table", "LEARNING"),
        "review": pgettext("due table", "REVIEW"),
        "new": pgettext("due table", "NEW"),
    }
    return names[key]


def run(args: argparse.Namespace) -> int:
    from quizapp.core.count_index import index_key, load_index

    # What the index must match is read before the decks, so that a deck
    # changed while they load makes the index written below stale, never wrong.
    key = index_key(getattr(args, "decks", None) or [])
    index = load_index(key)
    if index is not None:
        return _run_indexed(args, index)
    return _run_loaded(args, key)


def _run_indexed(args: argparse.Namespace, index: CountIndex) -> int:
    """Count from the index alone: no deck, config or scheduler model is imported."""
    from quizapp.core.clock import utc_ms_floor
    from quizapp.core.store import StoreError
    from quizapp.core.store.sqlite import SqliteStore, open_readonly
    from quizapp.core.study_counts import count_day, count_history_only, day_window

    now = utc_ms_floor(datetime.now(UTC))  # as deck_counts sees it
    day = index.study_day(now)
    window = day_window(*index.clock().day_bounds(day), now, index.learn_ahead_minutes)
    try:
        # read only: works on read-only media, and never creates a history
        found = open_readonly()
        store = found if found is not None else SqliteStore.open(":memory:")
    except StoreError as exc:
        print(_("quizapp: {message}").format(message=exc), file=sys.stderr)
        return ExitCode.BAD_INPUT
    rows = []
    with store:
        for deck in index.decks:
            counts = count_day(
                store, deck.deck_id, deck.items, deck.sibling_groups, deck.limits, window
            )
            rows.append(_row(deck.deck_id, deck.title, deck.path, counts))
        with_file = {deck.deck_id for deck in index.decks}
        for deck_id in sorted(store.deck_ids_with_history() - with_file):
            rows.append(_row(deck_id, None, None, count_history_only(store, deck_id, window)))
    _report(args, rows, day)
    return ExitCode.OK


def _run_loaded(args: argparse.Namespace, key: dict[str, Any]) -> int:
    """Load and validate every deck and the config, count, and write the index for next time."""
    from quizapp.core.config import ConfigError, load_config
    from quizapp.core.count_index import save_index
    from quizapp.core.library import load_library
    from quizapp.core.store import StoreError, open_readonly, open_store
    from quizapp.core.study import deck_counts, history_counts

    try:
        config = load_config()
    except ConfigError as exc:
        print(_("quizapp: {message}").format(message=exc), file=sys.stderr)
        return ExitCode.BAD_INPUT
    # Counting needs the cards, not the lint: running every card's examples
    # through the checker would be most of the command's time.
    library = load_library(getattr(args, "decks", None) or [], examples=False)
    status = ExitCode.OK
    now = datetime.now(UTC)
    rows = []
    try:
        # read only: works on read-only media, and never creates a history
        found: Store | None = open_readonly()
        store = found if found is not None else open_store(":memory:")
    except StoreError as exc:
        print(_("quizapp: {message}").format(message=exc), file=sys.stderr)
        return ExitCode.BAD_INPUT
    with store:
        for loaded in library:
            if not loaded.ok or loaded.deck is None:
                status = ExitCode.BAD_INPUT
                for problem in loaded.errors[:3]:
                    print(problem, file=sys.stderr)
                print(
                    _("quizapp: {path}: the deck has errors; skipped").format(
                        path=shown(loaded.path)
                    ),
                    file=sys.stderr,
                )
                continue
            counts = deck_counts(store, loaded.deck, now, config)
            rows.append(_row(loaded.deck.deck.id, loaded.deck.deck.title, loaded.path, counts))
        with_file = {loaded.id for loaded in library}
        for deck_id in sorted(store.deck_ids_with_history() - with_file):
            counts = history_counts(store, deck_id, now, config)
            rows.append(_row(deck_id, None, None, counts))
    if status == ExitCode.OK:
        save_index(key, config, [(d.path, d.deck) for d in library if d.deck is not None])
    _report(args, rows, config.study_day(now))
    return status


def _report(args: argparse.Namespace, rows: list[Row], day: date) -> None:
    if args.json:
        totals = {key: sum(r[key] for r in rows) for key in ("new", "learning", "review", "due")}
        report = {"day": day.isoformat(), "decks": rows, "total": totals}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif rows:
        print(_table(rows))
    else:
        print(_("no decks"), file=sys.stderr)
