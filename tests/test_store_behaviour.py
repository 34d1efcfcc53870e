"""What every store does, on SQLite and on PostgreSQL: answers, undo, re-rating, flags,
quizzes, settings, stats and the history transfer, and two sessions answering at once."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.core import history_io, stats
from quizapp.core.store import CardState, Store, StoreError
from quizapp.core.store.protocol import NewReview
from tests.storekit_backends import Backend

NewStore = Callable[[], Store]


def dump(store: Store) -> dict[str, object]:
    """Everything a learner's history holds, read through the protocol."""
    decks = sorted(store.deck_ids_with_history() | {"d", "e"})
    return {
        "cards": {deck: store.card_states(deck) for deck in decks},
        "reviews": store.reviews(),
        "quizzes": store.quiz_sessions(),
    }


def _review(item: str, ms: int, before: CardState, after: CardState | None) -> NewReview:
    return NewReview(
        deck_id="d",
        item_id=item,
        reviewed_ms=ms,
        rating=3,
        verdict="correct",
        response="r",
        response_ms=1000,
        content_hash="h",
        state_before=before,
        state_after=after,
    )


def test_settings_roundtrip(backend: Backend) -> None:
    store = backend.new_store()
    assert store.get_setting("theme") is None
    assert store.get_setting("theme", "dark") == "dark"
    store.set_setting("theme", "light")
    store.set_setting("theme", "solarized")
    assert backend.reopen(store).get_setting("theme") == "solarized"


def test_record_and_undo_restore_exactly(new_store: NewStore) -> None:
    store = new_store()
    store.set_suspended("d", "b", True)
    empty = dump(store)
    new = store.card_state("d", "a")
    s1 = CardState("d", "a", state=1, step=1, stability=1.0, difficulty=5.0, due_ms=10, reps=1)
    s2 = CardState("d", "a", state=2, stability=3.0, difficulty=5.0, due_ms=99, reps=2)
    r1 = store.record_review(_review("a", 1, new, s1))
    after_one = dump(store)
    r2 = store.record_review(_review("a", 2, s1, s2))
    assert store.card_state("d", "a") == s2
    with pytest.raises(StoreError):
        store.undo_review(r1)  # not the card's last answer
    assert store.undo_review(r2).id == r2
    assert dump(store) == after_one
    undone = store.undo_last(["d"])
    assert undone is not None and undone.id == r1
    assert dump(store) == empty
    assert store.undo_last() is None
    with pytest.raises(StoreError):
        store.undo_review(r1)


def test_undo_keeps_the_flags_set_since(new_store: NewStore) -> None:
    store = new_store()
    after = CardState("d", "a", state=2, stability=3.0, due_ms=99, reps=1)
    review = store.record_review(_review("a", 1, CardState.new("d", "a"), after))
    store.set_suspended("d", "a", True)
    store.undo_review(review)
    assert store.card_state("d", "a") == CardState("d", "a", suspended=True)


def test_rerating_replaces_the_answer_in_place(new_store: NewStore) -> None:
    store = new_store()
    s1 = CardState("d", "a", state=2, stability=3.0, difficulty=5.0, due_ms=50, reps=1)
    first = store.record_answer("d", "a", lambda s: _review("a", 1, s, s1))
    s2 = replace(s1, due_ms=80, reps=2)
    second = store.record_answer("d", "a", lambda s: _review("a", 2, s, s2))
    seen: list[CardState] = []

    def again(state: CardState) -> NewReview:
        seen.append(state)
        return replace(_review("a", 2, state, replace(s1, due_ms=60, lapses=1, reps=2)), rating=1)

    store.bury("d", "a", 1_000)
    assert store.replace_review(second, again) == second
    assert seen == [replace(s1, buried_until_ms=1_000)]  # from the state before, flags now
    (one, two) = store.reviews("d")
    assert (one.id, two.id, two.rating) == (first, second, 1)
    assert store.card_state("d", "a").due_ms == 60
    with pytest.raises(StoreError):
        store.replace_review(first, again)  # not the card's last answer
    with pytest.raises(StoreError):
        store.replace_review(second, lambda s: _review("b", 2, s, None))  # another card
    assert store.reviews("d")[1].rating == 1  # the refused change left it as it was


