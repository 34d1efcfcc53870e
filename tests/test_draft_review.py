"""The draft review screen, driven by keys; every assertion is on the deck file it writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli

from quizapp.core.decks import inspect_deck
from quizapp.core.draft import DraftDeck, fallback_analyzer, make_draft
from quizapp.tui.screens.draft_review import DraftReviewApp
from tests.tui_helpers import screen_text, settle

ARTICLE = (
    "Le ministre tunisien Ali Ben Salah a signé l’accord avec Karim Fathi à Tunis en 2019.\n"
    "Le Parlement basé à Sousse a voté la loi en mars.\n"
    "Qui paiera la facture ?\n"
)


@pytest.fixture
def deck(tmp_path: Path) -> DraftDeck:
    article = tmp_path / "accord.fr.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    draft = make_draft(article, fallback_analyzer("fr"))
    return DraftDeck(tmp_path / "accord.toml", draft)


def _cards(path: Path) -> list[dict[str, Any]]:
    """The cards on disk, after checking the deck as 'quizapp check' does."""
    report = inspect_deck(path)
    assert [p for p in report.problems if p.severity == "error"] == []
    cards: list[dict[str, Any]] = tomli.loads(path.read_text(encoding="utf-8"))["cards"]
    return cards


async def test_accept_drop_and_change_type_write_only_what_is_accepted(deck: DraftDeck) -> None:
    app = DraftReviewApp(deck.draft, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "Qui est le ministre tunisien ?" in shown
        assert "Sentence 1 of 3" in shown
        assert "rule-based fallback" in shown
        await pilot.press("a")
        await settle(pilot)
        assert [c["id"] for c in _cards(deck.path)] == ["typed-ali-ben-salah-ministre-tunisien"]
        await pilot.press("d")  # the cloze of the same fact
        await pilot.press("t")  # the choice becomes the next type round: typed
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        cards = _cards(deck.path)
        assert [c["type"] for c in cards] == ["typed", "typed"]
        assert cards[1]["id"].startswith("typed-ali-ben-salah")
        assert cards[1]["id"] != cards[0]["id"]  # a free id, never a duplicate
        assert all(c["quote"] in ARTICLE for c in cards)
        assert {c["fact"] for c in cards} == {"role-ministre-tunisien"}
    text = deck.path.read_text(encoding="utf-8")
    assert text.startswith("# Drafted from accord.fr.txt with rule-based fallback")
    assert "# accepted; proposed with confidence" in text


async def test_an_edit_in_place_is_checked_before_it_is_written(deck: DraftDeck) -> None:
    app = DraftReviewApp(deck.draft, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen.query_one("#draft-editor")
        assert editor.has_focus
        text = editor.text
        assert 'answer = "Ali Ben Salah"' in text
        # An edit that would break the deck: nothing is written, the edit stays on screen.
        editor.load_text(text.replace('answer = "Ali Ben Salah"\n', ""))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not deck.path.exists()
        assert "answer" in screen_text(app)  # the error names what is missing
        assert editor.display
        editor.load_text(text.replace("le ministre tunisien", "le ministre tunisien en 2019"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        (card,) = _cards(deck.path)
        assert card["prompt"] == "Qui est le ministre tunisien en 2019 ?"
        assert card["quote"].startswith("Le ministre tunisien Ali Ben Salah")
        assert not editor.display


async def test_an_edit_in_the_external_editor_is_accepted(
    deck: DraftDeck, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quizapp.tui.editor

    def fake_editor(app: Any, path: Path, line: int | None) -> None:
        path.write_text(path.read_text().replace("Qui est", "Qui était"), encoding="utf-8")

    monkeypatch.setattr(quizapp.tui.editor, "open_in_editor", fake_editor)
    app = DraftReviewApp(deck.draft, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
    (card,) = _cards(deck.path)
    assert card["prompt"] == "Qui était le ministre tunisien ?"


async def test_undo_takes_the_last_accepted_card_out_of_the_deck(deck: DraftDeck) -> None:
    app = DraftReviewApp(deck.draft, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert len(_cards(deck.path)) == 2
        await pilot.press("u")
        await settle(pilot)
        assert [c["type"] for c in _cards(deck.path)] == ["typed"]
        assert "2/12" in screen_text(app)  # back on the card taken out


async def test_a_review_taken_up_again_keeps_the_deck_and_its_comments(
    deck: DraftDeck, tmp_path: Path
) -> None:
    app = DraftReviewApp(deck.draft, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
    with deck.path.open("a", encoding="utf-8") as handle:
        handle.write("# my own note\n")
    again = DraftDeck(deck.path, deck.draft)
    app = DraftReviewApp(deck.draft, again)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Proposal 2/12" in screen_text(app)  # the accepted one is not asked again
        await pilot.press("n", "a")
        await settle(pilot)
        await pilot.press("q")
    assert len(_cards(deck.path)) == 2
    assert "# my own note" in deck.path.read_text(encoding="utf-8")


async def test_the_screen_fits_80x24_and_shows_article_text_literally(tmp_path: Path) -> None:
    article = tmp_path / "markup.txt"
    article.write_text(
        "Le ministre tunisien [bold]Ali Ben Salah[/] a signé l’accord à Tunis en 2019.\x1b[2J\n",
        encoding="utf-8",
    )
    draft = make_draft(article, fallback_analyzer("fr"))
    deck = DraftDeck(tmp_path / "markup.toml", draft)
    app = DraftReviewApp(draft, deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "[bold]" in shown
        assert "\\x1b" in shown
        assert "Accept" in shown and "Drop" in shown


def test_a_deck_of_another_article_is_not_taken_up(deck: DraftDeck, tmp_path: Path) -> None:
    from quizapp.core.draft import DraftError

    other = tmp_path / "other.txt"
    other.write_text("Le ministre tunisien Ali Ben Salah a parlé à Tunis.\n", encoding="utf-8")
    deck.path.write_text(
        'format = 1\n[deck]\nid = "x"\ntitle = "X"\nsource = { path = "other.txt" }\n',
        encoding="utf-8",
    )
    with pytest.raises(DraftError, match=r"draws from other\.txt"):
        DraftDeck(deck.path, deck.draft)
    with pytest.raises(DraftError, match="does not exist"):
        DraftDeck(tmp_path / "missing" / "deck.toml", deck.draft)
