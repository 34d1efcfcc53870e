"""Which cards a study session shows, and in what order (pure: no store, no clock).

See :mod:`quizapp.core.study` for the order itself. This module also knows
siblings: items that give each other's answers away (the two sides of a
reversed basic card, the gaps of one cloze, and cards sharing a ``fact``).
When a deck buries siblings (``[deck.scheduling] bury_siblings``, on by
default), an item answered in study today keeps its new and review siblings
out of the queue until the next study day, as Anki does. Learning siblings
are not held back: their steps are already running. The burial is read from
today's answers, so undoing the answer brings the siblings back, and two
sessions on one history agree on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from quizapp.core.models import Deck, SchedulingOptions, StudyItem
from quizapp.core.store.protocol import LEARNING, NEW, RELEARNING, REVIEW, CardState

Kind = Literal["new", "learning", "review"]


@dataclass(frozen=True)
class QueueEntry:
    """A card to show: its deck and study item (``kind`` says which queue it came from)."""

    deck: Deck
    item: StudyItem
    kind: Kind = "new"

    @property
    def deck_id(self) -> str:
        return self.deck.deck.id

    @property
    def item_id(self) -> str:
        return self.item.id


@dataclass(frozen=True)
class QueueCounts:
    """Cards left today: new (within today's limit), learning (due today), review (due now)."""

    new: int
    learning: int
    review: int
    # of ``learning``, the steps due now (the others come back later today)
    learning_now: int = field(default=0, compare=False)

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review

    @property
    def left_now(self) -> int:
        """Cards to answer before the session waits: new, reviews and learning steps due now.

        It counts down as the learner answers: a new card answered goes to the
        learning steps of later today, and comes back into this count when due.
        """
        return self.new + self.learning_now + self.review


Sortable = tuple[int, int, int, QueueEntry]


@dataclass
class Queue:
    """Today's queue at one moment: learning steps due, reviews due, new cards."""

    learning_due: list[Sortable] = field(default_factory=list)
    learning_later: list[int] = field(default_factory=list)  # due times, later today
    # of those, the steps due within the learn-ahead limit: shown when nothing else is left
    learning_ahead: list[Sortable] = field(default_factory=list)
    reviews: list[Sortable] = field(default_factory=list)
    new: list[QueueEntry] = field(default_factory=list)

    def first(self) -> QueueEntry | None:
        for bucket in (self.learning_due, self.reviews):
            if bucket:
                return bucket[0][3]
        if self.new:
            return self.new[0]
        # Nothing else left: learn ahead rather than end on a short wait.
        return min(self.learning_ahead, key=lambda t: t[:3])[3] if self.learning_ahead else None

    def counts(self) -> QueueCounts:
        # Steps within the learn-ahead limit count as due now only once they are what
        # is shown (nothing else left): until then "left" counts down as cards are answered.
        others = self.learning_due or self.reviews or self.new
        ahead = 0 if others else len(self.learning_ahead)
        return QueueCounts(
            new=len(self.new),
            learning=len(self.learning_due) + len(self.learning_later),
            review=len(self.reviews),
            learning_now=len(self.learning_due) + ahead,
        )


@dataclass(frozen=True)
class DeckDay:
    """What the queue needs to know of one deck's study day, read from the history."""

    states: Mapping[str, CardState]
    new_done: int  # new cards introduced today
    reviews_done: int  # review cards answered today
    studied: frozenset[str]  # items answered in study today


def sibling_groups(items: Iterable[StudyItem]) -> dict[str, frozenset[str]]:
    """Item id → the ids of its siblings (itself excluded) within one deck."""
    groups: dict[str, set[str]] = {}
    of_item: dict[str, list[str]] = {}
    for item in items:
        keys = [f"card:{item.card.id}"]
        if item.card.fact is not None:
            keys.append(f"fact:{item.card.fact}")
        of_item[item.id] = keys
        for key in keys:
            groups.setdefault(key, set()).add(item.id)
    return {
        item_id: frozenset(set().union(*(groups[key] for key in keys)) - {item_id})
        for item_id, keys in of_item.items()
    }


def shuffle_key(text: str) -> bytes:
    """A random-looking but fixed sort key: each card keeps its place for the day
    whatever other cards leave the queue (shuffling the remaining list would
    reorder them after every answer, suspend or bury)."""
    return hashlib.blake2b(text.encode(), digest_size=8).digest()


def placement(state: CardState | None, now_ms: int, sibling_studied: bool) -> Kind | None:
    """Which queue a card's state puts it in at ``now_ms``; None when it is out of study today.

    Suspended cards and cards buried past ``now_ms`` are out; so are new and
    review cards whose sibling was answered today (``sibling_studied``, when
    the deck buries siblings). The one rule :func:`build_queue` and
    :class:`quizapp.core.study_live.LiveQueue` share.
    """
    if state is not None and (state.suspended or state.is_buried(now_ms)):
        return None
    kind = NEW if state is None else state.state
    if sibling_studied and kind in (NEW, REVIEW):
        return None
    if kind == NEW:
        return "new"
    if kind in (LEARNING, RELEARNING):
        return "learning"
    return "review" if kind == REVIEW else None


def build_queue(
    decks: list[Deck],
    days: Mapping[str, DeckDay],
    options: Mapping[str, SchedulingOptions],
    siblings: Mapping[str, Mapping[str, frozenset[str]]],
    *,
    now_ms: int,
    day: date,
    day_end_ms: int,
    ahead_ms: int | None = None,
) -> Queue:
    """The queue of ``decks`` at ``now_ms`` of study day ``day``.

    Learning steps due by ``ahead_ms`` (now plus the learn-ahead limit) are
    shown once nothing else is left, rather than waiting for them.
    """
    queue = Queue()
    for deck_index, deck in enumerate(decks):
        deck_id = deck.deck.id
        deck_options = options[deck_id]
        today = days[deck_id]
        bury = deck_options.bury_siblings and bool(today.studied)
        reviews: list[Sortable] = []
        new: list[QueueEntry] = []
        for order, item in enumerate(deck.items()):
            state = today.states.get(item.id)
            kind = placement(
                state, now_ms, bury and bool(siblings[deck_id][item.id] & today.studied)
            )
            if kind is None:
                continue
            if state is None or kind == "new":
                new.append(QueueEntry(deck, item, "new"))
                continue
            due = state.due_ms if state.due_ms is not None else now_ms
            if kind == "learning":
                if due <= now_ms:
                    entry = QueueEntry(deck, item, "learning")
                    queue.learning_due.append((due, deck_index, order, entry))
                elif due < day_end_ms:
                    queue.learning_later.append(due)
                    if ahead_ms is not None and due <= ahead_ms:
                        entry = QueueEntry(deck, item, "learning")
                        queue.learning_ahead.append((due, deck_index, order, entry))
            elif due <= now_ms:
                reviews.append((due, deck_index, order, QueueEntry(deck, item, "review")))
        reviews.sort(key=lambda t: t[:3])
        queue.reviews.extend(reviews[: max(0, deck_options.reviews_per_day - today.reviews_done)])
        if deck_options.new_order == "random":
            salt = f"{deck_id}/{day.isoformat()}/"
            new.sort(key=lambda entry: shuffle_key(salt + entry.item_id))
        queue.new.extend(new[: max(0, deck_options.new_per_day - today.new_done)])
    queue.learning_due.sort(key=lambda t: t[:3])
    queue.reviews.sort(key=lambda t: t[:3])
    return queue
