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
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

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


READ_VERDICT = 0.05  # seconds between a frame and the next key, as a learner reads
KEY_TIMEOUT = 10.0  # seconds: a key whose frame never comes stops the run


def post_key(app: Any, key: str) -> None:
    """Send ``key`` to the app as ``App._press_keys`` (Pilot) does, without its idle waits."""
    import unicodedata

    from textual import events
    from textual.keys import _get_unicode_name_from_key

    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def keys(kind: str, deck_id: str, answers: int) -> dict[str, float]:
    """Seconds from a rating key to the first frame that shows the next card, per answer.

    The key is posted the way Pilot posts it (``driver.send_message`` of an
    ``events.Key``), but without Pilot's waits for the process to be idle,
    which come in 20 ms steps and would be measured instead of the app.
    "Drawn" is the first frame composed after the key whose screen shows the
    next card: ``App._display`` is wrapped to note ``time.perf_counter()`` and
    what the screen shows each time it is handed the compositor's update (in
    headless mode it still is, after all the render work; only the terminal
    write is skipped). For the study screen, the next card is shown when the
    phase is QUESTION with another card than the one answered; for the floor,
    a bare app, when its label has its new text.

    The typed answer (``x``, Enter, then the verdict's frame) is not timed.
    Between the verdict's frame and the rating key the child waits a little
    (``READ_VERDICT``), as a learner reads: the screen's 60 Hz update timer
    is then idle, and the figure is the app's work, not where the key fell
    between two ticks of that timer. The floor waits the same before each key.
    """
    from textual.app import App

    app: App[object]
    durations: list[float] = []
    drawn = asyncio.Event()
    shown: Callable[[], bool] = lambda: False  # noqa: E731
    frame_at = 0.0

    def watch_frames(app: App[object]) -> None:
        display = app._display

        def noted(screen: object, renderable: object) -> None:
            nonlocal frame_at
            display(screen, renderable)  # type: ignore[arg-type]
            if renderable is not None and not drawn.is_set() and shown():
                frame_at = time.perf_counter()
                drawn.set()

        app._display = noted  # type: ignore[method-assign]

    async def timed_key(key: str, what: Callable[[], bool]) -> float:
        """Post ``key``; seconds until a frame shows ``what``."""
        nonlocal shown
        drawn.clear()
        shown = what
        began = time.perf_counter()
        post_key(app, key)
        await asyncio.wait_for(drawn.wait(), timeout=KEY_TIMEOUT)
        shown = lambda: False  # noqa: E731
        return frame_at - began

    if kind == "bare":
        app = bare_app()
        watch_frames(app)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            label = app.query_one("#label")
            for n in range(1, answers + 1):
                await asyncio.sleep(READ_VERDICT)
                bumped = partial(lambda text: str(label.content) == text, f"bench {n}")  # type: ignore[attr-defined]
                durations.append(await timed_key("3", bumped))
    else:
        from quizapp.tui.app import make_app
        from quizapp.tui.screens.study_state import Phase

        app = make_app(start=("study", deck_id))
        watch_frames(app)
        async with app.run_test(size=(100, 30)) as pilot:
            while type(app.screen).__name__ != "StudyScreen":
                await pilot.pause(0.01)
            screen: Any = app.screen
            while screen.phase != Phase.QUESTION:
                await pilot.pause(0.01)
            await pilot.pause(0.2)
            for _ in range(answers):
                card = screen.current.card
                post_key(app, "x")
                await pilot.pause()
                verdict = lambda: screen.phase == Phase.ANSWER  # noqa: E731
                await timed_key("enter", verdict)
                await pilot.pause()
                await asyncio.sleep(READ_VERDICT)
                next_card = partial(
                    lambda answered: (
                        screen.phase == Phase.QUESTION and screen.current.card is not answered
                    ),
                    card,
                )
                durations.append(await timed_key("3", next_card))
                await pilot.pause()
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
