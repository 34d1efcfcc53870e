"""``quizapp suspend`` / ``unsuspend``: the way to take a card out of study and back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.library import find_deck, load_library
from quizapp.core.store import open_store
from quizapp.core.study import StudySession

DECK = "libya-2019-en"


def _suspended(home: Path) -> set[str]:
    with sqlite3.connect(home / "history.sqlite3") as conn:
        rows = conn.execute(
            "SELECT item_id FROM card_state WHERE deck_id = ? AND suspended = 1", (DECK,)
        )
        return {item_id for (item_id,) in rows}


def _studied_items() -> set[str]:
    deck = find_deck(load_library(examples=False), DECK).deck
    with open_store() as store:
        session = StudySession(store, [deck], fuzzing=False)
        seen = set()
        while (entry := session.next_entry()) is not None and entry.item_id not in seen:
            seen.add(entry.item_id)
            session.answer(entry, 3)
        return seen


def test_suspend_lists_and_unsuspend(
    quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["suspend", DECK, "lna-leader", "hor-seat"]) == 0
    assert _suspended(quizapp_home) == {"lna-leader", "hor-seat"}
    capsys.readouterr()
    assert main(["suspend", DECK]) == 0
    assert capsys.readouterr().out.split("\n")[:2] == [f"{DECK} hor-seat", f"{DECK} lna-leader"]
    assert main(["unsuspend", DECK, "hor-seat"]) == 0
    assert _suspended(quizapp_home) == {"lna-leader"}


def test_a_suspended_card_is_not_studied(quizapp_home: Path) -> None:
    first = next(iter(find_deck(load_library(examples=False), DECK).deck.items())).id
    assert main(["suspend", DECK, first]) == 0
    assert first not in _studied_items()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["suspend", DECK, "no-such-card"], "no card 'no-such-card'"),
        (["unsuspend", "no-such-deck", "x"], "no deck 'no-such-deck'"),
    ],
)
def test_unknown_cards_and_decks_are_one_line_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
