"""Intervals as the rating buttons and messages show them: ``30s``, ``10m``, ``5h``, ``2.5mo``.

The one formatter for the TUI and plain mode. A unit is chosen by the
*rounded* value, so a value never reads as the next unit's threshold:
59.6 minutes is ``1h``, not ``60m``; 23.6 hours is ``1d``, not ``24h``.
In French: ``30 s``, ``10 min``, ``5 h``, ``3 j``, ``2,5 mois``, ``1,2 an``.
"""

from __future__ import annotations

from datetime import timedelta

from quizapp.core.i18n import _, ngettext
from quizapp.core.l10n import decimal

DAYS_PER_MONTH = 30
DAYS_PER_YEAR = 365


def _tenths(value: float) -> str:
    """``2.5``; a whole number drops its ``.0`` (``2``)."""
    text = decimal(value, 1)
    return text[:-2] if text[-2:] in (".0", ",0") else text


def format_interval(delta: timedelta) -> str:
    """``now``, ``30s``, ``10m``, ``5h``, ``3d``, ``2.5mo``, ``1.2y`` (negative reads ``now``)."""
    seconds = round(max(0.0, delta.total_seconds()))
    if seconds < 1:
        return _("now")
    if seconds < 60:
        return _("{n}s").format(n=seconds)
    if round(seconds / 60) < 60:
        return _("{n}m").format(n=round(seconds / 60))
    if round(seconds / 3600) < 24:
        return _("{n}h").format(n=round(seconds / 3600))
    days = seconds / 86400
    if round(days) < DAYS_PER_MONTH:
        return _("{n}d").format(n=round(days))
    if days < DAYS_PER_YEAR:
        return _("{n}mo").format(n=_tenths(days / DAYS_PER_MONTH))
    years = days / DAYS_PER_YEAR
    return ngettext("{n}y", "{n}y", int(years)).format(n=_tenths(years))
