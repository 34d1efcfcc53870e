"""The decks screen suggests fitting FSRS again: one line, only when it is due."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from quizapp.core import scheduling
from quizapp.core.optimizer import saved
from quizapp.core.optimizer.fit import default_parameters
from quizapp.core.optimizer.suggest import refit_suggestion
from quizapp.core.store import SqliteStore
from quizapp.core.store.protocol import NewReview
from tests.tui_helpers import NOW, build_app, settle

NOW_MS = scheduling.to_ms(NOW)


def fitted(store: SqliteStore, days_ago: int, answers_at_fit: int = 0) -> None:
    saved.save(
        store,
        saved.SavedParameters(
            group=saved.ALL,
            parameters=default_parameters(),
            fitted_ms=scheduling.to_ms(NOW - timedelta(days=days_ago)),
            reviews=500,
            answers_at_fit=answers_at_fit,
            decks=None,
        ),
    )


def reviews(store: SqliteStore, n: int) -> None:
    store.record_reviews(
        NewReview("d", f"c{i}", NOW_MS - 1000 * i, 3, mode="import") for i in range(n)
    )


def test_suggestion_rules(tmp_path: Path) -> None:
    with SqliteStore.open(tmp_path / "h.sqlite3") as store:
        assert refit_suggestion(store, NOW_MS) is None  # nothing to fit
        reviews(store, 1000)
        first = refit_suggestion(store, NOW_MS)
        assert first == "FSRS: 1,000 reviews so far; fit scheduling to you: quizapp optimize"
        fitted(store, days_ago=3, answers_at_fit=1000)
        assert refit_suggestion(store, NOW_MS) is None
        fitted(store, days_ago=31, answers_at_fit=1000)
        assert refit_suggestion(store, NOW_MS) == (
            "FSRS (all decks): fitted 31 days ago; fit again: quizapp optimize"
        )


async def test_home_screen_shows_the_suggestion_on_one_line(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    with SqliteStore.open(db) as store:
        fitted(store, days_ago=45)
    app = build_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        hint = app.screen.query_one("#refit-hint", Static)
        assert hint.display and hint.size.height == 1
        assert "fitted 45 days ago; fit again: quizapp optimize" in str(hint.render())


async def test_home_screen_says_nothing_when_no_fit_is_due(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#refit-hint", Static).display
