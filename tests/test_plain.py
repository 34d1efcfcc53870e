"""The plain line mode: input parsing, rendering, and whole sessions through the CLI."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp import plain
from quizapp.cli import main
from quizapp.plain import (
    InputError,
    format_score,
    parse_choice,
    parse_multi,
    parse_order,
    parse_rating,
    parse_truefalse,
    render_diff,
    render_ratings,
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
    assert render_diff([Op("equal", "haftar", "Haftar"), Op("insert", "", "!")]) == "Haftar{+!+}"


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


# --------------------------------------------------------------------------- whole sessions


PLAIN = Path(__file__).resolve().parent / "data" / "plain"
EVERY_TYPE = str(PLAIN / "every-type.toml")
TYPED = str(PLAIN / "typed-five.toml")
HOSTILE = str(PLAIN / "hostile.toml")
OPTION_LINE = re.compile(r"^  (\d+)\) (.*)$")

Answer = str | Callable[[str], str]
INTERRUPT: Answer = "<Ctrl-C>"  # the learner presses Ctrl-C at this prompt


def shown_options(transcript: str) -> dict[str, str]:
    """Option text -> its number, from the last numbered list in the transcript."""
    lines = transcript.splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith("  1) "))
    options = {}
    for line in lines[start:]:
        match = OPTION_LINE.match(line)
        if not match:
            break
        options[match.group(2)] = match.group(1)
    return options


def pick(*texts: str) -> Callable[[str], str]:
    """An answer that types the numbers of these options, as the learner sees them."""
    return lambda transcript: " ".join(shown_options(transcript)[t] for t in texts)


class Learner(io.TextIOBase):
    """stdin that answers from a script; an answer may look at what was printed so far."""

    def __init__(self, out: io.StringIO, answers: list[Answer]) -> None:
        self.out = out
        self.answers = list(answers)

    def readable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def readline(self, size: int | None = -1) -> str:
        if not self.answers:
            return ""
        answer = self.answers.pop(0)
        if answer is INTERRUPT:
            raise KeyboardInterrupt
        if callable(answer):
            answer = answer(self.out.getvalue())
        return answer + "\n"


def run_cli(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], answers: list[Answer]
) -> tuple[int, str]:
    """Run ``quizapp ARGV`` with a scripted learner; returns (exit code, stdout)."""
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stdin", Learner(out, answers))
    code = main(argv)
    return code, out.getvalue()


def rows(home: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(home / "history.sqlite3") as db:
        return db.execute(sql).fetchall()


EVERY_TYPE_ANSWERS: list[Answer] = [
    "haftar",  # leader: typed, correct (case ignored)
    "",  # accept the proposed rating
    pick("Cairo"),  # host: choice
    "",
    "false",  # east: truefalse, by word
    "",
    pick("Tobruk", "Benghazi"),  # cities: multi
    "",
    "5000",  # distance: number, wrong
    "",
    "Sissi",  # meeting.1: cloze, a typo: close
    "",
    # meeting.2, the other gap of the same cloze, is buried until tomorrow
    pick("Revolution", "Civil war", "Ceasefire"),  # sequence: order
    "",
    "",  # capital: basic, Enter reveals
    "4",  # rated Easy
]


def test_study_every_type(monkeypatch: pytest.MonkeyPatch, quizapp_home: Path) -> None:
    code, out = run_cli(monkeypatch, ["study", EVERY_TYPE, "--plain"], EVERY_TYPE_ANSWERS)
    assert code == 0
    assert ":u undoes the last answer, :q quits" in out
    assert "Correct. Answer: Khalifa Haftar" in out
    assert "Accepted as: Haftar" in out
    assert "Explanation: Haftar leads the LNA from the east." in out
    assert "Quote: \u201cl'armée nationale libyenne (LNA) de Haftar\u201d" in out
    assert "Correct. Answer: False — They hold the east." in out
    assert "Close (counted as right). Answer: Sisi" in out
    assert "Wrong. Answer: 1000" in out
    assert "Answer: Tripoli" in out  # the basic card's back
    assert re.search(r"1 Again \S+  2 Hard \S+  3 Good \S+  4 Easy \S+", out)
    assert "Rating [3 Good]: " in out
    assert "Rating [1 Again]: " in out  # proposed after the wrong answer
    assert "Studied 8 cards: 5 correct, 1 close, 1 wrong, 1 self-graded." in out
    assert "\x1b" not in out
    reviews = rows(quizapp_home, "SELECT item_id, rating, verdict, mode FROM reviews ORDER BY id")
    assert reviews == [
        ("leader", 3, "correct", "study"),
        ("host", 3, "correct", "study"),
        ("east", 3, "correct", "study"),
        ("cities", 3, "correct", "study"),
        ("distance", 1, "wrong", "study"),
        ("meeting.1", 2, "close", "study"),
        ("sequence", 3, "correct", "study"),
        ("capital", 4, None, "study"),
    ]
    states = rows(quizapp_home, "SELECT count(*) FROM card_state WHERE reps > 0")
    assert states == [(8,)]


def test_study_end_of_input_saves_what_was_answered(
    monkeypatch: pytest.MonkeyPatch, quizapp_home: Path
) -> None:
    code, out = run_cli(monkeypatch, ["study", EVERY_TYPE, "--plain"], ["Haftar", "3", "Cairo"])
    assert code == 0
    # "Cairo" answered the choice by its text; input ended at the rating prompt,
    # so that answer is saved with the proposed rating.
    assert "Saved as 3 Good." in out
    assert "Studied 2 cards: 2 correct, 0 close, 0 wrong." in out
    assert rows(quizapp_home, "SELECT item_id, rating FROM reviews ORDER BY id") == [
        ("leader", 3),
        ("host", 3),
    ]


def test_study_end_of_input_at_a_question(
    monkeypatch: pytest.MonkeyPatch, quizapp_home: Path
) -> None:
    code, out = run_cli(monkeypatch, ["study", EVERY_TYPE, "--plain"], ["Haftar", "2"])
    assert code == 0
    assert "Studied 1 card: 1 correct" in out
    assert rows(quizapp_home, "SELECT item_id, rating FROM reviews") == [("leader", 2)]


def test_study_quit_command(monkeypatch: pytest.MonkeyPatch, quizapp_home: Path) -> None:
    code, out = run_cli(
        monkeypatch, ["study", EVERY_TYPE, "--plain"], ["Haftar", "", ":q", "never read"]
    )
    assert code == 0
    assert rows(quizapp_home, "SELECT item_id FROM reviews") == [("leader",)]
    assert "never read" not in out


def test_study_undo(monkeypatch: pytest.MonkeyPatch, quizapp_home: Path) -> None:
    answers: list[Answer] = [
        "Tripoli",  # leader: wrong
        "1",
        ":u",  # at the next question: undo the wrong answer, the card comes back
        "Haftar",
        "",
        ":q",
    ]
    code, out = run_cli(monkeypatch, ["study", EVERY_TYPE, "--plain"], answers)
    assert code == 0
    assert "Undone: leader." in out
    assert out.count("Who leads the Libyan National Army?") == 2
    assert rows(quizapp_home, "SELECT item_id, rating, verdict FROM reviews") == [
        ("leader", 3, "correct")
    ]
    assert "Studied 1 card: 1 correct, 0 close, 0 wrong." in out


def test_study_undo_at_the_rating_takes_the_answer_back(
    monkeypatch: pytest.MonkeyPatch, quizapp_home: Path
) -> None:
    answers: list[Answer] = ["Tripoli", ":u", "Haftar", "", ":u", ":u", ":q"]
    code, out = run_cli(monkeypatch, ["study", EVERY_TYPE, "--plain"], answers)
    assert code == 0
    assert "Answer taken back" in out
    assert "Nothing to undo." in out
    assert rows(quizapp_home, "SELECT count(*) FROM reviews") == [(0,)]


def test_study_reprompts_on_bad_input(monkeypatch: pytest.MonkeyPatch, quizapp_home: Path) -> None:
    answers: list[Answer] = ["", "Haftar", "7", "good", "9", "Cairo", "", ":q"]
    code, out = run_cli(monkeypatch, ["study", EVERY_TYPE, "--plain"], answers)
    assert code == 0
    assert "Type your answer" in out
    assert "Type 1 Again, 2 Hard, 3 Good or 4 Easy" in out
    assert "Type the number of an option, from 1 to 4." in out
    assert rows(quizapp_home, "SELECT item_id, rating FROM reviews ORDER BY id") == [
        ("leader", 3),
        ("host", 3),
    ]


def test_study_nothing_due(monkeypatch: pytest.MonkeyPatch, quizapp_home: Path) -> None:
    run_cli(monkeypatch, ["study", TYPED, "--plain"], ["Paris", "4"] * 7)
    code, out = run_cli(monkeypatch, ["study", TYPED, "--plain"], [])
    assert code == 0
    assert "No more cards due now." in out
    assert "Studied 0 cards" in out


def test_quiz_known_seed_known_score(monkeypatch: pytest.MonkeyPatch, quizapp_home: Path) -> None:
    capitals = {
        "France": "Paris",
        "Italy": "Rome",
        "Spain": "Madrid",
        "Egypt": "Cairo",
        "Libya": "Tripoli",
        "Tunisia": "Tunis",
        "Morocco": "Rabat",
    }
    wrong_on = {"Spain", "Egypt", "Libya"}

    def answer(transcript: str) -> str:
        country = re.findall(r"Capital of (\w+)\?", transcript)[-1]
        return "Lisbon" if country in wrong_on else capitals[country]

    argv = ["quiz", TYPED, "--plain", "-n", "5", "--seed", "7"]
    code, out = run_cli(monkeypatch, argv, [answer] * 5)
    assert code == 0
    asked = re.findall(r"Capital of (\w+)\?", out)
    assert len(asked) == 5 and len(set(asked)) == 5
    right = sum(country not in wrong_on for country in asked)
    assert f"Score: {right}/5 ({right * 20}%)" in out
    assert re.search(r"^Time: \d+s$", out, re.MULTILINE)
    # The same seed asks the same questions in the same order.
    code, again = run_cli(monkeypatch, argv, [answer] * 5)
    assert re.findall(r"Capital of (\w+)\?", again) == asked
    assert re.search(rf"^Previous: {right * 20}% on \d{{4}}-\d\d-\d\d$", again, re.MULTILINE)
    assert "Previous:" not in out
    sessions = rows(
        quizapp_home,
        "SELECT deck_id, questions, correct, wrong, abandoned, finished_ms IS NOT NULL"
        " FROM quiz_sessions ORDER BY id",
    )
    assert sessions == [("plain-typed", 5, right, 5 - right, 0, 1)] * 2
    quiz_reviews = rows(quizapp_home, "SELECT count(*) FROM reviews WHERE mode = 'quiz'")
    assert quiz_reviews == [(10,)]
    assert rows(quizapp_home, "SELECT count(*) FROM card_state WHERE reps > 0") == [(0,)]


def test_quiz_seed_1_regression(monkeypatch: pytest.MonkeyPatch, quizapp_home: Path) -> None:
    """A fixed seed asks fixed questions; fixed answers give a fixed score."""
    argv = ["quiz", TYPED, "--plain", "-n", "5", "--seed", "1"]
    answers: list[Answer] = ["cairo", "Rabat", "Tunis!", "Madri", "Lisbon"]
    code, out = run_cli(monkeypatch, argv, answers)
    assert code == 0
    asked = re.findall(r"Capital of (\w+)\?", out)
    assert asked == ["Egypt", "Morocco", "Tunisia", "Spain", "France"]
    assert "Close (counted as right). Answer: Madrid" in out
    assert "Wrong. Answer: Paris" in out
    assert "Score: 4/5 (80%)" in out
    sessions = rows(quizapp_home, "SELECT correct, close, wrong, score FROM quiz_sessions")
    assert sessions == [(3, 1, 1, 80.0)]


def test_quiz_end_of_input_abandons(monkeypatch: pytest.MonkeyPatch, quizapp_home: Path) -> None:
    argv = ["quiz", TYPED, "--plain", "-n", "5", "--seed", "3"]
    code, out = run_cli(monkeypatch, argv, ["x", "y"])
    assert code == 0
    assert "Quiz abandoned after 2 of 5 questions." in out
    assert "Score: 0/2 (0%)" in out
    sessions = rows(quizapp_home, "SELECT abandoned, wrong FROM quiz_sessions")
    assert sessions == [(1, 2)]
    assert rows(quizapp_home, "SELECT count(*) FROM reviews WHERE mode = 'quiz'") == [(2,)]


def test_quiz_quit_command(monkeypatch: pytest.MonkeyPatch, quizapp_home: Path) -> None:
    argv = ["quiz", EVERY_TYPE, "--plain", "-n", "3", "--seed", "3"]
    code, out = run_cli(monkeypatch, argv, [":u", ":q"])
    assert code == 0
    assert "cannot be undone" in out
    assert "Quiz abandoned after 0 of 3 questions." in out
    assert rows(quizapp_home, "SELECT abandoned, questions FROM quiz_sessions")[0][0] == 1


def test_quiz_every_type(monkeypatch: pytest.MonkeyPatch, quizapp_home: Path) -> None:
    """Every type can be answered in a quiz, a basic card by revealing and saying y/n."""
    argv = ["quiz", EVERY_TYPE, "--plain", "-n", "9", "--seed", "5"]

    def answer(transcript: str) -> str:
        last = transcript.rsplit("\nQuestion ", 1)[1]
        if "Did you know it?" in last:
            return "y"
        for prompt, response in EVERY_TYPE_QUIZ.items():
            if prompt in last:
                return response(transcript) if callable(response) else response
        raise AssertionError(last)

    code, out = run_cli(monkeypatch, argv, [answer] * 10)
    assert code == 0
    assert "Score: 9/9 (100%)" in out, out
    assert "Correct (you knew it)." in out
    assert rows(quizapp_home, "SELECT finished_ms IS NOT NULL, correct FROM quiz_sessions") == [
        (1, 9)
    ]


EVERY_TYPE_QUIZ: dict[str, Answer] = {
    "Who leads": "Haftar",
    "Haftar meet Sisi": pick("Cairo"),
    "hold the west": "2",
    "Libyan cities": pick("Benghazi", "Tobruk"),
    "How far": "1000",
    "met […] in Cairo": "Sisi",
    "met Sisi in […]": "Cairo",
    "events in order": pick("Revolution", "Civil war", "Ceasefire"),
    "Capital of Libya": "",
}


def test_deck_text_is_shown_escaped(monkeypatch: pytest.MonkeyPatch, quizapp_home: Path) -> None:
    code, out = run_cli(monkeypatch, ["study", HOSTILE, "--plain"], ["1", ""])
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\u202e" not in out
    assert "Hostile \\x1b]0;pwned\\x07 title" in out
    assert "Clear \\x1b[2J the screen? \\x9b31m" in out
    assert "Yes \\x1b[31mred" in out
    assert "Bell \\x07 and \\u202e reversed" in out


def test_unknown_deck(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The one-line error lists the deck ids, with or without --plain."""
    for argv in (
        ["study", "no-such-deck", "--plain"],
        ["quiz", "no-such-deck", "--plain"],
        ["study", "no-such-deck"],
        ["quiz", "no-such-deck"],
    ):
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        assert main(argv) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.count("\n") == 1
        assert "no-such-deck" in captured.err
        assert "the decks are: libya-2019-en, libya-2019-fr" in captured.err
        assert "did you mean" not in captured.err
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["quiz", "libya-2019-frr", "--plain"]) == 1
    assert "did you mean 'libya-2019-fr'?" in capsys.readouterr().err


