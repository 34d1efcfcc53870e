"""Input parsing: a learner's line turned into the checker's response for each card type."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.core.i18n import _
from quizapp.core.ratings import RATING_NAMES, rating_names
from quizapp.core.text import visible_line

if TYPE_CHECKING:
    from quizapp.core.checking import Response
    from quizapp.core.models import Deck
    from quizapp.core.questions import Question


_SEPARATORS = re.compile(r"[\s,;]+")


class InputError(ValueError):
    """A line that cannot be an answer to this question; the message says what would be."""


def fold_option(text: str) -> str:
    """Loose comparison key for matching a typed option text against the options."""
    return " ".join(text.casefold().split())


def _numbers(line: str, count: int) -> list[int]:
    """Parse option numbers ("3 1 2", "3,1,2", or "312" when there are fewer than 10).

    Returns 0-based indexes; raises :class:`InputError` for anything else.
    """
    text = line.strip()
    tokens = [t for t in _SEPARATORS.split(text) if t]
    if len(tokens) == 1 and count < 10 and len(tokens[0]) > 1 and tokens[0].isdigit():
        tokens = list(tokens[0])
    if not tokens:
        raise InputError(_("Type numbers from 1 to {count}.").format(count=count))
    indexes = []
    for token in tokens:
        if not token.isdecimal() or not 1 <= int(token) <= count:
            raise InputError(
                _("{token} is not a number from 1 to {count}.").format(
                    token=visible_line(token), count=count
                )
            )
        indexes.append(int(token) - 1)
    return indexes


def parse_choice(line: str, options: Sequence[str]) -> str:
    """A choice answer: the option's number, or its text. Returns the option text."""
    text = line.strip()
    if text.isdecimal() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    folded = fold_option(text)
    for option in options:
        if fold_option(option) == folded:
            return option
    raise InputError(
        _("Type the number of an option, from 1 to {count}.").format(count=len(options))
    )


_TRUE_WORDS = {"t", "true", "y", "yes"}
_FALSE_WORDS = {"f", "false", "n", "no"}


def parse_truefalse(line: str, options: Sequence[str] = ("True", "False")) -> bool:
    """A true/false answer: 1 or 2, the option text (possibly localized), or t/f, y/n.

    ``options`` is ``(true_label, false_label)`` as the question shows them.
    """
    text = fold_option(line)
    if text in ("1", "2") and len(options) >= 2:
        return text == "1"
    labels = [fold_option(o) for o in options[:2]]
    if len(labels) == 2:
        if text == labels[0]:
            return True
        if text == labels[1]:
            return False
        initials = [label[:1] for label in labels]
        if text and len(text) == 1 and initials[0] != initials[1] and text in initials:
            return text == initials[0]
    if text in _TRUE_WORDS:
        return True
    if text in _FALSE_WORDS:
        return False
    names = _(" or ").join(visible_line(o) for o in options[:2])
    raise InputError(_("Type 1 or 2 ({options}).").format(options=names))


def parse_multi(line: str, options: Sequence[str]) -> frozenset[str]:
    """A multiple-answer choice: the numbers of every chosen option, e.g. "1 3" or "1,3"."""
    indexes = _numbers(line, len(options))
    return frozenset(options[i] for i in indexes)


def parse_order(line: str, items: Sequence[str]) -> tuple[str, ...]:
    """An ordering: the numbers of the shown items, first to last, each exactly once."""
    try:
        indexes = _numbers(line, len(items))
    except InputError as error:
        raise InputError(f"{error} {_order_example(len(items))}") from None
    if sorted(indexes) != list(range(len(items))):
        raise InputError(
            _("Give each number from 1 to {count} once.").format(count=len(items))
            + " "
            + _order_example(len(items))
        )
    return tuple(items[i] for i in indexes)


def _order_example(count: int) -> str:
    example = " ".join(str(n) for n in range(count, 0, -1))
    return _("For example: {example}").format(example=example)


def parse_rating(line: str, default: int) -> int:
    """A rating 1–4 or its name (again, hard, good, easy, or a prefix); empty means ``default``."""
    text = fold_option(line)
    if not text:
        return default
    if text in ("1", "2", "3", "4"):
        return int(text)
    names = rating_names()
    for table in (names, RATING_NAMES):  # the shown names first; the English ones always work
        for value, name in table.items():
            if fold_option(name).startswith(text):
                return value
    raise InputError(
        _("Type 1 {again}, 2 {hard}, 3 {good} or 4 {easy} (Enter accepts the proposal).").format(
            again=names[1], hard=names[2], good=names[3], easy=names[4]
        )
    )


def _quoted(text: str, limit: int = 40) -> str:
    """A learner's line inside a message, shortened and with control characters escaped."""
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return _("'{text}'").format(text=visible_line(text))


def parse_number_answer(line: str, language: str = "en", unit: str = "") -> str:
    """A number answer, kept as typed once the checker can read exactly one number in it.

    A word ("Sisi"), a unit the card does not use ("2 jours" on an English
    card in days) or a hedge ("2011 or 2012") is not a wrong answer but not an
    answer at all: grading it Wrong and saving it would punish a slip of the
    keyboard, so the reason is given and the question asked again. What
    counts as a number is the checker's own reading (deck language, unit,
    number words), so nothing accepted here is then graded as unreadable.
    """
    from quizapp.core.checking import read_number

    text = line.strip()
    if not text:
        raise InputError(_("Type a number (a guess will do)."))
    parsed = read_number(text, language, unit)
    if parsed is None:
        raise InputError(
            _("{answer} is not a number; type one (a guess will do).").format(answer=_quoted(text))
        )
    if isinstance(parsed, int):
        raise InputError(
            _("{answer} holds {n} numbers; type only one.").format(answer=_quoted(text), n=parsed)
        )
    return text


def parse_answer(question: Question, line: str, language: str = "en") -> Response:
    """Turn a line into the checker's response for this question's card type.

    typed/cloze/number: the text; choice: the option text; truefalse: a bool;
    multi: a frozenset of option texts; order: a tuple of item texts.
    ``language`` is the deck's (see :func:`quizapp.core.checking.language_of`):
    it says how a number is written.
    """
    kind = question.kind
    if kind == "number":
        return parse_number_answer(line, language, question.unit)
    if kind == "choice":
        return parse_choice(line, question.options)
    if kind == "truefalse":
        return parse_truefalse(line, question.options or ("True", "False"))
    if kind == "multi":
        return parse_multi(line, question.options)
    if kind == "order":
        return parse_order(line, question.options)
    if not line.strip():
        raise InputError(_("Type your answer (anything, if you do not know it)."))
    return line.strip()


def deck_language(deck: Deck) -> str:
    """The deck's language as the checker reads numbers in it ("fr" for "fr-CA")."""
    from quizapp.core.checking import language_of

    return language_of(deck)


# The former private name, still imported by plain/study.py.
