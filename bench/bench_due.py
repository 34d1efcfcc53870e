"""Benchmark: today's counts over 100,000 card states come from an index, not a table scan.

Run: ``python bench/bench_due.py [N]``. It fills a fresh temporary database
with N card_state rows (default 100,000) spread over 20 decks, then times the
queries the app runs for a deck's counts (``Store.queue_rows``, what
``quizapp due`` and the home screen call through ``deck_counts``) for one
deck, each as a ratio to a floor measured in the same run (``SELECT 1``), so
the numbers compare across machines. It prints ``EXPLAIN QUERY PLAN`` for
each and exits 1 if a plan does not use an index. For contrast it also times
the due query forced to scan (``NOT INDEXED``).
Nothing here is a test: no duration is asserted.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from quizapp.core.store import SqliteStore
from quizapp.core.store.sqlite import QUEUE_DUE_SQL, QUEUE_STARTED_SQL

DECKS = 20
SCAN_SQL = QUEUE_DUE_SQL.replace("FROM card_state", "FROM card_state NOT INDEXED")


def fill(store: SqliteStore, n: int, now_ms: int) -> None:
    rng = random.Random(1)
    day = 86_400_000
    rows = []
    for i in range(n):
        state = rng.choice((1, 2, 2, 2, 2, 3))
        due = now_ms + rng.randint(-30, 300) * day
        rows.append((f"deck-{i % DECKS}", f"c{i}", state, 3.0, 5.0, due, due - 3 * day, 3))
    conn = store.connection
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO card_state (deck_id, item_id, state, stability, difficulty, due_ms, "
        "last_review_ms, reps) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")


def best_of(fn, repeat: int = 30) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("cards", nargs="?", type=int, default=100_000, help="card states")
    n = parser.parse_args().cards
    now_ms = 1_790_000_000_000
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore.open(Path(folder) / "bench.sqlite3")
        fill(store, n, now_ms)
        conn = store.connection
        floor = best_of(lambda: conn.execute("SELECT 1").fetchall())
        cases = [
            ("one deck, due states", QUEUE_DUE_SQL, ("deck-3", now_ms, now_ms)),
            ("one deck, started items", QUEUE_STARTED_SQL, ("deck-3", now_ms)),
            ("one deck, due states, forced scan", SCAN_SQL, ("deck-3", now_ms, now_ms)),
        ]
        print(f"{n} card states in {DECKS} decks; floor (SELECT 1) = {floor * 1e6:.1f} µs")
        indexed = True
        for name, sql, params in cases:
            seconds = best_of(lambda sql=sql, params=params: conn.execute(sql, params).fetchall())
            result = conn.execute(sql, params).fetchall()
            plan = [row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
            ratio = seconds / floor
            print(f"\n{name}: {seconds * 1e3:.3f} ms = {ratio:.0f} × floor; {len(result)} rows")
            for line in plan:
                print(f"  plan: {line}")
            if "scan" not in name and not any("INDEX" in line for line in plan):
                indexed = False
        whole = best_of(lambda: store.queue_rows("deck-3", now_ms, now_ms), repeat=10)
        print(f"\nStore.queue_rows, one deck: {whole * 1e3:.3f} ms = {whole / floor:.0f} × floor")
        store.close()
    if not indexed:
        print("\nA due count does not use an index.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
