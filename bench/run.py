"""quizapp's benchmarks in one command: every figure beside a floor measured in the same run.

Run ``python bench/run.py`` (about six minutes; ``--quick`` for a smoke run of
a few seconds, which CI does). It makes its own data in a temporary folder:
two decks of 5,000 cards (10,000 in all), a deck of 100,000 cards, a home of
100,000 cards (two decks of 50,000), and histories of 100,000 and 1,000,000
reviews imported with ``quizapp history import``. Each figure is the median of
repeated whole-process runs, printed with its floor (the same work stripped to
the minimum: a bare Textual app, ``tomli.loads``, a bare SQLite query) and the
ratio between them, because these machines are noisy and only ratios compare
across runs.
Nothing here is a test: no duration is asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import env_for, import_history, write_deck, write_history_csv

CHILD = str(Path(__file__).resolve().parent / "child.py")
CONFIG = """
[decks.bench-a.scheduling]
new_per_day = 10000
reviews_per_day = 100000
[decks.bench-b.scheduling]
new_per_day = 10000
reviews_per_day = 100000
"""


@dataclass
class Figure:
    what: str
    floor_name: str
    floor: float
    value: float
    unit: str  # "ms", "us", "MiB"

    def row(self) -> str:
        scale = {"ms": 1e3, "us": 1e6, "MiB": 1.0}[self.unit]
        ratio = self.value / self.floor if self.floor else float("nan")
        return (
            f"| {self.what} | {self.floor_name} {self.floor * scale:,.1f} {self.unit} "
            f"| {self.value * scale:,.1f} {self.unit} | {ratio:,.2f}x |"
        )


class Bench:
    def __init__(self, root: Path, repeat: int, quick: bool) -> None:
        self.root = root
        self.repeat = repeat
        self.quick = quick
        self.figures: list[Figure] = []

    # --- running children -------------------------------------------------------------------

    def child(self, home: Path, *args: str) -> dict[str, float]:
        spawned = time.time()
        argv = [sys.executable, CHILD, args[0]]
        if args[0].endswith("start"):
            argv.append(repr(spawned))
        argv += list(args[1:])
        out = subprocess.run(
            argv, env=env_for(home), capture_output=True, text=True, check=True, cwd=self.root
        )
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))

    def median_child(self, home: Path, *args: str) -> dict[str, float]:
        runs = [self.child(home, *args) for _ in range(self.repeat)]
        return {key: statistics.median(run[key] for run in runs) for key in runs[0]}

    def wall(self, home: Path, argv: list[str], stdin: str = "") -> float:
        """Median wall time of a whole command."""
        times = []
        for _ in range(self.repeat):
            began = time.perf_counter()
            subprocess.run(
                argv, env=env_for(home), input=stdin, capture_output=True, text=True, check=False
            )
            times.append(time.perf_counter() - began)
        return statistics.median(times)

    def add(self, *args: object) -> None:
        figure = Figure(*args)  # type: ignore[arg-type]
        self.figures.append(figure)
        print(figure.row(), flush=True)

    # --- data -------------------------------------------------------------------------------

    def home(self, name: str, cards: int, reviews: int) -> Path:
        home = self.root / name
        (home / "decks").mkdir(parents=True)
        if cards:
            half = cards // 2
            write_deck(home / "decks" / "bench-a.toml", "bench-a", half)
            write_deck(home / "decks" / "bench-b.toml", "bench-b", cards - half)
            (home / "config.toml").write_text(CONFIG, encoding="utf-8")
        if reviews:
            log = write_history_csv(
                self.root / f"{name}.csv", {"bench-a": cards // 2, "bench-b": cards // 2}, reviews
            )
            import_history(home, log)
        return home

    # --- figures ----------------------------------------------------------------------------

    def start_figures(
        self, small: Path, big: Path, cards: int, huge: Path, huge_cards: int
    ) -> None:
        bare = self.median_child(small, "bare-start")
        app = self.median_child(small, "app-start")
        self.add(
            "start → first screen, bundled decks", "bare app", bare["first"], app["first"], "ms"
        )
        self.add("start → deck table, bundled decks", "bare app", bare["table"], app["table"], "ms")
        cold = self.child(big, "app-start")  # the first start after the decks were written
        warm = self.median_child(big, "app-start")
        self.add(f"start → deck table, {cards:,} cards, first start", "bare app",
                 bare["table"], cold["table"], "ms")  # fmt: skip
        self.add(f"start → deck table, {cards:,} cards, next starts", "bare app",
                 bare["table"], warm["table"], "ms")  # fmt: skip
        self.add(f"start → deck table with its counts, {cards:,} cards, next starts",
                 "bare app", bare["table"], warm["counted"], "ms")  # fmt: skip
        self.add(f"peak memory, start + {cards:,} cards", "bare app",
                 bare["peak_mib"], warm["peak_mib"], "MiB")  # fmt: skip
        cold_huge = self.child(huge, "app-start")
        warm_huge = self.median_child(huge, "app-start")
        self.add(f"start → deck table, {huge_cards:,} cards, first start", "bare app",
                 bare["table"], cold_huge["table"], "ms")  # fmt: skip
        self.add(f"start → deck table, {huge_cards:,} cards, next starts", "bare app",
                 bare["table"], warm_huge["table"], "ms")  # fmt: skip
        self.add(f"start → deck table with its counts, {huge_cards:,} cards, next starts",
                 "bare app", bare["table"], warm_huge["counted"], "ms")  # fmt: skip
        if shutil.which("tmux"):
            try:
                floor = self.tmux_start(small, "bench-ready", bare=True)
                self.add("start → deck table in tmux, bundled decks", "bare app", floor,
                         self.tmux_start(small, "Libya"), "ms")  # fmt: skip
                self.add(f"start → deck table in tmux, {cards:,} cards", "bare app", floor,
                         self.tmux_start(big, "Bench bench-a"), "ms")  # fmt: skip
                self.add(f"start → deck table in tmux, {huge_cards:,} cards", "bare app", floor,
                         self.tmux_start(huge, "Bench bench-a"), "ms")  # fmt: skip
            except subprocess.CalledProcessError as error:  # a tmux server that will not start
                print(f"| start in tmux | tmux failed: {error.returncode} | | |", flush=True)

    def tmux_start(self, home: Path, marker: str, bare: bool = False) -> float:
        times = []
        for run in range(self.repeat):
            session = f"quizapp-bench-{os.getpid()}-{run}"
            if bare:
                command = [sys.executable, CHILD, "bare-run"]
            else:
                command = [sys.executable, "-m", "quizapp"]
            env = [f"QUIZAPP_HOME={home}"]
            began = time.perf_counter()
            subprocess.run(
                [
                    "tmux",
                    "new-session",
                    "-d",
                    "-s",
                    session,
                    "-x",
                    "100",
                    "-y",
                    "30",
                    "env",
                    "-u",
                    "PYTHONDONTWRITEBYTECODE",  # as an installed quizapp: bytecode kept
                    *env,
                    *command,
                ],
                check=True,
                cwd=self.root,
            )
            try:
                deadline = began + 30
                while time.perf_counter() < deadline:
                    screen = subprocess.run(
                        ["tmux", "capture-pane", "-p", "-t", session],
                        capture_output=True,
                        text=True,
                        check=False,
                    ).stdout
                    if marker in screen:
                        break
                    time.sleep(0.002)
                times.append(time.perf_counter() - began)
            finally:
                subprocess.run(["tmux", "kill-session", "-t", session], check=False)
        return statistics.median(times)

    def load_figures(self, big_deck: Path, huge_deck: Path) -> None:
        """Deck load per card, cold (no cache entry) and warm, and ``quizapp check`` per card.

        Cold runs each get a data folder of their own, so the cache of
        validated decks is empty; warm runs share one whose entry the first
        of them wrote.
        """
        repeat = str(3 if self.quick else 5)

        def runs(mode: str, deck: Path, warm: bool, times: int) -> dict[str, float]:
            shared = self.fresh_home()
            results = []
            if warm:
                self.child(shared, mode, str(deck), "1")  # writes the cache entry
            for _ in range(times):
                results.append(self.child(shared if warm else self.fresh_home(), mode,
                                          str(deck), repeat))  # fmt: skip
            return {key: statistics.median(r[key] for r in results) for key in results[0]}

        for label, deck, times in (
            ("", big_deck, self.repeat),
            (f", {huge_deck.stem}", huge_deck, 1),
        ):
            try:
                cold = runs("load", deck, False, times)
                warm = runs("load", deck, True, times)
            except subprocess.CalledProcessError:
                print(f"| deck load per card{label} | could not be loaded | | |", flush=True)
                continue
            self.add(f"deck load per card, cold{label}", "tomli.loads", cold["tomli"],
                     cold["load"], "us")  # fmt: skip
            self.add(f"deck load per card, warm{label}", "tomli.loads", warm["tomli"],
                     warm["load"], "us")  # fmt: skip
        cards = big_deck.read_text(encoding="utf-8").count("[[cards]]")
        examples = write_deck(self.root / "examples.toml", "examples", cards, examples=True)
        cold = runs("check", examples, False, self.repeat)
        warm = runs("check", examples, True, self.repeat)
        self.add("quizapp check per card, 3 examples a card, cold", "tomli.loads",
                 cold["tomli"], cold["check"], "us")  # fmt: skip
        self.add("quizapp check per card, 3 examples a card, unchanged deck", "tomli.loads",
                 warm["tomli"], warm["check"], "us")  # fmt: skip

    def fresh_home(self) -> Path:
        """A data folder of its own (an empty cache of validated decks)."""
        return Path(tempfile.mkdtemp(prefix="home-", dir=self.root))

    def answer_figures(self, home: Path, label: str) -> None:
        answers = "20" if self.quick else "100"
        bare = self.child(home, "bare-keys", answers)
        app = self.child(home, "app-keys", "bench-a", answers)
        self.add(
            f"rating key → next card, p50, {label}",
            "bare key → redraw",
            bare["p50"],
            app["p50"],
            "ms",
        )
        self.add(
            f"rating key → next card, p95, {label}",
            "bare key → redraw",
            bare["p95"],
            app["p95"],
            "ms",
        )
        few, many = (5, 20) if self.quick else (10, 110)
        plain = [sys.executable, "-m", "quizapp", "study", "bench-a", "--plain"]

        def per_answer(argv: list[str], line: Callable[[int], str]) -> float:
            walls = [self.wall(home, argv, "".join(line(i) for i in range(n))) for n in (few, many)]
            return (walls[1] - walls[0]) / (many - few)

        floor_db = self.root / "floor.sqlite3"
        floor = [sys.executable, "-c", FLOOR_PROTOCOL, str(floor_db)]
        self.add(f"plain mode per answer, {label}", "read + one commit",
                 per_answer(floor, lambda i: "x\n\n"), per_answer(plain, lambda i: "x\n\n"), "ms")  # fmt: skip  # noqa: E501

    def query_figures(self, home: Path, label: str, stats: bool) -> None:
        db = home / "history.sqlite3"
        count = [sys.executable, "-c", FLOOR_COUNT, str(db)]
        floor = self.wall(home, count)
        if not stats:
            due = self.wall(home, [sys.executable, "-m", "quizapp", "due"])
            self.add(f"quizapp due, {label}", "python + SELECT count(*)", floor, due, "ms")
            return
        cli = self.wall(home, [sys.executable, "-m", "quizapp", "stats", "--json"])
        self.add(f"quizapp stats --json, {label}", "python + SELECT count(*)", floor, cli, "ms")

    def home_counts_figure(self, cards: int, reviews: int) -> None:
        """The home screen's counts (``deck_counts`` of every deck), in one process where the
        store is open and the decks loaded, against an indexed ``count(*)`` per deck there."""
        home = self.home("counts", cards, reviews)
        runs = str(max(self.repeat, 3))
        out = subprocess.run(
            [sys.executable, "-c", HOME_COUNTS, runs],
            env=env_for(home),
            capture_output=True,
            text=True,
            check=True,
        )
        floor, counts, checked = (float(x) for x in out.stdout.split()[-3:])
        self.add(f"home screen counts, {cards:,} cards + {reviews:,} reviews",
                 "a count(*) per deck", floor, counts, "ms")  # fmt: skip
        # Once per version of a deck: which stored states are of cards no longer in it.
        self.add(f"home screen counts after a deck change, {cards:,} cards",
                 "a count(*) per deck", floor, checked, "ms")  # fmt: skip


HOME_COUNTS = """
import statistics, sys, time
from datetime import UTC, datetime
from quizapp.core.config import load_config
from quizapp.core.library import load_library
from quizapp.core.store import open_store
from quizapp.core.study import deck_counts
decks = [loaded.deck for loaded in load_library() if loaded.ok and loaded.deck is not None]
store, config = open_store(), load_config()
def median(work):
    times = []
    for _ in range(int(sys.argv[1])):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)
