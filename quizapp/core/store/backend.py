"""Which history the app opens: the local SQLite file, or a PostgreSQL server if told.

``$QUIZAPP_DATABASE_URL``, else ``database_url`` in the config file, names a
PostgreSQL database; without either nothing changes and the SQLite file in the
data folder is the history. psycopg is an optional extra, imported only here
and only when a URL is set.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.core.i18n import _
from quizapp.core.store.protocol import Store, StoreError
from quizapp.core.store.queries import ClassQueries
from quizapp.core.store.sqlite import SqliteStore

if TYPE_CHECKING:
    from quizapp.core.store.postgres import PostgresStore

URL_VARIABLE = "QUIZAPP_DATABASE_URL"


def database_url() -> str | None:
    """The configured PostgreSQL URL, or None for the local SQLite history."""
    given = os.environ.get(URL_VARIABLE, "").strip()
    if given:
        return given
    from quizapp.core.config import ConfigError, load_config

    try:
        return load_config().database_url
    except ConfigError as error:
        raise StoreError(str(error)) from None


def open_server(url: str, *, read_only: bool = False) -> PostgresStore:
    """The PostgreSQL history at ``url`` (``history push`` names it on the command line)."""
    return _open_server(url, read_only=read_only)


def open_local_readonly() -> Store | None:
    """The local SQLite history for reading, whatever URL is configured; None without one."""
    from quizapp.core.store.sqlite import open_readonly as sqlite_readonly

    return sqlite_readonly(None)


def _open_server(url: str, *, read_only: bool) -> PostgresStore:
    try:
        from quizapp.core.store.postgres import PostgresStore
    except ImportError:
        raise StoreError(
            _(
                "a PostgreSQL history is configured, but psycopg is not installed: "
                "pip install 'quizapp[postgres]'"
            )
        ) from None
    return PostgresStore.open(url, read_only=read_only)


def open_store(path: Path | str | None = None) -> Store:
    """The history to study with: the server when a URL is set, else the SQLite file.

    ``path`` names a SQLite file and bypasses the URL (tests, an in-memory store).
    When no other quizapp has the SQLite history open, quizzes left unfinished
    (cut off by a signal or kill -9) are marked abandoned here.
    """
    if path is None and (url := database_url()):
        return _open_server(url, read_only=False)
    store = SqliteStore.open(path)
    if store.alone_at_open:
        from quizapp.core.quiz_cut_off import close_cut_off_quizzes

        try:
            close_cut_off_quizzes(store)
        except BaseException:
            store.close()
            raise
    return store


def open_readonly(path: Path | None = None) -> Store | None:
    """The history for reading only (stats, export); None when there is no SQLite file yet."""
    if path is None and (url := database_url()):
        return _open_server(url, read_only=True)
    from quizapp.core.store.sqlite import open_readonly as sqlite_readonly

    return sqlite_readonly(path)


def teacher_view(store: Store) -> ClassQueries | None:
    """The store's class queries when it is a teacher's connection, else None.

    None for the SQLite history (one learner) and for a learner's connection
    to a server (it may read its own rows only).
    """
    is_teacher = getattr(store, "is_teacher", None)
    if is_teacher is None or not is_teacher():
        return None
    view: ClassQueries = store  # type: ignore[assignment]  # it has the class queries
    return view
