"""What ``quizapp stats`` prints by default: one screen of the figures that matter today.

Today's reviews, the streak, what is due, true retention, the last quizzes and
the cards least likely to be recalled now; ``--full`` prints every table
(:func:`quizapp.commands.stats.format_report`) and ``--json`` every figure.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

from quizapp.core import stats
from quizapp.core.text import count_of, visible_line

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
    day = datetime.fromtimestamp(quiz.when_ms / 1000, UTC).date().isoformat()
    if quiz.score is None:
        result = "no score (left before any answer)"
    elif quiz.abandoned:  # its answered count, not a score out of the questions planned
        result = f"{stats.score_text(quiz.score)} of {quiz.questions} answered (abandoned)"
    else:
        result = f"{stats.score_text(quiz.score)} of {quiz.questions}"
    return f"  {day}  {visible_line(quiz.deck_id)}  {result}"


def format_summary(report: stats.StatsReport, width: int | None = None) -> str:
    """One screen: today, streak, due, retention, last quizzes, lowest recall."""
    width = width or terminal_width()
    cal = report.calendar
    scope = f"deck {report.deck_id}" if report.deck_id else "all decks"
    today = cal.days[-1][1] if cal.days else 0
    days = report.forecast.days
    due_today = days[0].due if days else report.forecast.overdue
    due_week = sum(d.due for d in days[:7])
    out = [
        cut(
            f"quizapp stats: {scope}, {cal.today.isoformat()} ({report.timezone}, "
            f"days start at {report.rollover_hour:02d}:00)",
            width,
        ),
        "",
        f"Today      {count_of(today, 'review')}",
        f"Streak     {stats.days_text(cal.current_streak)} "
        f"(longest {stats.days_text(cal.longest_streak)})",
        f"Due        today {due_today:,} ({report.forecast.overdue:,} overdue) · "
        f"next 7 days {due_week:,} · new {report.card_states.new:,}",
    ]
    if report.early:
        out.append(cut(stats.EARLY_NOTE, width))
    else:
        rows = {row.period: row for row in report.retention.rows}
        parts = [
            f"{name} {stats.percent_text(rows[name].total)}"
            for name in SUMMARY_PERIODS
            if name in rows
        ]
        desired = stats.percent_text(report.retention.desired)
        out.append(cut(f"Retention  {' · '.join(parts)} (desired {desired})", width))
    out += ["", "Last quizzes"]
    out += [cut(quiz_line(q), width) for q in report.recent_quizzes] or ["  no quiz yet"]
    if not report.early:
        out += ["", "Lowest recall now"]
        cards = report.lowest_retrievability[:SUMMARY_RECALL]
        out += [
            f"  {stats.percent_text(c.retrievability):>6}  {card_label(c, width - 10)}"
            for c in cards
        ] or ["  none"]
    out += ["", cut("Every table: quizapp stats --full; every figure: --json", width)]
    return "\n".join(out) + "\n"
