"""Golden tests: our scheduling equals py-fsrs's own, through the store and across restarts."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import pytest

from quizapp.core import scheduling
from quizapp.core.models import SchedulingOptions
from quizapp.core.store import CardState, SqliteStore
from quizapp.core.study import QueueEntry, StudySession
from tests.storekit import UTC_CONFIG, Clock, make_deck

LEECHES = UTC_CONFIG.leech_threshold

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
# (rating, delay after the previous answer's due time)
SEQUENCE = [
    (3, timedelta(0)),  # new card, Good -> learning step 2
    (3, timedelta(minutes=2)),  # Good -> graduates to review
    (3, timedelta(hours=5)),  # Good on time
    (1, timedelta(days=2)),  # Again, late -> lapse, relearning
    (3, timedelta(minutes=1)),  # Good -> back to review
    (2, timedelta(0)),  # Hard
    (4, timedelta(days=3)),  # Easy, late
    (3, timedelta(days=40)),  # Good, very late
]


def direct_fsrs() -> list[tuple[datetime, fsrs.Card]]:
    """Review times and resulting cards straight from py-fsrs (fuzz off)."""
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    card = fsrs.Card(card_id=1, due=START)
    out = []
    when = START
    for rating, delay in SEQUENCE:
        when = card.due + delay
        card, _log = scheduler.review_card(card, fsrs.Rating(rating), review_datetime=when)
        out.append((when, card))
    return out


def test_sequence_is_meaningful() -> None:
    states = [int(card.state) for _, card in direct_fsrs()]
    assert 1 in states and 2 in states and 3 in states  # learning, review, relearning


def _same(state: CardState, card: fsrs.Card) -> None:
    assert state.state == int(card.state)
    assert state.step == card.step
    assert state.stability == card.stability
    assert state.difficulty == card.difficulty
    assert scheduling.from_ms(state.due_ms) == card.due
    assert scheduling.from_ms(state.last_review_ms) == card.last_review


def test_in_memory_review_matches_fsrs() -> None:
    state = CardState.new("d", "c")
    for (rating, _), (when, card) in zip(SEQUENCE, direct_fsrs(), strict=True):
        state = scheduling.review(
            state, rating, when, SchedulingOptions(), leech_threshold=LEECHES, fuzzing=False
        ).state
        _same(state, card)


def test_store_and_reopen_match_fsrs(tmp_path: Path) -> None:
    """Each answer in a fresh session on a freshly reopened database."""
    deck = make_deck(n=1)
    path = tmp_path / "h.sqlite3"
    clock = Clock()
    for (rating, _), (when, card) in zip(SEQUENCE, direct_fsrs(), strict=True):
        clock.set(when)
        with SqliteStore.open(path) as store:
            session = StudySession(store, [deck], now=clock, config=UTC_CONFIG, fuzzing=False)
            entry = QueueEntry(deck, deck.items()[0])
            preview = session.preview(entry)
            result = session.answer(entry, rating)
            assert result.interval == card.due - when
            assert preview[rating] == card.due - when  # fuzz off: preview is exact
        with SqliteStore.open(path) as store:
            _same(store.card_state("demo", "c0"), card)
    with SqliteStore.open(path) as store:
        assert [r.rating for r in store.reviews("demo")] == [r for r, _ in SEQUENCE]


CHILD = textwrap.dedent(
    """
    import json, sys
    from datetime import datetime
    from quizapp.core.config import Config
    from datetime import UTC
    from quizapp.core.store import SqliteStore
    from quizapp.core.study import QueueEntry, StudySession
    from tests.storekit import make_deck
    path, when, rating = sys.argv[1], datetime.fromisoformat(sys.argv[2]), int(sys.argv[3])
    deck = make_deck(n=1)
    with SqliteStore.open(path) as store:
        session = StudySession(store, [deck], now=lambda: when, config=Config(zone=UTC),
                               fuzzing=False)
        session.answer(QueueEntry(deck, deck.items()[0]), rating)
        print(json.dumps(store.card_state("demo", "c0").to_json()))
    """
)


def test_subprocess_restarts_match_fsrs(tmp_path: Path) -> None:
    """Every answer given by a separate process: nothing lives only in memory."""
    path = tmp_path / "h.sqlite3"
    repo = Path(__file__).resolve().parent.parent
    for (rating, _), (when, card) in zip(SEQUENCE, direct_fsrs(), strict=True):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), when.isoformat(), str(rating)],
            capture_output=True,
            text=True,
            check=True,
            cwd=repo,
        )
        _same(CardState.from_json(json.loads(out.stdout)), card)


def test_preview_changes_nothing(tmp_path: Path) -> None:
    deck = make_deck(n=1)
    with SqliteStore.open(tmp_path / "h.sqlite3") as store:
        session = StudySession(store, [deck], now=Clock(), config=UTC_CONFIG)
        entry = session.next_entry()
        assert entry is not None
        first = session.preview(entry)
        assert first == session.preview(entry)
        assert first[1] < first[2] < first[3] < first[4]
        assert store.reviews() == [] and store.card_states("demo") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1m", timedelta(minutes=1)),
        ("10m", timedelta(minutes=10)),
        ("30s", timedelta(seconds=30)),
        ("2h", timedelta(hours=2)),
        ("1d", timedelta(days=1)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert scheduling.parse_duration(text) == expected


def test_card_id_is_stable_and_distinct() -> None:
    a = scheduling.card_id_for("deck", "c1")
    assert a == scheduling.card_id_for("deck", "c1")
    assert a != scheduling.card_id_for("deck", "c2")
    assert a != scheduling.card_id_for("deck-c1", "")
    assert 0 < a < 2**63


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        scheduling.to_ms(datetime(2026, 1, 1))


def test_deck_options_reach_fsrs() -> None:
    options = SchedulingOptions(learning_steps=["5m"], desired_retention=0.8)
    now = START
    interval = scheduling.preview(CardState.new("d", "c"), now, options)
    assert interval[1] == timedelta(minutes=5)
    default = scheduling.preview(CardState.new("d", "c"), now, SchedulingOptions())
    assert interval[4] >= default[4]
