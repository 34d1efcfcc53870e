"""What the home screen shows before the decks are loaded, and what it remembers for next time.

At start the deck table shows each deck's title and size from the cache of
validated decks (:func:`quizapp.core.deck_index.previews`) and, when nothing
they depend on changed, the counts shown last time
(:mod:`quizapp.core.counts_cache`), both read with the standard library
alone. The app starts reading them on the I/O thread as soon as it is built,
so they are usually there for the first frame. The decks then load and are
counted as always, and what is counted replaces what was remembered.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quizapp.core import counts_cache
from quizapp.core.clock import from_ms, to_ms
from quizapp.core.counts_cache import DeckCounts

if TYPE_CHECKING:
    from quizapp.core.deck_index import DeckPreview
    from quizapp.tui.backend import Backend, DeckRow


@dataclass(frozen=True)
class StartView:
    """The decks' previews, the key of their counts taken before the history was opened,
    and the remembered counts by deck id when that key still holds."""

    previews: list[DeckPreview] | None = None
    key: dict[str, Any] | None = None
    counts: dict[str, DeckCounts] | None = None


def start_view(backend: Backend) -> StartView:
    """Read on the I/O thread, before the deck models are imported.

    Nothing here may stop a start: a data folder that cannot be read just
    means nothing to show before the decks are loaded (which then says why).
    """
    try:
        previews = backend.previews()
        if not previews:
            return StartView(previews)
        key = counts_cache.key(backend.store_path, [(p.deck_id, p.path) for p in previews])
        return StartView(previews, key, counts_cache.read(key, to_ms(backend.now())))
    except (OSError, ValueError):
        return StartView()


def with_counts(rows: list[DeckRow], counts: dict[str, DeckCounts] | None) -> list[DeckRow]:
    """Rows still to be counted, given the remembered counts of their decks."""
    if not counts:
        return rows
    return [
        dataclasses.replace(
            row,
            new=found.new,
            learning=found.learning,
            review=found.review,
            last_score=found.last_score,
            last_quiz=None if found.last_quiz_ms is None else from_ms(found.last_quiz_ms),
            counted=True,
        )
        if row.ok and not row.counted and (found := counts.get(row.key)) is not None
        else row
        for row in rows
    ]


def counted_rows(backend: Backend, view: StartView) -> list[DeckRow]:
    """The rows with their counts (I/O thread), remembered when nothing changed meanwhile.

    ``view.key`` is the counts' key taken before the history was opened: the
    counts are written only when the key taken after them is the same (and
    not written again when they are the ones the start showed).
    """
    began = backend.now()
    rows = backend.deck_rows(False)
    if view.key is not None and rows and all(row.ok for row in rows):
        counts = {row.key: _counts_of(row) for row in rows}
        if counts != view.counts:
            _remember(backend, view.key, to_ms(began), rows, counts)
    return rows


def _counts_of(row: DeckRow) -> DeckCounts:
    last_quiz = None if row.last_quiz is None else to_ms(row.last_quiz)
    return DeckCounts(row.new, row.learning, row.review, row.last_score, last_quiz)


def _remember(
    backend: Backend,
    before: dict[str, Any],
    began_ms: int,
    rows: list[DeckRow],
    counts: dict[str, DeckCounts],
) -> None:
    from quizapp.core.config import load_config
    from quizapp.core.store.protocol import StoreError
    from quizapp.core.store.sqlite import SqliteStore

    store = backend.store
    decks = [(row.key, row.loaded.path) for row in rows]
    if not isinstance(store, SqliteStore) or counts_cache.key(backend.store_path, decks) != before:
        return
    try:
        until = counts_cache.true_until(
            store, [row.key for row in rows], from_ms(began_ms), load_config()
        )
    except StoreError:
        return
    counts_cache.write(before, to_ms(backend.now()), until, counts)


def remember_at_exit(backend: Backend) -> None:
    """The counts of the history as the app leaves it, for the next start (I/O thread).

    Counts taken while the app runs are keyed by a history that closing it
    changes (its log is written back into the file), so the start after a
    study session would miss them. At exit the history is closed, its key
    taken, and it is opened again to count: reading it changes neither file.
    Nothing here may stop the exit.
    """
    from quizapp.core.store.protocol import StoreError

    library = backend.library
    if not library or not all(loaded.ok for loaded in library):
        return
    try:
        backend.close_store()
        before = counts_cache.key(backend.store_path, [(ld.id, ld.path) for ld in library])
        if before is not None:  # (not written again when the entry says the same)
            known = counts_cache.read(before, to_ms(backend.now()))
            counted_rows(backend, StartView(key=before, counts=known))
    except (StoreError, OSError):
        pass
    finally:
        backend.close_store()
