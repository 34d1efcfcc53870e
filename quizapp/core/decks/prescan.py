"""Pre-scan: reject input hostile to a parser before ``tomli`` sees it.

Deep bracket nesting, dotted keys of many parts and numbers of hundreds of
digits would make the parser work hard or recurse deeply; they are found
here with regular expressions and C-speed iterators, at their offsets.
"""

from __future__ import annotations

import itertools
import operator
import re
import sys
from types import ModuleType

from quizapp.core.i18n import _
from quizapp.core.models import MAX_CARDS

MAX_NESTING = 32
MAX_KEY_PARTS = 32
MAX_NUMBER_DIGITS = 100

STRING_OR_COMMENT = re.compile(
    r'"""(?:\\.|[^\\])*?"""(?!")'
    r"|'''.*?'''(?!')"
    r'|"(?:\\.|[^"\\\n])*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*",
    re.DOTALL,
)
_KEY_PART = r"""(?:(?<![A-Za-z0-9_-])[A-Za-z0-9_-]++|"[^"\n]*+"|'[^'\n]*+')"""
_LONG_DOTTED_KEY = re.compile(rf"{_KEY_PART}(?:[ \t]*+\.[ \t]*+{_KEY_PART}){{{MAX_KEY_PARTS},}}")
LONG_NUMBER = re.compile(rf"(?<![0-9_])[0-9][0-9_]{{{MAX_NUMBER_DIGITS},}}")
BRACKET = re.compile(r"[\[\]{}]")


def blank_string_or_comment(match: re.Match[str]) -> str:
    """Blank a string's content or a comment, keeping its length and newlines."""
    text = match.group()
    if text[0] == "#":
        return " " * len(text)
    if "\n" not in text and text[1:2] != text[0]:  # the common one-line string
        return text[0] + " " * (len(text) - 2) + text[0]
    head = 3 if text[:3] in ('"""', "'''") else 1
    inner = text[head:-head] if len(text) >= 2 * head else ""
    blanked = "\n".join(" " * len(part) for part in inner.split("\n"))
    return text[:head] + blanked + text[len(text) - head :] if len(text) >= 2 * head else text


BRACKET_DELTA = {"[": 1, "{": 1, "]": -1, "}": -1}
NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_CHUNK = 65_536


def _package() -> ModuleType:
    """The ``quizapp.core.decks`` package: ``_BRACKET_DELTA`` and ``_LONG_NUMBER`` are read there.

    The package binds :data:`BRACKET_DELTA` and :data:`LONG_NUMBER` under those
    names and tests replace them there (to count the work, or to switch the
    digits check off and reach the parser's own limit); reading them through
    the package at call time keeps such a replacement in effect.
    """
    return sys.modules[__package__ or "quizapp.core.decks"]


def _too_deep(text: str) -> int | None:
    """Offset of the first bracket nested deeper than MAX_NESTING, if any.

    Runs in C-speed iterators (a 5 MB file of brackets is fine): prefix sums
    of +1/-1, clamped at zero the way a parser would recover from stray closers.
    """
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return None
    delta: dict[str, int] = _package()._BRACKET_DELTA
    brackets = NOT_BRACKET.sub("", text)
    total, low = 0, 0  # prefix sum and its lowest value (at most 0) so far
    # In chunks, so that a text that is deep early (a string full of brackets,
    # seen by the raw pass) is answered without summing millions of brackets.
    for start in range(0, len(brackets), _DEPTH_CHUNK):
        deltas = map(delta.__getitem__, brackets[start : start + _DEPTH_CHUNK])
        sums = list(itertools.accumulate(deltas, initial=total))[1:]
        lows = list(itertools.accumulate(sums, min, initial=low))[1:]
        depths = list(map(operator.sub, sums, lows))
        if max(depths) > MAX_NESTING:
            index = start + next(i for i, depth in enumerate(depths) if depth > MAX_NESTING)
            match = next(itertools.islice(BRACKET.finditer(text), index, None))
            return match.start()
        total, low = sums[-1], lows[-1]
    return None


