"""Benchmark of the stats aggregations on a history of a million reviews.

Usage: ``python bench/bench_stats.py [--reviews N] [--items N] [--seed N]``

Builds a temporary database through the store (so the schema and indexes are
the real ones), fills it with random reviews spread over three years, then
times each figure. Machines differ, so every time is also printed as a ratio
to a floor measured in the same run: a full scan of ``reviews``
(``SELECT sum(rating)``), the least any figure over every review can cost.
Nothing here asserts a duration.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizapp.core import stats
from quizapp.core.models import Deck
from quizapp.core.store.sqlite import SqliteStore, open_readonly

DAY_MS = 86_400_000
NOW = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)


def build(path: Path, reviews: int, items: int, seed: int) -> None:
    """Random reviews over three years, a card_state row per item, some quizzes."""
    rng = random.Random(seed)
    now_ms = int(NOW.timestamp() * 1000)
    span = 3 * 365 * DAY_MS
    with SqliteStore.open(path) as store:
        conn = store.connection
        columns = {row[1] for row in conn.execute("PRAGMA table_info(reviews)")}
        extra = [c for c in ("before_state", "before_interval_ms") if c in columns]
        conn.execute("BEGIN")
        batch = []
        for _ in range(reviews):
            when = now_ms - rng.randrange(span)
            item = f"i{rng.randrange(items)}"
            state = rng.choice((1, 2, 2, 2, 2, 3))
            interval = rng.choice((1, 3, 8, 15, 30, 90)) * DAY_MS
            before = f'{{"state": {state}, "due_ms": {when}, "last_review_ms": {when - interval}}}'
            mode = "quiz" if rng.random() < 0.1 else "study"
            row = ("bench", item, when, rng.choice((1, 3, 3, 3, 4)), mode, before)
            batch.append((*row, state, interval)[: len(row) + len(extra)])
            if len(batch) == 50_000:
                _insert(conn, batch, extra)
                batch.clear()
        _insert(conn, batch, extra)
        conn.executemany(
            "INSERT INTO card_state (deck_id, item_id, state, stability, difficulty, due_ms, "
            "last_review_ms, reps, lapses, suspended, leech) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    "bench",
                    f"i{i}",
                    rng.choice((1, 2, 2, 2, 3)),
                    rng.uniform(0.5, 400),
                    rng.uniform(1, 10),
                    now_ms + rng.randrange(-10 * DAY_MS, 60 * DAY_MS),
                    now_ms - rng.randrange(1, 200) * DAY_MS,
                    rng.randrange(1, 50),
                    rng.randrange(0, 12),
                    int(rng.random() < 0.02),
                    int(rng.random() < 0.01),
                )
                for i in range(items)
            ),
        )
        conn.executemany(
            "INSERT INTO quiz_sessions (deck_id, started_ms, finished_ms, abandoned, questions, "
            "correct, close, wrong, score, settings) "
            "VALUES ('bench', ?, ?, 0, 10, 7, 1, 2, ?, '{}')",
            (
                (now_ms - d * DAY_MS, now_ms - d * DAY_MS + 60_000, rng.uniform(30, 100))
                for d in range(500)
            ),
        )
        conn.execute("COMMIT")


def _insert(conn, batch: list[tuple], extra: list[str]) -> None:
    """Reviews as the store writes them, with the columns that copy state_before's fields."""
    columns = ", ".join(["deck_id, item_id, reviewed_ms, rating, mode, state_before", *extra])
    marks = ",".join("?" * (6 + len(extra)))
    conn.executemany(f"INSERT INTO reviews ({columns}) VALUES ({marks})", batch)


def deck_of(items: int) -> Deck:
    """A deck with the first items as tagged cards, for the tag join."""
    count = min(items, 5000)
    cards = [
        {"id": f"i{i}", "type": "basic", "front": "f", "back": "b", "tags": [f"t{i % 25}"]}
        for i in range(count)
    ]
    return Deck.model_validate(
        {"format": 1, "deck": {"id": "bench", "title": "Bench"}, "cards": cards}, strict=False
    )


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """The best of a few runs, in seconds (the least disturbed by the machine)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        start = time.perf_counter()
        build(path, args.reviews, args.items, args.seed)
        took = time.perf_counter() - start
        print(f"built {args.reviews:,} reviews of {args.items:,} items in {took:.1f}s")
        store = open_readonly(path)
        assert store is not None
        conn = store.connection  # the floor is measured on the raw connection
        clock = stats.DayClock(ZoneInfo("Europe/Paris"), 4)
        now_ms = int(NOW.timestamp() * 1000)
        decks = [deck_of(args.items)]
        floor = timed(lambda: conn.execute("SELECT sum(rating) FROM reviews").fetchone())
        count = timed(lambda: conn.execute("SELECT count(*) FROM reviews").fetchone())
        figures: list[tuple[str, Callable[[], object]]] = [
            ("count(*)", lambda: conn.execute("SELECT count(*) FROM reviews").fetchone()),
            ("quiz history", lambda: stats.quiz_history(store)),
            ("calendar + streaks", lambda: stats.calendar(store, clock, now_ms)),
            ("retention", lambda: stats.retention(store, clock, now_ms)),
            ("retention summary", lambda: stats.retention_summary(store, clock, now_ms)),
            *(
                (
                    f"retention per {unit}",
                    lambda unit=unit: stats.retention_series(store, clock, now_ms, None, unit),
                )
                for unit in stats.SERIES_LENGTHS
            ),
            (
                "retention series (all)",
                lambda: stats.retention_series_all(store, clock, now_ms),
            ),
            ("forecast", lambda: stats.forecast(store, clock, now_ms)),
            ("card states", lambda: stats.card_states(store, None, decks)),
            ("interval histogram", lambda: stats.interval_histogram(store)),
            ("stability histogram", lambda: stats.stability_histogram(store)),
            ("hardest", lambda: stats.hardest(store, now_ms)),
            ("accuracy per tag", lambda: stats.tag_accuracy(store, decks)),
            (
                "whole report",
                lambda: stats.compute_stats(
                    store, decks=decks, now=NOW, tz=clock.tz, rollover_hour=4
                ),
            ),
        ]
        print(
            f"floor: full scan of reviews (sum(rating)) {floor * 1000:.1f} ms; "
            f"count(*) {count * 1000:.1f} ms"
        )
        print(f"{'figure':<22} {'ms':>9} {'x floor':>8}")
        for name, fn in figures:
            seconds = timed(fn)
            print(f"{name:<22} {seconds * 1000:>9.1f} {seconds / floor:>8.2f}")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
