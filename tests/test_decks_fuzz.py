"""Fuzzing the loader: whatever the bytes, the only failure is a DeckError with lines,
within a time bound per input."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core.decks import inspect_bytes, load_deck
from quizapp.core.models import Deck
from quizapp.core.problems import DeckError
from tests.conftest import DATA

GOOD = (DATA / "good" / "all-types.toml").read_text(encoding="utf-8")
FRAGMENTS = [
    "format = 1",
    "format = 2",
    "[deck]",
    "[deck.scheduling]",
    "[deck.source]",
    "[[cards]]",
    "[[cards.examples]]",
    'id = "a"',
    'id = "Bad Id"',
    "id = 3",
    'title = "T"',
    'type = "typed"',
    'type = "cloze"',
    'type = "choice"',
    'type = "nope"',
    'prompt = "p"',
    'answer = "x"',
    "answer = 3.5",
    "answer = true",
    'text = "{{a}} and {{b|c}}"',
    'text = "{{}}"',
    'distractors = ["x", "y"]',
    "items = [1, [2], {a = 1}]",
    'examples = { accept = ["x"], reject = [1] }',
    'source = { path = "../source.fr.txt" }',
    'source = { path = "/etc/passwd" }',
    'quote = "Khalifa Haftar"',
    "new_per_day = -1",
    "a.b.c = 1",
    'x = """\nmulti\n"""',
    "when = 1979-05-27T07:32:00Z",
    "# comment",
    "",
    "[",
    "= 1",
    '"quoted key" = 1',
]

decks_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("\n".join)


def _mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    for position, length, insert in edits:
        position %= len(text) + 1
        text = text[:position] + insert + text[position + length :]
    return text


mutated_good = st.lists(
    st.tuples(st.integers(0, len(GOOD)), st.integers(0, 5), st.text(max_size=5)), max_size=5
).map(lambda edits: _mutate(GOOD, edits))


def _check(data: bytes, path: Path) -> None:
    report = inspect_bytes(data, path)
    lines = data.count(b"\n") + 1
    for problem in report.problems:
        assert problem.severity in ("error", "warning")
        assert problem.message and "Traceback" not in problem.message
        assert problem.line is None or 1 <= problem.line <= lines
    if report.deck is not None:
        assert isinstance(report.deck, Deck)
        assert not report.errors
    else:
        assert report.errors


# A time bound per input far above the milliseconds one takes: it fails only a
# runaway (a parser stuck on a hostile input), never a busy machine.
FUZZ = settings(max_examples=150, deadline=5_000, suppress_health_check=[HealthCheck.too_slow])
HERE = DATA / "good" / "fuzz.toml"  # beside the source file, so quotes are checked too


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    _check(data, HERE)


@FUZZ
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    _check(text.encode("utf-8", "surrogatepass"), HERE)


@FUZZ
@given(decks_text)
def test_random_deck_shaped_text(text: str) -> None:
    _check(text.encode(), HERE)


@FUZZ
@given(mutated_good)
def test_mutations_of_a_good_deck(text: str) -> None:
    _check(text.encode("utf-8", "surrogatepass"), HERE)


@settings(max_examples=40, deadline=5_000)
@given(st.binary(max_size=200))
def test_load_deck_raises_only_deck_error(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "deck.toml"
    path.write_bytes(data)
    try:
        load_deck(path)
    except DeckError as exc:
        assert exc.problems
