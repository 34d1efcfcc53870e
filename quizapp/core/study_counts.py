"""Today's counts of one deck (home screen, ``quizapp due``) from range counts of an index.

A study session reads every state of its decks and places every card
(:mod:`quizapp.core.study_live`); counting needs less. The SQLite store
counts ranges of its (deck, state, due) index and returns as rows only the
states those counts cannot judge (``Store.count_rows``: suspended, buried,
no longer in the deck, siblings of today's answers), which
:func:`_corrected` counts one by one; a store that cannot (PostgreSQL) gives
the due states and the started ids (``Store.queue_rows``), counted by
:func:`_counted`. Either way the counts follow the queue's rules
(:func:`quizapp.core.study_queue.placement`, the daily limits, buried
siblings, items no longer in the deck ignored) and equal a study session's
``counts`` at the same moment (a test checks it).

:func:`count_day` does the counting from plain values (item ids, sibling
groups, limits, the day's bounds), so that ``quizapp due`` can count from its
cached index (:mod:`quizapp.core.count_index`) without importing the deck
models, the config model or the scheduler; :func:`deck_counts` derives those
values from a loaded deck and the config.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from quizapp.core.clock import to_ms, utc_ms_floor
from quizapp.core.store.protocol import LEARNING, NEW, RELEARNING, REVIEW, Store

Tally = tuple[int, int, int, int, int]

if TYPE_CHECKING:
    from quizapp.core.config import Config
    from quizapp.core.models import Deck
    from quizapp.core.store.records import CountRows
    from quizapp.core.study_queue import QueueCounts


@dataclass(frozen=True)
class DayLimits:
    """The options of a deck that counting reads (from its scheduling options)."""

    new_per_day: int
    reviews_per_day: int
    bury_siblings: bool


@dataclass(frozen=True)
class DayWindow:
    """Now, the study day's bounds and the learn-ahead limit, in epoch milliseconds."""

    now_ms: int
    start_ms: int
    end_ms: int
    ahead_ms: int


@dataclass(frozen=True)
class DayCounts:
    """The numbers of :class:`~quizapp.core.study_queue.QueueCounts`, without its module."""

    new: int
    learning: int
    review: int
    learning_now: int = 0


def day_window(
    start: datetime, end: datetime, now: datetime, learn_ahead_minutes: int
) -> DayWindow:
    """The window of the study day ``[start, end)`` at ``now`` (truncated to the millisecond)."""
    now_ms = to_ms(utc_ms_floor(now.astimezone(UTC)))
    return DayWindow(now_ms, to_ms(start), to_ms(end), now_ms + learn_ahead_minutes * 60_000)


def count_day(
    store: Store,
    deck_id: str,
    item_ids: Sequence[str] | DeckIds,
    siblings: Callable[[], Mapping[str, Collection[str]]],
    limits: DayLimits,
    window: DayWindow,
) -> DayCounts:
    """Today's counts of the deck whose items are ``item_ids``.

    Nothing of the history changes; the SQLite store may keep a note of which
    stored states belong to cards no longer in the deck (``Store.count_rows``).

    ``siblings()`` maps an item id to its siblings' ids (items without siblings
    may be left out); it is called only when an item was studied today.
    """
    now_ms, end_ms = window.now_ms, window.end_ms
    new_done, reviews_done = store.study_counts_since(deck_id, window.start_ms)
    out_siblings: set[str] = set()
    if limits.bury_siblings:
        since = window.start_ms
        studied = {r.item_id for r in store.reviews(deck_id, since_ms=since, mode="study")}
        if studied:
            groups = siblings()
            for item_id in studied & groups.keys():
                out_siblings.update(groups[item_id])
    ids = item_ids if isinstance(item_ids, DeckIds) else deck_ids(item_ids)
    # the day's end as the every-state count sees it: never before now + 1 ms
    window_ms = (now_ms, max(now_ms, end_ms - 1) + 1, window.ahead_ms)
    rows = store.count_rows(deck_id, ids.digest, lambda: ids.members, window_ms, out_siblings)
    if rows is not None:
        out_siblings = {item_id for item_id in out_siblings if item_id in ids.members}
        new, learning_due, learning_later, learning_ahead, review = _corrected(
            rows, len(ids.members), out_siblings, now_ms, window_ms[1], window.ahead_ms
        )
    else:
        new, learning_due, learning_later, learning_ahead, review = _counted(
            store, deck_id, ids.members, out_siblings, window
        )
    new = min(new, max(0, limits.new_per_day - new_done))
    review = min(review, max(0, limits.reviews_per_day - reviews_done))
    others = learning_due or review or new
    return DayCounts(
        new=new,
        learning=learning_due + learning_later,
        review=review,
        learning_now=learning_due + (0 if others else learning_ahead),
    )


def _counted(
    store: Store,
    deck_id: str,
    in_deck: frozenset[str],
    out_siblings: set[str],
    window: DayWindow,
) -> tuple[int, int, int, int, int]:
    """New, learning due, later today, of those within learn-ahead, reviews: every state read."""
    now_ms, end_ms = window.now_ms, window.end_ms
    rows = store.queue_rows(deck_id, now_ms, max(now_ms, end_ms - 1))
    new = len(in_deck.difference(rows.started, out_siblings))
    learning_due = learning_later = learning_ahead = review = 0
    for item_id, state, due_ms in rows.due:
        if item_id not in in_deck:
            continue
        due = now_ms if due_ms is None else due_ms
        if state in (LEARNING, RELEARNING):
            if due <= now_ms:
                learning_due += 1
            elif due < end_ms:
                learning_later += 1
                learning_ahead += due <= window.ahead_ms
        elif state == REVIEW and due <= now_ms and item_id not in out_siblings:
            review += 1
    return new, learning_due, learning_later, learning_ahead, review


