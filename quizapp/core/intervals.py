"""Intervals as the rating buttons and messages show them: ``30s``, ``10m``, ``5h``, ``2.5mo``.

The one formatter for the TUI and plain mode. A unit is chosen by the
*rounded* value, so a value never reads as the next unit's threshold:
59.6 minutes is ``1h``, not ``60m``; 23.6 hours is ``1d``, not ``24h``.
"""

from __future__ import annotations

from datetime import timedelta

DAYS_PER_MONTH = 30
DAYS_PER_YEAR = 365


def _tenths(value: float, unit: str) -> str:
    """``2.5mo``; a whole number drops its ``.0`` (``2mo``)."""
    return f"{value:.1f}".removesuffix(".0") + unit


def format_interval(delta: timedelta) -> str:
    """``now``, ``30s``, ``10m``, ``5h``, ``3d``, ``2.5mo``, ``1.2y`` (negative reads ``now``)."""
    seconds = round(max(0.0, delta.total_seconds()))
    if seconds < 1:
        return "now"
    if seconds < 60:
        return f"{seconds}s"
    if round(seconds / 60) < 60:
        return f"{round(seconds / 60)}m"
    if round(seconds / 3600) < 24:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if round(days) < DAYS_PER_MONTH:
        return f"{round(days)}d"
    if days < DAYS_PER_YEAR:
        return _tenths(days / DAYS_PER_MONTH, "mo")
    return _tenths(days / DAYS_PER_YEAR, "y")
