"""Load and lint deck files: never a traceback, every problem at its line.

Deck files are written by hand and may come from anywhere, so the loader
treats them as untrusted bytes:

1. the size is capped before anything is read into memory;
2. the bytes must be UTF-8 (a BOM is accepted, CRLF line ends too); a bad
   byte is reported at its line and column;
3. a cheap pre-scan rejects what would make a parser work hard or recurse
   deeply (deep bracket nesting, dotted keys of many parts, numbers of
   hundreds of digits) before ``tomli`` sees the text;
4. ``tomli`` parses (its errors carry a line and column);
5. pydantic validates against :mod:`quizapp.core.models`, and every error
   location such as ``("cards", 3, "typed", "answer")`` is mapped back to a
   line and column by a light scan of the TOML source (:class:`DeckSource`);
6. checks that span cards or files follow: duplicate card ids, the
   ``source`` file and the ``quote`` of each card, and the cards' ``examples``
   run by the answer checker.

Every problem is collected, so an author sees all of them at once.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import operator
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli
from pydantic import BaseModel, ValidationError

from quizapp.core.models import (
    CARD_TYPES,
    FORMAT_VERSION,
    MAX_CARDS,
    BasicCard,
    ChoiceCard,
    ClozeCard,
    Deck,
    DeckMeta,
    Examples,
    MultiCard,
    NumberCard,
    OrderCard,
    SchedulingOptions,
    Source,
    TrueFalseCard,
    TypedCard,
)
from quizapp.core.problems import DeckError, Problem, ProblemList

MAX_DECK_BYTES = 5_000_000
MAX_SOURCE_BYTES = 2_000_000
MAX_NESTING = 32
MAX_KEY_PARTS = 32
MAX_NUMBER_DIGITS = 100

Location = tuple[int, int]
KeyPath = tuple[str | int, ...]

# --------------------------------------------------------------------------
# Bytes to text


def _decode(data: bytes) -> tuple[str | None, tuple[int, int, str] | None]:
    """Decode strict UTF-8; return (text, None) or (None, (line, column, message)).

    The BOM is dropped and CRLF line ends become LF (TOML allows both; the
    scanner and the quote comparison then only deal with LF).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        bad = data[exc.start : exc.start + 1].hex()
        message = f"the file is not valid UTF-8 (byte 0x{bad}); save it as UTF-8"
        return None, (line, column, message)
    return text.replace("\r\n", "\n"), None


# --------------------------------------------------------------------------
# Pre-scan: reject pathological input before the parser sees it

_STRING_OR_COMMENT = re.compile(
    r'"""(?:\\.|[^\\])*?"""(?!")'
    r"|'''.*?'''(?!')"
    r'|"(?:\\.|[^"\\\n])*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*",
    re.DOTALL,
)
_KEY_PART = r"""(?:(?<![A-Za-z0-9_-])[A-Za-z0-9_-]++|"[^"\n]*+"|'[^'\n]*+')"""
_LONG_DOTTED_KEY = re.compile(rf"{_KEY_PART}(?:[ \t]*+\.[ \t]*+{_KEY_PART}){{{MAX_KEY_PARTS},}}")
_LONG_NUMBER = re.compile(rf"(?<![0-9_])[0-9][0-9_]{{{MAX_NUMBER_DIGITS},}}")
_BRACKET = re.compile(r"[\[\]{}]")


def _blank(match: re.Match[str]) -> str:
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


_BRACKET_DELTA = {"[": 1, "{": 1, "]": -1, "}": -1}
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_CHUNK = 65_536


