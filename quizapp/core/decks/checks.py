"""Checks across cards: duplicate card ids, and the cards' examples run by the checker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quizapp.core.decks.messages import _card_label
from quizapp.core.decks.source import DeckSource
from quizapp.core.models import Deck
from quizapp.core.problems import Problem


def _duplicate_id_problems(data: dict[str, Any], source: DeckSource, path: str) -> list[Problem]:
    cards = data.get("cards")
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for index, card in enumerate(cards if isinstance(cards, list) else []):
        card_id = card.get("id") if isinstance(card, dict) else None
        if not isinstance(card_id, str):
            continue
        if card_id in first:
            line, _ = source.locate(("cards", first[card_id], "id"))
            problems.append(
                Problem(
                    path,
                    *source.locate(("cards", index, "id")),
                    "error",
                    f"duplicate card id {card_id!r} (first used at line {line})",
                )
            )
        else:
            first[card_id] = index
    return problems


def _example_problems(deck: Deck, source: DeckSource, path: str) -> list[Problem]:
    """Run the cards' ``examples`` through the answer checker, if it is installed.

    The checker lives in :mod:`quizapp.core.checking`; until it exists the
    examples are not run (nothing to report).
    """
    if not any(card.examples for card in deck.cards):
        return []
    try:
        from quizapp.core import checking
    except ImportError:
        return []
    run: Callable[[Deck], list[tuple[tuple, str]]] | None = getattr(checking, "run_examples", None)
    if run is None:
        return []
    try:
        results = run(deck)
    except Exception as exc:  # a checker bug must not hide the deck's other problems
        return [Problem(path, 1, 1, "warning", f"examples could not be run: {exc}")]
    problems: list[Problem] = []
    for location, message in results:
        loc = tuple(location)
        if len(loc) >= 2 and loc[0] == "cards" and isinstance(loc[1], int):
            label = _card_label(source.data, loc[1])
            if not str(message).startswith("card"):
                message = f"{label}: {message}"
        problems.append(Problem(path, *source.locate(loc), "error", str(message)))
    return problems
