"""A character diff of a response against an answer, aligned on folded characters, for display."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, cast

from rapidfuzz.distance import Levenshtein

from quizapp.core import unicode_classes as tables
from quizapp.core.checking.folding import _APOSTROPHES, _accents
from quizapp.core.checking.limits import MAX_TYPO_LENGTH

DiffKind = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True)
class DiffOp:
    """One run of a character diff: ``response`` is what was typed, ``expected`` what was due.

    ``equal`` runs may still differ in case or accents (they are aligned on
    folded characters), so a display can show both texts.
    """

    kind: DiffKind
    response: str
    expected: str


class _CharTable(dict[int, str]):
    """A lazily filled ``str.translate`` table: ``classify`` decides each new character once."""

    def __init__(self, classify: Callable[[str], str]) -> None:
        super().__init__()
        self._classify = classify

    def __missing__(self, code: int) -> str:
        value = self._classify(chr(code))
        self[code] = value
        return value


def _char_key(char: str) -> str:
    """One folded character standing for ``char``, so a diff aligns "É" with "e"."""
    if char in _APOSTROPHES:
        return "'"
    if tables.PD.match(char):
        return " "
    folded = _accents(unicodedata.normalize("NFKC", char).casefold())
    return folded[:1] or char


_CHAR_KEYS = _CharTable(_char_key)


def _keyed(text: str) -> str:
    """``text`` with each character replaced by its folded key (same length)."""
    if text.isascii():
        return text.lower().replace("-", " ").replace("`", "'")
    return text.translate(_CHAR_KEYS)


def char_diff(response: str, expected: str) -> tuple[DiffOp, ...]:
    """A character diff of ``response`` against ``expected``, aligned on folded characters."""
    if not response and not expected:
        return ()
    if len(response) > MAX_TYPO_LENGTH:
        shown = response[:60] + "…"
        return (DiffOp("replace", shown, expected),)
    ops: list[DiffOp] = []
    for op in Levenshtein.opcodes(_keyed(response), _keyed(expected)):
        ops.append(
            DiffOp(
                cast(DiffKind, op.tag),
                response[op.src_start : op.src_end],
                expected[op.dest_start : op.dest_end],
            )
        )
    return tuple(ops)
