"""Short, plain renderings of durations, dates and scores for the screens."""

from __future__ import annotations

from datetime import datetime, timedelta

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}

VERDICT_LABELS = {
    # Colour is never the only signal: each verdict has a symbol and a word.
    "correct": ("✓", "Correct"),
    "close": ("≈", "Close"),
    "wrong": ("✗", "Wrong"),
    None: ("•", "Self-graded"),
}


def interval(delta: timedelta) -> str:
    """``1m``, ``6m``, ``3h``, ``1d``, ``4d``, ``2.5mo``, ``1.2y``: like Anki's rating buttons."""
    seconds = max(0.0, delta.total_seconds())
    if seconds < 60:
        return f"{round(seconds)}s"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"


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
