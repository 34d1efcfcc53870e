"""Setting up a shared history server: the schema, the two group roles, and login roles.

Run by the database's owner (``quizapp server init``, ``add-learner``,
``add-teacher``). ``quizapp_learner`` may read and write the history tables,
where row-level security keeps each role to its own rows; ``quizapp_teacher``
may only read them, and the ``teacher_reads`` policy lets its members read
every learner's rows. Each person logs in as a role that is a member of one.
"""

from __future__ import annotations

from typing import Any, Literal

import psycopg
from psycopg import sql

from quizapp.core.store.postgres import connect
from quizapp.core.store.postgres_base import one_line
from quizapp.core.store.postgres_schema import LEARNER_ROLE, LEARNER_TABLES, TEACHER_ROLE
from quizapp.core.store.protocol import StoreError

Kind = Literal["learner", "teacher"]
GROUPS: dict[Kind, str] = {"learner": LEARNER_ROLE, "teacher": TEACHER_ROLE}


def _run(conn: psycopg.Connection[Any], statement: sql.Composed, where: str) -> None:
    try:
        conn.execute(statement)
    except psycopg.Error as error:
        raise StoreError(f"{where}: {one_line(error)}") from error


def _ensure_group(conn: psycopg.Connection[Any], name: str, where: str) -> None:
    found = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
    if found is None:
        _run(conn, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)), where)


def init_server(url: str) -> int:
    """Create or migrate the schema and grant the group roles their rights; idempotent.

    Returns the schema version found before (0 for a new database).
    """
    conn, where = connect(url, read_only=True)  # version checked; migrated below
    try:
        from quizapp.core.store.postgres_schema import migrate

        conn.execute("SET default_transaction_read_only = off")
        found = migrate(conn, where)
        with conn.transaction():
            for group in GROUPS.values():
                _ensure_group(conn, group, where)
            learner, teacher = sql.Identifier(LEARNER_ROLE), sql.Identifier(TEACHER_ROLE)
            tables = sql.SQL(", ").join(sql.Identifier(t) for t in LEARNER_TABLES)
            for statement in (
                sql.SQL("GRANT USAGE ON SCHEMA public TO {}, {}").format(learner, teacher),
                sql.SQL("GRANT SELECT ON quizapp_schema TO {}, {}").format(learner, teacher),
                sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(tables, learner),
                sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {}").format(learner),
                sql.SQL("GRANT SELECT ON {} TO {}").format(tables, teacher),
            ):
                _run(conn, statement, where)
        return found
    finally:
        conn.close()


def add_role(url: str, name: str, kind: Kind) -> None:
    """Create a login role (no password yet) that is a learner or a teacher."""
    conn, where = connect(url, read_only=True)
    try:
        conn.execute("SET default_transaction_read_only = off")
        with conn.transaction():
            _ensure_group(conn, GROUPS[kind], where)
            _run(
                conn,
                sql.SQL("CREATE ROLE {} LOGIN IN ROLE {}").format(
                    sql.Identifier(name), sql.Identifier(GROUPS[kind])
                ),
                where,
            )
    finally:
        conn.close()
