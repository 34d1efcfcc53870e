"""Helpers for the store, scheduling and study tests: tiny decks and a settable clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from quizapp.core.config import Config
from quizapp.core.models import Deck

UTC_CONFIG = Config(zone=UTC)


def make_deck(deck_id: str = "demo", n: int = 5, **scheduling: Any) -> Deck:
    """A deck of ``n`` typed cards ``c0``… with optional ``[deck.scheduling]`` keys."""
    return Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": deck_id, "title": f"Deck {deck_id}", "scheduling": scheduling},
            "cards": [
                {"id": f"c{i}", "type": "typed", "prompt": f"Question {i}?", "answer": f"A{i}"}
                for i in range(n)
            ],
        }
    )


class Clock:
    """A clock for ``now=``: starts at a fixed UTC time and moves only when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self.t = start or datetime(2026, 1, 5, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kwargs: float) -> datetime:
        self.t += timedelta(**kwargs)
        return self.t

    def set(self, moment: datetime) -> datetime:
        self.t = moment
        return self.t
