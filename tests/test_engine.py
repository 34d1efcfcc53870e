"""The study engine: an answer is checked, proposed and committed in one call; re-rating,
overruling and undo change the history in one transaction each; fresh state across sessions;
siblings kept apart."""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.core import scheduling
from quizapp.core.config import Config
from quizapp.core.decks import load_deck
from quizapp.core.engine import StudyEngine, stored_response
from quizapp.core.models import Deck, StudyItem
from quizapp.core.store import CardState, SqliteStore
from quizapp.core.study import QueueEntry, StudySession
from quizapp.core.study_queue import sibling_groups
from tests.storekit import UTC_CONFIG, Clock, make_deck

REPO = Path(__file__).resolve().parent.parent
LIBYA = REPO / "decks" / "libya-2019.en.toml"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "h.sqlite3"


@pytest.fixture
def store(db: Path) -> Iterator[SqliteStore]:
    with SqliteStore.open(db) as opened:
        yield opened


def engine_on(store: SqliteStore, deck: Deck, clock: Clock) -> StudyEngine:
    return StudyEngine(
        store, [deck], now=clock, config=UTC_CONFIG, fuzzing=False, rng=random.Random(1)
    )


def rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT id, item_id, rating, verdict, response, state_after FROM reviews ORDER BY id"
        ).fetchall()


def test_the_answer_is_committed_before_the_verdict_is_returned(
    store: SqliteStore, db: Path
) -> None:
    engine = engine_on(store, make_deck(n=2), Clock())
    card = engine.next_card()
    assert card is not None and card.entry.item_id == "c0"
    answer = engine.answer(card, "a0", 1200)
    assert answer.verdict is not None and answer.verdict.outcome == "correct"
    assert answer.proposed == answer.rating == 3
    # another connection (another process) sees it already
    [(review_id, item, rating, verdict, response, _)] = rows(db)
    assert (review_id, item, rating, verdict, response) == (
        answer.result.review_id,
        "c0",
        3,
        "correct",
        "a0",
    )


@pytest.mark.parametrize(
    ("ratings", "final"),
    [([3], 3), ([1], 1), ([1, 4], 4), ([4, 3], 3), ([2, 2], 2)],
)
def test_rerating_replaces_the_review_in_place(
    store: SqliteStore, db: Path, ratings: list[int], final: int
) -> None:
    clock = Clock()
    engine = engine_on(store, make_deck(n=2), clock)
    card = engine.next_card()
    assert card is not None
    first = engine.answer(card, "a0")
    clock.advance(seconds=30)  # the new rating is given a little later…
    for rating in ratings:
        engine.rate(rating)
    [(review_id, _, saved, _, _, _)] = rows(db)
    assert review_id == first.result.review_id and saved == final
    # …but scheduled as of the answer, from the state before it
    expected = scheduling.review(
        CardState.new("demo", "c0"),
        final,
        clock.t - timedelta(seconds=30),
        engine.session.options_for(card.entry.deck),
        leech_threshold=Config().leech_threshold,
        fuzzing=False,
    ).state
    assert store.card_state("demo", "c0") == expected
    assert engine.session.answered == 1 and engine.outcomes == ["correct"]


