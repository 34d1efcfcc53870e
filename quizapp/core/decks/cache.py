"""A cache of validated decks, so that a start does not parse and validate every deck again.

Parsing a deck file and validating every card costs several times more than
reading it, on every start and every command. A deck file that has not
changed since it was last found valid is instead rebuilt from a cache entry
in ``<data dir>/cache/decks/``, one file per deck file.

**When an entry is used.** Its key must match all of: the deck file's
resolved path, size, modification time (ns) and BLAKE2 hash of its bytes
(read anyway: a file changed within the same second, at the same size, is
still seen), the quizapp version, a fingerprint of the code that decides
what a valid deck is (the sources of the models, the loader and the answer
checker, and the translations of its messages: a changed field, limit or
check makes every entry stale), the interface's language and, for a deck
that quotes a ``source`` file, that file's size, time and hash. An entry
written without running the cards' ``examples`` does not answer
``quizapp check``, which runs them. Only decks without errors are cached
(with their warnings, which ``quizapp check`` still prints).

**Never trusted.** A cache file is data anyone with access to the data
folder could write, so the format is one that cannot run code when read
(not pickle): one line of JSON for the key, then the parsed deck file as
JSON, which pydantic validates again against the same strict models as a
deck file (``Deck.model_validate_json``, in Rust: JSON parses several times
faster than TOML, and the validation is no weaker than a deck file's).
Warm, a deck costs a read, a hash and that validation: about half of what
``tomli.loads`` alone costs. A damaged, truncated, foreign or stale entry
is simply a miss: the deck is loaded from its file and the entry is written
again, atomically (:mod:`quizapp.core.atomic`), so a reader never sees half
of one. The entry is written in a background thread after the deck is handed
back (the item count, the JSON, the write and its fsync are over a third of
a cold load): a process that ends normally waits for it, a killed one leaves
no entry or a whole one, and a load in the process waits for the entries
being written first. Nothing about the cache ever fails a load: a data folder that
cannot be written just means no cache.

The deck's TOML text is parsed again only if a key must be located in it
(a card's line for the editor, a deck id used twice): :class:`UnparsedSource`.
The key line also holds the deck's id, title and number of items, which
:func:`quizapp.core.deck_index.previews` reads without pydantic for the
deck table's first rows. At most :data:`MAX_ENTRIES` entries are kept.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import tomli
from pydantic import BaseModel, ConfigDict, Field

import quizapp
from quizapp.core.atomic import atomic_write_bytes
from quizapp.core.deck_index import CACHE_FORMAT, code_fingerprint, entry_path
from quizapp.core.deck_index import digest as hash_of
from quizapp.core.decks.checks import MAX_SOURCE_BYTES
from quizapp.core.decks.loader import DeckReport, inspect_bytes
from quizapp.core.decks.locations import DeckSource
from quizapp.core.decks.reading import MAX_DECK_BYTES, decode, read_deck_bytes, read_regular_file
from quizapp.core.i18n import current_language
from quizapp.core.models import Deck
from quizapp.core.problems import Problem

# A dependency's state: (resolved path, size, mtime_ns, BLAKE2), or size -1 when unreadable.
Dependency = tuple[str, int, int, str]
# A cached warning: (line, column, message); a cached deck never has errors.
CachedWarning = tuple[int | None, int | None, str]


class CacheKey(BaseModel):
    """The first line of an entry: what it was made from. Every field must match to use it."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    cache: Literal[1]
    app: str
    code: str
    language: str  # of the interface: the warnings are cached as words
    path: str
    size: int
    mtime_ns: int
    blake2b: str
    body: str  # BLAKE2 of the deck's JSON that follows: a damaged or swapped one is a miss
    deck_id: str  # these three let the deck table show its rows before pydantic is loaded
    title: str
    items: int
    examples: bool
    depends: list[Dependency] = Field(max_length=16)
    warnings: list[CachedWarning] = Field(max_length=1_000_000)


