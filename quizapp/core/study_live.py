"""Today's queue kept up to date answer by answer (pure: no store, no clock).

:func:`quizapp.core.study_queue.build_queue` walks every card of every deck;
at 10,000 cards that is several milliseconds, and a session asked for the
next card, the counts and the next due time after every answer. A
:class:`LiveQueue` is built once from the same inputs and then told what
changed (a card's new state, an answer given today); each card sits in one
sorted list, so the next card, the counts and the next due time are a few
bisections at any moment of the study day. It gives exactly what
``build_queue(...)`` gives at the same moment (a property test checks it).

What it cannot follow on its own, the session rebuilds it for: another
study day (the limits and the random new order are per day), a card whose
burial has run out, and a state without a due time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from quizapp.core.models import Deck, SchedulingOptions, StudyItem
from quizapp.core.store.protocol import NEW, REVIEW, CardState
from quizapp.core.study_queue import (
    DeckDay,
    Kind,
    QueueCounts,
    QueueEntry,
    placement,
    shuffle_key,
)

_LAST = 1 << 62  # sorts after any deck index or card order


@dataclass
class _DeckPart:
    """One deck's share of the queue: its new and review cards in their order."""

    index: int
    deck: Deck
    options: SchedulingOptions
    siblings: Mapping[str, frozenset[str]]
    states: Mapping[str, CardState]  # the session's own dict, kept up to date by it
    new_done: int
    reviews_done: int
    studied: set[str]
    items: list[StudyItem] = field(default_factory=list)  # ``deck.items()``, made once
    order: dict[str, int] = field(default_factory=dict)
    new_key: dict[str, bytes | int] = field(default_factory=dict)
    new: list[tuple[bytes | int, int]] = field(default_factory=list)
    reviews: list[tuple[int, int]] = field(default_factory=list)  # (due, order), any due

    def new_left(self) -> int:
        return min(len(self.new), max(0, self.options.new_per_day - self.new_done))

    def reviews_left(self, now_ms: int) -> int:
        due = bisect_right(self.reviews, (now_ms, _LAST))
        return min(due, max(0, self.options.reviews_per_day - self.reviews_done))