now = datetime.now(UTC)
counts = median(lambda: [deck_counts(store, deck, now, config) for deck in decks])
def bare_counts():
    for deck in decks:  # one indexed count of each deck's card states
        store.connection.execute(
            "SELECT count(*) FROM card_state WHERE deck_id = ?", (deck.deck.id,)
        ).fetchone()
floor = median(bare_counts)
from quizapp.core.store.sqlite_counts import RECORD_KEY
def checked_counts():  # as after a deck edit: the removed cards' states looked for again
    store.connection.execute("DELETE FROM settings WHERE key LIKE ?", (RECORD_KEY + "%",))
    began = time.perf_counter()
    [deck_counts(store, deck, now, config) for deck in decks]
    return time.perf_counter() - began
checked = statistics.median(checked_counts() for _ in range(int(sys.argv[1])))
print(floor, counts, checked)
"""

FLOOR_PROTOCOL = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE IF NOT EXISTS t (line TEXT)")
for line in sys.stdin:
    print("> ", end="", flush=True)
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO t VALUES (?)", (line,))
    db.execute("COMMIT")
"""
FLOOR_COUNT = "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM reviews').fetchone()"  # noqa: E501


def compile_quizapp() -> None:
    """Compile quizapp's bytecode first, as installing it does, so no run pays for it."""
    import compileall

    import quizapp

    compileall.compile_dir(str(Path(quizapp.__file__).parent), quiet=1)


