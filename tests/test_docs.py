"""The examples in docs/deck-format.md and the README are valid decks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp.core.decks import inspect_bytes
from tests.conftest import REPO

DOC = REPO / "docs" / "deck-format.md"
TOML_BLOCK = re.compile(r"```toml\n(.*?)```", re.DOTALL)
HEADER = 'format = 1\n\n[deck]\nid = "doc"\ntitle = "Doc"\n\n'


def _blocks(path: Path) -> list[str]:
    return TOML_BLOCK.findall(path.read_text(encoding="utf-8"))


def test_the_whole_deck_example_is_valid() -> None:
    whole = _blocks(DOC)[0]
    assert whole.startswith("format = 1")
    report = inspect_bytes(whole.encode(), DOC)  # its source path is relative to docs/
    assert report.problems == []


def test_every_card_type_has_an_example() -> None:
    types = {m for block in _blocks(DOC) for m in re.findall(r'^type = "(\w+)"', block, re.M)}
    assert types == {"basic", "typed", "choice", "multi", "truefalse", "number", "cloze", "order"}


@pytest.mark.parametrize(
    "block", [b for b in _blocks(DOC)[1:] if "[[cards]]" in b], ids=lambda b: b.split('"')[1]
)
def test_card_examples_are_valid(block: str) -> None:
    report = inspect_bytes((HEADER + block).encode(), DOC)
    assert report.problems == []
    assert report.deck is not None


def test_cloze_example_names_its_gaps_as_documented() -> None:
    block = next(b for b in _blocks(DOC) if 'type = "cloze"' in b)
    deck = inspect_bytes((HEADER + block).encode(), DOC).deck
    assert deck is not None
    assert [item.id for item in deck.items()] == ["visit.1", "visit.2", "visit.city"]


def test_readme_deck_example_is_valid() -> None:
    (block,) = [b for b in _blocks(REPO / "README.md") if b.startswith("format = ")]
    report = inspect_bytes(block.encode(), REPO / "README.md")
    assert report.problems == []


def test_readme_config_example_is_valid(tmp_path: Path) -> None:
    """The settings shown in the README load as they are."""
    from quizapp.core.config import load_config

    (block,) = [b for b in _blocks(REPO / "README.md") if "day_rollover_hour" in b]
    path = tmp_path / "config.toml"
    path.write_text(block)
    config = load_config(path)
    assert config.day_rollover_hour == 4
    assert config.deck_overrides
