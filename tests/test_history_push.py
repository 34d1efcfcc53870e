"""``quizapp history push URL``: the local history into the server, whole, once, for its role."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quizapp.cli import main
from quizapp.core.store import CardState, SqliteStore, Store
from quizapp.core.store.postgres import PostgresStore
from quizapp.core.store.protocol import NewReview
from tests.postgres_server import PostgresServer, new_learner


def _study(store: Store, item: str, when: int, rating: int) -> None:
    def schedule(state: CardState) -> NewReview:
        after = replace(
            state,
            state=2,
            stability=2.0,
            difficulty=5.0,
            due_ms=when + 86_400_000,
            last_review_ms=when,
            reps=state.reps + 1,
            lapses=state.lapses + (rating == 1),
        )
        return NewReview(
            "d", item, when, rating, response_ms=900, state_before=state, state_after=after
        )

    store.record_answer("d", item, schedule)


def _local_history() -> None:
    """A local SQLite history: study answers, a finished quiz, a card suspended afterwards."""
    with SqliteStore.open() as store:
        for n, item in enumerate(["a", "b", "c", "a"]):
            _study(store, item, 1_000_000 + n * 60_000, 3 if n != 1 else 1)
        quiz = store.start_quiz("d", 2_000_000, {"count": 2})
        for n, verdict in enumerate(["correct", "wrong"]):
            store.record_quiz_answer(
                quiz,
                NewReview(
                    "d",
                    "b",
                    2_000_100 + n,
                    3 if verdict == "correct" else 1,
                    mode="quiz",
                    verdict=verdict,
                    response=f"r{n}",
                ),
            )
        store.finish_quiz(
            quiz, finished_ms=2_000_500, questions=2, correct=1, close=0, wrong=1, score=50.0
        )
        store.set_suspended("d", "c", True)


def _rows(store: Store) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Reviews (without their ids) and quiz sessions (without theirs), as stored."""
    reviews = [(*tuple(r)[:-1], r.quiz_id is not None) for r in store.stored_reviews(None)]
    quizzes = [tuple(q)[1:] for q in store.stored_quizzes(None)]
    return reviews, quizzes


def test_push_copies_the_local_history_once(
    postgres_history: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _local_history()
    url = new_learner(postgres_history)
    other = new_learner(postgres_history)
    assert main(["history", "push", url]) == 0
    out = capsys.readouterr().out
    assert "reviews: 6 added, 0 already there" in out and "1 card suspended" in out
    with SqliteStore.open() as local, PostgresStore.open(url) as server:
        assert _rows(server) == _rows(local)
        assert server.card_states("d") == local.card_states("d")
        assert server.card_state("d", "c").suspended
        quiz_answers = server.reviews("d", mode="quiz")
        (session,) = server.quiz_sessions("d")
        assert {r.quiz_id for r in quiz_answers} == {session.id}
    assert main(["history", "push", url]) == 0  # idempotent
    assert "reviews: 0 added, 6 already there" in capsys.readouterr().out
    with PostgresStore.open(url) as server:
        assert server.review_count(None) == 6 and len(server.quiz_sessions()) == 1
    with PostgresStore.open(other) as store:  # another learner got nothing
        assert store.review_count(None) == 0


def test_a_push_that_fails_midway_leaves_the_server_as_it_was(
    postgres_history: PostgresServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _local_history()
    url = new_learner(postgres_history)
    from quizapp.core.history_io import push
    from quizapp.core.store import StoreError

    def broken(server: Store, flagged: list[CardState]) -> int:  # after every review is in
        assert server.review_count(None) == 6
        raise StoreError("the server went away")

    monkeypatch.setattr(push, "copy_flags", broken)
    assert main(["history", "push", url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing was pushed" in err
    with PostgresStore.open(url) as server:
        assert server.review_count(None) == 0 and server.quiz_sessions() == []
        assert server.card_states("d") == {}


def test_push_refuses_a_teacher_a_missing_url_and_says_when_there_is_nothing(
    postgres_history: PostgresServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("QUIZAPP_DATABASE_URL", raising=False)
    teacher = new_learner(postgres_history, "teacher")
    assert main(["history", "push", teacher]) == 0
    assert "nothing to push" in capsys.readouterr().out
    _local_history()
    assert main(["history", "push", teacher]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not allowed" in err and "nothing was pushed" in err
    assert main(["history", "push"]) == 2
    assert "give the server" in capsys.readouterr().err


def test_a_local_row_an_import_would_refuse_stops_the_whole_push(
    postgres_history: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _local_history()
    with SqliteStore.open() as store:  # an answer with no rating: no import accepts it
        store.record_review(NewReview("d", "z", 3_000_000, None, mode="quiz", verdict="wrong"))
    url = new_learner(postgres_history)
    assert main(["history", "push", url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing was pushed" in err and "review" in err
    with PostgresStore.open(url) as server:
        assert server.review_count(None) == 0 and server.quiz_sessions() == []
