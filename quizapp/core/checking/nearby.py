"""Finding the keys within a few edits of a response without scoring every key of the deck.

Scoring a response against all of a deck's answers costs one distance per
answer, so checking every example of a large deck grew with the square of its
size. Two strings within ``k`` edits (optimal string alignment: insertions,
deletions, substitutions, adjacent swaps) always share a string made by
deleting at most ``k`` characters from each: an insertion or a deletion is one
deletion on one side, a substitution one deletion on each side, and a swap of
"xy" for "yx" the deletion of "x" on both. So the keys are indexed by their
deletion variants and a response looks up its own: only the keys found that
way are scored. Long keys or large budgets would have too many variants; those
are scored one by one as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rapidfuzz import process
from rapidfuzz.distance import OSA

MAX_INDEXED_EDITS = 2
"""Budgets above this are answered by scoring every key of a fitting length."""
MAX_INDEXED_LENGTH = 40
"""Keys longer than this are always scored directly (a key of 40 has 821 variants for 2 edits)."""


def deletion_variants(text: str, edits: int) -> set[str]:
    """Every string made by deleting at most ``edits`` characters of ``text`` (``text`` too)."""
    variants = {text}
    frontier = {text}
    for _ in range(edits):
        frontier = {word[:i] + word[i + 1 :] for word in frontier for i in range(len(word))}
        variants |= frontier
    return variants


class EditNeighbours:
    """The keys within ``limit`` edits of a string, in the order that breaks ties.

    Keys are ordered by length, then in the order they were given: the order
    in which a scan of the keys of each fitting length, shortest first, meets
    them.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self._by_length: dict[int, list[str]] = {}
        self._rank: dict[str, tuple[int, int]] = {}
        for key in keys:
            if key in self._rank:
                continue
            bucket = self._by_length.setdefault(len(key), [])
            self._rank[key] = (len(key), len(bucket))
            bucket.append(key)
        self._variants: dict[int, dict[str, list[str]]] = {}

    def _index(self, edits: int) -> dict[str, list[str]]:
        """Deletion variant -> the short keys that have it, for a budget of ``edits``."""
        index = self._variants.get(edits)
        if index is None:
            index = {}
            for length, bucket in self._by_length.items():
                if length > MAX_INDEXED_LENGTH:
                    continue
                for key in bucket:
                    for variant in deletion_variants(key, edits):
                        index.setdefault(variant, []).append(key)
            self._variants[edits] = index
        return index

    def _candidates(self, text: str, limit: int) -> Iterator[str]:
        """Keys that may be within ``limit`` edits of ``text`` (a superset), each once or more."""
        size = len(text)
        lengths = range(max(0, size - limit), size + limit + 1)
        if limit > MAX_INDEXED_EDITS:
            for length in lengths:
                yield from self._by_length.get(length, ())
            return
        for length in lengths:
            if length > MAX_INDEXED_LENGTH:
                yield from self._by_length.get(length, ())
        if size - limit <= MAX_INDEXED_LENGTH:
            index = self._index(limit)
            for variant in deletion_variants(text, limit):
                yield from index.get(variant, ())

    def within(self, text: str, limit: int) -> list[tuple[str, int]]:
        """(key, distance) for every key within ``limit`` edits of ``text``, nearest first.

        Equally near keys come shorter first, then in the order given.
        """
        candidates = list(dict.fromkeys(self._candidates(text, limit)))
        near = process.extract(
            text, candidates, scorer=OSA.distance, score_cutoff=limit, limit=None
        )
        hits = [(key, int(distance)) for key, distance, _index in near]
        hits.sort(key=lambda hit: (hit[1], self._rank[hit[0]]))
        return hits
