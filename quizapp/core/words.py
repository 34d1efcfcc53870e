"""Month names and number words of each language, written once.

The answer checker compares them folded (without accents); drafting finds
them in an article as they are written. Both read these tables.
"""

from __future__ import annotations

MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}
"""Month names in lower case, January first."""

_ENGLISH_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_FRENCH_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
]

NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": dict(zip(_ENGLISH_UNITS, range(21), strict=True))
    | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
    | {"eighty": 80, "ninety": 90},
    "fr": dict(zip(_FRENCH_UNITS, range(17), strict=True))
    | {"une": 1, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60},
}
"""Number words in lower case that stand for one number on their own, and their values."""

SCALE_WORDS: dict[str, dict[str, int]] = {
    "en": {"hundred": 100, "thousand": 1000},
    "fr": {"cent": 100, "mille": 1000},
}
"""Words that multiply (a hundred, a thousand): drafting counts them as numbers."""
