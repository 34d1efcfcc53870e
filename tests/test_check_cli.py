"""``quizapp check``: output lines, summary, exit codes, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.decks.cache import wait_for_entries
from tests.conftest import DATA

GOOD = DATA / "good"
BAD = DATA / "bad"


def test_good_decks_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(GOOD)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "2 decks checked: 0 errors, 0 warnings\n"


def test_bad_deck_prints_path_line_column_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD / "wrong-type.toml"
    assert main(["check", str(path), str(GOOD / "minimal.toml")]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}:11:1: error: card 'a' (typed): answer: expected a string, got an integer"
    ]
    assert err == "2 decks checked: 1 error, 0 warnings\n"


def test_warnings_alone_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(BAD / "no-quote-no-explanation.toml")]) == 0
    out, err = capsys.readouterr()
    assert [line.split(": ", 2)[1] for line in out.splitlines()] == ["warning", "warning"]
    assert err == "1 deck checked: 0 errors, 2 warnings\n"


def test_every_bad_deck_in_a_folder_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(BAD)]) == 1
    out, _ = capsys.readouterr()
    reported = {line.split(":", 1)[0] for line in out.splitlines()}
    assert reported == {str(p) for p in BAD.glob("*.toml")}
    assert "Traceback" not in out


def test_missing_path_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    assert main(["check", str(missing)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{missing}: error: no such file or directory\n"
    assert err == "0 decks checked: 1 error, 0 warnings\n"


def test_empty_folder_passes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", str(tmp_path)]) == 0
    assert capsys.readouterr().err == "0 decks checked: 0 errors, 0 warnings\n"


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD / "duplicate-id.toml"
    assert main(["check", "--format", "json", str(path)]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out) == [
        {
            "path": str(path),
            "line": 14,
            "column": 1,
            "severity": "error",
            "message": "duplicate card id 'same' (first used at line 8)",
        }
    ]
    assert err == "1 deck checked: 1 error, 0 warnings\n"


def test_json_output_of_good_decks_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", str(GOOD)]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    "argv",
    [["check"], ["check", "--bogus", "x.toml"], ["check", "--format", "xml", "x.toml"]],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_orphans_lists_history_of_cards_gone_from_the_checked_decks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from quizapp.core.store import open_store

    store = open_store()
    try:
        store.set_suspended("minimal", "one", True)  # still in the deck
        store.set_suspended("minimal", "two", True)  # removed since
        store.set_suspended("other-deck", "x", True)  # a deck not being checked
    finally:
        store.close()
    assert main(["check", "--orphans", str(GOOD / "minimal.toml")]) == 0
    out, err = capsys.readouterr()
    assert out == "orphan: minimal two: has history but is no longer in the deck\n"
    assert err == "1 deck checked: 0 errors, 0 warnings, 1 orphan\n"
    assert main(["check", "--orphans", "--format", "json", str(GOOD / "minimal.toml")]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "orphan: minimal two" in err


def test_orphans_without_history_creates_no_database(
    capsys: pytest.CaptureFixture[str], quizapp_home: Path
) -> None:
    assert main(["check", "--orphans", str(GOOD)]) == 0
    assert capsys.readouterr().err == "2 decks checked: 0 errors, 0 warnings, 0 orphans\n"
    # Only the cache of validated decks is written (in the background); no history file.
    wait_for_entries()
    assert [path.name for path in quizapp_home.iterdir()] == ["cache"]


def test_bundled_decks_pass_check(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import REPO

    assert main(["check", str(REPO / "decks")]) == 0
    assert "0 errors" in capsys.readouterr().err
