"""``quizapp due``: counts per deck as a table and as JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core import scheduling
from quizapp.core.store import CardState, SqliteStore

DECK = """\
format = 1
[deck]
id = "{id}"
title = "Deck {id}"
[deck.scheduling]
new_per_day = 3
{cards}
"""
CARD = """
[[cards]]
id = "c{n}"
type = "typed"
prompt = "Q{n}?"
answer = "A{n}"
"""


def write_deck(folder: Path, deck_id: str, n: int) -> Path:
    path = folder / f"{deck_id}.toml"
    cards = "".join(CARD.format(n=i) for i in range(n))
    path.write_text(DECK.format(id=deck_id, cards=cards), encoding="utf-8")
    return path


def due_json(capsys: pytest.CaptureFixture[str], *paths: Path) -> dict:
    capsys.readouterr()
    assert main(["due", "--json", "--decks", *map(str, paths)]) == 0
    return json.loads(capsys.readouterr().out)


def test_due_counts_as_json_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = write_deck(tmp_path, "alpha", 5), write_deck(tmp_path, "beta", 2)
    report = due_json(capsys, first, second)
    ours = {d["id"]: d for d in report["decks"] if d["id"] in ("alpha", "beta")}
    assert (ours["alpha"]["new"], ours["alpha"]["due"]) == (3, 0)
    assert ours["beta"]["new"] == 2
    now = datetime.now(UTC)
    with SqliteStore.open() as store:
        past = scheduling.to_ms(now - timedelta(days=1))
        store.put_card_state(CardState("alpha", "c0", 2, None, 3.0, 5.0, past, past, 2))
        store.put_card_state(CardState("alpha", "c1", 1, 1, 1.0, 5.0, past, past, 1))
    ours = {d["id"]: d for d in due_json(capsys, first, second)["decks"]}
    assert {k: ours["alpha"][k] for k in ("new", "learning", "review", "due")} == {
        "new": 3,
        "learning": 1,
        "review": 1,
        "due": 2,
    }
    assert main(["due", "--decks", str(first)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["DECK", "DUE", "LEARNING", "REVIEW", "NEW"]
    assert ["alpha", "2", "1", "1", "3"] in [line.split() for line in table]


def test_broken_deck_is_reported_and_others_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_deck(tmp_path, "good", 1)
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n[deck]\nid = 'bad'\n", encoding="utf-8")
    assert main(["due", "--json", "--decks", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert "good" in [d["id"] for d in json.loads(captured.out)["decks"]]
    assert "bad.toml" in captured.err and "Traceback" not in captured.err


def test_bad_config_is_one_line(
    tmp_path: Path, quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (quizapp_home / "config.toml").write_text("day_rollover_hour = 25\n", encoding="utf-8")
    assert main(["due"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "day_rollover_hour" in err


def test_due_does_not_run_card_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting is read-only and quick: the examples are a lint for 'quizapp check'."""
    from quizapp.core import checking

    calls: list[str] = []
    monkeypatch.setattr(checking, "run_examples", lambda deck: calls.append(deck.deck.id) or [])
    report = due_json(capsys, write_deck(tmp_path, "alpha", 2))
    assert "alpha" in [d["id"] for d in report["decks"]]
    assert calls == []


def test_data_folder_that_is_a_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """$QUIZAPP_HOME naming a file: a one-line error and status 1, never a traceback."""
    home = tmp_path / "home"
    home.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("QUIZAPP_HOME", str(home))
    assert main(["due"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and str(home) in err


def put_states(deck_id: str, now: datetime) -> None:
    """History of ``deck_id`` alone: 2 reviews and 1 learning card due, 3 cards not counted."""
    past = scheduling.to_ms(now - timedelta(days=1))
    later = scheduling.to_ms(now + timedelta(days=3))
    with SqliteStore.open() as store:
        for item_id, state, due, suspended in [
            ("r1", 2, past, False),
            ("r2", 2, past, False),
            ("l1", 1, past, False),
            ("r3", 2, later, False),  # not due yet
            ("l2", 1, later, False),  # a learning step due after today
            ("r4", 2, past, True),  # suspended
        ]:
            state_row = CardState(deck_id, item_id, state, None, 3.0, 5.0, due, past, 2)
            store.put_card_state(replace(state_row, suspended=suspended))


def test_history_only_deck_is_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Reviews imported into a deck id without a deck file are due too: `due` says so."""
    alpha = write_deck(tmp_path, "alpha", 2)
    put_states("imported", datetime.now(UTC))
    report = due_json(capsys, alpha)
    decks = {d["id"]: d for d in report["decks"]}
    assert decks["imported"] == {
        "id": "imported",
        "title": None,
        "path": None,
        "new": 0,
        "learning": 1,
        "review": 2,
        "due": 3,
        "history_only": True,
    }
    assert decks["alpha"]["history_only"] is False
    assert [d["id"] for d in report["decks"]][-1] == "imported"  # after the deck files
    assert report["total"]["due"] == sum(d["due"] for d in report["decks"])
    assert main(["due", "--decks", str(alpha)]) == 0
    lines = capsys.readouterr().out.splitlines()
    imported = next(line for line in lines if line.startswith("imported"))
    assert imported.split() == ["imported", "3", "1", "2", "0", "(no", "deck", "file)"]


def test_deck_with_a_file_is_not_history_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alpha = write_deck(tmp_path, "alpha", 2)
    put_states("alpha", datetime.now(UTC))
    decks = [d for d in due_json(capsys, alpha)["decks"] if d["id"] == "alpha"]
    assert len(decks) == 1 and decks[0]["history_only"] is False


def test_table_and_json_count_due_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DUE in the table is JSON's ``due`` (learning + review), and the header names each count."""
    alpha = write_deck(tmp_path, "alpha", 5)
    now = datetime.now(UTC)
    past = scheduling.to_ms(now - timedelta(days=1))
    with SqliteStore.open() as store:
        store.put_card_state(CardState("alpha", "c0", 2, None, 3.0, 5.0, past, past, 2))
        store.put_card_state(CardState("alpha", "c1", 1, 1, 1.0, 5.0, past, past, 1))
    (row,) = [d for d in due_json(capsys, alpha)["decks"] if d["id"] == "alpha"]
    assert main(["due", "--decks", str(alpha)]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0].split()
    assert header == ["DECK", "DUE", "LEARNING", "REVIEW", "NEW"]
    cells = next(line.split() for line in lines if line.startswith("alpha"))
    shown = dict(zip([h.lower() for h in header[1:]], map(int, cells[1:]), strict=True))
    assert shown == {k: row[k] for k in ("due", "learning", "review", "new")}
    assert shown["due"] == shown["learning"] + shown["review"] == 2
    assert any("DUE = LEARNING + REVIEW" in line for line in lines)
