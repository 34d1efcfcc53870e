"""How the checker words the names and counts in its one-sentence details.

The details are read by the learner, so they are in the interface's
language (:mod:`quizapp.core.i18n`); a quoted answer reads ``'Tobruk'`` in
English and ``« Tobruk »`` in French.
"""

from __future__ import annotations

from quizapp.core.i18n import _, current_language

__all__ = ["join_and", "join_or", "join_positions", "quote"]


def quote(text: str, limit: int = 60) -> str:
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if current_language() == "fr":
        return f"«\u00a0{text}\u00a0»"
    return repr(text)


def join_and(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + _(" and ") + words[-1]


def join_or(words: list[str]) -> str:
    """``a or b``."""
    return _(" or ").join(words)


def join_positions(numbers: list[int]) -> str:
    return join_and([str(n) for n in numbers])
