"""The forecast: cards coming due per study day over the next month."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from quizapp.core.stats.clock import BUCKET_MS, DayClock
from quizapp.core.stats.results import Forecast, ForecastDay
from quizapp.core.store.protocol import Store

FORECAST_DAYS = 30


def forecast(store: Store, clock: DayClock, now_ms: int, deck_id: str | None = None) -> Forecast:
    """Items due per study day for the next FORECAST_DAYS days (today first).

    Overdue items are due today as well, so day 0 includes them; suspended and
    never-studied items are not forecast. The store counts due times per
    15-minute UTC bucket; every real UTC offset is a multiple of 15 minutes,
    so a bucket never straddles a rollover, and buckets map to days here.
    """
    today = clock.day_of(now_ms)
    start = clock.start_ms(today)
    end = clock.start_ms(today + timedelta(days=FORECAST_DAYS))
    due = store.due_forecast(start, end, BUCKET_MS, deck_id)
    per_day: dict[date, int] = defaultdict(int)
    if due.buckets:
        to_day = clock.mapper(start, end)
        for bucket, count in due.buckets:
            per_day[to_day(bucket * BUCKET_MS)] += count
    per_day[today] += due.overdue
    days = [
        ForecastDay(today + timedelta(days=i), per_day.get(today + timedelta(days=i), 0))
        for i in range(FORECAST_DAYS)
    ]
    return Forecast(overdue=due.overdue, days=days)


def empty_forecast(today: date) -> Forecast:
    """The forecast of a history without studied cards: nothing due."""
    return Forecast(0, [ForecastDay(today + timedelta(days=i), 0) for i in range(FORECAST_DAYS)])
