"""Study sessions: queue order, daily limits, rollover across DST, undo, leech, suspend, bury."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from quizapp.core import scheduling
from quizapp.core.config import Config
from quizapp.core.store import CardState, SqliteStore
from quizapp.core.study import QueueCounts, QueueEntry, StudySession, deck_counts, orphans
from tests.storekit import UTC_CONFIG, Clock, make_deck

PARIS = Config(zone=ZoneInfo("Europe/Paris"), day_rollover_hour=4)
NO_LEARN_AHEAD = Config(zone=UTC, learn_ahead_minutes=0)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore.open(tmp_path / "h.sqlite3") as opened:
        yield opened


def ms(moment: datetime) -> int:
    return scheduling.to_ms(moment)


def review_state(item: str, due: datetime, deck_id: str = "demo", **kw) -> CardState:
    last = due - timedelta(days=3)
    fields = dict(state=2, stability=3.0, difficulty=5.0, due_ms=ms(due), last_review_ms=ms(last))
    fields.update(kw)
    return CardState(deck_id, item, reps=3, **fields)


def drain(session: StudySession) -> list[str]:
    """Item ids in queue order, burying each as it comes (bury changes nothing else)."""
    seen = []
    while (entry := session.next_entry()) is not None:
        seen.append(entry.item_id)
        session.bury(entry)
    return seen


def test_queue_order(store: SqliteStore) -> None:
    clock = Clock()
    now = clock()
    deck = make_deck(n=7)
    store.put_card_state(review_state("c0", now - timedelta(days=1)))
    store.put_card_state(review_state("c1", now - timedelta(days=2)))
    learning = CardState("demo", "c2", 1, 1, 2.0, 5.0, ms(now - timedelta(minutes=5)), ms(now), 1)
    store.put_card_state(learning)
    store.put_card_state(review_state("c3", now + timedelta(hours=1)))  # due later today: not yet
    store.put_card_state(review_state("c6", now))  # due exactly now: shown
    session = StudySession(store, [deck], now=clock, config=UTC_CONFIG)
    assert session.counts == QueueCounts(new=2, learning=1, review=3)
    assert session.next_entry().kind == "learning"
    assert drain(session) == ["c2", "c1", "c0", "c6", "c4", "c5"]
    assert session.counts == QueueCounts(0, 0, 0)


def test_learning_step_comes_back_when_due(store: SqliteStore) -> None:
    clock = Clock()
    deck = make_deck(n=1)
    session = StudySession(store, [deck], now=clock, config=NO_LEARN_AHEAD, fuzzing=False)
    entry = session.next_entry()
    assert entry is not None and entry.kind == "new"
    result = session.answer(entry, 3)
    assert result.interval == timedelta(minutes=10)
    assert session.next_entry() is None
    assert session.counts == QueueCounts(new=0, learning=1, review=0)
    assert session.next_due_in() == timedelta(minutes=10)
    clock.advance(minutes=9, seconds=59)
    assert session.next_entry() is None
    assert session.next_due_in() == timedelta(seconds=1)
    clock.advance(seconds=1)
    again = session.next_entry()
    assert again is not None and again.item_id == entry.item_id and again.kind == "learning"
    assert session.next_due_in() is None


@pytest.mark.parametrize(("limit", "shown_now"), [(20, True), (10, True), (9, False), (0, False)])
def test_learn_ahead_shows_a_learning_card_due_within_the_limit(
    store: SqliteStore, limit: int, shown_now: bool
) -> None:
    """With nothing else left, a step due in 10 minutes is shown now if the limit reaches it."""
    clock = Clock()
    deck = make_deck(n=1)
    config = Config(zone=UTC, learn_ahead_minutes=limit)
    session = StudySession(store, [deck], now=clock, config=config, fuzzing=False)
    entry = session.next_entry()
    assert entry is not None
    assert session.answer(entry, 3).interval == timedelta(minutes=10)
    ahead = session.next_entry()
    if shown_now:
        assert ahead is not None and ahead.item_id == entry.item_id and ahead.kind == "learning"
        assert session.next_due_in() is None
    else:
        assert ahead is None and session.next_due_in() == timedelta(minutes=10)


def test_learn_ahead_waits_for_new_cards_first(store: SqliteStore) -> None:
    """A learning card due soon is not shown ahead while new cards are left."""
    clock = Clock()
    session = StudySession(store, [make_deck(n=2)], now=clock, config=UTC_CONFIG, fuzzing=False)
    first = session.next_entry()
    assert first is not None
    session.answer(first, 3)
    second = session.next_entry()
    assert second is not None and second.kind == "new" and second.item_id != first.item_id
    session.answer(second, 3)
    ahead = session.next_entry()
    assert ahead is not None and ahead.item_id == first.item_id  # the earliest due first


def test_daily_limits_hold_across_sessions_and_undo(store: SqliteStore) -> None:
    clock = Clock()
    deck = make_deck(n=6, new_per_day=2, reviews_per_day=2)
    for item in ("c3", "c4", "c5"):
        store.put_card_state(review_state(item, clock() - timedelta(days=1)))
    session = StudySession(store, [deck], now=clock, config=UTC_CONFIG)
    assert session.counts == QueueCounts(new=2, learning=0, review=2)
    answered = []
    while (entry := session.next_entry()) is not None and entry.kind != "learning":
        session.answer(entry, 4)  # Easy: out of today's queue
        answered.append(entry.item_id)
    assert answered == ["c3", "c4", "c0", "c1"]
    fresh = StudySession(store, [deck], now=clock, config=UTC_CONFIG)
    assert fresh.counts == QueueCounts(new=0, learning=0, review=0)
    assert fresh.next_entry() is None
    session.undo()  # c1 back: one new card allowed again
    assert StudySession(store, [deck], now=clock, config=UTC_CONFIG).counts.new == 1
    clock.advance(days=1)  # next study day: limits reset
    assert session.counts == QueueCounts(new=2, learning=0, review=1)


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (datetime(2026, 3, 29, 1, 59, tzinfo=UTC), "2026-03-28"),  # 03:59 CEST
        (datetime(2026, 3, 29, 2, 0, tzinfo=UTC), "2026-03-29"),  # 04:00 CEST
        (datetime(2026, 3, 28, 2, 59, tzinfo=UTC), "2026-03-27"),  # 03:59 CET
        (datetime(2026, 3, 28, 3, 0, tzinfo=UTC), "2026-03-28"),  # 04:00 CET
        (datetime(2026, 10, 25, 2, 59, tzinfo=UTC), "2026-10-24"),  # 03:59 CET
        (datetime(2026, 10, 25, 3, 0, tzinfo=UTC), "2026-10-25"),  # 04:00 CET
        (datetime(2026, 10, 24, 1, 59, tzinfo=UTC), "2026-10-23"),  # 03:59 CEST
        (datetime(2026, 10, 24, 2, 0, tzinfo=UTC), "2026-10-24"),  # 04:00 CEST
    ],
)
def test_study_day_across_dst(moment: datetime, day: str) -> None:
    assert PARIS.study_day(moment).isoformat() == day


def test_days_last_23_and_25_hours_across_dst() -> None:
    start, end = PARIS.day_bounds(datetime(2026, 3, 28).date())
    assert (start, end - start) == (datetime(2026, 3, 28, 3, tzinfo=UTC), timedelta(hours=23))
    start, end = PARIS.day_bounds(datetime(2026, 10, 24).date())
    assert (start, end - start) == (datetime(2026, 10, 24, 2, tzinfo=UTC), timedelta(hours=25))


def test_new_limit_and_bury_roll_over_at_local_4am_across_dst(store: SqliteStore) -> None:
    clock = Clock(datetime(2026, 3, 28, 20, 0, tzinfo=UTC))  # 21:00 CET, study day 28 March
    deck = make_deck(n=5, new_per_day=2)
    session = StudySession(store, [deck], now=clock, config=PARIS)
    for _ in range(2):
        session.answer(session.next_entry(), 4)
    buried = QueueEntry(deck, deck.items()[4])
    session.bury(buried)
    assert store.card_state("demo", "c4").buried_until_ms == ms(
        datetime(2026, 3, 29, 2, tzinfo=UTC)
    )
    assert session.next_entry() is None
    clock.set(datetime(2026, 3, 29, 1, 59, 59, tzinfo=UTC))  # 03:59:59 CEST: same study day
    assert session.counts.new == 0
    clock.set(datetime(2026, 3, 29, 2, 0, tzinfo=UTC))  # 04:00 CEST: a new study day
    assert session.counts.new == 2
    assert drain(session) == ["c2", "c3", "c4"]  # c4 is unburied; burying is not answering


def test_suspend_and_unsuspend(store: SqliteStore) -> None:
    clock = Clock()
    deck = make_deck(n=2)
    session = StudySession(store, [deck], now=clock, config=UTC_CONFIG)
    first = session.next_entry()
    session.suspend(first)
    assert session.next_entry().item_id == "c1"
    assert session.counts.new == 1
    assert StudySession(store, [deck], now=clock, config=UTC_CONFIG).counts.new == 1
    session.unsuspend(first)
    assert session.next_entry().item_id == "c0"
    assert store.card_states("demo") == {}


def test_suspended_review_card_is_never_due(store: SqliteStore) -> None:
    clock = Clock()
    deck = make_deck(n=1, new_per_day=0)
    store.put_card_state(review_state("c0", clock() - timedelta(days=3), suspended=True))
    session = StudySession(store, [deck], now=clock, config=UTC_CONFIG)
    assert session.next_entry() is None and session.counts == QueueCounts(0, 0, 0)


def test_leech_is_tagged_reported_and_still_scheduled(store: SqliteStore) -> None:
    clock = Clock()
    deck = make_deck(n=1, new_per_day=0)
    store.put_card_state(review_state("c0", clock()))
    config = Config(zone=UTC, leech_threshold=3)
    session = StudySession(store, [deck], now=clock, config=config, fuzzing=False)
    reports = []
    for _ in range(4):
        entry = session.next_entry()
        assert entry is not None and entry.kind == "review"
        lapse = session.answer(entry, 1)
        reports.append((lapse.state.lapses, lapse.leech, lapse.new_leech))
        clock.set(scheduling.from_ms(lapse.state.due_ms))
        relearned = session.answer(session.next_entry(), 3)
        assert relearned.state.state == 2
        clock.set(scheduling.from_ms(relearned.state.due_ms))
    assert reports == [(1, False, False), (2, False, False), (3, True, True), (4, True, False)]
    assert store.card_state("demo", "c0").leech
    assert session.next_entry() is not None  # a leech keeps being scheduled


def test_undo_repeatedly_restores_state_and_log(store: SqliteStore) -> None:
    clock = Clock()
    deck = make_deck(n=3)
    store.put_card_state(review_state("c2", clock() - timedelta(days=1)))
    session = StudySession(store, [deck], now=clock, config=UTC_CONFIG)

    def snapshot() -> tuple:
        conn = store.connection
        return (
            conn.execute("SELECT * FROM card_state ORDER BY item_id").fetchall(),
            conn.execute("SELECT * FROM reviews ORDER BY id").fetchall(),
            session.counts,
        )

    snapshots, shown = [], []
    for rating in (1, 3, 2, 1, 4):
        snapshots.append(snapshot())
        entry = session.next_entry()
        shown.append(entry.item_id)
        session.answer(entry, rating, verdict="wrong" if rating == 1 else "correct", response="x")
        clock.advance(minutes=11)
    assert session.answered == 5
    for expected_item, expected in zip(reversed(shown), reversed(snapshots), strict=True):
        entry = session.undo()
        assert entry is not None and entry.item_id == expected_item
        assert snapshot() == expected
    assert session.answered == 0
    assert session.undo() is None


def test_answer_is_committed_before_return(store: SqliteStore, tmp_path: Path) -> None:
    clock = Clock()
    deck = make_deck(n=1)
    session = StudySession(store, [deck], now=clock, config=UTC_CONFIG)
    entry = session.next_entry()
    result = session.answer(entry, 3, verdict="correct", response="A0", response_ms=1234)
    with SqliteStore.open(store.path) as other:  # a second connection sees it at once
        (row,) = other.reviews("demo")
        assert (row.id, row.verdict, row.response, row.response_ms) == (
            result.review_id,
            "correct",
            "A0",
            1234,
        )
        assert row.content_hash == entry.item.content_hash
        assert row.state_after == other.card_state("demo", "c0") == result.state


def new_order(store: SqliteStore, deck, clock: Clock) -> list[str]:
    """The order new cards come in now (each is suspended to see the next, then restored)."""
    session = StudySession(store, [deck], now=clock, config=NO_LEARN_AHEAD)
    out = []
    while (entry := session.next_entry()) is not None:
        out.append(entry.item_id)
        session.suspend(entry)
    for item_id in out:
        store.set_suspended("demo", item_id, False)
    return out


def test_random_new_order_is_stable_within_a_day(store: SqliteStore) -> None:
    clock = Clock()
    deck = make_deck(n=20, new_order="random", new_per_day=20)
    first = new_order(store, deck, clock)
    assert sorted(first) == sorted(i.id for i in deck.items())
    assert first == new_order(store, deck, clock)
    assert first != [i.id for i in deck.items()]
    clock.advance(days=1)
    assert new_order(store, deck, clock) != first


def test_all_decks_together(store: SqliteStore) -> None:
    clock = Clock()
    a, b = make_deck("a", n=2, new_per_day=1), make_deck("b", n=2, new_per_day=1)
    store.put_card_state(review_state("c1", clock() - timedelta(hours=1), deck_id="b"))
    store.put_card_state(review_state("c1", clock() - timedelta(hours=2), deck_id="a"))
    session = StudySession(store, [a, b], now=clock, config=UTC_CONFIG)
    order = []
    while (entry := session.next_entry()) is not None:
        order.append((entry.deck_id, entry.item_id))
        session.bury(entry)
    assert order == [("a", "c1"), ("b", "c1"), ("a", "c0"), ("b", "c0")]
    assert deck_counts(store, a, clock(), UTC_CONFIG) == QueueCounts(0, 0, 0)


def test_deck_counts_match_session(store: SqliteStore) -> None:
    clock = Clock()
    deck = make_deck(n=4)
    store.put_card_state(review_state("c0", clock() - timedelta(days=1)))
    counts = deck_counts(store, deck, clock(), UTC_CONFIG)
    assert counts == QueueCounts(new=3, learning=0, review=1) and counts.total == 4
    assert counts == StudySession(store, [deck], now=clock, config=UTC_CONFIG).counts


def test_config_overrides_deck_scheduling(store: SqliteStore) -> None:
    deck = make_deck(n=5, new_per_day=5)
    config = Config(zone=UTC, decks={"demo": {"scheduling": {"new_per_day": 2}}})
    assert deck_counts(store, deck, Clock()(), config).new == 2


def test_median_response_time(store: SqliteStore) -> None:
    clock = Clock()
    deck = make_deck(n=4)
    session = StudySession(store, [deck], now=clock, config=UTC_CONFIG)
    assert session.median_response_ms(deck) is None
    for response_ms in (1000, 3000, 2000):
        session.answer(session.next_entry(), 3, response_ms=response_ms)
    assert session.median_response_ms(deck) == 2000


def test_orphans(store: SqliteStore) -> None:
    deck = make_deck(n=3)
    store.set_suspended("demo", "c0", True)
    store.set_suspended("demo", "c9", True)  # a card since removed from the deck
    store.set_suspended("gone", "x", True)  # a deck not loaded
    assert orphans(store, [deck]) == [("demo", "c9")]
    assert orphans(store, [deck], unloaded_decks=True) == [("demo", "c9"), ("gone", "x")]

    class Loaded:  # the library's LoadedDeck shape
        def __init__(self, deck, id):
            self.deck, self.id = deck, id

    assert orphans(store, [Loaded(deck, "demo")]) == [("demo", "c9")]
    assert orphans(store, [Loaded(None, "gone")], unloaded_decks=True) == [
        ("demo", "c0"),
        ("demo", "c9"),
    ]


def test_orphans_with_the_library(store: SqliteStore, tmp_path: Path) -> None:
    from quizapp.core.library import load_paths

    deck_file = tmp_path / "lib.toml"
    deck_file.write_text(
        'format = 1\n[deck]\nid = "lib"\ntitle = "L"\n'
        '[[cards]]\nid = "kept"\ntype = "cloze"\ntext = "{{a}} and {{b}}"\n',
        encoding="utf-8",
    )
    (loaded,) = load_paths([deck_file])
    assert loaded.ok
    for item in ("kept.1", "kept.2", "kept.3", "dropped"):
        store.set_suspended("lib", item, True)
    assert orphans(store, [loaded]) == [("lib", "dropped"), ("lib", "kept.3")]


def test_undo_keeps_a_suspend_or_bury_made_after_the_answer(store: SqliteStore) -> None:
    """Undo takes back the answer, not the learner's later choice to suspend or bury the card."""
    clock = Clock()
    deck = make_deck(n=2)
    session = StudySession(store, [deck], now=clock, config=UTC_CONFIG, fuzzing=False)
    first = session.next_entry()
    session.answer(first, 1)
    session.suspend(first)
    second = session.next_entry()
    session.answer(second, 1)
    session.bury(second)
    assert session.undo().item_id == second.item_id
    assert session.undo().item_id == first.item_id
    for entry, check in ((first, "suspended"), (second, "buried")):
        stored = store.card_state("demo", entry.item_id)
        assert (stored.state, stored.reps) == (0, 0)
        assert stored == session.state_of(entry)
        if check == "suspended":
            assert stored.suspended and stored.buried_until_ms is None
        else:
            assert not stored.suspended and stored.is_buried(ms(clock()))
    assert session.next_entry() is None


def test_random_new_order_keeps_its_order_when_cards_leave(store: SqliteStore) -> None:
    """Suspending, burying or answering one new card does not reshuffle the others."""
    clock = Clock()
    deck = make_deck(n=20, new_order="random", new_per_day=20)
    items = {item.id: item for item in deck.items()}
    first = new_order(store, deck, clock)
    session = StudySession(store, [deck], now=clock, config=UTC_CONFIG)
    session.suspend(QueueEntry(deck, items[first[3]]))
    session.answer(QueueEntry(deck, items[first[7]]), 3)
    session.bury(QueueEntry(deck, items[first[11]]))
    left = [i for n, i in enumerate(first) if n not in (3, 7, 11)]
    assert new_order(store, deck, clock) == left
