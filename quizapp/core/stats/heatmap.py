"""The calendar as text: a year of study days in glyphs, for the screen and ``quizapp stats``."""

from __future__ import annotations

from datetime import timedelta

from quizapp.core.i18n import N_, _, ngettext
from quizapp.core.l10n import month_3, number
from quizapp.core.stats.results import Calendar

HEATMAP_GLYPHS = "·░▒▓█"  # no reviews, then four levels up to the busiest day
WEEKDAYS = (N_("Mon"), "", N_("Wed"), "", N_("Fri"), "", N_("Sun"))  # shown with _()


def heat_level(count: int, busiest: int) -> int:
    """0 for no reviews, else 1..4 by the share of the busiest day (ceil of quarters)."""
    if count <= 0 or busiest <= 0:
        return 0
    return min(4, max(1, -(-4 * count // busiest)))


def heatmap_lines(cal: Calendar) -> list[str]:
    """The calendar as text: a month header, then one line per weekday, one column per week.

    Intensity is a glyph, not a colour, so it reads on any terminal (and in a
    snapshot). Days after today in the last week stay blank.
    """
    if not cal.days:
        return []
    first = cal.days[0][0]
    start = first - timedelta(days=first.weekday())  # the Monday of the first week
    weeks = (cal.today - start).days // 7 + 1
    busiest = max(n for _day, n in cal.days)
    counts = dict(cal.days)
    grid = [[" "] * weeks for _row in range(7)]
    header = [" "] * (weeks + 4)
    last_month_col = -4
    for offset in range((cal.today - start).days + 1):
        day = start + timedelta(days=offset)
        col, row = offset // 7, offset % 7
        if day < first:
            continue
        grid[row][col] = HEATMAP_GLYPHS[heat_level(counts.get(day, 0), busiest)]
        if day.day <= 7 and row == 0 and col - last_month_col >= 4:
            label = month_3(day)
            header[col : col + 3] = list(label)
            last_month_col = col
    lines = ["    " + "".join(header).rstrip()]
    names = [_(name) if name else "" for name in WEEKDAYS]
    lines += [f"{names[r]:<4}" + "".join(grid[r]).rstrip() for r in range(7)]
    busiest_text = ngettext("{n} review", "{n} reviews", busiest).format(n=number(busiest))
    lines.append(
        "    "
        + _("less {glyphs} more  (busiest day: {busiest})").format(
            glyphs=HEATMAP_GLYPHS, busiest=busiest_text
        )
    )
    return lines
