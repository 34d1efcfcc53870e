"""The command line, plain mode and the core's messages in French (and still in English).

French is asked for as a learner would: ``LANG=fr_FR.UTF-8`` in the
environment, or ``language = "fr"`` in config.toml. Machine output (JSON,
deck error format, CSV) stays the same in both languages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from checking_decks import EN, item

from quizapp.core import i18n, l10n, stats
from quizapp.core.checking import check, foldings_text
from quizapp.core.intervals import format_interval
from quizapp.core.library import unknown_deck_message
from quizapp.core.ratings import rating_names
from tests.test_plain import EVERY_TYPE, EVERY_TYPE_ANSWERS, TYPED, Answer, rows, run_cli

NBSP = "\u00a0"
BAD_DECK = Path(__file__).resolve().parent / "data" / "bad" / "duplicate-id.toml"


def plain_spaces(text: str) -> str:
    """French text with its no-break spaces as plain ones, for readable assertions."""
    return text.replace(NBSP, " ").replace("\u202f", " ")


def french_config(home: Path) -> None:
    (home / "config.toml").write_text('language = "fr"\n', encoding="utf-8")


# --------------------------------------------------------------------------- core messages

CORE_MESSAGES: list[tuple[str, Callable[[], object], object, object]] = [
    ("interval minutes", lambda: format_interval(timedelta(minutes=10)), "10m", "10 min"),
    ("interval days", lambda: format_interval(timedelta(days=8)), "8d", "8 j"),
    ("interval months", lambda: format_interval(timedelta(days=75)), "2.5mo", "2,5 mois"),
    ("interval years", lambda: format_interval(timedelta(days=800)), "2.2y", "2,2 ans"),
    ("interval now", lambda: format_interval(timedelta(0)), "now", "maintenant"),
    (
        "ratings",
        rating_names,
        {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"},
        {1: "À revoir", 2: "Difficile", 3: "Correct", 4: "Facile"},
    ),
    (
        "foldings",
        lambda: foldings_text(("case", "accents")),
        "case, accents",
        "majuscules, accents",
    ),
    ("days", lambda: stats.days_text(3), "3 days", "3 jours"),
    ("one day", lambda: stats.days_text(1), "1 day", "1 jour"),
    ("percent", lambda: stats.percent_text(0.875), "87.5%", "87,5\u00a0%"),
    ("period", lambda: stats.period_text("last 7 days"), "last 7 days", "7 derniers jours"),
    ("number", lambda: l10n.number(12580), "12,580", "12\u202f580"),
    ("day", lambda: l10n.day(date(2026, 12, 4)), "2026-12-04", "4\u00a0déc.\u00a02026"),
    (
        "forecast day",
        lambda: l10n.weekday_day_month(date(2026, 12, 4)),
        "Fri 04 Dec",
        "ven. 04 déc.",
    ),
    (
        "typo",
        lambda: check(item(EN, "eastern-city"), "Tobrukk", EN).detail,
        "1 typo from 'Tobruk'",
        "à 1 faute de frappe de «\u00a0Tobruk\u00a0»",
    ),
    (
        "another card",
        lambda: check(item(EN, "capital"), "Tobruk", EN).detail,
        "'Tobruk' is the answer to another card",
        "«\u00a0Tobruk\u00a0» est la réponse d'une autre carte",
    ),
    (
        "no deck",
        lambda: unknown_deck_message([], "libia"),
        "no deck 'libia', and no decks were found; give a deck file path",
        "pas de paquet 'libia', et aucun paquet n'a été trouvé\u00a0; donnez le chemin d'un "
        "fichier de paquet",
    ),
]


@pytest.mark.parametrize(
    ("name", "show", "english", "french"), CORE_MESSAGES, ids=[c[0] for c in CORE_MESSAGES]
)
def test_core_messages_in_both_languages(
    name: str, show: Callable[[], object], english: object, french: object
) -> None:
    i18n.set_language("en")
    assert show() == english
    i18n.set_language("fr")
    assert show() == french


@pytest.mark.parametrize(
    ("item_id", "response", "english", "french"),
    [
        (
            "lna-leader",
            "HAFTAR",
            "matched after folding case",
            "accepté sans tenir compte de : majuscules",
        ),
        ("year", "2012", "the answer is 2011, not 2012", "la réponse est 2011, pas 2012"),
        (
            "acronym",
            "NLA",
            "'LNA' is too short to allow a typo",
            "« LNA » est trop court pour tolérer une faute de frappe",
        ),
    ],
)
def test_checker_details_in_both_languages(
    item_id: str, response: str, english: str, french: str
) -> None:
    assert check(item(EN, item_id), response, EN).detail == english
    i18n.set_language("fr")
    assert plain_spaces(check(item(EN, item_id), response, EN).detail) == french


# --------------------------------------------------------------------------- plain mode


def test_plain_study_in_french_from_the_config(
    monkeypatch: pytest.MonkeyPatch, quizapp_home: Path
) -> None:
    french_config(quizapp_home)
    code, raw = run_cli(monkeypatch, ["study", EVERY_TYPE, "--plain"], EVERY_TYPE_ANSWERS)
    out = plain_spaces(raw)
    assert code == 0
    assert f"Réponse{NBSP}: Khalifa Haftar" in raw  # the colon never starts a line
    assert ":u annule la dernière réponse, :q quitte" in out
    assert "Juste. Réponse : Khalifa Haftar" in out
    assert "Accepté comme : Haftar" in out
    assert "Explication : Haftar leads the LNA from the east." in out  # the deck's own text
    assert "Citation : « l'armée nationale libyenne (LNA) de Haftar »" in out
    assert "Presque (compté juste). Réponse : Sisi" in out
    assert "Faux. Réponse : 1000" in out
    assert "1 À revoir " in out and "2 Difficile " in out and "4 Facile " in out
    assert "Note [3 Correct] : " in out
    assert "Note [1 À revoir] : " in out
    assert "8 cartes étudiées : 5 justes, 1 presque juste, 1 fausse, 1 autoévaluée." in out
    assert "Studied" not in out and "Answer:" not in out
    reviews = rows(quizapp_home, "SELECT item_id, rating, verdict FROM reviews ORDER BY id")
    assert reviews == [
        ("leader", 3, "correct"),
        ("host", 3, "correct"),
        ("east", 3, "correct"),
        ("cities", 3, "correct"),
        ("distance", 1, "wrong"),
        ("meeting.1", 2, "close"),
        ("sequence", 3, "correct"),
        ("capital", 4, None),
    ]


def test_plain_study_takes_french_rating_names(
    monkeypatch: pytest.MonkeyPatch, quizapp_home: Path
) -> None:
    french_config(quizapp_home)
    answers: list[Answer] = ["Haftar", "fac", "Cairo", "9", "diff", ":q"]
    code, raw = run_cli(monkeypatch, ["study", EVERY_TYPE, "--plain"], answers)
    out = plain_spaces(raw)
    assert code == 0
    assert "Tapez 1 À revoir, 2 Difficile, 3 Correct ou 4 Facile" in out
    assert rows(quizapp_home, "SELECT item_id, rating FROM reviews ORDER BY id") == [
        ("leader", 4),
        ("host", 2),
    ]


def test_plain_quiz_in_french_from_the_locale(
    monkeypatch: pytest.MonkeyPatch, quizapp_home: Path
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    argv = ["quiz", TYPED, "--plain", "-n", "5", "--seed", "1"]
    answers: list[Answer] = ["cairo", "Rabat", "Tunis!", "Madri", "Lisbon"]
    code, raw = run_cli(monkeypatch, argv, answers)
    out = plain_spaces(raw)
    assert code == 0
    assert "Quiz : Capitals, 5 questions." in out
    assert "Question 1/5" in out
    assert "Presque (compté juste). Réponse : Madrid" in out
    assert "Faux. Réponse : Paris" in out
    assert "Score : 4/5 (80 %)" in out
    assert "Durée : 0 s" in out
    sessions = rows(quizapp_home, "SELECT correct, close, wrong, score FROM quiz_sessions")
    assert sessions == [(3, 1, 1, 80.0)]


def test_plain_quiz_abandoned_in_french(
    monkeypatch: pytest.MonkeyPatch, quizapp_home: Path
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    argv = ["quiz", TYPED, "--plain", "-n", "5", "--seed", "3"]
    code, raw = run_cli(monkeypatch, argv, ["x", "y"])
    out = plain_spaces(raw)
    assert code == 0
    assert "Quiz abandonné après 2 questions sur 5." in out
    assert "Score : 0/2 (0 %)" in out
    assert ":retry repose les 2 questions manquées dans un nouveau quiz." in out
    assert rows(quizapp_home, "SELECT abandoned, wrong FROM quiz_sessions") == [(1, 2)]


# --------------------------------------------------------------------------- commands


def quizapp(home: Path, *argv: str, lang: str = "fr_FR.UTF-8") -> subprocess.CompletedProcess[str]:
    """``quizapp ARGV`` in a fresh process, as a shell with ``LANG`` set runs it."""
    env = {**os.environ, "QUIZAPP_HOME": str(home), "LANG": lang, "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_help_in_french(quizapp_home: Path) -> None:
    done = quizapp(quizapp_home, "--help")
    assert done.returncode == 0
    out = plain_spaces(done.stdout)
    assert out.startswith("usage : quizapp")
    assert "afficher ce message d'aide et quitter" in out
    assert "commandes :" in out and "options :" in out
    assert "étudier les cartes à réviser d'un paquet" in out
    assert "show this help" not in out and "study the due cards" not in out
    sub = plain_spaces(quizapp(quizapp_home, "quiz", "--help").stdout)
    assert "arguments positionnels :" in sub and "PAQUET" in sub and "-n NOMBRE" in sub


def test_usage_errors_in_french(quizapp_home: Path) -> None:
    done = quizapp(quizapp_home, "quiz")
    assert done.returncode == 2
    assert "erreur : les arguments suivants sont obligatoires : PAQUET" in plain_spaces(done.stderr)
    typo = quizapp(quizapp_home, "chek")
    assert typo.returncode == 2
    assert "(vouliez-vous dire « check » ?)" in plain_spaces(typo.stderr)


def test_due_and_stats_in_french(quizapp_home: Path) -> None:
    due = quizapp(quizapp_home, "due")
    assert due.returncode == 0
    lines = plain_spaces(due.stdout).splitlines()
    assert lines[0].split() == ["PAQUET", "À", "RÉVISER", "APPRENTISSAGE", "RÉVISION", "NOUVELLES"]
    assert "NOUVELLES = nouvelles pour aujourd'hui" in lines[-1]
    summary = plain_spaces(quizapp(quizapp_home, "stats").stdout)
    assert summary.startswith("statistiques quizapp : tous les paquets")
    assert "Aujourd'hui 0 révision" in summary
    assert "pas encore de quiz" in summary
    full = plain_spaces(quizapp(quizapp_home, "stats", "--full").stdout)
    assert "Prévision : cartes à réviser par jour" in full
    assert "État des cartes" in full


def test_check_in_french_keeps_the_error_format(quizapp_home: Path) -> None:
    done = quizapp(quizapp_home, "check", str(BAD_DECK))
    assert done.returncode == 1
    problem = done.stdout.splitlines()[0]
    path, line, column, severity, _message = problem.split(":", 4)
    assert path == str(BAD_DECK) and line.isdigit() and column.isdigit()
    assert severity == " error"  # tools parse PATH:LINE:COL: error: message
    assert plain_spaces(_message).startswith(" identifiant de carte en double « same »")
    assert plain_spaces(done.stderr).strip() == "1 paquet vérifié : 1 erreur, 0 avertissement"


def test_config_language_wins_over_the_locale(quizapp_home: Path) -> None:
    french_config(quizapp_home)
    done = quizapp(quizapp_home, "due", lang="en_US.UTF-8")
    assert done.returncode == 0
    assert done.stdout.startswith("PAQUET")
    (quizapp_home / "config.toml").write_text('language = "en"\n', encoding="utf-8")
    assert quizapp(quizapp_home, "due").stdout.startswith("DECK")


def test_json_is_the_same_in_every_language(quizapp_home: Path) -> None:
    french = json.loads(quizapp(quizapp_home, "due", "--json").stdout)
    english = json.loads(quizapp(quizapp_home, "due", "--json", lang="C.UTF-8").stdout)
    assert french == english
    assert set(french) == {"day", "decks", "total"}
    assert set(french["total"]) == {"new", "learning", "review", "due"}
