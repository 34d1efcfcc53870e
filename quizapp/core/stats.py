"""Statistics of the score history: what the stats screen, ``quizapp stats`` and scripts show.

Everything here reads the agreed SQLite schema (v1) through a plain
``sqlite3.Connection`` so the TUI can compute in a worker thread on a
connection of its own. Times in the database are INTEGER milliseconds UTC.

Where the data is large (``reviews`` can hold a million rows) the work is done
in SQL and only small results come back. A *study day* starts at the rollover
hour (4 am by default) in the learner's time zone, so a review at 1 am still
counts for the evening before. Python computes each study day's UTC bounds
with ``zoneinfo`` (a day across a daylight-saving change lasts 23 or 25
hours), and SQL counts within those bounds on the time index: per-day counts
are range counts, retention is one scan grouped by a small code. Where rows
are few (``card_state``), due times are grouped by 15-minute UTC buckets and
mapped to days in Python; every real UTC offset is a multiple of 15 minutes,
so a bucket never straddles a rollover.
"""

from __future__ import annotations

import bisect
import json
import math
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.core.models import Deck
from quizapp.core.store.protocol import StoreError

if TYPE_CHECKING:
    from quizapp.core.config import Config

BUCKET_MS = 900_000  # 15 minutes: every real UTC offset is a multiple of it
DAY_MS = 86_400_000
MATURE_DAYS = 21  # Anki's line between young and mature cards
HEATMAP_DAYS = 365
FORECAST_DAYS = 30
HARDEST_LIMIT = 10
DEFAULT_ROLLOVER_HOUR = 4
DEFAULT_DESIRED_RETENTION = 0.9

# Card states in ``card_state.state`` (the schema's numbering, same as FSRS plus 0 = new).
STATE_NEW, STATE_LEARNING, STATE_REVIEW, STATE_RELEARNING = 0, 1, 2, 3

# Interval / stability histogram edges in days: [0,1), [1,3), ... [365, inf). Few
# enough bins that each gets a readable row at 80x24.
HISTOGRAM_EDGES: tuple[float, ...] = (0, 1, 3, 7, 14, 21, 30, 90, 180, 365)

# How a review row says what state its card was in before the answer. The
# store writes ``state_before`` as JSON with the card_state column names, and
# from schema v2 on also copies the state to ``before_state`` (no JSON to parse).
_BEFORE_STATE_JSON = "json_extract(state_before, '$.state')"
_BEFORE_INTERVAL_MS = (
    "(json_extract(state_before, '$.due_ms') - json_extract(state_before, '$.last_review_ms'))"
)
# A review answer counts for true retention when the card was already in review.
_RETENTION_MODES = ("study", "import")
# An answer is right when the checker said so, else (self-graded) when it was not Again.
_RIGHT_SQL = (
    "CASE WHEN verdict IS NOT NULL THEN verdict != 'wrong' ELSE COALESCE(rating, 1) > 1 END"
)


# ---------------------------------------------------------------- time zones


def local_zone() -> tzinfo:
    """The learner's time zone with its DST rules (the config module knows how to find it)."""
    from quizapp.core.config import system_zone

    return system_zone()


@dataclass(frozen=True)
class DayClock:
    """Maps UTC milliseconds to study days (local dates that start at the rollover hour)."""

    tz: tzinfo
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR

    def day_of(self, ms: int) -> date:
        """The study day of an instant: the local date, minus the hours before rollover."""
        local = datetime.fromtimestamp(ms / 1000, self.tz)
        # Wall-clock arithmetic on an aware datetime: 03:30 local belongs to yesterday.
        return (local.replace(tzinfo=None) - timedelta(hours=self.rollover_hour)).date()

    def start_ms(self, day: date) -> int:
        """The UTC instant (ms) a study day starts."""
        local = datetime.combine(day, time(self.rollover_hour), tzinfo=self.tz)
        return int(local.timestamp() * 1000)

    def mapper(self, first_ms: int, last_ms: int) -> _DayMapper:
        """A fast mapper for many instants between two bounds (one zoneinfo call per day)."""
        return _DayMapper(self, first_ms, last_ms)


class _DayMapper:
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


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class QuizPoint:
    """One finished quiz: when, and the score in percent."""

    finished_ms: int
    score: float
    questions: int


@dataclass(frozen=True)
class QuizHistory:
    """The quiz score history of one deck."""

    deck_id: str
    points: list[QuizPoint]
    best: float | None
    last: float | None
    average: float | None
    abandoned: int


@dataclass(frozen=True)
class Calendar:
    """Reviews per study day for the heatmap, and the streaks of days studied."""

    today: date
    days: list[tuple[date, int]]  # the last HEATMAP_DAYS days, oldest first, zeros included
    current_streak: int
    longest_streak: int
    days_studied: int  # in the window
    total_reviews: int  # in the window


