"""Quizzes with the real checker and question builder, over every card type."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.core.models import Deck
from quizapp.core.quiz import QuizRun
from quizapp.core.store import SqliteStore

DECK = Deck.model_validate(
    {
        "format": 1,
        "deck": {"id": "mixed", "title": "Every type"},
        "cards": [
            {"id": "t", "type": "typed", "prompt": "Capital of Libya?", "answer": "Tripoli"},
            {
                "id": "ch",
                "type": "choice",
                "prompt": "Eastern city?",
                "answer": "Benghazi",
                "distractors": ["Sirte", "Misrata", "Zawiya"],
            },
            {"id": "tf", "type": "truefalse", "statement": "Cairo is in Libya.", "answer": False},
            {
                "id": "m",
                "type": "multi",
                "prompt": "Libyan cities?",
                "answers": ["Tobruk", "Derna"],
                "distractors": ["Alexandria"],
            },
            {"id": "n", "type": "number", "prompt": "Year?", "answer": 2019},
            {"id": "cl", "type": "cloze", "text": "{{Haftar}} met {{Sisi}} in Cairo."},
            {"id": "o", "type": "order", "prompt": "West to east", "items": ["Tripoli", "Sirte"]},
            {"id": "b", "type": "basic", "front": "LNA", "back": "Libyan National Army"},
        ],
    }
)


def right_response(question):
    card = question.item.card
    return {
        "typed": lambda: card.answer,
        "choice": lambda: card.answer,
        "truefalse": lambda: card.answer,
        "multi": lambda: frozenset(card.answers),
        "number": lambda: str(card.answer),
        "cloze": lambda: question.item.gap.answer,
        "order": lambda: tuple(card.items),
        "basic": lambda: True,
    }[question.kind]()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore.open(tmp_path / "h.sqlite3") as opened:
        yield opened


def test_every_type_answered_right(store: SqliteStore) -> None:
    quiz = QuizRun(store, DECK, count=20, seed=4)
    assert len(quiz.questions) == len(DECK.items()) == 9
    assert {q.kind for q in quiz.questions} == {
        "typed",
        "choice",
        "truefalse",
        "multi",
        "number",
        "cloze",
        "order",
        "basic",
    }
    for index, question in enumerate(quiz.questions):
        verdict = quiz.answer(index, right_response(question), response_ms=1000)
        assert verdict.is_right, (question.kind, verdict)
    result = quiz.finish()
    assert result.score == 100.0 and result.wrong == 0
    assert len(store.reviews("mixed", mode="quiz")) == 9
    assert store.card_states("mixed") == {}


def test_close_counts_as_right_and_wrong_is_wrong(store: SqliteStore) -> None:
    quiz = QuizRun(store, DECK, count=20, seed=4)
    typed = next(i for i, q in enumerate(quiz.questions) if q.kind == "typed")
    basic = next(i for i, q in enumerate(quiz.questions) if q.kind == "basic")
    assert quiz.answer(typed, "Tripolli").outcome == "close"
    assert quiz.answer(basic, False).outcome == "wrong"
    result = quiz.abandon()
    assert (result.questions, result.close, result.wrong, result.score) == (2, 1, 1, 50.0)
    assert store.last_quiz("mixed").abandoned


def test_same_seed_same_quiz(store: SqliteStore) -> None:
    first = QuizRun(store, DECK, count=5, seed=11).questions
    again = QuizRun(store, DECK, count=5, seed=11).questions
    assert first == again
