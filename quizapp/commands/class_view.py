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
from quizapp.core.i18n import N_, _, ngettext
from quizapp.core.l10n import number
from quizapp.core.models import ID_PATTERN
from quizapp.core.stats import days_text, percent_text, score_text
from quizapp.core.stats.class_view import ClassReport, class_report, class_report_to_dict
from quizapp.core.store import StoreError, open_readonly, teacher_view
from quizapp.core.text import visible_line
from quizapp.exit_codes import ExitCode

NEEDS_TEACHER = N_(
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
    scope = _("deck {deck}").format(deck=report.deck_id) if report.deck_id else _("all decks")
    learners = ngettext("{n} learner", "{n} learners", len(report.learners))
    out = [
        cut(
            _("quizapp class: {scope}, {learners}").format(
                scope=scope, learners=learners.format(n=number(len(report.learners)))
            ),
            width,
        )
    ]
    for person in report.learners:
        out.append("")
        name = visible_line(person.learner)
        if not person.answers and not person.decks:
            out.append(cut(_("{name}: no answers yet").format(name=name), width))
            continue
        answers = ngettext("{n} answer", "{n} answers", person.answers)
        out.append(
            cut(
                _("{name}: {answers}, last {when}, streak {streak}").format(
                    name=name,
                    answers=answers.format(n=number(person.answers)),
                    when=_when(person.last_ms),
                    streak=days_text(person.streak),
                ),
                width,
            )
        )
        deck_width = max(8, min(30, width - 40))
        heads = (_("deck"), _("quizzes"), _("last"), _("best"), _("retention"))
        q, last, best = (max(6, len(head)) for head in heads[1:4])  # French words are longer
        out.append(f"  {heads[0]:<{deck_width}} {heads[1]:>{q}} {heads[2]:>{last}} "
                   f"{heads[3]:>{best}}  {heads[4]}")  # fmt: skip
        for deck in person.decks:
            retention = percent_text(deck.retention)
            if deck.retention_answers:
                retention = _("{percent} of {answers}").format(
                    percent=retention, answers=number(deck.retention_answers)
                )
            out.append(
                cut(
                    f"  {cut(deck.deck_id, deck_width):<{deck_width}} {deck.quizzes:>{q}} "
                    f"{score_text(deck.last_score):>{last}} {score_text(deck.best_score):>{best}}"
                    f"  {retention}",
                    width,
                )
            )
    out += ["", _("Missed most by the class (wrong answers of all, learners who missed):")]
    if not report.most_missed:
        out.append("  " + _("none yet"))
    for card in report.most_missed:
        label = card.question or f"{card.deck_id} / {card.item_id}"
        who = ngettext("{n} learner", "{n} learners", card.learners).format(n=card.learners)
        wrong = _("{wrong} of {answers}").format(
            wrong=f"{number(card.wrong):>4}", answers=f"{number(card.answers):<4}"
        )
        head = f"  {wrong} {who:<11} "
        out.append(head + cut(label, max(10, width - len(head))))
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    from quizapp.core.config import ConfigError
    from quizapp.core.stats import load_setup
    from quizapp.core.stats.clock import DayClock

    if args.deck is not None and not re.match(ID_PATTERN, args.deck):
        print(
            "quizapp: "
            + _("--deck {deck!r}: a deck id is lowercase letters, digits and '-'").format(
                deck=args.deck
            ),
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
        print(_(NEEDS_TEACHER), file=sys.stderr)
        return ExitCode.USAGE
    try:
        view = teacher_view(store)
        if view is None:
            print(_(NEEDS_TEACHER), file=sys.stderr)
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
        sys.stdout.write(
            json.dumps(class_report_to_dict(report), indent=2, ensure_ascii=False) + "\n"
        )
    else:
        sys.stdout.write(format_class(report))
    return ExitCode.OK