@dataclass(frozen=True)
class RetentionRow:
    """Pass/fail counts of review answers over one period, young and mature apart."""

    period: str
    young_pass: int = 0
    young_fail: int = 0
    mature_pass: int = 0
    mature_fail: int = 0

    @property
    def young(self) -> float | None:
        return _ratio(self.young_pass, self.young_pass + self.young_fail)

    @property
    def mature(self) -> float | None:
        return _ratio(self.mature_pass, self.mature_pass + self.mature_fail)

    @property
    def total_count(self) -> int:
        return self.young_pass + self.young_fail + self.mature_pass + self.mature_fail

    @property
    def total(self) -> float | None:
        return _ratio(self.young_pass + self.mature_pass, self.total_count)


@dataclass(frozen=True)
class RetentionSeries:
    """True retention per calendar period (day, ISO week or month), oldest first.

    ``starts[i]`` is the study day period ``rows[i]`` begins on; the last
    period is the current one, still running.
    """

    unit: str  # "day" | "week" | "month"
    starts: list[date]
    rows: list[RetentionRow]


@dataclass(frozen=True)
class Retention:
    """True retention by period beside the retention the scheduler aims at.

    ``rows`` are Anki's summary periods (today, yesterday, last 7 days...);
    ``series`` holds the same counts per day, week and month (keys of
    SERIES_LENGTHS), for a trend.
    """

    desired: float
    rows: list[RetentionRow]
    series: dict[str, RetentionSeries] = field(default_factory=dict)


@dataclass(frozen=True)
class ForecastDay:
    day: date
    due: int


@dataclass(frozen=True)
class Forecast:
    """Cards coming due per study day; what is already overdue is counted on day 0 too."""

    overdue: int
    days: list[ForecastDay]


@dataclass(frozen=True)
class CardStates:
    """How many items are in each state; suspended items count only as suspended.

    ``leeches`` overlaps the others (a leech is usually also suspended).
    """

    new: int = 0
    learning: int = 0
    young: int = 0
    mature: int = 0
    suspended: int = 0
    leeches: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.young + self.mature + self.suspended


@dataclass(frozen=True)
class HistogramBin:
    label: str
    low: float
    high: float | None
    count: int


@dataclass(frozen=True)
class HardCard:
    deck_id: str
    item_id: str
    lapses: int
    reps: int
    stability: float | None
    retrievability: float | None


@dataclass(frozen=True)
class TagAccuracy:
    tag: str
    answers: int
    right: int

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.right, self.answers)


@dataclass(frozen=True)
class StatsReport:
    """Every figure of the stats screen, computed once."""

    generated_ms: int
    deck_id: str | None
    timezone: str
    rollover_hour: int
    total_reviews: int
    quizzes: list[QuizHistory]
    calendar: Calendar
    retention: Retention
    forecast: Forecast
    card_states: CardStates
    intervals: list[HistogramBin]
    stabilities: list[HistogramBin]
    most_lapses: list[HardCard]
    lowest_retrievability: list[HardCard]
    tags: list[TagAccuracy] = field(default_factory=list)


def days_text(count: int) -> str:
    """``1 day``, ``3 days``: streak lengths read as words."""
    return f"{count:,} day" if count == 1 else f"{count:,} days"


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# ---------------------------------------------------------------- opening


