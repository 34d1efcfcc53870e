"""Hostile deck files: huge numbers, deep nesting, long dotted keys, garbage bytes.

The huge inputs are generated here rather than committed. Each must come
back as a problem at its line, never as a traceback or a hang.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from quizapp.core import decks
from quizapp.core.decks import inspect_bytes, lint_deck, load_deck
from quizapp.core.problems import DeckError

HEAD = 'format = 1\n\n[deck]\nid = "x"\ntitle = "T"\n\n'  # 6 lines; line 7 comes next
CARD = '[[cards]]\nid = "a"\ntype = "number"\nprompt = "p"\n'  # lines 7-10; line 11 next

HOSTILE: dict[str, tuple[str, int, str]] = {
    "5000-digit-integer": (HEAD + CARD + "answer = " + "7" * 5000 + "\n", 11, "digits"),
    "100k-nested-brackets": (
        HEAD + CARD + "answer = " + "[" * 100_000 + "]" * 100_000,
        11,
        "nested",
    ),
    "100k-nested-inline-tables": (
        HEAD + CARD + "answer = " + "{a=" * 100_000 + "1" + "}" * 100_000,
        11,
        "nested",
    ),
    "100k-unclosed-brackets": (HEAD + "x = " + "[" * 100_000, 7, "nested"),
    "10k-part-dotted-key": (HEAD + CARD + ".".join(["k"] * 10_000) + " = 1\n", 11, "dotted key"),
    "10k-part-quoted-dotted-key": (HEAD + '"k".' * 10_000 + "k = 1\n", 7, "dotted key"),
    "10k-part-table-header": (HEAD + "[" + ".".join(["t"] * 10_000) + "]\n", 7, "dotted key"),
    "nul-byte": (HEAD + 'x = "a\x00b"\n', 7, "TOML syntax"),
    "lone-carriage-return": (HEAD + "x = 1\r y = 2\n", 7, "TOML syntax"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_an_error_at_its_line(name: str) -> None:
    text, line, words = HOSTILE[name]
    report = inspect_bytes(text.encode(), Path(f"{name}.toml"))
    assert report.deck is None
    assert report.problems, name
    first = report.problems[0]
    assert first.severity == "error"
    assert first.line == line, str(first)
    assert words in first.message, str(first)


@pytest.mark.parametrize(
    "value",
    [
        '"' + "[" * 100_000 + '"',
        "'" + "7" * 5000 + "'",
        '"""' + "\n".join(["a.b"] * 50) + "." * 1000 + '"""',
        '"' + ".".join(["k"] * 10_000) + '"',
    ],
    ids=["brackets", "digits", "dots-multiline", "dots"],
)
def test_hostile_looking_text_inside_strings_is_fine(value: str) -> None:
    text = HEAD.replace('title = "T"', f"title = {value}")
    report = inspect_bytes(text.encode(), Path("ok.toml"))
    # only the title's length cap may complain: the pre-scan does not look inside strings
    assert all("too long" in p.message for p in report.problems), report.problems


def test_integer_too_long_for_python_is_reported_at_its_line(monkeypatch) -> None:
    """Behind the pre-scan, the parser's own ValueError is still mapped to a line."""
    monkeypatch.setattr(decks, "_LONG_NUMBER", re.compile(r"(?!)"))
    text = HEAD + CARD + "answer = " + "7" * 5000 + "\n"
    report = inspect_bytes(text.encode(), Path("big.toml"))
    assert [(p.line, p.column) for p in report.problems] == [(11, 10)]
    assert "cannot be parsed" in report.problems[0].message


@pytest.mark.parametrize("seed", range(5))
def test_binary_garbage_is_an_error(seed: int, tmp_path: Path) -> None:
    path = tmp_path / "garbage.toml"
    path.write_bytes(random.Random(seed).randbytes(4096))
    with pytest.raises(DeckError) as info:
        load_deck(path)
    assert info.value.problems[0].severity == "error"


def test_a_deck_just_under_the_cap_loads_and_one_over_is_refused(tmp_path: Path) -> None:
    body = HEAD + "# " + "x" * 1000 + "\n"
    path = tmp_path / "deck.toml"
    path.write_text(body, encoding="utf-8")
    size = path.stat().st_size
    assert lint_deck(path, max_bytes=size)[0] is not None
    deck, problems = lint_deck(path, max_bytes=size - 1)
    assert deck is None and "larger than" in problems[0].message


def test_brackets_in_a_comment_are_not_summed_one_by_one(monkeypatch) -> None:
    """A comment of a million brackets is fine, and the raw depth pass stops once it is deep.

    The raw text looks a million levels deep; the check must give up on it
    early (the skeleton without strings and comments decides) instead of
    summing every bracket.
    """

    class Counting(dict):
        calls = 0

        def __getitem__(self, key: str) -> int:
            Counting.calls += 1
            return super().__getitem__(key)

    monkeypatch.setattr(decks, "_BRACKET_DELTA", Counting(decks._BRACKET_DELTA))
    card = '[[cards]]\nid = "a"\ntype = "typed"\nprompt = "p"\nanswer = "a"\n'
    text = HEAD + "# " + "[" * 1_000_000 + "\n" + card
    report = inspect_bytes(text.encode(), Path("deck.toml"))
    assert report.deck is not None, report.problems
    assert Counting.calls < 200_000
