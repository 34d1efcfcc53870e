"""Kill -9 on PostgreSQL: every answer the store acknowledged is on the server afterwards.

The study process is killed at a random moment of a session, many times over
one learner's history; each answer it printed (after the store returned, so
committed) must be there, and each card's state must be its last answer's.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from quizapp.core.store.postgres import PostgresStore
from tests.postgres_server import PostgresServer, new_learner

REPO = Path(__file__).resolve().parent.parent
ROUNDS = 8

CHILD = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from quizapp.core.config import Config
    from quizapp.core.store.postgres import PostgresStore
    from quizapp.core.study import StudySession
    from tests.storekit import make_deck

    url, round_ = sys.argv[1], int(sys.argv[2])
    clock = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=30 * round_)]
    deck = make_deck(n=40, new_per_day=40)
    store = PostgresStore.open(url)
    session = StudySession(store, [deck], now=lambda: clock[0], config=Config(zone=UTC))
    ratings = [1, 2, 3, 3, 4]
    n = 0
    while True:
        entry = session.next_entry()
        if entry is None:
            clock[0] += timedelta(days=1)
            continue
        result = session.answer(entry, ratings[n % 5], verdict="correct", response="x" * 200)
        print(result.review_id, flush=True)  # acknowledged: committed before this line
        clock[0] += timedelta(minutes=7)
        n += 1
    """
)


def test_acknowledged_answers_survive_sigkill_on_postgres(postgres_history: PostgresServer) -> None:
    url = new_learner(postgres_history)
    rng = random.Random(20261204)
    acknowledged: list[int] = []
    for round_ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, url, str(round_)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        kill_after = rng.randint(1, 40)
        try:
            assert child.stdout is not None and child.stderr is not None
            for _ in range(kill_after):
                line = child.stdout.readline()
                assert line, f"child died early: {child.stderr.read()}"
                acknowledged.append(int(line))
            child.send_signal(signal.SIGKILL)
        finally:
            child.kill()
            child.wait(timeout=60)
            for stream in (child.stdout, child.stderr):
                if stream is not None:
                    stream.close()
        assert child.returncode == -signal.SIGKILL
    assert len(acknowledged) >= ROUNDS
    with PostgresStore.open(url) as store:
        stored = {review.id for review in store.reviews("demo")}
        assert set(acknowledged) <= stored
        last_after = {}
        for review in store.reviews("demo"):
            last_after[review.item_id] = review.state_after
        assert last_after == store.card_states("demo")
