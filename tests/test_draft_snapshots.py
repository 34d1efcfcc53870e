"""Snapshots of the draft review at 80x24 and 120x40: a proposal beside its sentence, and an edit.

Regenerate with ``pytest tests/test_draft_snapshots.py --snapshot-update`` and
look at the SVGs before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from quizapp.core.draft import DraftDeck, fallback_analyzer, make_draft
from quizapp.tui.screens.draft_review import DraftReviewApp
from tests.test_draft_review import ARTICLE
from tests.tui_helpers import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def _app(tmp_path: Path) -> DraftReviewApp:
    article = tmp_path / "accord.fr.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    draft = make_draft(article, fallback_analyzer("fr"))
    return DraftReviewApp(draft, DraftDeck(tmp_path / "accord.toml", draft))


async def _editing(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    pilot.app.screen.query_one("#draft-editor").cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_draft_proposal(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_draft_editing(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_editing)
