"""Study sessions: which card comes next, answering it, undo, suspend and bury.

Queue order (the same for one deck and for "all decks"):

1. **Learning and relearning cards whose step is due** (``due <= now``),
   earliest due first. A learning card whose step comes due later stays out
   of the queue until then; when nothing else is left, :meth:`StudySession.next_due_in`
   says how long until it is ("next card due in 4 min").
2. **Review cards due now** (``due <= now``: a card is never shown before its
   due time, since FSRS counts elapsed time and early reviews distort
   stability), earliest due first, ties in deck order; per deck at most
   ``reviews_per_day`` minus the review cards already answered this study day.
3. **New cards**, per deck in deck order (or shuffled with a seed made of the
   deck id and the study day when the deck says ``new_order = "random"``,
   so the order is stable through the day, each card keeping its place as
   others are answered, suspended or buried), at most ``new_per_day`` minus the
   new cards already introduced this study day; decks in the order given.

Suspended cards and cards buried until after ``now`` are skipped. A study
day starts at the configured local rollover hour (see :mod:`quizapp.core.config`).
Items of a deck are matched to history by (deck id, item id); history of
items no longer in a deck (orphans, see :func:`orphans`) is ignored here.

Each answer is written to the store, and committed, before :meth:`StudySession.answer`
returns. Undo walks back through this session's answers, newest first.
"""

from __future__ import annotations

import hashlib
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from quizapp.core import scheduling
from quizapp.core.config import Config, load_config
from quizapp.core.models import Deck, StudyItem
from quizapp.core.store.protocol import (
    LEARNING,
    NEW,
    RELEARNING,
    REVIEW,
    CardState,
    NewReview,
    Store,
)

Kind = Literal["new", "learning", "review"]
MIN_TIMES_FOR_MEDIAN = 3


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

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass(frozen=True)
class AnswerResult:
    """What an answer did: its review id, the card's new state, the next interval, leech news."""

    review_id: int
    state: CardState
    interval: timedelta
    lapsed: bool
    leech: bool  # the card is a leech (lapsed ``leech_threshold`` times or more)
    new_leech: bool  # this answer made it one


@dataclass
class _Queue:
    learning_due: list[tuple[int, int, int, QueueEntry]]
    learning_later: list[int]
    reviews: list[tuple[int, int, int, QueueEntry]]
    new: list[QueueEntry]


def _shuffle_key(text: str) -> bytes:
    """A random-looking but fixed sort key: each card keeps its place for the day
    whatever other cards leave the queue (shuffling the remaining list would
    reorder them after every answer, suspend or bury)."""
    return hashlib.blake2b(text.encode(), digest_size=8).digest()


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _outcome(verdict: Any) -> str | None:
    """The verdict text stored in ``reviews.verdict``: a Verdict's outcome, a string, or None."""
    if verdict is None:
        return None
    if isinstance(verdict, str):
        return verdict
    return str(verdict.outcome)


