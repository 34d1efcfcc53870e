"""Write errors lose nothing: a full disk during study, re-rating and quizzes (fault injection).

The disk is really full for SQLite (``max_page_count``, see ``tests/diskfull.py``):
the store raises one clear :class:`WriteRefusedError`, the engines keep the
answer unsaved, nothing saved before is touched, and saving resumes, in order,
once space is back.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.core.engine import StudyEngine
from quizapp.core.outbox import Outbox
from quizapp.core.quiz import QuizRun
from quizapp.core.store import SqliteStore, WriteRefusedError
from quizapp.core.store.protocol import SaveFailedError, ServerUnavailableError
from quizapp.core.store.sqlite_base import write_refused
from tests.diskfull import (
    FILLER_DECK,
    card_states,
    fill,
    fill_halfway,
    free,
    free_halfway,
    study_rows,
)
from tests.storekit import UTC_CONFIG, Clock, make_deck


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore.open(tmp_path / "h.sqlite3") as opened:
        yield opened


def engine_on(store: SqliteStore, clock: Clock, n: int = 6) -> StudyEngine:
    return StudyEngine(
        store, [make_deck(n=n)], now=clock, config=UTC_CONFIG, fuzzing=False, rng=random.Random(1)
    )


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (13, "the disk is full"),  # SQLITE_FULL
        (8, "the history is read-only"),  # SQLITE_READONLY
        (8 | (1 << 8), "the history is read-only"),  # SQLITE_READONLY_RECOVERY (extended)
        (10, "the disk reported an I/O error"),  # SQLITE_IOERR
        (10 | (13 << 8), "the disk reported an I/O error"),  # SQLITE_IOERR_FSYNC
        (5, "the history is locked by another program"),  # SQLITE_BUSY
    ],
)
def test_each_refused_write_is_one_clear_reason(code: int, reason: str) -> None:
    error = sqlite3.OperationalError("boom")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    refused = write_refused(error)
    assert refused is not None and refused.reason == reason
    assert str(refused) == f"not saved: {reason}"


def test_other_errors_are_not_taken_for_refusals() -> None:
    error = sqlite3.IntegrityError("constraint")
    error.sqlite_errorcode = 19  # type: ignore[attr-defined]
    assert write_refused(error) is None
    assert write_refused(sqlite3.ProgrammingError("no code")) is None


def test_a_full_disk_is_a_write_refused_error_and_the_store_keeps_working(
    store: SqliteStore,
) -> None:
    fill(store)
    with pytest.raises(WriteRefusedError, match=r"^not saved: the disk is full$"):
        store.set_setting("k", "v" * 5000)
    assert store.get_setting("k") is None  # rolled back, and reads still work
    free(store)
    store.set_setting("k", "v")
    assert store.get_setting("k") == "v"


def test_disk_full_during_study_keeps_the_answers_and_saves_them_when_space_returns(
    store: SqliteStore,
) -> None:
    clock = Clock()
    engine = engine_on(store, clock)
    first = engine.next_card()
    assert first is not None
    assert engine.answer(first, "A0").saved  # saved before the disk fills
    saved_before, states_before = study_rows(store), card_states(store)
    fill(store)

    card = engine.next_card()
    assert card is not None and card.entry.item_id == "c1"
    unsaved = engine.answer(card, "A1", 900)
    assert not unsaved.saved and unsaved.verdict is not None
    assert unsaved.verdict.outcome == "correct"  # the verdict is shown all the same
    assert engine.unsaved == 1
    assert engine.save_error is not None and engine.save_error.reason == "the disk is full"
    assert study_rows(store) == saved_before  # nothing written, nothing saved touched
    assert card_states(store) == states_before

    # the learner goes on: the unsaved card is not asked again, and the next answer waits too
    clock.advance(seconds=30)
    following = engine.next_card()
    assert following is not None and following.entry.item_id == "c2"
    assert not engine.answer(following, "wrong").saved
    assert engine.unsaved == 2
    assert not engine.save_unsaved()  # still full: still kept
    assert study_rows(store) == saved_before

    free(store)
    assert engine.save_unsaved()
    assert engine.unsaved == 0 and engine.save_error is None
    assert engine.last is not None and engine.last.saved
    rows = study_rows(store)
    assert [(r[2], r[5]) for r in rows] == [("c0", "correct"), ("c1", "correct"), ("c2", "wrong")]
    assert rows[1][3] < rows[2][3]  # each saved at the time it was given, in order
    assert engine.outcomes == ["correct", "correct", "wrong"]


def test_disk_full_halfway_through_an_answer_writes_none_of_it(store: SqliteStore) -> None:
    engine = engine_on(store, Clock())
    card = engine.next_card()
    assert card is not None
    fill_halfway(store)
    assert not engine.answer(card, "A0").saved
    assert study_rows(store) == [] and card_states(store) == []
    free_halfway(store)
    assert engine.save_unsaved() and [r[2] for r in study_rows(store)] == ["c0"]


def test_disk_full_during_rerating_leaves_the_saved_review_then_saves_the_new_rating(
    store: SqliteStore,
) -> None:
    engine = engine_on(store, Clock())
    card = engine.next_card()
    assert card is not None
    answer = engine.answer(card, "A0")
    assert answer.saved and answer.rating == 3
    saved_before, states_before = study_rows(store), card_states(store)
    fill_halfway(store)  # the review row is rewritten before the card state fails

    rerated = engine.rate(1)
    assert rerated.rating == 1 and not rerated.saved
    assert engine.save_error is not None and engine.save_error.reason == "the disk is full"
    assert study_rows(store) == saved_before  # the first rating is still saved, whole
    assert card_states(store) == states_before
    again = engine.rate(2)  # rated again while refused: the newest rating waits
    assert again.rating == 2 and not again.saved and engine.unsaved == 1

    free_halfway(store)
    assert engine.save_unsaved()
    rows = study_rows(store)
    assert [(r[0], r[4]) for r in rows] == [(saved_before[0][0], 2)]  # same review, new rating
    assert engine.last is not None and engine.last.saved and engine.last.rating == 2


def test_an_unsaved_answer_can_be_taken_back(store: SqliteStore) -> None:
    engine = engine_on(store, Clock())
    card = engine.next_card()
    assert card is not None
    fill(store)
    assert not engine.answer(card, "A0").saved
    entry = engine.undo()
    assert entry is not None and entry.item_id == "c0"
    assert engine.unsaved == 0 and engine.answered == 0
    free(store)
    again = engine.next_card(entry)
    assert again is not None and again.entry.item_id == "c0"
    assert engine.answer(again, "A0").saved
    assert [r[2] for r in study_rows(store)] == ["c0"]


def test_disk_full_during_a_quiz_keeps_the_answers_and_the_end(store: SqliteStore) -> None:
    run = QuizRun(store, make_deck(n=3), count=3, seed=1, now=Clock())
    run.answer(0, run.questions[0].item.card.answer)  # type: ignore[union-attr]
    assert run.is_saved(0)
    fill(store)
    run.answer(1, "nonsense")
    assert not run.is_saved(1) and run.unsaved == 1
    result = run.finish()  # the end waits behind the answer
    assert run.unsaved == 2 and result.questions == 3
    quiz = store.quiz_session(run.quiz_id)
    assert quiz is not None and quiz.finished_ms is None
    free(store)
    assert run.save_unsaved()
    quiz = store.quiz_session(run.quiz_id)
    assert quiz is not None and quiz.finished_ms is not None and quiz.questions == 3
    answers = store.reviews(mode="quiz")
    assert [r.verdict for r in answers] == ["correct", "wrong"]
    assert all(r.deck_id != FILLER_DECK for r in answers)


def test_the_outbox_keeps_writes_in_order_and_drops_none() -> None:
    refuse = [True]
    saved: list[int] = []

    def write(value: int) -> int:
        if refuse[0]:
            raise ServerUnavailableError("the history server cannot be reached")
        return value

    outbox = Outbox()
    assert not outbox.submit(lambda: write(1), saved.append, key=1)
    assert not outbox.submit(lambda: write(2), saved.append, key=2)
    assert outbox.keys() == [1, 2] and saved == []
    assert isinstance(outbox.error, SaveFailedError)
    refuse[0] = False
    assert outbox.submit(lambda: write(3), saved.append, key=3)
    assert saved == [1, 2, 3] and outbox.unsaved == 0 and outbox.error is None


def test_an_error_that_is_not_a_refusal_is_not_kept() -> None:
    outbox = Outbox()

    def broken() -> int:
        raise ValueError("a bug")

    with pytest.raises(ValueError):
        outbox.submit(broken, lambda _: None)
    assert outbox.unsaved == 0