def connect_readonly(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the history, or None when there is no history yet.

    Read-only so that computing stats never creates a database or takes a
    write lock while a study session is recording answers. The path goes
    into a ``file:`` URI, so it is percent-encoded: a ``#`` or ``?`` in a
    folder name would otherwise cut the path short and open (and create) some
    other file. A file that is not a database, or a folder in its place,
    raises :class:`StoreError` with one line, as the store does.
    """
    if not path.exists():
        return None
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    except sqlite3.Error as error:
        raise StoreError(f"{path}: cannot open the history database: {error}") from error
    try:
        conn.execute("PRAGMA query_only = 1")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        conn.close()
        raise StoreError(f"{path}: not a usable history database ({error})") from error
    return conn


def _has_tables(conn: sqlite3.Connection) -> bool:
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"reviews", "card_state", "quiz_sessions"} <= names


def history_deck_ids(conn: sqlite3.Connection | None) -> set[str]:
    """Deck ids the history knows (answers, card states, quizzes), loaded or not.

    ``stats --deck`` accepts these as well as loaded decks: an imported review
    log lives in a deck of its own (``imported``) that no deck file declares.
    """
    if conn is None or not _has_tables(conn):
        return set()
    rows = conn.execute(
        "SELECT deck_id FROM card_state UNION SELECT deck_id FROM quiz_sessions "
        "UNION SELECT DISTINCT deck_id FROM reviews"
    )
    return {row[0] for row in rows if row[0] is not None}


def _deck_filter(deck_id: str | None, column: str = "deck_id") -> tuple[str, tuple]:
    if deck_id is None:
        return "1", ()
    return f"{column} = ?", (deck_id,)


# ---------------------------------------------------------------- figures


def quiz_history(conn: sqlite3.Connection, deck_id: str | None = None) -> list[QuizHistory]:
    """Finished quizzes per deck, oldest first, with best, last and average score.

    Abandoned quizzes are kept out of the scores (they were not finished) but counted.
    """
    where, params = _deck_filter(deck_id)
    rows = conn.execute(
        f"SELECT deck_id, COALESCE(finished_ms, started_ms), score, questions, abandoned "
        f"FROM quiz_sessions WHERE {where} ORDER BY deck_id, started_ms, id",
        params,
    ).fetchall()
    points: dict[str, list[QuizPoint]] = defaultdict(list)
    abandoned: dict[str, int] = defaultdict(int)
    for deck, when, score, questions, was_abandoned in rows:
        points.setdefault(deck, [])
        if was_abandoned:
            abandoned[deck] += 1
        elif score is not None:
            points[deck].append(QuizPoint(int(when), float(score), int(questions or 0)))
    result = []
    for deck in sorted(points):
        scores = [p.score for p in points[deck]]
        result.append(
            QuizHistory(
                deck_id=deck,
                points=points[deck],
                best=max(scores) if scores else None,
                last=scores[-1] if scores else None,
                average=sum(scores) / len(scores) if scores else None,
                abandoned=abandoned[deck],
            )
        )
    return result


def _streaks(studied: set[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days.

    The current streak still counts when today has no review yet (the day is
    not over), as long as yesterday had one.
    """
    longest = run = 0
    previous: date | None = None
    for day in sorted(studied):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    day = today if today in studied else today - timedelta(days=1)
    while day in studied:
        current += 1
        day -= timedelta(days=1)
    return current, longest


def reviews_per_day(
    conn: sqlite3.Connection, clock: DayClock, first: date, last: date, deck_id: str | None = None
) -> dict[date, int]:
    """Reviews on each study day from ``first`` to ``last`` (inclusive), zeros left out.

    Python computes each day's UTC bounds (so a 23- or 25-hour day is right)
    and SQL counts each range on the time index: no row leaves SQLite and no
    million-row sort happens, unlike a GROUP BY over a computed day.
    """
    where, params = _deck_filter(deck_id)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    if not days:
        return {}
    starts = [clock.start_ms(d) for d in days]
    starts.append(clock.start_ms(last + timedelta(days=1)))
    bounds = json.dumps([[starts[i], starts[i + 1]] for i in range(len(days))])
    rows = conn.execute(
        f"SELECT CAST(key AS INTEGER), (SELECT count(*) FROM reviews WHERE {where} "
        f"  AND reviewed_ms >= json_extract(value, '$[0]') "
        f"  AND reviewed_ms < json_extract(value, '$[1]')) "
        f"FROM json_each(?)",
        (*params, bounds),
    ).fetchall()
    return {days[i]: n for i, n in rows if n}


def calendar(
    conn: sqlite3.Connection, clock: DayClock, now_ms: int, deck_id: str | None = None
) -> Calendar:
    """Reviews per study day over the last year, and streaks over the whole history.

    Every answer counts as activity: study, quiz and imported reviews alike.
    """
    where, params = _deck_filter(deck_id)
    low, high = conn.execute(
        f"SELECT min(reviewed_ms), max(reviewed_ms) FROM reviews WHERE {where}", params
    ).fetchone()
    today = clock.day_of(now_ms)
    per_day: dict[date, int] = {}
    if low is not None:
        per_day = reviews_per_day(
            conn, clock, clock.day_of(low), max(today, clock.day_of(high)), deck_id
        )
    first = today - timedelta(days=HEATMAP_DAYS - 1)
    window = [first + timedelta(days=i) for i in range(HEATMAP_DAYS)]
    days = [(day, per_day.get(day, 0)) for day in window]
    current, longest = _streaks({d for d in per_day if d <= today}, today)
    return Calendar(
        today=today,
        days=days,
        current_streak=current,
        longest_streak=longest,
        days_studied=sum(1 for _, n in days if n),
        total_reviews=sum(n for _, n in days),
    )


RETENTION_PERIODS: tuple[tuple[str, int | None], ...] = (
    ("today", 1),
    ("yesterday", None),  # the single day before today
    ("last 7 days", 7),
    ("last 30 days", 30),
    ("last 365 days", 365),
    ("all time", 0),
)


def retention(
    conn: sqlite3.Connection,
    clock: DayClock,
    now_ms: int,
    deck_id: str | None = None,
    desired: float = DEFAULT_DESIRED_RETENTION,
) -> Retention:
    """True retention per summary period (:func:`retention_summary`) and per day, week and
    month (:func:`retention_series_all`), beside the ``desired`` retention."""
    return Retention(
        desired=desired,
        rows=retention_summary(conn, clock, now_ms, deck_id),
        series=retention_series_all(conn, clock, now_ms, deck_id),
    )


def retention_summary(
    conn: sqlite3.Connection, clock: DayClock, now_ms: int, deck_id: str | None = None
) -> list[RetentionRow]:
    """True retention: the share of review answers that were not Again.

    Only answers given in study or imported, to cards that were in the review
    state before (not new, not in (re)learning) count, as in Anki. Young means
    the interval before the answer was under 21 days.

    One scan sorts every counted answer into a disjoint slice of time (today,
    yesterday, 2-6 days ago, 7-29, 30-364, older; bounds are study-day starts
    from zoneinfo) and a young/mature, pass/fail class; the periods are then
    sums of slices. Grouping by one small code keeps SQLite's sort cheap.
    """
    where, params = _deck_filter(deck_id)
    modes = ",".join("?" for _ in _RETENTION_MODES)
    before_state = _before_state_sql(conn)
    today = clock.day_of(now_ms)
    edges = [clock.start_ms(today - timedelta(days=n)) for n in (0, 1, 6, 29, 364)]
    slice_sql = (
        "CASE "
        + " ".join(f"WHEN reviewed_ms >= ? THEN {i}" for i in range(len(edges)))
        + f" ELSE {len(edges)} END"
    )
    rows = conn.execute(
        f"SELECT ({slice_sql}) * 4 "
        f"  + COALESCE({_BEFORE_INTERVAL_MS} >= {MATURE_DAYS * DAY_MS}, 0) * 2 "
        f"  + (rating > 1) AS code, count(*) FROM reviews "
        f"WHERE {where} AND mode IN ({modes}) AND {before_state} = {STATE_REVIEW} "
        f"GROUP BY code",
        (*edges, *params, *_RETENTION_MODES),
    ).fetchall()
    # slices: 0 today, 1 yesterday, 2 = 2..6 days ago, 3 = 7..29, 4 = 30..364, 5 older
    members = {
        "today": {0},
        "yesterday": {1},
        "last 7 days": {0, 1, 2},
        "last 30 days": {0, 1, 2, 3},
        "last 365 days": {0, 1, 2, 3, 4},
        "all time": {0, 1, 2, 3, 4, 5},
    }
    counts = {name: [0, 0, 0, 0] for name, _ in RETENTION_PERIODS}
    for code, count in rows:
        if code is None:
            continue
        part, mature, passed = code // 4, (code // 2) % 2, code % 2
        slot = (2 if mature else 0) + (0 if passed else 1)
        for name, parts in members.items():
            if part in parts:
                counts[name][slot] += count
    return [RetentionRow(name, *counts[name]) for name, _ in RETENTION_PERIODS]


# How many periods each retention series covers, the current one included.
SERIES_LENGTHS: dict[str, int] = {"day": 30, "week": 12, "month": 12}


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def series_starts(today: date, unit: str, count: int | None = None) -> list[date]:
    """The first study day of each of the last ``count`` periods, oldest first, plus the
    start of the next period (the end bound).

    Weeks are ISO weeks (Monday to Sunday) of study days; months are calendar months.
    """
    count = SERIES_LENGTHS[unit] if count is None else count
    if unit == "day":
        first, step = today - timedelta(days=count - 1), lambda d, k: d + timedelta(days=k)
    elif unit == "week":
        monday = today - timedelta(days=today.weekday())
        first, step = monday - timedelta(weeks=count - 1), lambda d, k: d + timedelta(weeks=k)
    elif unit == "month":
        first, step = _add_months(today.replace(day=1), -(count - 1)), _add_months
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
    conn: sqlite3.Connection,
    clock: DayClock,
    now_ms: int,
    deck_id: str | None = None,
    unit: str = "day",
    count: int | None = None,
) -> RetentionSeries:
    """True retention per day, ISO week or month up to the current one, young and mature apart."""
    lengths = {unit: SERIES_LENGTHS[unit] if count is None else count}
    return retention_series_all(conn, clock, now_ms, deck_id, lengths)[unit]


