"""Data the benchmarks make for themselves: decks of any size and a review history.

Everything is written through quizapp's public doors (deck files a person could
write, ``quizapp history import`` for the history), so the figures measure what
a user's data costs and the data keeps working when the schema changes.
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

DAY = timedelta(days=1)
NOW = datetime.now(UTC)


def write_deck(path: Path, deck_id: str, cards: int, *, examples: bool = False) -> Path:
    """A deck of ``cards`` typed cards, each with its own answer (as a vocabulary list).

    ``examples`` gives every card the author's tests of the answer checker
    that ``quizapp check`` runs: one right answer in other case, one typo
    and one wrong answer, as a careful author writes them.
    """
    lines = [
        "format = 1",
        "",
        "[deck]",
        f'id = "{deck_id}"',
        f'title = "Bench {deck_id}"',
        "",
    ]
    for i in range(cards):
        lines += [
            "[[cards]]",
            f'id = "c{i}"',
            'type = "typed"',
            f'prompt = "What is word number {i} of the list?"',
            f'answer = "word{i}"',
        ]
        if examples:
            lines += [
                "[cards.examples]",
                f'accept = ["Word{i}", "wrod{i}"]',
                f'reject = ["other{i}"]',
            ]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_history_csv(path: Path, decks: dict[str, int], reviews: int, seed: int = 1) -> Path:
    """``reviews`` reviews over the cards of ``decks`` in the history export's CSV layout.

    Reviews are spread over the last three years, a few days apart per card, so
    that the log looks like real study (inter-day reviews, a few lapses).
    """
    rng = random.Random(seed)
    items = [(deck, f"c{i}") for deck, count in decks.items() for i in range(count)]
    per_item = max(1, reviews // max(1, len(items)))
    start = NOW - 3 * 365 * DAY
    written = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["kind", "deck_id", "item_id", "reviewed", "rating", "response_ms", "mode"])
        while written < reviews:
            for deck, item in items:
                when = start + timedelta(minutes=rng.randrange(60 * 24 * 30))
                for _ in range(per_item):
                    if written >= reviews:
                        break
                    when += timedelta(days=rng.randint(1, 20))
                    if when > NOW:
                        break
                    rating = rng.choice((1, 3, 3, 3, 3, 4))
                    stamp = when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"
                    ms = rng.randint(1500, 9000)
                    out.writerow(["review", deck, item, stamp, rating, ms, "study"])
                    written += 1
                if written >= reviews:
                    break
    return path


def import_history(home: Path, csv_path: Path) -> None:
    """Load a history through ``quizapp history import``, as a user would."""
    subprocess.run(
        [sys.executable, "-m", "quizapp", "history", "import", str(csv_path)],
        env=env_for(home),
        check=True,
        capture_output=True,
    )


def env_for(home: Path) -> dict[str, str]:
    """The environment of a quizapp child process using ``home`` as its data folder."""
    import os

    env = dict(os.environ)
    env["QUIZAPP_HOME"] = str(home)
    env.pop("NO_COLOR", None)
    # An installed quizapp has its bytecode compiled (pip does it); a shell that forbids
    # writing bytecode would make every child compile quizapp from source again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
