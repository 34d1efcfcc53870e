"""The stats screen's Class tab at 80x24 and 120x40, from a fixed class report.

The report stands in for a teacher's connection (``tests/test_class_view.py``
drives the real one), so the picture does not depend on the server's roles.
Regenerate with ``--snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from quizapp.core.stats.class_view import ClassReport, DeckScores, LearnerScores, MissedCard
from quizapp.tui.screens import stats as stats_screen
from tests.test_stats_screen import _loaded, make_host, small_history

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
REPORT = ClassReport(
    generated_ms=1_749_556_800_000,
    deck_id=None,
    learners=[
        LearnerScores(
            "ana",
            152,
            1_749_550_000_000,
            6,
            [DeckScores("geo", 4, 70.0, 90.0, 40, 35), DeckScores("libya-2019-en", 1, 30.0, 30.0)],
        ),
        LearnerScores("bob [b]x[/b]", 6, 1_749_540_000_000, 0, [DeckScores("geo", 1, 33.3, 33.3)]),
        LearnerScores("cy", 0, None, 0, []),
    ],
    most_missed=[
        MissedCard("geo", "capital-ly", "Capital of Libya?", 5, 9, 2),
        MissedCard("geo", "gone", None, 2, 3, 1),
    ],
)


async def _class_tab(pilot: Pilot[None]) -> None:
    await _loaded(pilot)
    await pilot.press("8")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_class_tab(
    snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    monkeypatch.setattr(stats_screen, "class_report_of", lambda *args: REPORT)
    app = make_host(small_history(tmp_path / "h.sqlite3"))
    assert snap_compare(app, terminal_size=size, run_before=_class_tab)
