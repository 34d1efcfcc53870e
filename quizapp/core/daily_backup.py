"""The day's backup of the SQLite history: at most one a study day, only when it changed.

Called off the path of the first screen: the TUI runs it in a thread worker
once the decks are shown, the commands that write the history once their
work is done (:mod:`quizapp.cli`). The backups themselves are made and
verified by :mod:`quizapp.core.store.sqlite_backup`; a PostgreSQL history is
the server's to back up.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from quizapp.core.config import DEFAULT_CONFIG, Config, ConfigError, load_config
from quizapp.core.paths import database_path
from quizapp.core.store.backend import database_url
from quizapp.core.store.sqlite_backup import daily_backup


def back_up_today(now: datetime | None = None, history: Path | None = None) -> Path | None:
    """Make the day's verified backup when one is due; the new file, or None.

    Raises :class:`~quizapp.core.store.StoreError` (one line) when a backup
    was due and could not be made.
    """
    if history is None:
        if database_url():
            return None
        history = database_path()
    try:
        config: Config = load_config()
    except ConfigError:
        config = DEFAULT_CONFIG
    return daily_backup(
        history, now or datetime.now(UTC), config.study_day, keep=config.backups_keep
    )
