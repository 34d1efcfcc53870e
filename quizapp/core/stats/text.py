"""Figures as text, the same in ``quizapp stats`` and on the stats screen.

Period names (``RETENTION_PERIODS``), tags and bin labels stay English in the
report and its JSON; :func:`period_text`, :func:`tag_text` and
:func:`bin_text` show them in the interface's language.
"""

from __future__ import annotations

from quizapp.core.i18n import N_, _, ngettext
from quizapp.core.l10n import number, percent

EARLY_NOTE = N_("Retention and lowest recall fill in after a few days of reviews.")
"""Marked only: show it with :func:`early_note` (or ``_(EARLY_NOTE)``)."""
UNTAGGED = N_("(untagged)")


def early_note() -> str:
    """:data:`EARLY_NOTE` in the interface's language."""
    return _(EARLY_NOTE)


def days_text(count: int) -> str:
    """``1 day``, ``3 days``: streak lengths read as words."""
    return ngettext("{n} day", "{n} days", count).format(n=number(count))


def percent_text(value: float | None) -> str:
    """A ratio as ``87.5%`` (``87,5 %`` in French); ``-`` when there is nothing to divide."""
    return "-" if value is None else percent(100 * value, 1)


def score_text(value: float | None) -> str:
    """A quiz score (already in percent) as ``80%``; ``-`` when there is none."""
    return "-" if value is None else percent(value, 0)


def period_text(period: str) -> str:
    """A retention period's name (``last 7 days``) in the interface's language."""
    return _(period)


def tag_text(tag: str) -> str:
    """A tag as shown: the stand-in for cards without a tag is translated, real tags are not."""
    return _(UNTAGGED) if tag == UNTAGGED else tag


def bin_text(low: float, high: float | None) -> str:
    """A histogram bin in days: ``1-2d``, ``365d+`` (``1-2 j``, ``365 j+``)."""
    if high is None:
        return _("{low}d+").format(low=f"{low:g}")
    return _("{low}-{high}d").format(low=f"{low:g}", high=f"{high:g}")


def bar_text(count: int, biggest: int, width: int) -> str:
    """A bar of whole blocks, ``width`` for the biggest count; any count > 0 shows one."""
    if count <= 0 or biggest <= 0:
        return ""
    return "█" * max(1, round(width * count / biggest))
