"""Numbers and dates as the interface's language writes them (the figures of plain displays).

English output keeps the forms it always had (``1,205``, ``0.44``, ISO
dates, ``Fri 04 Dec``); French groups digits with a narrow no-break space
(``1 205``), uses a decimal comma (``0,44``), writes ``4 déc. 2026`` and
``ven. 04 déc.``, and puts a no-break space before ``%``. Machine output
(JSON, CSV) never goes through here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Final

from quizapp.core.i18n import current_language

NARROW_NBSP: Final = "\u202f"
NBSP: Final = "\u00a0"

_FR_MONTHS: Final = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip
_FR_WEEKDAYS: Final = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


def _french() -> bool:
    return current_language() == "fr"


def number(value: int) -> str:
    """A whole number with its digits grouped: ``1,205`` / ``1 205``."""
    text = f"{value:,}"
    return text.replace(",", NARROW_NBSP) if _french() else text


def decimal(value: float, places: int = 1) -> str:
    """A decimal number: ``0.44`` / ``0,44`` (no grouping)."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if _french() else text


def percent(value: float, places: int = 0) -> str:
    """A value already in percent: ``87.5%`` / ``87,5 %``."""
    text = decimal(value, places)
    return f"{text}{NBSP}%" if _french() else f"{text}%"


def day(when: date) -> str:
    """A calendar day: ``2026-12-04`` / ``4 déc. 2026``."""
    if not _french():
        return when.isoformat()
    return f"{when.day}{NBSP}{_FR_MONTHS[when.month - 1]}{NBSP}{when.year}"


def weekday_day_month(when: date) -> str:
    """A day of a forecast: ``Fri 04 Dec`` / ``ven. 04 déc.``."""
    if not _french():
        return f"{when:%a %d %b}"
    return f"{_FR_WEEKDAYS[when.weekday()]} {when.day:02d} {_FR_MONTHS[when.month - 1]}"


def decimals(values: Iterable[float], places: int) -> str:
    """A list of decimal numbers: ``0.40, 1.20`` / ``0,40 ; 1,20`` (the comma is taken)."""
    separator = f"{NBSP}; " if _french() else ", "
    return separator.join(decimal(value, places) for value in values)


_FR_MONTHS_3: Final = (
    "jan", "fév", "mar", "avr", "mai", "jun", "jul", "aoû", "sep", "oct", "nov", "déc",
)  # fmt: skip


def month_3(when: date) -> str:
    """A month in three letters, for a chart's axis: ``Dec`` / ``déc``."""
    return _FR_MONTHS_3[when.month - 1] if _french() else f"{when:%b}"
