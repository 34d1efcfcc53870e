"""Study sessions: which card comes next, answering it, undo, suspend and bury.

Queue order (the same for one deck and for "all decks"):

1. **Learning and relearning cards whose step is due** (``due <= now``),
   earliest due first. A learning card whose step comes due later stays out
   of the queue until then; when nothing else is left, the earliest one due
   within the learn-ahead limit (``learn_ahead_minutes``, 20 by default, as
   Anki) is shown now, and only past that does :meth:`StudySession.next_due_in`
   say how long until the next one is ("next card due in 40 min").
2. **Review cards due now** (``due <= now``: a card is never shown before its
   due time, since FSRS counts elapsed time and early reviews distort
   stability), earliest due first, ties in deck order; per deck at most
   ``reviews_per_day`` minus the review cards already answered this study day.
3. **New cards**, per deck in deck order (or shuffled with a seed made of the
   deck id and the study day when the deck says ``new_order = "random"``,
   so the order is stable through the day, each card keeping its place as
   others are answered, suspended or buried), at most ``new_per_day`` minus the
   new cards already introduced this study day; decks in the order given.

Suspended cards and cards buried until after ``now`` are skipped, and so are
the new and review siblings of a card answered today (see :mod:`quizapp.core.study_queue`).
A study day starts at the configured local rollover hour (see :mod:`quizapp.core.config`).
Items of a deck are matched to history by (deck id, item id); history of
items no longer in a deck (orphans, see :func:`orphans`) is ignored here.

Each answer is scheduled from the card's state as committed, read inside the
write transaction, and committed before :meth:`StudySession.answer` returns.
Undo walks back through this session's answers, newest first. The answer flow
(checking, the proposed rating, re-rating) is :mod:`quizapp.core.engine`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from quizapp.core import scheduling
from quizapp.core.config import Config, load_config
from quizapp.core.models import Deck, SchedulingOptions, StudyItem
from quizapp.core.optimizer.saved import options_for as fitted_options
from quizapp.core.store.protocol import (
    NEW,
    REVIEW,
    CardState,
    NewReview,
    Store,
)
from quizapp.core.study_counts import deck_counts
from quizapp.core.study_history import history_counts, orphans
from quizapp.core.study_live import LiveQueue
from quizapp.core.study_queue import DeckDay, Kind, QueueCounts, QueueEntry, sibling_groups
from quizapp.core.study_times import ResponseTimes

__all__ = [
    "AnswerResult",
    "QueueCounts",
    "QueueEntry",
    "StudySession",
    "deck_counts",
    "history_counts",
    "orphans",
]


@dataclass(frozen=True)
class AnswerResult:
    """What an answer did: its review id, the card's new state, the next interval, leech news."""

    review_id: int | None  # None while the history has not saved it
    state: CardState
    interval: timedelta
    lapsed: bool
    leech: bool  # the card is a leech (lapsed ``leech_threshold`` times or more)
    new_leech: bool  # this answer made it one


def _utc_now() -> datetime:
    return datetime.now(UTC)


