"""Desired retention beside true retention follows the user's per-deck overrides.

The config's ``[decks.<id>.scheduling]`` changes what the scheduler aims at,
so the stats must compare true retention with that figure, not the deck file's.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core import stats
from quizapp.core.config import parse_config
from quizapp.core.models import Deck
from quizapp.core.paths import config_path, user_decks_dir

NOW = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)


def deck(deck_id: str, desired: float | None = None) -> Deck:
    meta: dict = {"id": deck_id, "title": deck_id}
    if desired is not None:
        meta["scheduling"] = {"desired_retention": desired}
    card = {"id": "c", "type": "basic", "front": "f", "back": "b"}
    return Deck.model_validate({"format": 1, "deck": meta, "cards": [card]}, strict=False)


DECKS = [deck("a", 0.9), deck("b", 0.8), deck("c")]


def config(overrides: dict[str, float]):
    table = {d: {"scheduling": {"desired_retention": v}} for d, v in overrides.items()}
    return parse_config({"decks": table}, Path("config.toml"))


@pytest.mark.parametrize(
    ("overrides", "deck_id", "expected"),
    [
        ({}, "a", 0.9),
        ({}, None, (0.9 + 0.8 + 0.9) / 3),
        ({"a": 0.85}, "a", 0.85),
        ({"a": 0.85}, "b", 0.8),
        ({"b": 0.95}, None, (0.9 + 0.95 + 0.9) / 3),
        ({"c": 0.7}, "c", 0.7),
        ({"elsewhere": 0.75}, "a", 0.9),
    ],
)
def test_desired_retention_applies_overrides(overrides, deck_id, expected) -> None:
    cfg = config(overrides)
    assert stats.desired_retention_of(DECKS, deck_id, cfg) == pytest.approx(expected)
    report = stats.compute_stats(None, deck_id=deck_id, decks=DECKS, now=NOW, tz=UTC, config=cfg)
    assert report.retention.desired == pytest.approx(expected)


def test_explicit_desired_retention_still_wins() -> None:
    report = stats.compute_stats(
        None, decks=DECKS, now=NOW, tz=UTC, config=config({"a": 0.75}), desired_retention=0.72
    )
    assert report.retention.desired == 0.72


def test_setup_carries_the_config() -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text("[decks.a.scheduling]\ndesired_retention = 0.83\n", encoding="utf-8")
    setup = stats.load_setup(decks=DECKS)
    assert setup.config is not None
    assert setup.config.scheduling_for(DECKS[0]).desired_retention == 0.83


def test_stats_command_shows_the_overridden_figure(capsys) -> None:
    user_decks_dir().mkdir(parents=True, exist_ok=True)
    (user_decks_dir() / "mine.toml").write_text(
        'format = 1\n[deck]\nid = "mine"\ntitle = "Mine"\n'
        "[deck.scheduling]\ndesired_retention = 0.9\n"
        '[[cards]]\nid = "c"\ntype = "basic"\nfront = "f"\nback = "b"\n',
        encoding="utf-8",
    )
    assert main(["stats", "--json", "--deck", "mine"]) == 0
    assert json.loads(capsys.readouterr().out)["retention"]["desired"] == 0.9
    config_path().write_text("[decks.mine.scheduling]\ndesired_retention = 0.8\n", encoding="utf-8")
    assert main(["stats", "--json", "--deck", "mine"]) == 0
    assert json.loads(capsys.readouterr().out)["retention"]["desired"] == 0.8
    assert main(["stats", "--full", "--deck", "mine"]) == 0  # the retention table's heading
    assert "desired 80.0%" in capsys.readouterr().out
