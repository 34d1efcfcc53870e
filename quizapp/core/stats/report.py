"""Every figure of the stats for one deck or all, at one moment: :func:`compute_stats`."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from quizapp.core.clock import to_ms
from quizapp.core.models import Deck
from quizapp.core.stats.activity import calendar, empty_calendar, quiz_history, recent_quizzes
from quizapp.core.stats.cards import (
    bins,
    card_states,
    deck_items,
    interval_histogram,
    stability_histogram,
    tag_accuracy,
)
from quizapp.core.stats.clock import DEFAULT_ROLLOVER_HOUR, DayClock, local_zone
from quizapp.core.stats.forecasting import empty_forecast, forecast
from quizapp.core.stats.hard_cards import hardest, with_questions
from quizapp.core.stats.results import CardStates, Retention, RetentionRow, StatsReport
from quizapp.core.stats.series import empty_series
from quizapp.core.stats.true_retention import (
    DEFAULT_DESIRED_RETENTION,
    RETENTION_PERIODS,
    retention,
)
from quizapp.core.store.protocol import Store

if TYPE_CHECKING:
    from quizapp.core.config import Config


# The report's parts that can be computed alone, and the fields each fills: a screen
# computes the part it shows first and the others after it.
SECTIONS: dict[str, tuple[str, ...]] = {
    "activity": ("total_reviews", "calendar"),
    "quizzes": ("quizzes", "recent_quizzes"),
    "retention": ("retention",),
    "forecast": ("forecast",),
    "cards": ("card_states", "intervals", "stabilities"),
    "hardest": ("most_lapses", "lowest_retrievability"),
    "tags": ("tags",),
}


def combine(report: StatsReport, other: StatsReport, sections: Collection[str]) -> StatsReport:
    """``report`` with the fields of ``sections`` taken from ``other`` (both of one moment)."""
    return replace(report, **{f: getattr(other, f) for s in sections for f in SECTIONS[s]})


def history_deck_ids(store: Store | None) -> set[str]:
    """Deck ids the history knows (answers, card states, quizzes), loaded or not.

    ``stats --deck`` accepts these as well as loaded decks: an imported review
    log lives in a deck of its own (``imported``) that no deck file declares.
    """
    return set() if store is None else store.all_deck_ids()


def empty_report(
    now_ms: int, clock: DayClock, deck_id: str | None, desired: float, decks: Sequence[Deck]
) -> StatsReport:
    """The report of a history without anything in it, complete (charts need every period)."""
    today = clock.day_of(now_ms)
    new = sum(len(ids) for ids in deck_items(decks, deck_id).values())
    return StatsReport(
        generated_ms=now_ms,
        deck_id=deck_id,
        timezone=str(clock.tz),
        rollover_hour=clock.rollover_hour,
        total_reviews=0,
        quizzes=[],
        calendar=empty_calendar(today),
        retention=Retention(
            desired, [RetentionRow(name) for name, _ in RETENTION_PERIODS], empty_series(today)
        ),
        forecast=empty_forecast(today),
        card_states=CardStates(new=new),
        intervals=bins({}),
        stabilities=bins({}),
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
    store: Store | None,
    *,
    deck_id: str | None = None,
    decks: Sequence[Deck] = (),
    now: datetime | None = None,
    tz: tzinfo | None = None,
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR,
    desired_retention: float | None = None,
    config: Config | None = None,
    sections: Collection[str] | None = None,
) -> StatsReport:
    """Every figure for one deck (``deck_id``) or all, at ``now`` (default: the clock).

    ``store`` may be None (no history yet): the report is then empty but complete.
    ``config`` supplies the per-deck overrides of the desired retention
    (``desired_retention``, when given, wins over both). ``sections`` (of
    :data:`SECTIONS`; default all) limits the work to those parts: the others
    keep the values of an empty history.
    """
    now = now or datetime.now(UTC)
    now_ms = to_ms(now)
    clock = DayClock(tz or local_zone(), rollover_hour)
    desired = (
        desired_retention
        if desired_retention is not None
        else desired_retention_of(decks, deck_id, config)
    )
    report = empty_report(now_ms, clock, deck_id, desired, decks)
    if store is None or not store.has_history_schema():
        return report
    wanted = set(SECTIONS) if sections is None else set(sections)
    parts: dict[str, Any] = {}
    if "activity" in wanted:
        parts["total_reviews"] = store.review_count(deck_id)
        parts["calendar"] = calendar(store, clock, now_ms, deck_id)
    if "quizzes" in wanted:
        parts["quizzes"] = quiz_history(store, deck_id)
        parts["recent_quizzes"] = recent_quizzes(store, deck_id)
    if "retention" in wanted:
        parts["retention"] = retention(store, clock, now_ms, deck_id, desired)
    if "forecast" in wanted:
        parts["forecast"] = forecast(store, clock, now_ms, deck_id)
    if "cards" in wanted:
        parts["card_states"] = card_states(store, deck_id, decks)
        parts["intervals"] = interval_histogram(store, deck_id)
        parts["stabilities"] = stability_histogram(store, deck_id)
    if "hardest" in wanted:
        lapses, lowest = hardest(store, now_ms, deck_id)
        parts["most_lapses"] = with_questions(lapses, decks)
        parts["lowest_retrievability"] = with_questions(lowest, decks)
    if "tags" in wanted:
        parts["tags"] = tag_accuracy(store, decks, deck_id)
    return replace(report, **parts)
