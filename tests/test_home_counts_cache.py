"""The deck table at start: the counts remembered from the last start, while the decks load.

They are shown only while nothing they depend on changed; the counts taken
from the history once the decks are loaded always replace them.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.core.counts_cache import entry_path
from quizapp.core.library import load_paths
from quizapp.core.store.protocol import REVIEW, CardState
from quizapp.core.store.sqlite import SqliteStore
from quizapp.tui.backend import Backend
from quizapp.tui.widgets.deck_table import DeckTable
from tests.conftest import DATA
from tests.tui_helpers import NOW, build_app, settle


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(DATA / "good" / "minimal.toml", decks / "minimal.toml")
    shutil.copy(DATA / "good" / "all-types.toml", decks / "all-types.toml")
    shutil.copy(DATA / "source.fr.txt", tmp_path / "source.fr.txt")
    load_paths([decks])  # the cache of validated decks has their entries: previews
    return decks


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold the decks' load until the test sets the event."""
    loading = threading.Event()
    real = Backend.library_rows

    def waiting(self: Backend, reload: bool = True) -> object:
        assert loading.wait(10)
        return real(self, reload)

    monkeypatch.setattr(Backend, "library_rows", waiting)
    yield loading
    loading.set()


def cells(table: DeckTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def shown(db: Path, folder: Path) -> list[list[str]]:
    """A whole start: the table once the decks are loaded and counted."""
    app = build_app(db, folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        return cells(app.screen.query_one(DeckTable))


async def first_rows(
    db: Path, folder: Path, loading: threading.Event
) -> tuple[list[list[str]], str]:
    """The table and title while the decks are held back, then let them load."""
    app = build_app(db, folder)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one(DeckTable)
        while not table.row_count:
            await pilot.pause()
        assert app.screen.rows == []  # type: ignore[attr-defined]  # not loaded yet
        early = cells(table), str(app.screen.query_one("#home-title").render())
        loading.set()
        await settle(pilot)
        return early


async def test_the_last_counts_come_with_the_first_rows(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    store = SqliteStore.open(db)
    quiz = store.start_quiz("minimal", int(NOW.timestamp() * 1000) - 86_400_000, {})
    store.finish_quiz(
        quiz,
        finished_ms=int(NOW.timestamp() * 1000) - 86_000_000,
        questions=4,
        correct=3,
        close=0,
        wrong=1,
        score=75.0,
    )
    store.close()
    counted = await shown(db, folder)  # counts taken and remembered
    assert entry_path().is_file()
    assert any(row[3] != "…" for row in counted)
    assert any("75%" in row[6] for row in counted)  # the last quiz, remembered too
    loading = threading.Event()
    real = Backend.library_rows

    def waiting(self: Backend, reload: bool = True) -> object:
        assert loading.wait(10)
        return real(self, reload)

    monkeypatch.setattr(Backend, "library_rows", waiting)
    written = entry_path().stat().st_mtime_ns
    early, title = await first_rows(db, folder, loading)
    assert early == counted  # status, counts and last quiz, before the decks are loaded
    assert "counting" not in title
    assert entry_path().stat().st_mtime_ns == written  # the same counts: not written again


async def test_a_change_to_the_history_hides_them(
    tmp_path: Path, folder: Path, held: threading.Event
) -> None:
    db = tmp_path / "h.sqlite3"
    SqliteStore.open(db).close()
    held.set()
    before = await shown(db, folder)
    store = SqliteStore.open(db)  # another process answers a card meanwhile
    due = int(NOW.timestamp() * 1000) - 60_000
    store.put_card_state(CardState("minimal", before_id(folder), state=REVIEW, due_ms=due))
    store.close()
    held.clear()
    early, title = await first_rows(db, folder, held)
    assert {row[3] for row in early} == {"…"} and "counting" in title
    after = await shown(db, folder)
    assert after != before  # the review now due is counted


def before_id(folder: Path) -> str:
    """An item id of the smallest deck."""
    [loaded] = [d for d in load_paths([folder]) if d.id == "minimal"]
    assert loaded.deck is not None
    return loaded.deck.items()[0].id


async def test_a_start_view_that_fails_is_no_start_failure(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached rows are a head start: a data folder they cannot be read from changes nothing."""

    def unreadable(self: Backend) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Backend, "previews", unreadable)
    db = tmp_path / "h.sqlite3"
    SqliteStore.open(db).close()
    rows = await shown(db, folder)
    assert len(rows) == 2 and all(row[3] != "…" for row in rows)


async def test_the_counts_left_at_exit_come_with_the_next_start(
    tmp_path: Path, folder: Path, held: threading.Event
) -> None:
    """A study session changes the history; the app counts it again as it leaves."""
    db = tmp_path / "h.sqlite3"
    SqliteStore.open(db).close()
    held.set()
    app = build_app(db, folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # an answer committed during the session (as the study screen does, on the I/O thread)
        due = int(NOW.timestamp() * 1000) - 60_000
        state = CardState("minimal", before_id(folder), state=REVIEW, due_ms=due)
        backend = app.backend
        await backend.run(backend.store.put_card_state, state)
    held.clear()
    early, title = await first_rows(db, folder, held)
    assert "counting" not in title
    assert early == await shown(db, folder)  # what the history says now
    assert [row[5] for row in early if "smallest" in row[1]] == ["1"]  # the review due
