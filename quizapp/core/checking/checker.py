"""The Checker: one deck's accepted answers, and the check of a response for each card type."""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from quizapp.core.checking.dates import check_month
from quizapp.core.checking.diff import char_diff
from quizapp.core.checking.folding import (
    fold,
    fold_info,
    language_of,
    needed_foldings,
    strip_titles,
)
from quizapp.core.checking.leading import split_preposition, without_preposition
from quizapp.core.checking.limits import MAX_RESPONSE_LENGTH, MAX_TYPO_LENGTH
from quizapp.core.checking.options import (
    check_choice,
    check_multi,
    check_number,
    check_order,
    check_truefalse,
    shown_response,
)
from quizapp.core.checking.others import OtherAnswers, owner_phrase
from quizapp.core.checking.typos import allowed_typos, digits, word_typo_problem
from quizapp.core.checking.verdict import Response, Verdict, foldings_text
from quizapp.core.checking.wording import quote
from quizapp.core.i18n import _, ngettext
from quizapp.core.models import (
    BasicCard,
    ChoiceCard,
    ClozeCard,
    Deck,
    MultiCard,
    NumberCard,
    OrderCard,
    StudyItem,
    TrueFalseCard,
    TypedCard,
)


@dataclass(frozen=True)
class _Accepted:
    """The accepted answers of one typed or cloze item, raw and folded."""

    card: object
    raw: tuple[str, ...]
    keys: tuple[str, ...]
    limits: tuple[int, ...]  # typos allowed per answer
    digits: tuple[str, ...]  # the digits of each answer, which a typo must keep


