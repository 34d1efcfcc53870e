"""No module in quizapp/ over 400 lines: a module that size has more than one job."""

from __future__ import annotations

from pathlib import Path

import quizapp

MAX_LINES = 400
PACKAGE = Path(quizapp.__file__).parent


def _line_counts() -> dict[str, int]:
    return {
        str(path.relative_to(PACKAGE.parent)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_the_package_is_found() -> None:
    counts = _line_counts()
    assert "quizapp/core/decks/loader.py" in counts, sorted(counts)


def test_no_module_is_over_400_lines() -> None:
    over = {name: lines for name, lines in _line_counts().items() if lines > MAX_LINES}
    assert over == {}, f"modules over {MAX_LINES} lines: {over}"
