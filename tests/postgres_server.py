"""A throwaway PostgreSQL server for the store tests, on a Unix socket only.

One server per pytest process (so one per xdist worker), in a temporary folder
owned by the user the server runs as, with ``listen_addresses = ''``: nothing
listens on the network. ``initdb`` refuses root, so as root the server runs as
the ``postgres`` user (``runuser``). It is stopped at the end of the session.

Where the binaries are missing the PostgreSQL tests skip, except in CI
(``CI=true``), where they must run: the fixture fails instead.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

CANDIDATE_BINDIRS = [Path("/usr/lib/postgresql/15/bin")]
SUPERUSER = "quizapp_test_admin"
DATABASE = "quizapp_test"


def find_bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: ``$QUIZAPP_PG_BINDIR``, then the usual one."""
    given = os.environ.get("QUIZAPP_PG_BINDIR")
    candidates = [Path(given)] if given else CANDIDATE_BINDIRS
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path and shutil.which("initdb") else None


def unavailable(reason: str) -> None:
    """Skip locally; fail in CI, where the PostgreSQL tests must run."""
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


@dataclass
class PostgresServer:
    """A running server: its socket folder, port and the superuser's name."""

    socket_dir: Path
    port: int
    roles: Iterator[int]

    def conninfo(self, user: str = SUPERUSER, dbname: str = DATABASE) -> str:
        return f"host={self.socket_dir} port={self.port} user={user} dbname={dbname}"

    def new_role_name(self, prefix: str = "learner") -> str:
        """A login role name unused on this server (roles are server-wide)."""
        return f"{prefix}_{os.getpid()}_{next(self.roles)}"


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return command if owner is None else ["runuser", "-u", owner, "--", *command]


class ServerUnavailable(Exception):
    """The throwaway server cannot run here; the message says why."""


@contextmanager
def throwaway_server(*, durable: bool = False) -> Iterator[PostgresServer]:
    """Start a server in a temporary folder, with the test database; stop and remove it after.

    ``durable`` keeps ``fsync`` on, as a real server runs (the load benchmark);
    the tests turn it off, since a crash of the machine is not what they test.
    """
    bindir = find_bindir()
    if bindir is None:
        raise ServerUnavailable("initdb and pg_ctl not found (set QUIZAPP_PG_BINDIR)")
    owner = "postgres" if os.geteuid() == 0 else None
    if owner is not None and shutil.which("runuser") is None:
        raise ServerUnavailable("running as root without runuser to start the server as postgres")
    root = Path(tempfile.mkdtemp(prefix="quizapp-pg-"))
    if owner is not None:
        shutil.chown(root, user=owner)
    data, port = root / "data", 5432
    run = {"check": True, "capture_output": True, "text": True, "timeout": 120}
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust"]
    initdb += ["--encoding=UTF8", "--locale=C", "--no-sync"]
    options = f"-c listen_addresses='' -c unix_socket_directories={root} -c port={port}"
    options += "" if durable else " -c fsync=off"
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w"]
    try:
        subprocess.run(_as_owner(initdb, owner), **run)
        subprocess.run(_as_owner([*pg_ctl, "-o", options, "start"], owner), **run)
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        shutil.rmtree(root, ignore_errors=True)
        raise ServerUnavailable(f"the server did not start: {detail.strip()[:300]}") from None
    server = PostgresServer(root, port, itertools.count(1))
    try:
        import psycopg

        with psycopg.connect(server.conninfo(dbname="postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
        yield server
    finally:
        subprocess.run(
            _as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], owner),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        with throwaway_server() as server:
            yield server
    except ServerUnavailable as reason:
        unavailable(str(reason))


@pytest.fixture(scope="session")
def postgres_history(postgres_server: PostgresServer) -> PostgresServer:
    """The server with quizapp's schema and group roles set up (``quizapp server init``)."""
    from quizapp.core.store.postgres_admin import init_server

    init_server(postgres_server.conninfo())
    return postgres_server


def new_learner(server: PostgresServer, kind: str = "learner") -> str:
    """A new login role of that kind; its connection string (a learner with no history)."""
    from quizapp.core.store.postgres_admin import add_role

    name = server.new_role_name(kind)
    add_role(server.conninfo(), name, "teacher" if kind == "teacher" else "learner")
    return server.conninfo(user=name)


def stop_now(server: PostgresServer) -> None:
    """Stop a test server at once, as a crash or a pulled cable would (``-m immediate``)."""
    bindir = find_bindir()
    assert bindir is not None
    owner = "postgres" if os.geteuid() == 0 else None
    command = [str(bindir / "pg_ctl"), "-D", str(server.socket_dir / "data"), "-m", "immediate"]
    subprocess.run(
        _as_owner([*command, "stop"], owner), check=True, capture_output=True, timeout=60
    )


def start_again(server: PostgresServer) -> None:
    """Start a test server stopped by :func:`stop_now`, on the same socket and port."""
    bindir = find_bindir()
    assert bindir is not None
    owner = "postgres" if os.geteuid() == 0 else None
    root = server.socket_dir
    options = f"-c listen_addresses='' -c unix_socket_directories={root} -c port={server.port}"
    options += " -c fsync=off"
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(root / "data"), "-l", str(root / "log"), "-w"]
    subprocess.run(
        _as_owner([*pg_ctl, "-o", options, "start"], owner),
        check=True,
        capture_output=True,
        timeout=120,
    )
