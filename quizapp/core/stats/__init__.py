"""Statistics of the score history: what the stats screen, ``quizapp stats`` and scripts show.

The history is read through the store's queries
(:class:`~quizapp.core.store.queries.StatsQueries`), which count where the
data lives; the modules here turn those counts into figures: study days
(:mod:`.clock`), activity and streaks (:mod:`.activity`), true retention
(:mod:`.true_retention`, :mod:`.series`), the forecast (:mod:`.forecasting`),
card states and tags (:mod:`.cards`), the hardest cards (:mod:`.hard_cards`), the whole report
(:mod:`.report`) and its JSON (:mod:`.json_report`). Rendering is the job of
the command and the screen; the calendar's glyphs (:mod:`.heatmap`) and
the figures as text (:mod:`.text`) are shared by both. Times are ``int`` milliseconds UTC.
"""

from quizapp.core.stats.activity import (
    HEATMAP_DAYS,
    calendar,
    quiz_history,
    reviews_per_day,
    streaks,
)
from quizapp.core.stats.cards import (
    HISTOGRAM_EDGES,
    card_states,
    interval_histogram,
    stability_histogram,
    tag_accuracy,
)
from quizapp.core.stats.clock import (
    BUCKET_MS,
    DAY_MS,
    DEFAULT_ROLLOVER_HOUR,
    DayClock,
    DayMapper,
    local_zone,
)
from quizapp.core.stats.forecasting import FORECAST_DAYS, forecast
from quizapp.core.stats.hard_cards import HARDEST_LIMIT, hardest, retrievability
from quizapp.core.stats.heatmap import HEATMAP_GLYPHS, heat_level, heatmap_lines
from quizapp.core.stats.json_report import report_to_dict, report_to_json
from quizapp.core.stats.report import (
    SECTIONS,
    combine,
    compute_stats,
    desired_retention_of,
    empty_report,
    history_deck_ids,
)
from quizapp.core.stats.results import (
    MATURE_DAYS,
    Calendar,
    CardStates,
    Forecast,
    ForecastDay,
    HardCard,
    HistogramBin,
    QuizHistory,
    QuizPoint,
    RecentQuiz,
    Retention,
    RetentionRow,
    RetentionSeries,
    StatsReport,
    TagAccuracy,
)
from quizapp.core.stats.series import (
    SERIES_LENGTHS,
    period_label,
    retention_series,
    retention_series_all,
    series_starts,
)
from quizapp.core.stats.setup import StatsSetup, load_setup
from quizapp.core.stats.text import (
    EARLY_NOTE,
    UNTAGGED,
    bar_text,
    bin_text,
    days_text,
    early_note,
    percent_text,
    period_text,
    score_text,
    tag_text,
)
from quizapp.core.stats.true_retention import (
    DEFAULT_DESIRED_RETENTION,
    RETENTION_PERIODS,
    retention,
    retention_summary,
)

__all__ = [
    "BUCKET_MS",
    "DAY_MS",
    "DEFAULT_DESIRED_RETENTION",
    "DEFAULT_ROLLOVER_HOUR",
    "EARLY_NOTE",
    "FORECAST_DAYS",
    "HARDEST_LIMIT",
    "HEATMAP_DAYS",
    "HEATMAP_GLYPHS",
    "HISTOGRAM_EDGES",
    "MATURE_DAYS",
    "RETENTION_PERIODS",
    "SECTIONS",
    "SERIES_LENGTHS",
    "UNTAGGED",
    "Calendar",
    "CardStates",
    "DayClock",
    "DayMapper",
    "Forecast",
    "ForecastDay",
    "HardCard",
    "HistogramBin",
    "QuizHistory",
    "QuizPoint",
    "RecentQuiz",
    "Retention",
    "RetentionRow",
    "RetentionSeries",
    "StatsReport",
    "StatsSetup",
    "TagAccuracy",
    "bar_text",
    "bin_text",
    "calendar",
    "card_states",
    "combine",
    "compute_stats",
    "days_text",
    "desired_retention_of",
    "early_note",
    "empty_report",
    "forecast",
    "hardest",
    "heat_level",
    "heatmap_lines",
    "history_deck_ids",
    "interval_histogram",
    "load_setup",
    "local_zone",
    "percent_text",
    "period_label",
    "period_text",
    "quiz_history",
    "report_to_dict",
    "report_to_json",
    "retention",
    "retention_series",
    "retention_series_all",
    "retention_summary",
    "retrievability",
    "reviews_per_day",
    "score_text",
    "series_starts",
    "stability_histogram",
    "streaks",
    "tag_accuracy",
    "tag_text",
]
