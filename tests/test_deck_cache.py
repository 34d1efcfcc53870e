"""The cache of validated decks: used only when everything it was made from is unchanged.

Every way an entry can go stale or bad (the deck file, its source file, the
quizapp version or code, a damaged entry) must end in a load from the deck
file itself, the same result as without a cache, and a fresh entry; never a
traceback. How a hit is told apart from a miss: a miss parses the deck, so
``inspect_bytes`` is counted.
"""

from __future__ import annotations

import ast
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import quizapp
from quizapp.core import deck_index
from quizapp.core.atomic import atomic_write_bytes
from quizapp.core.decks import cache
from quizapp.core.decks.cache import UnparsedSource, entry_path, inspect_deck_cached
from quizapp.core.library import line_of_card, load_deck_file, load_paths
from tests.conftest import DATA, REPO

GOOD = DATA / "good"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The deck files parsed (cache misses), in order."""
    seen: list[Path] = []
    real = cache.inspect_bytes

    def counting(data: bytes, path: Path, *, examples: bool = True) -> cache.DeckReport:
        seen.append(path)
        return real(data, path, examples=examples)

    monkeypatch.setattr(cache, "inspect_bytes", counting)
    return seen


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    """A copy of the deck with one card of each type, next to its source file."""
    folder = tmp_path / "decks"
    folder.mkdir()
    shutil.copy(GOOD / "all-types.toml", folder / "all-types.toml")
    shutil.copy(DATA / "source.fr.txt", tmp_path / "source.fr.txt")
    return folder / "all-types.toml"


def _entry(path: Path) -> Path:
    """The entry of ``path``, once the entries being written in the background are written."""
    cache.wait_for_entries()
    return entry_path(path.resolve())


def test_an_unchanged_deck_comes_from_the_cache_equal_to_the_file(
    deck: Path, parses: list[Path]
) -> None:
    first = load_deck_file(deck)
    second = load_deck_file(deck)
    assert parses == [deck]
    assert isinstance(second.source, UnparsedSource)
    assert second.ok and second.deck == first.deck
    assert second.problems == first.problems
    # what the history is keyed by and compared with is the same
    assert [(i.id, i.content_hash) for i in second.deck.items()] == [  # type: ignore[union-attr]
        (i.id, i.content_hash)
        for i in first.deck.items()  # type: ignore[union-attr]
    ]


@pytest.mark.parametrize("name", ["libya-2019.en.toml", "libya-2019.fr.toml"])
def test_bundled_decks_round_trip_with_their_warnings(name: str, parses: list[Path]) -> None:
    path = REPO / "decks" / name
    first, second = load_deck_file(path), load_deck_file(path)
    assert parses == [path]
    assert second.deck == first.deck and second.problems == first.problems
    assert [i.content_hash for i in second.deck.items()] == [  # type: ignore[union-attr]
        i.content_hash
        for i in first.deck.items()  # type: ignore[union-attr]
    ]


def test_a_changed_deck_with_the_same_size_and_mtime_is_parsed_again(
    deck: Path, parses: list[Path]
) -> None:
    load_deck_file(deck)
    info = deck.stat()
    text = deck.read_text(encoding="utf-8")
    changed = text.replace('title = "', 'title = "X', 1).replace("# A deck", "#A deck", 1)
    assert len(changed.encode()) == info.st_size
    deck.write_text(changed, encoding="utf-8")
    os.utime(deck, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert deck.stat().st_mtime_ns == info.st_mtime_ns
    reloaded = load_deck_file(deck)
    assert parses == [deck, deck]
    assert reloaded.deck is not None and reloaded.deck.deck.title.startswith("X")


def test_a_changed_mtime_with_the_same_size_is_a_miss_then_a_hit(
    deck: Path, parses: list[Path]
) -> None:
    first = load_deck_file(deck)
    info = deck.stat()
    os.utime(deck, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    assert load_deck_file(deck).deck == first.deck
    assert load_deck_file(deck).deck == first.deck
    assert parses == [deck, deck]  # the entry was written again for the new mtime


def test_a_deck_that_became_invalid_is_never_served_from_the_cache(
    deck: Path, parses: list[Path]
) -> None:
    load_deck_file(deck)
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace('type = "typed"', 'type = "typo"', 1), encoding="utf-8")
    broken = load_deck_file(deck)
    assert not broken.ok and broken.errors
    assert load_deck_file(deck).errors == broken.errors
    assert parses == [deck, deck, deck]  # a deck with errors is not cached


def test_a_changed_source_file_is_a_miss(deck: Path, parses: list[Path]) -> None:
    assert load_deck_file(deck).ok
    source = deck.parent.parent / "source.fr.txt"
    source.write_text("Nothing the cards quote.\n", encoding="utf-8")
    reloaded = load_deck_file(deck)
    assert parses == [deck, deck]
    assert not reloaded.ok and any("quote not found" in p.message for p in reloaded.errors)


DAMAGE = {
    "empty": b"",
    "truncated": None,  # the first half of the real entry
    "garbage": bytes(range(256)) * 10,
    "header only": None,  # the key line without a deck
    "not json": b"{not json\n{}",
    "another deck": None,  # the real key line, then another valid deck
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_entry_is_ignored_and_written_again(
    damage: str, deck: Path, parses: list[Path]
) -> None:
    first = load_deck_file(deck)
    entry = _entry(deck)
    good = entry.read_bytes()
    head = good.partition(b"\n")[0]
    content = {
        "truncated": good[: len(good) // 2],
        "header only": head + b"\n",
        "another deck": head + b'\n{"format":1,"deck":{"id":"other","title":"Other"},"cards":[]}',
    }.get(damage, DAMAGE[damage])
    assert content is not None
    entry.write_bytes(content)
    reloaded = load_deck_file(deck)
    assert reloaded.deck == first.deck and reloaded.problems == first.problems
    assert parses == [deck, deck]
    cache.wait_for_entries()
    assert entry.read_bytes() == good
    assert load_deck_file(deck).deck == first.deck and parses == [deck, deck]


def test_an_entry_that_is_a_folder_or_a_link_is_a_miss(deck: Path, parses: list[Path]) -> None:
    load_deck_file(deck)
    entry = _entry(deck)
    entry.unlink()
    entry.mkdir()
    assert load_deck_file(deck).ok
    cache.wait_for_entries()  # its write failed, not one made after the folder goes
    entry.rmdir()
    elsewhere = deck.parent / "elsewhere.json"
    load_deck_file(deck)
    cache.wait_for_entries()
    shutil.move(entry, elsewhere)
    entry.symlink_to(elsewhere)
    assert load_deck_file(deck).ok
    assert parses == [deck, deck, deck, deck]


def test_an_entry_of_another_version_or_other_code_is_a_miss(
    deck: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_deck_file(deck)
    monkeypatch.setattr(quizapp, "__version__", "999.0")
    load_deck_file(deck)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another model schema")
    load_deck_file(deck)
    load_deck_file(deck)
    assert parses == [deck, deck, deck]


def test_an_entry_written_in_another_interface_language_is_a_miss(
    deck: Path, parses: list[Path]
) -> None:
    from quizapp.core import i18n

    load_deck_file(deck)
    try:
        i18n.set_language("fr")
        load_deck_file(deck)
        load_deck_file(deck)
    finally:
        i18n.set_language("en")
    assert parses == [deck, deck]


@pytest.mark.parametrize("changed", ["core/models.py", "core/checking/folding.py"])
def test_the_code_fingerprint_follows_the_sources(
    changed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = cache.code_fingerprint.__wrapped__()
    package = tmp_path / "quizapp"  # the whole package: the catalogues count too
    shutil.copytree(Path(cache.__file__).resolve().parents[2], package)
    monkeypatch.setattr(deck_index, "__file__", str(package / "core" / "deck_index.py"))
    assert cache.code_fingerprint.__wrapped__() == before
    path = package / changed
    path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert cache.code_fingerprint.__wrapped__() != before


def test_the_code_fingerprint_follows_the_translations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Warnings are cached as words: a new French catalogue must not serve old French."""
    package = tmp_path / "quizapp"
    shutil.copytree(Path(cache.__file__).resolve().parent.parent.parent, package)
    monkeypatch.setattr(deck_index, "__file__", str(package / "core" / "deck_index.py"))
    before = cache.code_fingerprint.__wrapped__()
    (catalogue,) = package.glob("locale/fr/LC_MESSAGES/*.mo")
    catalogue.write_bytes(catalogue.read_bytes() + b"\0")
    assert cache.code_fingerprint.__wrapped__() != before


