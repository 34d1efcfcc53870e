"""What a draft is made of: sentences of the article, the mentions in them, proposals.

Plain frozen dataclasses, so that the language analysis (spaCy or the rules)
and the proposal builder meet on one shape and neither knows of the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# What a mention names. "name" is a proper name whose kind the rules cannot tell.
Kind = Literal["person", "place", "org", "misc", "name", "year", "month", "day", "number"]
NAME_KINDS: frozenset[str] = frozenset({"person", "place", "org", "misc", "name"})
DATE_KINDS: frozenset[str] = frozenset({"year", "month", "day"})


@dataclass(frozen=True)
class Mention:
    """A named thing, date or number in a sentence; ``start``/``end`` index the sentence."""

    text: str
    kind: Kind
    start: int
    end: int
    value: int | float | None = None  # numbers and years: the value they spell


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article, verbatim, and why nothing is drawn from it (if so)."""

    text: str
    start: int  # offset in the article
    index: int  # 0-based, in article order
    mentions: tuple[Mention, ...] = ()
    skip: str = ""  # "a question", "a quotation of a quotation", …
    quoted: tuple[tuple[int, int], ...] = ()  # spans inside quotation marks
    # Where the grammatical subjects start, from a dependency parse; None without one.
    subjects: tuple[int, ...] | None = None

    def in_quotation(self, mention: Mention) -> bool:
        """Whether the mention lies in quoted speech (someone's words, not the article's)."""
        return any(a <= mention.start and mention.end <= b for a, b in self.quoted)


CardTable = dict[str, Any]


@dataclass
class Proposal:
    """One card proposed from one mention of one sentence, with the other types it can take.

    ``options`` maps a card type to the card table of that type (the keys a deck
    file has); ``card_type`` is the one chosen. All options share ``fact``.
    """

    sentence: Sentence
    mention: Mention
    options: dict[str, CardTable]
    card_type: str
    confidence: float
    reason: str
    fact: str
    variants: tuple[str, ...] = field(default=())

    @property
    def card(self) -> CardTable:
        return self.options[self.card_type]

    @property
    def answer(self) -> str:
        return self.mention.text

    def next_type(self) -> str:
        """The type after the chosen one, in ``options`` order (wrapping round)."""
        types = list(self.options)
        return types[(types.index(self.card_type) + 1) % len(types)]
