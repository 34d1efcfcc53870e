"""Unicode character classes for folding answers, from this Python's :mod:`unicodedata`.

Each class is a set of general categories, so it is always as current as the
running Python's Unicode database (a new combining mark or dash is folded the
day Python knows it). Text within the Basic Multilingual Plane, nearly all
answers, is matched with a regular expression built from one scan of the
plane's categories the first time a class is used (a few milliseconds, once a
process); other text goes through ``str.translate`` tables that look each
character up the first time it is met.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

_BMP_END = 0x10000
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def _bmp_code_points() -> dict[str, list[int]]:
    """The BMP's code points by general category, in order (one scan for every class)."""
    found: dict[str, list[int]] = {}
    category = unicodedata.category
    for code in range(_BMP_END):
        found.setdefault(category(chr(code)), []).append(code)
    return found


def _ranges(codes: list[int]) -> str:
    """A regular-expression class body for sorted code points (runs become ranges)."""
    parts: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -2]:
        if code == prev + 1:
            prev = code
            continue
        parts.append(re.escape(chr(start)))
        if prev != start:
            parts.append("-" + re.escape(chr(prev)))
        start = prev = code
    return "".join(parts)


class _TranslationTable(dict[int, int | str | None]):
    """A ``str.translate`` table filled on demand: ``decide`` maps each new code point once."""

    def __init__(self, decide: Callable[[int], int | str | None]) -> None:
        super().__init__()
        self._decide = decide

    def __missing__(self, code: int) -> int | str | None:
        value = self._decide(code)
        self[code] = value
        return value


class CharClass:
    """The characters of some Unicode general categories, plus a few named ones."""

    def __init__(self, categories: frozenset[str], extra: str = "") -> None:
        self.categories = categories
        self.extra = frozenset(extra)
        self._members: dict[str, bool] = {}
        self._tables: dict[str, _TranslationTable] = {}
        self._bmp: re.Pattern[str] | None = None

    @property
    def bmp(self) -> re.Pattern[str]:
        """The class restricted to the BMP, as a compiled pattern (built on first use)."""
        if self._bmp is None:
            by_category = _bmp_code_points()
            codes = [code for name in self.categories for code in by_category.get(name, [])]
            codes += [ord(char) for char in self.extra if ord(char) < _BMP_END]
            self._bmp = re.compile(f"[{_ranges(sorted(set(codes)))}]")
        return self._bmp

    def __contains__(self, char: object) -> bool:
        """True for a one-character string of the class."""
        if not isinstance(char, str) or len(char) != 1:
            return False
        found = self._members.get(char)
        if found is None:
            found = char in self.extra or unicodedata.category(char) in self.categories
            self._members[char] = found
        return found

    def sub(self, replacement: str, text: str) -> str:
        """``text`` with every character of the class replaced by ``replacement`` ('' drops it)."""
        if _ASTRAL.search(text) is None:
            return (self._bmp or self.bmp).sub(replacement, text)
        table = self._tables.get(replacement)
        if table is None:
            value = replacement or None

            def decide(code: int) -> int | str | None:
                return value if chr(code) in self else code

            table = self._tables[replacement] = _TranslationTable(decide)
        return text.translate(table)

    def match(self, text: str) -> bool:
        """True when ``text`` starts with a character of the class."""
        return bool(text) and text[0] in self

    def search(self, text: str) -> bool:
        """True when ``text`` holds a character of the class."""
        if _ASTRAL.search(text) is None:
            return (self._bmp or self.bmp).search(text) is not None
        return any(char in self for char in text)


MN = CharClass(frozenset({"Mn"}))
"""Nonspacing marks: the accents NFD splits off a letter."""

PD = CharClass(frozenset({"Pd"}), extra="\u2212")
"""Dash punctuation (hyphens, dashes), and the minus sign typed for a hyphen."""

P = CharClass(frozenset({"Pc", "Ps", "Pe", "Pi", "Pf", "Po"}))
"""Punctuation other than dashes."""

CF = CharClass(frozenset({"Cf"}))
"""Format characters: zero-width space and joiners, bidi controls, soft hyphen, BOM, tags."""
