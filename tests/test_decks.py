"""The loader: each kind of bad deck under tests/data/bad is reported at the right line."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from quizapp.core.decks import (
    DeckSource,
    fold_quote,
    inspect_bytes,
    inspect_deck,
    lint_deck,
    load_deck,
)
from quizapp.core.models import Deck
from quizapp.core.problems import DeckError
from tests.conftest import DATA

BAD = DATA / "bad"
GOOD = DATA / "good"

# file -> every error expected: (line, column or None for "any", words in the message)
BAD_DECKS: dict[str, list[tuple[int, int | None, str]]] = {
    "syntax": [(11, 17, "TOML syntax")],
    "unknown-key-card": [
        (7, 1, "card 'a' (typed): missing key 'prompt'"),
        (10, 1, "card 'a' (typed): unknown key 'promt' (did you mean 'prompt'?)"),
    ],
    "unknown-key-deck": [(7, 1, "deck: unknown key 'titel' (did you mean 'title'?)")],
    "unknown-key-top": [(7, 1, "unknown key 'extra'")],
    "unknown-key-scheduling": [(9, 1, "deck.scheduling: unknown key 'new_per_dya'")],
    "missing-key": [(13, 1, "card 'a' (typed): missing key 'answer'")],
    "missing-deck-title": [(3, 1, "deck: missing key 'title'")],
    "missing-deck": [(1, 1, "missing key 'deck'")],
    "wrong-type": [(11, 1, "card 'a' (typed): answer: expected a string, got an integer")],
    "wrong-type-bool": [(11, 1, "answer: expected true or false, got a string")],
    "wrong-type-inline": [(12, 34, "examples.accept[1]: expected a string, got an integer")],
    "wrong-type-number": [(11, 1, "answer: expected a number, got a string")],
    "duplicate-id": [(14, 1, "duplicate card id 'same' (first used at line 8)")],
    "bad-card-id": [(8, 1, "card 'Bad_Id' (basic): invalid id 'Bad_Id'")],
    "bad-deck-id": [(4, 1, "deck: invalid id 'My Deck'")],
    "missing-format": [(1, 1, "missing key 'format'")],
    "unsupported-format": [(2, 1, "unsupported format 2")],
    "format-string": [(1, 1, "format must be the integer 1, not '1'")],
    "format-bool": [(1, 1, "format must be the integer 1, not true")],
    "format-float": [(2, 1, "format must be the integer 1, not 1.0")],
    "unknown-type": [(9, 1, "card 'a': unknown card type 'essay'; use one of")],
    "unknown-type-typo": [
        (9, 1, "card 'a': unknown card type 'typedd' (did you mean 'typed'?); use one of")
    ],
    "missing-type": [(7, 1, "card 'a': missing key 'type'")],
    "choice-answer-in-distractors": [(12, 1, "'Tripoli' is repeated among the distractors")],
    "choice-no-distractors": [(12, 1, "distractors: needs at least 1 item")],
    "multi-answer-is-distractor": [(12, 1, "'Benghazi' is both an answer and a distractor")],
    "cloze-no-gap": [(10, 1, "a cloze needs at least one gap")],
    "cloze-duplicate-gap-name": [(10, 1, "two gaps are named 'x'")],
    "order-duplicate-items": [(11, 1, "must be distinct")],
    "number-not-finite": [(11, 1, "must be a finite number")],
    "scheduling-out-of-range": [
        (8, 1, "desired_retention: must be at most 0.99, not 1.5"),
        (9, 25, "learning_steps[1]: invalid duration '10 minutes'"),
    ],
    "empty-string": [(11, 1, "answer: must not be empty")],
    "duplicate-table": [(7, None, "TOML syntax")],
    "inline-cards": [
        (4, 3, "card 'b' (typed): missing key 'answer'"),
        (4, 45, "unknown key 'answr' (did you mean 'answer'?)"),
    ],
    "dotted-keys": [(3, 1, "deck.title: expected a string, got an integer")],
    # an error far into an inline array longer than the scanner records up front
    "inline-cards-long": [
        (1053, 3, "card 'c1050' (basic): missing key 'back'"),
        (1053, 49, "card 'c1050' (basic): unknown key 'bakc' (did you mean 'back'?)"),
    ],
    # "]" inside strings: neither the depth nor the element count may be thrown off
    "bracket-in-strings": [(12, 27, "card 'a' (basic): tags[3]: expected a string, got an")],
    "nested-behind-strings": [(11, 202, "brackets are nested more than 32 levels deep")],
    "after-multiline": [(16, 1, "card 'a' (basic): unknown key 'flip'")],
    "empty": [(1, 1, "the deck is empty")],
    "comments-only": [(1, 1, "the deck is empty")],
    "source-missing": [(6, 12, "source file not found: no-such-source.txt")],
    "source-absolute": [(6, 12, "is absolute")],
    "source-url": [(9, 1, "is a URL")],
    "source-directory": [(6, 12, "is not a regular file")],
    "quote-not-found": [(14, 1, "card 'a' (typed): quote not found in the source")],
    "no-quote-no-explanation": [],
    # run by the real answer checker: errors at the card's [[cards]] line
    "example-fails": [
        (14, 1, "card 'capital' (typed): example 'Benghazi' should be accepted but was rejected"),
        (14, 1, "card 'capital' (typed): example 'tripoli' should be rejected but was accepted"),
    ],
}


def test_every_bad_deck_file_has_an_expectation() -> None:
    assert sorted(p.stem for p in BAD.glob("*.toml")) == sorted(BAD_DECKS)


@pytest.mark.parametrize("name", sorted(BAD_DECKS))
def test_bad_deck_reports_each_error_at_its_line(name: str) -> None:
    deck, problems = lint_deck(BAD / f"{name}.toml")
    errors = [p for p in problems if p.severity == "error"]
    expected = BAD_DECKS[name]
    assert len(errors) == len(expected), "\n".join(map(str, errors))
    for problem, (line, column, words) in zip(errors, expected, strict=True):
        assert problem.line == line, str(problem)
        if column is not None:
            assert problem.column == column, str(problem)
        assert words in problem.message, str(problem)
        assert problem.path == str(BAD / f"{name}.toml")
    if expected:
        assert deck is None
        with pytest.raises(DeckError) as info:
            load_deck(BAD / f"{name}.toml")
        assert info.value.problems == errors


def test_warnings_for_cards_without_quote_or_explanation() -> None:
    deck, problems = lint_deck(BAD / "no-quote-no-explanation.toml")
    assert deck is not None
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (8, "warning", "card 'a' (typed): no explanation"),
        (8, "warning", "card 'a' (typed): no quote from the source"),
    ]


@pytest.mark.parametrize("path", sorted(GOOD.glob("*.toml")), ids=lambda p: p.stem)
def test_good_decks_load_without_problems(path: Path) -> None:
    deck, problems = lint_deck(path)
    assert problems == []
    assert isinstance(deck, Deck)
    assert load_deck(path) == deck


def test_all_types_deck_expands_to_the_documented_item_ids() -> None:
    deck = load_deck(GOOD / "all-types.toml")
    assert [card.type for card in deck.cards] == [
        "basic",
        "typed",
        "choice",
        "multi",
        "truefalse",
        "number",
        "cloze",
        "order",
    ]
    ids = [item.id for item in deck.items()]
    assert ids[:2] == ["leader", "leader.reverse"]
    assert [i for i in ids if i.startswith("sentence")] == [
        "sentence.1",
        "sentence.2",
        "sentence.capital",
    ]


MINIMAL = (GOOD / "minimal.toml").read_bytes()


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + MINIMAL,
        MINIMAL.replace(b"\n", b"\r\n"),
        b"\xef\xbb\xbf" + MINIMAL.replace(b"\n", b"\r\n"),
    ],
    ids=["bom", "crlf", "bom-crlf"],
)
def test_bom_and_crlf_are_accepted(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "deck.toml"
    path.write_bytes(data)
    deck, problems = lint_deck(path)
    assert problems == []
    assert deck is not None and deck.deck.id == "minimal"


def test_crlf_keeps_lines_right(tmp_path: Path) -> None:
    path = tmp_path / "deck.toml"
    path.write_bytes((BAD / "wrong-type.toml").read_bytes().replace(b"\n", b"\r\n"))
    _, problems = lint_deck(path)
    assert [(p.line, p.column) for p in problems] == [(11, 1)]


def test_invalid_utf8_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "deck.toml"
    path.write_bytes(MINIMAL.replace(b'front = "1 + 1"', b'front = "\xc3\xa9t\xe9"'))
    _, problems = lint_deck(path)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.column) == (10, 12)
    assert "not valid UTF-8" in problem.message


def test_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "deck.toml"
    path.write_bytes(MINIMAL)
    with pytest.raises(DeckError) as info:
        load_deck(path, max_bytes=10)
    assert "larger than 10 bytes" in info.value.problems[0].message
    assert load_deck(path, max_bytes=len(MINIMAL)).deck.id == "minimal"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: None, "no such file"),
        (lambda p: os.mkfifo(p), "not a regular file"),
    ],
    ids=["directory", "missing", "fifo"],
)
def test_paths_that_are_not_deck_files(make, words: str, tmp_path: Path) -> None:
    if make.__code__.co_names == ("os", "mkfifo") and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "deck.toml"
    make(path)
    deck, problems = lint_deck(path)
    assert deck is None
    assert len(problems) == 1 and words in problems[0].message


def _source_deck(tmp_path: Path, source_path: str) -> Path:
    deck = tmp_path / "deck.toml"
    deck.write_text(
        "format = 1\n\n[deck]\nid = 'd'\ntitle = 'D'\n"
        f"source = {{ path = '{source_path}' }}\n\n"
        "[[cards]]\nid = 'a'\ntype = 'basic'\nfront = 'f'\nback = 'b'\n"
        "explanation = 'e'\nquote = 'les mots'\n",
        encoding="utf-8",
    )
    return deck


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        (lambda d: (d / "src.txt").symlink_to(d / "real.txt"), "symbolic link"),
        (lambda d: (d / "src.txt").write_bytes(b"les mots\n\xff\xfe"), "not valid UTF-8"),
        (lambda d: (d / "src.txt").write_bytes(b"les mots " * 300_000), "larger than"),
        (lambda d: (d / "src.txt").write_bytes(b"les mots\x00"), "not a text file"),
    ],
    ids=["symlink", "not-utf8", "too-big", "binary"],
)
def test_unsafe_source_files_are_refused_at_the_source_line(
    setup, words: str, tmp_path: Path
) -> None:
    (tmp_path / "real.txt").write_text("les mots", encoding="utf-8")
    setup(tmp_path)
    _, problems = lint_deck(_source_deck(tmp_path, "src.txt"))
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, problems
    assert errors[0].line == 6 and words in errors[0].message


@pytest.mark.parametrize(
    "source_path", ["notes/src.txt", "notes/inner/src.txt", "real/../notes/inner/src.txt"]
)
def test_a_symbolic_link_anywhere_on_the_source_path_is_refused(
    tmp_path: Path, source_path: str
) -> None:
    """Not only the file: a linked folder on the way could lead out of the deck's folder."""
    (tmp_path / "elsewhere" / "inner").mkdir(parents=True)
    (tmp_path / "elsewhere" / "inner" / "src.txt").write_text("les mots", encoding="utf-8")
    (tmp_path / "elsewhere" / "src.txt").write_text("les mots", encoding="utf-8")
    (tmp_path / "real").mkdir()
    (tmp_path / "notes").symlink_to(tmp_path / "elsewhere")
    _, problems = lint_deck(_source_deck(tmp_path, source_path))
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, problems
    assert errors[0].line == 6
    assert "notes, a symbolic link; point at the file itself" in errors[0].message
    # the same files through real folders are fine
    (tmp_path / "notes").unlink()
    (tmp_path / "elsewhere").rename(tmp_path / "notes")
    assert lint_deck(_source_deck(tmp_path, source_path))[1] == []


