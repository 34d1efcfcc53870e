"""The home screen's counts remembered until anything they depend on changes.

Counting a deck's cards for today needs the deck models (pydantic), the
scheduler and the history: half a second at start, after the rows are shown.
Yet between two starts the counts rarely change: they depend on the deck
files, the config, the history, the code and the clock. So the counts last
shown are kept in ``<data dir>/cache/home-counts.json`` with a key made of all of
those, and read with the standard library alone before the deck models are
imported:

- every deck file's resolved path, size and modification time (ns), as the
  cache of validated decks keys them (its previews, which come with these
  counts, have already checked each file's content hash);
- the history file's and its write-ahead log's size and modification time (a
  log of no bytes is no log: opening the history creates one); every commit
  changes the log, and a checkpoint the file;
- the config file's hash, the time zone (``$TZ`` and ``/etc/localtime``) and a
  hash of the quizapp version and of the sources that count;
- the moment the counts were taken and when they stop being true by time
  alone (the next review due today, or the next study day).

The entry is written only when the history's and the decks' files did not
change while the counts were taken. It is data anyone with access to the data
folder could write: a damaged, foreign or stale entry is a miss, and the
counts taken by the history right after replace whatever was shown.
A history on a server (``database_url``) is never cached.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp.core.paths import config_path, data_dir, database_path
from quizapp.core.source_hash import hash_sources

if TYPE_CHECKING:
    from quizapp.core.config import Config
    from quizapp.core.store.protocol import Store

ENTRY_FORMAT = 1
MAX_ENTRY = 1_000_000
DATABASE_URL_ENV = "QUIZAPP_DATABASE_URL"

# The sources that count, beside those that decide a deck (the cache of validated decks'
# fingerprint, already computed for the previews): a working copy's edit makes entries stale.
_COUNTING = (
    "study_counts.py",
    "study_queue.py",
    "config.py",
    "clock.py",
    "scheduling.py",
    "optimizer/saved.py",
    "store/protocol.py",
    "store/sqlite.py",
    "store/sqlite_counts.py",
    "store/sqlite_quizzes.py",
)


@dataclass(frozen=True)
class DeckCounts:
    """One deck's row as the home screen shows it: today's counts and the last quiz."""

    new: int
    learning: int
    review: int
    last_score: float | None
    last_quiz_ms: int | None


def entry_path() -> Path:
    return data_dir() / "cache" / "home-counts.json"


@functools.cache
def code_fingerprint() -> str:
    """A hash of the quizapp version and of the sources that load and count a deck."""
    from quizapp.core.deck_index import code_fingerprint as deck_code

    fingerprint = hashlib.blake2b(f"{deck_code()}\0{ENTRY_FORMAT}".encode(), digest_size=16)
    hash_sources(fingerprint, Path(__file__).resolve().parent, _COUNTING)
    return fingerprint.hexdigest()


def _file(path: Path) -> list[int] | None:
    """Size and modification time of a file, None when absent (or empty, for the log)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return [info.st_size, info.st_mtime_ns] if info.st_size else None


def key(store_path: Path | None, decks: Sequence[tuple[str, Path]]) -> dict[str, Any] | None:
    """What the counts of these decks (id, file) depend on, or None when they are not cached."""
    if os.environ.get(DATABASE_URL_ENV):
        return None
    history = (store_path or database_path()).absolute()
    try:
        config: bytes | None = config_path().read_bytes()
    except FileNotFoundError:
        config = None
    except OSError:  # a config that cannot be read: the load says why
        return None
    try:
        database = _file(history)
        if database is None:  # no history yet: nothing worth remembering
            return None
        files = []
        for deck_id, path in sorted(decks, key=lambda deck: (deck[0], str(deck[1]))):
            resolved = path.resolve()
            files.append([deck_id, str(resolved), _file(resolved)])
        zone = os.path.realpath("/etc/localtime")
    except OSError:
        return None
    return {
        "cache": ENTRY_FORMAT,
        "code": code_fingerprint(),
        "history": [str(history), database, _file(history.with_name(history.name + "-wal"))],
        "config": None if config is None else hashlib.blake2b(config, digest_size=20).hexdigest(),
        "zone": [os.environ.get("TZ"), zone],
        "decks": files,
    }


def read(expected: dict[str, Any] | None, now_ms: int) -> dict[str, DeckCounts] | None:
    """The remembered counts by deck id, when the entry has this key and is still true now."""
    if expected is None:
        return None
    try:
        with open(entry_path(), "rb") as handle:
            entry = json.loads(handle.read(MAX_ENTRY))
        if not isinstance(entry, dict) or entry.get("key") != expected:
            return None
        taken, until, counts = entry["taken_ms"], entry["until_ms"], entry["counts"]
        if not (type(taken) is int and type(until) is int and taken <= now_ms < until):
            return None
        found = {deck_id: DeckCounts(*row) for deck_id, row in counts.items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if set(found) != {deck[0] for deck in expected["decks"]} or not all(
        _sound(row) for row in found.values()
    ):
        return None
    return found


def _sound(row: DeckCounts) -> bool:
    counts = (row.new, row.learning, row.review)
    return (
        all(type(n) is int and n >= 0 for n in counts)
        and (row.last_score is None or type(row.last_score) in (int, float))
        and (row.last_quiz_ms is None or type(row.last_quiz_ms) is int)
    )


def write(
    entry_key: dict[str, Any],
    taken_ms: int,
    until_ms: int,
    counts: dict[str, DeckCounts],
) -> None:
    """Remember the counts (atomically); a folder that cannot be written is no error."""
    from quizapp.core.atomic import atomic_write_bytes

    entry = {
        "key": entry_key,
        "taken_ms": taken_ms,
        "until_ms": until_ms,
        "counts": {
            deck_id: [row.new, row.learning, row.review, row.last_score, row.last_quiz_ms]
            for deck_id, row in counts.items()
        },
    }
    target = entry_path()
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, json.dumps(entry).encode())


def true_until(store: Store, deck_ids: Sequence[str], now: datetime, config: Config) -> int:
    """When counts taken at ``now`` stop being true by time alone (epoch ms).

    The next study day (new cards, limits, burials and learning steps turn
    over), or sooner the first review of these decks that falls due today.
    """
    from quizapp.core.clock import to_ms

    now_ms = to_ms(now)
    until = to_ms(config.next_day_start(now))
    for deck_id in deck_ids:
        for state in store.due_states(deck_id, until):
            if state.due_ms is not None and now_ms < state.due_ms < until:
                until = state.due_ms
    return until
