"""The four FSRS ratings and their names, as every screen and command spells them."""

from __future__ import annotations

from enum import IntEnum

from quizapp.core.i18n import pgettext


class Rating(IntEnum):
    """A learner's rating of an answer (the values FSRS uses)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


RATINGS: tuple[int, ...] = tuple(int(rating) for rating in Rating)
RATING_NAMES: dict[int, str] = {int(rating): rating.name.title() for rating in Rating}
"""The English names (Again, Hard, Good, Easy); show :func:`rating_name` instead."""


def rating_names() -> dict[int, str]:
    """Each rating's name in the interface's language (Anki's French: À revoir, Difficile…)."""
    return {
        1: pgettext("rating", "Again"),
        2: pgettext("rating", "Hard"),
        3: pgettext("rating", "Good"),
        4: pgettext("rating", "Easy"),
    }


def rating_name(value: int) -> str:
    """The name of rating ``value`` (1–4) in the interface's language."""
    return rating_names()[value]
