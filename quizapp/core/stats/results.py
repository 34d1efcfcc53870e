"""The figures of the stats, as the screen, ``quizapp stats`` and scripts receive them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from quizapp.core.i18n import _
from quizapp.core.stats.clock import DAY_MS

MATURE_DAYS = 21  # Anki's line between young and mature cards
MATURE_MS = MATURE_DAYS * DAY_MS


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
    abandoned_answers: int = 0  # questions answered in the abandoned quizzes

    @property
    def abandoned_text(self) -> str:
        """``0``, or ``2 (7 answered)``: how many were left, and how far they went."""
        if not self.abandoned:
            return "0"
        return _("{count} ({answers} answered)").format(
            count=self.abandoned, answers=self.abandoned_answers
        )


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
        return ratio(self.young_pass, self.young_pass + self.young_fail)

    @property
    def mature(self) -> float | None:
        return ratio(self.mature_pass, self.mature_pass + self.mature_fail)

    @property
    def total_count(self) -> int:
        return self.young_pass + self.young_fail + self.mature_pass + self.mature_fail

    @property
    def total(self) -> float | None:
        return ratio(self.young_pass + self.mature_pass, self.total_count)


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
    """A card among the hardest; ``question`` is its text as asked (None: no deck file)."""

    deck_id: str
    item_id: str
    lapses: int
    reps: int
    stability: float | None
    retrievability: float | None
    question: str | None = None


@dataclass(frozen=True)
class RecentQuiz:
    """One of the last quizzes, finished or abandoned; ``score`` None: no question answered."""

    deck_id: str
    when_ms: int  # finished (or abandoned), else started
    questions: int
    score: float | None
    abandoned: bool


@dataclass(frozen=True)
class TagAccuracy:
    tag: str
    answers: int
    right: int

    @property
    def accuracy(self) -> float | None:
        return ratio(self.right, self.answers)


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
    recent_quizzes: list[RecentQuiz] = field(default_factory=list)  # newest first

    @property
    def early(self) -> bool:
        """No card has come back for review yet (day one): retention has no answer to
        count and every recall is near 100%, so those figures say so instead."""
        return not any(row.total_count for row in self.retention.rows)


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or None for an empty whole (no answer: no percentage)."""
    return part / whole if whole else None
