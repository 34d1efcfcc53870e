"""``quizapp due``: counts per deck as a table and as JSON."""

from __future__ import annotations

import json
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
    assert table[0].split() == ["DECK", "DUE", "LEARNING", "NEW"]
    assert ["alpha", "1", "1", "3"] in [line.split() for line in table]


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
