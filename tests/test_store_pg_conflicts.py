"""Two sessions of one learner writing at once: a lost race is retried and no answer is lost."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import psycopg
import pytest
from psycopg import pq

from quizapp.core.store import CardState, StoreError
from quizapp.core.store.postgres import PostgresStore
from quizapp.core.store.postgres_retry import MAX_ATTEMPTS, retried
from quizapp.core.store.protocol import NewReview
from tests.postgres_server import PostgresServer, new_learner


def answer(store: PostgresStore, item: str, when: int) -> int:
    """Answer ``item`` from its state as committed now: one more rep each time."""

    def schedule(state: CardState) -> NewReview:
        after = replace(state, state=2, stability=1.0, due_ms=when + 1, reps=state.reps + 1)
        return NewReview("d", item, when, 3, state_before=state, state_after=after)

    return store.record_answer("d", item, schedule)


def test_a_deadlock_between_two_sessions_is_retried_and_loses_no_answer(
    postgres_history: PostgresServer,
) -> None:
    url = new_learner(postgres_history)
    laptop, desktop = PostgresStore.open(url), PostgresStore.open(url)
    both_hold_one_card = threading.Barrier(2, timeout=60)
    attempts = {"laptop": 0, "desktop": 0}
    errors: list[BaseException] = []

    def session(store: PostgresStore, name: str, first: str, second: str, when: int) -> None:
        def work() -> None:
            attempts[name] += 1
            answer(store, first, when)
            if attempts[name] == 1:  # each holds its first card and now wants the other's
                both_hold_one_card.wait()
            answer(store, second, when + 1)

        try:
            store.atomically(work)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [
        threading.Thread(target=session, args=(laptop, "laptop", "x", "y", 1_000)),
        threading.Thread(target=session, args=(desktop, "desktop", "y", "x", 2_000)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(attempts.values()) == [1, 2]  # one of them lost the deadlock and ran again
    with PostgresStore.open(url) as store:
        assert len(store.reviews("d")) == 4
        assert {s.item_id: s.reps for s in store.card_states("d").values()} == {"x": 2, "y": 2}
        for review in store.reviews("d"):  # each answer scheduled from the state before it
            assert review.state_after is not None and review.state_before is not None
            assert review.state_after.reps == review.state_before.reps + 1
    laptop.close()
    desktop.close()


class FakeStore:
    """Just what the retry looks at: a connection's transaction status and a name."""

    path = "fake"

    def __init__(self, status: pq.TransactionStatus) -> None:
        info = type("Info", (), {"transaction_status": status})()
        self._conn: Any = type("Conn", (), {"info": info})()
        self.calls = 0


def failing(times: int, error: type[psycopg.Error]) -> Any:
    @retried
    def write(store: FakeStore) -> str:
        store.calls += 1
        if store.calls <= times:
            raise error("conflict")
        return "saved"

    return write


@pytest.mark.parametrize(
    "error", [psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected]
)
def test_a_conflict_is_retried_a_bounded_number_of_times(error: type[psycopg.Error]) -> None:
    store = FakeStore(pq.TransactionStatus.IDLE)
    assert failing(MAX_ATTEMPTS - 1, error)(store) == "saved"
    assert store.calls == MAX_ATTEMPTS
    store = FakeStore(pq.TransactionStatus.IDLE)
    with pytest.raises(StoreError) as info:
        failing(MAX_ATTEMPTS, error)(store)
    assert store.calls == MAX_ATTEMPTS
    assert "not saved" in str(info.value) and "\n" not in str(info.value)


def test_inside_an_outer_transaction_the_conflict_goes_up_to_it() -> None:
    store = FakeStore(pq.TransactionStatus.INTRANS)
    with pytest.raises(psycopg.errors.SerializationFailure):
        failing(1, psycopg.errors.SerializationFailure)(store)
    assert store.calls == 1


def test_other_errors_are_not_retried() -> None:
    store = FakeStore(pq.TransactionStatus.IDLE)
    with pytest.raises(psycopg.errors.UniqueViolation):
        failing(1, psycopg.errors.UniqueViolation)(store)
    assert store.calls == 1


def test_two_sessions_answering_the_same_cards_at_once_lose_nothing(
    postgres_history: PostgresServer,
) -> None:
    url = new_learner(postgres_history)
    sessions = [PostgresStore.open(url), PostgresStore.open(url)]
    start = threading.Barrier(2, timeout=60)
    errors: list[BaseException] = []

    def study(store: PostgresStore, offset: int) -> None:
        try:
            start.wait()
            for n in range(30):
                answer(store, "xyz"[n % 3], 10_000 * offset + n)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=study, args=(s, i)) for i, s in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with PostgresStore.open(url) as store:
        assert len(store.reviews("d")) == 60
        # every answer was scheduled from the one before it, whichever session gave it
        assert {s.item_id: s.reps for s in store.card_states("d").values()} == {
            "x": 20,
            "y": 20,
            "z": 20,
        }
    for store in sessions:
        store.close()