def _hostile(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    offset = _too_deep(text)
    if offset is not None:
        message = _("brackets are nested more than {n} levels deep").format(n=MAX_NESTING)
        found.append((offset, message))
    match = _LONG_DOTTED_KEY.search(text)
    if match:
        message = _("a dotted key has more than {n} parts").format(n=MAX_KEY_PARTS)
        found.append((match.start(), message))
    long_number: re.Pattern[str] = _package()._LONG_NUMBER
    match = long_number.search(text)
    if match:
        message = _("a number has more than {n} digits; write it shorter").format(
            n=MAX_NUMBER_DIGITS
        )
        found.append((match.start(), message))
    return found


# Bytes tables for :func:`_may_be_hostile`: every byte that may be part of a
# number becomes "0" and every other one a space; every byte but a bracket is deleted.
_DIGIT_RUNS = bytes(0x30 if chr(i) in "0123456789_" else 0x20 for i in range(256))
_NOT_BRACKET_BYTES = bytes(i for i in range(256) if chr(i) not in "[]{}")
_MANY_DOTS_ON_A_LINE = re.compile(rf"\.(?:[^.\n]*+\.){{{MAX_KEY_PARTS - 1}}}")


def _may_be_hostile(text: str) -> bool:
    """False when the text surely has none of what :func:`_hostile` looks for.

    A cheap necessary condition for each check, run in C over the UTF-8
    bytes (a multi-byte character never holds an ASCII byte, so runs of
    digits and brackets are the same in bytes as in text): a number of more
    than MAX_NUMBER_DIGITS digits needs that many digits or underscores in a
    row; a dotted key of more than MAX_KEY_PARTS parts needs MAX_KEY_PARTS
    dots on one line; nesting deeper than MAX_NESTING needs brackets that do
    not all pair off (``[]`` and ``{}`` removed over and over) within
    MAX_NESTING / 2 rounds. A deck passes all three in a fraction of the time the
    exact checks take (they cost more than the parse itself), and anything
    that fails one goes through the exact checks as before.
    """
    raw = text.encode("utf-8", "surrogatepass")
    if b"0" * (MAX_NUMBER_DIGITS + 1) in raw.translate(_DIGIT_RUNS):
        return True
    if _MANY_DOTS_ON_A_LINE.search(text):
        return True
    brackets = raw.translate(None, _NOT_BRACKET_BYTES)
    # A round takes off at most two levels (the "{}" inside a "[]" just removed),
    # so brackets gone within MAX_NESTING // 2 rounds were never deeper than MAX_NESTING.
    for _round in range(MAX_NESTING // 2):
        if not brackets:
            return False
        paired_off = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if paired_off == brackets:
            return True
        brackets = paired_off
    return bool(brackets)


def prescan(text: str) -> list[tuple[int, str]]:
    """Return (offset, message) for input that is hostile to a parser.

    :func:`_may_be_hostile` first rules out, cheaply, what most decks are
    clear of. Then a quick look at the raw text: strings mostly add brackets,
    dots and digits, so a clean raw text is clean (closing brackets inside
    strings could hide some depth; the parser's own nesting limit is the net
    behind this check). When the raw text is not clean, the check
    is repeated on a *skeleton* where string contents and comments are
    blanked, so that brackets or dots inside strings never count.
    """
    if not _may_be_hostile(text) or not _hostile(text):
        return []
    return hostile_outside_strings(text)


def hostile_outside_strings(text: str) -> list[tuple[int, str]]:
    """:func:`prescan` on the skeleton alone, for text the quick look found clean.

    Closing brackets inside strings (``["]", ["]", ...``) hide depth from the
    quick look; when the parser then gives up on the nesting, this finds the
    bracket past the limit, so the error is still at its line and column.
    """
    return _hostile(STRING_OR_COMMENT.sub(blank_string_or_comment, text))


_CARD_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*cards[ \t]*\]\]", re.MULTILINE)


def too_many_cards(text: str) -> int | None:
    """Offset of the header of the card past MAX_CARDS, found before parsing it all."""
    if text.count("[[") <= MAX_CARDS:
        return None
    match = next(itertools.islice(_CARD_HEADER.finditer(text), MAX_CARDS, None), None)
    return match.start() if match else None


def longest_number(text: str) -> int | None:
    """Offset of the longest run of digits outside strings and comments, if any."""
    skeleton = STRING_OR_COMMENT.sub(blank_string_or_comment, text)
    runs = list(re.finditer(r"(?<![0-9_])[0-9][0-9_]*", skeleton))
    if not runs:
        return None
    return max(runs, key=lambda m: m.end() - m.start()).start()
