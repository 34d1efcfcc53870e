"""The errors of the history store, each worth one clear line to the learner.

Re-exported by :mod:`quizapp.core.store.protocol`, where callers import them.
"""

from __future__ import annotations

from quizapp.core.i18n import _


class StoreError(Exception):
    """A store problem worth one clear line to the user (newer schema, not a database…)."""


class HistoryReadError(StoreError):
    """The history could not be read (a damaged file that still opened, a missing table)."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(
            _("{path}: cannot read the history: {reason}").format(path=where, reason=reason)
        )
        self.where = where
        self.reason = reason


class SaveFailedError(StoreError):
    """A write did not happen; nothing was changed, and it can be tried again.

    ``reason`` is a few words for the learner ("the disk is full"); the
    message reads "not saved: <reason>". The engines keep the answer as
    unsaved and retry it (see :mod:`quizapp.core.outbox`).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(_("not saved: {reason}").format(reason=reason))
        self.reason = reason


class WriteRefusedError(SaveFailedError):
    """The history refused a write: disk full, read-only file or folder, I/O error, locked."""


class ServerUnavailableError(SaveFailedError):
    """The history server cannot be reached (stopped, restarted, network gone)."""
