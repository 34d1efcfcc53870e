"""Turning the review log into FSRS training items, as the FSRS documentation describes.

Each card's graded answers are put in time order and each is given the number
of *study days* since the card's previous answer (``delta_t``), days rolling
over at the learner's local hour, as the scheduler counts them:

* the first answer of a card has ``delta_t = 0``: it sets the card's initial
  memory (its rating picks the initial stability) but is never a target, since
  nothing could have predicted it;
* a repeat on the same study day (a learning step, a relearning step, a lapse
  seen again) also has ``delta_t = 0``: it stays in the card's history, where
  FSRS-6 uses it for short-term stability, but is never a target either;
* every *inter-day* answer (``delta_t >= 1``) is one item: the card's history
  up to and including that answer, the answer being what is predicted.

Items are sorted by the time of their target answer, so a time-series split
(train on the past, score the future) is a matter of slicing.

This module is pure Python; :func:`to_fsrs_items` alone touches the fitting
library, at the last moment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.core.store.fitting import GradedAnswer

if TYPE_CHECKING:
    import fsrs_rs_python

CardKey = tuple[str, str]  # (deck id, item id)


@dataclass(frozen=True)
class Step:
    """One answer in a card's history: its rating (1..4) and study days since the previous."""

    rating: int
    delta_t: int


@dataclass(frozen=True)
class Item:
    """One inter-day answer with the card's history before it (the last step is the target)."""

    card: CardKey
    reviewed_ms: int
    steps: tuple[Step, ...]

    @property
    def target(self) -> Step:
        return self.steps[-1]

    @property
    def recalled(self) -> bool:
        """Whether the target answer was a recall (Hard, Good or Easy)."""
        return self.target.rating > 1


@dataclass(frozen=True)
class ItemSet:
    """The items of a log and how its answers were counted."""

    items: list[Item]
    answers: int  # graded answers read
    cards: int  # cards they belong to (each has one first answer)
    same_day: int  # same-day repeats (kept in histories, never targets)

    @property
    def inter_day(self) -> int:
        return len(self.items)


def build_items(answers: Iterable[GradedAnswer], day_of: Callable[[int], int]) -> ItemSet:
    """Items from graded answers; ``day_of`` maps a UTC ms time to a study-day number."""
    by_card: dict[CardKey, list[tuple[int, int]]] = defaultdict(list)
    count = 0
    for answer in answers:
        if not 1 <= answer.rating <= 4:
            continue
        by_card[(answer.deck_id, answer.item_id)].append((answer.reviewed_ms, answer.rating))
        count += 1
    items: list[Item] = []
    same_day = 0
    for card, history in by_card.items():
        history.sort()
        steps: list[Step] = []
        previous_day: int | None = None
        for reviewed_ms, rating in history:
            day = day_of(reviewed_ms)
            delta_t = 0 if previous_day is None else max(0, day - previous_day)
            if previous_day is not None and delta_t == 0:
                same_day += 1
            steps.append(Step(rating, delta_t))
            if delta_t > 0:
                items.append(Item(card, reviewed_ms, tuple(steps)))
            previous_day = day
    items.sort(key=lambda item: (item.reviewed_ms, item.card))
    return ItemSet(items=items, answers=count, cards=len(by_card), same_day=same_day)


def to_fsrs_items(items: Sequence[Item]) -> list[fsrs_rs_python.FSRSItem]:
    """The fitting library's items for ours (full histories, target last)."""
    import fsrs_rs_python

    return [
        fsrs_rs_python.FSRSItem([fsrs_rs_python.FSRSReview(s.rating, s.delta_t) for s in i.steps])
        for i in items
    ]


def history_items(items: Sequence[Item]) -> list[fsrs_rs_python.FSRSItem]:
    """The library's items for the histories *before* each target (to predict it)."""
    import fsrs_rs_python

    return [
        fsrs_rs_python.FSRSItem(
            [fsrs_rs_python.FSRSReview(s.rating, s.delta_t) for s in i.steps[:-1]]
        )
        for i in items
    ]
