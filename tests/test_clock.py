"""The one clock: epoch milliseconds, and study days that start at a local hour."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.core.clock import StudyClock, from_ms, to_ms, utc_ms_floor
from quizapp.core.config import Config

PARIS = StudyClock(ZoneInfo("Europe/Paris"), 4)


@given(st.integers(min_value=-(10**13), max_value=10**13))
def test_ms_round_trip(ms: int) -> None:
    assert to_ms(from_ms(ms)) == ms


@given(st.datetimes(timezones=st.just(UTC)))
def test_floor_is_whole_milliseconds(moment: datetime) -> None:
    floored = utc_ms_floor(moment)
    assert floored <= moment < floored + timedelta(milliseconds=1)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        to_ms(datetime(2026, 1, 1))
    with pytest.raises(ValueError):
        PARIS.study_day(datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("utc", "day"),
    [
        (datetime(2026, 1, 15, 2, 59, tzinfo=UTC), date(2026, 1, 14)),  # 03:59 Paris
        (datetime(2026, 1, 15, 3, 0, tzinfo=UTC), date(2026, 1, 15)),  # 04:00 Paris
        (datetime(2026, 7, 15, 1, 59, tzinfo=UTC), date(2026, 7, 14)),  # 03:59 summer
        (datetime(2026, 7, 15, 2, 0, tzinfo=UTC), date(2026, 7, 15)),  # 04:00 summer
    ],
)
def test_study_day_turns_at_the_rollover_hour(utc: datetime, day: date) -> None:
    assert PARIS.study_day(utc) == day
    assert PARIS.day_of_ms(to_ms(utc)) == day


@pytest.mark.parametrize(
    ("day", "hours"),
    [(date(2026, 3, 28), 23), (date(2026, 10, 24), 25), (date(2026, 6, 1), 24)],
)
def test_a_day_across_a_clock_change_lasts_23_or_25_hours(day: date, hours: int) -> None:
    start, end = PARIS.day_bounds(day)
    assert end - start == timedelta(hours=hours)
    assert PARIS.study_day(start) == day and PARIS.study_day(end) == day + timedelta(days=1)
    assert PARIS.start_ms(day) == to_ms(start)


def test_config_clock_is_the_study_clock() -> None:
    config = Config(zone=ZoneInfo("Europe/Paris"), day_rollover_hour=4)
    assert config.clock == PARIS
    now = datetime(2026, 1, 15, 2, 59, tzinfo=UTC)
    assert config.study_day(now) == PARIS.study_day(now)
    assert config.next_day_start(now) == PARIS.start(date(2026, 1, 15))