def _dependency(path: Path) -> Dependency:
    """The state of a file a deck depends on (its ``source``), as the loader reads it."""
    resolved = path.resolve()
    try:
        info = os.lstat(resolved)
    except OSError:
        return (str(resolved), -1, -1, "")
    if not stat.S_ISREG(info.st_mode):
        return (str(resolved), -1, info.st_mode, "")
    data, _ = read_regular_file(resolved, MAX_SOURCE_BYTES, follow_links=False)
    digest = hash_of(data) if data is not None else ""
    return (str(resolved), info.st_size, info.st_mtime_ns, digest)


def _dependencies(deck_path: Path, deck: Deck) -> list[Dependency]:
    source = deck.deck.source
    return [] if source is None else [_dependency(deck_path.parent / source.path)]


class UnparsedSource(DeckSource):
    """The source of a deck that came from the cache: its text is parsed only when needed.

    ``data`` (the parsed TOML) is what locating a key and naming a card need;
    a deck from the cache is valid, so most runs never ask for it.
    """

    def __init__(self, path: Path, text: str) -> None:
        self._data: dict[str, Any] | None = None
        self._parsed = False
        super().__init__(path, text)

    @property
    def data(self) -> dict[str, Any] | None:
        if not self._parsed:
            self._parsed = True
            try:
                self._data = tomli.loads(self.text)
            except Exception:  # the file was valid when cached; locating is a nicety
                self._data = None
        return self._data

    @data.setter
    def data(self, value: dict[str, Any] | None) -> None:
        if value is not None:
            self._data, self._parsed = value, True


def _lookup(path: Path, resolved: Path, info: os.stat_result, digest: str, text: str,
            examples: bool) -> DeckReport | None:  # fmt: skip
    """The deck from its cache entry when every part of the key matches, else None."""
    entry, _ = read_regular_file(
        entry_path(resolved), 4 * MAX_DECK_BYTES + 1_000_000, follow_links=False
    )
    if entry is None:
        return None
    head, newline, body = entry.partition(b"\n")
    if not newline:
        return None
    key = CacheKey.model_validate_json(head)
    if (
        key.app != quizapp.__version__
        or key.code != code_fingerprint()
        or key.language != current_language()
        or key.path != str(resolved)
        or key.size != info.st_size
        or key.mtime_ns != info.st_mtime_ns
        or key.blake2b != digest
        or (examples and not key.examples)
        or key.body != hash_of(body)
    ):
        return None
    deck = Deck.model_validate_json(body)
    if key.depends != _dependencies(path, deck):
        return None
    name = str(path)
    problems = [
        Problem(name, line, column, "warning", message) for line, column, message in key.warnings
    ]
    return DeckReport(path, deck, problems, UnparsedSource(path, text))


def _store(resolved: Path, info: os.stat_result, digest: str, report: DeckReport,
           examples: bool, depends: list[Dependency],
           made_by: tuple[str, str, str], target: Path) -> None:  # fmt: skip
    """Write the entry of a deck that loaded without errors (atomically; failures ignored)."""
    deck = report.deck
    if deck is None or report.errors:
        return
    # The parsed TOML as the author wrote it, validated again on reading exactly as
    # it was the first time: the same model, defaults and number types (a card's
    # content hash depends on them). One line: JSON escapes every newline.
    data = report.source.data if report.source is not None else None
    if data is None:
        return
    deck_bytes = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    key = CacheKey(
        cache=CACHE_FORMAT,
        app=made_by[0],
        code=made_by[1],
        language=made_by[2],
        path=str(resolved),
        size=info.st_size,
        mtime_ns=info.st_mtime_ns,
        blake2b=digest,
        body=hash_of(deck_bytes),
        deck_id=deck.deck.id,
        title=deck.deck.title,
        items=len(deck.items()),
        examples=examples,
        depends=depends,
        warnings=[(p.line, p.column, p.message) for p in report.problems],
    )
    payload = key.model_dump_json().encode() + b"\n" + deck_bytes
    target.parent.mkdir(parents=True, exist_ok=True)
    # An explicit mode: finding the umask would briefly change it under the main thread.
    atomic_write_bytes(target, payload, permissions=ENTRY_MODE)


ENTRY_MODE = 0o600
"""Entries hold the user's decks: readable by the user alone."""

_pending: queue.Queue[Callable[[], None]] = queue.Queue()
_writer_lock = threading.Lock()
_writer: threading.Thread | None = None
_written: dict[Path, threading.Event] = {}  # set once the last entry handed for a path is done


