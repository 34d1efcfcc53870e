"""The plain line mode: input parsing, rendering, and whole sessions through the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace

import pytest

from quizapp import plain
from quizapp.plain import (
    InputError,
    format_interval,
    format_score,
    parse_choice,
    parse_multi,
    parse_order,
    parse_rating,
    parse_truefalse,
    render_diff,
    render_ratings,
    response_text,
)

OPTIONS = ("Tobruk", "Tripoli", "Benghazi", "Sirte")

# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("line", "expected"),
    [("1", "Tobruk"), (" 3 ", "Benghazi"), ("tripoli", "Tripoli"), ("  SIRTE ", "Sirte")],
)
def test_parse_choice(line: str, expected: str) -> None:
    assert parse_choice(line, OPTIONS) == expected


@pytest.mark.parametrize("line", ["0", "5", "", "Cairo", "1 2", "-1"])
def test_parse_choice_rejects(line: str) -> None:
    with pytest.raises(InputError, match="from 1 to 4"):
        parse_choice(line, OPTIONS)


@pytest.mark.parametrize(
    ("line", "options", "expected"),
    [
        ("1", ("True", "False"), True),
        ("2", ("True", "False"), False),
        ("true", ("True", "False"), True),
        ("F", ("True", "False"), False),
        ("y", ("True", "False"), True),
        ("no", ("True", "False"), False),
        ("vrai", ("Vrai", "Faux"), True),
        ("v", ("Vrai", "Faux"), True),
        ("f", ("Vrai", "Faux"), False),
        ("t", ("Vrai", "Faux"), True),
    ],
)
def test_parse_truefalse(line: str, options: tuple[str, str], expected: bool) -> None:
    assert parse_truefalse(line, options) is expected


@pytest.mark.parametrize("line", ["", "3", "maybe"])
def test_parse_truefalse_rejects(line: str) -> None:
    with pytest.raises(InputError, match="1 or 2"):
        parse_truefalse(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1 3", {"Tobruk", "Benghazi"}),
        ("1,3", {"Tobruk", "Benghazi"}),
        ("3, 1", {"Tobruk", "Benghazi"}),
        ("13", {"Tobruk", "Benghazi"}),
        ("2 2", {"Tripoli"}),
        ("4", {"Sirte"}),
    ],
)
def test_parse_multi(line: str, expected: set[str]) -> None:
    assert parse_multi(line, OPTIONS) == frozenset(expected)


@pytest.mark.parametrize("line", ["", "1 5", "a b", "0"])
def test_parse_multi_rejects(line: str) -> None:
    with pytest.raises(InputError):
        parse_multi(line, OPTIONS)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3 1 2", ("c", "a", "b")),
        ("312", ("c", "a", "b")),
        ("1, 2, 3", ("a", "b", "c")),
    ],
)
def test_parse_order(line: str, expected: tuple[str, ...]) -> None:
    assert parse_order(line, ("a", "b", "c")) == expected


@pytest.mark.parametrize("line", ["1 2", "1 1 2", "1 2 3 4", "x", ""])
def test_parse_order_rejects(line: str) -> None:
    with pytest.raises(InputError, match="For example: 3 2 1"):
        parse_order(line, ("a", "b", "c"))


def test_parse_order_many_items_needs_separators() -> None:
    items = tuple(str(n) for n in range(10))
    with pytest.raises(InputError):
        parse_order("1234567890", items)
    assert parse_order("10 9 8 7 6 5 4 3 2 1", items) == tuple(reversed(items))


@pytest.mark.parametrize(
    ("line", "expected"),
    [("", 3), ("1", 1), ("4", 4), ("again", 1), ("h", 2), ("Good", 3), ("E", 4)],
)
def test_parse_rating(line: str, expected: int) -> None:
    assert parse_rating(line, 3) == expected


@pytest.mark.parametrize("line", ["0", "5", "great"])
def test_parse_rating_rejects(line: str) -> None:
    with pytest.raises(InputError):
        parse_rating(line, 3)


@pytest.mark.parametrize(
    ("response", "text"),
    [
        ("Haftar", "Haftar"),
        (True, "true"),
        (False, "false"),
        (frozenset({"b", "a"}), "a | b"),
        (("c", "a", "b"), "c | a | b"),
    ],
)
def test_response_text(response: object, text: str) -> None:
    assert response_text(response) == text


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class Op:
    kind: str
    response: str
    expected: str


def test_render_diff() -> None:
    ops = [Op("equal", "Haft", "Haft"), Op("replace", "e", "a"), Op("equal", "r", "r")]
    assert render_diff(ops) == "Haft[-e-]{+a+}r"
    assert render_diff([Op("insert", "", "Khalifa "), Op("equal", "Haftar", "Haftar")]) == (
        "{+Khalifa +}Haftar"
    )
    assert render_diff([Op("delete", "\x1b[31m", "")]) == "[-\\x1b[31m-]"


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=0), "now"),
        (timedelta(seconds=30), "30s"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=1), "1d"),
        (timedelta(days=4, hours=3), "4d"),
        (timedelta(days=60), "2mo"),
        (timedelta(days=75), "2.5mo"),
        (timedelta(days=730), "2y"),
    ],
)
def test_format_interval(delta: timedelta, text: str) -> None:
    assert format_interval(delta) == text


def test_render_ratings() -> None:
    intervals = {
        1: timedelta(minutes=1),
        2: timedelta(minutes=6),
        3: timedelta(days=1),
        4: timedelta(days=4),
    }
    assert render_ratings(intervals) == "1 Again 1m  2 Hard 6m  3 Good 1d  4 Easy 4d"


def test_format_score() -> None:
    assert format_score(8, 10) == "Score: 8/10 (80%)"
    assert format_score(2, 3) == "Score: 2/3 (67%)"
    assert format_score(0, 0) == "Score: 0/0 (0%)"


@dataclass(frozen=True)
class FakeQuestion:
    kind: str
    prompt: str
    options: tuple[str, ...] = ()
    answer_text: str = ""
    unit: str = ""
    item: object = field(
        default_factory=lambda: SimpleNamespace(
            card=SimpleNamespace(explanation="", quote="", correction="")
        )
    )


def test_render_question_escapes_and_numbers_options() -> None:
    question = FakeQuestion("choice", "Which \x1b[2Jcity?", ("Tobruk\x07", "Tripoli"))
    lines = plain.render_question(question)
    assert lines == [
        "Which \\x1b[2Jcity?",
        "  1) Tobruk\\x07",
        "  2) Tripoli",
        "Type the number of your answer.",
    ]


def test_render_question_order_and_number() -> None:
    order = plain.render_question(FakeQuestion("order", "Sort", ("b", "c", "a")))
    assert order[-1] == "Type the numbers in the right order, e.g. 3 2 1."
    number = plain.render_question(FakeQuestion("number", "How far?", unit="km"))
    assert number == ["How far?", "Type a number (in km)."]


def test_render_verdict_words_without_colour() -> None:
    question = FakeQuestion(
        "typed",
        "Who?",
        answer_text="Khalifa Haftar",
        item=SimpleNamespace(
            card=SimpleNamespace(explanation="He leads the LNA.", quote="l'armée", correction="")
        ),
    )
    verdict = SimpleNamespace(
        outcome="close",
        expected="Khalifa Haftar",
        matched="Haftar",
        foldings=("case", "typo"),
        diff=(Op("equal", "Haft", "Haft"), Op("replace", "e", "a"), Op("equal", "r", "r")),
        detail="",
    )
    full = plain.render_verdict(verdict, question, full=True)
    assert full == [
        "Close (counted as right). Answer: Khalifa Haftar",
        "Accepted as: Haftar",
        "Ignoring: case, typo",
        "Difference: Haft[-e-]{+a+}r  ([-...-] yours, {+...+} expected)",
        "Explanation: He leads the LNA.",
        "Quote: \u201cl'armée\u201d",
    ]
    assert plain.render_verdict(verdict, question, full=False) == full[:1]
    assert not any("\x1b" in line for line in full)
