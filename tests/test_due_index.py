"""``quizapp due`` counts from its index when nothing changed, and exactly as a full load does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.commands import due
from quizapp.core import scheduling
from quizapp.core.count_index import index_path
from quizapp.core.store import CardState, SqliteStore
from tests.stats_helpers import add_review

# Siblings three ways (a reversed card, the gaps of a cloze, two cards of one fact),
# a deck limit and plain cards: what the index must carry for the counts to match.
DECK = """\
format = 1
[deck]
id = "{id}"
title = "Deck {id}"
[deck.scheduling]
new_per_day = {new}

[[cards]]
id = "capital"
type = "basic"
front = "Capital of Libya?"
back = "Tripoli"
reverse = true

[[cards]]
id = "gaps"
type = "cloze"
text = "{{{{c1::Tripoli}}}} is the capital of {{{{c2::Libya}}}}."

[[cards]]
id = "f1"
type = "typed"
prompt = "River of Cairo?"
answer = "Nile"
fact = "nile"

[[cards]]
id = "f2"
type = "typed"
prompt = "The Nile flows through which capital?"
answer = "Cairo"
fact = "nile"
{extra}
"""
PLAIN = """
[[cards]]
id = "p{n}"
type = "typed"
prompt = "Word {n}?"
answer = "w{n}"
"""


def write_deck(folder: Path, deck_id: str, plain: int = 6, new: int = 20) -> Path:
    path = folder / f"{deck_id}.toml"
    extra = "".join(PLAIN.format(n=n) for n in range(plain))
    path.write_text(DECK.format(id=deck_id, new=new, extra=extra), encoding="utf-8")
    return path


def study_today(deck_id: str) -> None:
    """Some cards learnt and reviewed, some studied today (their siblings are buried)."""
    now = datetime.now(UTC)
    past = scheduling.to_ms(now - timedelta(days=2))
    soon = scheduling.to_ms(now + timedelta(minutes=5))
    with SqliteStore.open() as store:
        store.put_card_state(CardState(deck_id, "p0", 2, None, 3.0, 5.0, past, past, 2))
        store.put_card_state(CardState(deck_id, "p1", 1, 1, 1.0, 5.0, past, past, 1))
        store.put_card_state(CardState(deck_id, "p2", 1, 1, 1.0, 5.0, soon, past, 1))
        store.put_card_state(CardState(deck_id, "f2", 2, None, 3.0, 5.0, past, past, 2))
        for item in ("capital", "f1"):
            add_review(store, deck_id, item, scheduling.to_ms(now), 3, before_state=0)
            store.put_card_state(CardState(deck_id, item, 1, 0, 1.0, 5.0, soon, past, 1))
        store.put_card_state(CardState("imported", "x", 2, None, 3.0, 5.0, past, past, 2))


def run_due(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["due", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def paths_taken(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which way each run counted: "index" or "load"."""
    taken: list[str] = []
    indexed, loaded = due._run_indexed, due._run_loaded

    def by_index(*args: object) -> int:
        taken.append("index")
        return indexed(*args)  # type: ignore[arg-type]

    def by_load(*args: object) -> int:
        taken.append("load")
        return loaded(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(due, "_run_indexed", by_index)
    monkeypatch.setattr(due, "_run_loaded", by_load)
    return taken


@pytest.mark.parametrize("form", [["--json"], []])
def test_the_indexed_run_says_what_the_full_load_says(
    form: list[str], paths_taken: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = write_deck(tmp_path, "alpha", new=4)
    (Path(os.environ["QUIZAPP_HOME"]) / "config.toml").write_text(
        "[decks.alpha.scheduling]\nnew_per_day = 3\n", encoding="utf-8"
    )
    study_today("alpha")
    first = run_due(capsys, *form, "--decks", str(deck))
    assert index_path().is_file()
    second = run_due(capsys, *form, "--decks", str(deck))
    assert paths_taken == ["load", "index"]
    assert second == first and first[0] == 0
    if form:
        decks = {d["id"]: d for d in json.loads(first[1])["decks"]}
        # the config's limit of 3 less the 2 new cards studied today
        assert decks["alpha"]["new"] == 1 and decks["imported"]["history_only"] is True


def test_an_indexed_run_imports_no_model(tmp_path: Path, quizapp_home: Path) -> None:
    deck = write_deck(tmp_path, "alpha")
    code = (
        "import sys; from quizapp.cli import main; status = main(['due', '--decks', sys.argv[1]]);"
        "heavy = [m for m in ('pydantic', 'quizapp.core.models', 'quizapp.core.config', 'fsrs')"
        " if m in sys.modules]; print('HEAVY', heavy, status)"
    )
    env = {**os.environ, "QUIZAPP_HOME": str(quizapp_home)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(deck)], capture_output=True, text=True, env=env
        ).stdout.splitlines()[-1]
        for _ in range(2)
    ]
    assert runs[0] != "HEAVY [] 0"  # the first run loads and validates
    assert runs[1] == "HEAVY [] 0"


def _edit_deck(deck: Path, home: Path) -> None:
    write_deck(deck.parent, "alpha", plain=9)


