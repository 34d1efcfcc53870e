"""The card browser's data: every study item with its schedule, searchable and filterable.

The history is read through the store's methods only (card states and reviews
of a deck), once per deck, so browsing thousands of cards costs two queries a deck.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.models import BasicCard, ClozeCard, Deck, StudyItem, TrueFalseCard
from quizapp.core.questions import cloze_prompt
from quizapp.core.store.protocol import Store

STATE_FILTERS = ("all", "new", "learning", "due", "suspended", "leech")
_STATE_NAMES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
LAST_ANSWERS = 5


@dataclass(frozen=True)
class CardRow:
    deck_id: str
    item_id: str
    card_id: str
    type: str
    prompt: str
    tags: tuple[str, ...]
    state: str  # new, learning, review, relearning
    due_ms: int | None
    stability: float | None
    lapses: int
    suspended: bool
    leech: bool
    last_ratings: tuple[int, ...]  # oldest first
    path: Path | None

    def is_due(self, now_ms: int) -> bool:
        return (
            self.state != "new"
            and not self.suspended
            and self.due_ms is not None
            and self.due_ms <= now_ms
        )


def item_prompt(item: StudyItem) -> str:
    """What the learner is asked for this item, as text."""
    card = item.card
    if item.gap is not None and isinstance(card, ClozeCard):
        return cloze_prompt(card, item.gap.name)
    if isinstance(card, BasicCard):
        return card.back if item.reverse else card.front
    if isinstance(card, TrueFalseCard):
        return card.statement
    if isinstance(card, ClozeCard):
        return card.text
    return card.prompt


def card_rows(store: Store, decks: Iterable[tuple[Deck, Path | None]]) -> list[CardRow]:
    """Every item of ``decks`` with its schedule and its last answers."""
    rows: list[CardRow] = []
    for deck, path in decks:
        deck_id = deck.deck.id
        states = store.card_states(deck_id)
        ratings: dict[str, list[int]] = defaultdict(list)
        for review in store.reviews(deck_id):
            if review.rating is not None and review.mode != "quiz":
                ratings[review.item_id].append(review.rating)
        for item in deck.items():
            state = states.get(item.id)
            rows.append(
                CardRow(
                    deck_id=deck_id,
                    item_id=item.id,
                    card_id=item.card.id,
                    type=item.type + (" ↺" if item.reverse else ""),
                    prompt=item_prompt(item),
                    tags=tuple(item.card.tags),
                    state=_STATE_NAMES.get(state.state if state else 0, "new"),
                    due_ms=state.due_ms if state else None,
                    stability=state.stability if state else None,
                    lapses=state.lapses if state else 0,
                    suspended=bool(state and state.suspended),
                    leech=bool(state and state.leech),
                    last_ratings=tuple(ratings.get(item.id, [])[-LAST_ANSWERS:]),
                    path=path,
                )
            )
    return rows


def matches(row: CardRow, query: str, tag: str | None, state: str, now_ms: int) -> bool:
    """Whether ``row`` passes the search text (every word, anywhere), the tag and the state."""
    if tag and tag not in row.tags:
        return False
    if state == "new" and row.state != "new":
        return False
    if state == "learning" and row.state not in ("learning", "relearning"):
        return False
    if state == "due" and not row.is_due(now_ms):
        return False
    if state == "suspended" and not row.suspended:
        return False
    if state == "leech" and not row.leech:
        return False
    haystack = " ".join((row.item_id, row.type, row.prompt, *row.tags)).casefold()
    return all(word in haystack for word in query.casefold().split())


def all_tags(rows: Iterable[CardRow]) -> list[str]:
    return sorted({tag for row in rows for tag in row.tags})