def test_an_entry_made_without_examples_does_not_answer_check(
    deck: Path, parses: list[Path]
) -> None:
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace('accept = ["tripoli"]', 'accept = ["Misrata"]'), "utf-8")
    assert load_deck_file(deck).ok  # studying never runs the examples
    checked = load_deck_file(deck, examples=True)
    assert any("should be accepted" in p.message for p in checked.errors)
    assert parses == [deck, deck]


def test_check_uses_an_entry_whose_examples_passed(deck: Path, parses: list[Path]) -> None:
    checked = load_deck_file(deck, examples=True)
    assert checked.ok
    assert load_deck_file(deck, examples=True).problems == checked.problems
    assert load_deck_file(deck).ok  # and studying uses it too
    assert parses == [deck]


def test_the_same_file_under_another_path_has_its_own_entry(deck: Path, parses: list[Path]) -> None:
    load_deck_file(deck)
    copy = deck.with_name("copy.toml")
    shutil.copy2(deck, copy)
    assert load_deck_file(copy).ok
    assert parses == [deck, copy]
    assert _entry(deck) != _entry(copy)


def test_a_cached_deck_still_locates_its_cards(deck: Path) -> None:
    first = load_deck_file(deck)
    cached = load_deck_file(deck)
    assert isinstance(cached.source, UnparsedSource)
    assert line_of_card(cached, "capital") == line_of_card(first, "capital") > 1


