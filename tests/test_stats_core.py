"""Each figure of the stats on a hand-made history whose answers are counted by hand."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core import stats
from quizapp.core.models import Deck
from quizapp.core.stats import DayClock, compute_stats, report_to_dict
from quizapp.core.store import REVIEW, open_readonly
from tests.stats_helpers import DAY_MS, add_card, add_quiz, add_review, ms, open_history

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def history(tmp_path):
    store = open_history(tmp_path / "history.sqlite3")
    yield store
    store.close()


def paris(*args: int) -> int:
    return ms(datetime(*args, tzinfo=PARIS))


# ---------------------------------------------------------------- study days


@pytest.mark.parametrize(
    ("instant", "day"),
    [
        # 03:59 local belongs to the evening before, 04:00 starts the day.
        (paris(2025, 6, 10, 3, 59), date(2025, 6, 9)),
        (paris(2025, 6, 10, 4, 0), date(2025, 6, 10)),
        (paris(2025, 6, 10, 23, 59), date(2025, 6, 10)),
        # Autumn DST change (03:00 CEST -> 02:00 CET on 26 Oct): 02:30 UTC is 03:30 CET,
        # still the 25th; a fixed +02:00 offset would say 04:30 and the 26th.
        (ms(datetime(2025, 10, 26, 2, 30, tzinfo=UTC)), date(2025, 10, 25)),
        (ms(datetime(2025, 10, 26, 3, 0, tzinfo=UTC)), date(2025, 10, 26)),
        # Spring change (02:00 CET -> 03:00 CEST on 30 Mar): 02:15 UTC is 04:15 CEST.
        (ms(datetime(2025, 3, 30, 1, 59, tzinfo=UTC)), date(2025, 3, 29)),
        (ms(datetime(2025, 3, 30, 2, 15, tzinfo=UTC)), date(2025, 3, 30)),
    ],
)
def test_study_day_follows_rollover_and_dst(instant: int, day: date) -> None:
    clock = DayClock(PARIS, 4)
    assert clock.day_of(instant) == day
    mapper = clock.mapper(instant - 5 * DAY_MS, instant + 5 * DAY_MS)
    assert mapper(instant) == day


def test_day_lengths_across_dst() -> None:
    clock = DayClock(PARIS, 4)
    length = {
        d: clock.start_ms(d + timedelta(days=1)) - clock.start_ms(d)
        for d in (date(2025, 3, 29), date(2025, 10, 25), date(2025, 6, 1))
    }
    assert length == {
        date(2025, 3, 29): 23 * 3_600_000,
        date(2025, 10, 25): 25 * 3_600_000,
        date(2025, 6, 1): 24 * 3_600_000,
    }


# ---------------------------------------------------------------- calendar and streaks


def test_calendar_and_streaks_across_rollover_and_dst(history) -> None:
    # An older run of 5 days: 1..5 September (the longest).
    for day in range(1, 6):
        add_review(history, "d", "a", paris(2025, 9, day, 20, 0), 3)
    # The current run: 24, 25 (only at 03:30 CET on the 26th, across the DST change and
    # before the rollover), 26 and 27 October; the 22nd stands alone.
    add_review(history, "d", "a", paris(2025, 10, 22, 12, 0), 3)
    add_review(history, "d", "a", paris(2025, 10, 24, 12, 0), 3)
    add_review(history, "d", "b", ms(datetime(2025, 10, 26, 2, 30, tzinfo=UTC)), 3)
    add_review(history, "d", "c", ms(datetime(2025, 10, 26, 2, 45, tzinfo=UTC)), 1)
    add_review(history, "d", "a", paris(2025, 10, 26, 9, 0), 3)
    add_review(history, "d", "a", paris(2025, 10, 28, 2, 0), 3, mode="quiz")  # the 27th
    now = datetime(2025, 10, 28, 12, 0, tzinfo=PARIS)
    report = compute_stats(history, now=now, tz=PARIS)
    cal = report.calendar
    per_day = dict(cal.days)
    assert cal.today == date(2025, 10, 28)
    assert per_day[date(2025, 10, 25)] == 2
    assert per_day[date(2025, 10, 26)] == 1
    assert per_day[date(2025, 10, 27)] == 1
    assert per_day[date(2025, 10, 28)] == 0
    assert cal.days[-1][0] == date(2025, 10, 28) and len(cal.days) == 365
    # Nothing yet today: the streak still runs through yesterday.
    assert (cal.current_streak, cal.longest_streak) == (4, 5)
    assert (cal.days_studied, cal.total_reviews) == (10, 11)
    # Two days later the current streak is broken.
    later = compute_stats(history, now=now + timedelta(days=2), tz=PARIS).calendar
    assert (later.current_streak, later.longest_streak) == (0, 5)


def test_streak_counts_today_once_studied(history) -> None:
    for day in (10, 11, 12):
        add_review(history, "d", "a", paris(2025, 6, day, 8, 0), 3)
    report = compute_stats(history, now=datetime(2025, 6, 12, 9, 0, tzinfo=PARIS), tz=PARIS)
    assert (report.calendar.current_streak, report.calendar.longest_streak) == (3, 3)


def test_deck_filter(history) -> None:
    add_review(history, "one", "a", paris(2025, 6, 10, 8, 0), 3)
    add_review(history, "two", "a", paris(2025, 6, 10, 8, 0), 3)
    add_review(history, "two", "b", paris(2025, 6, 10, 9, 0), 3)
    now = datetime(2025, 6, 10, 12, 0, tzinfo=PARIS)
    assert compute_stats(history, deck_id="two", now=now, tz=PARIS).total_reviews == 2
    assert compute_stats(history, now=now, tz=PARIS).total_reviews == 3


# ---------------------------------------------------------------- retention


def test_true_retention_counts_only_review_answers(history) -> None:
    today = datetime(2025, 6, 10, 12, 0, tzinfo=PARIS)
    t = ms(today) - 3_600_000
    # Today: young 3 pass + 1 fail, mature 1 pass + 1 fail.
    for item, rating in (("y1", 3), ("y2", 2), ("y3", 4), ("y4", 1)):
        add_review(history, "d", item, t, rating, interval_days=5)
    add_review(history, "d", "m1", t, 3, interval_days=30)
    add_review(history, "d", "m2", t, 1, interval_days=21, mode="import")
    # Not counted: a quiz answer, answers to new and (re)learning cards.
    add_review(history, "d", "q", t, 1, mode="quiz", verdict="wrong")
    add_review(history, "d", "n", t, 1, before_state=0)
    add_review(history, "d", "l", t, 1, before_state=1)
    add_review(history, "d", "r", t, 1, before_state=3)
    # Yesterday (before today's 4 am): one mature pass.
    add_review(history, "d", "m1", paris(2025, 6, 10, 3, 0), 3, interval_days=40)
    # Three weeks ago: one young fail.
    add_review(history, "d", "y1", ms(today - timedelta(days=21)), 1, interval_days=2)
    # Two years ago: one mature pass.
    add_review(history, "d", "m1", ms(today - timedelta(days=730)), 3, interval_days=100)
    report = compute_stats(history, now=today, tz=PARIS, desired_retention=0.85)
    rows = {row.period: row for row in report.retention.rows}
    assert report.retention.desired == 0.85
    counts = {
        name: (r.young_pass, r.young_fail, r.mature_pass, r.mature_fail) for name, r in rows.items()
    }
    assert counts == {
        "today": (3, 1, 1, 1),
        "yesterday": (0, 0, 1, 0),
        "last 7 days": (3, 1, 2, 1),
        "last 30 days": (3, 2, 2, 1),
        "last 365 days": (3, 2, 2, 1),
        "all time": (3, 2, 3, 1),
    }
    assert rows["today"].young == pytest.approx(0.75)
    assert rows["today"].mature == pytest.approx(0.5)
    assert rows["today"].total == pytest.approx(4 / 6)
    assert rows["yesterday"].young is None


# ---------------------------------------------------------------- forecast


def test_forecast_per_study_day(history) -> None:
    now = datetime(2025, 6, 10, 12, 0, tzinfo=PARIS)
    add_card(history, "d", "overdue1", due_ms=paris(2025, 6, 8, 12, 0))
    add_card(history, "d", "overdue2", due_ms=paris(2025, 6, 10, 4, 30), state=1)
    add_card(history, "d", "later-today", due_ms=paris(2025, 6, 10, 22, 0))
    add_card(history, "d", "before-rollover", due_ms=paris(2025, 6, 11, 3, 0))  # still today
    add_card(history, "d", "tomorrow", due_ms=paris(2025, 6, 11, 4, 0))
    add_card(history, "d", "day29", due_ms=paris(2025, 7, 9, 12, 0))
    add_card(history, "d", "day30", due_ms=paris(2025, 7, 10, 12, 0))  # beyond the window
    add_card(history, "d", "suspended", due_ms=paris(2025, 6, 11, 12, 0), suspended=True)
    add_card(history, "d", "new", state=0, due_ms=None)
    fc = compute_stats(history, now=now, tz=PARIS).forecast
    assert len(fc.days) == 30 and fc.days[0].day == date(2025, 6, 10)
    due = {f.day: f.due for f in fc.days if f.due}
    # 'overdue2' was due this morning: due, not overdue (overdue = before today began).
    assert fc.overdue == 1
    assert due == {date(2025, 6, 10): 4, date(2025, 6, 11): 1, date(2025, 7, 9): 1}


# ---------------------------------------------------------------- quizzes


def test_quiz_history_best_last_average(history) -> None:
    base = paris(2025, 6, 1, 10, 0)
    for i, score in enumerate((60.0, 80.0, 70.0)):
        add_quiz(history, "geo", base + i * DAY_MS, score)
    add_quiz(history, "geo", base + 5 * DAY_MS, 0.0, abandoned=True)
    add_quiz(history, "art", base, 100.0)
    quizzes = {q.deck_id: q for q in stats.quiz_history(history)}
    geo = quizzes["geo"]
    assert [p.score for p in geo.points] == [60.0, 80.0, 70.0]
    assert (geo.best, geo.last, geo.average, geo.abandoned) == (80.0, 70.0, 70.0, 1)
    assert (quizzes["art"].best, quizzes["art"].last) == (100.0, 100.0)
    assert [q.deck_id for q in stats.quiz_history(history, "art")] == ["art"]


# ---------------------------------------------------------------- card states and hardest

DECK = Deck.model_validate(
    {
        "format": 1,
        "deck": {"id": "d", "title": "D"},
        "cards": [
            {"id": "a", "type": "basic", "front": "f", "back": "b", "tags": ["x"]},
            {"id": "b", "type": "basic", "front": "f", "back": "b", "tags": ["x", "y"]},
            {"id": "c", "type": "basic", "front": "f", "back": "b", "reverse": True},
            {"id": "z", "type": "truefalse", "statement": "s", "answer": True, "tags": ["y"]},
        ],
    },
    strict=False,
)


def test_card_states_histogram_and_hardest(history) -> None:
    now = datetime(2025, 6, 10, 12, 0, tzinfo=PARIS)
    t = ms(now)
    add_card(
        history,
        "d",
        "a",
        state=2,
        last_review_ms=t - 2 * DAY_MS,
        due_ms=t + 3 * DAY_MS,
        stability=5,
        lapses=1,
    )
    add_card(
        history,
        "d",
        "b",
        state=2,
        last_review_ms=t - 40 * DAY_MS,
        due_ms=t + 10 * DAY_MS,
        stability=50,
        lapses=9,
        leech=True,
    )
    add_card(history, "d", "c", state=1, last_review_ms=t - 3_600_000, due_ms=t, stability=0.5)
    add_card(
        history,
        "d",
        "c.reverse",
        state=2,
        last_review_ms=t - 30 * DAY_MS,
        due_ms=t,
        stability=2,
        lapses=3,
        suspended=True,
    )
    states = compute_stats(history, decks=[DECK], now=now, tz=PARIS).card_states
    # 'z' has no row: new. 'c.reverse' is suspended only; 'b' is mature and a leech.
    assert states == stats.CardStates(new=1, learning=1, young=1, mature=1, suspended=1, leeches=1)
    assert states.total == 5
    report = compute_stats(history, decks=[DECK], now=now, tz=PARIS)
    intervals = {b.label: b.count for b in report.intervals if b.count}
    assert intervals == {"3-7d": 1, "30-90d": 1}
    stabilities = {b.label: b.count for b in report.stabilities if b.count}
    assert stabilities == {"3-7d": 1, "30-90d": 1}
    assert [c.item_id for c in report.most_lapses] == ["b", "a"]
    # Elapsed/stability: c 0.04/0.5, a 2/5, b 40/50 -> b is the least retrievable.
    # FSRS counts whole days: 'c', reviewed an hour ago, is at 100 % and listed last.
    assert [c.item_id for c in report.lowest_retrievability] == ["b", "a", "c"]
    r = [c.retrievability for c in report.lowest_retrievability]
    assert 0 < r[0] < r[1] < r[2] == pytest.approx(1.0)


def test_cards_answered_today_are_listed_weakest_first(history) -> None:
    """A deck studied only today still lists its cards, by stability, not "none"."""
    now = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)
    t = ms(now)
    for item, stability in (("x", 8.0), ("y", 0.5), ("z", 2.0)):
        add_card(
            history,
            "d",
            item,
            state=2,
            last_review_ms=t - 3_600_000,
            due_ms=t + DAY_MS,
            stability=stability,
        )
    report = compute_stats(history, now=now, tz=UTC)
    assert [c.item_id for c in report.lowest_retrievability] == ["y", "z", "x"]
    assert report_to_dict(report)["lowest_retrievability"][0]["item_id"] == "y"


def test_retrievability_is_the_fsrs_curve() -> None:
    # At t = S the probability of recall is 90 % by definition of stability.
    now = 100 * DAY_MS
    assert stats.retrievability(10.0, now - 10 * DAY_MS, now) == pytest.approx(0.9, abs=1e-6)
    assert stats.retrievability(10.0, now, now) == pytest.approx(1.0)
    assert stats.retrievability(None, now, now) is None
    assert stats.retrievability(10.0, None, now) is None


def test_accuracy_per_tag(history) -> None:
    t = paris(2025, 6, 10, 9, 0)
    add_review(history, "d", "a", t, 3)  # x: right
    add_review(history, "d", "a", t + 1, 1)  # x: wrong (Again)
    add_review(history, "d", "b", t, 1, mode="quiz", verdict="close")  # x, y: right (close)
    add_review(history, "d", "z", t, 3, mode="quiz", verdict="wrong")  # y: wrong
    add_review(history, "d", "c.reverse", t, 3)  # untagged
    add_review(history, "d", "gone", t, 3)  # not in the deck any more: ignored
    add_review(history, "other", "a", t, 3)  # another deck: ignored
    tags = compute_stats(history, decks=[DECK], deck_id="d", tz=PARIS).tags
    assert [(t.tag, t.answers, t.right) for t in tags] == [
        ("y", 2, 1),
        ("x", 3, 2),
        ("(untagged)", 1, 1),
    ]


# ---------------------------------------------------------------- empty and JSON


def test_empty_history_gives_a_complete_report(tmp_path) -> None:
    now = datetime(2025, 6, 10, 12, 0, tzinfo=PARIS)
    report = compute_stats(None, decks=[DECK], now=now, tz=PARIS)
    assert report.total_reviews == 0
    assert report.card_states.new == 5
    assert len(report.calendar.days) == 365 and len(report.forecast.days) == 30
    data = json.loads(json.dumps(report_to_dict(report)))
    assert data["calendar"]["current_streak"] == 0
    assert data["retention"]["desired"] == 0.9
    store = open_history(tmp_path / "h.sqlite3")
    same = compute_stats(store, decks=[DECK], now=now, tz=PARIS)
    store.close()
    assert report_to_dict(same) == report_to_dict(report)


def test_connect_readonly_without_database(tmp_path) -> None:
    assert open_readonly(tmp_path / "missing.sqlite3") is None
    assert not (tmp_path / "missing.sqlite3").exists()


# ---------------------------------------------------------------- properties

ZONES = ["UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]
START_2025 = ms(datetime(2025, 1, 1, tzinfo=UTC))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    offsets=st.lists(st.integers(0, 364 * DAY_MS), min_size=1, max_size=60),
    zone=st.sampled_from(ZONES),
    hour=st.integers(0, 23),
)
def test_day_counts_match_each_review_mapped_alone(history, offsets, zone, hour) -> None:
    """SQL range counts per study day equal mapping every review through zoneinfo by itself.

    The zones include half-hour DST (Lord Howe) and a +05:45 offset (Kathmandu).
    """
    history.connection.execute("DELETE FROM reviews")
    times = [START_2025 + o for o in offsets]
    for i, t in enumerate(times):
        add_review(history, "d", f"i{i}", t, 3)
    clock = DayClock(ZoneInfo(zone), hour)
    expected = Counter(clock.day_of(t) for t in times)
    got = stats.reviews_per_day(history, clock, min(expected), max(expected))
    assert got == dict(expected)
    cal = stats.calendar(history, clock, max(times))
    assert cal.current_streak <= cal.longest_streak <= len(expected)
    assert sum(n for _, n in cal.days) == sum(1 for t in times if clock.day_of(t) in dict(cal.days))


NOW_2025 = ms(datetime(2025, 12, 31, 12, 0, tzinfo=UTC))
PERIOD_AGES = {
    "today": (0, 0),
    "yesterday": (1, 1),
    "last 7 days": (0, 6),
    "last 30 days": (0, 29),
    "last 365 days": (0, 364),
    "all time": (0, None),
}
answers = st.tuples(
    st.integers(0, 800 * DAY_MS),  # how long before now
    st.sampled_from([1, 2, 3, 4]),  # rating
    st.sampled_from(["study", "import", "quiz"]),
    st.sampled_from([0, 1, 2, 2, 2, 3]),  # state before the answer
    st.sampled_from([0.5, 5, 20.99, 21, 30, 100]),  # interval before the answer, days
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    history_rows=st.lists(answers, min_size=0, max_size=60),
    zone=st.sampled_from(ZONES),
    hour=st.integers(0, 23),
)
def test_retention_summary_matches_each_answer_counted_alone(
    history, history_rows, zone, hour
) -> None:
    """The SQL summary per period equals classifying every answer by itself in Python.

    Counted: study or imported answers to cards in review; mature when the interval
    before the answer was 21 days or more; passed when the rating was not Again.
    """
    history.connection.execute("DELETE FROM reviews")
    for i, (before, rating, mode, state, interval) in enumerate(history_rows):
        add_review(
            history,
            "d",
            f"i{i}",
            NOW_2025 - before,
            rating,
            mode=mode,
            before_state=state,
            interval_days=interval,
        )
    clock = DayClock(ZoneInfo(zone), hour)
    today = clock.day_of(NOW_2025)
    expected = {name: [0, 0, 0, 0] for name in PERIOD_AGES}
    for before, rating, mode, state, interval in history_rows:
        if mode not in ("study", "import") or state != REVIEW:
            continue
        age = (today - clock.day_of(NOW_2025 - before)).days
        slot = (2 if int(interval * DAY_MS) >= 21 * DAY_MS else 0) + (0 if rating > 1 else 1)
        for name, (low, high) in PERIOD_AGES.items():
            if low <= age and (high is None or age <= high):
                expected[name][slot] += 1
    got = stats.retention_summary(history, clock, NOW_2025)
    assert [row.period for row in got] == list(PERIOD_AGES)
    assert {
        row.period: [row.young_pass, row.young_fail, row.mature_pass, row.mature_fail]
        for row in got
    } == expected
