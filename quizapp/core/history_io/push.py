"""Push a local history into a shared server: an export and an import, with no file between.

``quizapp history push URL`` moves a learner's SQLite history into the
PostgreSQL history of the role they connect as. It writes the local history
as the JSON export does (:mod:`.export`, into memory), reads it back with the
import's reader (:mod:`.reading`) and adds it with the one import path
(:mod:`.importing`), so a push and ``export`` then ``import`` give the same
history, and a second push adds nothing (rows already there are skipped).
The whole push is one transaction on the server: it is saved whole or not at
all, and a conflict with another session of the learner runs it again.

The import replays the scheduler only over answers; a card suspended or
buried locally after its last answer keeps that flag on the server too.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from quizapp.core.history_io.export import write_json
from quizapp.core.history_io.formats import ParsedHistory, Progress
from quizapp.core.history_io.importing import (
    DEFAULT_LEECH_THRESHOLD,
    ImportResult,
    import_history,
)
from quizapp.core.history_io.reading import parse_json
from quizapp.core.store.protocol import CardState, Store

T = TypeVar("T")


class AtomicStore(Store, Protocol):
    """A store that can make several calls one transaction (the PostgreSQL store)."""

    def atomically(self, work: Callable[[], T]) -> T: ...


@dataclass(frozen=True)
class PushResult:
    """What the push added, what was there already, and the cards whose flags it copied."""

    imported: ImportResult
    flags_copied: int


def local_history(store: Store) -> ParsedHistory:
    """Every review and quiz session of ``store``, exported and read back as an import reads.

    The JSON export is written to memory and parsed by the import's own
    reader, so a push checks and keeps exactly what ``export`` then
    ``import`` would. Raises
    :class:`~quizapp.core.history_io.formats.HistoryFormatError` naming the
    first row an import would refuse.
    """
    exported = io.StringIO()
    write_json(store, exported)
    return parse_json(exported.getvalue(), str(getattr(store, "path", "local history")))


def flagged_states(store: Store) -> list[CardState]:
    """The local cards suspended or buried: flags the answers alone do not carry."""
    return [
        state
        for deck_id in sorted(store.deck_ids_with_history())
        for state in store.card_states(deck_id).values()
        if state.suspended or state.buried_until_ms is not None
    ]


def copy_flags(server: Store, flagged: list[CardState]) -> int:
    """Give the server's cards the local suspended and buried flags; how many changed."""
    changed = 0
    for local in flagged:
        there = server.card_state(local.deck_id, local.item_id)
        if there.suspended != local.suspended or there.buried_until_ms != local.buried_until_ms:
            server.put_card_state(there.with_flags_of(local))
            changed += 1
    return changed


def push_history(
    local: Store,
    server: AtomicStore,
    progress: Progress | None = None,
    leech_threshold: int = DEFAULT_LEECH_THRESHOLD,
) -> PushResult:
    """Add ``local``'s history to ``server``'s, in one transaction; idempotent."""
    parsed = local_history(local)
    flagged = flagged_states(local)

    def push() -> PushResult:
        imported = import_history(
            server,
            replace(parsed, reviews=[replace(r) for r in parsed.reviews]),  # a retry starts fresh
            progress=progress,
            leech_threshold=leech_threshold,
        )
        return PushResult(imported, copy_flags(server, flagged))

    return server.atomically(push)