def _break_deck(deck: Path, home: Path) -> None:
    deck.write_text(deck.read_text().replace('answer = "w1"', "answer = 1"), encoding="utf-8")


def _edit_config(deck: Path, home: Path) -> None:
    (home / "config.toml").write_text("[decks.alpha.scheduling]\nnew_per_day = 2\n")


def _bad_config(deck: Path, home: Path) -> None:
    (home / "config.toml").write_text("day_rollover_hour = 99\n")


def _new_deck_file(deck: Path, home: Path) -> None:
    write_deck(home / "decks", "beta")


def _garbage_index(deck: Path, home: Path) -> None:
    index_path().write_bytes(b"\x00{garbage")


def _wrong_types(deck: Path, home: Path) -> None:
    data = json.loads(index_path().read_text())
    data["body"]["decks"][0]["items"] = [1, 2, 3]
    index_path().write_text(json.dumps(data))


def _deeply_nested(deck: Path, home: Path) -> None:
    index_path().write_text("[" * 100_000 + "]" * 100_000)


def _unknown_zone(deck: Path, home: Path) -> None:
    data = json.loads(index_path().read_text())
    data["body"]["zone"] = "Nowhere/Atlantis"
    index_path().write_text(json.dumps(data))


def _database_url(deck: Path, home: Path) -> None:
    """A PostgreSQL history configured (the test sets ``$QUIZAPP_DATABASE_URL``)."""


CHANGES: dict[str, Callable[[Path, Path], None]] = {
    "deck-edited": _edit_deck,
    "deck-broken": _break_deck,
    "config-edited": _edit_config,
    "config-broken": _bad_config,
    "deck-file-added": _new_deck_file,
    "index-garbage": _garbage_index,
    "index-deeply-nested": _deeply_nested,
    "index-wrong-types": _wrong_types,
    "index-unknown-zone": _unknown_zone,
    "database-url": _database_url,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_means_a_full_load(
    change: str,
    paths_taken: list[str],
    tmp_path: Path,
    quizapp_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deck = write_deck(tmp_path, "alpha")
    (quizapp_home / "decks").mkdir(exist_ok=True)
    run_due(capsys, "--json", "--decks", str(deck))
    CHANGES[change](deck, quizapp_home)
    if change == "database-url":
        monkeypatch.setenv("QUIZAPP_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    status, out, err = run_due(capsys, "--json", "--decks", str(deck))
    assert paths_taken == ["load", "load"], (status, err)
    assert "Traceback" not in err
    if change == "deck-edited":
        alpha = next(d for d in json.loads(out)["decks"] if d["id"] == "alpha")
        assert alpha["new"] == 4 + 2 + 9  # a reverse side and a second gap
    if change in ("deck-broken", "config-broken", "database-url"):
        assert status == 1 and err.strip(), err


def test_a_changed_source_file_means_a_full_load(
    paths_taken: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "article.txt"
    source.write_text("Tripoli is the capital of Libya.\n", encoding="utf-8")
    deck = write_deck(tmp_path, "alpha")
    text = deck.read_text().replace(
        'title = "Deck alpha"',
        'title = "Deck alpha"\nsource = { path = "article.txt", title = "An article" }',
    )
    deck.write_text(text, encoding="utf-8")
    assert run_due(capsys, "--decks", str(deck))[::2] == (0, "")
    assert run_due(capsys, "--decks", str(deck))[::2] == (0, "")
    source.write_text("Another text.\n", encoding="utf-8")
    run_due(capsys, "--decks", str(deck))
    assert paths_taken == ["load", "index", "load"]


@pytest.mark.parametrize(
    ("in_reviews", "in_states"),
    [
        ((), ()),
        (("a",), ()),
        ((), ("a",)),
        (("a", "a-b", "ab", "b"), ("ab", "z", "é", "A")),
        (("same", "same", "same"), ("same",)),
    ],
)
def test_deck_ids_with_history_are_those_of_either_table(
    in_reviews: tuple[str, ...], in_states: tuple[str, ...], tmp_path: Path
) -> None:
    with SqliteStore.open(tmp_path / "history.sqlite3") as store:
        for n, deck_id in enumerate(in_reviews):
            add_review(store, deck_id, f"c{n}", 1_700_000_000_000 + n, 3)
        for deck_id in in_states:
            store.put_card_state(CardState(deck_id, "x", 2, None, 3.0, 5.0, 0, 0, 1))
        assert store.deck_ids_with_history() == set(in_reviews) | set(in_states)


@pytest.mark.parametrize("ids", [(), ("c1",), ("c1", "c2", "c3"), ("odd\nid", "c1"), ("", "c1")])
def test_started_ids_come_back_whole(ids: tuple[str, ...], tmp_path: Path) -> None:
    """The started ids are read as one joined string; one holding the separator is read by rows."""
    with SqliteStore.open(tmp_path / "history.sqlite3") as store:
        for item_id in ids:
            store.put_card_state(CardState("d", item_id, 2, None, 3.0, 5.0, 0, 0, 1))
        store.put_card_state(CardState("other", "c9", 2, None, 3.0, 5.0, 0, 0, 1))
        assert store.queue_rows("d", 1_000, 2_000).started == set(ids)