def test_piped_session_with_capsys(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], quizapp_home: Path
) -> None:
    """The plain case: a whole answer file on stdin, the transcript on stdout."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("Haftar\n\nCairo\n\n"))
    assert main(["study", EVERY_TYPE, "--plain"]) == 0
    out = capsys.readouterr().out
    assert "> Haftar\n" in out  # piped answers are echoed so the transcript reads well
    assert "Studied 2 cards: 2 correct" in out
    assert rows(quizapp_home, "SELECT count(*) FROM reviews") == [(2,)]


def test_ctrl_c_stops_like_quit_with_exit_130(
    monkeypatch: pytest.MonkeyPatch, quizapp_home: Path
) -> None:
    code, out = run_cli(monkeypatch, ["study", EVERY_TYPE, "--plain"], ["Haftar", "", INTERRUPT])
    assert code == 130
    assert "Studied 1 card: 1 correct" in out
    assert rows(quizapp_home, "SELECT item_id FROM reviews") == [("leader",)]
    argv = ["quiz", TYPED, "--plain", "-n", "3", "--seed", "3"]
    code, out = run_cli(monkeypatch, argv, ["Paris", INTERRUPT])
    assert code == 130
    assert "Quiz abandoned after 1 of 3 questions." in out
    assert rows(quizapp_home, "SELECT abandoned FROM quiz_sessions") == [(1,)]


@pytest.mark.parametrize(
    ("outcome", "diff", "shown"),
    [
        ("close", (Op("equal", "Sis", "Sis"), Op("delete", "s", ""), Op("equal", "i", "i")), True),
        ("wrong", (Op("equal", "Madr", "Madr"), Op("replace", "at", "id")), True),
        (
            "wrong",
            (Op("replace", "Tun", "Ca"), Op("equal", "i", "i"), Op("replace", "s", "ro")),
            False,
        ),
        ("correct", (Op("equal", "paris", "Paris"),), False),
        ("wrong", (), False),
    ],
)
def test_difference_only_when_it_helps(outcome: str, diff: tuple, shown: bool) -> None:
    verdict = SimpleNamespace(
        outcome=outcome, expected="x", matched=None, foldings=(), diff=diff, detail=""
    )
    lines = plain.render_verdict(verdict, FakeQuestion("typed", "?", answer_text="x"), full=True)
    assert any(line.startswith("Difference: ") for line in lines) is shown


def test_study_all_skips_broken_decks(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    quizapp_home: Path,
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\n[deck]\nid = "broken"\ntitle = "Broken"\nbogus = 1\n')
    monkeypatch.setattr(sys, "stdin", io.StringIO(":q\n"))
    assert main(["study", "all", "--plain", "--decks", EVERY_TYPE, "--decks", str(broken)]) == 0
    captured = capsys.readouterr()
    assert "skipping deck 'broken'" in captured.err
    assert captured.err.count("\n") == 1
    assert re.search(r"^Studying \d+ decks: ", captured.out, re.MULTILINE)


def test_deck_with_errors_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\n[deck]\nid = "broken"\ntitle = "Broken"\nbogus = 1\n')
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["quiz", str(broken), "--plain"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "has errors" in captured.err and "broken.toml:5" in captured.err


@given(st.text(max_size=40))
def test_parsers_accept_or_explain_any_line(line: str) -> None:
    """Whatever is typed, a parser returns a valid answer or raises InputError, nothing else."""
    items = ("a", "b", "c")
    for parse, check in (
        (lambda t: parse_choice(t, OPTIONS), lambda r: r in OPTIONS),
        (lambda t: parse_truefalse(t), lambda r: isinstance(r, bool)),
        (lambda t: parse_multi(t, OPTIONS), lambda r: r and r <= set(OPTIONS)),
        (lambda t: parse_order(t, items), lambda r: sorted(r) == list(items)),
        (lambda t: parse_rating(t, 3), lambda r: r in (1, 2, 3, 4)),
        (lambda t: plain.parse_number_answer(t, "en", "km"), lambda r: r and r == r.strip()),
    ):
        try:
            result = parse(line)
        except InputError:
            continue
        assert check(result), (line, result)


def test_real_pipe(tmp_path: Path) -> None:
    """Through a real pipe: answers echoed, end of input ends cleanly with exit 0."""
    env = {**os.environ, "QUIZAPP_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "study", HOSTILE, "--plain"],
        input="1\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "\x1b" not in result.stdout
    assert "Saved as" in result.stdout and "Studied 1 card" in result.stdout


@pytest.mark.parametrize(("quick_ratio", "stored_rating"), [(None, 3), (0.9, 4)])
def test_quick_ratio_from_the_config_decides_easy(
    monkeypatch: pytest.MonkeyPatch,
    quizapp_home: Path,
    quick_ratio: float | None,
    stored_rating: int,
) -> None:
    """A fast right answer is proposed Easy by the user's ``quick_ratio``, not the default."""
    if quick_ratio is not None:
        (quizapp_home / "config.toml").write_text(f"quick_ratio = {quick_ratio}\n")
    times = iter([1000, 1000, 1000, 500])
    monkeypatch.setattr(plain, "_elapsed_ms", lambda start: next(times))
    monkeypatch.setattr(sys, "stdin", io.StringIO("Paris\n\nRome\n\nMadrid\n\nCairo\n\n:q\n"))
    assert main(["study", TYPED, "--plain"]) == 0
    ratings = rows(quizapp_home, "SELECT rating FROM reviews ORDER BY id")
    assert ratings == [(3,), (3,), (3,), (stored_rating,)]


