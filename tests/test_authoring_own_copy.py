"""Editing a bundled deck writes the user's own copy; the installed file is never written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizapp.core.authoring import own_copy
from quizapp.core.authoring.add_card import AddError, add_card
from quizapp.core.library import load_library
from tests.conftest import REPO


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundled folder like the installed one: decks/ beside seeds/."""
    root = tmp_path / "installed"
    shutil.copytree(REPO / "decks", root / "decks")
    shutil.copytree(REPO / "seeds", root / "seeds")
    for module in ("quizapp.core.authoring.own_copy", "quizapp.core.library"):
        monkeypatch.setattr(f"{module}.bundled_decks_dir", lambda: root / "decks")
    return root / "decks"


def test_add_to_a_bundled_deck_goes_to_a_copy(bundled: Path, quizapp_home: Path) -> None:
    original = bundled / "libya-2019.en.toml"
    before = original.read_bytes()
    target, message = own_copy.writable_deck(original)
    assert target == quizapp_home / "decks" / original.name
    assert message is not None and "copied" in message
    card_id = add_card(target, "basic", {"front": "LNA", "back": "Libyan National Army x"})
    assert original.read_bytes() == before
    library = load_library()
    copies = [d for d in library if d.id == "libya-2019-en"]
    assert len(copies) == 1 and copies[0].path == target and copies[0].ok, copies[0].problems
    assert copies[0].deck is not None
    assert card_id in {c.id for c in copies[0].deck.cards}
    assert own_copy.writable_deck(original) == (target, None)  # copied once


def test_not_bundled_is_written_in_place(tmp_path: Path, bundled: Path) -> None:
    mine = tmp_path / "mine.toml"
    shutil.copy(bundled / "libya-2019.en.toml", mine)
    assert own_copy.writable_deck(mine) == (mine, None)


def test_add_refuses_a_bad_card(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    deck.write_text('format = 1\n[deck]\nid = "d"\ntitle = "D"\n', encoding="utf-8")
    with pytest.raises(AddError, match="required"):
        add_card(deck, "typed", {"prompt": "Q?"})
    with pytest.raises(AddError):
        add_card(deck, "choice", {"prompt": "Q?", "answer": "a", "distractors": "a"})
    assert add_card(deck, "order", {"prompt": "Order", "items": "1; 2; 3"}) == "order"
    assert add_card(deck, "order", {"prompt": "Order", "items": "1; 2; 4"}) == "order-2"
    with pytest.raises(AddError, match="already has"):
        add_card(deck, "basic", {"id": "order", "front": "f", "back": "b"})


def test_added_card_is_set_apart_by_a_blank_line(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    deck.write_text(
        'format = 1\n[deck]\nid = "d"\ntitle = "D"\n\n[[cards]]\nid = "a"\ntype = "basic"\n'
        'front = "f"\nback = "b"  # mine\n',
        encoding="utf-8",
    )
    add_card(deck, "basic", {"front": "g", "back": "h"})
    assert 'back = "b"  # mine\n\n[[cards]]\nid = "g"\n' in deck.read_text(encoding="utf-8")
