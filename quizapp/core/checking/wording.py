"""How the checker words the names and counts in its one-sentence details."""

from __future__ import annotations

from quizapp.core.text import count_of as plural

__all__ = ["join_positions", "plural", "quote"]


def quote(text: str, limit: int = 60) -> str:
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def join_positions(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]
