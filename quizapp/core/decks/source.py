"""A deck file's text and the mapping of pydantic locations to its lines."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizapp.core.decks.keyscan import KeyPath, _KeyScanner
from quizapp.core.models import CARD_TYPES

Location = tuple[int, int]


@dataclass
class DeckSource:
    """The text of a deck file and where each of its keys is.

    ``locate(("cards", 3, "answer"))`` gives the (line, column) of that key, or
    of the nearest enclosing key or table that exists in the file: a missing
    key points at its card's ``[[cards]]`` header.
    """

    path: Path
    text: str
    data: dict[str, Any] | None = None
    _positions: dict[KeyPath, int] | None = field(default=None, repr=False)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    @property
    def positions(self) -> dict[KeyPath, int]:
        """Offsets of keys, headers and array elements; scanned on first use.

        Only text that parsed is scanned (the scanner assumes valid TOML), and
        only when something needs locating, so a valid deck costs no scan.
        """
        if self._positions is None:
            self._positions = {}
            if self.data is not None:
                try:
                    self._positions = _KeyScanner(self.text).scan()
                except Exception:  # positions are a nicety; never fail a deck over them
                    self._positions = {}
        return self._positions

    def position(self, offset: int) -> Location:
        """(line, column), both 1-based, of a character offset in the text."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def locate(self, parts: Iterable[str | int]) -> Location:
        """(line, column) of a key path, falling back to its closest recorded ancestor."""
        key = _normalize_location(tuple(parts))
        while key:
            if key in self.positions:
                return self.position(self.positions[key])
            key = key[:-1]
        return 1, 1


_UNION_MEMBER = re.compile(
    r"^(int|float|str|bool|none|constrained-\w+|"
    r"(list|dict|function-\w+|is-instance|lax-or-strict|json-or-python|tagged-union|union)\[.*\])$"
)


def _normalize_location(loc: KeyPath) -> KeyPath:
    """Drop what pydantic adds to a location but a file has no key for.

    The card type after a card index (``("cards", 3, "typed", "answer")``) and
    union member names (``…, "answer", "int"``).
    """
    parts = list(loc)
    if (
        len(parts) >= 3
        and parts[0] == "cards"
        and isinstance(parts[1], int)
        and parts[2] in CARD_TYPES
    ):
        del parts[2]
    while len(parts) > 1 and isinstance(parts[-1], str) and _UNION_MEMBER.match(parts[-1]):
        parts.pop()
    return tuple(parts)
