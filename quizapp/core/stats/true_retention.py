"""True retention: the share of review answers that were not Again, young and mature apart.

Only answers given in study or imported, to cards that were in the review
state before (not new, not in (re)learning) count, as in Anki. Young means
the interval before the answer was under 21 days.
"""

from __future__ import annotations

from datetime import timedelta

from quizapp.core.i18n import N_
from quizapp.core.stats.clock import DayClock
from quizapp.core.stats.results import Retention, RetentionRow
from quizapp.core.stats.series import (
    DayClasses,
    classes_by_day,
    retention_series_all,
    series_window,
)
from quizapp.core.store.protocol import Store

DEFAULT_DESIRED_RETENTION = 0.9

RETENTION_PERIODS: tuple[tuple[str, int | None], ...] = (
    (N_("today"), 1),
    (N_("yesterday"), None),  # the single day before today
    (N_("last 7 days"), 7),
    (N_("last 30 days"), 30),
    (N_("last 365 days"), 365),
    (N_("all time"), 0),
)
# The disjoint slices of time the periods are sums of: 0 today, 1 yesterday,
# 2 = 2..6 days ago, 3 = 7..29, 4 = 30..364, 5 older. SLICE_STARTS are the
# days ago each slice but the last starts.
SLICE_STARTS = (0, 1, 6, 29, 364)
PERIOD_SLICES: dict[str, set[int]] = {
    "today": {0},
    "yesterday": {1},
    "last 7 days": {0, 1, 2},
    "last 30 days": {0, 1, 2, 3},
    "last 365 days": {0, 1, 2, 3, 4},
    "all time": {0, 1, 2, 3, 4, 5},
}


def class_slot(mature: bool, passed: bool) -> int:
    """Index of a class in [young pass, young fail, mature pass, mature fail]."""
    return (2 if mature else 0) + (0 if passed else 1)


def retention(
    store: Store,
    clock: DayClock,
    now_ms: int,
    deck_id: str | None = None,
    desired: float = DEFAULT_DESIRED_RETENTION,
) -> Retention:
    """True retention per summary period (:func:`retention_summary`) and per day, week and
    month (:func:`retention_series_all`), beside the ``desired`` retention: one pass over
    the answers serves both."""
    today = clock.day_of(now_ms)
    first = min(series_window(today), today - timedelta(days=SLICE_STARTS[-1]))
    counted = classes_by_day(store, clock, first, today, deck_id)
    return Retention(
        desired=desired,
        rows=retention_summary(store, clock, now_ms, deck_id, counted),
        series=retention_series_all(store, clock, now_ms, deck_id, counted=counted),
    )


def retention_summary(
    store: Store,
    clock: DayClock,
    now_ms: int,
    deck_id: str | None = None,
    counted: DayClasses | None = None,
) -> list[RetentionRow]:
    """True retention over Anki's summary periods (today, yesterday, last 7 days...).

    Every counted answer falls in a disjoint slice of time (bounds are study-day
    starts from zoneinfo; an answer after today counts as today's) and a class;
    the periods are then sums of slices. ``counted``, when the caller already has
    it, must cover the last 365 study days.
    """
    today = clock.day_of(now_ms)
    if counted is None:
        first = today - timedelta(days=SLICE_STARTS[-1])
        counted = classes_by_day(store, clock, first, today, deck_id)
    slices = [[0, 0, 0, 0] for _ in range(len(SLICE_STARTS) + 1)]
    parts = [(counted.before, len(SLICE_STARTS)), (counted.after, 0)]
    parts += [(classes, _slice((today - day).days)) for day, classes in counted.days.items()]
    for classes, part in parts:
        slices[part] = [a + b for a, b in zip(slices[part], classes, strict=True)]
    counts = {name: [0, 0, 0, 0] for name, _ in RETENTION_PERIODS}
    for name, parts_of in PERIOD_SLICES.items():
        for part in parts_of:
            counts[name] = [a + b for a, b in zip(counts[name], slices[part], strict=True)]
    return [RetentionRow(name, *counts[name]) for name, _ in RETENTION_PERIODS]


def _slice(days_ago: int) -> int:
    """The slice of an answer given ``days_ago`` study days before today (0: today)."""
    return next((i for i, start in enumerate(SLICE_STARTS) if days_ago <= start), len(SLICE_STARTS))
