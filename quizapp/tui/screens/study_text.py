"""The study screen's sentences, each one with its counts spelt right (1 card, 2 cards)."""

from __future__ import annotations

from datetime import timedelta

from quizapp.core.engine import OVERRULE_RATING
from quizapp.core.intervals import format_interval as interval
from quizapp.core.ratings import RATING_NAMES
from quizapp.core.study import QueueCounts
from quizapp.core.text import count_of

SUSPEND_KEYS = "S or ctrl+s"
LEECH_TITLE = "Leech"


def status_tail(counts: QueueCounts, answered: int) -> str:
    """`` · 3 done · 17 left (10 new · 2 learn · 5 review) · 4 later``: the header after the title.

    "Left" counts down as cards are answered: it is what is due now (see
    :attr:`QueueCounts.left_now`), and the three counts in brackets add up to
    it. Learning steps due later today are counted apart ("later"), so a card
    sent back to its steps leaves "left" until its step comes due.
    """
    later = counts.learning - counts.learning_now
    return (
        f" · {answered} done · {counts.left_now} left"
        f" ({counts.new} new · {counts.learning_now} learn · {counts.review} review)"
        + (f" · {later} later" if later > 0 else "")
    )


def waiting_message(learning: int, wait: timedelta | None) -> str:
    """What the screen says when only learning cards of later today are left."""
    cards = count_of(learning, "learning card")
    verb = "comes" if learning == 1 else "come"
    when = f"; the next one in {interval(wait)}" if wait is not None else ""
    return (
        f"Nothing is due right now. {cards} {verb} back later in this session{when}.\n\n"
        "Stay on this screen and they will appear when due, or press Escape to end."
    )


def leech_message(lapses: int) -> str:
    return f"This card is now a leech: {count_of(lapses, 'lapse')}. Suspend it with {SUSPEND_KEYS}."


def overrule_message() -> str:
    """What "I was actually right" did: the answer counts as right; a rating is only proposed."""
    name = RATING_NAMES[OVERRULE_RATING]
    return f"Your answer now counts as right; {name} is proposed."