def _write_entries() -> None:
    """The writer thread: write each entry handed to it, in order, forever."""
    while True:
        write = _pending.get()
        try:
            write()
        finally:
            _pending.task_done()


def _start_writer() -> None:
    """Start the writer thread once, before the first parse: it then waits for work.

    Started early, its start costs the caller no wait behind a thread already
    busy writing. A daemon, so an idle writer never holds the process; the
    process waits at exit for the entries handed to it (:func:`wait_for_entries`).
    """
    global _writer
    with _writer_lock:
        if _writer is None or not _writer.is_alive():
            _writer = threading.Thread(
                target=_write_entries, name="quizapp deck cache entries", daemon=True
            )
            _writer.start()
            atexit.register(wait_for_entries)


def _store_later(resolved: Path, info: os.stat_result, digest: str, report: DeckReport,
                 examples: bool) -> None:  # fmt: skip
    """Hand the entry to the writer thread, so the caller has the deck at once.

    One writer, one entry at a time: two writes of one entry never overlap.
    """
    if report.deck is None or report.errors:
        return
    # The source file as it is now, right after the deck was checked against it:
    # read later, a source changed meanwhile would be recorded as checked.
    # So are the version, code and language that made it.
    try:
        depends = _dependencies(report.path, report.deck)
        made_by = (quizapp.__version__, code_fingerprint(), current_language())
    except Exception:  # only a cache
        return

    target = entry_path(resolved)  # in the data folder of now, not of when it is written
    done = threading.Event()

    def write() -> None:
        try:
            # No cache (a read-only or full disk) is fine: it is only a cache.
            with contextlib.suppress(Exception):
                _store(resolved, info, digest, report, examples, depends, made_by, target)
                _prune(target.parent)
        finally:
            done.set()
            with _writer_lock:
                if _written.get(target) is done:
                    del _written[target]

    _start_writer()
    with _writer_lock:
        _written[target] = done
    _pending.put(write)


def wait_for_entries(target: Path | None = None) -> None:
    """Wait until the entry of ``target`` (or every entry) handed to the writer is on disk.

    Or failed: either way, no longer being written.
    """
    if _writer is None or not _writer.is_alive():
        return
    if target is None:
        _pending.join()
        return
    with _writer_lock:
        done = _written.get(target)
    if done is not None:
        done.wait()


def inspect_deck_cached(
    path: Path | str, *, max_bytes: int = MAX_DECK_BYTES, examples: bool = False
) -> DeckReport:
    """What :func:`quizapp.core.decks.inspect_deck` says, from the cache when it may.

    The file is always read (its hash is part of the key); only the parse,
    the validation and the checks are saved.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError:
        info = None
    data, error = read_deck_bytes(path, max_bytes)
    if data is None:
        return DeckReport(
            path, None, [Problem(str(path), None, None, "error", error or "unreadable")]
        )
    text, _ = decode(data)
    if info is None or text is None or not stat.S_ISREG(info.st_mode):
        return inspect_bytes(data, path, examples=examples)
    digest = hash_of(data)
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a loop of links: no cache for this path
        return inspect_bytes(data, path, examples=examples)
    wait_for_entries(entry_path(resolved))  # this file's entry being written
    try:
        hit = _lookup(path, resolved, info, digest, text, examples)
    except Exception:  # a damaged or foreign entry is a miss, never a failed load
        hit = None
    if hit is not None:
        return hit
    _start_writer()
    report = inspect_bytes(data, path, examples=examples)
    _store_later(resolved, info, digest, report, examples)
    return report


MAX_ENTRIES = 256


def _prune(folder: Path) -> None:
    """Keep the :data:`MAX_ENTRIES` entries written last: deck files checked under passing
    names (an editor's temporary copies) must not grow the cache without end."""
    keep = MAX_ENTRIES
    entries = [(entry.stat().st_mtime_ns, entry) for entry in folder.glob("*.json")]
    if len(entries) <= keep:
        return
    for _, entry in sorted(entries)[: len(entries) - keep]:
        entry.unlink(missing_ok=True)
