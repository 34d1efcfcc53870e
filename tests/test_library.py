"""The library: bundled + user + extra decks, duplicate ids, finding decks and card lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizapp.core import library as library_module
from quizapp.core.library import (
    LoadedDeck,
    discover,
    find_deck,
    line_of_card,
    load_library,
    load_paths,
    unknown_deck_message,
)
from quizapp.core.paths import user_decks_dir
from tests.conftest import DATA

GOOD = DATA / "good"
BAD = DATA / "bad"


def test_discover_lists_toml_files_of_folders_and_keeps_files_as_given(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.toml", "a.toml", "sub/c.toml", ".hidden/d.toml", "notes.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    missing = tmp_path / "missing.toml"
    found = discover([tmp_path, tmp_path / "a.toml", missing])
    assert found == [tmp_path / "a.toml", tmp_path / "b.toml", tmp_path / "sub/c.toml", missing]


def test_loaded_deck_properties() -> None:
    good, bad = load_paths([GOOD / "minimal.toml", BAD / "wrong-type.toml"])
    assert good.ok and good.id == "minimal" and good.title == "The smallest deck"
    assert not bad.ok and bad.deck is None
    assert bad.id == "bad" and bad.title == "A bad deck"  # what the file declares
    assert [p.line for p in bad.errors] == [11]


def test_a_deck_that_does_not_parse_is_named_after_its_file() -> None:
    (loaded,) = load_paths([BAD / "syntax.toml"])
    assert loaded.id == "syntax" and loaded.title == "syntax.toml"
    assert not loaded.ok


def test_duplicate_deck_ids_across_files_are_errors_on_the_later_file(tmp_path: Path) -> None:
    first = tmp_path / "a.toml"
    second = tmp_path / "b.toml"
    shutil.copy(GOOD / "minimal.toml", first)
    shutil.copy(GOOD / "minimal.toml", second)
    a, b = load_paths([tmp_path])
    assert a.ok
    assert not b.ok and b.deck is None
    (problem,) = b.errors
    assert (problem.line, problem.column) == (4, 1)
    assert problem.message == f"deck id 'minimal' is already used by {first}"


def test_load_library_reads_bundled_user_and_extra_decks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    shutil.copy(GOOD / "minimal.toml", bundled / "minimal.toml")
    monkeypatch.setattr(library_module, "bundled_decks_dir", lambda: bundled)
    user = user_decks_dir()
    user.mkdir(parents=True)
    shutil.copy(BAD / "wrong-type.toml", user / "mine.toml")
    decks = load_library([GOOD / "all-types.toml", bundled / "minimal.toml"])
    assert [d.id for d in decks] == ["minimal", "bad", "all-types"]
    assert [d.ok for d in decks] == [True, False, True]


def test_load_library_without_any_decks_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "bundled_decks_dir", lambda: tmp_path / "none")
    assert load_library() == []


def test_find_deck_by_id_or_path(monkeypatch: pytest.MonkeyPatch) -> None:
    decks = load_paths([GOOD])
    assert find_deck(decks, "minimal") is decks[1]
    assert find_deck(decks, GOOD / "all-types.toml") is decks[0]
    assert find_deck(decks, str(GOOD / "minimal.toml")) is decks[1]
    monkeypatch.chdir(GOOD)
    assert find_deck(decks, "minimal.toml") is decks[1]
    assert find_deck(decks, "nope") is None


@pytest.mark.parametrize(
    ("card_id", "line"),
    [("leader", 18), ("leader.reverse", 18), ("capital", 27), ("sentence.capital", 75), ("x", 1)],
)
def test_line_of_card(card_id: str, line: int) -> None:
    (loaded,) = load_paths([GOOD / "all-types.toml"])
    assert line_of_card(loaded, card_id) == line


def test_line_of_card_in_a_deck_with_errors() -> None:
    (loaded,) = load_paths([BAD / "missing-key.toml"])
    assert line_of_card(loaded, "a") == 13


def test_loaded_deck_without_source_locates_line_one() -> None:
    loaded = LoadedDeck(path=Path("x.toml"), deck=None, problems=[])
    assert loaded.locate(("cards", 0)) == (1, 1)
    assert line_of_card(loaded, "a") == 1


def test_examples_can_be_skipped(tmp_path: Path) -> None:
    shutil.copy(BAD / "example-fails.toml", tmp_path / "deck.toml")
    (strict,) = load_paths([tmp_path])
    (quick,) = load_paths([tmp_path], examples=False)
    assert not strict.ok
    assert quick.ok and quick.problems == []


def _library_of(*ids: str) -> list[LoadedDeck]:
    return [LoadedDeck(path=Path(f"{deck_id}.toml"), deck=None) for deck_id in ids]


@pytest.mark.parametrize(
    ("ids", "arg", "expected"),
    [
        (
            ("libya-2019-fr", "libya-2019-en"),
            "nosuchdeck",
            "no deck 'nosuchdeck'; the decks are: libya-2019-en, libya-2019-fr"
            " (or give a deck file path)",
        ),
        (
            ("libya-2019-fr", "libya-2019-en"),
            "libya-2019-eng",
            "no deck 'libya-2019-eng'; did you mean 'libya-2019-en'?"
            " The decks are: libya-2019-en, libya-2019-fr (or give a deck file path)",
        ),
        (
            ("capitals", "rivers"),
            "Capitals",
            "no deck 'Capitals'; did you mean 'capitals'?"
            " The decks are: capitals, rivers (or give a deck file path)",
        ),
        ((), "anything", "no deck 'anything', and no decks were found; give a deck file path"),
    ],
)
def test_unknown_deck_message_names_the_deck_ids(
    ids: tuple[str, ...], arg: str, expected: str
) -> None:
    assert unknown_deck_message(_library_of(*ids), arg) == expected


def test_unknown_deck_message_shortens_a_long_list() -> None:
    ids = [f"deck-{n:02d}" for n in range(30)]
    message = unknown_deck_message(_library_of(*ids), "zzz")
    assert "deck-00, deck-01" in message and "deck-29" not in message
    assert "and 10 more" in message
    assert "\n" not in message


def test_unknown_deck_message_escapes_what_was_typed() -> None:
    message = unknown_deck_message(_library_of("a"), "x\x1b[2J")
    assert "\x1b" not in message and "\\x1b" in message
