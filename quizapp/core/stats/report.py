"""Every figure of the stats for one deck or all, at one moment: :func:`compute_stats`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

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
) -> StatsReport:
    """Every figure for one deck (``deck_id``) or all, at ``now`` (default: the clock).

    ``store`` may be None (no history yet): the report is then empty but complete.
    ``config`` supplies the per-deck overrides of the desired retention
    (``desired_retention``, when given, wins over both).
    """
    now = now or datetime.now(UTC)
    now_ms = to_ms(now)
    clock = DayClock(tz or local_zone(), rollover_hour)
    desired = (
        desired_retention
        if desired_retention is not None
        else desired_retention_of(decks, deck_id, config)
    )
    if store is None or not store.has_history_schema():
        return empty_report(now_ms, clock, deck_id, desired, decks)
    total = store.review_count(deck_id)
    lapses, lowest = hardest(store, now_ms, deck_id)
    return StatsReport(
        generated_ms=now_ms,
        deck_id=deck_id,
        timezone=str(clock.tz),
        rollover_hour=rollover_hour,
        total_reviews=total,
        quizzes=quiz_history(store, deck_id),
        calendar=calendar(store, clock, now_ms, deck_id),
        retention=retention(store, clock, now_ms, deck_id, desired),
        forecast=forecast(store, clock, now_ms, deck_id),
        card_states=card_states(store, deck_id, decks),
        intervals=interval_histogram(store, deck_id),
        stabilities=stability_histogram(store, deck_id),
        most_lapses=with_questions(lapses, decks),
        lowest_retrievability=with_questions(lowest, decks),
        tags=tag_accuracy(store, decks, deck_id),
        recent_quizzes=recent_quizzes(store, deck_id),
    )
