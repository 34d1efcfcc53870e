"""The other card's answer rule: a response nearest another item's answer names another fact.

Typing "Tripoli" for "Tobruk" is not a typo but another card's answer, so
the folded answers of the whole deck are indexed once per deck.
"""

from __future__ import annotations

from collections.abc import Callable

from quizapp.core.checking.folding import fold
from quizapp.core.checking.nearby import EditNeighbours
from quizapp.core.i18n import _
from quizapp.core.models import ChoiceCard, ClozeCard, Deck, MultiCard, StudyItem, TypedCard


class OtherAnswers:
    """The folded answers of one deck and the items each answers, built on first use.

    ``typed_answers`` gives the accepted answers of a typed or cloze item (the
    checker's own cache of them).
    """

    def __init__(
        self, deck: Deck, language: str, typed_answers: Callable[[StudyItem], tuple[str, ...]]
    ) -> None:
        self.deck = deck
        self.language = language
        self._typed_answers = typed_answers
        self._index: dict[str, set[str]] | None = None
        self._neighbours = EditNeighbours(())
        self._index_raw: dict[str, str] = {}
        self._keys_of: dict[str, set[str]] = {}

    def _build(self) -> dict[str, set[str]]:
        """Folded answer -> ids of the items it answers, over the whole deck."""
        if self._index is None:
            index: dict[str, set[str]] = {}
            for other in self.deck.items():
                card = other.card
                if isinstance(card, TypedCard | ClozeCard):
                    answers = self._typed_answers(other)
                elif isinstance(card, ChoiceCard):
                    answers = (card.answer,)
                elif isinstance(card, MultiCard):
                    answers = tuple(card.answers)
                else:
                    continue
                for answer in answers:
                    key = fold(answer, self.language)
                    if key:
                        index.setdefault(key, set()).add(other.id)
                        self._index_raw.setdefault(key, answer)
                        self._keys_of.setdefault(other.id, set()).add(key)
            self._index = index
            self._neighbours = EditNeighbours(index)
        return self._index

    def owners(self, item: StudyItem, key: str, own_keys: set[str]) -> set[str]:
        """The other items that ``key`` answers and that do not share an answer with ``item``.

        An item that also accepts one of this item's answers (a card asking
        for "Khalifa Haftar" that accepts "Haftar", next to a cloze gap
        "Haftar") is about the same thing, so its answers are not "another
        fact" here.
        """
        index = self._build()
        if key in own_keys:
            return set()
        return {
            owner
            for owner in index.get(key, ())
            if owner != item.id and not self._keys_of.get(owner, set()) & own_keys
        }

    def nearest(
        self, item: StudyItem, response_key: str, own: tuple[str, ...], limit: int
    ) -> tuple[str, set[str]] | None:
        """Another item's answer within ``limit`` edits of the response, and its items."""
        self._build()
        own_keys = set(own)
        # Nearest first; equally near answers shortest first, then in deck order.
        best: tuple[str, set[str]] | None = None
        for key, _distance in self._neighbours.within(response_key, limit):
            owners = self.owners(item, key, own_keys)
            if owners:
                best = (key, owners)
                break
        if best is None:
            return None
        return self._index_raw[best[0]], best[1]


def owner_phrase(item: StudyItem, owners: set[str]) -> str:
    """Name the owner: "the answer to another card", or "another gap" of this cloze."""
    prefix = item.card.id + "."
    if all(owner.startswith(prefix) for owner in owners):
        return _("the answer to another gap of this card")
    return _("the answer to another card")
