"""Answers the history could not save yet, kept in order and saved when it can.

A full disk, a read-only history or a server gone away refuses a write with a
:class:`~quizapp.core.store.protocol.SaveFailedError`. The engines do not drop
the answer then: its write goes into an :class:`Outbox`, the answer stays on
screen marked unsaved, and the writes are tried again, oldest first, before
the next one (and whenever a front end asks, on a key or a timer). Writes stay
in order, so a later answer is never saved before an earlier one. One
implementation for the study and the quiz engines, and so for every front end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizapp.core.store.protocol import SaveFailedError


@dataclass
class _Pending:
    write: Callable[[], Any]  # does the write, one transaction; raises SaveFailedError
    saved: Callable[[Any], None]  # told the write's result once committed
    key: object = None  # what the write is for (a question index), to find it again


class Outbox:
    """The writes refused so far, oldest first, and the reason of the last refusal."""

    def __init__(self) -> None:
        self._pending: list[_Pending] = []
        self.error: SaveFailedError | None = None  # why the oldest write is still waiting

    @property
    def unsaved(self) -> int:
        """How many writes wait (0: everything given has been saved)."""
        return len(self._pending)

    def keys(self) -> list[object]:
        """The keys of the waiting writes, oldest first."""
        return [pending.key for pending in self._pending]

    def submit(
        self, write: Callable[[], Any], saved: Callable[[Any], None], key: object = None
    ) -> bool:
        """Save now if nothing waits before this write, else queue it; True when saved.

        Writes already waiting are tried first (in order); a refusal keeps this
        one waiting too, behind them.
        """
        pending = _Pending(write, saved, key)
        self._pending.append(pending)
        try:
            return self.flush()
        except BaseException:  # not a refusal (a bug, a damaged file): not kept to retry
            if self._pending and self._pending[-1] is pending:
                self._pending.pop()
            raise

    def flush(self) -> bool:
        """Try the waiting writes, oldest first, until one is refused; True when none is left."""
        while self._pending:
            first = self._pending[0]
            try:
                result = first.write()
            except SaveFailedError as error:
                self.error = error
                return False
            self._pending.pop(0)
            first.saved(result)
        self.error = None
        return True

    def replace(self, key: object, write: Callable[[], Any], saved: Callable[[Any], None]) -> None:
        """Change what the waiting write of ``key`` will save (another rating, say)."""
        for pending in self._pending:
            if pending.key == key:
                pending.write, pending.saved = write, saved
                return
        raise KeyError(key)

    def waiting(self, key: object) -> bool:
        return any(pending.key == key for pending in self._pending)

    def drop_last(self) -> object:
        """Forget the newest waiting write (the learner took it back); its key."""
        dropped = self._pending.pop()
        if not self._pending:
            self.error = None
        return dropped.key