def _too_deep(text: str) -> int | None:
    """Offset of the first bracket nested deeper than MAX_NESTING, if any.

    Runs in C-speed iterators (a 5 MB file of brackets is fine): prefix sums
    of +1/-1, clamped at zero the way a parser would recover from stray closers.
    """
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return None
    brackets = _NOT_BRACKET.sub("", text)
    total, low = 0, 0  # prefix sum and its lowest value (at most 0) so far
    # In chunks, so that a text that is deep early (a string full of brackets,
    # seen by the raw pass) is answered without summing millions of brackets.
    for start in range(0, len(brackets), _DEPTH_CHUNK):
        deltas = map(_BRACKET_DELTA.__getitem__, brackets[start : start + _DEPTH_CHUNK])
        sums = list(itertools.accumulate(deltas, initial=total))[1:]
        lows = list(itertools.accumulate(sums, min, initial=low))[1:]
        depths = list(map(operator.sub, sums, lows))
        if max(depths) > MAX_NESTING:
            index = start + next(i for i, depth in enumerate(depths) if depth > MAX_NESTING)
            match = next(itertools.islice(_BRACKET.finditer(text), index, None))
            return match.start()
        total, low = sums[-1], lows[-1]
    return None


def _hostile(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    offset = _too_deep(text)
    if offset is not None:
        found.append((offset, f"brackets are nested more than {MAX_NESTING} levels deep"))
    match = _LONG_DOTTED_KEY.search(text)
    if match:
        found.append((match.start(), f"a dotted key has more than {MAX_KEY_PARTS} parts"))
    match = _LONG_NUMBER.search(text)
    if match:
        message = f"a number has more than {MAX_NUMBER_DIGITS} digits; write it shorter"
        found.append((match.start(), message))
    return found


def _prescan(text: str) -> list[tuple[int, str]]:
    """Return (offset, message) for input that is hostile to a parser.

    A quick look at the raw text comes first: strings mostly add brackets,
    dots and digits, so a clean raw text is clean (closing brackets inside
    strings could hide some depth; the parser's own nesting limit is the net
    behind this check). When the raw text is not clean, the check
    is repeated on a *skeleton* where string contents and comments are
    blanked, so that brackets or dots inside strings never count.
    """
    if not _hostile(text):
        return []
    return _hostile(_STRING_OR_COMMENT.sub(_blank, text))


_CARD_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*cards[ \t]*\]\]", re.MULTILINE)


def _too_many_cards(text: str) -> int | None:
    """Offset of the header of the card past MAX_CARDS, found before parsing it all."""
    if text.count("[[") <= MAX_CARDS:
        return None
    match = next(itertools.islice(_CARD_HEADER.finditer(text), MAX_CARDS, None), None)
    return match.start() if match else None


def _longest_number(text: str) -> int | None:
    """Offset of the longest run of digits outside strings and comments, if any."""
    skeleton = _STRING_OR_COMMENT.sub(_blank, text)
    runs = list(re.finditer(r"(?<![0-9_])[0-9][0-9_]*", skeleton))
    if not runs:
        return None
    return max(runs, key=lambda m: m.end() - m.start()).start()


# --------------------------------------------------------------------------
# Key positions: a light scan of (already valid) TOML


