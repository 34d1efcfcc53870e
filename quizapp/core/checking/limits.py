"""How much work one response may cost: the caps on its length that keep checking quick."""

from __future__ import annotations

MAX_TYPO_LENGTH = 1000
"""Longer responses are compared exactly (no typo search, short diff)."""
MAX_RESPONSE_LENGTH = 10_000
"""Longer responses are wrong without being folded: answers are at most 500 characters."""
MAX_NUMBER_LENGTH = 100
"""Longer responses to a number card are not parsed as numbers."""
