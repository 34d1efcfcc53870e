"""The four FSRS ratings and their names, as every screen and command spells them."""

from __future__ import annotations

from enum import IntEnum


class Rating(IntEnum):
    """A learner's rating of an answer (the values FSRS uses)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


RATINGS: tuple[int, ...] = tuple(int(rating) for rating in Rating)
RATING_NAMES: dict[int, str] = {int(rating): rating.name.title() for rating in Rating}
