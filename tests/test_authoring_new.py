"""``quizapp new``: a starter deck that passes check, never written over an existing file."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.authoring.ids import slugify, unique_id
from quizapp.core.library import load_paths
from quizapp.core.models import CARD_TYPES


@pytest.mark.parametrize("language", ["en", "fr"])
def test_starter_deck_passes_check_with_every_type(tmp_path: Path, language: str) -> None:
    path = tmp_path / "my-words.toml"
    assert main(["new", str(path), "--language", language, "--title", "Mine"]) == 0
    (loaded,) = load_paths([path])
    assert loaded.ok and loaded.problems == []
    assert loaded.deck is not None
    assert loaded.deck.deck.id == "my-words" and loaded.deck.deck.title == "Mine"
    assert loaded.deck.deck.language == language
    assert sorted({card.type for card in loaded.deck.cards}) == sorted(CARD_TYPES)
    assert path.read_text(encoding="utf-8").count("#") > 10  # commented


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deck.toml"
    path.write_text("mine", encoding="utf-8")
    assert main(["new", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "mine"


def test_new_adds_the_extension(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "verbs")]) == 0
    assert (tmp_path / "verbs.toml").is_file()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What is the capital of Libya?", "what-is-the-capital-of-libya"),
        ("Où est l'Élysée ?", "ou-est-l-elysee"),
        ("???", "card"),
        ("a " * 40, "a-a-a-a-a-a"),
    ],
)
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_unique_id() -> None:
    assert unique_id("x", []) == "x"
    assert unique_id("x", ["x", "x-2"]) == "x-3"