_WS = re.compile(r"[ \t]*")
_WS_NL_COMMENTS = re.compile(r"(?:[ \t\n]|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC_KEY = re.compile(r'"(?:\\.|[^"\\\n])*"')
_LITERAL_KEY = re.compile(r"'[^'\n]*'")
_STRING_VALUE = re.compile(
    r'"""(?:\\.|[^\\])*?"""(?!")|\'\'\'.*?\'\'\'(?!\')|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'',
    re.DOTALL,
)
_TOKEN = re.compile(_STRING_VALUE.pattern + r"|#[^\n]*|[\[\]{}]|[^\[\]{}\"'#]+|.", re.DOTALL)
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
            index = 0
            while self.pos < len(text):
                self._skip(_WS_NL_COMMENTS)
                if text.startswith("]", self.pos):
                    self.pos += 1
                    return
                if index >= _MAX_RECORDED_ELEMENTS:
                    self._skip_nested(1)
                    return
                before = self.pos
                self.positions[(*path, index)] = self.pos
                self._value((*path, index), depth + 1)
                index += 1
                self._skip(_WS_NL_COMMENTS)
                if text.startswith(",", self.pos):
                    self.pos += 1
                elif self.pos == before:
                    return
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

    def _skip_nested(self, depth: int) -> None:
        """Skip to just past the bracket that closes ``depth`` open ones.

        Done with C-speed string operations rather than a token loop, since
        it exists for arrays of a million elements.
        """
        rest = self.text[self.pos :]
        if any(char in rest for char in "\"'#"):
            rest = _STRING_OR_COMMENT.sub(_blank, rest)
        brackets = _NOT_BRACKET.sub("", rest)
        sums = list(itertools.accumulate(map(_BRACKET_DELTA.__getitem__, brackets)))
        try:
            index = sums.index(-depth)
        except ValueError:
            self.pos = len(self.text)
            return
        match = next(itertools.islice(_BRACKET.finditer(rest), index, None))
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


# --------------------------------------------------------------------------
# Pydantic errors in human words

_CARD_CLASSES: dict[str, type[BaseModel]] = {
    "basic": BasicCard,
    "typed": TypedCard,
    "choice": ChoiceCard,
    "multi": MultiCard,
    "truefalse": TrueFalseCard,
    "number": NumberCard,
    "cloze": ClozeCard,
    "order": OrderCard,
}

_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
}


def _kind(value: object) -> str:
    """How TOML would call the type of a parsed value."""
    import datetime as dt

    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    return type(value).__name__


def _short(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _model_at(loc: KeyPath, data: object) -> type[BaseModel] | None:
    """The model class that validates the table at ``loc`` (for key suggestions)."""
    if loc == ():
        return Deck
    if loc == ("deck",):
        return DeckMeta
    if loc == ("deck", "source"):
        return Source
    if loc == ("deck", "scheduling"):
        return SchedulingOptions
    if len(loc) >= 2 and loc[0] == "cards" and isinstance(loc[1], int):
        if len(loc) == 3 and loc[2] == "examples":
            return Examples
        if len(loc) == 2:
            card = _card_raw(data, loc[1])
            kind = card.get("type") if card else None
            return _CARD_CLASSES.get(kind) if isinstance(kind, str) else None
    return None


def _card_raw(data: object, index: int) -> dict[str, Any] | None:
    if isinstance(data, dict):
        cards = data.get("cards")
        if isinstance(cards, list) and 0 <= index < len(cards) and isinstance(cards[index], dict):
            return cards[index]
    return None


def _card_label(data: object, index: int) -> str:
    """``card 'lna-leader' (typed)``: how a message names a card."""
    card = _card_raw(data, index) or {}
    card_id, kind = card.get("id"), card.get("type")
    label = f"card {card_id!r}" if isinstance(card_id, str) and card_id else f"card #{index + 1}"
    if isinstance(kind, str) and kind in CARD_TYPES:
        label += f" ({kind})"
    return label


def _dotted(parts: Sequence[str | int]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _context(loc: KeyPath, data: object) -> str:
    """Who a problem is about: ``card 'x' (typed): accept[2]`` or ``deck.scheduling``."""
    if len(loc) >= 2 and loc[0] == "cards" and isinstance(loc[1], int):
        label = _card_label(data, loc[1])
        rest = _dotted(loc[2:])
        return f"{label}: {rest}" if rest else label
    return _dotted(loc)


def _suggest(key: str, model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_CARD_TYPE_LIST = ", ".join(CARD_TYPES)


def _error_message(error: dict[str, Any], loc: KeyPath, data: object) -> tuple[KeyPath, str]:
    """Return (where to point, message) for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        parent, key = loc[:-1], loc[-1]
        where = _context(parent, data)
        if loc == ("format",):
            return parent, f"missing key 'format': start the file with 'format = {FORMAT_VERSION}'"
        message = f"missing key {key!r}"
        return parent, f"{where}: {message}" if where else message
    if kind == "extra_forbidden":
        parent, key = loc[:-1], loc[-1]
        where = _context(parent, data)
        message = f"unknown key {key!r}{_suggest(str(key), _model_at(parent, data))}"
        return loc, f"{where}: {message}" if where else message
    if kind == "union_tag_not_found":
        return loc, f"{_context(loc, data)}: missing key 'type' (one of {_CARD_TYPE_LIST})"
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", value)
        return (*loc, "type"), (
            f"{_context(loc, data)}: unknown card type {tag!r}; use one of {_CARD_TYPE_LIST}"
        )
    if loc == ("format",):
        if isinstance(value, int) and not isinstance(value, bool):
            return loc, (
                f"unsupported format {value}: this version of quizapp reads format {FORMAT_VERSION}"
            )
        shown = str(value).lower() if isinstance(value, bool) else _short(value)
        return loc, f"format must be the integer {FORMAT_VERSION}, not {shown}"
    where = _context(loc, data)
    if kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {_kind(value)}"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "string_too_long":
        message = f"is too long ({len(value)} characters; at most {ctx.get('max_length')})"
    elif kind == "string_pattern_mismatch":
        if loc and loc[-1] == "id":
            where = _context(loc[:-1], data)
            message = (
                f"invalid id {_short(value)}: use lowercase letters a-z, digits and hyphens, "
                "starting with a letter or a digit"
            )
        else:
            message = (
                f"invalid duration {_short(value)}: write a number and a unit "
                "(s, m, h or d), e.g. '10m'"
            )
    elif kind == "too_short":
        need = ctx.get("min_length")
        message = f"needs at least {need} item{'s' if need != 1 else ''}"
    elif kind == "too_long":
        message = f"has too many items (at most {ctx.get('max_length')})"
    elif kind == "greater_than_equal":
        message = f"must be at least {ctx.get('ge')}, not {_short(value)}"
    elif kind == "less_than_equal":
        message = f"must be at most {ctx.get('le')}, not {_short(value)}"
    elif kind == "greater_than":
        message = f"must be greater than {ctx.get('gt')}, not {_short(value)}"
    elif kind == "less_than":
        message = f"must be less than {ctx.get('lt')}, not {_short(value)}"
    elif kind == "literal_error":
        message = f"must be {ctx.get('expected')}, not {_short(value)}"
    elif kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
    else:
        message = str(error.get("msg", kind))
    return loc, f"{where}: {message}" if where else message


def _validation_problems(
    exc: ValidationError, data: dict[str, Any], source: DeckSource, path: str
) -> list[Problem]:
    """Every pydantic error as a Problem at its line; union type errors merged."""
    merged: dict[KeyPath, list[dict[str, Any]]] = {}
    others: list[tuple[KeyPath, dict[str, Any]]] = []
    for error in exc.errors(include_url=False):
        loc = _normalize_location(tuple(error["loc"]))
        if error["type"] in _EXPECTED:
            merged.setdefault(loc, []).append(error)
        else:
            others.append((loc, error))
    problems: list[Problem] = []
    for loc, errors in merged.items():
        expected = list(dict.fromkeys(_EXPECTED[e["type"]] for e in errors))
        at, message = _error_message(errors[0], loc, data)
        if len(expected) > 1:
            head = message.rsplit("expected ", 1)[0]
            wanted = "a number" if "a number" in expected else " or ".join(expected)
            message = f"{head}expected {wanted}, got {_kind(errors[0]['input'])}"
        problems.append(Problem(path, *source.locate(at), "error", message))
    for loc, error in others:
        at, message = _error_message(error, loc, data)
        problems.append(Problem(path, *source.locate(at), "error", message))
    return problems


# --------------------------------------------------------------------------
# Source file and quotes

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(//|[^\\/])")
_QUOTE_FOLDS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"'})
_GUILLEMET_OPEN = re.compile(r"«\s*")
_GUILLEMET_CLOSE = re.compile(r"\s*»")
_SPACES = re.compile(r"\s+")


def fold_quote(text: str) -> str:
    """Fold what an author cannot see or type alike: whitespace and typographic quotes.

    NFC, every run of whitespace (non-breaking spaces included) becomes one
    space, curly apostrophes and quotes become straight ones, guillemets
    become ``"`` (with the spaces French puts inside them dropped).
    """
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_FOLDS)
    text = _GUILLEMET_OPEN.sub('"', text)
    text = _GUILLEMET_CLOSE.sub('"', text)
    return _SPACES.sub(" ", text).strip()


ReadFailure = tuple[str, str]  # (kind, detail): kind is one of the keys callers word


def _read_regular_file(
    path: Path, max_bytes: int, *, follow_links: bool
) -> tuple[bytes | None, ReadFailure]:
    """Read a regular file of at most ``max_bytes``, or say why not, without reading more.

    The size is checked before reading (a huge file costs nothing) and again
    after (a file that grew). Devices, pipes and sockets are refused before
    they are opened, since reading one may never end. The failure kinds are
    ``missing``, ``unreadable`` (detail: the OS reason), ``link`` (only when
    ``follow_links`` is False), ``directory``, ``special`` and ``too big``;
    callers turn them into their own wording.
    """
    try:
        info = os.stat(path) if follow_links else os.lstat(path)
    except FileNotFoundError:
        return None, ("missing", "")
    except OSError as exc:
        return None, ("unreadable", str(exc.strerror or exc))
    if stat.S_ISLNK(info.st_mode):
        return None, ("link", "")
    if stat.S_ISDIR(info.st_mode):
        return None, ("directory", "")
    if not stat.S_ISREG(info.st_mode):
        return None, ("special", "")
    if info.st_size > max_bytes:
        return None, ("too big", "")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return None, ("unreadable", str(exc.strerror or exc))
    if len(data) > max_bytes:
        return None, ("too big", "")
    return data, ("", "")


def _read_source(
    deck_path: Path, raw: str, max_bytes: int = MAX_SOURCE_BYTES
) -> tuple[str | None, str | None]:
    """Return (text, error message) for a deck's ``source.path``."""
    if not raw.strip():
        return None, "source path is empty"
    if _URL.match(raw):
        return None, f"source path {raw!r} is a URL; give a file path relative to the deck"
    if raw.startswith(("/", "\\", "~")) or Path(raw).is_absolute() or re.match(r"^[A-Za-z]:", raw):
        return None, f"source path {raw!r} is absolute; give a path relative to the deck file"
    data, failure = _read_regular_file(deck_path.parent / raw, max_bytes, follow_links=False)
    if data is None:
        kind, detail = failure
        return None, {
            "missing": f"source file not found: {raw}",
            "unreadable": f"cannot read source file {raw}: {detail}",
            "link": f"source file {raw} is a symbolic link; point at the file itself",
            "directory": f"source {raw} is not a regular file",
            "special": f"source {raw} is not a regular file",
            "too big": f"source file {raw} is larger than {max_bytes:,} bytes",
        }[kind]
    text, bad = _decode(data)
    if text is None:
        where = f" (line {bad[0]})" if bad else ""
        return None, f"source file {raw} is not valid UTF-8 text{where}"
    if "\x00" in text:
        return None, f"source file {raw} is not a text file"
    return text, None


def _source_problems(data: dict[str, Any], source: DeckSource, path: str) -> list[Problem]:
    """Check ``deck.source`` and each card's ``quote`` against it; warn on cards missing them."""
    meta = data.get("deck")
    src = meta.get("source") if isinstance(meta, dict) else None
    if not isinstance(src, dict) or not isinstance(src.get("path"), str):
        return []
    problems: list[Problem] = []
    text, error = _read_source(source.path, src["path"])
    if error:
        problems.append(Problem(path, *source.locate(("deck", "source", "path")), "error", error))
    folded = fold_quote(text) if text is not None else None
    cards = data.get("cards")
    for index, card in enumerate(cards if isinstance(cards, list) else []):
        if not isinstance(card, dict):
            continue
        label = _card_label(data, index)
        quote = card.get("quote")
        if quote is None or (isinstance(quote, str) and not quote.strip()):
            problems.append(
                Problem(
                    path,
                    *source.locate(("cards", index)),
                    "warning",
                    f"{label}: no quote from the source",
                )
            )
        elif isinstance(quote, str) and folded is not None and fold_quote(quote) not in folded:
            problems.append(
                Problem(
                    path,
                    *source.locate(("cards", index, "quote")),
                    "error",
                    f"{label}: quote not found in the source {src['path']}: {_short(quote, 60)}",
                )
            )
        explanation = card.get("explanation")
        if explanation is None or (isinstance(explanation, str) and not explanation.strip()):
            problems.append(
                Problem(
                    path,
                    *source.locate(("cards", index)),
                    "warning",
                    f"{label}: no explanation",
                )
            )
    return problems


def _duplicate_id_problems(data: dict[str, Any], source: DeckSource, path: str) -> list[Problem]:
    cards = data.get("cards")
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for index, card in enumerate(cards if isinstance(cards, list) else []):
        card_id = card.get("id") if isinstance(card, dict) else None
        if not isinstance(card_id, str):
            continue
        if card_id in first:
            line, _ = source.locate(("cards", first[card_id], "id"))
            problems.append(
                Problem(
                    path,
                    *source.locate(("cards", index, "id")),
                    "error",
                    f"duplicate card id {card_id!r} (first used at line {line})",
                )
            )
        else:
            first[card_id] = index
    return problems


def _example_problems(deck: Deck, source: DeckSource, path: str) -> list[Problem]:
    """Run the cards' ``examples`` through the answer checker, if it is installed.

    The checker lives in :mod:`quizapp.core.checking`; until it exists the
    examples are not run (nothing to report).
    """
    if not any(card.examples for card in deck.cards):
        return []
    try:
        from quizapp.core import checking
    except ImportError:
        return []
    run: Callable[[Deck], list[tuple[tuple, str]]] | None = getattr(checking, "run_examples", None)
    if run is None:
        return []
    try:
        results = run(deck)
    except Exception as exc:  # a checker bug must not hide the deck's other problems
        return [Problem(path, 1, 1, "warning", f"examples could not be run: {exc}")]
    problems: list[Problem] = []
    for location, message in results:
        loc = tuple(location)
        if len(loc) >= 2 and loc[0] == "cards" and isinstance(loc[1], int):
            label = _card_label(source.data, loc[1])
            if not str(message).startswith("card"):
                message = f"{label}: {message}"
        problems.append(Problem(path, *source.locate(loc), "error", str(message)))
    return problems


# --------------------------------------------------------------------------
# Entry points


@dataclass
class DeckReport(ProblemList):
    """Everything known about one deck file after linting it.

    ``deck`` is None when there is any error, so a deck with errors is never
    studied by accident; ``source`` is None when the file could not be parsed.
    """

    path: Path
    deck: Deck | None
    problems: list[Problem]
    source: DeckSource | None = None

    def locate(self, parts: Iterable[str | int]) -> Location:
        return self.source.locate(parts) if self.source else (1, 1)


def _read_deck_bytes(path: Path, max_bytes: int) -> tuple[bytes | None, str | None]:
    """Read at most ``max_bytes`` of a regular file; (data, error message)."""
    data, failure = _read_regular_file(path, max_bytes, follow_links=True)
    if data is not None:
        return data, None
    kind, detail = failure
    return None, {
        "missing": "no such file or directory",
        "unreadable": f"cannot read the file: {detail}",
        "directory": "is a directory, not a deck file",
        "special": "is not a regular file",
        "too big": f"the file is larger than {max_bytes:,} bytes",
    }[kind]


def inspect_bytes(data: bytes, path: Path, *, examples: bool = True) -> DeckReport:
    """Lint deck bytes as if read from ``path`` (which locates its source file)."""
    name = str(path)
    text, bad = _decode(data)
    if text is None:
        line, column, message = bad or (1, 1, "the file is not valid UTF-8")
        return DeckReport(path, None, [Problem(name, line, column, "error", message)])
    source = DeckSource(path, text)
    if not text.strip() or all(
        line.strip() == "" or line.lstrip().startswith("#") for line in text.split("\n")
    ):
        message = (
            f"the deck is empty: it needs 'format = {FORMAT_VERSION}', a [deck] table and cards"
        )
        return DeckReport(path, None, [Problem(name, 1, 1, "error", message)], source)
    hostile = _prescan(text)
    too_many = _too_many_cards(text)
    if too_many is not None:
        hostile.append((too_many, f"the deck has more than {MAX_CARDS} cards; split it"))
    if hostile:
        problems = [Problem(name, *source.position(off), "error", msg) for off, msg in hostile]
        return DeckReport(path, None, sorted(problems), source)
    try:
        data_dict = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or 1
        column = getattr(exc, "colno", None)
        message = f"TOML syntax: {getattr(exc, 'msg', None) or exc}"
        return DeckReport(path, None, [Problem(name, line, column, "error", message)], source)
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        # Python refuses to convert an integer of thousands of digits; the
        # pre-scan catches those, this is the net behind it.
        offset = _longest_number(text) if "digits" in str(exc) else None
        line, column = source.position(offset) if offset is not None else (1, 1)
        message = f"the file cannot be parsed: {str(exc)[:200]}"
        return DeckReport(path, None, [Problem(name, line, column, "error", message)], source)
    source.data = data_dict
    return _validate(data_dict, source, examples=examples)


def _validate(data: dict[str, Any], source: DeckSource, *, examples: bool) -> DeckReport:
    name = str(source.path)
    fmt = data.get("format")
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt != FORMAT_VERSION:
        message = f"unsupported format {fmt}: this version of quizapp reads format {FORMAT_VERSION}"
        problems = [Problem(name, *source.locate(("format",)), "error", message)]
        return DeckReport(source.path, None, problems, source)
    problems: list[Problem] = []
    deck: Deck | None = None
    try:
        deck = Deck.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, data, source, name))
    except (ValueError, TypeError, RecursionError) as exc:
        problems.append(Problem(name, 1, 1, "error", f"the deck cannot be validated: {exc}"))
    problems.extend(_duplicate_id_problems(data, source, name))
    problems.extend(_source_problems(data, source, name))
    if deck is not None and not deck.cards:
        problems.append(Problem(name, 1, 1, "warning", "the deck has no cards"))
    if deck is not None and examples and not any(p.severity == "error" for p in problems):
        problems.extend(_example_problems(deck, source, name))
    if any(p.severity == "error" for p in problems):
        deck = None
    problems.sort(key=lambda p: (p.line or 0, p.column or 0, p.severity, p.message))
    return DeckReport(source.path, deck, problems, source)


def inspect_deck(
    path: Path | str, *, max_bytes: int = MAX_DECK_BYTES, examples: bool = True
) -> DeckReport:
    """Lint the deck file at ``path``: every error and warning, and the deck if it has no errors."""
    path = Path(path)
    data, error = _read_deck_bytes(path, max_bytes)
    if data is None:
        return DeckReport(
            path, None, [Problem(str(path), None, None, "error", error or "unreadable")]
        )
    return inspect_bytes(data, path, examples=examples)


def lint_deck(
    path: Path | str, *, max_bytes: int = MAX_DECK_BYTES, examples: bool = True
) -> tuple[Deck | None, list[Problem]]:
    """(the deck or None when it has errors, every problem including warnings)."""
    report = inspect_deck(path, max_bytes=max_bytes, examples=examples)
    return report.deck, report.problems


def load_deck(path: Path | str, *, max_bytes: int = MAX_DECK_BYTES, examples: bool = True) -> Deck:
    """The valid deck at ``path``; raises :class:`DeckError` carrying every error.

    The same checks as ``quizapp check`` decide (a deck that fails them is
    not studied); warnings are dropped.
    """
    report = inspect_deck(path, max_bytes=max_bytes, examples=examples)
    if report.deck is None:
        raise DeckError(report.errors or report.problems)
    return report.deck
