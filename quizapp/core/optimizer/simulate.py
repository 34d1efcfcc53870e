"""Recommending a desired retention with the FSRS engine's simulator.

A higher desired retention means more cards remembered but many more reviews.
The simulator of ``fsrs-rs-python`` plays a year of study of a deck like the
learner's (its size, daily limits, learning steps), with the fitted parameters
and the learner's own habits where the log shows them: how often each first
rating is given, how recalls split between Hard, Good and Easy, and how many
seconds an answer takes by card state and rating (from the stored durations).
For each desired retention from 0.70 to 0.95 it measures study time per card
remembered at the end; the recommendation is the retention where that is
least. The learner decides whether to accept it.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.core.optimizer.fit import Parameters
from quizapp.core.store.fitting import GradedAnswer

if TYPE_CHECKING:
    from fsrs_rs_python import SimulatorConfig

RETENTIONS = tuple(round(0.70 + 0.01 * k, 2) for k in range(26))  # 0.70 .. 0.95
SEED = 2026  # the same log gives the same recommendation
MIN_SAMPLES = 20  # answers needed before a habit replaces the simulator's default
_STATE_ROWS = {1: 0, 2: 1, 3: 2}  # card state before the answer -> simulator cost row


@dataclass(frozen=True)
class Deck:
    """The deck the simulator plays: size, daily limits and steps."""

    cards: int
    new_per_day: int
    reviews_per_day: int
    learning_steps: int
    relearning_steps: int
    maximum_interval: int
    days: int = 365


@dataclass(frozen=True)
class Outcome:
    """One simulated year at one desired retention."""

    retention: float
    study_hours: float
    remembered: float

    @property
    def seconds_per_card(self) -> float:
        return 3600 * self.study_hours / max(self.remembered, 1e-9)


@dataclass(frozen=True)
class Recommendation:
    """The least-time-per-card retention and every outcome it was chosen among."""

    retention: float
    outcomes: tuple[Outcome, ...]
    habits_from_log: bool


def _shares(counts: Counter[int], keys: Sequence[int]) -> list[float] | None:
    total = sum(counts[k] for k in keys)
    if total < MIN_SAMPLES:
        return None
    return [counts[k] / total for k in keys]


def _apply_habits(config: SimulatorConfig, answers: Sequence[GradedAnswer]) -> bool:
    """Put the learner's rating shares and answer times in the simulator config."""
    firsts: Counter[int] = Counter()
    recalls: Counter[int] = Counter()
    seconds: dict[tuple[int, int], list[float]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for answer in answers:
        card = (answer.deck_id, answer.item_id)
        if card not in seen:
            seen.add(card)
            firsts[answer.rating] += 1
        elif answer.before_state == 2 and answer.rating > 1:
            recalls[answer.rating] += 1
        row = _STATE_ROWS.get(answer.before_state or 0)
        if row is not None and answer.response_ms is not None and answer.response_ms > 0:
            seconds[(row, answer.rating - 1)].append(min(answer.response_ms, 600_000) / 1000)
    used = False
    first = _shares(firsts, (1, 2, 3, 4))
    if first is not None:
        config.first_rating_prob = first
        used = True
    review = _shares(recalls, (2, 3, 4))
    if review is not None:
        config.review_rating_prob = review
        used = True
    costs = [list(row) for row in config.state_rating_costs]
    for (row, column), values in seconds.items():
        if len(values) >= MIN_SAMPLES:
            costs[row][column] = statistics.median(values)
            used = True
    config.state_rating_costs = costs
    return used


def recommend_retention(
    parameters: Parameters, deck: Deck, answers: Sequence[GradedAnswer] = ()
) -> Recommendation:
    """Simulate each candidate retention and pick the least study time per card remembered."""
    import fsrs_rs_python

    config = fsrs_rs_python.default_simulator_config()
    config.deck_size = max(deck.cards, 1)
    config.learn_span = deck.days
    config.learn_limit = deck.new_per_day
    config.review_limit = deck.reviews_per_day
    config.max_ivl = float(deck.maximum_interval)
    config.learning_step_count = deck.learning_steps
    config.relearning_step_count = deck.relearning_steps
    habits = _apply_habits(config, answers)
    outcomes = []
    for retention in RETENTIONS:
        result = fsrs_rs_python.simulate(list(parameters), retention, config, SEED)
        remembered = result.memorized_cnt_per_day[-1] if result.memorized_cnt_per_day else 0.0
        outcomes.append(Outcome(retention, sum(result.cost_per_day) / 3600, float(remembered)))
    best = min(outcomes, key=lambda o: (o.seconds_per_card, -o.retention))
    return Recommendation(
        retention=best.retention, outcomes=tuple(outcomes), habits_from_log=habits
    )