def retention_series_all(
    conn: sqlite3.Connection,
    clock: DayClock,
    now_ms: int,
    deck_id: str | None = None,
    lengths: dict[str, int] | None = None,
) -> dict[str, RetentionSeries]:
    """Every retention series (``lengths``: unit -> periods, default SERIES_LENGTHS) at once.

    The same answers count as in :func:`retention`. One query reads the
    window the longest series covers (a year at most) and groups the answers
    by UTC bucket and class. The bucket is the largest span that divides
    every study day's offset from the window's start (a day where no DST
    change falls in the window, an hour across one, 15 minutes at worst), so
    no bucket straddles two days; Python maps buckets to study days and sums
    days into days, ISO weeks and months. For all decks ``+reviewed_ms``
    keeps SQLite off the time index: reading the table in order costs less
    than a random row read per answer when the window is a large share of
    the history; one deck's answers come from the (deck, time) index.
    """
    lengths = dict(SERIES_LENGTHS if lengths is None else lengths)
    today = clock.day_of(now_ms)
    starts = {unit: series_starts(today, unit, n) for unit, n in lengths.items()}
    first = min(days[0] for days in starts.values())
    window = [first + timedelta(days=i) for i in range((today - first).days + 2)]
    day_starts = [clock.start_ms(d) for d in window]
    low, high = day_starts[0], day_starts[-1]
    size = 0  # divides every day start's offset from ``low``: no bucket straddles two days
    for start in day_starts:
        size = math.gcd(size, start - low)
    where, params = _deck_filter(deck_id)
    time = "+reviewed_ms" if deck_id is None else "reviewed_ms"
    modes = ",".join("?" for _ in _RETENTION_MODES)
    rows = conn.execute(
        f"SELECT (reviewed_ms - ?) / {size} AS b, "
        f"  COALESCE({_BEFORE_INTERVAL_MS} >= {MATURE_DAYS * DAY_MS}, 0) AS m, "
        f"  rating > 1 AS p, count(*) FROM reviews "
        f"WHERE {where} AND {time} >= ? AND {time} < ? AND mode IN ({modes}) "
        f"AND {_before_state_sql(conn)} = {STATE_REVIEW} GROUP BY b, m, p",
        (low, *params, low, high, *_RETENTION_MODES),
    ).fetchall()
    per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    index = 0  # rows come sorted by bucket: walk the day starts alongside
    for bucket, mature, passed, n in rows:
        at = low + bucket * size
        while day_starts[index + 1] <= at:
            index += 1
        per_day[window[index]][(2 if mature else 0) + (1 - passed)] += n
    result = {}
    for unit, days in starts.items():
        counts = [[0, 0, 0, 0] for _ in range(len(days) - 1)]
        for day, classes in per_day.items():
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


