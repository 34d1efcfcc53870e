"""Running the ``examples`` of a deck's cards through the checker, for ``quizapp check``."""

from __future__ import annotations

import re

from quizapp.core.checking.checker import checker_for
from quizapp.core.checking.truefalse import parse_truefalse
from quizapp.core.checking.verdict import Response, Verdict, foldings_text
from quizapp.core.checking.wording import quote
from quizapp.core.i18n import _, ngettext
from quizapp.core.models import BasicCard, Deck, MultiCard, OrderCard, StudyItem, TrueFalseCard


def _describe(verdict: Verdict) -> str:
    """How a verdict reads in an examples failure: "accepted as close to 'Tobruk' (typo)"."""
    if verdict.outcome == "wrong":
        if verdict.detail:
            return _("rejected: {why}").format(why=verdict.detail)
        return _("rejected")
    close = verdict.outcome == "close"
    if verdict.matched is None:
        text = _("accepted as close") if close else _("accepted as correct")
    elif close:
        text = _("accepted as close to {answer}").format(answer=quote(verdict.matched))
    else:
        text = _("accepted as correct, matching {answer}").format(answer=quote(verdict.matched))
    if verdict.foldings:
        text += " (" + foldings_text(verdict.foldings) + ")"
    return text


def _example_response(card: object, example: str) -> Response | None:
    """Turn an example string into a response for the card's type; None to skip it."""
    if isinstance(card, TrueFalseCard):
        return parse_truefalse(example)
    if isinstance(card, MultiCard):
        return frozenset(p.strip() for p in re.split(r"[;\n]", example) if p.strip())
    if isinstance(card, OrderCard):
        return tuple(p.strip() for p in re.split(r"[;\n]", example) if p.strip())
    return example


def run_examples(deck: Deck) -> list[tuple[tuple[str, int], str]]:
    """Run every card's ``examples`` and return the failures.

    Each ``accept`` entry must be correct or close and each ``reject`` entry
    wrong. Entries are interpreted by card type: typed as text; number as a
    number in the deck's convention; choice as option text; truefalse as
    "true"/"false" (or "vrai"/"faux", "yes"/"no"…; anything else is skipped);
    multi and order as option texts separated by ";" or newlines; basic cards
    are self-graded and skipped.

    Cloze cards: with one gap, examples apply to that gap. With several gaps an
    ``accept`` entry must be accepted by at least one gap (an author lists
    variants of different gaps' answers in one list) and a ``reject`` entry
    must be rejected by every gap (it is a wrong answer, full stop).

    Returns ``[(("cards", index), message), ...]`` in deck order, the message
    saying what the checker decided and why.
    """
    checker = checker_for(deck)
    failures: list[tuple[tuple[str, int], str]] = []
    items_by_card: dict[str, list[StudyItem]] = {}
    for item in deck.items():
        items_by_card.setdefault(item.card.id, []).append(item)
    for index, card in enumerate(deck.cards):
        if card.examples is None or isinstance(card, BasicCard):
            continue
        items = [i for i in items_by_card.get(card.id, []) if i.card is card]
        if not items:
            continue
        for should_accept, entries in ((True, card.examples.accept), (False, card.examples.reject)):
            for example in entries:
                response = _example_response(card, example)
                if response is None:
                    continue
                verdicts = [checker.check(item, response) for item in items]
                if should_accept:
                    if any(v.is_right for v in verdicts):
                        continue
                    verdict = verdicts[0]
                    message = _("example {example} should be accepted but was {verdict}").format(
                        example=quote(example), verdict=_describe(verdict)
                    )
                    if len(items) > 1:
                        others = len(items) - 1
                        message += ngettext(
                            " (and by the other {n} gap)", " (and by the other {n} gaps)", others
                        ).format(n=others)
                else:
                    right = [v for v in verdicts if v.is_right]
                    if not right:
                        continue
                    verdict = right[0]
                    message = _("example {example} should be rejected but was {verdict}").format(
                        example=quote(example), verdict=_describe(verdict)
                    )
                    if len(items) > 1:
                        gap = items[verdicts.index(verdict)].id
                        message += _(" for gap {gap}").format(gap=gap)
                failures.append((("cards", index), message))
    return failures
