"""The shared atomic write: all or nothing, and no silent replacement when refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.atomic import FileExistsRefusal, atomic_write_text, atomic_writer


def test_replaces_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("old", encoding="utf-8")
    atomic_write_text(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert not list(tmp_path.glob(".a.toml.*"))


def test_failure_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(path) as handle:
        handle.write("half")
        raise RuntimeError("disk full")
    assert path.read_text(encoding="utf-8") == "old"
    assert not list(tmp_path.glob(".a.toml.*"))


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(FileExistsRefusal):
        atomic_write_text(path, "new", overwrite=False)
    assert path.read_text(encoding="utf-8") == "old"
