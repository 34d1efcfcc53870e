"""``quizapp fmt``: canonical key order, comments kept, ids added, --check for CI."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from quizapp.cli import main
from quizapp.core.authoring.layout import LayoutError, format_deck_text
from quizapp.core.library import load_paths
from tests.conftest import REPO

MESSY = """\
# my deck
format = 1
[deck]
title = "Mine"   # the title
id = "mine"


# a typed card
[[cards]]
answer = "Paris"  # right answer
type = "typed"
# the question
prompt = "What is the capital of France?"
[[cards]]
type = "basic"
front = "Bonjour"
back = "Hello"
"""


def test_layout_orders_keys_and_keeps_comments() -> None:
    result = format_deck_text(MESSY, add_ids=True)
    text = result.text
    assert result.ids_added == 2
    for comment in (
        "# my deck",
        "# the title",
        "# a typed card",
        "# right answer",
        "# the question",
    ):
        assert comment in text
    data = tomli.loads(text)
    assert list(data["deck"]) == ["id", "title"]
    assert list(data["cards"][0]) == ["id", "type", "prompt", "answer"]
    assert data["cards"][0]["id"] == "what-is-the-capital-of-france"
    assert data["cards"][1]["id"] == "bonjour"
    assert text.index("# the question") < text.index("prompt =")
    assert "\n\n\n" not in text and text.endswith('"\n')
    assert "\n\n# a typed card\n[[cards]]" in text
    assert 'Hello"\n\n[[cards]]' not in text
    assert format_deck_text(text).text == text  # idempotent


def test_without_add_ids_missing_ids_stay_missing() -> None:
    assert format_deck_text(MESSY).ids_added == 0
    assert "id" not in tomli.loads(format_deck_text(MESSY).text)["cards"][0]


def test_broken_toml_is_refused() -> None:
    with pytest.raises(LayoutError):
        format_deck_text("format = \n")


@pytest.mark.parametrize("deck", sorted((REPO / "decks").glob("*.toml")), ids=lambda p: p.name)
def test_bundled_decks_keep_their_data(deck: Path) -> None:
    text = deck.read_text(encoding="utf-8")
    result = format_deck_text(text)
    assert tomli.loads(result.text) == tomli.loads(text)
    assert format_deck_text(result.text).text == result.text


def test_cli_check_then_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(MESSY, encoding="utf-8")
    assert main(["fmt", "--check", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == MESSY
    assert "would be reformatted" in capsys.readouterr().out
    assert main(["fmt", "--add-ids", str(path)]) == 0
    assert main(["fmt", "--check", str(path)]) == 0
    (loaded,) = load_paths([path])
    assert loaded.ok


def test_cli_reports_a_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("format = \n", encoding="utf-8")
    assert main(["fmt", str(path)]) == 1
    assert "not valid TOML" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "format = \n"