def test_a_failing_rerating_leaves_the_first_review_intact(store: SqliteStore, db: Path) -> None:
    engine = engine_on(store, make_deck(n=2), Clock())
    card = engine.next_card()
    assert card is not None
    engine.answer(card, "a0")
    before_rows, before_state = rows(db), store.card_state("demo", "c0")
    # the disk fills up halfway through the replacement: the review row is already
    # rewritten when writing the card state fails
    store.connection.execute(
        "CREATE TEMP TRIGGER full BEFORE INSERT ON card_state "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    with pytest.raises(sqlite3.Error, match="disk is full"):
        engine.rate(1)
    assert rows(db) == before_rows
    assert store.card_state("demo", "c0") == before_state
    store.connection.execute("DROP TRIGGER full")
    assert engine.rate(1).rating == 1  # the answer can still be re-rated
    assert [row[2] for row in rows(db)] == [1]


def test_overrule_counts_the_answer_right_and_proposes_good(store: SqliteStore, db: Path) -> None:
    engine = engine_on(store, make_deck(n=2), Clock())
    card = engine.next_card()
    assert card is not None
    wrong = engine.answer(card, "nonsense")
    assert wrong.proposed == 1 and wrong.can_overrule
    right = engine.overrule()
    assert right.overruled and not right.can_overrule
    assert right.verdict is not None and right.verdict.outcome == "correct"
    assert right.checked is not None and right.checked.outcome == "wrong"
    assert [(row[2], row[3]) for row in rows(db)] == [(3, "overruled")]  # told apart
    with pytest.raises(ValueError):
        engine.overrule()
    assert engine.rate(4).rating == 4  # another rating keeps it overruled
    assert [(row[2], row[3]) for row in rows(db)] == [(4, "overruled")]


def test_undo_takes_back_the_answer_and_asks_the_card_again(store: SqliteStore, db: Path) -> None:
    engine = engine_on(store, make_deck(n=2), Clock())
    card = engine.next_card()
    assert card is not None
    engine.answer(card, "a0")
    entry = engine.undo()
    assert entry is not None and entry.item_id == "c0"
    assert rows(db) == [] and store.card_state("demo", "c0") == CardState.new("demo", "c0")
    again = engine.next_card(entry)
    assert again is not None and again.question is card.question  # same options' order
    assert engine.undo() is None
    with pytest.raises(ValueError):
        engine.rate(2)


def test_a_flashcard_is_saved_when_graded(store: SqliteStore, db: Path) -> None:
    deck = Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": "demo", "title": "Demo"},
            "cards": [{"id": "b", "type": "basic", "front": "F", "back": "B"}],
        }
    )
    engine = engine_on(store, deck, Clock())
    card = engine.next_card()
    assert card is not None
    answer = engine.grade(card, 4, 500)
    assert answer.outcome == "self:4" and answer.verdict is None
    assert [(row[2], row[3], row[4]) for row in rows(db)] == [(4, None, "")]


@pytest.mark.parametrize(
    ("response", "text"),
    [
        (None, ""),
        ("", ""),
        ("Tripoli", "Tripoli"),
        (True, "True"),
        (False, "False"),
        (frozenset(), ""),
        (frozenset({"b", "a"}), "a; b"),
        (("b", "a"), "b; a"),
    ],
)
def test_stored_response_reads_as_on_screen(response: object, text: str) -> None:
    deck = make_deck(n=1)
    from quizapp.core.questions import Question

    question = Question(deck.items()[0], "multi", "?", ("a", "b"), "a; b")
    if isinstance(response, bool):
        question = Question(deck.items()[0], "truefalse", "?", ("True", "False"), "True")
    assert stored_response(question, response) == text  # type: ignore[arg-type]


def replay(reviews: list[tuple[int, int]], item_id: str, deck: Deck) -> CardState:
    """The state the log gives: every (time, rating) applied in order from a new card."""
    options = UTC_CONFIG.scheduling_for(deck)
    state = CardState.new(deck.deck.id, item_id)
    for at_ms, rating in reviews:
        state = scheduling.review(
            state,
            rating,
            scheduling.from_ms(at_ms),
            options,
            leech_threshold=UTC_CONFIG.leech_threshold,
            fuzzing=False,
        ).state
    return state


def test_two_sessions_answering_the_same_cards_alternately_never_use_stale_state(
    db: Path,
) -> None:
    deck = make_deck(n=6, new_per_day=50)
    clock = Clock()
    with SqliteStore.open(db) as one, SqliteStore.open(db) as two:
        sessions = [
            StudySession(store, [deck], now=clock, config=UTC_CONFIG, fuzzing=False)
            for store in (one, two)
        ]
        rng = random.Random(5)
        for turn in range(60):
            session = sessions[turn % 2]
            item = deck.items()[rng.randrange(6)]
            session.answer(QueueEntry(deck, item), rng.choice((1, 2, 3, 4)), verdict="correct")
            clock.advance(hours=rng.choice((1, 9, 30)))
        for item in deck.items():
            log = one.reviews("demo", item_id=item.id)
            state = one.card_state("demo", item.id)
            assert state.reps == len(log)
            expected = replay([(r.reviewed_ms, r.rating or 0) for r in log], item.id, deck)
            assert state == expected
            # each review was scheduled from the one before it, whichever session gave it
            for earlier, later in itertools.pairwise(log):
                assert later.state_before == earlier.state_after


def siblings_of(deck: Deck) -> dict[str, frozenset[str]]:
    return sibling_groups(deck.items())


