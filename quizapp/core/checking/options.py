"""Checking the answers that are options or numbers: choice, true/false, multi, order, number.

Each check is a pure function of the card, the response and the deck's
language; :class:`quizapp.core.checking.checker.Checker` dispatches to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quizapp.core.checking.diff import char_diff
from quizapp.core.checking.folding import INVISIBLE, fold
from quizapp.core.checking.limits import MAX_NUMBER_LENGTH, MAX_TYPO_LENGTH
from quizapp.core.checking.numbers import format_number, read_number
from quizapp.core.checking.truefalse import parse_truefalse, truefalse_labels
from quizapp.core.checking.verdict import Response, Verdict
from quizapp.core.checking.wording import join_positions, quote
from quizapp.core.i18n import _, ngettext
from quizapp.core.models import ChoiceCard, MultiCard, NumberCard, OrderCard, TrueFalseCard


def shown_response(response: str) -> str:
    """The response as it is shown back: without invisible characters or surrounding space.

    Responses too long to be searched for typos are shown as they are.
    """
    if len(response) > MAX_TYPO_LENGTH:
        return response
    return INVISIBLE.sub("", response).strip()


# ----------------------------------------------------------------- number


def check_number(card: NumberCard, response: Response, language: str) -> Verdict:
    expected = format_number(card.answer, language, card.unit)
    if not isinstance(response, str) or isinstance(response, bool):
        return Verdict("wrong", expected, None, (), (), _("the response is not text"))
    shown = shown_response(response)
    diff = char_diff(shown, expected)
    parsed = read_number(response, language, card.unit)
    if isinstance(parsed, int):
        detail = _("one number is expected, but {answer} has {n}").format(
            answer=quote(shown), n=parsed
        )
        return Verdict("wrong", expected, None, (), diff, detail)
    if parsed is None:
        detail = (
            _("no answer was given")
            if not shown
            else _("{answer} is not a number").format(answer=quote(shown))
        )
        return Verdict("wrong", expected, None, (), diff, detail)
    value, foldings = parsed
    answer = float(card.answer)
    slack = float(card.tolerance) + 1e-9 * abs(answer)
    if abs(value - answer) <= slack:
        detail = ""
        if value != answer:
            detail = _("within the tolerance of ±{tolerance}").format(
                tolerance=format_number(card.tolerance, language)
            )
        return Verdict("correct", expected, expected, foldings, diff, detail)
    shown_value = format_number(value, language)
    detail = _("the answer is {expected}, not {given}").format(expected=expected, given=shown_value)
    if card.tolerance:
        detail += _(" (±{tolerance} allowed)").format(
            tolerance=format_number(card.tolerance, language)
        )
    return Verdict("wrong", expected, None, (), diff, detail)


# ----------------------------------------------------------------- choice and truefalse


def match_option(text: str, options: Iterable[str], language: str) -> str | None:
    """The option ``text`` names: exactly, else after folding."""
    options = list(options)
    if text in options:
        return text
    key = fold(text, language) if len(text) <= MAX_TYPO_LENGTH else None
    if not key:
        return None
    for option in options:
        if fold(option, language) == key:
            return option
    return None


def check_choice(card: ChoiceCard, response: Response, language: str) -> Verdict:
    expected = card.answer
    if not isinstance(response, str):
        return Verdict("wrong", expected, None, (), (), _("the response is not an option"))
    if response == expected:
        return Verdict("correct", expected, expected, (), ())
    # A typed or differently cased answer counts, unless it is exactly a distractor
    # (a deck may have a distractor that differs from the answer only in case).
    if response not in card.distractors and match_option(response, [expected], language):
        return Verdict("correct", expected, expected, (), ())
    if response.strip():
        detail = _("{chosen} was chosen, not {answer}").format(
            chosen=quote(response.strip()), answer=quote(expected)
        )
    else:
        detail = _("nothing was chosen, not {answer}").format(answer=quote(expected))
    return Verdict("wrong", expected, None, (), (), detail)


def check_truefalse(card: TrueFalseCard, response: Response, language: str) -> Verdict:
    labels = truefalse_labels(language)
    expected = labels[0] if card.answer else labels[1]
    value: bool | None
    if isinstance(response, bool):
        value = response
    elif isinstance(response, str) and len(response) <= MAX_NUMBER_LENGTH:
        value = parse_truefalse(response)
    else:
        value = None
    if value is None:
        return Verdict("wrong", expected, None, (), (), _("the response is neither true nor false"))
    if value == card.answer:
        return Verdict("correct", expected, expected, (), ())
    detail = _("the statement is true") if card.answer else _("the statement is false")
    if card.correction:
        detail = _("{verdict}: {correction}").format(verdict=detail, correction=card.correction)
    return Verdict("wrong", expected, None, (), (), detail)


# ----------------------------------------------------------------- multi and order


def as_list(response: Response) -> list[str] | None:
    """A multi/order response as a list of texts; a string is split on ';' or newlines."""
    if isinstance(response, bool):
        return None
    if isinstance(response, str):
        if len(response) > 20 * MAX_TYPO_LENGTH:
            return None
        parts = [p.strip() for p in re.split(r"[;\n]", response)]
        return [p for p in parts if p]
    if isinstance(response, tuple | list | frozenset | set):
        if len(response) > 1000:
            return None
        return [str(p) for p in response]
    return None


def check_multi(card: MultiCard, response: Response, language: str) -> Verdict:
    expected = "; ".join(card.answers)
    texts = as_list(response)
    if texts is None:
        return Verdict("wrong", expected, None, (), (), _("the response is not a set of options"))
    options = [*card.answers, *card.distractors]
    chosen: set[str] = set()
    unknown: list[str] = []
    for text in texts:
        option = match_option(text, options, language)
        if option is None:
            unknown.append(text)
        else:
            chosen.add(option)
    answers = set(card.answers)
    missed = [a for a in card.answers if a not in chosen]
    extra = [o for o in options if o in chosen and o not in answers] + unknown
    if not missed and not extra:
        return Verdict("correct", expected, expected, (), ())
    parts = []
    if missed:
        parts.append(_("missed {options}").format(options=", ".join(quote(m) for m in missed)))
    if extra:
        parts.append(
            _("wrongly chose {options}").format(options=", ".join(quote(e) for e in extra))
        )
    detail = "; ".join(parts)
    return Verdict("wrong", expected, None, (), (), detail)


def check_order(card: OrderCard, response: Response, language: str) -> Verdict:
    items = list(card.items)
    expected = "; ".join(items)
    texts = as_list(response)
    if texts is None:
        return Verdict("wrong", expected, None, (), (), _("the response is not a list of items"))
    given = [match_option(t, items, language) or t for t in texts]
    if given == items:
        return Verdict("correct", expected, expected, (), ())
    if sorted(given) != sorted(items):
        return Verdict(
            "wrong",
            expected,
            None,
            (),
            (),
            _("the response does not list the {n} items, each once").format(n=len(items)),
        )
    wrong = [i + 1 for i, (g, e) in enumerate(zip(given, items, strict=True)) if g != e]
    if len(wrong) == 2 and wrong[1] == wrong[0] + 1:
        return Verdict(
            "close",
            expected,
            expected,
            ("swap",),
            (),
            _("items {first} and {second} are swapped").format(first=wrong[0], second=wrong[1]),
        )
    detail = ngettext(
        "position {positions} is wrong", "positions {positions} are wrong", len(wrong)
    ).format(positions=join_positions(wrong))
    return Verdict("wrong", expected, None, (), (), detail)
