"""Time as quizapp keeps it: UTC milliseconds, and study days that start at a local hour.

The history stores instants as whole milliseconds since the Unix epoch (UTC);
:func:`to_ms` and :func:`from_ms` are the one conversion, exact integer
arithmetic, so a time read back from the store equals the one written.

A *study day* runs from the rollover hour (4 am by default, see
:class:`quizapp.core.config.Config`) local time to the same wall-clock hour
the next day, computed with :mod:`zoneinfo` in the learner's zone: a day
across a daylight-saving change lasts 23 or 25 hours. :class:`StudyClock` is
the one place that maps instants to study days and back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MS = timedelta(milliseconds=1)


def to_ms(moment: datetime) -> int:
    """Milliseconds since the epoch of an aware datetime (exact integer arithmetic)."""
    if moment.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware")
    return (moment - EPOCH) // _ONE_MS


def from_ms(ms: int) -> datetime:
    """The UTC datetime (``datetime.UTC``, as py-fsrs requires) of a millisecond time."""
    return EPOCH + timedelta(milliseconds=ms)


def utc_ms_floor(moment: datetime) -> datetime:
    """``moment`` in UTC truncated to the millisecond."""
    return from_ms(to_ms(moment))


def now_ms() -> int:
    """The current time in epoch milliseconds."""
    return to_ms(datetime.now(UTC))


def seconds_to_ms(seconds: float) -> int:
    """A duration in seconds (a difference of monotonic clock readings) as whole milliseconds."""
    return int(seconds * 1000)


@dataclass(frozen=True)
class StudyClock:
    """Maps instants to study days in ``tz``, each starting at ``rollover_hour`` local time."""

    tz: tzinfo
    rollover_hour: int

    def study_day(self, now: datetime) -> date:
        """The study day ``now`` belongs to (a local date; before the rollover hour, yesterday)."""
        if now.tzinfo is None:
            raise ValueError("datetimes must be timezone-aware")
        local = now.astimezone(self.tz)
        # Wall-clock arithmetic on the local time: 03:30 belongs to yesterday.
        return (local.replace(tzinfo=None) - timedelta(hours=self.rollover_hour)).date()

    def day_of_ms(self, ms: int) -> date:
        """The study day of an instant given in epoch milliseconds."""
        return self.study_day(from_ms(ms))

    def start(self, day: date) -> datetime:
        """The UTC instant a study day starts."""
        local = datetime.combine(day, time(self.rollover_hour), tzinfo=self.tz)
        return local.astimezone(UTC)

    def start_ms(self, day: date) -> int:
        """The instant (epoch ms) a study day starts."""
        return to_ms(self.start(day))

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """UTC start and end of a study day (end = the next day's start)."""
        return self.start(day), self.start(day + timedelta(days=1))

    def day_start(self, now: datetime) -> datetime:
        """When the current study day began, in UTC."""
        return self.start(self.study_day(now))

    def next_day_start(self, now: datetime) -> datetime:
        """When the next study day begins, in UTC (when buried cards come back)."""
        return self.start(self.study_day(now) + timedelta(days=1))