def _empty_series(today: date) -> dict[str, RetentionSeries]:
    result = {}
    for unit in SERIES_LENGTHS:
        starts = series_starts(today, unit)[:-1]
        result[unit] = RetentionSeries(
            unit, starts, [RetentionRow(period_label(unit, d)) for d in starts]
        )
    return result


def _before_state_sql(conn: sqlite3.Connection) -> str:
    """The card's state before an answer: the v2 column, else parsed from the JSON."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(reviews)")}
    return "before_state" if "before_state" in columns else _BEFORE_STATE_JSON


def forecast(
    conn: sqlite3.Connection, clock: DayClock, now_ms: int, deck_id: str | None = None
) -> Forecast:
    """Items due per study day for the next FORECAST_DAYS days (today first).

    Overdue items are due today as well, so day 0 includes them; suspended and
    never-studied items are not forecast.
    """
    today = clock.day_of(now_ms)
    start = clock.start_ms(today)
    end = clock.start_ms(today + timedelta(days=FORECAST_DAYS))
    where, params = _deck_filter(deck_id)
    base = (
        f"FROM card_state WHERE {where} AND state != {STATE_NEW} AND NOT COALESCE(suspended, 0) "
        f"AND due_ms IS NOT NULL"
    )
    overdue = conn.execute(f"SELECT count(*) {base} AND due_ms < ?", (*params, start)).fetchone()[0]
    rows = conn.execute(
        f"SELECT due_ms / {BUCKET_MS} AS b, count(*) {base} AND due_ms >= ? AND due_ms < ? "
        f"GROUP BY b",
        (*params, start, end),
    ).fetchall()
    per_day: dict[date, int] = defaultdict(int)
    if rows:
        to_day = clock.mapper(start, end)
        for bucket, count in rows:
            per_day[to_day(bucket * BUCKET_MS)] += count
    per_day[today] += overdue
    days = [
        ForecastDay(today + timedelta(days=i), per_day.get(today + timedelta(days=i), 0))
        for i in range(FORECAST_DAYS)
    ]
    return Forecast(overdue=overdue, days=days)


def _deck_items(decks: Sequence[Deck], deck_id: str | None) -> dict[str, dict[str, list[str]]]:
    """deck id -> item id -> tags of the item's card, for the decks in scope."""
    result: dict[str, dict[str, list[str]]] = {}
    for deck in decks:
        if deck_id is not None and deck.deck.id != deck_id:
            continue
        result[deck.deck.id] = {item.id: list(item.card.tags) for item in deck.items()}
    return result


def card_states(
    conn: sqlite3.Connection, deck_id: str | None = None, decks: Sequence[Deck] = ()
) -> CardStates:
    """Counts per state. Items of the loaded decks that have no row yet are new."""
    where, params = _deck_filter(deck_id)
    mature_ms = MATURE_DAYS * DAY_MS
    interval = "COALESCE(due_ms - last_review_ms, 0)"
    row = conn.execute(
        f"SELECT "
        f" SUM(NOT s AND state = {STATE_NEW}),"
        f" SUM(NOT s AND state IN ({STATE_LEARNING}, {STATE_RELEARNING})),"
        f" SUM(NOT s AND state = {STATE_REVIEW} AND {interval} < {mature_ms}),"
        f" SUM(NOT s AND state = {STATE_REVIEW} AND {interval} >= {mature_ms}),"
        f" SUM(s), SUM(COALESCE(leech, 0) != 0) "
        f"FROM (SELECT *, COALESCE(suspended, 0) != 0 AS s FROM card_state WHERE {where})",
        params,
    ).fetchone()
    new, learning, young, mature, suspended, leeches = (int(v or 0) for v in row)
    items = _deck_items(decks, deck_id)
    if items:
        known = set(
            conn.execute(
                f"SELECT deck_id, item_id FROM card_state WHERE {where}", params
            ).fetchall()
        )
        new += sum(
            1 for deck, ids in items.items() for item_id in ids if (deck, item_id) not in known
        )
    return CardStates(new, learning, young, mature, suspended, leeches)


