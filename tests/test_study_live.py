"""The queue a session keeps answer by answer equals the queue built from scratch.

After any sequence of answers, re-ratings, undos, suspends, burials, answers
from another session on the same history and time passing (across learning
steps, burials and study days), the session's next card, counts (learning
now included), next due time and median response time are those that
``build_queue`` and ``Store.response_times`` give from the store as it is.
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core import scheduling
from quizapp.core.models import Deck
from quizapp.core.store import SqliteStore, StoreError
from quizapp.core.study import QueueEntry, StudySession, deck_counts
from quizapp.core.study_queue import DeckDay, build_queue, sibling_groups
from quizapp.core.study_times import MIN_TIMES_FOR_MEDIAN
from tests.storekit import UTC_CONFIG, Clock


def deck_with_siblings(deck_id: str, **scheduling_keys: Any) -> Deck:
    """Typed cards, some sharing a fact, and a reversed basic card: siblings to bury."""
    cards: list[dict[str, Any]] = [
        {"id": f"t{i}", "type": "typed", "prompt": f"Q{i}?", "answer": f"A{i}"} for i in range(6)
    ]
    for i in (0, 1, 2):
        cards[i]["fact"] = "shared"
    cards.append({"id": "b", "type": "basic", "front": "F", "back": "B", "reverse": True})
    return Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": deck_id, "title": deck_id, "scheduling": scheduling_keys},
            "cards": cards,
        }
    )


DECKS = [
    deck_with_siblings("one", new_per_day=4, reviews_per_day=3),
    deck_with_siblings("two", new_order="random", bury_siblings=False, new_per_day=5),
]

actions = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.integers(1, 4), st.sampled_from([0, 2000, 9000])),
        st.tuples(st.just("advance"), st.sampled_from([1, 5, 11, 30, 400, 1500, 6000])),
        st.tuples(st.just("rerate"), st.integers(1, 4)),
        st.tuples(st.sampled_from(["undo", "suspend", "unsuspend", "bury"])),
        st.tuples(st.just("other"), st.integers(0, 15), st.integers(1, 4)),
    ),
    max_size=30,
)


def from_scratch(
    session: StudySession, store: SqliteStore, decks: list[Deck] = DECKS
) -> dict[str, Any]:
    """What a queue built over every card of ``decks`` from the store says now."""
    now = session.now()
    day = UTC_CONFIG.study_day(now)
    start, end = UTC_CONFIG.day_bounds(day)
    start_ms, now_ms = scheduling.to_ms(start), scheduling.to_ms(now)
    days = {}
    for deck in decks:
        deck_id = deck.deck.id
        new_done, reviews_done = store.study_counts_since(deck_id, start_ms)
        today = store.reviews(deck_id, since_ms=start_ms, mode="study")
        studied = frozenset(review.item_id for review in today)
        days[deck_id] = DeckDay(store.card_states(deck_id), new_done, reviews_done, studied)
    queue = build_queue(
        decks,
        days,
        {d.deck.id: session.options_for(d) for d in decks},
        {d.deck.id: sibling_groups(d.items()) for d in decks},
        now_ms=now_ms,
        day=day,
        day_end_ms=scheduling.to_ms(end),
        ahead_ms=now_ms + UTC_CONFIG.learn_ahead_minutes * 60_000,
    )
    counts = queue.counts()
    showable = queue.first() is not None
    later = None if showable or not queue.learning_later else min(queue.learning_later)
    medians = []
    for deck in DECKS:
        times = store.response_times(deck.deck.id)
        enough = len(times) >= MIN_TIMES_FOR_MEDIAN
        medians.append(float(statistics.median(times)) if enough else None)
    return {
        "first": queue.first(),
        "counts": (counts, counts.learning_now),
        "next_due": None if later is None else scheduling.from_ms(later),
        "medians": medians,
    }


def kept(session: StudySession) -> dict[str, Any]:
    counts = session.counts
    return {
        "first": session.next_entry(),
        "counts": (counts, counts.learning_now),
        "next_due": session.next_due_at(),
        "medians": [session.median_response_ms(deck) for deck in DECKS],
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions)
def test_the_kept_queue_equals_a_rebuild_after_any_answers(steps: list[tuple[Any, ...]]) -> None:
    clock = Clock()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "h.sqlite3"
        with SqliteStore.open(path) as store, SqliteStore.open(path) as other_store:
            session = StudySession(store, DECKS, now=clock, config=UTC_CONFIG, fuzzing=False)
            other = StudySession(other_store, DECKS, now=clock, config=UTC_CONFIG, fuzzing=False)
            shown: QueueEntry | None = session.next_entry()
            for step in steps:
                if step[0] == "answer" and shown is not None:
                    session.answer(shown, step[1], verdict="correct", response_ms=step[2] or None)
                elif step[0] == "advance":
                    clock.advance(minutes=step[1])
                elif step[0] == "rerate" and session.can_undo():
                    last = store.review(session.last_review_id or 0)
                    assert last is not None
                    deck = next(d for d in DECKS if d.deck.id == last.deck_id)
                    item = next(i for i in deck.items() if i.id == last.item_id)
                    with contextlib.suppress(StoreError):  # another session answered it since
                        session.replace_last(QueueEntry(deck, item), step[1], verdict="correct")
                elif step[0] == "undo":
                    with contextlib.suppress(StoreError):
                        session.undo()
                elif step[0] in ("suspend", "bury") and shown is not None:
                    getattr(session, step[0])(shown)
                elif step[0] == "unsuspend" and shown is not None:
                    session.unsuspend(shown)
                elif step[0] == "other":
                    deck = DECKS[step[1] % 2]
                    item = deck.items()[step[1] % len(deck.items())]
                    other.answer(QueueEntry(deck, item), step[2], verdict="correct")
                assert kept(session) == from_scratch(session, store)
                for deck in DECKS:  # the home screen's and ``quizapp due``'s counts
                    counts = deck_counts(store, deck, clock(), UTC_CONFIG)
                    scratch = from_scratch(session, store, [deck])["counts"]
                    assert (counts, counts.learning_now) == scratch
                shown = session.next_entry()


def test_a_long_session_keeps_the_queue_without_reading_every_state_again(
    tmp_path: Path,
) -> None:
    """Answering does not read the deck's states again: only another writer makes it."""
    deck = deck_with_siblings("one", new_per_day=50)
    clock = Clock()
    with SqliteStore.open(tmp_path / "h.sqlite3") as store:
        session = StudySession(store, [deck], now=clock, config=UTC_CONFIG, fuzzing=False)
        reads: list[str] = []
        original = store.card_states

        def counting(deck_id: str) -> Any:
            reads.append(deck_id)
            return original(deck_id)

        store.card_states = counting  # type: ignore[method-assign]
        for _ in range(5):
            entry = session.next_entry()
            assert entry is not None
            session.answer(entry, 3, verdict="correct")
            assert session.counts.total >= 0
            clock.advance(seconds=timedelta(seconds=5).total_seconds())
        assert reads == []
        with SqliteStore.open(tmp_path / "h.sqlite3") as writer:
            writer.set_suspended("one", "t5", True)
        session.next_entry()
        assert reads == ["one"]
