"""The deck table's first rows, read from the cache entries before the deck models load.

A preview is only shown when every deck file has an entry whose key matches
the file as it is now; otherwise the table waits for the full load, which
alone decides what can be studied.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

import quizapp
from quizapp.core.deck_index import DeckPreview
from quizapp.core.deck_index import previews as read_previews
from quizapp.core.decks.cache import wait_for_entries
from quizapp.core.library import load_paths
from quizapp.tui.backend import Backend
from quizapp.tui.widgets.deck_table import DeckTable
from tests.conftest import DATA
from tests.tui_helpers import build_app, settle

GOOD = DATA / "good"


def previews(roots: list[Path]) -> list[DeckPreview] | None:
    """The previews, once the entries a load writes in the background are written."""
    wait_for_entries()
    return read_previews(roots)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(GOOD / "minimal.toml", decks / "minimal.toml")
    shutil.copy(GOOD / "all-types.toml", decks / "all-types.toml")
    shutil.copy(DATA / "source.fr.txt", tmp_path / "source.fr.txt")
    return decks


def test_previews_come_from_the_entries_once_every_deck_has_one(folder: Path) -> None:
    assert previews([folder]) is None  # nothing cached yet
    loaded = load_paths([folder])
    assert previews([folder]) == [
        DeckPreview(d.path, d.id, d.title, len(d.deck.items()))  # type: ignore[union-attr]
        for d in loaded
    ]


def test_a_deck_changed_at_the_same_size_and_mtime_has_no_preview(folder: Path) -> None:
    load_paths([folder])
    path = folder / "minimal.toml"
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("smallest", "Smallest"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert previews([folder]) is None


def test_no_preview_across_versions_or_for_a_deck_never_loaded(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_paths([folder])
    shutil.copy(GOOD / "minimal.toml", folder / "new.toml")
    assert previews([folder]) is None
    (folder / "new.toml").unlink()
    assert previews([folder]) is not None
    monkeypatch.setattr(quizapp, "__version__", "999.0")
    assert previews([folder]) is None


def test_two_files_of_one_deck_id_have_no_preview(folder: Path) -> None:
    shutil.copy(GOOD / "minimal.toml", folder / "again.toml")
    load_paths([folder])
    assert previews([folder]) is None


def test_a_damaged_entry_key_has_no_preview(folder: Path) -> None:
    load_paths([folder])
    wait_for_entries()
    from quizapp.core.deck_index import entry_path

    entry_path((folder / "minimal.toml").resolve()).write_bytes(b"\xff\xfe not json\n")
    assert previews([folder]) is None


async def test_the_table_shows_the_previews_while_the_decks_load(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_paths([folder])
    loading = threading.Event()
    real = Backend.library_rows

    def held(self: Backend, reload: bool = True) -> object:
        assert loading.wait(10)
        return real(self, reload)

    monkeypatch.setattr(Backend, "library_rows", held)
    app = build_app(tmp_path / "h.sqlite3", folder)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one(DeckTable)
        while not table.row_count:
            await pilot.pause()
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == [
            "Every card type",
            "The smallest deck",
        ]
        assert str(table.get_row_at(1)[3]) == "…"
        await pilot.press("enter")  # nothing to study until the deck is loaded
        assert type(app.screen).__name__ == "HomeScreen"
        loading.set()
        await settle(pilot)
        assert all(row.counted for row in app.screen.rows)  # type: ignore[attr-defined]
        assert str(table.get_row_at(1)[3]) != "…"
