"""The study screen's sentences, each one with its counts spelt right (1 card, 2 cards)."""

from __future__ import annotations

from datetime import timedelta

from quizapp.core.engine import OVERRULE_RATING
from quizapp.core.i18n import N_, _, ngettext
from quizapp.core.intervals import format_interval as interval
from quizapp.core.models import Deck
from quizapp.core.ratings import rating_name
from quizapp.core.study import QueueCounts

SUSPEND_KEYS = N_("S or ctrl+s")
LEECH_TITLE = N_("Leech")


def session_title(decks: list[Deck]) -> str:
    """What the status line says is studied: the deck's title, or how many decks."""
    if len(decks) == 1:
        return decks[0].deck.title
    return ngettext("{n} deck", "{n} decks", len(decks)).format(n=len(decks))


def status_tail(counts: QueueCounts, answered: int) -> str:
    """`` · 3 done · 17 left (10 new · 2 learn · 5 review) · 4 later``: the header after the title.

    "Left" counts down as cards are answered: it is what is due now (see
    :attr:`QueueCounts.left_now`), and the three counts in brackets add up to
    it. Learning steps due later today are counted apart ("later"), so a card
    sent back to its steps leaves "left" until its step comes due.
    """
    later = counts.learning - counts.learning_now
    done = ngettext(" · {n} done", " · {n} done", answered).format(n=answered)
    left = ngettext(
        " · {left} left ({new} new · {learning} learn · {review} review)",
        " · {left} left ({new} new · {learning} learn · {review} review)",
        counts.left_now,
    ).format(
        left=counts.left_now, new=counts.new, learning=counts.learning_now, review=counts.review
    )
    tail = ngettext(" · {n} later", " · {n} later", later).format(n=later) if later > 0 else ""
    return done + left + tail


def waiting_message(learning: int, wait: timedelta | None) -> str:
    """What the screen says when only learning cards of later today are left."""
    when = (
        _("; the next one in {interval}").format(interval=interval(wait))
        if wait is not None
        else ""
    )
    first = ngettext(
        "Nothing is due right now. {n} learning card comes back later in this session{when}.",
        "Nothing is due right now. {n} learning cards come back later in this session{when}.",
        learning,
    ).format(n=learning, when=when)
    return (
        first
        + "\n\n"
        + _("Stay on this screen and they will appear when due, or press Escape to end.")
    )


def leech_message(lapses: int) -> str:
    return ngettext(
        "This card is now a leech: {n} lapse. Suspend it with {keys}.",
        "This card is now a leech: {n} lapses. Suspend it with {keys}.",
        lapses,
    ).format(n=lapses, keys=_(SUSPEND_KEYS))


def overrule_message() -> str:
    """What "I was actually right" did: the answer counts as right; a rating is only proposed."""
    return _("Your answer now counts as right; {rating} is proposed.").format(
        rating=rating_name(OVERRULE_RATING)
    )
