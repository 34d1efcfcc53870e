"""File names with a newline, a tab or an escape cannot forge lines in any command's output.

A deck folder from a stranger may hold ``bad\\nx:1:1: error: fake.toml``: printed
as it is, it would read as a problem of another file (or, in the terminal, as
anything). Every command shows such a name as one line with the characters
escaped (``\\x0a``), through :func:`quizapp.commands._output.shown` and the
problems' own formatting.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizapp.cli import main
from tests.conftest import DATA

FORGED = "x:1:1: error: forged"
NAMES = {
    "newline": f"bad\n{FORGED}.toml",
    "carriage-return": f"bad\r{FORGED}.toml",
    "tab": "bad\tname.toml",
    "escape": "bad\x1b[2Jname.toml",
}


@pytest.fixture(params=sorted(NAMES))
def hostile_folder(request: pytest.FixtureRequest, tmp_path: Path, quizapp_home: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    shutil.copy(DATA / "bad" / "wrong-type.toml", folder / NAMES[request.param])
    good = (DATA / "good" / "minimal.toml").read_text(encoding="utf-8")
    (folder / f"good{NAMES[request.param]}").write_text(good.replace("  ", " ") + "\n\n\n")
    return folder


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "{decks}"],
        ["check", "--orphans", "{decks}"],
        ["due", "--decks", "{decks}"],
        ["fmt", "--check", "{decks}"],
        ["fmt", "{decks}"],
        ["study", "{decks}/nothing", "--plain"],
    ],
    ids=lambda argv: "-".join(a for a in argv if "{" not in a),
)
def test_no_command_prints_a_file_name_across_lines(
    hostile_folder: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main([a.replace("{decks}", str(hostile_folder)) for a in argv])
    captured = capsys.readouterr()
    for line in (captured.out + captured.err).splitlines():
        assert not line.startswith(FORGED), line
        assert "\t" not in line and "\r" not in line and "\x1b" not in line, repr(line)


def test_the_escaped_name_is_what_check_shows(
    tmp_path: Path, quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    shutil.copy(DATA / "bad" / "wrong-type.toml", folder / NAMES["newline"])
    assert main(["check", str(folder)]) == 1
    err = capsys.readouterr()
    lines = (err.out + err.err).splitlines()
    assert f"{folder}/bad\\x0a{FORGED}.toml:11:1: error: " in lines[0]


def test_history_file_names_stay_on_one_line(
    tmp_path: Path, quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / f"log\n{FORGED}.csv"
    bad.write_text("card_id,review_rating,review_time\n1,9,2024-01-01\n")
    assert main(["history", "import", str(bad)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and not any(line.startswith(FORGED) for line in lines)
    out = tmp_path / f"export\n{FORGED}.json"
    assert main(["history", "export", "--output", str(out)]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "\\x0a" in lines[0]
