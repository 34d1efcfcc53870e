"""Quiz runs: drawing, recording, scoring, abandoning; the schedule is never touched.

The checker and question builder are stand-ins here so these tests pin the
quiz's own rules; ``test_quiz_real.py`` runs quizzes with the real ones.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from quizapp.core.models import Deck, StudyItem
from quizapp.core.quiz import QuizRun, draw_items, response_text
from quizapp.core.store import SqliteStore
from tests.storekit import Clock, make_deck


@dataclass(frozen=True)
class FakeQuestion:
    item: StudyItem
    kind: str
    prompt: str
    options: tuple[str, ...]
    answer_text: str
    unit: str = ""


@dataclass(frozen=True)
class FakeVerdict:
    outcome: str
    expected: str


class FakeChecker:
    """Right when the response is the answer, close when it is its lower case."""

    def check(self, item: StudyItem, response: str) -> FakeVerdict:
        answer = item.card.answer
        if response == answer:
            return FakeVerdict("correct", answer)
        if response == answer.lower():
            return FakeVerdict("close", answer)
        return FakeVerdict("wrong", answer)


def fake_question(item: StudyItem, deck: Deck, rng: random.Random) -> FakeQuestion:
    return FakeQuestion(item, item.type, item.card.prompt, (), item.card.answer)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore.open(tmp_path / "h.sqlite3") as opened:
        yield opened


def run(store: SqliteStore, deck: Deck, **kw) -> QuizRun:
    return QuizRun(store, deck, checker=FakeChecker(), build_question=fake_question, **kw)


def test_draw_is_seeded_and_without_replacement(store: SqliteStore) -> None:
    deck = make_deck(n=20)
    first = [q.item.id for q in run(store, deck, count=8, seed=5).questions]
    assert first == [q.item.id for q in run(store, deck, count=8, seed=5).questions]
    assert len(set(first)) == 8
    assert first != [q.item.id for q in run(store, deck, count=8, seed=6).questions]
    assert len(run(store, deck, count=50, seed=1).questions) == 20


def test_draw_prefers_distinct_cards() -> None:
    deck = Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": "z", "title": "Z"},
            "cards": [
                {"id": "cl", "type": "cloze", "text": "{{a}} {{b}} {{c}} {{d}}"},
                {"id": "t", "type": "typed", "prompt": "p", "answer": "x"},
                {"id": "b", "type": "basic", "front": "f", "back": "k", "reverse": True},
            ],
        }
    )
    for seed in range(20):
        drawn = draw_items(deck.items(), 3, random.Random(seed))
        assert sorted(item.card.id for item in drawn) == ["b", "cl", "t"]


def test_answers_are_logged_and_schedule_untouched(store: SqliteStore) -> None:
    clock = Clock()
    deck = make_deck(n=4)
    quiz = run(store, deck, count=4, seed=3, now=clock)
    answers = {0: "right", 1: "close", 2: "nope", 3: "right"}
    for index, kind in answers.items():
        answer = quiz.questions[index].item.card.answer
        response = {"right": answer, "close": answer.lower(), "nope": "nope"}[kind]
        clock.advance(seconds=5)
        verdict = quiz.answer(index, response, response_ms=900)
        assert verdict.outcome == {"right": "correct", "close": "close", "nope": "wrong"}[kind]
        # committed at once, running totals included
        assert len(store.reviews(deck.deck.id, mode="quiz")) == index + 1
        assert store.quiz_session(quiz.quiz_id).questions == index + 1
    with pytest.raises(ValueError):
        quiz.answer(0, "again")
    result = quiz.finish()
    assert (result.questions, result.correct, result.close, result.wrong) == (4, 2, 1, 1)
    assert result.score == 75.0 and not result.abandoned
    saved = store.quiz_session(quiz.quiz_id)
    assert saved.finished_ms is not None and saved.score == 75.0
    assert saved.settings["seed"] == 3 and saved.settings["n"] == 4
    assert store.last_quiz(deck.deck.id) == saved
    rows = store.reviews(deck.deck.id)
    assert {r.mode for r in rows} == {"quiz"} and {r.quiz_id for r in rows} == {quiz.quiz_id}
    assert [r.verdict for r in rows] == ["correct", "close", "wrong", "correct"]
    assert [r.rating for r in rows] == [3, 2, 1, 3]
    assert all(r.state_before is None and r.state_after is None for r in rows)
    assert store.card_states(deck.deck.id) == {}
    with pytest.raises(ValueError):
        quiz.answer(1, "late")


@pytest.mark.parametrize(
    ("answered", "finish", "expected"),
    [
        ({0: True, 1: False}, "abandon", (2, 1, 0, 1, 50.0)),  # over the answered ones
        ({0: True, 1: False}, "finish", (5, 1, 0, 4, 20.0)),  # unanswered count as wrong
        ({}, "abandon", (0, 0, 0, 0, None)),  # no answer: no score, not 0%
        ({i: True for i in range(5)}, "finish", (5, 5, 0, 0, 100.0)),
    ],
)
def test_scores(store: SqliteStore, answered: dict, finish: str, expected: tuple) -> None:
    deck = make_deck(n=5)
    quiz = run(store, deck, count=5, seed=1)
    for index, right in answered.items():
        quiz.answer(index, quiz.questions[index].answer_text if right else "no")
    result = getattr(quiz, finish)()
    assert (result.questions, result.correct, result.close, result.wrong, result.score) == expected
    assert result.abandoned == (finish == "abandon")
    saved = store.quiz_session(quiz.quiz_id)
    assert (saved.questions, saved.correct, saved.wrong, saved.score) == (
        expected[0],
        expected[1],
        expected[3],
        expected[4],
    )
    assert saved.abandoned == (finish == "abandon")
    assert getattr(quiz, finish)() is result  # closing twice changes nothing


def test_unfinished_quiz_is_on_disk(store: SqliteStore) -> None:
    deck = make_deck(n=3)
    quiz = run(store, deck, count=3, seed=2)
    quiz.answer(0, quiz.questions[0].answer_text)
    with SqliteStore.open(store.path) as other:
        session = other.quiz_session(quiz.quiz_id)
        assert (session.questions, session.correct, session.finished_ms) == (1, 1, None)


@pytest.mark.parametrize(
    ("response", "text"),
    [
        ("Haftar", "Haftar"),
        (True, "true"),
        (False, "false"),
        (frozenset({"b", "a"}), '["a", "b"]'),
        (("z", "é"), '["z", "é"]'),
    ],
)
def test_response_text(response, text: str) -> None:
    assert response_text(response) == text