def test_sibling_groups() -> None:
    deck = Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": "s", "title": "S"},
            "cards": [
                {"id": "b", "type": "basic", "front": "F", "back": "B", "reverse": True},
                {"id": "z", "type": "cloze", "text": "{{x}} and {{y}}", "fact": "xy"},
                {"id": "t", "type": "typed", "prompt": "x?", "answer": "x", "fact": "xy"},
                {"id": "lone", "type": "typed", "prompt": "?", "answer": "a"},
            ],
        }
    )
    groups = siblings_of(deck)
    assert groups["b"] == {"b.reverse"} and groups["b.reverse"] == {"b"}
    assert groups["z.1"] == {"z.2", "t"} and groups["t"] == {"z.1", "z.2"}
    assert groups["lone"] == frozenset()


def _study_all_day(store: SqliteStore, deck: Deck, clock: Clock) -> list[StudyItem]:
    """Answer whatever comes, rating in turn, until nothing is left today."""
    session = StudySession(store, [deck], now=clock, config=UTC_CONFIG, fuzzing=False)
    shown: list[StudyItem] = []
    ratings = [3, 1, 3, 4, 2]
    while True:
        entry = session.next_entry()
        if entry is None:
            wait = session.next_due_in()
            if wait is None:
                return shown
            clock.advance(seconds=wait.total_seconds() + 1)
            continue
        shown.append(entry.item)
        session.answer(entry, ratings[len(shown) % len(ratings)], verdict="correct")
        clock.advance(seconds=20)


def test_siblings_never_follow_each_other_on_the_bundled_deck(store: SqliteStore) -> None:
    bundled = load_deck(LIBYA)
    meta = bundled.deck
    unlimited = meta.scheduling.model_copy(update={"new_per_day": 500})
    deck = bundled.model_copy(update={"deck": meta.model_copy(update={"scheduling": unlimited})})
    groups = siblings_of(deck)
    # the deck has what this test is about: a reversed card and cards asking one fact
    # (test_cloze_gaps_are_siblings covers the gaps of one cloze)
    assert any(item.reverse for item in deck.items())
    facts = [card.fact for card in deck.cards if card.fact]
    assert len(facts) > len(set(facts))
    clock = Clock(datetime(2026, 1, 5, 5, 0, tzinfo=UTC))
    shown = _study_all_day(store, deck, clock)
    pairs = list(itertools.pairwise(shown))
    assert pairs and all(b.id not in groups[a.id] for a, b in pairs)
    # one item of each sibling group was studied today; the others wait for tomorrow
    studied = {item.id for item in shown}
    for item_id in studied:
        assert not groups[item_id] & studied
    buried = {item.id for item in deck.items()} - studied
    assert buried and all(groups[item_id] & studied for item_id in buried)
    clock.set(datetime(2026, 1, 6, 5, 0, tzinfo=UTC))
    tomorrow = StudySession(store, [deck], now=clock, config=UTC_CONFIG)
    assert tomorrow.counts.new == len(buried)


def test_bury_siblings_off_studies_them_the_same_day(store: SqliteStore) -> None:
    deck = Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": "s", "title": "S", "scheduling": {"bury_siblings": False}},
            "cards": [{"id": "z", "type": "cloze", "text": "{{x}} and {{y}}"}],
        }
    )
    shown = _study_all_day(store, deck, Clock())
    assert {item.id for item in shown} == {"z.1", "z.2"}


def test_undoing_the_answer_brings_its_siblings_back(store: SqliteStore) -> None:
    deck = Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": "s", "title": "S"},
            "cards": [{"id": "z", "type": "cloze", "text": "{{x}} and {{y}}"}],
        }
    )
    engine = engine_on(store, deck, Clock())
    card = engine.next_card()
    assert card is not None
    engine.answer(card, "x")
    assert engine.counts.new == 0
    engine.undo()
    assert engine.counts.new == 2


def test_cloze_gaps_are_siblings(store: SqliteStore) -> None:
    deck = Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": "s", "title": "S"},
            "cards": [
                {"id": "z", "type": "cloze", "text": "{{x}} and {{y}} and {{w}}"},
                {"id": "b", "type": "basic", "front": "f", "back": "b"},
            ],
        }
    )
    shown = _study_all_day(store, deck, Clock())
    # one gap is studied today (it may come back in its learning steps); the others wait
    assert len({item.id for item in shown} & {"z.1", "z.2", "z.3"}) == 1
