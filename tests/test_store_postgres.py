"""The PostgreSQL store's own rules: one learner per role, even with plain SQL; the
teacher reads and never writes; the schema is versioned; errors are one line; the URL
chooses the backend and its absence changes nothing."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from quizapp.core.store import CardState, SqliteStore, StoreError, open_readonly, open_store
from quizapp.core.store.postgres import PostgresStore
from quizapp.core.store.postgres_admin import init_server
from quizapp.core.store.postgres_schema import SCHEMA_VERSION
from quizapp.core.store.protocol import NewReview
from tests import postgres_server
from tests.postgres_server import PostgresServer, new_learner

TABLES = ("reviews", "card_state", "quiz_sessions", "settings")


def _answer(store: PostgresStore, item: str) -> int:
    after = CardState("d", item, state=2, stability=3.0, due_ms=99, reps=1)
    return store.record_review(
        NewReview("d", item, 1, 3, state_before=CardState.new("d", item), state_after=after)
    )


def _fill(url: str) -> None:
    with PostgresStore.open(url) as store:
        _answer(store, "a")
        store.set_setting("theme", "dark")
        quiz = store.start_quiz("d", 5, {})
        store.finish_quiz(quiz, finished_ms=6, questions=1, correct=1, close=0, wrong=0, score=1)


def test_a_learner_cannot_read_or_change_another_learners_rows_with_sql(
    postgres_history: PostgresServer,
) -> None:
    alice, bob = new_learner(postgres_history), new_learner(postgres_history)
    _fill(alice)
    with psycopg.connect(bob, autocommit=True) as conn:
        for table in TABLES:
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
            assert conn.execute(f"UPDATE {table} SET learner = current_user").rowcount == 0
            assert conn.execute(f"DELETE FROM {table}").rowcount == 0
        alice_role = psycopg.conninfo.conninfo_to_dict(alice)["user"]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # row-level security
            conn.execute(
                "INSERT INTO settings (learner, key, value) VALUES (%s, 'theme', 'x')",
                (alice_role,),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER TABLE reviews DISABLE ROW LEVEL SECURITY")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE quizapp_schema SET version = 0")
    with PostgresStore.open(alice) as store:
        assert len(store.reviews("d")) == 1 and store.get_setting("theme") == "dark"
        assert len(store.quiz_sessions()) == 1
        assert store.card_state("d", "a").reps == 1
    with PostgresStore.open(bob) as store:
        assert store.reviews() == [] and store.all_deck_ids() == set()


def test_the_teacher_reads_every_learner_and_writes_nothing(
    postgres_history: PostgresServer,
) -> None:
    alice, bob = new_learner(postgres_history), new_learner(postgres_history)
    _fill(alice)
    _fill(bob)
    teacher = new_learner(postgres_history, "teacher")
    with psycopg.connect(teacher, autocommit=True) as conn:
        learners = {
            row[0] for row in conn.execute("SELECT DISTINCT learner FROM reviews").fetchall()
        }
        names = {psycopg.conninfo.conninfo_to_dict(u)["user"] for u in (alice, bob)}
        assert names <= learners
        for table in TABLES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"DELETE FROM {table}")


@pytest.fixture
def fresh_database(postgres_server: PostgresServer) -> str:
    """An empty database owned by the server's superuser: its connection string."""
    name = postgres_server.new_role_name("db")
    with psycopg.connect(postgres_server.conninfo(dbname="postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return postgres_server.conninfo(dbname=name)


def test_schema_is_created_once_and_a_newer_one_refused_untouched(fresh_database: str) -> None:
    assert init_server(fresh_database) == 0
    assert init_server(fresh_database) == SCHEMA_VERSION  # idempotent
    with psycopg.connect(fresh_database, autocommit=True) as conn:
        conn.execute("UPDATE quizapp_schema SET version = %s", (SCHEMA_VERSION + 1,))
        conn.execute("CREATE TABLE something_new (x integer)")
    for opening in (PostgresStore.open, lambda url: PostgresStore.open(url, read_only=True)):
        with pytest.raises(StoreError) as info:
            opening(fresh_database)
        message = str(info.value)
        assert "\n" not in message and "upgrade quizapp" in message
        assert f"schema version {SCHEMA_VERSION + 1}" in message
    with psycopg.connect(fresh_database, autocommit=True) as conn:
        assert conn.execute("SELECT version FROM quizapp_schema").fetchall() == [
            (SCHEMA_VERSION + 1,)
        ]


def test_read_only_opening_creates_nothing(fresh_database: str) -> None:
    with PostgresStore.open(fresh_database, read_only=True) as store:
        assert not store.has_history_schema()
    with psycopg.connect(fresh_database, autocommit=True) as conn:
        assert conn.execute("SELECT to_regclass('reviews')").fetchone() == (None,)


def test_a_failed_migration_leaves_the_database_as_it_was(
    fresh_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizapp.core.store import postgres_schema

    broken = [*postgres_schema.SCHEMA_V1, "SELECT no_such_function()"]
    monkeypatch.setattr(postgres_schema, "MIGRATIONS", [broken])
    with pytest.raises(StoreError):
        PostgresStore.open(fresh_database)
    with psycopg.connect(fresh_database, autocommit=True) as conn:
        assert conn.execute("SELECT to_regclass('quizapp_schema')").fetchone() == (None,)


@pytest.mark.parametrize("problem", ["no such role", "no such server"])
def test_a_bad_url_is_one_line(postgres_server: PostgresServer, problem: str) -> None:
    if problem == "no such role":
        url = postgres_server.conninfo(user="nobody_here")
    else:
        url = f"postgresql://someone:secret@/history?host={postgres_server.socket_dir}/missing"
    with pytest.raises(StoreError) as info:
        PostgresStore.open(url)
    message = str(info.value)
    assert "\n" not in message and "cannot connect" in message
    assert "secret" not in message


def test_the_url_chooses_the_backend_and_its_absence_changes_nothing(
    postgres_history: PostgresServer, quizapp_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QUIZAPP_DATABASE_URL", raising=False)
    with open_store() as store:
        assert isinstance(store, SqliteStore)
    url = new_learner(postgres_history)
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", url)
    with open_store() as store:
        assert isinstance(store, PostgresStore)
        _answer(store, "a")
    readonly = open_readonly()
    assert isinstance(readonly, PostgresStore)
    assert readonly.review_count(None) == 1
    readonly.close()
    monkeypatch.delenv("QUIZAPP_DATABASE_URL")
    (quizapp_home / "config.toml").write_text(f'database_url = "{url}"\n', encoding="utf-8")
    with open_store() as store:
        assert isinstance(store, PostgresStore) and store.review_count(None) == 1


def test_missing_server_binaries_skip_locally_and_fail_in_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        postgres_server.unavailable("no binaries")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        postgres_server.unavailable("no binaries")


def test_server_commands_set_up_learners_and_a_teacher(
    fresh_database: str, postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizapp.cli import main

    assert main(["server", "init", "--url", fresh_database]) == 0
    assert "created" in capsys.readouterr().out
    assert main(["server", "init", "--url", fresh_database]) == 0
    assert "up to date" in capsys.readouterr().out
    learner = postgres_server.new_role_name("cli")
    assert main(["server", "add-learner", learner, "--url", fresh_database]) == 0
    assert f"\\password {learner}" in capsys.readouterr().out
    dbname = psycopg.conninfo.conninfo_to_dict(fresh_database)["dbname"]
    with PostgresStore.open(postgres_server.conninfo(user=learner, dbname=dbname)) as store:
        _answer(store, "a")
        assert store.review_count(None) == 1
    assert main(["server", "add-learner", learner, "--url", fresh_database]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and err.count("\n") == 1
    assert main(["server", "add-teacher", "Not A Name", "--url", fresh_database]) == 1
    assert "plain role name" in capsys.readouterr().err


def test_server_command_without_a_url_or_with_a_bad_one(
    postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizapp.cli import main

    assert main(["server", "init"]) == 2
    assert "no server" in capsys.readouterr().err
    bad = f"postgresql://owner:hunter2@/nowhere?host={postgres_server.socket_dir}/missing"
    assert main(["server", "add-learner", "x", "--url", bad]) == 1
    err = capsys.readouterr().err
    assert err.startswith("quizapp: ") and err.count("\n") == 1 and "hunter2" not in err


def test_check_orphans_reads_the_server_history(
    postgres_history: PostgresServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from quizapp.cli import main

    url = new_learner(postgres_history)
    with PostgresStore.open(url) as store:
        store.set_suspended("d", "gone", True)
    deck = tmp_path / "d.toml"
    deck.write_text(
        'format = 1\n[deck]\nid = "d"\ntitle = "D"\n\n[[cards]]\nid = "here"\ntype = "typed"\n'
        'prompt = "Q?"\nanswer = "A"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", url)
    assert main(["check", str(deck), "--orphans"]) == 0
    out = capsys.readouterr()
    assert "gone" in out.out and "1 orphan" in out.err


def test_a_dropped_connection_is_opened_again_for_the_next_write(
    postgres_history: PostgresServer,
) -> None:
    """A server restart drops the idle connection; the next write begins on a new one
    (nothing had been sent on the old), so it is saved, once. The server staying away is
    ``tests/test_postgres_faults.py``'s."""
    url = new_learner(postgres_history)
    store = PostgresStore.open(url)
    _answer(store, "a")
    pid = store._conn.info.backend_pid
    with psycopg.connect(postgres_history.conninfo(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    _answer(store, "b")
    assert store._conn.info.backend_pid != pid
    store.close()
    with PostgresStore.open(url) as again:
        assert [r.item_id for r in again.reviews("d")] == ["a", "b"]


def test_a_schema_v1_database_gets_the_stats_indexes_and_keeps_its_rows(
    fresh_database: str,
) -> None:
    """Version 2 adds the covering indexes of the stats' aggregates; nothing else moves."""
    from quizapp.core.store.postgres_schema import migrate

    with psycopg.connect(fresh_database, autocommit=True) as conn:
        assert migrate(conn, target=1) == 0
        conn.execute(
            "INSERT INTO reviews (deck_id, item_id, reviewed_ms, rating, mode, before_state) "
            "VALUES ('d', 'a', 5, 3, 'study', 2)"
        )
        assert migrate(conn) == 1
        indexes = {
            row[0]
            for row in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'reviews'")
        }
        assert {"reviews_retention", "reviews_answers"} <= indexes
        assert conn.execute("SELECT version FROM quizapp_schema").fetchall() == [(SCHEMA_VERSION,)]
        assert conn.execute("SELECT deck_id, item_id, rating FROM reviews").fetchall() == [
            ("d", "a", 3)
        ]
