"""The store backends the store suites run on: SQLite, and PostgreSQL on a throwaway server.

``new_store`` gives a function that opens an empty store per call: a new SQLite
file, or a new learner role on the test server (row-level security gives each
role an empty history in the shared database). ``reopen(store)`` opens a
second connection to the same history, as another session of the same learner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from quizapp.core.store import SqliteStore, Store

BACKENDS = ["sqlite", "postgres"]


class Backend:
    """Opens empty stores of one backend, and more sessions on the same history."""

    def __init__(self, name: str, request: pytest.FixtureRequest, folder: Path) -> None:
        self.name = name
        self._request = request
        self._folder = folder
        self._opened: list[Store] = []
        self._where: dict[int, str] = {}

    def _open(self, where: str) -> Store:
        store: Store
        if self.name == "sqlite":
            store = SqliteStore.open(where)
        else:
            from quizapp.core.store.postgres import PostgresStore

            store = PostgresStore.open(where)
        self._opened.append(store)
        self._where[id(store)] = where
        return store

    def new_store(self) -> Store:
        if self.name == "sqlite":
            return self._open(str(self._folder / f"history-{len(self._opened)}.sqlite3"))
        from tests.postgres_server import new_learner

        return self._open(new_learner(self._request.getfixturevalue("postgres_history")))

    def reopen(self, store: Store) -> Store:
        """Another session on the same learner's history."""
        return self._open(self._where[id(store)])

    def close_all(self) -> None:
        for store in self._opened:
            store.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    opened = Backend(request.param, request, tmp_path)
    yield opened
    opened.close_all()


@pytest.fixture
def new_store(backend: Backend) -> Callable[[], Store]:
    return backend.new_store
