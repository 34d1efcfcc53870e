"""Short, plain renderings of dates, scores and verdicts for the screens.

Intervals and rating names are the core's (:mod:`quizapp.core.intervals`,
:mod:`quizapp.core.ratings`), shared with plain mode.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from quizapp.core.i18n import N_
from quizapp.core.l10n import day, percent

VERDICT_LABELS = {
    # Colour is never the only signal: each verdict has a symbol and a word (translate it
    # where shown).
    "correct": ("✓", N_("Correct")),
    "close": ("≈", N_("Close")),
    "wrong": ("✗", N_("Wrong")),
    None: ("•", N_("Self-graded")),
}


def short_date(when: datetime | None, now: datetime | None = None) -> str:
    """``2026-11-29`` (French ``29 nov. 2026``).

    The local date is deliberately not used so tests are stable.
    """
    if when is None:
        return "—"
    return day(when.date())


def score(value: float | None) -> str:
    """``85%`` (French ``85 %``)."""
    return "—" if value is None else percent(value, 0)


def elapsed(delta: timedelta) -> str:
    total = int(max(0, delta.total_seconds()))
    minutes, seconds = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