def _histogram(conn: sqlite3.Connection, expr: str, deck_id: str | None) -> list[HistogramBin]:
    """Counts of review-state items whose value (in days) falls in each HISTOGRAM_EDGES bin."""
    where, params = _deck_filter(deck_id)
    cases = " ".join(f"WHEN v < {high} THEN {i}" for i, high in enumerate(HISTOGRAM_EDGES[1:]))
    rows = conn.execute(
        f"SELECT CASE {cases} ELSE {len(HISTOGRAM_EDGES) - 1} END AS bin, count(*) "
        f"FROM (SELECT {expr} AS v FROM card_state WHERE {where} AND state = {STATE_REVIEW} "
        f"AND NOT COALESCE(suspended, 0)) WHERE v IS NOT NULL GROUP BY bin",
        params,
    ).fetchall()
    return _bins(dict(rows))


def _bins(counts: dict[int, int]) -> list[HistogramBin]:
    """Every bin of HISTOGRAM_EDGES with its count, empty ones included (charts need them)."""
    bins = []
    for i, low in enumerate(HISTOGRAM_EDGES):
        high = HISTOGRAM_EDGES[i + 1] if i + 1 < len(HISTOGRAM_EDGES) else None
        label = f"{low:g}-{high:g}d" if high is not None else f"{low:g}d+"
        bins.append(HistogramBin(label, low, high, int(counts.get(i, 0))))
    return bins


def interval_histogram(conn: sqlite3.Connection, deck_id: str | None = None) -> list[HistogramBin]:
    """Current intervals (due minus last review, in days) of items in review."""
    return _histogram(conn, f"(due_ms - last_review_ms) * 1.0 / {DAY_MS}", deck_id)


def stability_histogram(conn: sqlite3.Connection, deck_id: str | None = None) -> list[HistogramBin]:
    """FSRS stabilities (days until recall probability falls to 90 %) of items in review."""
    return _histogram(conn, "stability", deck_id)


def retrievability(
    stability: float | None, last_review_ms: int | None, now_ms: int
) -> float | None:
    """Probability of recall at ``now_ms`` of a card last reviewed at ``last_review_ms``.

    Asked of the scheduling module (the only one that knows FSRS); the FSRS-6
    forgetting curve with its default decay stands in when that module is absent.
    """
    if stability is None or stability <= 0 or last_review_ms is None:
        return None
    try:
        from quizapp.core import scheduling
        from quizapp.core.models import SchedulingOptions
        from quizapp.core.store.protocol import CardState
    except ImportError:
        decay = 0.1542
        factor = 0.9 ** (-1 / decay) - 1
        elapsed = max(now_ms - last_review_ms, 0) / DAY_MS
        return (1 + factor * elapsed / stability) ** -decay
    state = CardState(
        "",
        "",
        state=STATE_REVIEW,
        stability=stability,
        difficulty=5.0,
        due_ms=now_ms,
        last_review_ms=last_review_ms,
    )
    return float(scheduling.retrievability(state, scheduling.from_ms(now_ms), SchedulingOptions()))


def hardest(
    conn: sqlite3.Connection, now_ms: int, deck_id: str | None = None, limit: int = HARDEST_LIMIT
) -> tuple[list[HardCard], list[HardCard]]:
    """(most lapses, lowest retrievability) among studied, unsuspended items.

    Retrievability falls as elapsed/stability grows, so SQL orders by that
    ratio and only the few chosen rows go through the forgetting curve.
    Cards reviewed less than a day ago are at 100 % for FSRS (it counts whole
    days); they are still listed, after the others and weakest (lowest
    stability) first, so a deck studied only today does not show "none".
    """
    where, params = _deck_filter(deck_id)
    base = (
        f"SELECT deck_id, item_id, COALESCE(lapses, 0), COALESCE(reps, 0), stability, "
        f"last_review_ms FROM card_state WHERE {where} AND state != {STATE_NEW} "
        f"AND NOT COALESCE(suspended, 0)"
    )

    def build(rows: Iterable[tuple]) -> list[HardCard]:
        cards = []
        for deck, item, lapses, reps, stability, last_ms in rows:
            recall = retrievability(stability, last_ms, now_ms)
            cards.append(HardCard(deck, item, lapses, reps, stability, recall))
        return cards

    lapses = build(
        conn.execute(
            f"{base} AND lapses > 0 ORDER BY lapses DESC, reps DESC, deck_id, item_id LIMIT ?",
            (*params, limit),
        )
    )
    # FSRS counts whole days elapsed, so order by those; the scheduler's figure
    # then decides among the candidates (a few extra guard against ties).
    lowest = build(
        conn.execute(
            f"{base} AND stability > 0 AND last_review_ms IS NOT NULL "
            f"ORDER BY ((? - last_review_ms) / {DAY_MS}) / stability DESC, stability, "
            f"deck_id, item_id "
            f"LIMIT ?",
            (*params, now_ms, limit * 3),
        )
    )
    lowest = [c for c in lowest if c.retrievability is not None]
    lowest = sorted(
        lowest, key=lambda c: (c.retrievability, c.stability or 0.0, c.deck_id, c.item_id)
    )[:limit]
    return lapses, lowest


