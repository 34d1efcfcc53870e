"""The deletion-variant lookup of near answers finds exactly what scoring every answer finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import OSA

from quizapp.core.checking import nearby
from quizapp.core.checking.nearby import EditNeighbours, deletion_variants


def scan(keys: list[str], text: str, limit: int) -> list[tuple[str, int]]:
    """The former lookup: score every key of a fitting length, shortest first, in given order."""
    by_length: dict[int, list[str]] = {}
    for key in dict.fromkeys(keys):
        by_length.setdefault(len(key), []).append(key)
    candidates: list[str] = []
    for length in range(max(0, len(text) - limit), len(text) + limit + 1):
        candidates.extend(by_length.get(length, ()))
    near = process.extract(text, candidates, scorer=OSA.distance, score_cutoff=limit, limit=None)
    return [(key, int(d)) for key, d, _i in sorted(near, key=lambda hit: (hit[1], hit[2]))]


# A small alphabet makes near strings (and ties) common.
words = st.text(alphabet="abcé ", max_size=9)


@settings(max_examples=400, deadline=None)
@given(keys=st.lists(words, max_size=30), text=words, limit=st.integers(0, 4))
def test_lookup_matches_scan(keys: list[str], text: str, limit: int) -> None:
    assert EditNeighbours(keys).within(text, limit) == scan(keys, text, limit)


@settings(max_examples=200, deadline=None)
@given(
    keys=st.lists(st.text(alphabet="ab", min_size=3, max_size=8), max_size=20),
    text=st.text(alphabet="ab", max_size=8),
    limit=st.integers(1, 2),
)
def test_long_keys_are_scored_directly(keys: list[str], text: str, limit: int) -> None:
    """Keys over the indexed length are still found (the cap lowered to reach them)."""
    saved = nearby.MAX_INDEXED_LENGTH
    nearby.MAX_INDEXED_LENGTH = 5
    try:
        assert EditNeighbours(keys).within(text, limit) == scan(keys, text, limit)
    finally:
        nearby.MAX_INDEXED_LENGTH = saved


@given(a=words, b=words)
def test_near_strings_share_a_deletion_variant(a: str, b: str) -> None:
    """The fact the index rests on, swaps included."""
    distance = OSA.distance(a, b)
    if distance <= 3:
        assert deletion_variants(a, distance) & deletion_variants(b, distance)


def test_swap_is_one_deletion_each_side() -> None:
    assert EditNeighbours(["tobruk"]).within("tobrku", 1) == [("tobruk", 1)]
    assert deletion_variants("ab", 1) & deletion_variants("ba", 1) == {"a", "b"}