class StudySession:
    """A study session over one or more decks, backed by a store.

    ``now`` is injectable for tests (it must return aware datetimes);
    ``config`` defaults to the user's config file.
    """

    def __init__(
        self,
        store: Store,
        decks: list[Deck],
        *,
        now: Callable[[], datetime] | None = None,
        config: Config | None = None,
        fuzzing: bool = True,
    ) -> None:
        self.store = store
        self.decks = list(decks)
        self.config = config if config is not None else load_config()
        self.fuzzing = fuzzing
        self._now = now or _utc_now
        self._options = {d.deck.id: self.config.scheduling_for(d) for d in self.decks}
        self._items: dict[tuple[str, str], tuple[Deck, StudyItem]] = {}
        self._order: dict[tuple[str, str], int] = {}
        self._deck_items: dict[str, list[StudyItem]] = {d.deck.id: d.items() for d in self.decks}
        for deck in self.decks:
            for index, item in enumerate(self._deck_items[deck.deck.id]):
                self._items[(deck.deck.id, item.id)] = (deck, item)
                self._order[(deck.deck.id, item.id)] = index
        self._states: dict[str, dict[str, CardState]] = {
            d.deck.id: store.card_states(d.deck.id) for d in self.decks
        }
        self._done_today: dict[str, tuple[int, int]] = {}
        self._done_day_ms: int | None = None
        self._undo_stack: list[int] = []

    # time ------------------------------------------------------------------------
    def now(self) -> datetime:
        """The session clock, in UTC, truncated to the store's millisecond."""
        return scheduling.utc_ms_floor(self._now().astimezone(UTC))

    # state -------------------------------------------------------------------------
    def state_of(self, entry: QueueEntry) -> CardState:
        """The entry's current state (what the store holds, kept in step by this session)."""
        deck_id = entry.deck_id
        if deck_id not in self._states:
            raise ValueError(f"deck {deck_id!r} is not part of this study session")
        return self._states[deck_id].get(entry.item_id) or CardState.new(deck_id, entry.item_id)

    def options_for(self, deck: Deck):
        """The effective scheduling options of a deck (deck file + user overrides)."""
        return self._options[deck.deck.id]

    def _done(self, deck_id: str, day_start_ms: int) -> tuple[int, int]:
        if self._done_day_ms != day_start_ms:
            self._done_today = {}
            self._done_day_ms = day_start_ms
        if deck_id not in self._done_today:
            self._done_today[deck_id] = self.store.study_counts_since(deck_id, day_start_ms)
        return self._done_today[deck_id]

    def _queue(self, now: datetime) -> _Queue:
        now_ms = scheduling.to_ms(now)
        day = self.config.study_day(now)
        start, end = self.config.day_bounds(day)
        start_ms, end_ms = scheduling.to_ms(start), scheduling.to_ms(end)
        queue = _Queue([], [], [], [])
        for deck_index, deck in enumerate(self.decks):
            deck_id = deck.deck.id
            options = self._options[deck_id]
            states = self._states[deck_id]
            reviews: list[tuple[int, int, int, QueueEntry]] = []
            new: list[QueueEntry] = []
            for item in self._deck_items[deck_id]:
                state = states.get(item.id)
                if state is not None and (state.suspended or state.is_buried(now_ms)):
                    continue
                order = self._order[(deck_id, item.id)]
                if state is None or state.state == NEW:
                    new.append(QueueEntry(deck, item, "new"))
                    continue
                due = state.due_ms if state.due_ms is not None else now_ms
                if state.state in (LEARNING, RELEARNING):
                    if due <= now_ms:
                        entry = QueueEntry(deck, item, "learning")
                        queue.learning_due.append((due, deck_index, order, entry))
                    elif due < end_ms:
                        queue.learning_later.append(due)
                elif state.state == REVIEW and due <= now_ms:
                    reviews.append((due, deck_index, order, QueueEntry(deck, item, "review")))
            new_done, reviews_done = self._done(deck_id, start_ms)
            reviews.sort(key=lambda t: t[:3])
            queue.reviews.extend(reviews[: max(0, options.reviews_per_day - reviews_done)])
            if options.new_order == "random":
                salt = f"{deck_id}/{day.isoformat()}/"
                new.sort(key=lambda entry: _shuffle_key(salt + entry.item_id))
            queue.new.extend(new[: max(0, options.new_per_day - new_done)])
        queue.learning_due.sort(key=lambda t: t[:3])
        queue.reviews.sort(key=lambda t: t[:3])
        return queue

    # the queue ---------------------------------------------------------------------
    def next_entry(self) -> QueueEntry | None:
        """The card to show now, or None when nothing is due right now."""
        queue = self._queue(self.now())
        for bucket in (queue.learning_due, queue.reviews):
            if bucket:
                return bucket[0][3]
        return queue.new[0] if queue.new else None

    @property
    def counts(self) -> QueueCounts:
        """What is left today: new within the limit, learning due today, reviews due now."""
        queue = self._queue(self.now())
        return QueueCounts(
            new=len(queue.new),
            learning=len(queue.learning_due) + len(queue.learning_later),
            review=len(queue.reviews),
        )

    def next_due_at(self) -> datetime | None:
        """When the next learning step of today comes due, if nothing is due now."""
        queue = self._queue(self.now())
        if queue.learning_due or queue.reviews or queue.new or not queue.learning_later:
            return None
        return scheduling.from_ms(min(queue.learning_later))

    def next_due_in(self) -> timedelta | None:
        """How long until the next card is due, when none is due now ("next card in 4 min")."""
        at = self.next_due_at()
        return None if at is None else max(timedelta(0), at - self.now())

    @property
    def answered(self) -> int:
        """Answers given in this session (undone ones excluded)."""
        return len(self._undo_stack)

    # answering -----------------------------------------------------------------------
    def preview(self, entry: QueueEntry) -> dict[int, timedelta]:
        """Rating (1..4) → the interval it would give now; nothing changes."""
        return scheduling.preview(self.state_of(entry), self.now(), self.options_for(entry.deck))

    def answer(
        self,
        entry: QueueEntry,
        rating: int,
        *,
        verdict: Any = None,
        response: str | None = "",
        response_ms: int | None = None,
    ) -> AnswerResult:
        """Schedule the card, then write and commit the review before returning.

        ``verdict`` is the checker's Verdict (or None when self-graded).
        """
        now = self.now()
        before = self.state_of(entry)
        reviewed = scheduling.review(
            before,
            rating,
            now,
            self.options_for(entry.deck),
            response_ms=response_ms,
            leech_threshold=self.config.leech_threshold,
            fuzzing=self.fuzzing,
        )
        after = reviewed.state
        review_id = self.store.record_review(
            NewReview(
                deck_id=entry.deck_id,
                item_id=entry.item_id,
                reviewed_ms=scheduling.to_ms(now),
                rating=rating,
                mode="study",
                verdict=_outcome(verdict),
                response=response,
                response_ms=response_ms,
                content_hash=entry.item.content_hash,
                state_before=before,
                state_after=after,
            )
        )
        self._states[entry.deck_id][entry.item_id] = after
        self._undo_stack.append(review_id)
        self._done_day_ms = None
        return AnswerResult(
            review_id=review_id,
            state=after,
            interval=scheduling.from_ms(after.due_ms or 0) - now,
            lapsed=reviewed.lapsed,
            leech=after.leech,
            new_leech=reviewed.new_leech,
        )

    def can_undo(self) -> bool:
        return bool(self._undo_stack)

    def undo(self) -> QueueEntry | None:
        """Take back this session's last answer (state and log restored exactly).

        A suspend or bury made since the answer stays: it was not part of it.

        Returns the entry to show again, or None when there is nothing to undo.
        """
        if not self._undo_stack:
            return None
        record = self.store.undo_review(self._undo_stack.pop())
        self._done_day_ms = None
        before = record.state_before
        assert before is not None
        # What the store restored: the state before, with the card's current flags.
        self._remember(self.store.card_state(record.deck_id, record.item_id))
        found = self._items.get((record.deck_id, record.item_id))
        if found is None:
            return None
        kind: Kind = {NEW: "new", REVIEW: "review"}.get(before.state, "learning")  # type: ignore[assignment]
        return QueueEntry(found[0], found[1], kind)

    # flags ---------------------------------------------------------------------------
    def _remember(self, state: CardState) -> None:
        if state.is_pristine:
            self._states[state.deck_id].pop(state.item_id, None)
        else:
            self._states[state.deck_id][state.item_id] = state

    def suspend(self, entry: QueueEntry) -> None:
        """Keep the card out of study until unsuspended (history kept)."""
        self._remember(self.store.set_suspended(entry.deck_id, entry.item_id, True))

    def unsuspend(self, entry: QueueEntry) -> None:
        self._remember(self.store.set_suspended(entry.deck_id, entry.item_id, False))

    def bury(self, entry: QueueEntry) -> None:
        """Hide the card until the next day rollover."""
        until = scheduling.to_ms(self.config.next_day_start(self.now()))
        self._remember(self.store.bury(entry.deck_id, entry.item_id, until))

    def median_response_ms(self, deck: Deck) -> float | None:
        """Median time of recent right answers in this deck (None with too few)."""
        times = self.store.response_times(deck.deck.id)
        if len(times) < MIN_TIMES_FOR_MEDIAN:
            return None
        return float(statistics.median(times))


