"""The library: bundled + user + extra decks, duplicate ids, finding decks and card lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizapp.core import library as library_module
from quizapp.core.library import (
    DeckArgumentError,
    LoadedDeck,
    discover,
    find_deck,
    line_of_card,
    load_library,
    load_paths,
    select_decks,
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
    (strict,) = load_paths([tmp_path], examples=True)
    (quick,) = load_paths([tmp_path])
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


# ---------------------------------------------------------------- select_decks


def _deck_file(folder: Path, deck_id: str, body: str = "") -> Path:
    path = folder / f"{deck_id}.toml"
    path.write_text(
        f'format = 1\n[deck]\nid = "{deck_id}"\ntitle = "T {deck_id}"\n{body}'
        '[[cards]]\nid = "c"\ntype = "basic"\nfront = "Q?"\nback = "A"\n',
        encoding="utf-8",
    )
    return path


def test_a_deck_whose_examples_fail_is_selected_with_one_notice(tmp_path: Path) -> None:
    path = tmp_path / "deck.toml"
    shutil.copy(BAD / "example-fails.toml", path)
    for arg, extra in ((str(path), []), ("all", [path])):
        selection = select_decks(arg, extra)
        assert [d.path for d in selection.decks if d.path == path] == [path]
        (notice,) = [n for n in selection.notices if "example" in n]
        assert "can still be studied" in notice and f"quizapp check {path}" in notice
    by_id = select_decks(select_decks(str(path)).key, [path])
    assert len(by_id.notices) == 1 and by_id.decks[0].path == path


def test_a_deck_file_is_loaded_on_its_own(tmp_path: Path, quizapp_home: Path) -> None:
    """A copy of a library deck is studied from its file: its id clashes with nothing."""
    user_decks_dir().mkdir(parents=True, exist_ok=True)
    _deck_file(user_decks_dir(), "mine")
    (tmp_path / "copy").mkdir()
    copy = _deck_file(tmp_path / "copy", "mine")
    selection = select_decks(str(copy))
    assert selection.own_paths == [copy]
    assert [d.path for d in selection.decks] == [copy] and selection.key == "mine"


@pytest.mark.parametrize(
    ("arg", "fragment"),
    [
        ("nosuchdeck", "no deck 'nosuchdeck'"),
        ("broken", "deck 'broken' has errors ("),
    ],
)
def test_what_cannot_be_studied_is_one_line(tmp_path: Path, arg: str, fragment: str) -> None:
    broken = _deck_file(tmp_path, "broken", "bogus = 1\n")
    with pytest.raises(DeckArgumentError) as info:
        select_decks(arg, [broken])
    assert fragment in str(info.value) and "\n" not in str(info.value)


def test_all_skips_broken_decks_with_a_notice(tmp_path: Path) -> None:
    good, broken = _deck_file(tmp_path, "good"), _deck_file(tmp_path, "broken", "bogus = 1\n")
    selection = select_decks("all", [good, broken])
    assert "good" in [d.id for d in selection.decks] and selection.key == "all"
    assert any(n.startswith("skipping deck 'broken': ") for n in selection.notices)
    with pytest.raises(DeckArgumentError):
        select_decks("all", [good], allow_all=False)