def test_a_deck_whose_example_fails_can_still_be_studied(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quizapp_home: Path
) -> None:
    """Examples are the author's tests, run by ``quizapp check``; they never bar studying."""
    deck = tmp_path / "deck.toml"
    deck.write_text(
        'format = 1\n[deck]\nid = "ex"\ntitle = "Ex"\n'
        '[[cards]]\nid = "seat"\ntype = "typed"\nprompt = "Seat?"\nanswer = "Tobruk"\n'
        'examples = { accept = ["Tripoli"] }\n'
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("Tobruk\n\n"))
    assert main(["study", str(deck), "--plain"]) == 0
    assert rows(quizapp_home, "SELECT item_id FROM reviews") == [("seat",)]


# --------------------------------------------------------------------------- unreadable numbers

NUMBER_DECK = """\
format = 1
[deck]
id = "plain-number"
title = "A number"
language = "{language}"
[[cards]]
id = "days"
type = "number"
prompt = "How many days did the talks last?"
answer = 2
unit = "{unit}"
"""


def number_deck(folder: Path, language: str = "en", unit: str = "days") -> str:
    path = folder / f"number-{language}.toml"
    path.write_text(NUMBER_DECK.format(language=language, unit=unit), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("line", "language", "reason"),
    [
        ("Sisi", "en", "'Sisi' is not a number"),
        ("abc", "en", "'abc' is not a number"),
        ("2 jours", "en", "'2 jours' is not a number"),
        ("2 or 3", "en", "'2 or 3' holds 2 numbers"),
        ("", "en", "Type a number"),
        ("deux", "en", "'deux' is not a number"),
    ],
)
def test_number_answer_that_cannot_be_read_is_explained(
    line: str, language: str, reason: str
) -> None:
    question = FakeQuestion("number", "How long?", unit="days")
    with pytest.raises(InputError) as raised:
        plain.parse_answer(question, line, language=language)
    assert str(raised.value).startswith(reason)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("line", "language", "unit"),
    [
        ("2", "en", "days"),
        ("2 days", "en", "days"),
        ("two", "en", "days"),
        ("3", "en", ""),
        ("2 jours", "fr", "jours"),
        ("deux", "fr", "jours"),
        ("2,5", "fr", ""),
    ],
)
def test_number_answer_that_can_be_read_is_kept_as_typed(
    line: str, language: str, unit: str
) -> None:
    question = FakeQuestion("number", "How long?", unit=unit)
    assert plain.parse_answer(question, f" {line} ", language=language) == line


