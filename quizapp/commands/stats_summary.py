"""What ``quizapp stats`` prints by default: one screen of the figures that matter today.

Today's reviews, the streak, what is due, true retention, the last quizzes and
the cards least likely to be recalled now; ``--full`` prints every table
(:func:`quizapp.commands.stats.format_report`) and ``--json`` every figure.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

from quizapp.core import stats
from quizapp.core.i18n import _, ngettext
from quizapp.core.l10n import day, number
from quizapp.core.text import visible_line

SUMMARY_RECALL = 3  # cards of "lowest recall" in the summary
SUMMARY_PERIODS = ("last 7 days", "last 30 days", "all time")
MIN_WIDTH, MAX_WIDTH = 40, 120


def terminal_width() -> int:
    """The terminal's width (``COLUMNS`` first; 80 in a pipe), kept readable."""
    return max(MIN_WIDTH, min(MAX_WIDTH, shutil.get_terminal_size((80, 24)).columns))


def cut(text: str, width: int) -> str:
    """One line of at most ``width`` characters, control characters made visible."""
    line = visible_line(text)
    return line if len(line) <= width else line[: max(0, width - 1)] + "…"


def card_label(card: stats.HardCard, width: int) -> str:
    """The card's question cut to ``width``; its deck and id when no deck file is loaded."""
    return cut(card.question or f"{card.deck_id} / {card.item_id}", width)


def quiz_line(quiz: stats.RecentQuiz) -> str:
    """``2026-12-03  libya-2019-en  80% of 10`` or ``no score (abandoned)``."""
    when = datetime.fromtimestamp(quiz.when_ms / 1000, UTC).date()
    if quiz.score is None:
        result = _("no score (left before any answer)")
    elif quiz.abandoned:
        # its answered count, not a score out of the questions planned
        result = _("{score} of {n} answered (abandoned)").format(
            score=stats.score_text(quiz.score), n=quiz.questions
        )
    else:
        result = _("{score} of {n}").format(score=stats.score_text(quiz.score), n=quiz.questions)
    return f"  {day(when)}  {visible_line(quiz.deck_id)}  {result}"


def format_summary(report: stats.StatsReport, width: int | None = None) -> str:
    """One screen: today, streak, due, retention, last quizzes, lowest recall."""
    width = width or terminal_width()
    cal = report.calendar
    scope = _("deck {deck}").format(deck=report.deck_id) if report.deck_id else _("all decks")
    today = cal.days[-1][1] if cal.days else 0
    days = report.forecast.days
    due_today = days[0].due if days else report.forecast.overdue
    due_week = sum(d.due for d in days[:7])
    labels = [_("Today"), _("Streak"), _("Due"), _("Retention")]
    pad = max(10, *(len(label) + 1 for label in labels))
    today_label, streak_label, due_label, retention_label = (label.ljust(pad) for label in labels)
    out = [
        cut(
            _("quizapp stats: {scope}, {day} ({timezone}, days start at {hour})").format(
                scope=scope,
                day=day(cal.today),
                timezone=report.timezone,
                hour=f"{report.rollover_hour:02d}:00",
            ),
            width,
        ),
        "",
        today_label + ngettext("{n} review", "{n} reviews", today).format(n=number(today)),
        streak_label
        + _("{current} (longest {longest})").format(
            current=stats.days_text(cal.current_streak),
            longest=stats.days_text(cal.longest_streak),
        ),
        due_label
        + _("today {today} ({overdue} overdue) · next 7 days {week} · new {new}").format(
            today=number(due_today),
            overdue=number(report.forecast.overdue),
            week=number(due_week),
            new=number(report.card_states.new),
        ),
    ]
    if report.early:
        out.append(cut(stats.early_note(), width))
    else:
        rows = {row.period: row for row in report.retention.rows}
        parts = [
            f"{stats.period_text(name)} {stats.percent_text(rows[name].total)}"
            for name in SUMMARY_PERIODS
            if name in rows
        ]
        desired = stats.percent_text(report.retention.desired)
        retention = _("{periods} (desired {desired})").format(
            periods=" · ".join(parts), desired=desired
        )
        out.append(cut(retention_label + retention, width))
    out += ["", _("Last quizzes")]
    out += [cut(quiz_line(q), width) for q in report.recent_quizzes] or ["  " + _("no quiz yet")]
    if not report.early:
        out += ["", _("Lowest recall now")]
        cards = report.lowest_retrievability[:SUMMARY_RECALL]
        out += [
            f"  {stats.percent_text(c.retrievability):>6}  {card_label(c, width - 10)}"
            for c in cards
        ] or ["  " + _("none")]
    out += ["", cut(_("Every table: quizapp stats --full; every figure: --json"), width)]
    return "\n".join(out) + "\n"
