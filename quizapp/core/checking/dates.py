"""A month asked, a date answered: "April 2019", "4 April", "début avril" for "April".

When a card's answer is a month, a learner often gives the date as they know
it: with a year, a day, or "early"/"début". The month decides. What else was
given is checked against the card's own dated answers when it has some (an
accepted "4 April 2019" pins the day and the year), so a wrong year or day is
still wrong; without them it is left unchecked, and the verdict says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from quizapp.core.checking.diff import char_diff
from quizapp.core.checking.folding import _APOSTROPHES, _accents, fold
from quizapp.core.checking.typos import word_fits
from quizapp.core.checking.verdict import Verdict
from quizapp.core.checking.wording import join_and, join_or, quote
from quizapp.core.i18n import _, ngettext
from quizapp.core.words import MONTHS

_MONTHS: dict[str, tuple[str, ...]] = {
    language: tuple(_accents(name) for name in names) for language, names in MONTHS.items()
}
_SHORT: dict[str, dict[str, int]] = {
    "en": {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9}
    | {"sept": 9, "oct": 10, "nov": 11, "dec": 12},
    "fr": {"janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10}
    | {"nov": 11, "dec": 12},
}
# Words around a month that say nothing more ("in the month of April", "au mois d'avril").
_FILLERS: dict[str, frozenset[str]] = {
    "en": frozenset({"in", "on", "at", "of", "the", "month", "during", "last"}),
    "fr": frozenset(
        {"en", "au", "a", "le", "la", "l", "du", "de", "d", "mois", "courant", "dernier"}
    ),
}
# Words that place a date within its month, and the days each allows.
_PARTS: dict[str, dict[str, str]] = {
    "en": {"early": "early", "beginning": "early", "start": "early"}
    | {"mid": "mid", "middle": "mid", "late": "late", "end": "late"},
    "fr": {"debut": "early", "mi": "mid", "milieu": "mid", "fin": "late"},
}
_PART_DAYS = {"early": range(1, 11), "mid": range(11, 21), "late": range(21, 32)}
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er|re|e|eme)?$")
_YEAR = re.compile(r"^\d{4}$")
_WORDS = re.compile(r"[\s" + _APOSTROPHES + r"\-‐‑‒–—.,]+")


@dataclass(frozen=True)
class Date:
    """A month, as a learner wrote it, with what came with it."""

    month: int
    month_word: str
    day: int | None = None
    year: int | None = None
    part: str | None = None  # "early", "mid" or "late"
    part_word: str = ""
    typo: bool = False  # the month name is misspelt (a typo it allows)


def _month(word: str, language: str) -> tuple[int, bool] | None:
    """The month ``word`` names (in the deck's language or English), and whether with a typo."""
    languages = dict.fromkeys((language, "en"))
    for lang in languages:
        names = _MONTHS.get(lang, ())
        if word in names:
            return names.index(word) + 1, False
        if word in _SHORT.get(lang, {}):
            return _SHORT[lang][word], False
    for lang in languages:
        for number, name in enumerate(_MONTHS.get(lang, ()), start=1):
            if len(name) >= 4 and word_fits(word, name):
                return number, True
    return None


def read_date(key: str, language: str) -> Date | None:
    """A folded response read as a month with an optional day, year and part, or None."""
    fillers = _FILLERS.get(language, frozenset())
    parts = _PARTS.get(language, {})
    month: tuple[int, bool, str] | None = None
    day = year = None
    part: str | None = None
    part_word = ""
    for word in key.split():
        if word in fillers:
            continue
        if word in parts:
            if part is not None:
                return None
            part, part_word = parts[word], word
            continue
        if (number := _DAY.match(word)) and 1 <= int(number.group(1)) <= 31 and day is None:
            day = int(number.group(1))
            continue
        if _YEAR.match(word) and year is None:
            year = int(word)
            continue
        named = _month(word, language)
        if named is None or month is not None:
            return None
        month = (named[0], named[1], word)
    if month is None:
        return None
    return Date(month[0], month[2], day, year, part, part_word, month[1])


@lru_cache(maxsize=1024)
def month_answer(keys: tuple[str, ...], language: str) -> tuple[int, set[int], set[int]] | None:
    """The month a card's folded answers name, and the years and days its dated answers give.

    None when the card's first answer is not a month alone.
    """
    first = read_date(keys[0], language) if keys else None
    if first is None or first.day or first.year or first.part or first.typo:
        return None
    years: set[int] = set()  # not frozen: the cache hands out the same sets, never changed
    days: set[int] = set()
    for key in keys:
        date = read_date(key, language)
        if date is not None and date.month == first.month and not date.typo:
            years.update([date.year] if date.year else [])
            days.update([date.day] if date.day else [])
    return first.month, years, days


def judge_date(
    date: Date, month: int, years: set[int], days: set[int], typo_of: str | None = None
) -> tuple[bool, str]:
    """Whether ``date`` gives the card's month without contradicting it, and one sentence why.

    ``typo_of``: the card's month as written, when ``date`` misspells it.
    """
    if date.year is not None and years and date.year not in years:
        return False, _("the year is {expected}, not {given}").format(
            expected=_either(years), given=date.year
        )
    if date.day is not None and days and date.day not in days:
        return False, _("the day is {expected}, not {given}").format(
            expected=_either(days), given=date.day
        )
    if date.part and days and not any(d in _PART_DAYS[date.part] for d in days):
        return False, _("{word} does not fit the day {expected}").format(
            word=quote(date.part_word), expected=_either(days)
        )
    checked: list[str] = []
    unchecked: list[str] = []
    missing: list[str] = []
    for given, known, what, kind in (
        (date.part_word, days, quote(date.part_word), _("day")),
        (date.day, days, _("the day {day}").format(day=date.day), _("day")),
        (date.year, years, _("the year {year}").format(year=date.year), _("year")),
    ):
        if given:
            (checked if known else unchecked).append(what)
            if not known and kind not in missing:
                missing.append(kind)
    if typo_of is not None:
        detail = _("matched {word} as the month {month}").format(
            word=quote(date.month_word), month=quote(typo_of)
        )
    else:
        detail = _("matched the month {word}").format(word=quote(date.month_word))
    if checked:
        detail += "; " + ngettext(
            "{items} fits the card", "{items} fit the card", len(checked)
        ).format(items=join_and(checked))
    if unchecked:
        detail += "; " + ngettext(
            "{items} not checked (the card gives no {missing})",
            "{items} not checked (the card gives no {missing})",
            len(unchecked),
        ).format(items=join_and(unchecked), missing=join_or(missing))
    return True, detail


def _either(values: set[int]) -> str:
    return join_or([str(v) for v in sorted(values)])


def _as_typed(date: Date, shown: str, language: str) -> Date:
    """``date`` with its month and part words as the learner typed them ("Début", not "debut")."""
    typed = {fold(word, language): word for word in _WORDS.split(shown) if word}
    return replace(
        date,
        month_word=typed.get(date.month_word, date.month_word),
        part_word=typed.get(date.part_word, date.part_word),
    )


def check_month(
    raw: tuple[str, ...], keys: tuple[str, ...], shown: str, response_key: str, language: str
) -> Verdict | None:
    """The verdict on a date given for a card whose answer is a month, or None.

    None when the card's answer is not a month or the response is not a date
    (the usual checks then apply). ``raw`` and ``keys`` are the card's
    accepted answers as written and folded.
    """
    asked = month_answer(keys, language)
    date = read_date(response_key, language) if asked is not None else None
    if asked is None or date is None:
        return None
    if date.typo and not (date.day or date.year or date.part):
        return None  # a misspelt month alone is an ordinary typo
    date = _as_typed(date, shown, language)
    diff = char_diff(shown, raw[0])
    if date.month != asked[0]:
        detail = _("{word} is another month").format(word=quote(date.month_word))
        return Verdict("wrong", raw[0], None, (), diff, detail)
    right, detail = judge_date(date, *asked, typo_of=raw[0] if date.typo else None)
    if not right:
        return Verdict("wrong", raw[0], None, (), diff, detail)
    foldings = ("date", "typo") if date.typo else ("date",)
    if date.typo:
        return Verdict("close", raw[0], raw[0], foldings, diff, detail)
    return Verdict("correct", raw[0], raw[0], foldings, diff, detail)