class StudySession:
    """A study session over one or more decks, backed by a store.

    ``now`` is injectable for tests (it must return aware datetimes);
    ``config`` defaults to the user's config file. Card states are read from
    the store when the queue is built and again, inside the write
    transaction, when a card is answered: a session never schedules from a
    copy another session has made stale.

    The queue is a :class:`~quizapp.core.study_live.LiveQueue`, built once and
    then updated from each answer this session commits, so the next card and
    the counts cost a few bisections, not a walk over every card. It is built
    again from the store when the store says another connection has written
    (``Store.data_version``), on a new study day, and after an undo.
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
        # Each deck's options carry the FSRS parameters fitted for it, if any.
        self._options = {d.deck.id: fitted_options(store, d, self.config) for d in self.decks}
        self._items: dict[tuple[str, str], tuple[Deck, StudyItem]] = {}
        for deck in self.decks:
            for item in deck.items():
                self._items[(deck.deck.id, item.id)] = (deck, item)
        self._siblings = {d.deck.id: sibling_groups(d.items()) for d in self.decks}
        self._states: dict[str, dict[str, CardState]] = {}
        self._live: LiveQueue | None = None
        self._version: int | None = None
        self._times = ResponseTimes(store)
        self._undo_stack: list[int] = []
        self.unsaved_states: dict[tuple[str, str], CardState] = {}  # of refused answers
        self.refresh()

    # time ------------------------------------------------------------------------
    def now(self) -> datetime:
        """The session clock, in UTC, truncated to the store's millisecond."""
        return scheduling.utc_ms_floor(self._now().astimezone(UTC))

    # state -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the card states and today's answers again (another session may have written)."""
        self._version = self.store.data_version()
        self._states = {d.deck.id: self.store.card_states(d.deck.id) for d in self.decks}
        for (deck_id, item_id), state in self.unsaved_states.items():
            self._states[deck_id][item_id] = state
        self._live = None
        self._times.forget()

    def state_of(self, entry: QueueEntry) -> CardState:
        """The entry's state as last read (the answer itself reads it afresh)."""
        deck_id = entry.deck_id
        if deck_id not in self._states:
            raise ValueError(f"deck {deck_id!r} is not part of this study session")
        return self._states[deck_id].get(entry.item_id) or CardState.new(deck_id, entry.item_id)

    def options_for(self, deck: Deck) -> SchedulingOptions:
        """The effective scheduling options of a deck (deck file + user overrides)."""
        return self._options[deck.deck.id]

    def _day_of(self, deck_id: str, day_start_ms: int) -> DeckDay:
        new_done, reviews_done = self.store.study_counts_since(deck_id, day_start_ms)
        studied = frozenset(
            record.item_id
            for record in self.store.reviews(deck_id, since_ms=day_start_ms, mode="study")
        )
        return DeckDay(self._states[deck_id], new_done, reviews_done, studied)

    def _queue(self, now: datetime) -> tuple[LiveQueue, int, int, int]:
        """The live queue, rebuilt if it cannot be trusted at ``now``; and now, day end, ahead."""
        day = self.config.study_day(now)
        start, end = self.config.day_bounds(day)
        now_ms = scheduling.to_ms(now)
        live = self._live
        if self.store.data_version() != self._version or self._version is None:
            self.refresh()
            live = None
        if live is None or live.day != day or live.needs_rebuild or now_ms >= live.buried_until:
            start_ms = scheduling.to_ms(start)
            days = {d.deck.id: self._day_of(d.deck.id, start_ms) for d in self.decks}
            live = self._live = LiveQueue(
                self.decks, days, self._options, self._siblings, now_ms=now_ms, day=day
            )
        ahead_ms = now_ms + self.config.learn_ahead_minutes * 60_000
        return live, now_ms, scheduling.to_ms(end), ahead_ms

    # the queue ---------------------------------------------------------------------
    def next_entry(self) -> QueueEntry | None:
        """The card to show now, or None when nothing is due right now."""
        live, *moment = self._queue(self.now())
        return live.first(*moment)

    @property
    def counts(self) -> QueueCounts:
        """What is left today: new within the limit, learning due today, reviews due now."""
        live, *moment = self._queue(self.now())
        return live.counts(*moment)

    def next_due_at(self) -> datetime | None:
        """When the next learning step of today comes due, if nothing is due now."""
        live, *moment = self._queue(self.now())
        due_ms = live.next_due_ms(*moment)
        return None if due_ms is None else scheduling.from_ms(due_ms)

    def next_due_in(self) -> timedelta | None:
        """How long until the next card is due, when none is due now ("next card in 4 min")."""
        at = self.next_due_at()
        return None if at is None else max(timedelta(0), at - self.now())

    @property
    def answered(self) -> int:
        """Answers given in this session (undone ones excluded)."""
        return len(self._undo_stack)

    @property
    def last_review_id(self) -> int | None:
        """The review id of this session's last answer (None before any)."""
        return self._undo_stack[-1] if self._undo_stack else None

    # answering -----------------------------------------------------------------------
    def preview(self, entry: QueueEntry) -> dict[int, timedelta]:
        """Rating (1..4) → the interval it would give now; nothing changes."""
        return scheduling.preview(self.state_of(entry), self.now(), self.options_for(entry.deck))

    def _scheduler(
        self,
        entry: QueueEntry,
        rating: int,
        at: datetime,
        verdict: str | None,
        response: str | None,
        response_ms: int | None,
        outcome: list[tuple[NewReview, scheduling.Reviewed]],
    ) -> Callable[[CardState], NewReview]:
        """What the store calls, in its transaction, with the card's state as committed."""

        def schedule(before: CardState) -> NewReview:
            reviewed = scheduling.review(
                before,
                rating,
                at,
                self.options_for(entry.deck),
                response_ms=response_ms,
                leech_threshold=self.config.leech_threshold,
                fuzzing=self.fuzzing,
            )
            review = NewReview(
                deck_id=entry.deck_id,
                item_id=entry.item_id,
                reviewed_ms=scheduling.to_ms(at),
                rating=rating,
                mode="study",
                verdict=verdict,
                response=response,
                response_ms=response_ms,
                content_hash=entry.item.content_hash,
                state_before=before,
                state_after=reviewed.state,
            )
            outcome.append((review, reviewed))
            return review

        return schedule

    def _result(
        self,
        review_id: int | None,
        at: datetime,
        outcome: tuple[NewReview, scheduling.Reviewed],
        *,
        replaced: bool,
    ) -> AnswerResult:
        review, reviewed = outcome
        after = reviewed.state
        self._states[after.deck_id][after.item_id] = after
        if review_id is None:
            self._live = None  # refused by the history: recount from the states, unsaved included
        elif replaced:
            self._times.replaced(review.deck_id)
        else:
            self._times.committed(review)
        if self._live is not None:
            now_ms = scheduling.to_ms(self.now())
            if replaced or review.state_before is None:
                self._live.changed(after.deck_id, after.item_id, now_ms)
            else:
                self._live.answered(after.deck_id, after.item_id, review.state_before, now_ms)
        return AnswerResult(
            review_id=review_id,
            state=after,
            interval=scheduling.from_ms(after.due_ms or 0) - at,
            lapsed=reviewed.lapsed,
            leech=after.leech,
            new_leech=reviewed.new_leech,
        )

    def answer(
        self,
        entry: QueueEntry,
        rating: int,
        *,
        verdict: str | None = None,
        response: str | None = "",
        response_ms: int | None = None,
        at: datetime | None = None,
    ) -> AnswerResult:
        """Schedule the card from its committed state and commit the review, in one transaction.

        ``verdict`` is the checker's outcome ("correct", "close", "wrong"), or
        None when self-graded; ``at`` (default now) is when it was given.
        """
        now = self.now() if at is None else at
        outcome: list[tuple[NewReview, scheduling.Reviewed]] = []
        schedule = self._scheduler(entry, rating, now, verdict, response, response_ms, outcome)
        review_id = self.store.record_answer(entry.deck_id, entry.item_id, schedule)
        if self.unsaved_states.pop((entry.deck_id, entry.item_id), None) is not None:
            self._live = None  # it was counted from its unsaved state: count again
        self._undo_stack.append(review_id)
        return self._result(review_id, now, outcome[-1], replaced=False)

    def replace_last(
        self,
        entry: QueueEntry,
        rating: int,
        *,
        verdict: str | None = None,
        response: str | None = "",
        response_ms: int | None = None,
    ) -> AnswerResult:
        """Give this session's last answer (of ``entry``) another rating or verdict.

        The review is replaced in one transaction, scheduled at the time the
        answer was given: a failure leaves the first review as it was.
        """
        review_id = self.last_review_id
        if review_id is None:
            raise ValueError("no answer of this session to replace")
        record = self.store.review(review_id)
        if record is None or (record.deck_id, record.item_id) != (entry.deck_id, entry.item_id):
            raise ValueError("the last answer of this session is of another card")
        at = scheduling.from_ms(record.reviewed_ms)
        outcome: list[tuple[NewReview, scheduling.Reviewed]] = []
        schedule = self._scheduler(entry, rating, at, verdict, response, response_ms, outcome)
        self.store.replace_review(review_id, schedule)
        self.unsaved_states.pop((entry.deck_id, entry.item_id), None)
        return self._result(review_id, at, outcome[-1], replaced=True)

    def unsaved(
        self, entry: QueueEntry, rating: int, before: CardState, at: datetime
    ) -> AnswerResult:
        """An answer the history refused, from ``before``: the queue counts it as answered."""
        outcome: list[tuple[NewReview, scheduling.Reviewed]] = []
        self._scheduler(entry, rating, at, None, None, None, outcome)(before)
        self.unsaved_states[(entry.deck_id, entry.item_id)] = outcome[-1][1].state
        return self._result(None, at, outcome[-1], replaced=False)

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
        # Today's counts and burials lose this answer: the queue is built again, once.
        self._live = None
        self._times.replaced(record.deck_id)
        before = record.state_before
        assert before is not None
        # What the store restored: the state before, with the card's current flags.
        self._remember(self.store.card_state(record.deck_id, record.item_id))
        found = self._items.get((record.deck_id, record.item_id))
        if found is None:
            return None
        kinds: dict[int, Kind] = {NEW: "new", REVIEW: "review"}
        return QueueEntry(found[0], found[1], kinds.get(before.state, "learning"))

    # flags ---------------------------------------------------------------------------
    def _remember(self, state: CardState) -> None:
        if state.is_pristine:
            self._states[state.deck_id].pop(state.item_id, None)
        else:
            self._states[state.deck_id][state.item_id] = state
        if self._live is not None:
            self._live.changed(state.deck_id, state.item_id, scheduling.to_ms(self.now()))

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
        return self._times.median(deck.deck.id, scheduling.to_ms(self.now()))