def test_source_may_be_reached_through_dotdot(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "src.txt").write_text("Il a dit : « les   mots ».", encoding="utf-8")
    (tmp_path / "decks").mkdir()
    deck = _source_deck(tmp_path / "decks", "../seeds/src.txt")
    assert lint_deck(deck)[1] == []


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        ("qu'ils", "qu’ils"),
        ('"en quelques heures"', "«\u00a0en quelques heures\u00a0»"),
        ("a b", "a\u00a0\n  b"),
        ("‘x’ and “y”", "'x' and \"y\""),
        ("é", "e\u0301"),
    ],
)
def test_fold_quote_makes_typography_equal(quote: str, source: str) -> None:
    assert fold_quote(quote) in fold_quote(source)


@pytest.mark.parametrize(("quote", "source"), [("Haftar", "haftar"), ("Tripoli", "Tripolis")])
def test_fold_quote_is_otherwise_exact(quote: str, source: str) -> None:
    assert fold_quote(quote) != fold_quote(source)


LOCATE_TEXT = """\
format = 1
[deck]
id = "x"
title = "T"
source.path = "s.txt"
[deck.scheduling]
new_per_day = 3
[[cards]]
id = "a"
examples = { accept = ["x", "y"], reject = [] }
[[cards]]
id = "b"
"""


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("format",), (1, 1)),
        (("deck",), (2, 1)),
        (("deck", "title"), (4, 1)),
        (("deck", "source"), (5, 1)),
        (("deck", "source", "path"), (5, 1)),
        (("deck", "scheduling", "new_per_day"), (7, 1)),
        (("deck", "scheduling", "reviews_per_day"), (6, 1)),
        (("cards", 0), (8, 1)),
        (("cards", 0, "typed", "answer"), (8, 1)),
        (("cards", 0, "examples", "accept", 1), (10, 29)),
        (("cards", 0, "examples", "reject"), (10, 35)),
        (("cards", 1, "id"), (12, 1)),
        (("cards", 1, "number", "answer", "float"), (11, 1)),
        (("nowhere",), (1, 1)),
    ],
)
def test_locate_maps_key_paths_to_lines(parts: tuple, expected: tuple[int, int]) -> None:
    report = inspect_bytes(LOCATE_TEXT.encode(), Path("x.toml"), examples=False)
    assert isinstance(report.source, DeckSource)
    assert report.locate(parts) == expected


