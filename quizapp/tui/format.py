"""Short, plain renderings of dates, scores and verdicts for the screens.

Intervals and rating names are the core's (:mod:`quizapp.core.intervals`,
:mod:`quizapp.core.ratings`), shared with plain mode.
"""

from __future__ import annotations

from datetime import datetime, timedelta

VERDICT_LABELS = {
    # Colour is never the only signal: each verdict has a symbol and a word.
    "correct": ("✓", "Correct"),
    "close": ("≈", "Close"),
    "wrong": ("✗", "Wrong"),
    None: ("•", "Self-graded"),
}


def short_date(when: datetime | None, now: datetime | None = None) -> str:
    """``2026-11-29``; the local date is deliberately not used so tests are stable."""
    if when is None:
        return "—"
    return when.strftime("%Y-%m-%d")


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def elapsed(delta: timedelta) -> str:
    total = int(max(0, delta.total_seconds()))
    minutes, seconds = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
