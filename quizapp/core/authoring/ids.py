"""Readable ids for decks and cards, made from a title or a prompt."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MAX_WORDS = 6
_MAX_LENGTH = 40


def slugify(text: str, *, fallback: str = "card") -> str:
    """``"What is the capital of Libya?"`` -> ``"what-is-the-capital-of-libya"``.

    Accents are dropped, anything but letters and digits separates words, and
    the id is cut at a word boundary so it stays readable.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", folded.lower())[:_MAX_WORDS]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > _MAX_LENGTH:
            break
        slug = candidate
    return slug or (words[0][:_MAX_LENGTH] if words else fallback)


def unique_id(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… the first one not in ``taken``."""
    used = set(taken)
    if base not in used:
        return base
    number = 2
    while f"{base}-{number}" in used:
        number += 1
    return f"{base}-{number}"