def test_study_asks_a_number_again_instead_of_grading_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quizapp_home: Path
) -> None:
    deck = number_deck(tmp_path)
    answers: list[Answer] = ["Sisi", "2 jours", "2 or 3", "2", "", ":q"]
    code, out = run_cli(monkeypatch, ["study", deck, "--plain"], answers)
    assert code == 0
    assert "'Sisi' is not a number" in out
    assert "'2 jours' is not a number" in out
    assert "'2 or 3' holds 2 numbers" in out
    assert "Wrong." not in out
    assert "Correct. Answer: 2 days" in out
    assert rows(quizapp_home, "SELECT response, verdict FROM reviews") == [("2", "correct")]


def test_quiz_asks_a_number_again_instead_of_grading_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quizapp_home: Path
) -> None:
    deck = number_deck(tmp_path, "fr", "jours")
    argv = ["quiz", deck, "--plain", "-n", "1", "--seed", "1"]
    code, out = run_cli(monkeypatch, argv, ["Sisi", "abc", "2 jours"])
    assert code == 0
    assert "'Sisi' is not a number" in out and "'abc' is not a number" in out
    assert "Wrong." not in out
    assert "Score: 1/1 (100%)" in out
    assert rows(quizapp_home, "SELECT response, verdict FROM reviews") == [("2 jours", "correct")]
    assert rows(quizapp_home, "SELECT questions, correct, wrong FROM quiz_sessions") == [(1, 1, 0)]


