"""The config check before the first screen: a file found valid is known by its hash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import quizapp.core.config as config_module
from quizapp.cli import main
from quizapp.core.config import ConfigError
from quizapp.core.config_check import check_config, entry_path
from tests.conftest import REPO

GOOD = "day_rollover_hour = 5\n[decks.x.scheduling]\nnew_per_day = 3\n"
BAD = "day_rollover_hour = 99\n"


def write(home: Path, text: str) -> Path:
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every validation of the config by the model."""
    seen: list[Path] = []
    real = config_module.config_from_bytes

    def counting(path: Path, raw: bytes) -> config_module.Config:
        seen.append(path)
        return real(path, raw)

    monkeypatch.setattr(config_module, "config_from_bytes", counting)
    return seen


def test_no_file_is_no_check(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = validations(monkeypatch)
    check_config()
    assert seen == [] and not entry_path().exists()


def test_a_valid_file_is_validated_once(
    quizapp_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = validations(monkeypatch)
    write(quizapp_home, GOOD)
    check_config()
    check_config()
    assert len(seen) == 1


def test_a_bad_file_is_one_line_every_time(
    quizapp_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = validations(monkeypatch)
    path = write(quizapp_home, BAD)
    for _ in range(2):
        with pytest.raises(ConfigError, match=f"^{path}:1: day_rollover_hour"):
            check_config()
    assert len(seen) == 2 and not entry_path().exists()


def test_a_changed_file_is_validated_again(quizapp_home: Path) -> None:
    write(quizapp_home, GOOD)
    check_config()
    path = write(quizapp_home, GOOD.replace("5", "55"))
    with pytest.raises(ConfigError, match=f"^{path}:1: "):
        check_config()


@pytest.mark.parametrize(
    "entry",
    [b"", b"{", b"[1, 2]", b"null", b'{"cache": 1}', b"\xff" * 10, b" " * 100_000],
    ids=["empty", "truncated", "list", "null", "partial", "binary", "huge"],
)
def test_a_damaged_entry_is_a_miss(quizapp_home: Path, entry: bytes) -> None:
    write(quizapp_home, GOOD)
    check_config()
    remembered = entry_path().read_bytes()
    entry_path().write_bytes(entry)
    check_config()  # a good file: validated again and remembered again
    assert entry_path().read_bytes() == remembered
    entry_path().write_bytes(entry)
    write(quizapp_home, BAD)
    with pytest.raises(ConfigError):
        check_config()


def test_an_entry_of_another_file_is_a_miss(tmp_path: Path, quizapp_home: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text(BAD, encoding="utf-8")
    write(quizapp_home, BAD)
    # an entry that calls these very bytes valid, but for another path
    from quizapp.core.config_check import remember_valid

    remember_valid(other, BAD.encode())
    with pytest.raises(ConfigError):
        check_config()


def test_an_unwritable_data_folder_is_no_error(
    quizapp_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(quizapp_home, GOOD)
    (quizapp_home / "cache").write_text("a file where the folder would be", encoding="utf-8")
    check_config()
    check_config()


def test_home_with_a_bad_config_is_one_line_before_any_screen(
    quizapp_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import quizapp.tui.app

    def no_screen(*args: object, **kwargs: object) -> None:
        raise AssertionError("a screen was built")

    monkeypatch.setattr(quizapp.tui.app, "make_app", no_screen)
    path = write(quizapp_home, BAD)
    assert main([]) == 1
    assert capsys.readouterr().err == (
        f"quizapp: {path}:1: day_rollover_hour must be a whole hour from 0 to 23\n"
    )


def test_a_known_good_config_imports_no_pydantic(quizapp_home: Path) -> None:
    """What the home command runs before the first frame, in a fresh interpreter."""
    write(quizapp_home, GOOD)
    script = (
        "import sys\n"
        "from quizapp.core.config_check import check_config\n"
        "check_config()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic')[:1])\n"
    )
    env = {**os.environ, "QUIZAPP_HOME": str(quizapp_home), "PYTHONPATH": str(REPO)}
    run = [sys.executable, "-c", script]
    first = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    second = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "['pydantic']"  # validated, then remembered
    assert second.stdout.strip() == "[]"
