"""A quiz's score, the one formula: (correct + close) / questions asked × 100.

Close counts as right. No question asked, no score (None, never 0%).
"""

from __future__ import annotations


def quiz_score(correct: int, close: int, asked: int) -> float | None:
    """The score in percent, or None when no question was asked."""
    return 100.0 * (correct + close) / asked if asked else None
