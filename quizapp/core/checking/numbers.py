"""Reading a learner's number (separators, units, filler words, number words) and showing one."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from quizapp.core.checking.folding import INVISIBLE, _accents, fold
from quizapp.core.checking.limits import MAX_NUMBER_LENGTH
from quizapp.core.words import NUMBER_WORDS

_NUMBER_BODY = re.compile(r"^[+-]?[\d.,' _’]*\d[\d.,' _’]*$")


@dataclass(frozen=True)
class _Convention:
    decimal: str
    thousands: str


_COMMA_DECIMAL = _Convention(decimal=",", thousands=" ._'’")
_POINT_DECIMAL = _Convention(decimal=".", thousands=" ,_'’")
_POINT_LANGUAGES = {"en", "ja", "zh", "ko", "he", "th", "hi", "ga", "cy", "ms"}


def _convention(language: str) -> _Convention:
    return _POINT_DECIMAL if language in _POINT_LANGUAGES else _COMMA_DECIMAL


def _parse_with(body: str, convention: _Convention) -> tuple[float, bool] | None:
    """Parse ``body`` strictly in one convention; return (value, thousands separators used)."""
    sign = -1.0 if body.startswith("-") else 1.0
    body = body.lstrip("+-")
    if body.count(convention.decimal) > 1:
        return None
    whole, _, fraction = body.partition(convention.decimal)
    if fraction and not fraction.isdigit():
        return None
    groups = re.split("[" + re.escape(convention.thousands) + "]", whole) if whole else [""]
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    digits = "".join(groups)
    if (digits and not digits.isdigit()) or not (digits or fraction):
        return None
    try:
        value = sign * float(f"{digits or '0'}.{fraction or '0'}")
    except (ValueError, OverflowError):
        return None
    if not math.isfinite(value):
        return None
    return value, len(groups) > 1


# Words a learner may put around a number ("in 2011", "l'an 2011", "about 25
# km"), folded and split on apostrophes as :func:`fold` does.
_NUMBER_FILLERS: dict[str, frozenset[str]] = {
    "en": frozenset({"in", "the", "year", "about", "around", "approximately"}),
    "fr": frozenset({"en", "l", "an", "annee", "environ", "vers"}),
}
_ANY_FILLERS = frozenset({"~"})
_NUMBER_WORDS: dict[str, dict[str, int]] = {
    language: {_accents(word): value for word, value in words.items()}
    for language, words in NUMBER_WORDS.items()
}
_TENS_JOINTS = {"en": frozenset({"and"}), "fr": frozenset({"et"})}

# Digits with separators only between digits, so "2011." ends at the 1.
_DIGIT_RUN = re.compile(r"[+-]?(?:[.,](?=\d))?\d(?:\d|[.,'’_\s](?=\d))*")


class _SeveralNumbers(int):
    """How many numbers a response holds when it holds more than one."""


def _number_words(words: list[str], language: str) -> list[int] | None:
    """The numbers spelt out in ``words`` ("twenty one", "dix-sept", "vingt et un").

    None when a word is neither a number word nor a joint. French 17–19,
    70–79 and 80–99 are sums too (dix-sept, soixante-dix, quatre-vingt-trois).
    """
    table = _NUMBER_WORDS.get(language)
    if table is None:
        return None
    joints = _TENS_JOINTS.get(language, frozenset())
    numbers: list[int] = []
    open_sum = False  # whether the next word may add to the last number
    for word in words:
        if word in joints and open_sum:
            continue
        if language == "fr" and word in ("vingt", "vingts") and numbers and numbers[-1] == 4:
            numbers[-1] = 80  # quatre-vingt(s)
            open_sum = True
            continue
        value = table.get(word)
        if value is None:
            return None
        last = numbers[-1] if numbers and open_sum else None
        if last is None:
            adds = False
        elif language == "fr" and last in (60, 80):
            adds = value < 20  # soixante-douze, quatre-vingt-dix
        elif last == 10:
            adds = language == "fr" and 7 <= value <= 9  # dix-sept
        else:
            adds = value < 10  # twenty-one, vingt-deux
        if adds and last is not None:
            numbers[-1] = last + value
            open_sum = value == 10  # soixante-dix-sept, quatre-vingt-dix-neuf
        else:
            numbers.append(value)
            open_sum = value >= 10 and value % 10 == 0
    return numbers


def _loose_number(
    text: str, language: str, unit: str
) -> tuple[float, tuple[str, ...]] | _SeveralNumbers | None:
    """A number among filler words ("in 2011", "l'an 2011", "deux jours"), or how many numbers.

    The other words must be fillers of the deck's language or the unit;
    numbers may be spelt out ("two", "deux").
    """
    foldings: list[str] = []
    lowered = text.casefold()
    if unit:
        folded_unit = unicodedata.normalize("NFKC", unit).strip().casefold()
        variants = [folded_unit]
        if len(folded_unit) > 2 and folded_unit.endswith("s"):
            variants.append(folded_unit[:-1])  # "1 day" for a unit "days"
        for variant in variants:
            pattern = r"(?<![^\W\d_])" + re.escape(variant) + r"(?![^\W\d_])"
            lowered, count = re.subn(pattern, " ", lowered, count=1)
            if count:
                foldings.append("unit")
                break
    values: list[float] = []
    grouped = False
    for run in _DIGIT_RUN.findall(lowered):
        parsed = _parse_run(run, language)
        if parsed is None:
            pieces = run.split()
            if len(pieces) < 2 or any(_parse_run(p, language) is None for p in pieces):
                return None
            values.extend(0.0 for _ in pieces)  # several numbers; their values do not matter
            continue
        values.append(parsed[0])
        grouped = grouped or parsed[1]
    rest = fold(_DIGIT_RUN.sub(" ", lowered), language, skip="article").split()
    fillers = _NUMBER_FILLERS.get(language, frozenset()) | _ANY_FILLERS
    others = [word for word in rest if word not in fillers]
    if len(others) < len(rest):
        foldings.append("filler")
    table = _NUMBER_WORDS.get(language, {})
    joints = _TENS_JOINTS.get(language, frozenset())
    spelt = [w for w in others if w in table or w in joints or w == "vingts"]
    if not any(w in table for w in spelt):
        spelt = []  # "and" alone is no number
    if spelt:
        values.extend(float(value) for value in _number_words(spelt, language) or ())
        foldings.append("number-words")
    if len(values) > 1:
        return _SeveralNumbers(len(values))  # "2011 or 2012", whatever the other words
    if len(spelt) < len(others) or not values:
        return None
    if grouped:
        foldings.append("separators")
    return values[0], tuple(foldings)


def _parse_run(run: str, language: str) -> tuple[float, bool] | None:
    """Parse ``run`` in the deck's convention, else in the other one."""
    primary = _convention(language)
    parsed = _parse_with(run, primary)
    if parsed is None:
        parsed = _parse_with(run, _POINT_DECIMAL if primary is _COMMA_DECIMAL else _COMMA_DECIMAL)
    return parsed


