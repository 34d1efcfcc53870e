"""The hardest cards: most lapses, and lowest probability of recall now."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable, Sequence

from quizapp.core import scheduling
from quizapp.core.models import Deck, SchedulingOptions
from quizapp.core.questions import build_question
from quizapp.core.stats.results import HardCard
from quizapp.core.store.protocol import REVIEW, CardState, Store
from quizapp.core.store.records import StudiedCard

HARDEST_LIMIT = 10


def retrievability(
    stability: float | None, last_review_ms: int | None, now_ms: int
) -> float | None:
    """Probability of recall at ``now_ms`` of a card last reviewed at ``last_review_ms``.

    Asked of the scheduling module, the only one that knows FSRS.
    """
    if stability is None or stability <= 0 or last_review_ms is None:
        return None
    state = CardState(
        "",
        "",
        state=REVIEW,
        stability=stability,
        difficulty=5.0,
        due_ms=now_ms,
        last_review_ms=last_review_ms,
    )
    return float(scheduling.retrievability(state, scheduling.from_ms(now_ms), SchedulingOptions()))


def hard_cards(cards: Iterable[StudiedCard], now_ms: int) -> list[HardCard]:
    """The cards with their probability of recall at ``now_ms``."""
    return [
        HardCard(
            c.deck_id,
            c.item_id,
            c.lapses,
            c.reps,
            c.stability,
            retrievability(c.stability, c.last_review_ms, now_ms),
        )
        for c in cards
    ]


def with_questions(cards: list[HardCard], decks: Sequence[Deck]) -> list[HardCard]:
    """The cards with their question text as asked, from the loaded decks.

    A card whose deck file is not loaded (an imported log) keeps None: its id
    is all there is to show.
    """
    questions = questions_of({(c.deck_id, c.item_id) for c in cards}, decks)
    return [dataclasses.replace(c, question=questions.get((c.deck_id, c.item_id))) for c in cards]


def questions_of(wanted: set[tuple[str, str]], decks: Sequence[Deck]) -> dict[tuple[str, str], str]:
    """The question text as asked of each wanted (deck id, item id) found in the decks."""
    questions: dict[tuple[str, str], str] = {}
    for deck in decks:
        for item in deck.items():
            key = (deck.deck.id, item.id)
            if key in wanted:  # the prompt does not depend on the shuffle of options
                questions[key] = build_question(item, deck, random.Random(0)).prompt
    return questions


def hardest(
    store: Store, now_ms: int, deck_id: str | None = None, limit: int = HARDEST_LIMIT
) -> tuple[list[HardCard], list[HardCard]]:
    """(most lapses, lowest retrievability) among studied, unsuspended items.

    Retrievability falls as elapsed/stability grows, so the store orders by
    that ratio and only the few chosen cards go through the forgetting curve.
    Cards reviewed less than a day ago are at 100 % for FSRS (it counts whole
    days); they are still listed, after the others and weakest (lowest
    stability) first, so a deck studied only today does not show "none".
    """
    lapses = hard_cards(store.most_lapsed(deck_id, limit), now_ms)
    # FSRS counts whole days elapsed, so the store orders by those; the scheduler's
    # figure then decides among the candidates (a few extra guard against ties).
    candidates = hard_cards(store.least_recalled(deck_id, now_ms, limit * 3), now_ms)
    lowest = sorted(
        (c for c in candidates if c.retrievability is not None),
        key=lambda c: (c.retrievability or 0.0, c.stability or 0.0, c.deck_id, c.item_id),
    )[:limit]
    return lapses, lowest
