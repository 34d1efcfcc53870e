"""What a check returns (Verdict, Outcome) and the rating it suggests (propose_rating)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from quizapp.core.checking.diff import DiffOp
from quizapp.core.i18n import pgettext

Outcome = Literal["correct", "close", "wrong"]
Response = str | bool | frozenset[str] | tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    """What the checker decided about one response, and why."""

    outcome: Outcome
    expected: str
    matched: str | None
    foldings: tuple[str, ...]
    diff: tuple[DiffOp, ...]
    detail: str = ""

    @property
    def is_right(self) -> bool:
        """Close counts as right: the learner knew it, with a slip."""
        return self.outcome != "wrong"


def propose_rating(
    verdict: Verdict,
    response_ms: int | None,
    median_ms: float | None,
    quick_ratio: float = 1 / 3,
) -> int:
    """The FSRS rating the app proposes: 1 Again, 2 Hard, 3 Good, 4 Easy.

    Wrong is Again and close is Hard. Correct is Good, or Easy when the
    response came in under ``quick_ratio`` of the deck's median response time
    (only when both times are known). The learner may override it.
    """
    if verdict.outcome == "wrong":
        return 1
    if verdict.outcome == "close":
        return 2
    if (
        response_ms is not None
        and median_ms is not None
        and median_ms > 0
        and response_ms >= 0
        and response_ms < quick_ratio * median_ms
    ):
        return 4
    return 3


def folding_names() -> dict[str, str]:
    """What each folding a verdict lists means, in the interface's language."""
    return {
        "invisible": pgettext("folding", "invisible"),
        "unicode": pgettext("folding", "unicode"),
        "case": pgettext("folding", "case"),
        "accents": pgettext("folding", "accents"),
        "hyphens": pgettext("folding", "hyphens"),
        "punctuation": pgettext("folding", "punctuation"),
        "spacing": pgettext("folding", "spacing"),
        "article": pgettext("folding", "article"),
        "preposition": pgettext("folding", "preposition"),
        "title": pgettext("folding", "title"),
        "date": pgettext("folding", "date"),
        "typo": pgettext("folding", "typo"),
        "unit": pgettext("folding", "unit"),
        "filler": pgettext("folding", "filler"),
        "number-words": pgettext("folding", "number-words"),
        "separators": pgettext("folding", "separators"),
        "word order": pgettext("folding", "word order"),
        "swap": pgettext("folding", "swap"),
    }


def foldings_text(foldings: tuple[str, ...]) -> str:
    """``case, accents`` as a verdict's reader sees them (``majuscules, accents``)."""
    names = folding_names()
    return ", ".join(names.get(name, name) for name in foldings)
