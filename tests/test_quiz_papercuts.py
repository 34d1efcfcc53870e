"""Quizzes worth retaking: "I was actually right" on the results, a retry of the
missed questions, and no score for a quiz left before any answer (core)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.core.models import Deck
from quizapp.core.quiz import QuizRun
from quizapp.core.stats.activity import quiz_history
from quizapp.core.store import SqliteStore
from quizapp.core.store.protocol import OVERRULED

DECK = Deck.model_validate(
    {
        "format": 1,
        "deck": {"id": "caps", "title": "Capitals"},
        "cards": [
            {"id": "ly", "type": "typed", "prompt": "Capital of Libya?", "answer": "Tripoli"},
            {"id": "eg", "type": "typed", "prompt": "Capital of Egypt?", "answer": "Cairo"},
            {"id": "tn", "type": "typed", "prompt": "Capital of Tunisia?", "answer": "Tunis"},
            {"id": "dz", "type": "typed", "prompt": "Capital of Algeria?", "answer": "Algiers"},
        ],
    }
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore.open(tmp_path / "h.sqlite3") as opened:
        yield opened


def answered_quiz(store: SqliteStore, responses: list[str]) -> QuizRun:
    """A finished quiz of the four cards in deck order, answered with ``responses``."""
    quiz = QuizRun(store, DECK, items=DECK.items(), seed=1)
    for index, response in enumerate(responses):
        quiz.answer(index, response)
    quiz.finish()
    return quiz


def test_overruling_a_wrong_answer_recomputes_the_score_and_is_saved_as_such(
    store: SqliteStore,
) -> None:
    quiz = answered_quiz(store, ["Tripoli", "Giza", "Tunis", "Oran"])
    assert quiz.result is not None and quiz.result.score == 50.0
    result = quiz.overrule(1)
    assert (result.correct, result.wrong, result.score) == (3, 1, 75.0)
    assert result.overruled == frozenset({1})
    assert result.answers[1][2].outcome == "correct"
    assert not result.can_overrule(1) and result.can_overrule(3)
    saved = store.quiz_session(quiz.quiz_id)
    assert saved is not None
    assert (saved.correct, saved.wrong, saved.score) == (3, 1, 75.0)
    verdicts = {r.item_id: (r.verdict, r.rating, r.response) for r in store.reviews("caps")}
    assert verdicts["eg"] == (OVERRULED, 3, "Giza")  # the response as given, told apart
    assert verdicts["dz"] == ("wrong", 1, "Oran")


def test_the_stats_count_an_overruled_answer_as_right(store: SqliteStore) -> None:
    quiz = answered_quiz(store, ["Giza", "Cairo", "Tunis", "Algiers"])
    quiz.overrule(0)
    wrong = {row.item_id: row.wrong for row in store.answer_counts("caps")}
    assert wrong["ly"] == 0
    (history,) = quiz_history(store, "caps")
    assert history.last == 100.0


@pytest.mark.parametrize("index", [0, 2, 9])
def test_only_a_wrong_answer_can_be_overruled(store: SqliteStore, index: int) -> None:
    quiz = answered_quiz(store, ["Tripoli", "Giza", "Tunys"])  # correct, wrong, close
    with pytest.raises(ValueError):
        quiz.overrule(index)
    quiz.overrule(1)
    with pytest.raises(ValueError):
        quiz.overrule(1)  # once


def test_a_skipped_answer_cannot_be_overruled(store: SqliteStore) -> None:
    quiz = answered_quiz(store, ["", "Giza"])  # "Don't know" sends an empty answer
    assert quiz.result is not None
    assert not quiz.result.can_overrule(0) and quiz.result.can_overrule(1)
    with pytest.raises(ValueError):
        quiz.overrule(0)


def test_overruling_waits_for_the_results(store: SqliteStore) -> None:
    quiz = QuizRun(store, DECK, items=DECK.items(), seed=1)
    quiz.answer(0, "Benghazi")
    with pytest.raises(ValueError):
        quiz.overrule(0)


def test_a_retry_asks_the_wrong_and_close_ones_as_a_quiz_of_its_own(store: SqliteStore) -> None:
    quiz = answered_quiz(store, ["Tripoli", "Giza", "Tunys", "Algiers"])
    assert quiz.result is not None and quiz.result.missed == 2
    retry = quiz.retry()
    assert [q.item.id for q in retry.questions] == ["eg", "tn"]
    assert retry.quiz_id != quiz.quiz_id
    retry.answer(0, "Cairo")
    retry.answer(1, "Tunis")
    assert retry.finish().score == 100.0
    saved = store.quiz_session(retry.quiz_id)
    assert saved is not None
    assert (saved.questions, saved.score) == (2, 100.0)
    assert saved.settings["retry_of"] == quiz.quiz_id
    assert saved.settings["items"] == ["eg", "tn"]
    first = store.quiz_session(quiz.quiz_id)
    assert (
        first is not None and first.score == 75.0
    )  # the first quiz keeps its score (close counts)


def test_an_overruled_answer_is_not_retried_and_nothing_missed_is_no_retry(
    store: SqliteStore,
) -> None:
    quiz = answered_quiz(store, ["Tripoli", "Giza", "Tunis", "Algiers"])
    quiz.overrule(1)
    assert quiz.result is not None and quiz.result.missed == 0
    with pytest.raises(ValueError):
        quiz.retry()


def test_a_quiz_left_before_any_answer_has_no_score(store: SqliteStore) -> None:
    quiz = QuizRun(store, DECK, count=3, seed=1)
    assert quiz.abandon().score is None
    saved = store.quiz_session(quiz.quiz_id)
    assert saved is not None and saved.score is None


CAPITALS_TOML = """format = 1
[deck]
id = "caps"
title = "Capitals"
language = "en"
""" + "".join(
    f'\n[[cards]]\nid = "{card["id"]}"\ntype = "typed"\n'
    f'prompt = "{card["prompt"]}"\nanswer = "{card["answer"]}"\n'
    for card in DECK.model_dump()["cards"]
)


def _plain(monkeypatch: pytest.MonkeyPatch, deck: Path, lines: list[str]) -> str:
    import io
    import sys

    from quizapp.cli import main

    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
    assert main(["quiz", str(deck), "--plain", "-n", "4", "--seed", "1"]) == 0
    return out.getvalue()


@pytest.fixture
def caps_file(tmp_path: Path) -> Path:
    path = tmp_path / "caps.toml"
    path.write_text(CAPITALS_TOML, encoding="utf-8")
    return path


def _by_prompt(transcript: str) -> list[str]:
    import re

    return re.findall(r"Capital of (\w+)\?", transcript)


def test_plain_right_and_retry_on_the_results(
    monkeypatch: pytest.MonkeyPatch, quizapp_home: Path, caps_file: Path
) -> None:
    import random

    from quizapp.core.quiz import draw_items

    drawn = draw_items(DECK.items(), 4, random.Random(1))  # the order seed 1 asks them in
    order = [item.card.prompt.split()[-1].rstrip("?") for item in drawn]
    answers = {"Libya": "Tripoli", "Egypt": "Giza", "Tunisia": "Tunys", "Algeria": "Oran"}
    wrong_number = order.index("Egypt") + 1
    lines = [answers[country] for country in order]
    retried = [c for c in order if c in ("Tunisia", "Algeria")]  # in the order first asked
    fixed = {"Tunisia": "Tunis", "Algeria": "Algiers"}
    lines += [":right 9", f":right {wrong_number}", ":retry", *(fixed[c] for c in retried)]
    out = _plain(monkeypatch, caps_file, lines)
    assert "Score: 2/4 (50%)" in out
    assert f"Answer {wrong_number} now counts as right. Score: 3/4 (75%)" in out
    assert "Answer 9 was not judged wrong" in out
    assert ":retry asks the 2 missed questions again" in out
    assert "Retry of the missed questions: Capitals, 2 questions." in out
    assert "Score: 2/2 (100%)" in out
    assert _by_prompt(out)[:4] == order
    with SqliteStore.open(quizapp_home / "history.sqlite3") as store:
        *_, first, retry = store.quiz_sessions("caps")
        assert (first.correct, first.close, first.wrong, first.score) == (2, 1, 1, 75.0)
        assert retry.settings["retry_of"] == first.id and retry.score == 100.0
        assert OVERRULED in {r.verdict for r in store.reviews("caps")}


def test_plain_quiz_left_before_any_answer_has_no_score(
    monkeypatch: pytest.MonkeyPatch, quizapp_home: Path, caps_file: Path
) -> None:
    out = _plain(monkeypatch, caps_file, [":q"])
    assert "No score: no question was answered." in out and "0%" not in out
    assert ":right" not in out and ":retry" not in out  # nothing to offer


def test_the_history_export_has_no_score_as_null(store: SqliteStore) -> None:
    import io
    import json

    from quizapp.core.history_io.export import write_json

    QuizRun(store, DECK, count=3, seed=1).abandon()
    out = io.StringIO()
    write_json(store, out)
    (quiz,) = json.loads(out.getvalue())["quiz_sessions"]
    assert quiz["abandoned"] and quiz["questions"] == 0 and quiz["score"] is None


def test_every_backend_saves_an_overruled_answer_and_the_new_score(new_store) -> None:
    """The store contract of "I was actually right", on SQLite and PostgreSQL alike."""
    store = new_store()
    quiz = QuizRun(store, DECK, items=DECK.items(), seed=1)
    for index, response in enumerate(["Tripoli", "Giza", "Tunis", "Oran"]):
        quiz.answer(index, response)
    quiz.finish()
    quiz.overrule(1)
    saved = store.quiz_session(quiz.quiz_id)
    assert saved is not None and (saved.correct, saved.wrong, saved.score) == (3, 1, 75.0)
    verdicts = {r.item_id: (r.verdict, r.rating) for r in store.reviews("caps")}
    assert verdicts["eg"] == (OVERRULED, 3) and verdicts["dz"] == ("wrong", 1)
