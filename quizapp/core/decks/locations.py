"""Where each key of a deck file is: pydantic's error locations mapped to lines and columns.

:class:`DeckSource` holds a deck file's text; its ``locate`` turns a location
such as ``("cards", 3, "typed", "answer")`` into the (line, column) of that key
in the file, or of its nearest enclosing key or table. The positions come from
a light scan of the TOML text (:class:`_KeyScanner`), run only on text that
parsed and only when something needs locating.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from quizapp.core.decks.prescan import (
    BRACKET,
    BRACKET_DELTA,
    MAX_NESTING,
    NOT_BRACKET,
    STRING_OR_COMMENT,
    blank_string_or_comment,
)
from quizapp.core.models import CARD_TYPES

KeyPath = tuple[str | int, ...]
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
    _line_starts: list[int] | None = field(default=None, repr=False)
    _scanner: _KeyScanner | None = field(default=None, repr=False)

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
                    self._scanner = _KeyScanner(self.text)
                    self._positions = self._scanner.scan()
                except Exception:  # positions are a nicety; never fail a deck over them
                    self._positions = {}
        return self._positions

    def position(self, offset: int) -> Location:
        """(line, column), both 1-based, of a character offset in the text."""
        if self._line_starts is None:  # on first use: a valid deck never needs them
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def _scan_long_arrays(self, key: KeyPath) -> None:
        """Scan as far as ``key`` into arrays too long to have been scanned whole."""
        positions, scanner = self.positions, self._scanner
        if scanner is None or not scanner.overflow:
            return
        for depth in range(1, len(key)):
            head, index = key[:depth], key[depth]
            if (
                head in scanner.overflow
                and isinstance(index, int)
                and key[: depth + 1] not in positions
            ):
                try:
                    positions.update(scanner.elements_from(head, index))
                except Exception:  # as for the first scan: a nicety, never a failure
                    return

    def locate(self, parts: Iterable[str | int]) -> Location:
        """(line, column) of a key path, falling back to its closest recorded ancestor."""
        key = normalize_location(tuple(parts))
        self._scan_long_arrays(key)
        while key:
            if key in self.positions:
                return self.position(self.positions[key])
            key = key[:-1]
        return 1, 1


_UNION_MEMBER = re.compile(
    r"^(int|float|str|bool|none|constrained-\w+|"
    r"(list|dict|function-\w+|is-instance|lax-or-strict|json-or-python|tagged-union|union)\[.*\])$"
)


def normalize_location(loc: KeyPath) -> KeyPath:
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


_WS = re.compile(r"[ \t]*")
_WS_NL_COMMENTS = re.compile(r"(?:[ \t\n]|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC_KEY = re.compile(r'"(?:\\.|[^"\\\n])*"')
_LITERAL_KEY = re.compile(r"'[^'\n]*'")
_STRING_VALUE = re.compile(
    r'"""(?:\\.|[^\\])*?"""(?!")|\'\'\'.*?\'\'\'(?!\')|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'',
    re.DOTALL,
)
# No valid deck has arrays this long (the models cap them at 50); past it, elements are
# skipped without recording where they are, which keeps a 5 MB array cheap.
_MAX_RECORDED_ELEMENTS = 1000
_SCALAR_VALUE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}[^\s,\]}#]*|[^\s,\]}#]+")


class _KeyScanner:
    """Records the offset of every key, table header and array element.

    It runs only on text that ``tomli`` accepted, so it can be lenient: it
    never raises on odd input, it just records fewer positions.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.positions: dict[KeyPath, int] = {}
        self.array_tables: dict[KeyPath, int] = {}
        # arrays longer than the cap: (offset of the first element not recorded, depth)
        self.overflow: dict[KeyPath, tuple[int, int]] = {}

    def scan(self) -> dict[KeyPath, int]:
        text = self.text
        prefix: KeyPath = ()
        while True:
            self._skip(_WS_NL_COMMENTS)
            if self.pos >= len(text):
                break
            start = self.pos
            if text.startswith("[[", start):
                self.pos += 2
                parts = self._key()
                self._skip(_WS)
                self.pos += 2  # ]]
                prefix = self._array_table(parts, start)
            elif text.startswith("[", start):
                self.pos += 1
                parts = self._key()
                self._skip(_WS)
                self.pos += 1  # ]
                prefix = self._resolve(parts, start)
                self.positions[prefix] = start
            else:
                self._key_value(prefix)
            if self.pos <= start:  # no progress: give up rather than loop
                break
        return self.positions

    def _skip(self, pattern: re.Pattern[str]) -> None:
        match = pattern.match(self.text, self.pos)
        if match:
            self.pos = match.end()

    def _key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self._skip(_WS)
            for pattern in (_BARE_KEY, _BASIC_KEY, _LITERAL_KEY):
                match = pattern.match(self.text, self.pos)
                if match:
                    raw = match.group()
                    parts.append(_unquote_key(raw))
                    self.pos = match.end()
                    break
            else:
                return parts
            self._skip(_WS)
            if self.text.startswith(".", self.pos):
                self.pos += 1
            else:
                return parts

    def _resolve(self, parts: Sequence[str], start: int) -> KeyPath:
        """The key path of a table header, entering the last element of arrays of tables."""
        path: KeyPath = ()
        for part in parts:
            path = (*path, part)
            self.positions.setdefault(path, start)
            if path in self.array_tables:
                path = (*path, self.array_tables[path] - 1)
        return path

    def _array_table(self, parts: Sequence[str], start: int) -> KeyPath:
        parent = self._resolve(parts[:-1], start) if len(parts) > 1 else ()
        path = (*parent, parts[-1]) if parts else parent
        index = self.array_tables.get(path, 0)
        self.array_tables[path] = index + 1
        self.positions.setdefault(path, start)
        element = (*path, index)
        self.positions[element] = start
        return element

    def _key_value(self, prefix: KeyPath) -> None:
        start = self.pos
        parts = self._key()
        if not parts:
            self.pos = len(self.text)
            return
        for i in range(1, len(parts)):
            self.positions.setdefault((*prefix, *parts[:i]), start)
        path = (*prefix, *parts)
        self.positions[path] = start
        self._skip(_WS)
        if self.text.startswith("=", self.pos):
            self.pos += 1
        self._skip(_WS)
        self._value(path, depth=0)

    def _value(self, path: KeyPath, depth: int) -> None:
        text = self.text
        if depth > MAX_NESTING + 2 or self.pos >= len(text):
            return
        char = text[self.pos]
        if char == "[":
            self.pos += 1
            if self._elements(path, depth, 0, _MAX_RECORDED_ELEMENTS):
                # Past the cap: remember where, so that an element there is found
                # when asked for (:meth:`elements_from`), and skip the rest.
                self.overflow[path] = (self.pos, depth)
                self._skip_nested(1)
        elif char == "{":
            self.pos += 1
            while self.pos < len(text):
                self._skip(_WS_NL_COMMENTS)
                if text.startswith("}", self.pos):
                    self.pos += 1
                    return
                before = self.pos
                parts = self._key()
                if not parts:
                    return
                for i in range(1, len(parts)):
                    self.positions.setdefault((*path, *parts[:i]), before)
                self.positions[(*path, *parts)] = before
                self._skip(_WS)
                if text.startswith("=", self.pos):
                    self.pos += 1
                self._skip(_WS)
                self._value((*path, *parts), depth + 1)
                self._skip(_WS_NL_COMMENTS)
                if text.startswith(",", self.pos):
                    self.pos += 1
        else:
            match = _STRING_VALUE.match(text, self.pos) or _SCALAR_VALUE.match(text, self.pos)
            if match:
                self.pos = match.end()

    def _elements(self, path: KeyPath, depth: int, index: int, stop: int) -> bool:
        """Record array elements from ``index`` on; True when it stopped at element ``stop``
        (the position is then at that element), False at the array's end."""
        text = self.text
        while self.pos < len(text):
            self._skip(_WS_NL_COMMENTS)
            if text.startswith("]", self.pos):
                self.pos += 1
                return False
            if index >= stop:
                return True
            before = self.pos
            self.positions[(*path, index)] = self.pos
            self._value((*path, index), depth + 1)
            index += 1
            self._skip(_WS_NL_COMMENTS)
            if text.startswith(",", self.pos):
                self.pos += 1
            elif self.pos == before:
                return False
        return False

    def elements_from(self, path: KeyPath, wanted: int) -> dict[KeyPath, int]:
        """Positions inside element ``wanted`` of an array longer than the recorded cap.

        Scans from the first element not recorded up to that one only: an
        error deep in an inline array of thousands of cards is still found at
        its line and column, and a huge array costs nothing until then.
        """
        start, depth = self.overflow[path]
        self.pos = start
        self._elements(path, depth, _MAX_RECORDED_ELEMENTS, wanted + 1)
        return self.positions

    def _skip_nested(self, depth: int) -> None:
        """Skip to just past the bracket that closes ``depth`` open ones.

        Done with C-speed string operations rather than a token loop, since
        it exists for arrays of a million elements.
        """
        rest = self.text[self.pos :]
        if any(char in rest for char in "\"'#"):
            rest = STRING_OR_COMMENT.sub(blank_string_or_comment, rest)
        brackets = NOT_BRACKET.sub("", rest)
        sums = list(itertools.accumulate(map(BRACKET_DELTA.__getitem__, brackets)))
        try:
            index = sums.index(-depth)
        except ValueError:
            self.pos = len(self.text)
            return
        match = next(itertools.islice(BRACKET.finditer(rest), index, None))
        self.pos += match.end()


def _unquote_key(raw: str) -> str:
    if raw.startswith("'"):
        return raw[1:-1]
    if raw.startswith('"'):
        try:
            return str(tomli.loads(f"k = {raw}")["k"])
        except Exception:
            return raw[1:-1]
    return raw
