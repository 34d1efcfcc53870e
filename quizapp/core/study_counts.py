"""Today's counts of one deck (home screen, ``quizapp due``) from an indexed query.

A study session reads every state of its decks and places every card
(:mod:`quizapp.core.study_live`); counting needs less. The store gives the
learning and review states due by the end of the day through the (deck, due)
index, and the ids of the items that are not new any more
(``Store.queue_rows``); the counts follow the queue's rules
(:func:`quizapp.core.study_queue.placement`, the daily limits, buried
siblings, items no longer in the deck ignored) and equal a study session's
``counts`` at the same moment (a test checks it).
"""

from __future__ import annotations

from datetime import UTC, datetime

from quizapp.core import scheduling
from quizapp.core.config import Config, load_config
from quizapp.core.models import Deck
from quizapp.core.optimizer.saved import options_for as fitted_options
from quizapp.core.store.protocol import LEARNING, RELEARNING, REVIEW, Store
from quizapp.core.study_queue import QueueCounts, sibling_groups


def deck_counts(
    store: Store,
    deck: Deck,
    now: datetime | None = None,
    config: Config | None = None,
) -> QueueCounts:
    """Today's counts for one deck (home screen, ``quizapp due``); reads only."""
    moment = scheduling.utc_ms_floor((now or datetime.now(UTC)).astimezone(UTC))
    config = config if config is not None else load_config()
    options = fitted_options(store, deck, config)
    deck_id = deck.deck.id
    day = config.study_day(moment)
    start, end = config.day_bounds(day)
    now_ms, start_ms, end_ms = (scheduling.to_ms(t) for t in (moment, start, end))
    ahead_ms = now_ms + config.learn_ahead_minutes * 60_000
    new_done, reviews_done = store.study_counts_since(deck_id, start_ms)
    items = deck.items()
    out_siblings: set[str] = set()
    if options.bury_siblings:
        studied = {r.item_id for r in store.reviews(deck_id, since_ms=start_ms, mode="study")}
        if studied:
            groups = sibling_groups(items)
            for item_id in studied & groups.keys():
                out_siblings |= groups[item_id]
    rows = store.queue_rows(deck_id, now_ms, max(now_ms, end_ms - 1))
    new = sum(1 for item in items if item.id not in rows.started and item.id not in out_siblings)
    in_deck = {item.id for item in items} if rows.due else set()
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
                learning_ahead += due <= ahead_ms
        elif state == REVIEW and due <= now_ms and item_id not in out_siblings:
            review += 1
    new = min(new, max(0, options.new_per_day - new_done))
    review = min(review, max(0, options.reviews_per_day - reviews_done))
    others = learning_due or review or new
    return QueueCounts(
        new=new,
        learning=learning_due + learning_later,
        review=review,
        learning_now=learning_due + (0 if others else learning_ahead),
    )
