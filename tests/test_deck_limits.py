"""The deck file limits: far above a real deck (100,000 cards load), still enforced, documented."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.decks import MAX_DECK_BYTES, inspect_bytes
from quizapp.core.decks.prescan import _hostile, _may_be_hostile
from quizapp.core.library import load_deck_file
from quizapp.core.models import MAX_CARDS, Deck
from tests.conftest import REPO

HEAD = 'format = 1\n\n[deck]\nid = "big"\ntitle = "Big"\n\n'


def _cards(count: int) -> str:
    return "".join(
        f'[[cards]]\nid = "c{i}"\ntype = "typed"\nprompt = "Word {i}?"\nanswer = "w{i}"\n\n'
        for i in range(count)
    )


def test_a_deck_of_100_000_cards_loads(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.toml"
    path.write_text(HEAD + _cards(100_000), encoding="utf-8")
    for _ in range(2):  # from the file, then from the cache
        loaded = load_deck_file(path)
        assert loaded.ok, loaded.problems[:3]
        assert loaded.deck is not None and len(loaded.deck.items()) == 100_000


def test_one_card_over_the_cap_is_refused_at_its_header_before_parsing() -> None:
    text = HEAD + "[[cards]]\n" * (MAX_CARDS + 1)
    report = inspect_bytes(text.encode(), Path("many.toml"))
    assert report.deck is None and report.source is not None and report.source.data is None
    (problem,) = report.problems
    assert problem.line == 7 + MAX_CARDS
    assert f"more than {MAX_CARDS:,} cards" in problem.message


def test_the_limits_are_those_the_deck_format_documents() -> None:
    doc = (REPO / "docs" / "deck-format.md").read_text(encoding="utf-8")
    row = re.search(r"^\| deck file \| ([\d,]+) MB, ([\d,]+) cards \|$", doc, re.MULTILINE)
    assert row is not None
    assert int(row.group(1).replace(",", "")) * 1_000_000 == MAX_DECK_BYTES
    assert int(row.group(2).replace(",", "")) == MAX_CARDS
    assert f"a file over {MAX_DECK_BYTES // 1_000_000} MB, more than {MAX_CARDS:,} cards" in doc


def test_items_and_gaps_are_built_once_and_handed_out_as_new_lists() -> None:
    deck = Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": "d", "title": "D"},
            "cards": [{"id": "c", "type": "cloze", "text": "{{a}} and {{b}}"}],
        }
    )
    items = deck.items()
    items.clear()
    again = deck.items()
    assert [item.id for item in again] == ["c.1", "c.2"]
    assert again[0] is deck.items()[0]  # the same items, not rebuilt
    gaps = deck.cards[0].gaps  # type: ignore[union-attr]
    gaps.pop()
    assert len(deck.cards[0].gaps) == 2  # type: ignore[union-attr]


def test_the_quick_pre_scan_filter_never_lets_hostile_text_through() -> None:
    """Where the filter says "surely clean", the exact checks find nothing either."""
    samples = [
        HEAD + _cards(3),
        "x = " + "[" * 32 + "]" * 32,
        "x = " + "[" * 33 + "]" * 33,
        "x = " + "[{" * 20 + "}]" * 20,
        "x = [[[" + "]",
        "] x = [",
        ".".join(["k"] * 32) + " = 1",
        ".".join(["k"] * 33) + " = 1",
        "a = " + "1" * 100,
        "a = " + "1" * 101,
        "a = " + "1_" * 60,
        "a = 'é" + "9" * 101 + "'",
    ]
    for text in samples:
        if not _may_be_hostile(text):
            assert _hostile(text) == [], text
    assert _may_be_hostile("x = " + "[" * 33 + "]" * 33)
    assert not _may_be_hostile(HEAD + _cards(3))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "[",
                "]",
                "{",
                "}",
                "[" * 9,
                "]" * 9,
                "{[" * 5,
                "]}" * 5,
                ".k" * 9,
                "7" * 30,
                "_",
                "\n",
                "x",
                "é",
                '"',
            ]
        ),
        max_size=60,
    )
)
def test_the_quick_filter_is_a_necessary_condition(parts: list[str]) -> None:
    text = "".join(parts)
    if not _may_be_hostile(text):
        assert _hostile(text) == []
