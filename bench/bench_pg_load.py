"""Load: many learners studying at once against one PostgreSQL server, beside SQLite.

``python bench/bench_pg_load.py`` starts a throwaway PostgreSQL 15 server on a
Unix socket in a temporary folder (fsync on, as a real server runs), sets it
up with ``quizapp server init``'s code, adds one learner role per learner and
starts one process per learner (30 by default). Each process opens its own
history, studies a deck of new cards with the real study engine as fast as it
can for a bounded time and number of answers, and reports the review ids the
store acknowledged and how long each commit (``record_answer``) took. All
start together on a signal; answers per second is every answer over the
wall time from that signal to the last process done.

The same processes then study again, each with its own SQLite file on this
machine (one learner per machine, as without a server): that is the floor
printed beside the PostgreSQL figure. Last, every acknowledged review id
is looked for in its learner's history: an answer missing is reported and
the exit status is 1. No duration is asserted anywhere.

    python bench/bench_pg_load.py                       # 30 learners, 20 s each at most
    python bench/bench_pg_load.py --learners 3 --answers 5   # a smoke run
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

MAX_LEARNERS = 60  # processes on this machine: bounded whatever is asked
DECK_CARDS = 400


@dataclass
class Run:
    """One backend's run: acknowledged ids per learner, commit latencies, wall time."""

    backend: str
    ids: list[list[int]]
    latencies: list[float]
    wall_s: float

    @property
    def answers(self) -> int:
        return sum(len(ids) for ids in self.ids)

    @property
    def per_second(self) -> float:
        return self.answers / self.wall_s if self.wall_s else 0.0

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return math.nan
        return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def worker(where: str, answers: int, seconds: float) -> None:
    """One learner: wait for 'go' on stdin, study, print the ids and latencies as JSON."""
    from datetime import UTC, datetime, timedelta

    from quizapp.core.config import Config
    from quizapp.core.models import Deck
    from quizapp.core.store import Store
    from quizapp.core.study import StudySession

    store: Store
    if where.startswith("sqlite:"):
        from quizapp.core.store import SqliteStore

        store = SqliteStore.open(where.removeprefix("sqlite:"))
    else:
        from quizapp.core.store.postgres import PostgresStore

        store = PostgresStore.open(where)
    deck = Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": "load", "title": "Load", "scheduling": {"new_per_day": DECK_CARDS}},
            "cards": [
                {"id": f"c{i}", "type": "typed", "prompt": f"Q{i}?", "answer": f"A{i}"}
                for i in range(DECK_CARDS)
            ],
        }
    )
    latencies: list[float] = []
    commit = store.record_answer

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        result = commit(*args, **kwargs)
        latencies.append(time.perf_counter() - start)
        return result

    store.record_answer = timed  # type: ignore[method-assign]
    clock = [datetime(2026, 1, 5, 12, tzinfo=UTC)]
    session = StudySession(store, [deck], now=lambda: clock[0], config=Config(zone=UTC))
    print("ready", flush=True)
    sys.stdin.readline()  # "go"
    ids: list[int] = []
    deadline = time.monotonic() + seconds
    while len(ids) < answers and time.monotonic() < deadline:
        entry = session.next_entry()
        if entry is None:
            clock[0] += timedelta(days=1)
            continue
        rating = (1, 3, 3, 4)[len(ids) % 4]
        ids.append(session.answer(entry, rating, verdict="correct", response="x").review_id)
        clock[0] += timedelta(seconds=20)
    store.close()
    print(json.dumps({"ids": ids, "latencies": latencies}), flush=True)


def drive(backend: str, places: list[str], answers: int, seconds: float) -> Run:
    """Start a learner process per place, release them together, collect their reports."""
    children = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", place, str(answers), str(seconds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for place in places
    ]
    for child in children:
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            raise SystemExit(f"a {backend} learner did not start")
    start = time.perf_counter()
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    reports = []
    for child in children:
        out, _ = child.communicate(timeout=seconds + 120)
        reports.append(json.loads(out.strip().splitlines()[-1]))
    wall = time.perf_counter() - start
    return Run(
        backend,
        [r["ids"] for r in reports],
        [x for r in reports for x in r["latencies"]],
        wall,
    )


def lost_answers(run: Run, places: list[str]) -> int:
    """Acknowledged review ids missing from their learner's history."""
    from quizapp.core.store import SqliteStore, Store

    missing = 0
    for ids, place in zip(run.ids, places, strict=True):
        store: Store
        if place.startswith("sqlite:"):
            store = SqliteStore.open(place.removeprefix("sqlite:"))
        else:
            from quizapp.core.store.postgres import PostgresStore

            store = PostgresStore.open(place)
        with store:
            stored = {review.id for review in store.reviews("load")}
        missing += len(set(ids) - stored)
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--answers", type=int, default=400, help="per learner, at most")
    parser.add_argument("--seconds", type=float, default=20.0, help="per learner, at most")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]), float(args.worker[2]))
        return 0
    learners = max(1, min(MAX_LEARNERS, args.learners))
    from quizapp.core.store.postgres_admin import add_role, init_server
    from tests.postgres_server import ServerUnavailable, throwaway_server

    try:
        with throwaway_server(durable=True) as server:
            init_server(server.conninfo())
            urls = []
            for n in range(learners):
                name = f"learner{n:02d}"
                add_role(server.conninfo(), name, "learner")
                urls.append(server.conninfo(user=name))
            postgres = drive("postgresql", urls, args.answers, args.seconds)
            lost = lost_answers(postgres, urls)
            with tempfile.TemporaryDirectory(prefix="quizapp-load-") as folder:
                files = [f"sqlite:{Path(folder) / f'l{n}.sqlite3'}" for n in range(learners)]
                sqlite = drive("sqlite", files, args.answers, args.seconds)
                lost += lost_answers(sqlite, files)
    except ServerUnavailable as reason:
        print(f"bench_pg_load: no PostgreSQL server: {reason}", file=sys.stderr)
        return 1
    report(learners, postgres, sqlite, lost, args.json)
    return 1 if lost else 0


def report(learners: int, postgres: Run, sqlite: Run, lost: int, as_json: bool) -> None:
    figures = {
        run.backend: {
            "answers": run.answers,
            "wall_s": round(run.wall_s, 3),
            "answers_per_s": round(run.per_second, 1),
            "commit_p50_ms": round(1000 * statistics.median(run.latencies or [math.nan]), 2),
            "commit_p95_ms": round(1000 * run.quantile(0.95), 2),
        }
        for run in (postgres, sqlite)
    }
    if as_json:
        print(json.dumps({"learners": learners, "lost": lost, **figures}, indent=2))
        return
    cpus = os.cpu_count()
    print(f"{learners} learners at once, one process each, on {cpus} CPUs")
    print("| backend | answers | wall | answers/s | commit p50 | commit p95 |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, f in figures.items():
        print(
            f"| {name} | {f['answers']:,} | {f['wall_s']:.1f} s | {f['answers_per_s']:,.1f} "
            f"| {f['commit_p50_ms']:.1f} ms | {f['commit_p95_ms']:.1f} ms |"
        )
    ratio = postgres.per_second / sqlite.per_second if sqlite.per_second else math.nan
    print(f"postgresql/sqlite answers per second: {ratio:.2f}x")
    print(f"answers lost: {lost}")


if __name__ == "__main__":
    raise SystemExit(main())
