"""Figures as text, the same in ``quizapp stats`` and on the stats screen."""

from __future__ import annotations

EARLY_NOTE = "Retention and lowest recall fill in after a few days of reviews."


def days_text(count: int) -> str:
    """``1 day``, ``3 days``: streak lengths read as words."""
    return f"{count:,} day" if count == 1 else f"{count:,} days"


def percent_text(value: float | None) -> str:
    """A ratio as ``87.5%``; ``-`` when there is nothing to divide."""
    return "-" if value is None else f"{100 * value:.1f}%"


def score_text(value: float | None) -> str:
    """A quiz score (already in percent) as ``80%``; ``-`` when there is none."""
    return "-" if value is None else f"{value:.0f}%"


def bar_text(count: int, biggest: int, width: int) -> str:
    """A bar of whole blocks, ``width`` for the biggest count; any count > 0 shows one."""
    if count <= 0 or biggest <= 0:
        return ""
    return "█" * max(1, round(width * count / biggest))
