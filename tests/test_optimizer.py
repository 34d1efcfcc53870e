"""The optimizer's plumbing: items from a hand-made log, metrics by hand, stored parameters used."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs_rs_python
import pytest

from quizapp.core import scheduling
from quizapp.core.config import Config
from quizapp.core.optimizer import saved
from quizapp.core.optimizer.evaluate import evaluate, time_series_split
from quizapp.core.optimizer.fit import (
    NotEnoughReviews,
    default_parameters,
    fit,
    forgetting_curve,
    predict,
)
from quizapp.core.optimizer.items import Item, Step, build_items, to_fsrs_items
from quizapp.core.optimizer.metrics import auc, bin_key, log_loss, rmse_bins
from quizapp.core.optimizer.run import choose_target, read_items
from quizapp.core.store import SqliteStore
from quizapp.core.store.fitting import GradedAnswer, graded_answer_count, graded_answers
from quizapp.core.store.protocol import NewReview
from quizapp.core.study import StudySession
from tests.storekit import UTC_CONFIG, Clock, make_deck

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday, noon UTC
ROLLOVER_UTC = Config(zone=UTC, day_rollover_hour=4)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore.open(tmp_path / "h.sqlite3") as opened:
        yield opened


def at(days: float = 0, hours: float = 0, minutes: float = 0) -> int:
    return scheduling.to_ms(T0 + timedelta(days=days, hours=hours, minutes=minutes))


def answer(item: str, when: int, rating: int | None, mode: str = "study") -> NewReview:
    return NewReview(deck_id="demo", item_id=item, reviewed_ms=when, rating=rating, mode=mode)  # type: ignore[arg-type]


# ----------------------------------------------------------------- items from a hand-made log
def test_items_from_a_hand_made_log(store: SqliteStore) -> None:
    store.record_reviews(
        [
            answer("a", at(0), 1),  # first answer: history only
            answer("a", at(0, minutes=10), 3),  # same-day repeat: history only
            answer("a", at(1), 3),  # next day: a target
            answer("a", at(1, hours=15, minutes=30), 3),  # 03:30 the day after: same study day
            answer("a", at(5), 2),  # four study days later
            answer("b", at(0), 4),  # a card answered once: no item
            answer("a", at(2), 3, mode="quiz"),  # a quiz answer never moves the schedule
            answer("c", at(0), None),  # no rating: not graded
        ]
    )
    answers = graded_answers(store)
    assert [(a.item_id, a.rating) for a in answers] == [
        ("a", 1),
        ("b", 4),
        ("a", 3),
        ("a", 3),
        ("a", 3),
        ("a", 2),
    ]
    target = choose_target(None, [], ROLLOVER_UTC, store.deck_ids_with_history())
    _, items = read_items(store, target, ROLLOVER_UTC)
    assert (items.answers, items.cards, items.same_day, items.inter_day) == (6, 2, 2, 2)
    first, second = items.items
    assert first.steps == (Step(1, 0), Step(3, 0), Step(3, 1))
    assert first.reviewed_ms == at(1)
    assert second.steps == (Step(1, 0), Step(3, 0), Step(3, 1), Step(3, 0), Step(2, 4))
    assert [i.long_term_review_cnt() for i in to_fsrs_items(items.items)] == [1, 2]


def test_days_roll_over_at_the_local_hour() -> None:
    """Two answers either side of the rollover hour are a day apart, a few minutes apart."""
    before = GradedAnswer("d", "x", at(0, hours=15, minutes=55), 3, None, None)  # 03:55 UTC
    after = GradedAnswer("d", "x", at(0, hours=16, minutes=5), 3, None, None)  # 04:05 UTC

    def day_of(ms: int) -> int:
        return ROLLOVER_UTC.study_day(scheduling.from_ms(ms)).toordinal()

    items = build_items([before, after], day_of)
    assert [i.steps for i in items.items] == [(Step(3, 0), Step(3, 1))]


def test_items_are_in_time_order_of_their_target() -> None:
    answers = [
        GradedAnswer("d", "late", at(0), 3, None, None),
        GradedAnswer("d", "early", at(0, hours=1), 3, None, None),
        GradedAnswer("d", "early", at(1), 3, None, None),
        GradedAnswer("d", "late", at(3), 1, None, None),
    ]
    items = build_items(answers, lambda ms: ms // 86_400_000)
    assert [i.card[1] for i in items.items] == ["early", "late"]


# ----------------------------------------------------------------- metrics by hand
def item(*steps: tuple[int, int]) -> Item:
    return Item(("d", "x"), 0, tuple(Step(r, t) for r, t in steps))


def test_log_loss_by_hand() -> None:
    assert log_loss([0.9, 0.2], [True, False]) == pytest.approx(
        -(math.log(0.9) + math.log(0.8)) / 2
    )


def test_auc_by_hand() -> None:
    # Recalled 0.9, 0.6 vs forgotten 0.7, 0.1: pairs won 2 of 2 and 1 of 2.
    assert auc([0.9, 0.6, 0.7, 0.1], [True, True, False, False]) == pytest.approx(0.75)
    assert auc([0.5, 0.5], [True, False]) == pytest.approx(0.5)  # a tie counts half
    assert auc([0.5, 0.7], [True, True]) is None


def test_bins_and_rmse_by_hand() -> None:
    short = item((3, 0), (3, 1))  # 1 day, 1 inter-day review, no lapse
    lapsed = item((3, 0), (1, 5), (3, 5))  # 5 days, 2 inter-day reviews, 1 lapse
    # 248 = 2.48 days x 100; 2 reviews -> 1.99 x 1.89 = 4; 1 lapse -> 1.65 = 2
    assert bin_key(short) == (248, 4, 0)
    assert bin_key(lapsed) == (898, 4, 2)
    # Same bin: mean prediction 0.8 vs mean outcome 1.0; other bin: 0.5 vs 1.0 (one answer).
    twin = item((3, 0), (3, 1))
    expected = math.sqrt((2 * (0.8 - 1.0) ** 2 + 1 * (0.5 - 1.0) ** 2) / 3)
    assert rmse_bins([0.7, 0.9, 0.5], [short, twin, lapsed]) == pytest.approx(expected)


def test_prediction_with_default_parameters_by_hand() -> None:
    """One Good first answer, asked again two days later: S = w2, R = the FSRS-6 curve."""
    w = default_parameters()
    [p] = predict(w, [item((3, 0), (3, 2))])
    factor = 0.9 ** (-1 / w[20]) - 1
    assert p == pytest.approx((1 + factor * 2 / w[2]) ** -w[20], rel=1e-5)
    assert forgetting_curve(10.0, 10.0, w[20]) == pytest.approx(0.9)


# ----------------------------------------------------------------- fitting and evaluation
def synthetic_items(cards: int = 300, seed: int = 7) -> list[Item]:
    """A fixed, made-up log: each card answered at growing intervals, forgotten the more
    likely the longer the interval is against the card's (hidden) memory stability."""
    rng = random.Random(seed)
    answers = []
    for card in range(cards):
        day = rng.randrange(60)
        answers.append(
            GradedAnswer("d", f"c{card}", day * 86_400_000, rng.choice([1, 3, 3, 4]), None, None)
        )
        interval, stability = 1, rng.uniform(0.5, 6)
        for _ in range(rng.randrange(2, 8)):
            day += interval
            recalled = rng.random() < 0.9 ** (interval / stability)
            stability = stability * 2.5 if recalled else stability * 0.5
            rating = rng.choice([2, 3, 3, 3, 4]) if recalled else 1
            answers.append(GradedAnswer("d", f"c{card}", day * 86_400_000 + 1, rating, None, None))
            interval = max(1, round(interval * (2.5 if recalled else 0.3)))
    return build_items(answers, lambda ms: ms // 86_400_000).items


def test_too_few_reviews_keeps_the_defaults() -> None:
    with pytest.raises(NotEnoughReviews, match="at least 400 inter-day reviews"):
        fit(synthetic_items(cards=20))


def test_split_is_expanding_and_covers_the_rest() -> None:
    items = synthetic_items()
    folds = time_series_split(items, 5)
    segment = len(items) // 6
    assert [len(f.train) for f in folds] == [segment * k for k in range(1, 6)]
    assert sum(len(f.test) for f in folds) == len(items) - segment
    for fold in folds:
        assert max(i.reviewed_ms for i in fold.train) <= min(i.reviewed_ms for i in fold.test)


def test_evaluation_numbers_of_a_small_fixed_log() -> None:
    """Our pooled figures for fitted parameters are the FSRS engine's own, on the same split."""
    items = synthetic_items()
    assert len(items) >= 400
    result = evaluate(items)
    engine = fsrs_rs_python.evaluate_with_time_series_splits(to_fsrs_items(items))
    fitted, default = result.scores["fitted"], result.scores["default"]
    assert fitted.log_loss == pytest.approx(engine.log_loss, abs=1e-4)
    assert fitted.rmse_bins == pytest.approx(engine.rmse_bins, abs=1e-4)
    assert result.test_answers == fitted.answers == default.answers == len(items) - len(items) // 6
    assert 0.0 < fitted.log_loss < 1.0 and 0.5 < (fitted.auc or 0) <= 1.0
    assert default.log_loss != fitted.log_loss


# ----------------------------------------------------------------- parameters stored and used
CUSTOM = scheduling.clamp_parameters(
    (0.5, 1.5, 7.25, 20.0, *default_parameters()[4:])
)  # w2: a Good first answer starts at 7.25 days


def record(group: str, **kw: object) -> saved.SavedParameters:
    fields: dict[str, object] = dict(
        group=group, parameters=CUSTOM, fitted_ms=at(0), reviews=500, answers_at_fit=900, decks=None
    )
    fields.update(kw)
    return saved.SavedParameters(**fields)  # type: ignore[arg-type]


def test_parameters_round_trip_in_the_history(store: SqliteStore) -> None:
    saved.save(store, record("preset:lang", evaluation={"fitted": {"log_loss": 0.4}}))
    saved.save(store, record(saved.ALL))
    again = saved.load(store, "preset:lang")
    assert again is not None and again.parameters == CUSTOM
    assert again.evaluation == {"fitted": {"log_loss": 0.4}}
    assert saved.saved_groups(store) == ["preset:lang", "all"]
    store.set_setting(saved.KEY_PREFIX + "deck:broken", '{"parameters": [1, 2]}')
    assert saved.load(store, "deck:broken") is None


def first_good_stability(store: SqliteStore, deck_id: str, config: Config = UTC_CONFIG) -> float:
    deck = make_deck(deck_id, n=1)
    session = StudySession(store, [deck], now=Clock(), config=config, fuzzing=False)
    entry = session.next_entry()
    assert entry is not None
    result = session.answer(entry, 3)
    assert result.state.stability is not None
    return result.state.stability


def test_study_schedules_with_the_stored_parameters(store: SqliteStore) -> None:
    assert first_good_stability(store, "before") == pytest.approx(default_parameters()[2], rel=1e-4)
    saved.save(store, record(saved.ALL))
    assert first_good_stability(store, "after") == pytest.approx(7.25)


def test_a_deck_uses_its_presets_parameters_before_all_decks(store: SqliteStore) -> None:
    saved.save(store, record(saved.ALL, parameters=default_parameters()))
    saved.save(store, record("preset:lang"))
    lang = make_deck("spanish", preset="lang")
    other = make_deck("maths")
    assert scheduling.parameters_of(saved.options_for(store, lang, UTC_CONFIG)) == CUSTOM
    assert (
        scheduling.parameters_of(saved.options_for(store, other, UTC_CONFIG))
        == default_parameters()
    )
    groups = saved.deck_groups([lang, other, make_deck("french", preset="lang")], UTC_CONFIG)
    assert groups == {"preset:lang": ["spanish", "french"], "deck:maths": ["maths"]}


def test_fitting_a_deck_fits_its_whole_preset() -> None:
    decks = [
        make_deck("spanish", preset="lang"),
        make_deck("french", preset="lang"),
        make_deck("maths"),
    ]
    target = choose_target("french", decks, UTC_CONFIG, set())
    assert (target.group, target.deck_ids) == ("preset:lang", ("spanish", "french"))
    alone = choose_target("maths", decks, UTC_CONFIG, set())
    assert (alone.group, alone.deck_ids) == ("deck:maths", ("maths",))
    imported = choose_target("imported", decks, UTC_CONFIG, {"imported"})
    assert (imported.group, imported.deck_ids) == ("deck:imported", ("imported",))


def test_accepted_retention_applies_unless_the_config_sets_one(store: SqliteStore) -> None:
    saved.save(store, record("deck:demo"))
    saved.accept_retention(store, "deck:demo", 0.8)
    deck = make_deck("demo")
    assert saved.options_for(store, deck, UTC_CONFIG).desired_retention == 0.8
    config = Config.model_validate(
        {"zone": UTC, "decks": {"demo": {"scheduling": {"desired_retention": 0.93}}}}, strict=False
    )
    assert saved.options_for(store, deck, config).desired_retention == 0.93


def test_a_refit_is_suggested_after_a_month_or_1000_reviews() -> None:
    fitted = record(saved.ALL)
    assert saved.refit_reason(fitted, at(29), 1_899) is None
    assert saved.refit_reason(fitted, at(30), 900) == "fitted 30 days ago"
    assert saved.refit_reason(fitted, at(1), 1_900) == "1,000 new reviews since they were fitted"


def test_answer_counts_for_the_refit_suggestion(store: SqliteStore) -> None:
    store.record_reviews(
        [answer("a", at(0), 3), answer("a", at(2), 3), answer("b", at(2), 1, "quiz")]
    )
    assert graded_answer_count(store) == 2
    assert graded_answer_count(store, since_ms=at(1)) == 1
    assert graded_answer_count(store, ["other"]) == 0
