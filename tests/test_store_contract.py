"""The stats and transfer queries of a store, checked against Python over its own records.

Each query of :class:`~quizapp.core.store.queries.StatsQueries` and
:class:`~quizapp.core.store.queries.TransferQueries` is recomputed here from
what :meth:`Store.reviews`, :meth:`Store.card_states` and
:meth:`Store.quiz_sessions` return, on random histories. The ``new_store``
fixture (tests/storekit_backends.py) runs each on SQLite and on PostgreSQL: both must agree.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core.store import NEW, REVIEW, CardState, Store
from quizapp.core.store.protocol import NewReview, ReviewRecord

DAY = 86_400_000
MATURE = 21 * DAY
DECKS = ("a", "b")

states = st.builds(
    CardState,
    deck_id=st.sampled_from(DECKS),
    item_id=st.sampled_from(["x", "y", "z", "w"]),
    state=st.integers(0, 3),
    stability=st.one_of(st.none(), st.floats(0.1, 400)),
    difficulty=st.just(5.0),
    due_ms=st.one_of(st.none(), st.integers(0, 200 * DAY)),
    last_review_ms=st.one_of(st.none(), st.integers(0, 100 * DAY)),
    reps=st.integers(1, 30),
    lapses=st.integers(0, 9),
    suspended=st.booleans(),
    leech=st.booleans(),
)
reviews = st.builds(
    NewReview,
    deck_id=st.sampled_from(DECKS),
    item_id=st.sampled_from(["x", "y", "z"]),
    reviewed_ms=st.integers(0, 100 * DAY),
    rating=st.one_of(st.none(), st.integers(1, 4)),
    mode=st.sampled_from(["study", "quiz", "import"]),
    verdict=st.sampled_from([None, "correct", "close", "wrong"]),
    state_before=st.one_of(st.none(), states),
)


def filled(
    new_store: Callable[[], Store], answers: list[NewReview], cards: list[CardState]
) -> Store:
    store = new_store()
    store.record_reviews(answers)
    for card in cards:
        store.put_card_state(card)
    return store


def interval(state: CardState | None) -> int | None:
    if state is None or state.due_ms is None or state.last_review_ms is None:
        return None
    return state.due_ms - state.last_review_ms


def days_of(ms: int | None) -> float | None:
    return None if ms is None else ms / DAY


def counted(r: ReviewRecord) -> bool:
    """An answer true retention counts: study or import, to a card in review."""
    return (
        r.mode in ("study", "import")
        and r.state_before is not None
        and r.state_before.state == REVIEW
        and r.rating is not None
    )


def mature(r: ReviewRecord) -> bool:
    value = interval(r.state_before)
    return value is not None and value >= MATURE


def wrong(r: ReviewRecord) -> bool:
    if r.verdict is not None:
        return r.verdict == "wrong"
    return (r.rating or 1) <= 1


def unsuspended_studied(store: Store, deck: str | None) -> list[CardState]:
    decks = DECKS if deck is None else (deck,)
    return [
        s
        for d in decks
        for s in store.card_states(d).values()
        if s.state != NEW and not s.suspended
    ]


RUN = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@RUN
@given(
    answers=st.lists(reviews, max_size=40),
    cards=st.lists(states, max_size=12),
    deck=st.sampled_from([None, "a"]),
    cut=st.lists(st.integers(0, 100 * DAY), min_size=1, max_size=4, unique=True),
)
def test_stats_queries_agree_with_the_records(new_store, answers, cards, deck, cut) -> None:
    store = filled(new_store, answers, cards)
    records = store.reviews(deck)
    assert store.has_history_schema()
    assert store.review_count(deck) == len(records)
    times = [r.reviewed_ms for r in records]
    assert store.review_span(deck) == ((min(times), max(times)) if times else None)
    ranges = [(low, low + 7 * DAY) for low in cut]
    assert store.review_counts(ranges, deck) == [
        sum(low <= t < high for t in times) for low, high in ranges
    ]

    bounds = sorted({*cut, min(cut) + 9 * DAY, -(2**62), 2**62})
    ranges = list(itertools.pairwise(bounds))
    expected = Counter()
    for r in filter(counted, records):
        part = next(i for i, (low, high) in enumerate(ranges) if low <= r.reviewed_ms < high)
        expected[(part, mature(r), (r.rating or 0) > 1)] += 1
    got = store.retention_by_range(ranges, deck, MATURE)
    assert {(c.slice, c.mature, c.passed): c.answers for c in got} == expected
    assert store.retention_by_range([], deck, MATURE) == []

    per_item = Counter((r.deck_id, r.item_id) for r in records)
    wrongs = Counter((r.deck_id, r.item_id) for r in records if wrong(r))
    assert {(i.deck_id, i.item_id): (i.answers, i.wrong) for i in store.answer_counts(deck)} == {
        key: (n, wrongs[key]) for key, n in per_item.items()
    }


@RUN
@given(cards=st.lists(states, max_size=16), deck=st.sampled_from([None, "b"]))
def test_card_queries_agree_with_the_states(new_store, cards, deck) -> None:
    store = filled(new_store, [], cards)
    stored = [s for d in DECKS if deck in (None, d) for s in store.card_states(d).values()]
    assert store.stored_item_keys(deck) == {(s.deck_id, s.item_id) for s in stored}

    counts = store.state_counts(deck, MATURE)
    live = [s for s in stored if not s.suspended]
    in_review = [s for s in live if s.state == REVIEW]
    assert counts.new == sum(s.state == NEW for s in live)
    assert counts.learning == sum(s.state in (1, 3) for s in live)
    assert counts.young == sum((interval(s) or 0) < MATURE for s in in_review)
    assert counts.mature == sum((interval(s) or 0) >= MATURE for s in in_review)
    assert counts.suspended == sum(s.suspended for s in stored)
    assert counts.leeches == sum(s.leech for s in stored)

    start, end, bucket = 50 * DAY, 80 * DAY, DAY // 4
    due = [s.due_ms for s in unsuspended_studied(store, deck) if s.due_ms is not None]
    forecast = store.due_forecast(start, end, bucket, deck)
    assert forecast.overdue == sum(d < start for d in due)
    assert dict(forecast.buckets) == dict(Counter(d // bucket for d in due if start <= d < end))

    edges = (0, 1, 3, 7, 14, 21, 30, 90, 180, 365)
    for value in ("interval", "stability"):
        days = [s.stability if value == "stability" else days_of(interval(s)) for s in in_review]
        bins = Counter(
            max(i for i, e in enumerate(edges) if v >= e) if v >= 0 else 0
            for v in days
            if v is not None
        )
        assert store.review_histogram(value, edges, deck) == dict(bins)

    studied = unsuspended_studied(store, deck)
    lapsed = sorted(
        (s for s in studied if s.lapses > 0),
        key=lambda s: (-s.lapses, -s.reps, s.deck_id, s.item_id),
    )
    assert [(c.deck_id, c.item_id) for c in store.most_lapsed(deck, 3)] == [
        (s.deck_id, s.item_id) for s in lapsed[:3]
    ]
    now = 120 * DAY
    weak = [s for s in studied if (s.stability or 0) > 0 and s.last_review_ms is not None]
    ranked = store.least_recalled(deck, now, 50)
    assert {(c.deck_id, c.item_id) for c in ranked} == {(s.deck_id, s.item_id) for s in weak}
    ratios = [((now - (c.last_review_ms or 0)) // DAY) / (c.stability or 1) for c in ranked]
    assert ratios == sorted(ratios, reverse=True)


@RUN
@given(answers=st.lists(reviews, max_size=30))
def test_transfer_queries_agree_with_the_records(new_store, answers) -> None:
    store = filled(new_store, answers, [])
    records = store.reviews()
    exported = list(store.stored_reviews(None))
    assert [(r.deck_id, r.item_id, r.reviewed_ms, r.rating, r.mode) for r in exported] == [
        (r.deck_id, r.item_id, r.reviewed_ms, r.rating, r.mode) for r in records
    ]
    assert [CardState.from_json(r.state_before) if r.state_before else None for r in exported] == [
        r.state_before for r in records
    ]
    # Answers equal in deck, item, time and rating are told apart by their order (by id).
    seen: Counter[tuple[str, str, int, int | None]] = Counter()
    expected = set()
    for r in sorted(records, key=lambda r: r.id):
        if r.deck_id == "a":
            base = (r.deck_id, r.item_id, r.reviewed_ms, r.rating)
            expected.add((*base, seen[base]))
            seen[base] += 1
    assert store.review_keys(["a"]) == expected
    assert sorted(store.past_answers(list(DECKS))) == sorted(
        (r.deck_id, r.item_id, r.reviewed_ms, r.rating, r.response_ms)
        for r in records
        if r.mode in ("study", "import") and r.rating is not None
    )
    quiz = store.start_quiz("b", 5, {"questions": 3})
    store.finish_quiz(quiz, finished_ms=9, questions=3, correct=2, close=0, wrong=1, score=66.7)
    store.start_quiz("a", 7, {})  # still running
    assert [
        (
            q.id,
            q.deck_id,
            q.started_ms,
            q.finished_ms,
            bool(q.abandoned),
            q.score,
            json.loads(q.settings or "{}"),
        )
        for q in store.stored_quizzes(None)
    ] == [
        (q.id, q.deck_id, q.started_ms, q.finished_ms, q.abandoned, q.score, q.settings)
        for q in store.quiz_sessions()
    ]
    assert store.all_deck_ids() == {r.deck_id for r in records} | {"a", "b"}


def test_write_history_is_all_or_nothing_and_links_new_quizzes(new_store) -> None:
    """An import's batch on each backend: written whole, or (one row failing) not at all."""
    from quizapp.core.store.protocol import HistoryBatch, NewQuiz

    store = new_store()
    quiz = NewQuiz("a", 1_000, 9_000, questions=2, correct=1, wrong=1, score=50.0)
    after = CardState("a", "x", state=REVIEW, stability=2.0, due_ms=5 * DAY, last_review_ms=DAY)
    batch = HistoryBatch(
        quizzes=[quiz],
        reviews=[
            NewReview("a", "q", 2_000, 3, mode="quiz", verdict="correct"),
            NewReview("a", "x", DAY, 3, mode="import", state_after=after),
        ],
        review_quizzes=[0, None],
        states=[CardState("a", "y", state=REVIEW, stability=1.0, due_ms=DAY)],
    )
    seen: list[tuple[int, int]] = []
    store.write_history(batch, lambda done, total: seen.append((done, total)))
    (session,) = store.quiz_sessions("a")
    assert (session.started_ms, session.finished_ms, session.score) == (1_000, 9_000, 50.0)
    assert [(r.item_id, r.quiz_id) for r in store.reviews("a")] == [("q", session.id), ("x", None)]
    assert set(store.card_states("a")) == {"x", "y"}
    assert seen[-1] == (2, 2)

    broken = HistoryBatch(
        quizzes=[quiz],
        reviews=[NewReview("b", "z", DAY, 3), NewReview(None, "z", DAY, 3)],  # type: ignore[arg-type]
        review_quizzes=[None, None],
        states=[CardState("b", "z", state=REVIEW, due_ms=DAY)],
    )
    with pytest.raises(Exception):  # noqa: B017 - the backend's own integrity error
        store.write_history(broken)
    assert len(store.quiz_sessions("a")) == 1
    assert store.reviews("b") == [] and store.card_states("b") == {}