def test_suspend_and_bury_flags(new_store: NewStore) -> None:
    store = new_store()
    assert store.set_suspended("d", "a", True).suspended
    assert store.card_state("d", "a").suspended
    assert store.set_suspended("d", "a", False) == CardState.new("d", "a")
    assert store.card_states("d") == {}  # a pristine state keeps no row
    assert store.bury("d", "a", 1000).buried_until_ms == 1000
    assert store.card_state("d", "a").is_buried(999)
    assert not store.card_state("d", "a").is_buried(1000)
    assert store.due_states("d", 10**12) == []  # buried, not due: no due time


def test_quiz_sessions(new_store: NewStore) -> None:
    store = new_store()
    quiz = store.start_quiz("d", 100, {"n": 3, "seed": 7})
    store.record_quiz_answer(quiz, _review("a", 101, CardState.new("d", "a"), None))
    running = store.quiz_session(quiz)
    assert running is not None
    assert (running.questions, running.correct, running.finished_ms) == (1, 1, None)
    assert store.last_quiz("d") is None
    done = store.finish_quiz(
        quiz, finished_ms=200, questions=1, correct=1, close=0, wrong=0, score=100.0
    )
    assert done.settings == {"n": 3, "seed": 7} and not done.abandoned
    assert store.last_quiz("d") == done
    assert store.quiz_sessions() == [done]
    (row,) = store.reviews("d", mode="quiz")
    assert row.quiz_id == quiz and row.state_after is None
    assert store.card_states("d") == {}


def test_history_queries(new_store: NewStore) -> None:
    store = new_store()
    store.record_reviews([_review(f"i{n}", n, CardState.new("d", f"i{n}"), None) for n in range(5)])
    store.set_suspended("e", "x", True)
    assert store.item_ids_with_history("d") == {f"i{n}" for n in range(5)}
    assert store.deck_ids_with_history() == {"d", "e"}
    assert [r.item_id for r in store.reviews("d", since_ms=1, until_ms=3)] == ["i1", "i2"]
    assert store.response_times("d", limit=2) == [1000, 1000]
    assert store.study_counts_since("d", 2) == (3, 0)


def test_two_sessions_answering_one_card_never_lose_an_answer(backend: Backend) -> None:
    """Each answer is scheduled from the state the other session committed: the
    repetitions count up with no gap and no answer is lost."""
    first = backend.new_store()
    sessions = [first, backend.reopen(first)]
    per_session = 25
    errors: list[BaseException] = []

    def answer(store: Store) -> None:
        try:
            for _ in range(per_session):
                store.record_answer(
                    "d",
                    "a",
                    lambda s: _review("a", s.reps, s, replace(s, state=2, reps=s.reps + 1)),
                )
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=answer, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    total = 2 * per_session
    assert first.card_state("d", "a").reps == total
    befores = sorted(r.state_before.reps for r in first.reviews("d") if r.state_before)
    assert befores == list(range(total))


def test_stats_and_transfer_agree_across_backends(backend: Backend, tmp_path: Path) -> None:
    """A history exported from one store and imported into a fresh one gives the same
    stats and the same export."""
    store = backend.new_store()
    day = 86_400_000
    for n in range(6):
        before = CardState("d", f"c{n}", state=2, stability=5.0, due_ms=n * day, last_review_ms=0)
        after = replace(before, due_ms=(n + 9) * day, last_review_ms=n * day, reps=2)
        store.record_review(replace(_review(f"c{n}", n * day, before, after), rating=1 + n % 4))
    quiz = store.start_quiz("d", 3 * day, {"n": 2})
    store.finish_quiz(
        quiz, finished_ms=3 * day + 5, questions=2, correct=1, close=0, wrong=1, score=50.0
    )
    out = tmp_path / "history.json"
    history_io.export_history(store, "json", out)
    fresh = backend.new_store()
    result = history_io.import_history(fresh, history_io.read_history_file(out), None)
    assert (result.reviews_added, result.quizzes_added) == (6, 1)
    now = datetime(1970, 1, 12, tzinfo=UTC)

    def figures(s: Store) -> dict[str, object]:
        report = stats.compute_stats(s, now=now, tz=UTC, rollover_hour=4)
        return stats.report_to_dict(report) | {"generated": None}

    assert figures(fresh) == figures(store)
    again = tmp_path / "again.json"
    history_io.export_history(fresh, "json", again)

    def strip(text: str) -> list[str]:
        # Quiz ids are the database's own (on a server, shared by every learner).
        text = re.sub(r'"quiz_id": [0-9]+', '"quiz_id": ID', text)
        return [line for line in text.splitlines() if not line.startswith('"exported"')]

    assert strip(again.read_text()) == strip(out.read_text())
