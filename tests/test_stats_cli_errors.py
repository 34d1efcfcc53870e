"""``quizapp stats`` and ``history export`` on awkward homes: odd folder names, broken files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.cli import main
from tests.conftest import DATA
from tests.stats_helpers import add_quiz, open_history

SMALL_LOG = DATA / "review-log-small.csv"


@pytest.mark.parametrize("name", ["a#b", "a?b", "a%20b", "a b", "x#y?z%41 w"])
def test_history_in_a_folder_with_uri_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, name: str
) -> None:
    home = tmp_path / "homes" / name
    home.mkdir(parents=True)
    monkeypatch.setenv("QUIZAPP_HOME", str(home))
    assert main(["history", "import", str(SMALL_LOG)]) == 0
    capsys.readouterr()
    before = sorted(p.name for p in (tmp_path / "homes").iterdir())
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total_reviews"] > 0
    assert main(["history", "export"]) == 0
    assert json.loads(capsys.readouterr().out)["reviews"]
    # Reading created no stray file beside the folder (a cut-short URI would).
    assert sorted(p.name for p in (tmp_path / "homes").iterdir()) == before


def _junk(home: Path) -> None:
    (home / "history.sqlite3").write_text("junk\n")


def _folder(home: Path) -> None:
    (home / "history.sqlite3").mkdir()


@pytest.mark.parametrize("spoil", [_junk, _folder])
@pytest.mark.parametrize(
    "argv",
    [
        ["stats"],
        ["stats", "--json"],
        ["history", "export"],
        ["history", "export", "--format", "csv"],
    ],
)
def test_unusable_history_is_one_line(quizapp_home: Path, capsys, spoil, argv: list[str]) -> None:
    spoil(quizapp_home)
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("quizapp: ") and captured.err.count("\n") == 1
    assert "history.sqlite3" in captured.err


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_failing_halfway_prints_nothing(quizapp_home: Path, capsys, fmt: str) -> None:
    store = open_history(quizapp_home / "history.sqlite3")
    add_quiz(store.connection, "geo", 1_700_000_000_000, 80.0)
    store.connection.execute("DROP TABLE reviews")  # read after the quiz sessions
    store.connection.commit()
    store.close()
    assert main(["history", "export", "--format", fmt]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("quizapp: ") and captured.err.count("\n") == 1
