"""``quizapp optimize`` as steps the command (and the benchmark) call: pick, read, fit, save.

Choosing what to fit: no deck means every deck's history together (the
``all`` group); a deck means its group, that is every loaded deck sharing its
preset, or the deck alone when it has none (a deck with history but no deck
file, such as an imported review log, is alone too).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from quizapp.core import scheduling
from quizapp.core.config import Config
from quizapp.core.i18n import _
from quizapp.core.models import Deck, SchedulingOptions
from quizapp.core.optimizer import saved
from quizapp.core.optimizer.evaluate import Evaluation
from quizapp.core.optimizer.fit import Parameters, fit
from quizapp.core.optimizer.items import ItemSet, build_items
from quizapp.core.store.fitting import GradedAnswer, graded_answer_count, graded_answers
from quizapp.core.store.protocol import Store


class UnknownDeck(ValueError):
    """The deck asked for is neither loaded nor in the history."""


@dataclass(frozen=True)
class Target:
    """What to fit: a parameter group and its decks (None: every deck)."""

    group: str
    deck_ids: tuple[str, ...] | None
    options: SchedulingOptions  # the group's options, for the simulator
    cards: int  # cards of its loaded decks (the simulator's deck size)

    @property
    def label(self) -> str:
        return saved.group_label(self.group)


def choose_target(
    deck_id: str | None, decks: list[Deck], config: Config, history_decks: set[str]
) -> Target:
    """The group to fit for ``--deck ID`` (or all decks when None)."""
    if deck_id is None:
        cards = sum(len(d.items()) for d in decks)
        return Target(saved.ALL, None, SchedulingOptions(), cards)
    by_id = {d.deck.id: d for d in decks}
    deck = by_id.get(deck_id)
    if deck is None:
        if deck_id not in history_decks:
            known = ", ".join(sorted(set(by_id) | history_decks)) or _("none")
            raise UnknownDeck(
                _("no deck {deck!r} is loaded or in the history (decks: {known})").format(
                    deck=deck_id, known=known
                )
            )
        return Target(saved.group_of(deck_id, None), (deck_id,), SchedulingOptions(), 0)
    options = config.scheduling_for(deck)
    group = saved.group_of(deck_id, options.preset)
    members = [
        d for d in decks if saved.group_of(d.deck.id, config.scheduling_for(d).preset) == group
    ]
    return Target(
        group, tuple(d.deck.id for d in members), options, sum(len(d.items()) for d in members)
    )


def read_items(store: Store, target: Target, config: Config) -> tuple[list[GradedAnswer], ItemSet]:
    """The target's graded answers and the FSRS items built from them."""
    answers = graded_answers(store, target.deck_ids)

    def day_of(ms: int) -> int:
        return config.study_day(scheduling.from_ms(ms)).toordinal()

    return answers, build_items(answers, day_of)


@dataclass(frozen=True)
class Fitted:
    """A fit that was saved, and how long it took."""

    record: saved.SavedParameters
    seconds: float


def fit_and_save(
    store: Store, target: Target, items: ItemSet, *, now: datetime | None = None
) -> Fitted:
    """Fit the target's items and store the parameters (bounded for the scheduler).

    Raises :class:`~quizapp.core.optimizer.fit.NotEnoughReviews` and leaves
    whatever was stored before when there are too few reviews.
    """
    started = time.perf_counter()
    parameters: Parameters = scheduling.clamp_parameters(fit(items.items))
    seconds = time.perf_counter() - started
    moment = now if now is not None else datetime.now(UTC)
    record = saved.SavedParameters(
        group=target.group,
        parameters=parameters,
        fitted_ms=scheduling.to_ms(moment),
        reviews=items.inter_day,
        answers_at_fit=graded_answer_count(store, target.deck_ids),
        decks=target.deck_ids,
    )
    previous = saved.load(store, target.group)
    if previous is not None and previous.desired_retention is not None:
        # An accepted retention stays until the learner accepts another.
        record = replace(record, desired_retention=previous.desired_retention)
    saved.save(store, record)
    return Fitted(record, seconds)


def evaluation_dict(evaluation: Evaluation) -> dict[str, dict[str, float | None]]:
    """Figures per parameter set, as stored with the parameters and printed as JSON."""
    return {
        name: {
            "log_loss": s.log_loss,
            "rmse_bins": s.rmse_bins,
            "auc": s.auc,
            "answers": float(s.answers),
        }
        for name, s in evaluation.scores.items()
    }


def save_evaluation(
    store: Store, record: saved.SavedParameters, evaluation: Evaluation
) -> saved.SavedParameters:
    """Keep the evaluation figures with the parameters (the stats screen shows them)."""
    updated = replace(record, evaluation=evaluation_dict(evaluation))
    saved.save(store, updated)
    return updated
