"""The stats screen driven by a pilot, and snapshots of it at 80x24 and 120x40.

The screen is hosted in a tiny App with a fixed clock, UTC and an explicit
database, so the snapshots do not depend on the day they are taken.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import DataTable, Static, TabbedContent

from quizapp.core import stats
from quizapp.core.models import Deck
from quizapp.core.store import open_readonly
from quizapp.tui.screens.stats import CardScreen, StatsScreen
from tests.conftest import SAMPLE_LOG
from tests.stats_helpers import DAY_MS, add_card, add_quiz, add_review, ms, open_history

NOW = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)

DECK = Deck.model_validate(
    {
        "format": 1,
        "deck": {"id": "geo", "title": "Geography"},
        "cards": [
            {
                "id": "capital-fr",
                "type": "typed",
                "prompt": "Capital of France?",
                "answer": "Paris",
                "tags": ["europe", "capitals"],
            },
            {
                "id": "capital-ly",
                "type": "typed",
                "prompt": "Capital of Libya?",
                "answer": "Tripoli",
                "tags": ["africa", "capitals"],
                "explanation": "Tripoli lies on the Mediterranean coast.",
            },
            {
                "id": "nile",
                "type": "truefalse",
                "statement": "The Nile flows north.",
                "answer": True,
                "tags": ["africa"],
            },
        ],
    },
    strict=False,
)


class Host(App[None]):
    """Hosts the stats screen over a blank screen, as the home screen would."""

    def __init__(self, screen_factory) -> None:
        super().__init__()
        self.screen_factory = screen_factory

    def on_mount(self) -> None:
        self.push_screen(self.screen_factory())


def make_host(db: Path, deck_id: str | None = None, decks=(DECK,)) -> Host:
    return Host(
        lambda: StatsScreen(
            deck_id, decks=list(decks), now=lambda: NOW, db_path=db, tz=UTC, rollover_hour=4
        )
    )


def small_history(path: Path) -> Path:
    """A few weeks of study and quizzes on the geography deck, with known figures."""
    store = open_history(path)
    conn = store.connection
    t = ms(NOW)
    plan = [  # days ago, item, rating, mode
        (20, "capital-fr", 3, "study"),
        (20, "capital-ly", 1, "study"),
        (15, "capital-ly", 3, "study"),
        (9, "capital-fr", 3, "study"),
        (9, "nile", 4, "study"),
        (3, "capital-ly", 1, "study"),
        (2, "capital-ly", 3, "study"),
        (1, "capital-fr", 3, "study"),
        (0, "nile", 3, "study"),
    ]
    for days, item, rating, mode in plan:
        add_review(conn, "geo", item, t - days * DAY_MS - 3_600_000, rating, mode=mode)
    for days, score in ((14, 50.0), (10, 66.7), (6, 83.3), (1, 100.0)):
        add_quiz(conn, "geo", t - days * DAY_MS, score, questions=6)
        add_review(conn, "geo", "nile", t - days * DAY_MS, 3, mode="quiz", verdict="correct")
    add_quiz(conn, "geo", t - 4 * DAY_MS, None, abandoned=True)
    add_card(
        conn, "geo", "capital-fr", due_ms=t + 12 * DAY_MS, last_review_ms=t - DAY_MS, stability=14.0
    )
    add_card(
        conn,
        "geo",
        "capital-ly",
        due_ms=t + 2 * DAY_MS,
        last_review_ms=t - 2 * DAY_MS,
        stability=3.5,
        lapses=2,
        reps=4,
    )
    add_card(conn, "geo", "nile", due_ms=t + 25 * DAY_MS, last_review_ms=t, stability=30.0)
    store.close()
    return path


async def _loaded(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# ---------------------------------------------------------------- pilot


async def test_loads_in_a_worker_then_shows_tabs(tmp_path: Path) -> None:
    app = make_host(small_history(tmp_path / "h.sqlite3"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert screen.report is not None and screen.report.total_reviews == 13
        assert screen.query_one(TabbedContent).display
        assert not screen.query_one("#stats-loading").display
        await pilot.press("3")
        assert screen.query_one(TabbedContent).active == "retention"
        table = screen.query_one("#retention-table", DataTable)
        assert table.row_count == len(stats.RETENTION_PERIODS)


async def test_escape_goes_back_even_while_computing(tmp_path: Path, monkeypatch) -> None:
    """Input is handled while the figures are computed: the work is off the event loop."""
    release = threading.Event()
    started = threading.Event()
    real = stats.compute_stats

    def slow(*args, **kwargs):
        started.set()
        release.wait(timeout=30)
        return real(*args, **kwargs)

    monkeypatch.setattr(stats, "compute_stats", slow)
    app = make_host(small_history(tmp_path / "h.sqlite3"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert started.wait(timeout=30)
        assert app.screen.query_one("#stats-loading").display
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)
        release.set()
        await app.workers.wait_for_complete()


async def test_leaving_interrupts_the_query_that_is_running(tmp_path: Path, monkeypatch) -> None:
    """Escape stops the stats' query itself, not only the worker that waits for it."""
    started = threading.Event()
    outcome: list[str] = []

    def endless(store, **kwargs):
        started.set()
        try:  # a query that never ends unless it is interrupted
            store.connection.execute(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                "SELECT count(*) FROM c"
            ).fetchone()
        except Exception as error:
            outcome.append(str(error))
            raise
        outcome.append("finished")

    monkeypatch.setattr(stats, "compute_stats", endless)
    app = make_host(small_history(tmp_path / "h.sqlite3"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert started.wait(timeout=30)
        await pilot.press("escape")
        await app.workers.wait_for_complete()  # hangs if the query goes on
        assert not isinstance(app.screen, StatsScreen)
    assert outcome == ["interrupted"]


async def test_the_shown_tab_comes_first_and_the_others_after(tmp_path: Path, monkeypatch) -> None:
    """Only the figures of the tab on show are computed before it appears; the other
    tabs stay disabled (no zeros shown for figures not computed yet) until the rest
    is in, and the whole report is the one computed at once."""
    release = threading.Event()
    asked: list[frozenset[str] | None] = []
    real = stats.compute_stats

    def gated(*args, sections=None, **kwargs):
        asked.append(None if sections is None else frozenset(sections))
        if len(asked) % 2 == 0:  # the rest waits until the test lets it go
            release.wait(timeout=30)
        return real(*args, sections=sections, **kwargs)

    monkeypatch.setattr(stats, "compute_stats", gated)
    db = small_history(tmp_path / "h.sqlite3")
    app = make_host(db)
    async with app.run_test(size=(80, 24)) as pilot:
        while len(asked) < 2:
            await pilot.pause(0.01)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert asked[0] == {"activity", "cards"}
        assert asked[1] == set(stats.SECTIONS) - asked[0]
        assert screen.query_one(TabbedContent).display
        assert "13" in str(screen.query_one("#overview-text", Static).render())
        assert screen.query_one(TabbedContent).get_tab("retention").disabled
        assert screen.report is None
        await pilot.press("3")  # a disabled tab: not shown yet
        assert screen.query_one(TabbedContent).active == "overview"
        release.set()
        await _loaded(pilot)
        assert not screen.query_one(TabbedContent).get_tab("retention").disabled
        await pilot.press("3")
        assert screen.query_one(TabbedContent).active == "retention"
        assert screen.report is not None
        store = open_readonly(db)
        whole = real(store, decks=[DECK], now=NOW, tz=UTC, rollover_hour=4)
        store.close()
        assert screen.report == whole
        asked.clear()
        await pilot.press("r")  # reloaded on the Retention tab: retention first
        while len(asked) < 2:
            await pilot.pause(0.01)
        assert asked[0] == {"retention"}
        await _loaded(pilot)


async def test_q_goes_back(tmp_path: Path) -> None:
    app = make_host(tmp_path / "none.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)


async def test_enter_on_a_hardest_card_shows_it(tmp_path: Path) -> None:
    app = make_host(small_history(tmp_path / "h.sqlite3"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        await pilot.press("6", "tab")
        assert app.focused is app.screen.query_one("#lapses-table")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CardScreen)
        assert app.screen.card.item_id == "capital-ly"
        assert app.screen.item is not None and app.screen.item.card.answer == "Tripoli"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


async def test_histogram_toggles_between_intervals_and_stabilities(tmp_path: Path) -> None:
    app = make_host(small_history(tmp_path / "h.sqlite3"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        screen = app.screen
        await pilot.press("5", "t")
        assert screen.show_stabilities
        await pilot.press("t")
        assert not screen.show_stabilities


async def test_desired_retention_follows_the_config_override(tmp_path: Path) -> None:
    """The screen loads the config even when its clock is given, for per-deck overrides."""
    from quizapp.core.paths import config_path

    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text("[decks.geo.scheduling]\ndesired_retention = 0.82\n")
    app = make_host(small_history(tmp_path / "h.sqlite3"), deck_id="geo")
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        assert app.screen.report.retention.desired == 0.82
        await pilot.press("3")
        note = str(app.screen.query_one("#retention-note", Static).render())
        assert "82.0%" in note


async def test_p_switches_the_retention_series(tmp_path: Path) -> None:
    app = make_host(small_history(tmp_path / "h.sqlite3"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        screen = app.screen
        await pilot.press("3")
        table = screen.query_one("#series-table", DataTable)
        note = screen.query_one("#series-note", Static)
        seen = []
        for _ in range(4):
            first = table.get_row_at(0)  # the newest period comes first
            seen.append((screen.series_unit, table.row_count, first[0], first[4]))
            assert "p: day, week or month" in str(note.render())
            await pilot.press("p")
        assert seen == [
            ("week", 12, "2025-W24", "2"),  # study answers on Mon 9 and Tue 10 June
            ("month", 12, "2025-06", "6"),  # 1 (two), 7, 8, 9 and 10 June
            ("day", 30, "2025-06-10", "1"),
            ("week", 12, "2025-W24", "2"),
        ]


async def test_histogram_has_one_row_per_bin_beside_its_label(sample_db: Path) -> None:
    """Each bar is on its bin's own line, at 80x24, for intervals and stabilities."""
    from quizapp.core.stats import bar_text as histogram_bar

    app = make_log_host(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        screen = app.screen
        await pilot.press("5")
        table = screen.query_one("#hist-table", DataTable)
        for bins in (screen.report.intervals, screen.report.stabilities):
            assert table.row_count == len(bins) == len(stats.HISTOGRAM_EDGES)
            biggest = max(b.count for b in bins)
            for index, b in enumerate(bins):
                label, count, _share, bar = (str(c) for c in table.get_row_at(index))
                assert (label, count) == (b.label, f"{b.count:,}")
                assert (len(bar) > 0) == (b.count > 0)
                assert len(bar) <= len(histogram_bar(biggest, biggest, 60))
            await pilot.press("t")


@pytest.mark.parametrize(
    ("count", "biggest", "width", "bar"),
    [(0, 10, 20, ""), (1, 1000, 20, "█"), (10, 10, 20, "█" * 20), (5, 10, 20, "█" * 10)],
)
def test_histogram_bar(count: int, biggest: int, width: int, bar: str) -> None:
    from quizapp.core.stats import bar_text as histogram_bar

    assert histogram_bar(count, biggest, width) == bar


def test_every_binding_is_described() -> None:
    """The help screen is generated from BINDINGS: each needs words."""
    for screen in (StatsScreen, CardScreen):
        for binding in screen.BINDINGS:
            assert binding.description, binding


async def test_one_deck_then_all_decks(tmp_path: Path) -> None:
    db = small_history(tmp_path / "h.sqlite3")
    app = make_host(db, deck_id="other")
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        assert app.screen.report.total_reviews == 0
        await pilot.press("a")
        await _loaded(pilot)
        assert app.screen.report.deck_id is None and app.screen.report.total_reviews == 13
        await pilot.press("a")
        await _loaded(pilot)
        assert app.screen.report.deck_id == "other"


# ---------------------------------------------------------------- snapshots

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_snapshot_empty_history(snap_compare, tmp_path: Path, size) -> None:
    assert snap_compare(
        make_host(tmp_path / "none.sqlite3"), terminal_size=size, run_before=_loaded
    )


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
@pytest.mark.parametrize("tab", ["1", "2", "3", "4", "5", "6", "7"])
def test_snapshot_small_history(snap_compare, tmp_path: Path, size, tab) -> None:
    db = small_history(tmp_path / "h.sqlite3")

    async def before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press(tab)
        await pilot.pause()

    assert snap_compare(make_host(db), terminal_size=size, run_before=before)


# ---------------------------------------------------------------- the real review log

SAMPLE = SAMPLE_LOG
LOG_NOW = datetime(2024, 10, 7, 12, 0, tzinfo=UTC)  # the day after the log's last review


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    from quizapp.core import history_io
    from quizapp.core.store.sqlite import SqliteStore

    path = tmp_path_factory.mktemp("sample") / "history.sqlite3"
    with SqliteStore.open(path) as store:
        history_io.import_history(store, history_io.read_history_file(SAMPLE))
    return path


def make_log_host(db: Path) -> Host:
    return Host(
        lambda: StatsScreen(
            None, decks=[], now=lambda: LOG_NOW, db_path=db, tz=UTC, rollover_hour=4
        )
    )


async def test_sample_log_figures_on_screen(sample_db: Path) -> None:
    app = make_log_host(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        report = app.screen.report
        assert report.total_reviews == 12_580
        assert report.card_states.total == 1_205
        await pilot.press("6", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CardScreen) and app.screen.item is None


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
@pytest.mark.parametrize("tab", ["1", "3", "4", "5", "6"])
def test_snapshot_sample_log(snap_compare, sample_db: Path, size, tab) -> None:
    async def before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press(tab)
        await pilot.pause()

    assert snap_compare(make_log_host(sample_db), terminal_size=size, run_before=before)


@pytest.mark.parametrize("presses", [("p",), ("p", "p")], ids=["month", "day"])
def test_snapshot_sample_log_retention_series(snap_compare, sample_db: Path, presses) -> None:
    async def before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("3", *presses)
        await pilot.pause()

    assert snap_compare(make_log_host(sample_db), terminal_size=(80, 24), run_before=before)


@pytest.mark.parametrize("kind", ["junk", "folder"])
async def test_unusable_history_is_a_message_on_the_screen(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "[b]x[red]"  # markup-like text in the path is shown as it is
    folder.mkdir()
    db = folder / "h.sqlite3"
    if kind == "junk":
        db.write_text("junk\n")
    else:
        db.mkdir()
    app = make_host(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        assert isinstance(app.screen, StatsScreen)
        error = app.screen.query_one("#stats-error", Static)
        assert error.display
        text = str(error.render())
        assert "[b]x[red]" in text and "h.sqlite3" in text
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Libya, winter 2019: Haftar in Cairo", "Stats: Libya, winter 2019: Haftar in Cairo"),
        ("[b]Geo[/b] & [red]co", "Stats: [b]Geo[/b] & [red]co"),
    ],
)
async def test_header_shows_the_deck_title_literally(
    tmp_path: Path, title: str, shown: str
) -> None:
    deck = DECK.model_copy(update={"deck": DECK.deck.model_copy(update={"title": title})})
    app = make_host(small_history(tmp_path / "h.sqlite3"), deck_id="geo", decks=(deck,))
    async with app.run_test(size=(120, 24)) as pilot:
        await _loaded(pilot)
        header = str(app.screen.query_one("#stats-title", Static).render())
        assert header.startswith(shown)
        await pilot.press("a")  # all decks, then back to the deck
        await _loaded(pilot)
        assert "all decks" in str(app.screen.query_one("#stats-title", Static).render())
        await pilot.press("a")
        await _loaded(pilot)
        assert str(app.screen.query_one("#stats-title", Static).render()).startswith(shown)


async def test_header_of_a_history_only_deck_names_its_id(tmp_path: Path) -> None:
    app = make_host(small_history(tmp_path / "h.sqlite3"), deck_id="geo", decks=())
    async with app.run_test(size=(120, 24)) as pilot:
        await _loaded(pilot)
        assert "Stats: deck geo" in str(app.screen.query_one("#stats-title", Static).render())
