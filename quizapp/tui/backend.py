"""The TUI's single door to the disk and the database.

Every call that reads deck files or touches the SQLite store runs on one
dedicated thread, owned by ``Backend``. Screens call ``await backend.run(fn)``
from async workers (``@work``), so the event loop never waits on I/O and the
SQLite connection is only ever used by the thread that opened it (the store
is single-threaded by contract). One thread also serializes writes, so an
answer is committed before the next card is fetched.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from quizapp.core.clock import from_ms

if TYPE_CHECKING:
    from quizapp.core.deck_index import DeckPreview

    # The deck models (pydantic), the library and the store are imported by the
    # methods that use them, on the I/O thread: the first frame paints without them.
    from quizapp.core.library import LoadedDeck
    from quizapp.core.models import Deck
    from quizapp.core.problems import Problem
    from quizapp.core.store import QuizSession, Store

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class DeckRow:
    """What the home screen shows for one deck file (loaded or not).

    The counts are those of ``quizapp due``: ``learning`` steps due today,
    ``review`` cards due now, ``new`` cards for today; :attr:`due` is
    learning + review, the one meaning of "due" on every screen and command.
    """

    loaded: LoadedDeck
    cards: int = 0
    new: int = 0
    learning: int = 0
    review: int = 0
    last_score: float | None = None
    last_quiz: datetime | None = None
    # False while the counts and the last quiz are still being read (the row
    # is shown as soon as its deck is loaded, and filled in after).
    counted: bool = True

    @property
    def due(self) -> int:
        """Cards to study now: learning steps due today and reviews due now."""
        return self.learning + self.review

    @property
    def ok(self) -> bool:
        return self.loaded.ok

    @property
    def deck(self) -> Deck | None:
        """The deck, only when it can be studied (loaded without errors)."""
        return self.loaded.deck if self.loaded.ok else None

    @property
    def key(self) -> str:
        """A stable row key: the deck id, or the file path of a deck that failed to load."""
        return self.loaded.id if self.loaded.ok else str(self.loaded.path)

    @property
    def first_error(self) -> Problem | None:
        errors = self.loaded.errors
        return errors[0] if errors else None


class Backend:
    """Owns the store and the deck list; all its methods (but ``run``) run on the I/O thread."""

    def __init__(
        self,
        *,
        extra_paths: Sequence[Path] = (),
        deck_paths: Sequence[Path] | None = None,
        store_path: Path | None = None,
        now: Callable[[], datetime] | None = None,
        notices: Sequence[str] = (),
    ) -> None:
        self.extra_paths = [Path(p) for p in extra_paths]
        self.deck_paths = None if deck_paths is None else [Path(p) for p in deck_paths]
        self.store_path = store_path
        self.now = now or utcnow
        self.notices = list(notices)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quizapp-io")
        self._store: Store | None = None
        self._told: set[Path] = set()
        self.library: list[LoadedDeck] = []

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn`` on the I/O thread and await its result without blocking the UI."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Start ``fn`` on the I/O thread now, from any thread (before the event loop runs)."""
        return self._executor.submit(fn, *args)

    def take_notices(self) -> list[str]:
        """The notices given at start (once: taking them empties the list)."""
        notices, self.notices = self.notices, []
        return notices

    # --- everything below runs on the I/O thread -------------------------------------------

    @property
    def store(self) -> Store:
        """The store (SQLite, or the configured server), opened lazily on the I/O thread."""
        if self._store is None:
            from quizapp.core.store import open_store

            self._store = open_store(self.store_path)
        return self._store

    def load(self) -> list[LoadedDeck]:
        """(Re)load the deck files from disk, as every command does (see :mod:`.library`)."""
        from quizapp.core.library import load_library, load_paths

        if self.deck_paths is not None:
            self.library = load_paths(self.deck_paths)
        else:
            self.library = load_library(self.extra_paths)
        return self.library

    def previews(self) -> list[DeckPreview] | None:
        """The decks' titles and sizes from the cache of validated decks, if all are there.

        Read with the standard library alone, before the deck models are even
        imported: the table shows these while the decks load.
        """
        from quizapp.core.deck_index import library_roots, previews

        roots = self.deck_paths if self.deck_paths is not None else library_roots(self.extra_paths)
        return previews(roots)

    def library_rows(self, reload: bool = True) -> list[DeckRow]:
        """The home screen's table before its counts: every deck and its number of cards.

        Loading the decks (from the cache of validated decks, usually) is
        quick; the counts need the history and the scheduler, so the table
        shows these rows first and :meth:`deck_rows` fills them in.
        """
        if reload or not self.library:
            self.load()
        return [
            DeckRow(
                loaded=loaded,
                cards=len(loaded.deck.items()) if loaded.ok and loaded.deck else 0,
                counted=False,
            )
            for loaded in self.library
        ]

    def deck_rows(self, reload: bool = True) -> list[DeckRow]:
        """The home screen's table: every deck with its counts and its last quiz."""
        from quizapp.core.config import load_config
        from quizapp.core.study import deck_counts

        if reload or not self.library:
            self.load()
        rows: list[DeckRow] = []
        now = self.now()
        config = load_config()  # read once for every deck's counts
        for loaded in self.library:
            deck = loaded.deck if loaded.ok else None
            if deck is None:
                rows.append(DeckRow(loaded=loaded))
                continue
            counts = deck_counts(self.store, deck, now, config)
            last = self._last_finished_quiz(deck.deck.id)
            rows.append(
                DeckRow(
                    loaded=loaded,
                    cards=len(deck.items()),
                    new=counts.new,
                    learning=counts.learning,
                    review=counts.review,
                    last_score=None if last is None else last.score,
                    last_quiz=None if last is None else quiz_time(last),
                )
            )
        return rows

    def _last_finished_quiz(self, deck_id: str) -> QuizSession | None:
        """The last quiz taken to the end: an abandoned one's score is over a few
        questions and would read like a real result in the "Last quiz" column."""
        finished = [q for q in self.store.quiz_sessions(deck_id=deck_id) if not q.abandoned]
        return max(finished, key=quiz_time) if finished else None

    def examples_notices(self, decks: Sequence[LoadedDeck]) -> list[str]:
        """What to say before studying these decks about their failing examples, once a deck."""
        from quizapp.core.library import examples_notice

        notices = []
        for loaded in decks:
            if loaded.path in self._told:
                continue
            self._told.add(loaded.path)
            notice = examples_notice(loaded)
            if notice is not None:
                notices.append(notice)
        return notices

    def reload_deck(self, path: Path) -> LoadedDeck:
        """Load one deck file again (after an edit) and put it in the library."""
        from quizapp.core.library import load_deck_file

        fresh = load_deck_file(path)
        self.library = [fresh if ld.path == fresh.path else ld for ld in self.library]
        self._told.discard(path)
        return fresh

    def get_setting(self, key: str) -> str | None:
        return self.store.get_setting(key)

    def set_setting(self, key: str, value: str) -> None:
        self.store.set_setting(key, value)

    def quiz_history(self, deck_id: str) -> list[QuizSession]:
        return list(self.store.quiz_sessions(deck_id=deck_id))

    def close_store(self) -> None:
        """Close the store (I/O thread); the next use opens it again."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        """Close the store on its own thread, then stop the thread."""
        self._executor.submit(self.close_store).result()
        self._executor.shutdown(wait=True)


def quiz_time(quiz: QuizSession) -> datetime:
    """When a quiz finished (or, still running, started)."""
    return from_ms(quiz.finished_ms if quiz.finished_ms is not None else quiz.started_ms)