def test_a_duplicate_deck_id_across_files_is_located_from_cached_decks(tmp_path: Path) -> None:
    for name in ("a.toml", "b.toml"):
        shutil.copy(GOOD / "minimal.toml", tmp_path / name)
    load_paths([tmp_path])
    a, b = load_paths([tmp_path])  # both from the cache now
    assert a.ok and not b.ok
    assert [(p.line, p.column) for p in b.errors] == [(4, 1)]


def test_an_unwritable_data_folder_means_no_cache_not_an_error(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[Path]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("QUIZAPP_HOME", str(blocker))
    assert load_deck_file(deck).ok and load_deck_file(deck).ok
    assert parses == [deck, deck]


def test_entries_are_written_whole_with_no_temporary_file_left(deck: Path) -> None:
    load_deck_file(deck)
    assert [p.name for p in _entry(deck).parent.iterdir()] == [_entry(deck).name]


def test_an_unreadable_deck_reports_as_without_a_cache(tmp_path: Path) -> None:
    report = inspect_deck_cached(tmp_path / "missing.toml")
    assert report.deck is None and "no such file" in report.problems[0].message


def test_the_fingerprint_covers_every_module_the_loader_and_checker_import() -> None:
    core = Path(cache.__file__).resolve().parent.parent
    imported: set[str] = set()
    for package in ("decks", "checking"):
        for file in (core / package).glob("*.py"):
            if file.name == "cache.py":  # finds and writes entries; decides nothing
                continue
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                else:
                    continue
                for name in names:
                    parts = name.split(".")
                    if parts[:2] == ["quizapp", "core"] and len(parts) > 2:
                        imported.add(parts[2])
    covered = {name.removesuffix(".py") for name in deck_index._DECIDING}
    modules = {p.stem for p in core.glob("*.py")} | {p.name for p in core.iterdir() if p.is_dir()}
    assert imported & modules <= covered


def test_the_oldest_entries_go_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    decks = []
    for index in range(5):
        path = tmp_path / f"d{index}.toml"
        shutil.copy(GOOD / "minimal.toml", path)
        load_deck_file(path)
        entry = _entry(path)
        os.utime(entry, ns=(index * 10**9, index * 10**9))  # written in this order
        decks.append(path)
    load_deck_file(decks[0])  # written again: the newest now
    kept = sorted(p.name for p in _entry(decks[0]).parent.iterdir())
    assert kept == sorted(_entry(d).name for d in (decks[0], decks[3], decks[4]))


def test_the_deck_is_handed_back_before_its_entry_is_written(
    deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = atomic_write_bytes

    def held(*args: Any, **kwargs: Any) -> None:
        assert release.wait(timeout=60)
        real(*args, **kwargs)

    monkeypatch.setattr(cache, "atomic_write_bytes", held)
    loaded = load_deck_file(deck)
    assert loaded.ok and not entry_path(deck.resolve()).exists()
    release.set()
    assert _entry(deck).exists()
    assert stat.S_IMODE(_entry(deck).stat().st_mode) == cache.ENTRY_MODE


def test_a_process_that_ends_writes_its_entries_first(deck: Path) -> None:
    code = "import sys; from quizapp.core.library import load_paths; load_paths([sys.argv[1]])"
    subprocess.run([sys.executable, "-c", code, str(deck)], check=True)
    assert _entry(deck).exists()
