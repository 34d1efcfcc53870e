"""The PostgreSQL server goes away mid-session: the answer stays, marked unsaved, with one
clear line; the store connects again when the server is back and the answer is saved.

The server really stops (``pg_ctl stop -m immediate``) and starts again; a
terminated backend (``pg_terminate_backend``, what a server restart does to a
connection) is taken up again on the next call. A wrong URL is one line.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.core.engine import StudyEngine
from quizapp.core.store.protocol import ServerUnavailableError
from quizapp.plain.lineio import LineIO
from quizapp.plain.study import study_loop
from tests.postgres_server import PostgresServer, new_learner, start_again, stop_now
from tests.storekit import UTC_CONFIG, Clock, make_deck
from tests.test_write_errors_plain import Script

psycopg = pytest.importorskip("psycopg")  # the extra is installed wherever tests run

from quizapp.core.store.postgres import PostgresStore  # noqa: E402


@pytest.fixture
def learner(postgres_history: PostgresServer) -> Iterator[PostgresStore]:
    store = PostgresStore.open(new_learner(postgres_history))
    try:
        yield store
    finally:
        store.close()


def _engine(store: PostgresStore) -> StudyEngine:
    return StudyEngine(
        store, [make_deck(n=3)], now=Clock(), config=UTC_CONFIG, fuzzing=False, rng=random.Random(1)
    )


def _saved_items(store: PostgresStore) -> list[str]:
    return [r.item_id for r in store.reviews(mode="study")]


def test_a_terminated_connection_is_opened_again_on_the_next_call(
    postgres_history: PostgresServer, learner: PostgresStore
) -> None:
    engine = _engine(learner)
    card = engine.next_card()
    assert card is not None and engine.answer(card, "A0").saved
    with psycopg.connect(postgres_history.conninfo(), autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
            (_role(learner),),
        )
    following = engine.next_card()  # a read: connects again at once
    assert following is not None and engine.answer(following, "A1").saved
    assert _saved_items(learner) == ["c0", "c1"]


def _role(store: PostgresStore) -> str:
    rows = store._read("SELECT current_user")
    return str(rows[0][0])


def test_the_server_stopping_mid_session_keeps_the_answer_until_it_is_back(
    postgres_history: PostgresServer, learner: PostgresStore
) -> None:
    engine = _engine(learner)
    first = engine.next_card()
    assert first is not None and engine.answer(first, "A0").saved
    card = engine.next_card()
    assert card is not None
    stop_now(postgres_history)
    try:
        answer = engine.answer(card, "A1")
        assert not answer.saved  # on screen, marked
        error = engine.save_error
        assert isinstance(error, ServerUnavailableError)
        assert str(error).startswith("not saved: the history server cannot be reached (")
        assert "\n" not in str(error)
        assert not engine.save_unsaved()  # still away: still kept
        assert "cannot be reached" in str(engine.save_error)
    finally:
        start_again(postgres_history)
    assert engine.save_unsaved()
    assert engine.last is not None and engine.last.saved
    assert _saved_items(learner) == ["c0", "c1"]


def test_plain_study_says_the_server_is_gone_and_saves_when_it_is_back(
    postgres_history: PostgresServer, learner: PostgresStore
) -> None:
    out = io.StringIO()
    down: list[bool] = []

    def stop() -> None:
        stop_now(postgres_history)
        down.append(True)

    def start() -> None:
        start_again(postgres_history)
        down.clear()

    script = Script(["A0", "", "A1", "", ""], {2: stop, 4: start})
    try:
        code = study_loop(LineIO(script, out), _engine(learner))
    finally:
        if down:  # the server is never left stopped for the next test
            start()
    text = out.getvalue()
    assert "NOT SAVED: the history server cannot be reached" in text
    assert "Press Enter to try again, or :q to leave without it." in text
    assert "Saved: every answer is in the history now." in text
    assert "Traceback" not in text and code == 0
    assert _saved_items(learner) == ["c0", "c1"]


@pytest.mark.parametrize("command", [["stats"], ["study", "--plain", "libya-2019-en"]])
def test_a_wrong_url_or_password_is_one_line(
    postgres_history: PostgresServer, quizapp_home: Path, command: list[str]
) -> None:
    url = (
        f"postgresql://nobody_here:wrong-password@/quizapp_test"
        f"?host={postgres_history.socket_dir}&port={postgres_history.port}"
    )
    env = {**os.environ, "QUIZAPP_HOME": str(quizapp_home), "QUIZAPP_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot connect to the history server" in lines[0], done.stderr
    assert "wrong-password" not in done.stderr and "Traceback" not in done.stderr


async def test_the_study_screen_marks_the_answer_while_the_server_is_away(
    postgres_history: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizapp.tui.screens.study import StudyScreen
    from tests.tui_helpers import ALL_TYPES, NOW, answer_right, right_keys, screen_text, settle

    url = new_learner(postgres_history)
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", url)
    from quizapp.tui.app import make_app

    app = make_app(deck_paths=[ALL_TYPES], now=lambda: NOW, seed=7, monotonic=lambda: 0.0)
    down: list[bool] = []
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, StudyScreen) and screen.current is not None
            while screen.current.question.kind == "basic":  # a card saved at its verdict
                await answer_right(pilot, screen.current.question)
                await settle(pilot)
            saved_before = len(_saved_items(PostgresStore.open(url)))
            stop_now(postgres_history)
            down.append(True)
            await pilot.press(*right_keys(screen.current.question))
            await settle(pilot)
            assert screen.phase == "answer"
            text = screen_text(app)
            assert "NOT SAVED" in text and "history server cannot be reached" in text
            start_again(postgres_history)
            down.clear()
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert "Saved: every answer is in the history now." in screen_text(app)
            item = screen.current.entry.item.id
    finally:
        if down:
            start_again(postgres_history)
    with PostgresStore.open(url) as store:
        items = _saved_items(store)
    assert len(items) == saved_before + 1 and items[-1] == item
