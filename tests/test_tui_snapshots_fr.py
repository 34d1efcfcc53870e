"""Snapshots of the French interface at 80x24: home, study, quiz results, stats and help.

The same decks, clock, seed and key presses as the English snapshots
(tests/test_tui_snapshots.py, tests/test_stats_screen.py), in French.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.core import i18n
from quizapp.tui import no_break
from quizapp.tui.i18n_bindings import install, retranslate_bindings
from tests.test_stats_screen import _loaded, make_host, small_history
from tests.test_tui_snapshots import _help, _quiz_results, _study_typed_answer
from tests.tui_helpers import ALL_TYPES, BROKEN, MARKUP, build_app, settle

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def french() -> Iterator[None]:
    i18n.set_language("fr")
    install()
    no_break.install()
    yield
    i18n.set_language("en")
    retranslate_bindings()


def test_home_fr(snap_compare, tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3", ALL_TYPES, BROKEN, MARKUP)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_study_answer_fr(snap_compare, tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    assert snap_compare(app, terminal_size=SIZE, run_before=_study_typed_answer)


def test_quiz_results_fr(snap_compare, tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3", start=("quiz", "all-types", 4, 5), seed=5)
    assert snap_compare(app, terminal_size=SIZE, run_before=_quiz_results)


@pytest.mark.parametrize("tab", ["1", "3"])
def test_stats_fr(snap_compare, tmp_path: Path, tab: str) -> None:
    db = small_history(tmp_path / "h.sqlite3")

    async def before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press(tab)
        await pilot.pause()

    assert snap_compare(make_host(db), terminal_size=SIZE, run_before=before)


def test_help_fr(snap_compare, tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    assert snap_compare(app, terminal_size=SIZE, run_before=_help)
