"""``quizapp import`` of Anki packages and CSV/TSV files; ``quizapp export`` back out."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.anki.export import card_faces
from quizapp.core.library import load_paths
from quizapp.core.models import BasicCard, ClozeCard, Deck, TypedCard
from quizapp.core.store import open_store
from tests.anki_helpers import build_current_apkg
from tests.conftest import REPO

BUNDLED = REPO / "decks" / "libya-2019.en.toml"


def _deck(path: Path) -> Deck:
    (loaded,) = load_paths([path])
    assert loaded.ok, loaded.problems
    assert loaded.deck is not None
    return loaded.deck


def _comparable(deck: Deck) -> dict[str, tuple[object, ...]]:
    """What an Anki note can carry of each card, by card id."""
    found: dict[str, tuple[object, ...]] = {}
    for card in deck.cards:
        if isinstance(card, ClozeCard):
            found[card.id] = ("cloze", [(g.answer, g.hint) for g in card.gaps], card.explanation)
        elif isinstance(card, TypedCard):
            found[card.id] = ("typed", card.prompt, card.answer, card.explanation)
        elif isinstance(card, BasicCard):
            found[card.id] = ("basic", card.front, card.back, card.reverse, card.explanation)
        else:
            front, back = card_faces(card, deck.deck.language)
            found[card.id] = ("basic", front, back, False, card.explanation)
    return found


def test_bundled_deck_round_trips_through_apkg(tmp_path: Path) -> None:
    original = _deck(BUNDLED)
    apkg, back = tmp_path / "deck.apkg", tmp_path / "back.toml"
    assert main(["export", str(BUNDLED), "-o", str(apkg)]) == 0
    assert main(["import", str(apkg), "-o", str(back)]) == 0
    imported = _deck(back)
    assert _comparable(imported) == _comparable(original)
    assert {c.id: c.tags for c in imported.cards} == {c.id: c.tags for c in original.cards}
    assert imported.deck.title == original.deck.title


def test_export_is_stable(tmp_path: Path) -> None:
    """Same GUIDs and note type ids on every export: Anki updates rather than duplicates."""
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    assert main(["export", str(BUNDLED), "-o", str(first)]) == 0
    assert main(["export", str(BUNDLED), "-o", str(second)]) == 0

    def notes(path: Path) -> list[tuple[str, int]]:
        with zipfile.ZipFile(path) as archive:
            (tmp_path / "c.db").write_bytes(archive.read("collection.anki2"))
        conn = sqlite3.connect(tmp_path / "c.db")
        try:
            return sorted(conn.execute("SELECT guid, mid FROM notes"))
        finally:
            conn.close()

    assert notes(first) == notes(second)
    assert all(guid.startswith("quizapp:libya-2019-en:") for guid, _ in notes(first))


def test_bundled_deck_round_trips_through_csv(tmp_path: Path) -> None:
    original = _deck(BUNDLED)
    table, back = tmp_path / "deck.csv", tmp_path / "back.toml"
    assert main(["export", str(BUNDLED), "-o", str(table)]) == 0
    assert main(["import", str(table), "-o", str(back)]) == 0
    imported = _deck(back)
    expected = {c.id: card_faces(c, original.deck.language) for c in original.cards}
    assert {c.id: card_faces(c, "en") for c in imported.cards} == expected
    assert {c.id: c.tags for c in imported.cards} == {c.id: c.tags for c in original.cards}


@pytest.mark.parametrize("with_history", [False, True])
def test_current_anki_layout_imports(
    tmp_path: Path, quizapp_home: Path, with_history: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    apkg = build_current_apkg(tmp_path)
    with zipfile.ZipFile(apkg) as archive:
        assert "collection.anki21b" in archive.namelist()
    out = tmp_path / "spanish.toml"
    argv = ["import", str(apkg), "-o", str(out)] + (["--with-history"] if with_history else [])
    assert main(argv) == 0
    printed = capsys.readouterr().out
    deck = _deck(out)
    assert deck.deck.title == "Spanish::Greetings"
    by_front = {getattr(c, "front", getattr(c, "prompt", "")): c for c in deck.cards}
    hola = by_front["hola amigo"]
    assert isinstance(hola, BasicCard) and hola.back == "hello\nfriend" and hola.tags == ["es"]
    gato = by_front["gato"]
    assert isinstance(gato, BasicCard) and gato.reverse and gato.tags == ["animals", "es"]
    perro = by_front["perro?"]
    assert isinstance(perro, TypedCard) and perro.answer == "dog"
    (cloze,) = [c for c in deck.cards if isinstance(c, ClozeCard)]
    assert [(g.name, g.answer, g.hint) for g in cloze.gaps] == [
        ("c1", "Madrid", "city"),
        ("c2", "Spain", None),
    ]
    assert cloze.explanation == "Capital"
    assert by_front["a picture"].back == "pic"  # type: ignore[union-attr]
    assert "2 images or sounds" in printed
    assert all(c.id.startswith("anki-") for c in deck.cards)
    store = open_store()
    try:
        reviews = store.reviews(deck_id="spanish")
        states = store.card_states("spanish")
    finally:
        store.close()
    assert ("history: 2 reviews added" in printed) is with_history
    assert len(reviews) == (2 if with_history else 0)
    if with_history:
        assert {r.rating for r in reviews} == {3}
        assert {r.item_id for r in reviews} <= {c.id for c in deck.cards}
        assert all(states[r.item_id].stability for r in reviews)
    # Importing again keeps the ids (from the GUIDs) and adds no history twice.
    again = tmp_path / "again.toml"
    assert main([*argv[:3], str(again), "--id", "spanish", *argv[4:]]) == 0
    assert [c.id for c in _deck(again).cards] == [c.id for c in deck.cards]
    if with_history:
        assert "0 reviews added, 2 already there" in capsys.readouterr().out


def test_corrupt_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.apkg"
    bad.write_bytes(b"PK\x03\x04 not really")
    assert main(["import", str(bad), "-o", str(tmp_path / "x.toml")]) == 1
    assert "not a zip archive" in capsys.readouterr().err
    assert not (tmp_path / "x.toml").exists()


def test_sqlite_that_is_not_anki(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "other.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    package = tmp_path / "other.apkg"
    with zipfile.ZipFile(package, "w") as archive:
        archive.write(db, "collection.anki2")
    for source in (db, package):
        assert main(["import", str(source), "-o", str(tmp_path / "x.toml")]) == 1
        assert "not an Anki collection" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "argv", "needle"),
    [
        ("front,back\na,b\nc,d,e\n", [], "t.csv:3: 3 columns, expected 2"),
        ("a;b;c;d\n", [], "t.csv:1: 4 columns and no header row"),
        ("a,b\n", ["--columns", "front,nope"], "--columns 'front,nope'"),
        ("front,back\na,\n", [], "t.csv:2: the front or the back is empty"),
    ],
)
def test_bad_csv(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    argv: list[str],
    needle: str,
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(content, encoding="utf-8")
    assert main(["import", str(path), "-o", str(tmp_path / "x.toml"), *argv]) == 1
    assert needle in capsys.readouterr().err


def test_tsv_with_anki_headers_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("#separator:tab\n#html:true\nhola<br>amigo\thello\tes greet\n", "utf-8")
    out = tmp_path / "t.toml"
    assert main(["import", str(path), "-o", str(out)]) == 0
    (card,) = _deck(out).cards
    assert (
        isinstance(card, BasicCard)
        and card.front == "hola\namigo"
        and card.tags
        == [
            "es",
            "greet",
        ]
    )
    path.write_text("x\thello\thola\n", "utf-8")
    out2 = tmp_path / "t2.toml"
    assert main(["import", str(path), "-o", str(out2), "--columns", "ignore,back,front"]) == 0
    (card,) = _deck(out2).cards
    assert isinstance(card, BasicCard) and (card.front, card.back) == ("hola", "hello")


def test_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "t.csv"
    table.write_text("a,b\n", encoding="utf-8")
    out = tmp_path / "out.toml"
    out.write_text("mine", encoding="utf-8")
    assert main(["import", str(table), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "mine"
    assert main(["import", str(table), "-o", str(out), "--force"]) == 0
    apkg = tmp_path / "x.apkg"
    apkg.write_text("mine", encoding="utf-8")
    assert main(["export", str(BUNDLED), "-o", str(apkg)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert apkg.read_text(encoding="utf-8") == "mine"
