"""Study days: UTC milliseconds mapped to local dates that start at the rollover hour.

A *study day* starts at the rollover hour (4 am by default) in the learner's
time zone, so a review at 1 am still counts for the evening before. Each
day's UTC bounds come from ``zoneinfo`` (a day across a daylight-saving change
lasts 23 or 25 hours); the database only counts between such bounds.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from quizapp.core.clock import StudyClock
from quizapp.core.config import DEFAULT_CONFIG

DAY_MS = 86_400_000
BUCKET_MS = 900_000  # 15 minutes: every real UTC offset is a multiple of it
DEFAULT_ROLLOVER_HOUR = DEFAULT_CONFIG.day_rollover_hour


def local_zone() -> tzinfo:
    """The learner's time zone with its DST rules (the config module knows how to find it)."""
    from quizapp.core.config import system_zone

    return system_zone()


@dataclass(frozen=True)
class DayClock(StudyClock):
    """The study-day clock (:class:`quizapp.core.clock.StudyClock`) as the stats use it.

    It adds only what counting a million reviews needs: ``day_of`` for an
    instant in milliseconds and a :class:`DayMapper` over a range of them.
    """

    rollover_hour: int = DEFAULT_ROLLOVER_HOUR

    def day_of(self, ms: int) -> date:
        """The study day of an instant (epoch milliseconds)."""
        return self.day_of_ms(ms)

    def mapper(self, first_ms: int, last_ms: int) -> DayMapper:
        """A fast mapper for many instants between two bounds (one zoneinfo call per day)."""
        return DayMapper(self, first_ms, last_ms)


class DayMapper:
    """Bisects precomputed day starts, so a million buckets cost no zoneinfo call each."""

    def __init__(self, clock: DayClock, first_ms: int, last_ms: int) -> None:
        first = clock.day_of(first_ms) - timedelta(days=1)
        last = clock.day_of(last_ms) + timedelta(days=1)
        self.days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        self.starts = [clock.start_ms(d) for d in self.days]
        self.clock = clock

    def __call__(self, ms: int) -> date:
        index = bisect.bisect_right(self.starts, ms) - 1
        if index < 0 or index >= len(self.days) - 1:
            return self.clock.day_of(ms)
        return self.days[index]