def _fake_checker(monkeypatch: pytest.MonkeyPatch, run_examples) -> None:
    module = types.ModuleType("quizapp.core.checking")
    module.run_examples = run_examples
    monkeypatch.setitem(sys.modules, "quizapp.core.checking", module)
    import quizapp.core

    monkeypatch.setattr(quizapp.core, "checking", module, raising=False)


def test_failing_examples_are_errors_at_the_card(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []

    def run_examples(deck: Deck) -> list[tuple[tuple, str]]:
        seen.append(deck.deck.id)
        return [(("cards", 1), "'Benghazi' is accepted but should be rejected")]

    _fake_checker(monkeypatch, run_examples)
    deck, problems = lint_deck(GOOD / "all-types.toml")
    assert seen == ["all-types"]
    assert deck is None
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (27, "error", "card 'capital' (typed): 'Benghazi' is accepted but should be rejected")
    ]


def test_a_crashing_checker_is_a_warning_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def run_examples(deck: Deck) -> list[tuple[tuple, str]]:
        raise RuntimeError("boom")

    _fake_checker(monkeypatch, run_examples)
    deck, problems = lint_deck(GOOD / "all-types.toml")
    assert deck is not None
    assert [p.severity for p in problems] == ["warning"]
    assert "boom" in problems[0].message


def test_inspect_deck_reports_path_as_given(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(BAD)
    report = inspect_deck("wrong-type.toml")
    assert str(report.problems[0]).startswith("wrong-type.toml:11:1: error: ")


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        ("typedd", "typed"),
        ("Typed", "typed"),
        ("true/false", "truefalse"),
        ("clozed", "cloze"),
        ("multiple", "multi"),
        ("essay", None),
        ("mcq", None),
    ],
)
def test_unknown_card_type_suggests_the_closest_type(
    tmp_path: Path, written: str, suggested: str | None
) -> None:
    """A typo in ``type`` gets a "did you mean", as a typo in a key does."""
    path = tmp_path / "deck.toml"
    text = (BAD / "unknown-type.toml").read_text(encoding="utf-8")
    path.write_text(text.replace('"essay"', f'"{written}"'), encoding="utf-8")
    _, problems = lint_deck(path)
    (problem,) = [p for p in problems if p.severity == "error"]
    assert f"unknown card type {written!r}" in problem.message
    if suggested is None:
        assert "did you mean" not in problem.message
    else:
        assert f"(did you mean {suggested!r}?)" in problem.message
