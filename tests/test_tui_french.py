"""The full-screen interface in French: Pilot flows checked in the store, and the words on screen.

Each test sets the language to French before the app is built (as ``main``
does once it has read the locale and the config) and back to English after,
so the other tests of the same process keep the English interface.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from textual.content import Content

from quizapp.core import i18n
from quizapp.tui import no_break
from quizapp.tui.i18n_bindings import retranslate_bindings
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.results import ResultsScreen
from quizapp.tui.screens.study import StudyScreen
from tests.tui_helpers import ALL_TYPES, BROKEN, build_app, query, right_keys, settle


def screen_text(app: Any) -> str:
    """The screen as lines of text (a cursor or a style change splits no word)."""
    rows: dict[float, list[str]] = {}
    for match in re.finditer(
        r'<text[^>]*y="([\d.]+)"[^>]*>([^<]*)</text>', app.export_screenshot()
    ):
        rows.setdefault(float(match[1]), []).append(html.unescape(match[2]))
    return "\n".join("".join(parts) for _y, parts in sorted(rows.items())).replace("\xa0", " ")


@pytest.fixture
def french() -> Iterator[None]:
    i18n.set_language("fr")
    yield
    i18n.set_language("en")
    retranslate_bindings()


async def test_home_speaks_french(french: None, tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3", ALL_TYPES, BROKEN)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
    for french_words in (
        "quizapp · 1 paquet · 1 avec des erreurs (marqués ✗)",
        "Paquet",
        "Cartes",
        "Dernier quiz",
        "✗ erreur",
        "Réviser",
        "Quiz",
        "Statistiques",
        "Recharger",
        "Quitter",
    ):
        assert french_words in text, french_words
    for english in ("Study", "Stats", "Reload", "Quit", "Last quiz", "Deck"):
        assert re.search(rf"\b{english}\b", text) is None, english


async def test_study_a_card_in_french_saves_it(french: None, tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert screen.current.question.kind == "basic"
        text = screen_text(app)
        assert "Révision : " in text and "Carte mémoire" in text
        assert "Voir la réponse" in text and "Terminer" in text
        await pilot.press("space")
        await settle(pilot)
        text = screen_text(app)
        # Anki's French names for the ratings, the proposed one selected
        for rating in ("1 À revoir", "2 Difficile", "3 Correct", "4 Facile", "Entrée valide"):
            assert rating in text, rating
        assert "Réponse :" in text
        await pilot.press("3")
        await settle(pilot)
        # the typed card: a near miss, its verdict and rows in French
        assert screen.current.question.kind == "typed"
        await pilot.press(*"Hafter", "enter")
        await settle(pilot)
        text = screen_text(app)
        for words in ("Vous :", "Écart :", "Réponse :", "Pourquoi :", "Valider", "Annuler"):
            assert words in text, words
        await pilot.press("enter")
        await settle(pilot)
    rows = query(db, "SELECT item_id, rating, mode FROM reviews ORDER BY id")
    assert len(rows) == 2 and rows[0][1] == 3 and {r[2] for r in rows} == {"study"}


async def test_take_a_quiz_in_french(french: None, tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db, start=("quiz", "all-types", 2, 5), seed=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert "question 1 sur 2 · 0 juste jusqu’ici" in screen_text(app)
        for _number in range(2):
            question = screen.run.questions[screen.index]
            keys = ["space", "y"] if question.kind == "basic" else right_keys(question)
            await pilot.press(*keys)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
    for words in (
        "Résultats du quiz : ",
        "(terminé)",
        "Score 100 %",
        "✓ 2 justes",
        "≈ 0 presque juste",
        "✗ 0 fausse",
        "2 sur 2 répondues",
        "Premier quiz sur ce paquet.",
        "Détails",
        "Paquets",
    ):
        assert words in text, words
    rows = query(db, "SELECT questions, score, abandoned FROM quiz_sessions")
    assert rows == [(2, 100.0, 0)]


async def test_the_help_and_the_palette_speak_french(french: None, tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app)
        for words in ("Touches : accueil", "Cet écran", "Partout", "Réviser", "Aide", "Quitter"):
            assert words in text, words
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        text = screen_text(app)
        assert "Chercher une commande…" in text
        assert "Thème" in text and "touche : " in text


def test_the_bindings_go_back_to_english() -> None:
    """The fixture's English after a French test: the footer is English again."""
    i18n.set_language("fr")
    retranslate_bindings()
    i18n.set_language("en")
    retranslate_bindings()
    study = HomeScreen._merged_bindings
    assert study is not None
    assert {b.description for _key, b in study} >= {"Study", "Quiz", "Quit"}


FRENCH = (
    "Abandonner ce quiz\u00a0? 3 sur 10 répondues\u202f; il sera enregistré «\u00a0comme\u00a0»."
)


@pytest.mark.parametrize("width", range(12, 60))  # the longest joined word fits
def test_a_line_never_starts_at_a_no_break_space(width: int) -> None:
    no_break.install()
    lines = [line.plain for line in Content(FRENCH).wrap(width)]
    rich_lines = [line.plain for line in Text(FRENCH).wrap(Console(), width)]
    for wrapped in (lines, rich_lines):
        assert "".join(wrapped).replace(" ", "") == FRENCH.replace(" ", "")
        for line in wrapped[1:]:
            assert line.lstrip(" ")[:1] not in {"?", ";", "»", "\u00a0", "\u202f"}, wrapped
        for line in wrapped[:-1]:
            assert not line.rstrip(" ").endswith(("\u00a0", "\u202f", "«")), wrapped


def test_ordinary_spaces_still_break() -> None:
    no_break.install()
    assert [line.plain for line in Content("un deux trois").wrap(5)] == ["un", "deux", "trois"]


async def test_a_translated_label_longer_than_the_column_keeps_a_space_after_it() -> None:
    """French "Pourquoi :" is 10 cells: the column widens so the value never touches it."""
    from textual.app import App, ComposeResult
    from textual.content import Content

    from quizapp.tui.widgets.feedback import Feedback

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield Feedback()

    app = Host()
    async with app.run_test(size=(60, 10)) as pilot:
        feedback = app.query_one(Feedback)
        feedback.show([("Pourquoi :", Content("parce que")), ("Vous :", Content("Sissi"))])
        await pilot.pause()
        labels = list(feedback.query(".fb-label"))
        values = list(feedback.query(".fb-value"))
        for label, value in zip(labels, values, strict=True):
            assert value.region.x - label.region.x == 11  # "Pourquoi :" and one space
        feedback.show([("Why:", Content("because"))])
        await pilot.pause()
        (label,) = feedback.query(".fb-label")
        (value,) = feedback.query(".fb-value")
        assert value.region.x - label.region.x == 10  # English keeps its column