class Checker:
    """Checks responses against the items of one deck.

    Folded answers are cached per item, and the folded answers of the whole
    deck are indexed once for the "another card's answer" rule.
    """

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.language = language_of(deck)
        self._accepted: dict[tuple[str, int], _Accepted] = {}
        self._others = OtherAnswers(deck, self.language, self.accepted)

    # ----------------------------------------------------------------- public

    def check(self, item: StudyItem, response: Response) -> Verdict:
        """Check ``response`` to ``item``; never raises except for basic cards."""
        card = item.card
        if isinstance(card, BasicCard):
            raise ValueError("basic cards are self-graded; there is no answer to check")
        try:
            if isinstance(card, TypedCard | ClozeCard):
                return self._check_typed(item, response)
            if isinstance(card, NumberCard):
                return check_number(card, response, self.language)
            if isinstance(card, ChoiceCard):
                return check_choice(card, response, self.language)
            if isinstance(card, TrueFalseCard):
                return check_truefalse(card, response, self.language)
            if isinstance(card, MultiCard):
                return check_multi(card, response, self.language)
            if isinstance(card, OrderCard):
                return check_order(card, response, self.language)
        except (RecursionError, MemoryError):  # pragma: no cover - defensive
            pass
        return Verdict("wrong", "", None, (), (), "this response could not be checked")

    # ----------------------------------------------------------------- typed and cloze

    def accepted(self, item: StudyItem) -> tuple[str, ...]:
        """The accepted answers of a typed or cloze item, canonical one first."""
        return self._prepare(item).raw

    def _prepare(self, item: StudyItem) -> _Accepted:
        key = (item.id, id(item.card))
        cached = self._accepted.get(key)
        if cached is not None and cached.card is item.card:
            return cached
        card = item.card
        if isinstance(card, ClozeCard):
            gap = item.gap or card.gaps[0]
            raw = tuple(gap.answers)
        elif isinstance(card, TypedCard):
            raw = (card.answer, *card.accept)
        else:
            raw = ()
        keys = tuple(fold(a, self.language) for a in raw)
        prepared = _Accepted(
            card=card,
            raw=raw,
            keys=keys,
            limits=tuple(allowed_typos(k) for k in keys),
            digits=tuple(digits(k) for k in keys),
        )
        self._accepted[key] = prepared
        return prepared

    def _match_after_titles(
        self, item: StudyItem, prepared: _Accepted, shown: str, response_key: str
    ) -> Verdict | None:
        """A name right but for a title before it ("General Haftar", "le président Sissi").

        Only an exact match (after folding) of an accepted answer of two
        letters or more that is not itself a title, and only when the whole
        response is not another item's answer.
        """
        rest = strip_titles(response_key, self.language)
        if not rest or strip_titles(rest + " x", self.language) == "x":
            return None
        for raw, key in zip(prepared.raw, prepared.keys, strict=True):
            if key != rest or sum(map(str.isalpha, key)) < 2:
                continue
            if self._others.owners(item, response_key, set(prepared.keys)):
                return None
            words = shown.split()
            tail, head = shown, ""
            for k in range(1, len(words)):
                if fold(" ".join(words[k:]), self.language) == key:
                    tail, head = " ".join(words[k:]), " ".join(words[:k])
                    break
            changed = fold_info(tail, self.language)[1] | fold_info(raw, self.language)[1]
            foldings = (*needed_foldings(tail, raw, 0, changed, self.language), "title")
            detail = (
                _("matched without the title {title}").format(title=quote(head))
                if head
                else _("matched without the title")
            )
            return Verdict("correct", prepared.raw[0], raw, foldings, char_diff(shown, raw), detail)
        return None

    def _match_halfway(
        self, item: StudyItem, prepared: _Accepted, shown: str, response_key: str
    ) -> Verdict | None:
        """Right but for a preposition before it ("in Cairo"), or a date for a month ("4 April")."""
        split = split_preposition(shown, response_key, self.language)
        if split is not None:
            inner = self._check_typed(item, split[1])
            if inner.is_right:
                return without_preposition(inner, shown, split[0])
        return check_month(prepared.raw, prepared.keys, shown, response_key, self.language)

    def _check_typed(self, item: StudyItem, response: Response) -> Verdict:
        prepared = self._prepare(item)
        expected = prepared.raw[0]
        if not isinstance(response, str):
            return Verdict("wrong", expected, None, (), (), _("the response is not text"))
        if len(response) > MAX_RESPONSE_LENGTH:
            detail = _("the response is far too long to be this answer")
            return Verdict("wrong", expected, None, (), char_diff(response, expected), detail)
        shown = shown_response(response)
        response_key, response_changed = fold_info(response, self.language)
        if not response_key and "" not in prepared.keys:
            detail = (
                _("{answer} has nothing to compare").format(answer=quote(shown))
                if shown
                else _("no answer was given")
            )
            return Verdict("wrong", expected, None, (), char_diff(shown, expected), detail)

        # Exact match after folding.
        for raw, key in zip(prepared.raw, prepared.keys, strict=True):
            if key == response_key:
                changed = response_changed | fold_info(raw, self.language)[1]
                foldings = needed_foldings(response, raw, 0, changed, self.language)
                detail = (
                    _("matched after folding {foldings}").format(foldings=foldings_text(foldings))
                    if foldings
                    else ""
                )
                return Verdict("correct", expected, raw, foldings, char_diff(shown, raw), detail)

        too_long = len(response) > MAX_TYPO_LENGTH
        word_problem: str | None = None

        if not too_long:
            titled = self._match_after_titles(item, prepared, shown, response_key)
            if titled is not None:
                return titled
            halfway = self._match_halfway(item, prepared, shown, response_key)
            if halfway is not None:
                return halfway

        # Distances to the accepted answers: the nearest is shown in the diff,
        # and the nearest one that allows the typo makes the response close.
        candidates: list[tuple[int, int]] = []
        if not too_long:
            candidates = [
                (int(OSA.distance(response_key, key)), i) for i, key in enumerate(prepared.keys)
            ]
        best_distance, best_index = min(candidates) if candidates else (math.inf, 0)
        best_raw, best_key = prepared.raw[best_index], prepared.keys[best_index]

        if not too_long:
            # Same words in another order: right, but not quite.
            words = sorted(response_key.split())
            if len(words) > 1:
                for raw, key in zip(prepared.raw, prepared.keys, strict=True):
                    if words == sorted(key.split()):
                        return Verdict(
                            "close",
                            expected,
                            raw,
                            ("word order",),
                            char_diff(shown, raw),
                            _("the words are in another order"),
                        )

            response_digits = digits(response_key)
            typos = [
                (distance, i)
                for distance, i in candidates
                if 0 < distance <= prepared.limits[i] and response_digits == prepared.digits[i]
            ]
            if typos:
                fitting = [
                    (distance, i)
                    for distance, i in typos
                    if word_typo_problem(response_key, prepared.keys[i]) is None
                ]
                if not fitting:
                    word_problem = word_typo_problem(response_key, prepared.keys[min(typos)[1]])
                typos = fitting
            if typos:
                distance, index = min(typos)
                raw = prepared.raw[index]
                other = self._others.nearest(item, response_key, prepared.keys, distance)
                if other is not None:
                    other_raw, owners = other
                    return Verdict(
                        "wrong",
                        expected,
                        None,
                        (),
                        char_diff(shown, raw),
                        _(
                            "{answer} is at least as close to {other}, {owner}, as to {expected}"
                        ).format(
                            answer=quote(shown),
                            other=quote(other_raw),
                            owner=owner_phrase(item, owners),
                            expected=quote(raw),
                        ),
                    )
                changed = response_changed | fold_info(raw, self.language)[1]
                foldings = (
                    *needed_foldings(response, raw, distance, changed, self.language),
                    "typo",
                )
                return Verdict(
                    "close",
                    expected,
                    raw,
                    foldings,
                    char_diff(shown, raw),
                    ngettext("{n} typo from {answer}", "{n} typos from {answer}", distance).format(
                        n=distance, answer=quote(raw)
                    ),
                )

        # Wrong: say why as precisely as we can.
        owners = set() if too_long else self._others.owners(item, response_key, set(prepared.keys))
        if owners:
            detail = _("{answer} is {owner}").format(
                answer=quote(shown), owner=owner_phrase(item, owners)
            )
        elif word_problem is not None:
            detail = word_problem
        elif too_long:
            detail = _("the response is far too long to be this answer")
        elif allowed_typos(best_key) == 0 and best_distance <= 1:
            detail = _("{answer} is too short to allow a typo").format(answer=quote(best_raw))
        elif best_distance <= allowed_typos(best_key):
            detail = _("the digits differ, and numbers allow no typo")
        else:
            limit = allowed_typos(best_key)
            edits = int(best_distance)
            detail = ngettext("{n} edit from {answer}", "{n} edits from {answer}", edits).format(
                n=edits, answer=quote(best_raw)
            )
            if limit:
                detail += _(" (at most {limit} allowed)").format(limit=limit)
            other = self._others.nearest(
                item, response_key, prepared.keys, max(1, allowed_typos(response_key))
            )
            if other is not None:
                other_raw, owners = other
                phrase = owner_phrase(item, owners)
                detail = (
                    _("{answer} looks like {other}, {owner}").format(
                        answer=quote(shown), other=quote(other_raw), owner=phrase
                    )
                    + "; "
                    + detail
                )
        return Verdict("wrong", expected, None, (), char_diff(shown, best_raw), detail)


_CHECKERS: dict[int, tuple[Deck, Checker]] = {}
_MAX_CHECKERS = 16


def checker_for(deck: Deck) -> Checker:
    """A cached :class:`Checker` for ``deck`` (a few decks are kept)."""
    entry = _CHECKERS.get(id(deck))
    if entry is not None and entry[0] is deck:
        return entry[1]
    if len(_CHECKERS) >= _MAX_CHECKERS:
        _CHECKERS.pop(next(iter(_CHECKERS)))
    checker = Checker(deck)
    _CHECKERS[id(deck)] = (deck, checker)
    return checker


def check(item: StudyItem, response: Response, deck: Deck) -> Verdict:
    """Check one response with the deck's cached :class:`Checker`."""
    return checker_for(deck).check(item, response)
