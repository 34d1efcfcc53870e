"""``quizapp class [--deck ID] [--json]``: every learner's scores, for a teacher.

Connected to a shared history as a member of the teacher role, it prints each
learner's last and best quiz score and true retention per deck, their study
streak, and the cards the class misses most
(:mod:`quizapp.core.stats.class_view`). On the local history, or connected
as a learner, it says in one line that it needs a teacher's connection and
exits with status 2 (a usage error: the command is right, the connection is
not the one it needs).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import UTC, datetime

from quizapp.commands.stats_summary import cut, terminal_width
from quizapp.core.models import ID_PATTERN
from quizapp.core.stats import days_text, percent_text, score_text
from quizapp.core.stats.class_view import ClassReport, class_report, class_report_to_dict
from quizapp.core.store import StoreError, open_readonly, teacher_view
from quizapp.core.text import count_of, visible_line
from quizapp.exit_codes import ExitCode

NEEDS_TEACHER = (
    "quizapp: 'class' needs a teacher's connection to a shared history: set "
    "QUIZAPP_DATABASE_URL to postgresql://TEACHER@HOST/DATABASE "
    "(a role made with 'quizapp server add-teacher')"
)


def _when(ms: int | None) -> str:
    if ms is None:
        return "-"
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M UTC")


def format_class(report: ClassReport, width: int | None = None) -> str:
    """The class view as text: a block per learner, then the cards missed most."""
    width = width or terminal_width()
    scope = f"deck {report.deck_id}" if report.deck_id else "all decks"
    out = [cut(f"quizapp class: {scope}, {count_of(len(report.learners), 'learner')}", width)]
    for person in report.learners:
        out.append("")
        name = visible_line(person.learner)
        if not person.answers and not person.decks:
            out.append(cut(f"{name}: no answers yet", width))
            continue
        out.append(
            cut(
                f"{name}: {count_of(person.answers, 'answer', grouped=True)}, last "
                f"{_when(person.last_ms)}, streak {days_text(person.streak)}",
                width,
            )
        )
        deck_width = max(8, min(30, width - 40))
        out.append(f"  {'deck':<{deck_width}} quizzes   last   best  retention")
        for deck in person.decks:
            retention = percent_text(deck.retention)
            if deck.retention_answers:
                retention += f" of {deck.retention_answers:,}"
            out.append(
                cut(
                    f"  {cut(deck.deck_id, deck_width):<{deck_width}} {deck.quizzes:>7} "
                    f"{score_text(deck.last_score):>6} {score_text(deck.best_score):>6}  "
                    f"{retention}",
                    width,
                )
            )
    out += ["", "Missed most by the class (wrong answers of all, learners who missed):"]
    if not report.most_missed:
        out.append("  none yet")
    for card in report.most_missed:
        label = card.question or f"{card.deck_id} / {card.item_id}"
        head = f"  {card.wrong:>4} of {card.answers:<4} {count_of(card.learners, 'learner'):<11} "
        out.append(head + cut(label, max(10, width - len(head))))
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    from quizapp.core.config import ConfigError
    from quizapp.core.stats import load_setup
    from quizapp.core.stats.clock import DayClock

    if args.deck is not None and not re.match(ID_PATTERN, args.deck):
        print(
            f"quizapp: --deck {args.deck!r}: a deck id is lowercase letters, digits and '-'",
            file=sys.stderr,
        )
        return ExitCode.BAD_INPUT
    try:
        setup = load_setup()
        store = open_readonly()
    except (ConfigError, StoreError) as error:
        print(f"quizapp: {error}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    if store is None:  # no URL and no local history: not a teacher's connection either
        print(NEEDS_TEACHER, file=sys.stderr)
        return ExitCode.USAGE
    try:
        view = teacher_view(store)
        if view is None:
            print(NEEDS_TEACHER, file=sys.stderr)
            return ExitCode.USAGE
        now_ms = int(datetime.now(UTC).timestamp() * 1000)
        clock = DayClock(setup.tz, setup.rollover_hour)
        report = class_report(view, clock, now_ms, args.deck, setup.decks)
    except StoreError as error:
        print(f"quizapp: {error}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    finally:
        store.close()
    if args.json:
        sys.stdout.write(json.dumps(class_report_to_dict(report), indent=2) + "\n")
    else:
        sys.stdout.write(format_class(report))
    return ExitCode.OK