def parse_number(
    text: str, language: str = "en", unit: str = ""
) -> tuple[float, tuple[str, ...]] | None:
    """Parse a learner's number; see :func:`read_number` (None for several numbers too)."""
    parsed = read_number(text, language, unit)
    return None if isinstance(parsed, int) else parsed


def read_number(
    text: str, language: str = "en", unit: str = ""
) -> tuple[float, tuple[str, ...]] | int | None:
    """Parse a learner's number with the deck language's separators.

    English-like decks write ``2,011.5``; French-like decks ``2 011,5`` or
    ``2.011,5`` (space, no-break space, narrow no-break space or period
    between thousands). Thousands groups must have three digits, so a string
    that is not valid in the deck's convention (e.g. "3,5" in an English deck)
    is tried in the other convention before giving up. The unit, when the card
    has one, may follow or precede the number.

    A number among filler words of the deck's language is read too ("in
    2011", "year 2011", "about 25 km"; "en 2011", "l'an 2011", "vers 2011";
    "~" in any language), and so are numbers spelt out in English or French
    up to ninety-nine ("two", "deux jours", "vingt et un").

    Returns the value and the foldings it took ("unit", "separators",
    "filler", "number-words"); the count of numbers when the response holds
    more than one ("2011 or 2012"); or None when ``text`` is not a number.
    """
    if len(text) > MAX_NUMBER_LENGTH:
        return None
    foldings: list[str] = []
    text = unicodedata.normalize("NFKC", INVISIBLE.sub("", text)).strip()
    text = " ".join(text.replace("\u2212", "-").split())
    original = text
    folded_unit = unicodedata.normalize("NFKC", unit).strip().casefold() if unit else ""
    if folded_unit:
        lowered = text.casefold()
        if lowered.endswith(folded_unit):
            text = text[: len(text) - len(folded_unit)].strip()
            foldings.append("unit")
        elif lowered.startswith(folded_unit):
            text = text[len(folded_unit) :].strip()
            foldings.append("unit")
    if not _NUMBER_BODY.match(text):
        return _loose_number(original, language, unit)
    text = re.sub(r"^([+-])\s+", r"\1", text)
    parsed = _parse_run(text, language)
    if parsed is None:
        return None
    value, grouped = parsed
    if grouped:
        foldings.append("separators")
    return value, tuple(foldings)


def format_number(value: float | int, language: str = "en", unit: str = "") -> str:
    """A number for display in the deck's convention (thousands grouped from 10 000)."""
    convention = _convention(language)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, int):
        text = str(abs(value))
        if abs(value) >= 10_000:
            sep = "," if convention is _POINT_DECIMAL else "\u202f"
            text = f"{abs(value):,}".replace(",", sep)
        text = ("-" if value < 0 else "") + text
    else:
        text = repr(value)
        if "e" in text and math.isfinite(value):
            # positional, never "3.3e-19": the learner types what they see
            text = format(Decimal(text), "f")
        if convention is _COMMA_DECIMAL:
            text = text.replace(".", ",")
    return f"{text} {unit}" if unit else text
