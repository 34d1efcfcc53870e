"""True retention per day, ISO week and month: periods, their labels, and the counts."""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from quizapp.core.stats.clock import DayClock
from quizapp.core.stats.results import MATURE_MS, RetentionRow, RetentionSeries
from quizapp.core.store.protocol import Store

# How many periods each retention series covers, the current one included.
SERIES_LENGTHS: dict[str, int] = {"day": 30, "week": 12, "month": 12}
# Bounds of the ranges before and after a window: older and newer than any answer.
OPEN_LOW, OPEN_HIGH = -(2**62), 2**62


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def series_starts(today: date, unit: str, count: int | None = None) -> list[date]:
    """The first study day of each of the last ``count`` periods, oldest first, plus the
    start of the next period (the end bound).

    Weeks are ISO weeks (Monday to Sunday) of study days; months are calendar months.
    """
    count = SERIES_LENGTHS[unit] if count is None else count
    step: Callable[[date, int], date]
    if unit == "day":
        first, step = today - timedelta(days=count - 1), lambda d, k: d + timedelta(days=k)
    elif unit == "week":
        monday = today - timedelta(days=today.weekday())
        first, step = monday - timedelta(weeks=count - 1), lambda d, k: d + timedelta(weeks=k)
    elif unit == "month":
        first, step = add_months(today.replace(day=1), -(count - 1)), add_months
    else:
        raise ValueError(f"unknown period {unit!r}")
    return [step(first, k) for k in range(count + 1)]


def period_label(unit: str, start: date) -> str:
    """``2025-06-10``, ``2025-W24``, ``2025-06``: ISO names of a series period."""
    if unit == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        return f"{start:%Y-%m}"
    return start.isoformat()


def retention_series(
    store: Store,
    clock: DayClock,
    now_ms: int,
    deck_id: str | None = None,
    unit: str = "day",
    count: int | None = None,
) -> RetentionSeries:
    """True retention per day, ISO week or month up to the current one, young and mature apart."""
    lengths = {unit: SERIES_LENGTHS[unit] if count is None else count}
    return retention_series_all(store, clock, now_ms, deck_id, lengths)[unit]


class DayClasses(NamedTuple):
    """True-retention answers per class ([young pass, young fail, mature pass, mature
    fail]) on each study day of a window, and before and after it."""

    days: dict[date, list[int]]
    before: list[int]
    after: list[int]


def classes_by_day(
    store: Store, clock: DayClock, first: date, last: date, deck_id: str | None = None
) -> DayClasses:
    """Every true-retention answer, by study day from ``first`` to ``last`` (inclusive)
    and class, in one query: one range per day (zoneinfo gives each day's UTC
    bounds, so a 23- or 25-hour day is right), plus one for all before and one
    for all after."""
    window = [first + timedelta(days=i) for i in range((last - first).days + 2)]
    starts = [clock.start_ms(d) for d in window]
    ranges = [(OPEN_LOW, starts[0])]
    ranges += [(low, high) for low, high in itertools.pairwise(starts)]
    ranges.append((starts[-1], OPEN_HIGH))
    found: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for part, mature, passed, n in store.retention_by_range(ranges, deck_id, MATURE_MS):
        found[part][(2 if mature else 0) + (0 if passed else 1)] += n
    days = {window[i - 1]: found[i] for i in range(1, len(ranges) - 1) if i in found}
    return DayClasses(days, found[0], found[len(ranges) - 1])


def retention_series_all(
    store: Store,
    clock: DayClock,
    now_ms: int,
    deck_id: str | None = None,
    lengths: dict[str, int] | None = None,
    counted: DayClasses | None = None,
) -> dict[str, RetentionSeries]:
    """Every retention series (``lengths``: unit -> periods, default SERIES_LENGTHS) at once.

    The same answers count as in :func:`~quizapp.core.stats.true_retention.retention`,
    from :func:`classes_by_day` (``counted``, when the caller already has it, must
    cover :func:`series_window`), summed into days, ISO weeks and months.
    """
    lengths = dict(SERIES_LENGTHS if lengths is None else lengths)
    today = clock.day_of(now_ms)
    starts = {unit: series_starts(today, unit, n) for unit, n in lengths.items()}
    if counted is None:
        counted = classes_by_day(store, clock, series_window(today, lengths), today, deck_id)
    result = {}
    for unit, days in starts.items():
        counts = [[0, 0, 0, 0] for _ in range(len(days) - 1)]
        for day, classes in counted.days.items():
            index = bisect.bisect_right(days, day) - 1
            if 0 <= index < len(counts):
                counts[index] = [a + b for a, b in zip(counts[index], classes, strict=True)]
        result[unit] = RetentionSeries(
            unit,
            days[:-1],
            [
                RetentionRow(period_label(unit, d), *c)
                for d, c in zip(days[:-1], counts, strict=True)
            ],
        )
    return result


def series_window(today: date, lengths: dict[str, int] | None = None) -> date:
    """The first study day the longest series (``lengths``, default SERIES_LENGTHS) covers."""
    lengths = SERIES_LENGTHS if lengths is None else lengths
    return min(series_starts(today, unit, n)[0] for unit, n in lengths.items())


def empty_series(today: date) -> dict[str, RetentionSeries]:
    """Every series of a history without answers: the periods, with no counts."""
    result = {}
    for unit in SERIES_LENGTHS:
        starts = series_starts(today, unit)[:-1]
        result[unit] = RetentionSeries(
            unit, starts, [RetentionRow(period_label(unit, d)) for d in starts]
        )
    return result