GROUPS = ("start", "load", "due", "answers", "stats")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny data, one run each (for CI)")
    parser.add_argument("--repeat", type=int, default=5, help="whole-process runs per figure")
    parser.add_argument(
        "--only",
        default=",".join(GROUPS),
        help=f"comma-separated groups of figures to run, of: {', '.join(GROUPS)} (default: all)",
    )
    args = parser.parse_args()
    only = set(args.only.split(","))
    if not only <= set(GROUPS):
        parser.error(f"--only takes groups among {', '.join(GROUPS)}")
    repeat = 1 if args.quick else args.repeat
    cards, reviews, many = (1_000, 2_000, 20_000) if args.quick else (10_000, 100_000, 1_000_000)
    huge_cards = 1_000 if args.quick else 100_000
    compile_quizapp()
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        root = Path(tmp)
        bench = Bench(root, repeat, args.quick)
        print(f"Making data: {cards:,} cards, {reviews:,} and {many:,} reviews…", flush=True)
        small = bench.home("small", 0, 0)
        big = bench.home("big", cards, reviews if only & {"due", "answers"} else 0)
        print("| what | floor | quizapp | ratio |\n| --- | --- | --- | --- |", flush=True)
        if "start" in only:
            huge_home = bench.home("huge-start", huge_cards, 0)
            bench.start_figures(small, big, cards, huge_home, huge_cards)
        if "load" in only:
            huge = write_deck(root / f"deck-{huge_cards}-cards.toml", "huge", huge_cards)
            bench.load_figures(big / "decks" / "bench-a.toml", huge)
        label = f"{cards:,} cards + {reviews:,} reviews"
        if "due" in only:
            bench.query_figures(big, label, stats=False)
            bench.home_counts_figure(huge_cards, reviews)
        if "answers" in only:
            bench.answer_figures(big, label)
        if "stats" in only:
            print(f"Importing {many:,} reviews…", flush=True)
            heavy = bench.home("heavy", cards, many)
            bench.query_figures(heavy, f"{many:,} reviews", stats=True)
            stats_screen = bench.child(heavy, "app-stats")
            bare = bench.child(small, "bare-start")["table"]
            bench.add(
                f"stats screen, {many:,} reviews: the deck under the cursor",
                "bare app start",
                bare,
                stats_screen["open"],
                "ms",
            )
            bench.add(
                f"stats screen, {many:,} reviews: `a`, all decks",
                "bare app start",
                bare,
                stats_screen["all"],
                "ms",
            )
    return 0


if __name__ == "__main__":
    sqlite3.threadsafety  # noqa: B018  (the floors use sqlite3 from the same Python)
    raise SystemExit(main())
