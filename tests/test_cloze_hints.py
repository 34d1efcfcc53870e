"""Cloze hints as Anki writes them: ``{{c1::answer::hint}}`` shows the hint, checks the answer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from quizapp.core.checking import check
from quizapp.core.library import load_paths
from quizapp.core.models import ClozeCard, Deck, parse_gaps, unread_separators
from quizapp.core.questions import build_question


@pytest.mark.parametrize(
    ("text", "name", "answers", "hint"),
    [
        ("{{c1::Nile::a river}}", "c1", ("Nile",), "a river"),
        ("{{c1::Nile|Nil::a river}}", "c1", ("Nile", "Nil"), "a river"),
        ("{{city::Cairo}}", "city", ("Cairo",), None),
        ("{{Cairo}}", "1", ("Cairo",), None),
        ("{{c2::Nile::}}", "c2", ("Nile",), None),
    ],
)
def test_parse_gaps_reads_hints(
    text: str, name: str, answers: tuple[str, ...], hint: str | None
) -> None:
    (gap,) = parse_gaps(text)
    assert (gap.name, gap.answers, gap.hint) == (name, answers, hint)


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("{{c1::Nile::a river}}", False),
        ("{{city::Cairo}}", False),
        ("{{Nile::a river}}", True),
        ("{{c1::Nile::a::river}}", True),
        ("a :: b {{Nile}}", False),
    ],
)
def test_unread_separators(text: str, warned: bool) -> None:
    assert bool(unread_separators(text)) is warned


def _deck(text: str) -> Deck:
    return Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": "d", "title": "D"},
            "cards": [{"id": "river", "type": "cloze", "text": text}],
        }
    )


def test_hint_is_shown_and_only_the_answer_checked() -> None:
    deck = _deck("The {{c1::Nile::a river}} flows into the {{Mediterranean}}.")
    first = deck.items()[0]
    assert first.id == "river.c1"
    question = build_question(first, deck, random.Random(1))
    assert question.prompt == "The [a river] flows into the Mediterranean."
    assert question.answer_text == "Nile"
    assert check(first, "Nile", deck).outcome == "correct"
    assert check(first, "Nile::a river", deck).outcome == "wrong"
    second = build_question(deck.items()[1], deck, random.Random(1))
    assert second.prompt == "The Nile flows into the […]."


def test_check_warns_on_unread_separator(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text(
        'format = 1\n[deck]\nid = "d"\ntitle = "D"\n\n[[cards]]\nid = "c"\ntype = "cloze"\n'
        'text = "The {{Nile::a river}} flows."\n',
        encoding="utf-8",
    )
    (loaded,) = load_paths([path])
    assert loaded.ok
    (problem,) = loaded.problems
    assert problem.severity == "warning" and problem.line == 9 and "'::'" in problem.message
    assert isinstance(loaded.deck.cards[0], ClozeCard) if loaded.deck else False
