"""Write transactions that lost a race are run again, a bounded number of times.

Two sessions of one learner (a laptop and a desktop) may write at once. The
card locks of :mod:`.postgres_base` make most of them wait their turn, but
PostgreSQL may still end a transaction with a serialization failure
(SQLSTATE 40001) or pick it as the victim of a deadlock (40P01): it was
rolled back whole, nothing of it is saved, and running it again from the
start is correct (the card's state is read again inside the new attempt, so
the answer is scheduled from what the other session committed). After
:data:`MAX_ATTEMPTS` the error is one line and the step is not saved.

A write made inside :meth:`PostgresStore.atomically` (the history push) is
not retried on its own: the whole outer transaction was lost, so the conflict
goes up to ``atomically``, which runs the whole of it again.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

import psycopg
from psycopg import pq

from quizapp.core.i18n import _
from quizapp.core.store.protocol import StoreError

MAX_ATTEMPTS = 6
BACKOFF_S = 0.01  # doubled at each attempt, with jitter, so two losers do not collide again
CONFLICTS = (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected)


class HasConnection(Protocol):
    _conn: psycopg.Connection[object]
    path: str


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=HasConnection)


def in_transaction(store: HasConnection) -> bool:
    """True inside an outer transaction (a conflict there must go up to it)."""
    return store._conn.info.transaction_status != pq.TransactionStatus.IDLE


def pause(attempt: int) -> None:
    """A short, random wait before attempt ``attempt + 1``."""
    time.sleep(random.uniform(0, BACKOFF_S * 2**attempt))


def gave_up(store: HasConnection, error: psycopg.Error) -> StoreError:
    deadlock = isinstance(error, psycopg.errors.DeadlockDetected)
    reason = _("a deadlock") if deadlock else _("a conflict")
    return StoreError(
        _(
            "{where}: another session kept writing the same cards ({reason}, "
            "{attempts} attempts); this step was not saved"
        ).format(where=store.path, reason=reason, attempts=MAX_ATTEMPTS)
    )


def retried(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run the write method again (whole, one new transaction) when it lost a conflict."""

    @functools.wraps(method)
    def run(store: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return method(store, *args, **kwargs)
            except CONFLICTS as error:
                if in_transaction(store):
                    raise  # the outer transaction is retried whole
                if attempt == MAX_ATTEMPTS:
                    raise gave_up(store, error) from error
                pause(attempt)
        raise AssertionError("unreachable")

    return run