def test_quiz_number_not_read_then_end_of_input_saves_no_answer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, quizapp_home: Path
) -> None:
    argv = ["quiz", number_deck(tmp_path), "--plain", "-n", "1"]
    code, out = run_cli(monkeypatch, argv, ["abc"])
    assert code == 0
    assert "'abc' is not a number" in out
    assert rows(quizapp_home, "SELECT count(*) FROM reviews") == [(0,)]
    assert rows(quizapp_home, "SELECT abandoned, questions FROM quiz_sessions") == [(1, 0)]


CAPITALS = {
    "France": "Paris",
    "Italy": "Rome",
    "Spain": "Madrid",
    "Egypt": "Cairo",
    "Libya": "Tripoli",
    "Tunisia": "Tunis",
    "Morocco": "Rabat",
}


def capital(transcript: str) -> str:
    """The right answer to the last question asked of the typed-five deck."""
    return CAPITALS[re.findall(r"Capital of (\w+)\?", transcript)[-1]]


def test_previous_scores_label_abandoned_quizzes(
    monkeypatch: pytest.MonkeyPatch, quizapp_home: Path
) -> None:
    """Abandoned quizzes are saved; the "Previous:" line says so instead of passing them off
    as finished, and one left before any answer has no score to show."""
    argv = ["quiz", TYPED, "--plain", "-n", "4", "--seed", "2"]
    run_cli(monkeypatch, argv, [capital, "Lisbon", ":q"])  # 1 of 2 right, then stop
    run_cli(monkeypatch, argv, [":q"])  # stopped before any answer
    code, out = run_cli(monkeypatch, argv, [capital] * 4)
    assert code == 0
    assert "Score: 4/4 (100%)" in out
    (previous,) = re.findall(r"^Previous: (.*)$", out, re.MULTILINE)
    assert re.fullmatch(r"50% on \d{4}-\d\d-\d\d \(abandoned\)", previous), previous
    sessions = rows(quizapp_home, "SELECT abandoned, questions, score FROM quiz_sessions")
    assert sessions == [(1, 2, 50.0), (1, 0, None), (0, 4, 100.0)]  # no answer, no score
    code, out = run_cli(monkeypatch, argv, [capital] * 4)
    (previous,) = re.findall(r"^Previous: (.*)$", out, re.MULTILINE)
    assert re.fullmatch(r"100% on \S+, 50% on \S+ \(abandoned\)", previous), previous