def deck_counts(
    store: Store,
    deck: Deck,
    now: datetime | None = None,
    config: Config | None = None,
) -> QueueCounts:
    """Today's counts for one deck (home screen, ``quizapp due``); reads only."""
    moment = now if now is not None else _utc_now()
    session = StudySession(store, [deck], now=lambda: moment, config=config)
    return session.counts


def history_counts(
    store: Store,
    deck_id: str,
    now: datetime | None = None,
    config: Config | None = None,
) -> QueueCounts:
    """Counts for a deck id that has history but no deck file (``quizapp due``); reads only.

    Reviews imported from another app land in a deck id of their own (e.g.
    ``imported``) with no deck to study, but their cards still come due, and
    the stats count them as overdue. The counts follow :func:`deck_counts`
    from the stored card states alone: learning due today, reviews due now,
    suspended and buried cards left out. New is 0 (without the deck, the
    cards never reviewed are unknown), and no daily review limit applies, as
    there are no deck options to take it from.
    """
    moment = now if now is not None else _utc_now()
    config = config if config is not None else load_config()
    now_ms = scheduling.to_ms(moment)
    end_ms = scheduling.to_ms(config.day_bounds(config.study_day(moment))[1])
    learning = review = 0
    for state in store.card_states(deck_id).values():
        if state.suspended or state.is_buried(now_ms) or state.state == NEW:
            continue
        due = state.due_ms if state.due_ms is not None else now_ms
        if state.state in (LEARNING, RELEARNING):
            learning += due < end_ms
        elif state.state == REVIEW:
            review += due <= now_ms
    return QueueCounts(new=0, learning=learning, review=review)


def orphans(
    store: Store, decks: Iterable[Any], *, unloaded_decks: bool = False
) -> list[tuple[str, str]]:
    """(deck id, item id) pairs with history whose item is in none of the loaded decks.

    ``decks`` may hold :class:`Deck` objects or loaded-deck wrappers with a
    ``.deck`` attribute (None for a deck that failed to load; its history is
    never reported, since we cannot tell what it holds). By default only
    decks that are loaded are looked at, so checking one deck file does not
    list every other deck's history; ``unloaded_decks=True`` also lists all
    history of decks that are not loaded at all. Sorted by deck, then item.
    """
    decks = list(decks)
    known: dict[str, set[str]] = {}
    for entry in decks:
        deck = entry if isinstance(entry, Deck) else getattr(entry, "deck", None)
        if deck is None:
            continue
        known.setdefault(deck.deck.id, set()).update(item.id for item in deck.items())
    failed = {
        getattr(entry, "id", None)
        for entry in decks
        if not isinstance(entry, Deck) and getattr(entry, "deck", None) is None
    }
    if unloaded_decks:
        for deck_id in store.deck_ids_with_history():
            if deck_id not in failed:
                known.setdefault(deck_id, set())
    found = []
    for deck_id, items in sorted(known.items()):
        for item_id in sorted(store.item_ids_with_history(deck_id) - items):
            found.append((deck_id, item_id))
    return found
