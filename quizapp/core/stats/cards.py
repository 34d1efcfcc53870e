"""Cards: how many are in each state, their intervals and stabilities, accuracy per tag."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from quizapp.core.models import Deck
from quizapp.core.stats.results import MATURE_MS, CardStates, HistogramBin, TagAccuracy
from quizapp.core.stats.text import UNTAGGED
from quizapp.core.store.protocol import Store
from quizapp.core.store.queries import HistogramValue

# Interval / stability histogram edges in days: [0,1), [1,3), ... [365, inf). Few
# enough bins that each gets a readable row at 80x24.
HISTOGRAM_EDGES: tuple[float, ...] = (0, 1, 3, 7, 14, 21, 30, 90, 180, 365)


def deck_items(decks: Sequence[Deck], deck_id: str | None) -> dict[str, dict[str, list[str]]]:
    """deck id -> item id -> tags of the item's card, for the decks in scope."""
    result: dict[str, dict[str, list[str]]] = {}
    for deck in decks:
        if deck_id is not None and deck.deck.id != deck_id:
            continue
        result[deck.deck.id] = {item.id: list(item.card.tags) for item in deck.items()}
    return result


def card_states(store: Store, deck_id: str | None = None, decks: Sequence[Deck] = ()) -> CardStates:
    """Counts per state. Items of the loaded decks that have no stored state yet are new."""
    counts = store.state_counts(deck_id, MATURE_MS)
    new = counts.new
    items = deck_items(decks, deck_id)
    if items:
        known = store.stored_item_keys(deck_id)
        new += sum(
            1 for deck, ids in items.items() for item_id in ids if (deck, item_id) not in known
        )
    return CardStates(
        new, counts.learning, counts.young, counts.mature, counts.suspended, counts.leeches
    )


def bins(counts: dict[int, int]) -> list[HistogramBin]:
    """Every bin of HISTOGRAM_EDGES with its count, empty ones included (charts need them)."""
    result = []
    for i, low in enumerate(HISTOGRAM_EDGES):
        high = HISTOGRAM_EDGES[i + 1] if i + 1 < len(HISTOGRAM_EDGES) else None
        label = f"{low:g}-{high:g}d" if high is not None else f"{low:g}d+"
        result.append(HistogramBin(label, low, high, int(counts.get(i, 0))))
    return result


def histogram(store: Store, value: HistogramValue, deck_id: str | None) -> list[HistogramBin]:
    """Items in review per HISTOGRAM_EDGES bin of their interval or stability (days)."""
    return bins(store.review_histogram(value, HISTOGRAM_EDGES, deck_id))


def interval_histogram(store: Store, deck_id: str | None = None) -> list[HistogramBin]:
    """Current intervals (due minus last review, in days) of items in review."""
    return histogram(store, "interval", deck_id)


def stability_histogram(store: Store, deck_id: str | None = None) -> list[HistogramBin]:
    """FSRS stabilities (days until recall probability falls to 90 %) of items in review."""
    return histogram(store, "stability", deck_id)


def tag_accuracy(
    store: Store, decks: Sequence[Deck], deck_id: str | None = None
) -> list[TagAccuracy]:
    """Share of right answers (study, quiz and imported) per card tag of the loaded decks.

    The store counts answers per item; the tags live in the deck files, so the
    join happens here. An item with several tags counts under each.
    """
    items = deck_items(decks, deck_id)
    if not items:
        return []
    answers: dict[str, int] = defaultdict(int)
    right: dict[str, int] = defaultdict(int)
    for deck, item, count, wrong in store.answer_counts(deck_id):
        tags = items.get(deck, {}).get(item)
        if tags is None:
            continue
        for tag in tags or [UNTAGGED]:
            answers[tag] += count
            right[tag] += count - wrong
    return sorted(
        (TagAccuracy(tag, answers[tag], right[tag]) for tag in answers),
        key=lambda t: (t.accuracy if t.accuracy is not None else 2.0, t.tag),
    )
