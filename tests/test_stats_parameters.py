"""The stats screen says which FSRS parameters each deck uses, when fitted and how they scored."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from quizapp.core import scheduling
from quizapp.core.optimizer import saved
from quizapp.core.optimizer.fit import default_parameters
from quizapp.core.store import SqliteStore
from quizapp.tui.screens.stats import StatsScreen
from tests.test_stats_screen import NOW, _loaded, make_host, small_history


async def test_fitted_parameters_date_and_figures_are_shown(tmp_path: Path) -> None:
    db = small_history(tmp_path / "h.sqlite3")
    with SqliteStore.open(db) as store:
        saved.save(
            store,
            saved.SavedParameters(
                group="deck:geo",
                parameters=default_parameters(),
                fitted_ms=scheduling.to_ms(NOW),
                reviews=6276,
                answers_at_fit=12580,
                decks=("geo",),
                evaluation={
                    "default": {"log_loss": 0.4422, "rmse_bins": 0.0622, "auc": 0.6792},
                    "fitted": {"log_loss": 0.4403, "rmse_bins": 0.0418, "auc": 0.6796},
                },
            ),
        )
    app = make_host(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _loaded(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert screen.fsrs_lines == [
            f"geo: fitted for deck geo on {NOW.date().isoformat()} (6,276 reviews); "
            "log loss 0.440, RMSE 0.042, AUC 0.680"
        ]
        await pilot.press("3")
        await pilot.pause()
        text = str(screen.query_one("#fsrs-note", Static).render())
        assert "geo: fitted for deck geo" in text and "log loss 0.440" in text


def test_decks_with_the_same_parameters_share_a_line(tmp_path: Path) -> None:
    from quizapp.core.config import Config
    from quizapp.core.optimizer.report import parameter_lines
    from tests.storekit import make_deck

    decks = [make_deck("spanish", preset="lang"), make_deck("french", preset="lang")]
    decks.append(make_deck("maths"))
    assert parameter_lines(tmp_path / "none.sqlite3", decks, Config()) == [
        "spanish, french, maths: FSRS defaults"
    ]
    db = tmp_path / "h.sqlite3"
    with SqliteStore.open(db) as store:
        saved.save(
            store,
            saved.SavedParameters("preset:lang", default_parameters(), 0, 500, 0, None),
        )
    lines = parameter_lines(db, decks, Config())
    assert lines == [
        "spanish, french: fitted for preset 'lang' on 1970-01-01 (500 reviews)",
        "maths: FSRS defaults",
    ]