def tag_accuracy(
    conn: sqlite3.Connection, decks: Sequence[Deck], deck_id: str | None = None
) -> list[TagAccuracy]:
    """Share of right answers (study, quiz and imported) per card tag of the loaded decks.

    SQL counts answers per item; the tags live in the deck files, so the join
    happens here. An item with several tags counts under each. Two queries,
    because each is cheap: all answers per item come from the (deck, item)
    index alone, without reading a row; wrong answers, a minority, from one
    scan (``+deck_id`` keeps it off that index, which would mean a random
    row read per review) and a sort of those few.
    """
    items = _deck_items(decks, deck_id)
    if not items:
        return []
    where, params = _deck_filter(deck_id)
    totals = conn.execute(
        f"SELECT deck_id, item_id, count(*) FROM reviews WHERE {where} GROUP BY deck_id, item_id",
        params,
    ).fetchall()
    wrong = {
        (deck, item): count
        for deck, item, count in conn.execute(
            f"SELECT deck_id, item_id, count(*) FROM reviews WHERE {where} AND NOT ({_RIGHT_SQL}) "
            f"GROUP BY +deck_id, item_id",
            params,
        )
    }
    answers: dict[str, int] = defaultdict(int)
    right: dict[str, int] = defaultdict(int)
    for deck, item, count in totals:
        tags = items.get(deck, {}).get(item)
        if tags is None:
            continue
        for tag in tags or ["(untagged)"]:
            answers[tag] += count
            right[tag] += count - wrong.get((deck, item), 0)
    return sorted(
        (TagAccuracy(tag, answers[tag], right[tag]) for tag in answers),
        key=lambda t: (t.accuracy if t.accuracy is not None else 2.0, t.tag),
    )


def _empty_report(
    now_ms: int, clock: DayClock, deck_id: str | None, desired: float, decks: Sequence[Deck]
) -> StatsReport:
    today = clock.day_of(now_ms)
    first = today - timedelta(days=HEATMAP_DAYS - 1)
    new = sum(len(ids) for ids in _deck_items(decks, deck_id).values())
    return StatsReport(
        generated_ms=now_ms,
        deck_id=deck_id,
        timezone=str(clock.tz),
        rollover_hour=clock.rollover_hour,
        total_reviews=0,
        quizzes=[],
        calendar=Calendar(
            today, [(first + timedelta(days=i), 0) for i in range(HEATMAP_DAYS)], 0, 0, 0, 0
        ),
        retention=Retention(
            desired, [RetentionRow(name) for name, _ in RETENTION_PERIODS], _empty_series(today)
        ),
        forecast=Forecast(
            0, [ForecastDay(today + timedelta(days=i), 0) for i in range(FORECAST_DAYS)]
        ),
        card_states=CardStates(new=new),
        intervals=_bins({}),
        stabilities=_bins({}),
        most_lapses=[],
        lowest_retrievability=[],
        tags=[],
    )


def desired_retention_of(
    decks: Sequence[Deck], deck_id: str | None, config: Config | None = None
) -> float:
    """The deck's desired retention, or the mean over the decks in scope.

    With ``config``, its per-deck overrides apply: the scheduler aims at the
    overridden figure, so true retention must be read against that one.
    """
    values = [
        (config.scheduling_for(d) if config is not None else d.deck.scheduling).desired_retention
        for d in decks
        if deck_id is None or d.deck.id == deck_id
    ]
    return sum(values) / len(values) if values else DEFAULT_DESIRED_RETENTION


def compute_stats(
    conn: sqlite3.Connection | None,
    *,
    deck_id: str | None = None,
    decks: Sequence[Deck] = (),
    now: datetime | None = None,
    tz: tzinfo | None = None,
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR,
    desired_retention: float | None = None,
    config: Config | None = None,
) -> StatsReport:
    """Every figure for one deck (``deck_id``) or all, at ``now`` (default: the clock).

    ``conn`` may be None (no history yet): the report is then empty but complete.
    ``config`` supplies the per-deck overrides of the desired retention
    (``desired_retention``, when given, wins over both).
    """
    now = now or datetime.now(UTC)
    now_ms = int(now.timestamp() * 1000)
    clock = DayClock(tz or local_zone(), rollover_hour)
    desired = (
        desired_retention
        if desired_retention is not None
        else desired_retention_of(decks, deck_id, config)
    )
    if conn is None or not _has_tables(conn):
        return _empty_report(now_ms, clock, deck_id, desired, decks)
    where, params = _deck_filter(deck_id)
    total = conn.execute(f"SELECT count(*) FROM reviews WHERE {where}", params).fetchone()[0]
    lapses, lowest = hardest(conn, now_ms, deck_id)
    return StatsReport(
        generated_ms=now_ms,
        deck_id=deck_id,
        timezone=str(clock.tz),
        rollover_hour=rollover_hour,
        total_reviews=int(total),
        quizzes=quiz_history(conn, deck_id),
        calendar=calendar(conn, clock, now_ms, deck_id),
        retention=retention(conn, clock, now_ms, deck_id, desired),
        forecast=forecast(conn, clock, now_ms, deck_id),
        card_states=card_states(conn, deck_id, decks),
        intervals=interval_histogram(conn, deck_id),
        stabilities=stability_histogram(conn, deck_id),
        most_lapses=lapses,
        lowest_retrievability=lowest,
        tags=tag_accuracy(conn, decks, deck_id),
    )