class LiveQueue:
    """The queue of a study session over one study day, updated per change."""

    def __init__(
        self,
        decks: list[Deck],
        days: Mapping[str, DeckDay],
        options: Mapping[str, SchedulingOptions],
        siblings: Mapping[str, Mapping[str, frozenset[str]]],
        *,
        now_ms: int,
        day: date,
    ) -> None:
        self.day = day
        self.needs_rebuild = False  # a state without a due time: only build_queue knows
        self.buried_until = _LAST  # earliest end of a burial that keeps a card out now
        self._learning: list[tuple[int, int, int]] = []  # (due, deck index, order)
        self._where: dict[tuple[int, int], tuple[list[Any], tuple[Any, ...]]] = {}
        self._parts: list[_DeckPart] = []
        self._by_id: dict[str, _DeckPart] = {}
        for index, deck in enumerate(decks):
            deck_id = deck.deck.id
            today = days[deck_id]
            part = _DeckPart(
                index,
                deck,
                options[deck_id],
                siblings[deck_id],
                today.states,
                today.new_done,
                today.reviews_done,
                set(today.studied),
            )
            salt = f"{deck_id}/{day.isoformat()}/"
            random_order = part.options.new_order == "random"
            part.items = deck.items()
            for order, item in enumerate(part.items):
                part.order[item.id] = order
                part.new_key[item.id] = shuffle_key(salt + item.id) if random_order else order
            self._parts.append(part)
            self._by_id[deck_id] = part
            for item_id in part.order:
                self._place(part, item_id, now_ms)

    # changes -----------------------------------------------------------------------------
    def _place(self, part: _DeckPart, item_id: str, now_ms: int) -> None:
        """Put one card where its state (as in ``part.states``) puts it now."""
        order = part.order[item_id]
        old = self._where.pop((part.index, order), None)
        if old is not None:
            del old[0][bisect_left(old[0], old[1])]
        state = part.states.get(item_id)
        if state is not None and state.is_buried(now_ms) and state.buried_until_ms is not None:
            self.buried_until = min(self.buried_until, state.buried_until_ms)
        sibling_studied = part.options.bury_siblings and bool(part.siblings[item_id] & part.studied)
        kind = placement(state, now_ms, sibling_studied)
        if kind is None:
            return
        bucket: list[Any]
        key: tuple[Any, ...]
        if kind == "new":
            bucket, key = part.new, (part.new_key[item_id], order)
        elif state is None or state.due_ms is None:
            self.needs_rebuild = True
            return
        elif kind == "learning":
            bucket, key = self._learning, (state.due_ms, part.index, order)
        else:
            bucket, key = part.reviews, (state.due_ms, order)
        insort(bucket, key)  # type: ignore[misc]
        self._where[(part.index, order)] = (bucket, key)

    def changed(self, deck_id: str, item_id: str, now_ms: int) -> None:
        """A card's state changed (answered again, suspended, buried): place it anew."""
        part = self._by_id[deck_id]
        if item_id in part.order:
            self._place(part, item_id, now_ms)

    def answered(self, deck_id: str, item_id: str, before: CardState, now_ms: int) -> None:
        """A study answer was committed today from ``before`` (its new state is in the states)."""
        part = self._by_id[deck_id]
        if before.state == NEW:
            part.new_done += 1
        elif before.state == REVIEW:
            part.reviews_done += 1
        if item_id not in part.studied:
            part.studied.add(item_id)
            for sibling in part.siblings.get(item_id, ()):
                self._place(part, sibling, now_ms)
        self.changed(deck_id, item_id, now_ms)

    # reading ------------------------------------------------------------------------------
    def _entry(self, index: int, order: int, kind: Kind) -> QueueEntry:
        part = self._parts[index]
        return QueueEntry(part.deck, part.items[order], kind)

    def _learning_split(self, now_ms: int, day_end_ms: int, ahead_ms: int) -> tuple[int, int, int]:
        """How many learning steps are due now, due later today, and of those within learn-ahead."""
        due = bisect_right(self._learning, (now_ms, _LAST, _LAST))
        end = bisect_left(self._learning, (day_end_ms,))
        later = max(0, end - due)
        ahead_end = bisect_right(self._learning, (min(ahead_ms, day_end_ms - 1), _LAST, _LAST))
        return due, later, max(0, min(ahead_end, end) - due)

    def first(self, now_ms: int, day_end_ms: int, ahead_ms: int) -> QueueEntry | None:
        due, _later, ahead = self._learning_split(now_ms, day_end_ms, ahead_ms)
        if due:
            _, index, order = self._learning[0]
            return self._entry(index, order, "learning")
        heads = [
            (part.reviews[0][0], part.index, part.reviews[0][1])
            for part in self._parts
            if part.reviews_left(now_ms)
        ]
        if heads:
            _, index, order = min(heads)
            return self._entry(index, order, "review")
        for part in self._parts:
            if part.new_left():
                return self._entry(part.index, part.new[0][1], "new")
        if ahead:
            _, index, order = self._learning[due]
            return self._entry(index, order, "learning")
        return None

    def counts(self, now_ms: int, day_end_ms: int, ahead_ms: int) -> QueueCounts:
        due, later, ahead = self._learning_split(now_ms, day_end_ms, ahead_ms)
        new = sum(part.new_left() for part in self._parts)
        review = sum(part.reviews_left(now_ms) for part in self._parts)
        others = due or review or new
        return QueueCounts(
            new=new,
            learning=due + later,
            review=review,
            learning_now=due + (0 if others else ahead),
        )

    def next_due_ms(self, now_ms: int, day_end_ms: int, ahead_ms: int) -> int | None:
        """When the next learning step of today comes due, if no card can be shown now."""
        if self.first(now_ms, day_end_ms, ahead_ms) is not None:
            return None
        due, later, _ahead = self._learning_split(now_ms, day_end_ms, ahead_ms)
        return self._learning[due][0] if later else None
