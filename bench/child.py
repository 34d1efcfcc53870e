"""Measurements that run in a child process of their own, one per run.

``python bench/child.py MODE ARGS...`` prints one JSON object. The parent
(``bench/run.py``) starts a fresh interpreter for each run, so start-up costs
and peak memory are those a user pays, and nothing is warm by accident.
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import sys
import time
from pathlib import Path

SPAWNED = float(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1].endswith("start") else 0.0


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_app():  # type: ignore[no-untyped-def]
    """The floor: a Textual app with one Label and one key that changes it."""
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Bare(App[None]):
        BINDINGS = [("3", "bump", "Bump")]  # noqa: RUF012

        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def compose(self) -> ComposeResult:
            yield Label("bench-ready", id="label")

        def action_bump(self) -> None:
            self.count += 1
            self.query_one("#label", Label).update(f"bench {self.count}")

    return Bare()


async def start(kind: str) -> dict[str, float]:
    """Seconds from the spawn of this process to the first screen, to a filled deck table,
    to its counts shown, and to the decks loaded and counted from the history."""
    first = table = counted = loaded = 0.0
    if kind == "bare":
        app = bare_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            first = table = counted = loaded = time.time() - SPAWNED
    else:
        from quizapp.tui.app import make_app

        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            while True:
                tables = app.screen.query("DeckTable")
                if tables and not first:
                    first = time.time() - SPAWNED
                if tables and not table and tables.first().row_count:  # type: ignore[attr-defined]
                    table = time.time() - SPAWNED
                if table and not counted and counts_shown(tables.first()):
                    counted = time.time() - SPAWNED
                # The counts may be the ones remembered from the last start: wait for the
                # decks themselves (what studying needs) and the history's counts too, so
                # that the peak memory is that of a start with the decks loaded.
                rows = getattr(app.screen, "rows", [])
                if counted and rows and all(getattr(row, "counted", True) for row in rows):
                    loaded = time.time() - SPAWNED
                    break
                await pilot.pause(0.001)
    return {
        "first": first,
        "table": table,
        "counted": counted,
        "loaded": loaded,
        "peak_mib": peak_mib(),
    }


def counts_shown(table) -> bool:  # type: ignore[no-untyped-def]
    """Every row of the deck table shows its counts (a count still to come reads "…")."""
    return bool(table.row_count) and all(
        str(cell) != "…" for index in range(table.row_count) for cell in table.get_row_at(index)
    )


async def keys(kind: str, deck_id: str, answers: int) -> dict[str, float]:
    """Seconds from a rating key to the next card drawn, per answer (the bare app: key → redraw)."""
    durations: list[float] = []
    if kind == "bare":
        app = bare_app()
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(answers):
                began = time.perf_counter()
                await pilot.press("3")
                await pilot.pause()
                durations.append(time.perf_counter() - began)
    else:
        from quizapp.tui.app import make_app

        app = make_app(start=("study", deck_id))
        async with app.run_test(size=(100, 30)) as pilot:
            while type(app.screen).__name__ != "StudyScreen":
                await pilot.pause(0.01)
            await pilot.pause(0.2)
            for _ in range(answers):
                await pilot.press("x", "enter")
                await pilot.pause()
                began = time.perf_counter()
                await pilot.press("3")
                await pilot.pause()
                durations.append(time.perf_counter() - began)
    durations.sort()
    return {
        "p50": statistics.median(durations),
        "p95": durations[min(len(durations) - 1, int(len(durations) * 0.95))],
    }


async def stats_screen() -> dict[str, float]:
    """Seconds from the stats key to the stats screen's work all done (the deck under
    the cursor), then from ``a`` (all decks: the whole history) to the same."""
    from quizapp.tui.app import make_app

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        while not (app.screen.query("DeckTable") and app.screen.query_one("DeckTable").row_count):  # type: ignore[attr-defined]
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        timings = {}
        for name, key in (("open", "s"), ("all", "a")):
            began = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            timings[name] = time.perf_counter() - began
    return timings


def load(path: str, repeat: int) -> dict[str, float]:
    """Seconds per card for ``tomli.loads`` (best of ``repeat``) and quizapp's first load.

    The first load of the process is what a start or a command pays; whether
    the cache of validated decks has an entry for the deck (warm) or not
    (cold) is up to the parent, which gives each run its data folder.
    """
    import tomli

    from quizapp.core.library import load_paths

    text = Path(path).read_text(encoding="utf-8")
    cards = text.count("[[cards]]")
    best_parse = min(_timed(lambda: tomli.loads(text)) for _ in range(repeat))
    first = _timed(lambda: load_paths([path]))
    return {"tomli": best_parse / cards, "load": first / cards}


def check(path: str, repeat: int) -> dict[str, float]:
    """Seconds per card for ``tomli.loads`` and for a whole ``quizapp check`` of the deck.

    The command runs in this process (``main(["check", path])``, its output
    captured), timed from its call to its return: the interpreter's start is
    left out, so the figure is the work per card itself rather than the
    difference of two whole-process times, which the machine's noise can
    make negative.
    """
    import contextlib
    import io

    import tomli
    from data import write_deck

    from quizapp.cli import main as quizapp_main

    text = Path(path).read_text(encoding="utf-8")
    cards = text.count("[[cards]]")
    best_parse = min(_timed(lambda: tomli.loads(text)) for _ in range(repeat))
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        # A one-card deck first, so that imports, once per process, are not counted per card.
        quizapp_main(["check", str(write_deck(Path(path).with_name("warm-up.toml"), "w", 1))])
        began = time.perf_counter()
        code = quizapp_main(["check", path])
        spent = time.perf_counter() - began
    if code != 0:
        raise SystemExit(f"quizapp check failed ({code}): {out.getvalue()[-500:]}")
    return {"tomli": best_parse / cards, "check": spent / cards}


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def main() -> None:
    mode = sys.argv[1]
    if mode == "bare-start":
        result = asyncio.run(start("bare"))
    elif mode == "app-start":
        result = asyncio.run(start("app"))
    elif mode == "bare-keys":
        result = asyncio.run(keys("bare", "", int(sys.argv[2])))
    elif mode == "app-keys":
        result = asyncio.run(keys("app", sys.argv[2], int(sys.argv[3])))
    elif mode == "app-stats":
        result = asyncio.run(stats_screen())
    elif mode == "bare-run":
        bare_app().run()
        return
    elif mode == "load":
        result = load(sys.argv[2], int(sys.argv[3]))
    elif mode == "check":
        result = check(sys.argv[2], int(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
