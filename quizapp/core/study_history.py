"""What the history holds beyond the decks of a study session.

Counts for a deck id that has history but no deck file, and the orphans:
history of items that are in none of the loaded decks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from quizapp.core.config import Config, load_config
from quizapp.core.models import Deck
from quizapp.core.store.protocol import Store
from quizapp.core.study_counts import count_history_only, day_window
from quizapp.core.study_queue import QueueCounts

if TYPE_CHECKING:
    from quizapp.core.library import LoadedDeck


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
    moment = now if now is not None else datetime.now(UTC)
    config = config if config is not None else load_config()
    start, end = config.day_bounds(config.study_day(moment))
    counts = count_history_only(store, deck_id, day_window(start, end, moment, 0))
    return QueueCounts(new=0, learning=counts.learning, review=counts.review)


def orphans(
    store: Store, decks: Iterable[Deck | LoadedDeck], *, unloaded_decks: bool = False
) -> list[tuple[str, str]]:
    """(deck id, item id) pairs with history whose item is in none of the loaded decks.

    ``decks`` may hold :class:`Deck` objects or loaded-deck wrappers with a
    ``.deck`` attribute (None for a deck that failed to load; its history is
    never reported, since we cannot tell what it holds). By default only
    decks that are loaded are looked at, so checking one deck file does not
    list every other deck's history; ``unloaded_decks=True`` also lists all
    history of decks that are not loaded at all. Sorted by deck, then item.
    """
    known: dict[str, set[str]] = {}
    failed: set[str] = set()
    for entry in decks:
        if isinstance(entry, Deck):
            deck = entry
        elif entry.deck is None:
            failed.add(entry.id)
            continue
        else:
            deck = entry.deck
        known.setdefault(deck.deck.id, set()).update(item.id for item in deck.items())
    if unloaded_decks:
        for deck_id in store.deck_ids_with_history():
            if deck_id not in failed:
                known.setdefault(deck_id, set())
    found: list[tuple[str, str]] = []
    for deck_id, items in sorted(known.items()):
        for item_id in sorted(store.item_ids_with_history(deck_id) - items):
            found.append((deck_id, item_id))
    return found
