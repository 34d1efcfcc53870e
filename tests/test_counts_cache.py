"""The home screen's remembered counts: used only while nothing they depend on changed."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.core import counts_cache
from quizapp.core.counts_cache import DeckCounts, entry_path, key, read, true_until, write
from quizapp.core.store.protocol import REVIEW, CardState
from quizapp.core.store.sqlite import SqliteStore
from tests.conftest import DATA
from tests.storekit import UTC_CONFIG

COUNTS = {"minimal": DeckCounts(3, 1, 2, 0.75, 1_000)}


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "minimal.toml"
    shutil.copy(DATA / "good" / "minimal.toml", path)
    return path


@pytest.fixture
def history(quizapp_home: Path) -> Path:
    """The default history file, created by the store (and closed)."""
    SqliteStore.open().close()
    return quizapp_home / "history.sqlite3"


def test_counts_are_read_back_while_they_hold(history: Path, deck: Path) -> None:
    entry = key(None, [("minimal", deck)])
    assert entry is not None
    write(entry, 1_000, 2_000, COUNTS)
    assert read(key(None, [("minimal", deck)]), 1_000) == COUNTS
    assert read(entry, 1_999) == COUNTS
    assert read(entry, 2_000) is None  # a review fell due, or a new study day began
    assert read(entry, 999) is None  # a clock set back


def test_no_history_no_key(quizapp_home: Path, deck: Path) -> None:
    assert key(None, [("minimal", deck)]) is None


def test_a_history_on_a_server_is_never_cached(
    history: Path, deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", "postgresql://someone@somewhere/db")
    assert key(None, [("minimal", deck)]) is None


def _commit(history: Path, deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SqliteStore.open(history)
    store.set_setting("theme", "nord")
    store.close()


def _commit_open(history: Path, deck: Path, monkeypatch: pytest.MonkeyPatch) -> SqliteStore:
    store = SqliteStore.open(history)
    store.set_setting("theme", "nord")  # still in the write-ahead log: the store stays open
    return store


def _config(history: Path, deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (history.parent / "config.toml").write_text("day_rollover_hour = 3\n", encoding="utf-8")


def _deck_saved(history: Path, deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    os.utime(deck, ns=(os.stat(deck).st_atime_ns, os.stat(deck).st_mtime_ns + 1_000_000_000))


def _zone(history: Path, deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Auckland")


def _code(history: Path, deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(counts_cache, "code_fingerprint", lambda: "other code")


@pytest.mark.parametrize(
    "change",
    [_commit, _commit_open, _config, _deck_saved, _zone, _code],
    ids=["commit", "commit-in-log", "config", "deck-saved", "time-zone", "code"],
)
def test_any_change_they_depend_on_is_a_miss(
    history: Path,
    deck: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path, Path, pytest.MonkeyPatch], SqliteStore | None],
) -> None:
    entry = key(None, [("minimal", deck)])
    assert entry is not None
    write(entry, 1_000, 2_000, COUNTS)
    assert read(key(None, [("minimal", deck)]), 1_500) == COUNTS
    still_open = change(history, deck, monkeypatch)
    try:
        assert read(key(None, [("minimal", deck)]), 1_500) is None
    finally:
        if still_open is not None:
            still_open.close()


def test_another_set_of_decks_is_a_miss(history: Path, deck: Path, tmp_path: Path) -> None:
    entry = key(None, [("minimal", deck)])
    assert entry is not None
    write(entry, 1_000, 2_000, COUNTS)
    other = tmp_path / "other.toml"
    shutil.copy(deck, other)
    assert read(key(None, [("minimal", deck), ("other", other)]), 1_500) is None
    assert read(key(None, [("renamed", deck)]), 1_500) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "[]",
        '{"key": null}',
        "\x00" * 50,
        "KEY 1000 2000 {}",  # the key and times, but not the counts
        'KEY 1000 2000 {"minimal": [-1, 0, 0, null, null]}',
        'KEY 1000 2000 {"minimal": ["3", 0, 0, null, null]}',
        'KEY 1000 2000 {"minimal": [3, 0, 0, "high", null]}',
        'KEY 1000 2000 {"minimal": [3, 0, 0, null, 1.5]}',
        'KEY 1000 2000 {"minimal": [3, 0]}',
        'KEY 1000 2000 {"minimal": 3}',
        'KEY "1000" 2000 {"minimal": [3, 0, 0, null, null]}',
        'KEY 1000 2000 {"minimal": [3, 0, 0, null, null], "gone": [1, 0, 0, null, null]}',
    ],
)
def test_a_damaged_entry_is_a_miss(history: Path, deck: Path, text: str) -> None:
    entry = key(None, [("minimal", deck)])
    assert entry is not None
    if text.startswith("KEY "):
        import json

        _, taken, until, counts = text.split(" ", 3)
        text = (
            f'{{"key": {json.dumps(entry)}, "taken_ms": {taken}, "until_ms": {until}, '
            f'"counts": {counts}}}'
        )
    entry_path().parent.mkdir(parents=True, exist_ok=True)
    entry_path().write_text(text, encoding="utf-8")
    assert read(entry, 1_500) is None


def test_a_sound_hand_written_entry_is_read(history: Path, deck: Path) -> None:
    """The shape the damaged entries above depart from, so that each of them can fail."""
    import json

    entry = key(None, [("minimal", deck)])
    entry_path().parent.mkdir(parents=True, exist_ok=True)
    entry_path().write_text(
        json.dumps(
            {
                "key": entry,
                "taken_ms": 1000,
                "until_ms": 2000,
                "counts": {"minimal": [3, 0, 0, None, None]},
            }
        ),
        encoding="utf-8",
    )
    assert read(entry, 1_500) == {"minimal": DeckCounts(3, 0, 0, None, None)}


def test_an_unwritable_cache_folder_is_no_error(
    history: Path, deck: Path, quizapp_home: Path
) -> None:
    (quizapp_home / "cache").write_text("a file where the folder would be", encoding="utf-8")
    entry = key(None, [("minimal", deck)])
    assert entry is not None
    write(entry, 1_000, 2_000, COUNTS)
    assert read(entry, 1_500) is None


NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def test_true_until_the_next_review_due_today_or_the_next_day(history: Path) -> None:
    store = SqliteStore.open(history)
    try:
        next_day = _ms(UTC_CONFIG.next_day_start(NOW))
        assert true_until(store, ["d"], NOW, UTC_CONFIG) == next_day
        for item, due in (("late", NOW + timedelta(hours=3)), ("soon", NOW + timedelta(hours=1))):
            store.put_card_state(CardState("d", item, state=REVIEW, due_ms=_ms(due)))
        store.put_card_state(CardState("d", "past", state=REVIEW, due_ms=_ms(NOW) - 5))
        store.put_card_state(CardState("other", "x", state=REVIEW, due_ms=_ms(NOW) + 10))
        assert true_until(store, ["d"], NOW, UTC_CONFIG) == _ms(NOW + timedelta(hours=1))
    finally:
        store.close()


def test_an_unreadable_config_is_no_key(history: Path, deck: Path, quizapp_home: Path) -> None:
    (quizapp_home / "config.toml").mkdir()
    assert key(None, [("minimal", deck)]) is None
