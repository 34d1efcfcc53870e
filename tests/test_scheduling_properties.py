"""Properties over random answer sequences: FSRS parity, and undo back to the start."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core import scheduling
from quizapp.core.models import SchedulingOptions
from quizapp.core.store import CardState, SqliteStore
from quizapp.core.study import QueueEntry, StudySession
from tests.storekit import UTC_CONFIG, Clock, make_deck

LEECHES = UTC_CONFIG.leech_threshold

START = datetime(2026, 5, 1, 8, tzinfo=UTC)
answers = st.lists(
    st.tuples(st.integers(1, 4), st.integers(0, 90 * 24 * 3600 * 1000)), min_size=1, max_size=25
)


@settings(max_examples=60, deadline=None)
@given(answers)
def test_any_sequence_matches_fsrs(sequence: list[tuple[int, int]]) -> None:
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    card = fsrs.Card(card_id=1, due=START)
    state = CardState.new("d", "c")
    when = START
    for rating, gap_ms in sequence:
        when += timedelta(milliseconds=gap_ms)
        card, _ = scheduler.review_card(card, fsrs.Rating(rating), review_datetime=when)
        state = scheduling.review(
            state, rating, when, SchedulingOptions(), leech_threshold=LEECHES, fuzzing=False
        ).state
        assert (state.state, state.step) == (int(card.state), card.step)
        assert (state.stability, state.difficulty) == (card.stability, card.difficulty)
        assert scheduling.from_ms(state.due_ms) == card.due
    assert state.reps == len(sequence)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(1, 4), st.integers(0, 3)), min_size=1, max_size=15))
def test_undo_everything_restores_the_start(moves: list[tuple[int, int]]) -> None:
    deck = make_deck(n=4)
    with tempfile.TemporaryDirectory() as folder, SqliteStore.open(Path(folder) / "h") as store:
        clock = Clock()
        session = StudySession(store, [deck], now=clock, config=UTC_CONFIG)
        conn = store.connection

        def snapshot() -> tuple:
            states = conn.execute("SELECT * FROM card_state ORDER BY item_id").fetchall()
            return states, conn.execute("SELECT count(*) FROM reviews").fetchone()

        start = snapshot()
        for rating, index in moves:
            session.answer(QueueEntry(deck, deck.items()[index]), rating)
            clock.advance(minutes=13)
        while session.undo() is not None:
            pass
        assert snapshot() == start


@given(
    st.builds(
        CardState,
        deck_id=st.text(max_size=10),
        item_id=st.text(max_size=10),
        state=st.integers(0, 3),
        step=st.none() | st.integers(0, 9),
        stability=st.none() | st.floats(allow_nan=False, allow_infinity=False),
        difficulty=st.none() | st.floats(allow_nan=False, allow_infinity=False),
        due_ms=st.none() | st.integers(0, 2**62),
        last_review_ms=st.none() | st.integers(0, 2**62),
        reps=st.integers(0, 10_000),
        lapses=st.integers(0, 1000),
        suspended=st.booleans(),
        buried_until_ms=st.none() | st.integers(0, 2**62),
        leech=st.booleans(),
    )
)
def test_state_json_roundtrip(state: CardState) -> None:
    assert CardState.from_json(state.to_json()) == state
