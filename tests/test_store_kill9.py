"""Kill -9: an answer acknowledged by the store survives the process dying at any moment."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from quizapp.core.store import SqliteStore

REPO = Path(__file__).resolve().parent.parent
ROUNDS = 20

CHILD = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from quizapp.core.config import Config
    from quizapp.core.store import SqliteStore
    from quizapp.core.study import StudySession
    from tests.storekit import make_deck

    path, round_ = sys.argv[1], int(sys.argv[2])
    clock = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=30 * round_)]
    deck = make_deck(n=40, new_per_day=40)
    store = SqliteStore.open(path)
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


def test_acknowledged_answers_survive_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    rng = random.Random(20261129)
    acknowledged: list[int] = []
    for round_ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(round_)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        kill_after = rng.randint(1, 40)
        try:
            for _ in range(kill_after):
                line = child.stdout.readline()
                assert line, f"child died early: {child.stderr.read()}"
                acknowledged.append(int(line))
            child.send_signal(signal.SIGKILL)
        finally:
            child.kill()
            child.wait(timeout=60)
            child.stdout.close()
            child.stderr.close()
        assert child.returncode == -signal.SIGKILL
    assert len(acknowledged) >= ROUNDS
    with SqliteStore.open(path) as store:
        conn = store.connection
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT id FROM reviews")}
        assert set(acknowledged) <= stored
        # the card states agree with the last answer logged for each card
        last_after = {}
        for review in store.reviews("demo"):
            last_after[review.item_id] = review.state_after
        assert last_after == store.card_states("demo")