def _buckets(state: int, due_ms: int | None, now_ms: int, end_ms: int, ahead_ms: int) -> Tally:
    """What one state adds to (started, learning due, later, within learn-ahead, review)."""
    due = now_ms if due_ms is None else due_ms
    if state in (LEARNING, RELEARNING):
        if due <= now_ms:
            return (1, 1, 0, 0, 0)
        if due < end_ms:
            return (1, 0, 1, int(due <= ahead_ms), 0)
        return (1, 0, 0, 0, 0)
    if state == REVIEW:
        return (1, 0, 0, 0, int(due <= now_ms))
    return (int(state > NEW), 0, 0, 0, 0)


def _corrected(
    rows: CountRows,
    distinct: int,
    out_siblings: set[str],
    now_ms: int,
    end_ms: int,
    ahead_ms: int,
) -> tuple[int, int, int, int, int]:
    """The range counts with each state they cannot judge counted by the queue's rules.

    Each row's naive share (by state and due alone) is taken off, and its true
    share added: none for a card no longer in the deck, "started" only for a
    suspended or buried one, no review for a sibling of today's answers.
    """
    totals = list(rows.totals)
    started_siblings: set[str] = set()
    for item_id, state, due_ms, held in rows.rows:
        naive = _buckets(state, due_ms, now_ms, end_ms, ahead_ms)
        if item_id in rows.removed:
            true: Tally = (0, 0, 0, 0, 0)
        elif held:
            true = (1, 0, 0, 0, 0)
        else:
            true = naive
            if item_id in out_siblings:
                true = (*true[:4], 0)
        if true[0] and item_id in out_siblings:
            started_siblings.add(item_id)
        totals = [t - n + r for t, n, r in zip(totals, naive, true, strict=True)]
    started, learning_due, learning_later, learning_ahead, review = totals
    new = distinct - started - len(out_siblings - started_siblings)
    return new, learning_due, learning_later, learning_ahead, review


@dataclass(frozen=True)
class DeckIds:
    """A deck's item ids as a set, and their digest (which names the set in the store)."""

    members: frozenset[str]
    digest: str


def deck_ids(item_ids: Sequence[str]) -> DeckIds:
    """The :class:`DeckIds` of ``item_ids`` (a few milliseconds at 50,000 ids: keep it)."""
    digest = hashlib.blake2b(json.dumps(list(item_ids)).encode(), digest_size=16).hexdigest()
    return DeckIds(frozenset(item_ids), digest)


def count_history_only(store: Store, deck_id: str, window: DayWindow) -> DayCounts:
    """Counts for a deck id with history but no deck file, from its stored states alone.

    See :func:`quizapp.core.study_history.history_counts`: learning due today,
    reviews due now, suspended and buried cards left out, no new cards and no
    daily limit (there are no deck options to take it from).
    """
    now_ms, end_ms = window.now_ms, window.end_ms
    learning = review = 0
    for state in store.card_states(deck_id).values():
        if state.suspended or state.is_buried(now_ms) or state.state == NEW:
            continue
        due = state.due_ms if state.due_ms is not None else now_ms
        if state.state in (LEARNING, RELEARNING):
            learning += due < end_ms
        elif state.state == REVIEW:
            review += due <= now_ms
    return DayCounts(new=0, learning=learning, review=review)


def deck_limits(deck: Deck, config: Config) -> DayLimits:
    """The counting limits of a deck under this config (its overrides applied)."""
    options = config.scheduling_for(deck)
    return DayLimits(options.new_per_day, options.reviews_per_day, options.bury_siblings)


def deck_counts(
    store: Store,
    deck: Deck,
    now: datetime | None = None,
    config: Config | None = None,
) -> QueueCounts:
    """Today's counts for one deck (home screen, ``quizapp due``); reads only."""
    from quizapp.core.config import load_config
    from quizapp.core.optimizer.saved import options_for as fitted_options
    from quizapp.core.study_queue import QueueCounts, sibling_groups

    moment = now or datetime.now(UTC)
    config = config if config is not None else load_config()
    options = fitted_options(store, deck, config)
    limits = DayLimits(options.new_per_day, options.reviews_per_day, options.bury_siblings)
    start, end = config.day_bounds(config.study_day(utc_ms_floor(moment.astimezone(UTC))))
    window = day_window(start, end, moment, config.learn_ahead_minutes)
    ids = _item_ids(deck)
    counts = count_day(
        store, deck.deck.id, ids, lambda: sibling_groups(deck.items()), limits, window
    )
    return QueueCounts(counts.new, counts.learning, counts.review, counts.learning_now)


_DECK_IDS: dict[int, tuple[weakref.ref[Deck], DeckIds]] = {}


def _item_ids(deck: Deck) -> DeckIds:
    """The deck's :class:`DeckIds`, kept while the deck model (frozen) lives."""
    key = id(deck)
    kept = _DECK_IDS.get(key)
    if kept is not None and kept[0]() is deck:
        return kept[1]
    found = deck_ids([item.id for item in deck.items()])
    _DECK_IDS[key] = (weakref.ref(deck, lambda _: _DECK_IDS.pop(key, None)), found)
    return found
