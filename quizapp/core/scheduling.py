"""FSRS scheduling: the only module that imports :mod:`fsrs` (py-fsrs 6.x).

It turns a stored :class:`~quizapp.core.store.protocol.CardState` into an
``fsrs.Card``, reviews it, and turns the result back, keeping the rules py-fsrs
insists on: every card gets our own stable ``card_id`` (the default one sleeps
a millisecond per card) and every datetime is timezone-aware UTC.

Parameters: py-fsrs's defaults, unless the options carry the learner's fitted
ones (:class:`FittedOptions`, made by :func:`with_parameters`); they are fitted
by :mod:`quizapp.core.optimizer` (with the FSRS engine, ``fsrs-rs-python``) and
reach py-fsrs only through here.

Times are kept to whole milliseconds, the store's resolution, so a state
reviewed in memory and the same state read back from the database schedule
identically (golden tests check this across a process restart).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache

import fsrs

# Time conversions and rating names have their own modules; they are re-exported here
# (``as`` names) for the engines that reach them through this module.
from quizapp.core.clock import EPOCH as EPOCH
from quizapp.core.clock import from_ms as from_ms
from quizapp.core.clock import to_ms as to_ms
from quizapp.core.clock import utc_ms_floor as utc_ms_floor
from quizapp.core.models import SchedulingOptions
from quizapp.core.ratings import RATING_NAMES as RATING_NAMES
from quizapp.core.ratings import RATINGS as RATINGS
from quizapp.core.store.protocol import NEW, REVIEW, CardState

_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_duration(text: str) -> timedelta:
    """``"10m"`` → 10 minutes; units s, m, h, d (the deck format's step syntax)."""
    return timedelta(**{_UNITS[text[-1]]: int(text[:-1])})


def card_id_for(deck_id: str, item_id: str) -> int:
    """A stable positive 63-bit id for a (deck, item), so fsrs never makes one up."""
    digest = hashlib.blake2b(f"{deck_id}\x00{item_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & ((1 << 63) - 1)


class FittedOptions(SchedulingOptions):
    """A deck's options plus the FSRS parameters fitted to the learner.

    Not a deck key: decks never hold parameters; they come from the history.
    """

    parameters: tuple[float, ...] | None = None


def with_parameters(
    options: SchedulingOptions,
    parameters: tuple[float, ...] | None,
    *,
    desired_retention: float | None = None,
) -> SchedulingOptions:
    """``options`` scheduled with these parameters (and an accepted desired retention).

    Parameters py-fsrs refuses (wrong length, out of bounds) raise ValueError
    here, at start-up, rather than at the first answer.
    """
    data = options.model_dump()
    if desired_retention is not None:
        data["desired_retention"] = desired_retention
    if parameters is not None:
        parameters = tuple(float(w) for w in parameters)
        data["parameters"] = parameters
        _scheduler(parameters, 0.9, (), (), 36500, False)  # validates them once
    return FittedOptions.model_validate(data, strict=False)


def clamp_parameters(parameters: tuple[float, ...]) -> tuple[float, ...]:
    """Fitted parameters brought within the bounds py-fsrs accepts.

    The fitting engine clips to nearly the same bounds; a last-digit
    difference must not make py-fsrs refuse a whole parameter set.
    """
    from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

    return tuple(
        min(max(float(w), low), high)
        for w, low, high in zip(
            parameters, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True
        )
    )


def parameters_of(options: SchedulingOptions) -> tuple[float, ...] | None:
    """The fitted parameters the options carry (None: py-fsrs defaults)."""
    return options.parameters if isinstance(options, FittedOptions) else None


@lru_cache(maxsize=64)
def _scheduler(
    parameters: tuple[float, ...] | None,
    desired_retention: float,
    learning_steps: tuple[str, ...],
    relearning_steps: tuple[str, ...],
    maximum_interval: int,
    fuzzing: bool,
) -> fsrs.Scheduler:
    extra = {} if parameters is None else {"parameters": parameters}
    return fsrs.Scheduler(
        **extra,
        desired_retention=desired_retention,
        learning_steps=tuple(parse_duration(s) for s in learning_steps),
        relearning_steps=tuple(parse_duration(s) for s in relearning_steps),
        maximum_interval=maximum_interval,
        enable_fuzzing=fuzzing,
    )


def scheduler_for(options: SchedulingOptions, *, fuzzing: bool = True) -> fsrs.Scheduler:
    """The (cached) fsrs scheduler for a deck's options."""
    return _scheduler(
        parameters_of(options),
        options.desired_retention,
        tuple(options.learning_steps),
        tuple(options.relearning_steps),
        options.maximum_interval,
        fuzzing,
    )


def to_fsrs(state: CardState, now: datetime) -> fsrs.Card:
    """The fsrs card of a stored state; a never-reviewed card is a fresh fsrs card due now."""
    card_id = card_id_for(state.deck_id, state.item_id)
    if state.state == NEW:
        return fsrs.Card(card_id=card_id, state=fsrs.State.Learning, step=0, due=now)
    return fsrs.Card(
        card_id=card_id,
        state=fsrs.State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=from_ms(state.due_ms) if state.due_ms is not None else now,
        last_review=from_ms(state.last_review_ms) if state.last_review_ms is not None else None,
    )


def from_fsrs(card: fsrs.Card, before: CardState, rating: int) -> CardState:
    """The stored state after fsrs reviewed ``before`` with ``rating``.

    ``reps`` counts answers; ``lapses`` counts Again on a card in review
    (forgetting something learned), as Anki and FSRS do. Flags are kept.
    """
    lapsed = before.state == REVIEW and rating == 1
    return replace(
        before,
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due_ms=to_ms(card.due),
        last_review_ms=to_ms(card.last_review) if card.last_review is not None else None,
        reps=before.reps + 1,
        lapses=before.lapses + (1 if lapsed else 0),
    )


@dataclass(frozen=True)
class Reviewed:
    """The outcome of one answer: the new state and whether it made the card a leech."""

    state: CardState
    lapsed: bool
    new_leech: bool


def review(
    state: CardState,
    rating: int,
    now: datetime,
    options: SchedulingOptions,
    *,
    leech_threshold: int,
    response_ms: int | None = None,
    fuzzing: bool = True,
) -> Reviewed:
    """Review ``state`` at ``now`` with ``rating`` (1 Again … 4 Easy).

    A lapse that brings ``lapses`` to ``leech_threshold`` or more marks the
    card as a leech (it stays scheduled; suspending is the learner's call).
    """
    if rating not in RATINGS:
        raise ValueError(f"rating must be 1..4, not {rating!r}")
    now = utc_ms_floor(now)
    scheduler = scheduler_for(options, fuzzing=fuzzing)
    card, _log = scheduler.review_card(
        to_fsrs(state, now), fsrs.Rating(rating), review_datetime=now, review_duration=response_ms
    )
    after = from_fsrs(card, state, rating)
    lapsed = after.lapses > state.lapses
    new_leech = lapsed and after.lapses >= leech_threshold and not state.leech
    if lapsed and after.lapses >= leech_threshold:
        after = replace(after, leech=True)
    return Reviewed(state=after, lapsed=lapsed, new_leech=new_leech)


def preview(state: CardState, now: datetime, options: SchedulingOptions) -> dict[int, timedelta]:
    """The interval each rating would give now, without changing anything.

    Computed without fuzz, so the buttons show the scheduler's interval; the
    real answer may land a day or so either side of a long one.
    """
    now = utc_ms_floor(now)
    scheduler = scheduler_for(options, fuzzing=False)
    card = to_fsrs(state, now)
    result = {}
    for rating in RATINGS:
        after, _log = scheduler.review_card(card, fsrs.Rating(rating), review_datetime=now)
        result[rating] = after.due - now
    return result


def retrievability(state: CardState, now: datetime, options: SchedulingOptions) -> float:
    """The predicted probability of recall at ``now`` (0 for a card never reviewed)."""
    if state.state == NEW:
        return 0.0
    now = utc_ms_floor(now)
    return float(scheduler_for(options).get_card_retrievability(to_fsrs(state, now), now))