# ---------------------------------------------------------------- JSON


def _iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat().replace("+00:00", "Z")


def _retention_row(row: RetentionRow) -> dict:
    return {
        **asdict(row),
        "young": row.young,
        "mature": row.mature,
        "total": row.total,
        "count": row.total_count,
    }


def report_to_dict(report: StatsReport) -> dict:
    """A JSON-ready view of the report: ISO dates, ratios as floats, derived figures included."""
    cal = report.calendar
    return {
        "generated": _iso(report.generated_ms),
        "deck": report.deck_id,
        "timezone": report.timezone,
        "rollover_hour": report.rollover_hour,
        "total_reviews": report.total_reviews,
        "quizzes": [
            {
                "deck": q.deck_id,
                "count": len(q.points),
                "best": q.best,
                "last": q.last,
                "average": q.average,
                "abandoned": q.abandoned,
                "points": [
                    {"finished": _iso(p.finished_ms), "score": p.score, "questions": p.questions}
                    for p in q.points
                ],
            }
            for q in report.quizzes
        ],
        "calendar": {
            "today": cal.today.isoformat(),
            "current_streak": cal.current_streak,
            "longest_streak": cal.longest_streak,
            "days_studied": cal.days_studied,
            "reviews": cal.total_reviews,
            "days": {d.isoformat(): n for d, n in cal.days if n},
        },
        "retention": {
            "desired": report.retention.desired,
            "periods": [_retention_row(row) for row in report.retention.rows],
            "series": {
                unit: [
                    {"start": start.isoformat(), **_retention_row(row)}
                    for start, row in zip(series.starts, series.rows, strict=True)
                ]
                for unit, series in report.retention.series.items()
            },
        },
        "forecast": {
            "overdue": report.forecast.overdue,
            "days": [{"day": f.day.isoformat(), "due": f.due} for f in report.forecast.days],
        },
        "card_states": {**asdict(report.card_states), "total": report.card_states.total},
        "intervals": [asdict(b) for b in report.intervals],
        "stabilities": [asdict(b) for b in report.stabilities],
        "most_lapses": [asdict(c) for c in report.most_lapses],
        "lowest_retrievability": [asdict(c) for c in report.lowest_retrievability],
        "tags": [
            {"tag": t.tag, "answers": t.answers, "right": t.right, "accuracy": t.accuracy}
            for t in report.tags
        ],
    }


def report_to_json(report: StatsReport) -> str:
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False)


# ---------------------------------------------------------------- setup


@dataclass(frozen=True)
class StatsSetup:
    """What the figures depend on besides the database: the decks and the learner's clock."""

    decks: list[Deck]
    tz: tzinfo
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR
    leech_threshold: int = 8
    config: Config | None = None  # for the per-deck overrides of the desired retention


def load_setup(
    extra_paths: Sequence[Path | str] = (), *, decks: Sequence[Deck] | None = None
) -> StatsSetup:
    """The user's decks (bundled and their own) and config, as the CLI and the screen use them.

    ``decks`` already loaded (the TUI has them) are used as they are. A bad
    config raises the config module's one-line ``ConfigError``; decks that
    fail to load are left out (``quizapp check`` reports them), since stats of
    the others are still worth showing. Card examples are not run: stats only
    need the cards' ids and tags.
    """
    from quizapp.core.config import load_config

    config = load_config()
    if decks is None:
        from quizapp.core.library import load_library

        loaded = load_library(extra_paths, examples=False)
        decks = [ld.deck for ld in loaded if ld.deck is not None]
    return StatsSetup(
        list(decks), config.tz, config.day_rollover_hour, config.leech_threshold, config
    )


# ---------------------------------------------------------------- heatmap text

HEATMAP_GLYPHS = "·░▒▓█"  # no reviews, then four levels up to the busiest day
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


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
    busiest = max(n for _, n in cal.days)
    counts = dict(cal.days)
    grid = [[" "] * weeks for _ in range(7)]
    header = [" "] * (weeks + 4)
    last_month_col = -4
    for offset in range((cal.today - start).days + 1):
        day = start + timedelta(days=offset)
        col, row = offset // 7, offset % 7
        if day < first:
            continue
        grid[row][col] = HEATMAP_GLYPHS[heat_level(counts.get(day, 0), busiest)]
        if day.day <= 7 and row == 0 and col - last_month_col >= 4:
            label = day.strftime("%b")
            header[col : col + 3] = list(label)
            last_month_col = col
    lines = ["    " + "".join(header).rstrip()]
    lines += [f"{WEEKDAYS[r]:<4}" + "".join(grid[r]).rstrip() for r in range(7)]
    lines.append(f"    less {HEATMAP_GLYPHS} more  (busiest day: {busiest} reviews)")
    return lines
