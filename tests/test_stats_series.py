"""True retention per day, ISO week and month, young and mature apart, on a hand-made history."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core import stats
from quizapp.core.stats import DayClock, compute_stats, report_to_dict
from tests.stats_helpers import DAY_MS, add_review, ms, open_history

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2025, 6, 10, 12, 0, tzinfo=PARIS)  # a Tuesday; its ISO week began on 9 June


def paris(*args: int) -> int:
    return ms(datetime(*args, tzinfo=PARIS))


@pytest.fixture
def history(tmp_path):
    store = open_history(tmp_path / "history.sqlite3")
    yield store
    store.close()


@pytest.mark.parametrize(
    ("today", "unit", "count", "first", "end"),
    [
        (date(2025, 6, 10), "day", 30, date(2025, 5, 12), date(2025, 6, 11)),
        (date(2025, 6, 10), "week", 12, date(2025, 3, 24), date(2025, 6, 16)),
        (date(2025, 6, 15), "week", 1, date(2025, 6, 9), date(2025, 6, 16)),  # Sunday
        (date(2025, 6, 10), "month", 12, date(2024, 7, 1), date(2025, 7, 1)),
        (date(2025, 1, 31), "month", 2, date(2024, 12, 1), date(2025, 2, 1)),
    ],
)
def test_series_starts(today, unit, count, first, end) -> None:
    starts = stats.series_starts(today, unit, count)
    assert len(starts) == count + 1
    assert (starts[0], starts[-1]) == (first, end)


@pytest.mark.parametrize(
    ("unit", "start", "label"),
    [
        ("day", date(2025, 6, 10), "2025-06-10"),
        ("week", date(2024, 12, 30), "2025-W01"),  # ISO year of the week, not of the Monday
        ("week", date(2025, 6, 9), "2025-W24"),
        ("month", date(2024, 7, 1), "2024-07"),
    ],
)
def test_period_labels(unit, start, label) -> None:
    assert stats.period_label(unit, start) == label


def test_series_counts_per_day_week_and_month(history) -> None:
    # Today: a young pass and a mature fail; quiz and learning answers do not count.
    add_review(history, "d", "a", paris(2025, 6, 10, 9, 0), 3, interval_days=3)
    add_review(history, "d", "b", paris(2025, 6, 10, 9, 5), 1, interval_days=30)
    add_review(history, "d", "q", paris(2025, 6, 10, 9, 6), 1, mode="quiz", verdict="wrong")
    add_review(history, "d", "l", paris(2025, 6, 10, 9, 7), 1, before_state=1)
    # 03:00 on the 10th is still the study day of Monday the 9th (same ISO week).
    add_review(history, "d", "c", paris(2025, 6, 10, 3, 0), 4, interval_days=21, mode="import")
    # Sunday the 8th: the ISO week before.
    add_review(history, "d", "a", paris(2025, 6, 8, 20, 0), 1, interval_days=2)
    # 12 May is the oldest of the 30 days; 11 May is not in the day series.
    add_review(history, "d", "a", paris(2025, 5, 12, 10, 0), 3, interval_days=4)
    add_review(history, "d", "a", paris(2025, 5, 11, 10, 0), 3, interval_days=4)
    # The first of the 12 months is July 2024; 03:00 on 1 July is still 30 June.
    add_review(history, "d", "m", paris(2024, 7, 1, 5, 0), 3, interval_days=60)
    add_review(history, "d", "m", paris(2024, 7, 1, 3, 0), 3, interval_days=60)

    report = compute_stats(history, now=NOW, tz=PARIS, rollover_hour=4)
    series = report.retention.series
    assert set(series) == {"day", "week", "month"}

    def counts(unit: str) -> dict[str, tuple[int, int, int, int]]:
        return {
            r.period: (r.young_pass, r.young_fail, r.mature_pass, r.mature_fail)
            for r in series[unit].rows
            if r.total_count
        }

    assert [len(series[u].rows) for u in ("day", "week", "month")] == [30, 12, 12]
    assert series["day"].starts[0] == date(2025, 5, 12)
    assert counts("day") == {
        "2025-06-10": (1, 0, 0, 1),
        "2025-06-09": (0, 0, 1, 0),
        "2025-06-08": (0, 1, 0, 0),
        "2025-05-12": (1, 0, 0, 0),
    }
    assert counts("week") == {
        "2025-W24": (1, 0, 1, 1),
        "2025-W23": (0, 1, 0, 0),
        "2025-W20": (1, 0, 0, 0),
        "2025-W19": (1, 0, 0, 0),  # Sunday 11 May
    }
    assert counts("month") == {
        "2025-06": (1, 1, 1, 1),
        "2025-05": (2, 0, 0, 0),
        "2024-07": (0, 0, 1, 0),
    }
    today = series["day"].rows[-1]
    assert (today.young, today.mature, today.total) == (1.0, 0.0, 0.5)
    # The series and the summary periods count the same answers.
    summary = {r.period: r for r in report.retention.rows}
    assert sum(r.total_count for r in series["day"].rows) == summary["last 30 days"].total_count
    data = report_to_dict(report)["retention"]["series"]
    assert data["week"][-1]["period"] == "2025-W24"
    assert data["week"][-1]["start"] == "2025-06-09"
    assert data["week"][-1]["count"] == 3 and data["week"][-1]["total"] == pytest.approx(2 / 3)


def test_series_follow_the_deck_filter(history) -> None:
    add_review(history, "d", "a", paris(2025, 6, 10, 9, 0), 3)
    add_review(history, "e", "a", paris(2025, 6, 10, 9, 0), 1)
    clock = DayClock(PARIS, 4)
    now_ms = ms(NOW)
    whole = stats.retention_series(history, clock, now_ms, None, "day")
    only = stats.retention_series(history, clock, now_ms, "d", "day")
    assert whole.rows[-1].total_count == 2 and only.rows[-1].total_count == 1
    assert only.rows[-1].total == 1.0


def test_series_across_the_autumn_dst_change(history) -> None:
    """26 Oct 2025 lasts 25 hours in Paris: 03:30 CET that night is still the 25th."""
    add_review(history, "d", "a", ms(datetime(2025, 10, 26, 2, 30, tzinfo=ZoneInfo("UTC"))), 3)
    add_review(history, "d", "a", ms(datetime(2025, 10, 26, 3, 0, tzinfo=ZoneInfo("UTC"))), 1)
    clock = DayClock(PARIS, 4)
    series = stats.retention_series(history, clock, paris(2025, 10, 27, 12, 0), None, "day", 3)
    assert [(r.period, r.total_count, r.total) for r in series.rows] == [
        ("2025-10-25", 1, 1.0),
        ("2025-10-26", 1, 0.0),
        ("2025-10-27", 0, None),
    ]


def test_empty_report_has_empty_series() -> None:
    report = compute_stats(None, now=NOW, tz=PARIS)
    assert [len(report.retention.series[u].rows) for u in ("day", "week", "month")] == [30, 12, 12]
    assert all(r.total_count == 0 for s in report.retention.series.values() for r in s.rows)
    assert report.retention.series["month"].rows[-1].period == "2025-06"


def test_quiet_days_stay_in_the_series(history) -> None:
    """Days without answers keep their place (a chart needs the gaps)."""
    add_review(history, "d", "a", ms(NOW) - 3 * DAY_MS, 3)
    series = stats.retention_series(history, DayClock(PARIS, 4), ms(NOW), None, "day", 5)
    assert [r.total_count for r in series.rows] == [0, 1, 0, 0, 0]


def test_stats_command_prints_the_series(capsys, quizapp_home) -> None:
    from quizapp.cli import main

    store = open_history(quizapp_home / "history.sqlite3")  # one answer to a card in review
    add_review(store, "d", "a", ms(datetime.now(UTC)) - DAY_MS, 3)
    store.close()
    assert main(["stats", "--full"]) == 0  # the summary has no tables; day one has no series
    text = capsys.readouterr().out
    for heading in (
        "True retention per day, last 30",
        "True retention per ISO week, last 12",
        "True retention per month, last 12",
    ):
        assert heading in text
    assert "  week" in text and "  month" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert main(["stats", "--json"]) == 0
    import json

    series = json.loads(capsys.readouterr().out)["retention"]["series"]
    assert [len(series[u]) for u in ("day", "week", "month")] == [30, 12, 12]


ZONES = ["UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]
END_2025 = ms(datetime(2025, 12, 31, 12, 0, tzinfo=ZoneInfo("UTC")))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    offsets=st.lists(st.integers(0, 400 * DAY_MS), min_size=1, max_size=60),
    ratings=st.lists(st.sampled_from([1, 3]), min_size=60, max_size=60),
    zone=st.sampled_from(ZONES),
    hour=st.integers(0, 23),
)
def test_series_match_each_review_mapped_alone(history, offsets, ratings, zone, hour) -> None:
    """Bucketed SQL counts per period equal mapping every answer through zoneinfo by itself.

    The zones include half-hour DST (Lord Howe) and a +05:45 offset (Kathmandu).
    """
    history.connection.execute("DELETE FROM reviews")
    times = [END_2025 - o for o in offsets]
    for i, t in enumerate(times):
        add_review(history, "d", f"i{i}", t, ratings[i])
    clock = DayClock(ZoneInfo(zone), hour)
    series = stats.retention_series_all(history, clock, END_2025)
    today = clock.day_of(END_2025)
    for unit, result in series.items():
        bounds = stats.series_starts(today, unit)
        expected = Counter()
        for t, rating in zip(times, ratings, strict=False):
            day = clock.day_of(t)
            for i in range(len(bounds) - 1):
                if bounds[i] <= day < bounds[i + 1]:
                    expected[i, rating > 1] += 1
        got = Counter()
        for i, row in enumerate(result.rows):
            for passed, n in ((True, row.young_pass), (False, row.young_fail)):
                if n:
                    got[i, passed] += n
        assert got == expected, unit
