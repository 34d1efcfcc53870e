"""Tests of question building: prompts, options, shuffles and the answer shown."""

from __future__ import annotations

import random

import pytest
from checking_decks import EN, FR, deck_with, item
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.checking import check, fold
from quizapp.core.questions import Question, build_question


def ask(deck, item_id: str, seed: int = 0) -> Question:
    return build_question(item(deck, item_id), deck, random.Random(seed))


@pytest.mark.parametrize(
    ("deck", "item_id", "kind", "prompt", "answer_text"),
    [
        (EN, "lna-leader", "typed", "Who leads the LNA?", "Khalifa Haftar"),
        (EN, "year", "number", "Year of the revolution?", "2011"),
        (EN, "distance", "number", "How far?", "25 km"),
        (EN, "people", "number", "Displaced?", "1,500,000"),
        (FR, "taux", "number", "Taux ?", "3,5 %"),
        (FR, "deplaces", "number", "Déplacés ?", "1\u202f500\u202f000"),
        (EN, "summit-city", "choice", "Where did Haftar meet Sisi?", "Cairo"),
        (EN, "backers", "multi", "Which states backed Haftar?", "Egypt; United Arab Emirates"),
        (
            EN,
            "timeline",
            "order",
            "Put in order",
            "Revolution; Civil war; Offensive on Tripoli; Ceasefire",
        ),
        (EN, "meeting.1", "cloze", "[…] met Sisi in Cairo in April 2019.", "Haftar"),
        (EN, "meeting.2", "cloze", "Haftar met […] in Cairo in April 2019.", "Sisi"),
        (EN, "meeting.when", "cloze", "Haftar met Sisi in Cairo in […].", "April 2019"),
        (FR, "phrase.3", "cloze", "Haftar a rencontré Sissi au […].", "Caire"),
        (EN, "flash", "basic", "GNA", "Government of Accord"),
        (FR, "vf", "truefalse", "Haftar dirige l'ANL.", "Vrai"),
    ],
)
def test_prompt_and_answer(deck, item_id: str, kind: str, prompt: str, answer_text: str) -> None:
    question = ask(deck, item_id)
    assert question.kind == kind
    assert question.prompt == prompt
    assert question.answer_text == answer_text
    assert question.item.id == item_id


def test_basic_reverse_swaps_sides() -> None:
    deck = deck_with([{"id": "b", "type": "basic", "front": "F", "back": "B", "reverse": True}])
    forward, backward = (build_question(i, deck, random.Random(1)) for i in deck.items())
    assert (forward.prompt, forward.answer_text) == ("F", "B")
    assert (backward.prompt, backward.answer_text) == ("B", "F")
    assert backward.item.id == "b.reverse"


def test_number_unit() -> None:
    assert ask(EN, "distance").unit == "km"
    assert ask(EN, "year").unit == ""


@pytest.mark.parametrize(
    ("answer", "unit", "language", "answer_text"),
    [
        (2, "days", "en", "2 days"),
        (2, "jours", "fr", "2 jours"),
        (3.5, "%", "fr", "3,5 %"),
        (12000, "km", "en", "12,000 km"),
        (2011, "", "en", "2011"),
    ],
)
def test_number_answer_text_carries_the_unit_once(
    answer: float, unit: str, language: str, answer_text: str
) -> None:
    deck = deck_with(
        [{"id": "n", "type": "number", "prompt": "?", "answer": answer, "unit": unit}], language
    )
    question = build_question(deck.items()[0], deck, random.Random(0))
    assert question.answer_text == answer_text
    assert question.unit == unit  # for beside the input box only
    if unit:
        assert question.answer_text.count(unit) == 1
    assert check(question.item, question.answer_text, deck).outcome == "correct"


def test_truefalse_options_are_localized_and_index_zero_is_true() -> None:
    english = ask(EN, "tf")
    assert english.options == ("True", "False")
    assert english.answer_text.startswith("False — He leads the LNA")
    french = ask(FR, "vf")
    assert french.options == ("Vrai", "Faux")
    assert french.truefalse_response(0) is True
    assert french.truefalse_response(1) is False
    assert check(french.item, french.truefalse_response(0), FR).outcome == "correct"
    # the label itself is accepted as a response too
    assert check(french.item, french.options[0], FR).outcome == "correct"


def test_choice_is_topped_up_to_four_with_other_answers() -> None:
    question = ask(EN, "summit-city")
    assert len(question.options) == 4
    assert "Cairo" in question.options and "Tunis" in question.options
    assert len({fold(o) for o in question.options}) == 4
    others = {"Khalifa Haftar", "Tobruk", "Tripoli", "Abdel Fattah el-Sisi", "the United Nations"}
    others |= {"Resolution 2259", "LNA", "Egypt", "Operation Dignity", "Haftar", "Sisi"}
    others |= {"April 2019"}
    for option in question.options:
        assert option in {"Cairo", "Tunis"} | others


def test_choice_top_up_never_repeats_the_answer_after_folding() -> None:
    deck = deck_with(
        [
            {
                "id": "c",
                "type": "choice",
                "prompt": "?",
                "answer": "Le Caire",
                "distractors": ["Tunis"],
            },
            {"id": "t1", "type": "typed", "prompt": "?", "answer": "le caire"},
            {"id": "t2", "type": "typed", "prompt": "?", "answer": "CAIRE"},
            {"id": "t3", "type": "typed", "prompt": "?", "answer": "tunis"},
            {"id": "t4", "type": "typed", "prompt": "?", "answer": "Alger"},
        ],
        "fr",
    )
    question = build_question(deck.items()[0], deck, random.Random(3))
    assert sorted(question.options) == ["Alger", "Le Caire", "Tunis"]


def test_choice_with_enough_distractors_is_not_topped_up() -> None:
    question = ask(FR, "lieu")
    assert len(question.options) == 4
    assert {"Alger", "Le Caire", "Tunis"} <= set(question.options)
    assert question.options.count("Le Caire") == 1  # the typed "Le Caire" is not a top-up
    deck = deck_with(
        [
            {
                "id": "c",
                "type": "choice",
                "prompt": "?",
                "answer": "a",
                "distractors": ["b", "c", "d", "e"],
            },
            {"id": "t", "type": "typed", "prompt": "?", "answer": "zzz"},
        ]
    )
    question = build_question(deck.items()[0], deck, random.Random(0))
    assert sorted(question.options) == ["a", "b", "c", "d", "e"]


def test_choice_prefers_answers_of_the_same_shape() -> None:
    deck = deck_with(
        [
            {"id": "c", "type": "choice", "prompt": "?", "answer": "2011", "distractors": ["2014"]},
            {"id": "a", "type": "typed", "prompt": "?", "answer": "1969"},
            {"id": "b", "type": "typed", "prompt": "?", "answer": "2019"},
            {"id": "d", "type": "typed", "prompt": "?", "answer": "Tobruk"},
            {"id": "e", "type": "typed", "prompt": "?", "answer": "Tripoli"},
        ]
    )
    question = build_question(deck.items()[0], deck, random.Random(5))
    assert sorted(question.options) == ["1969", "2011", "2014", "2019"]


def test_multi_options_are_answers_and_distractors() -> None:
    question = ask(EN, "backers", seed=4)
    assert sorted(question.options) == ["Egypt", "Qatar", "Turkey", "United Arab Emirates"]
    chosen = frozenset({"Egypt", "United Arab Emirates"})
    assert check(question.item, chosen, EN).outcome == "correct"


def test_order_is_never_asked_in_the_right_order() -> None:
    deck = deck_with([{"id": "o", "type": "order", "prompt": "?", "items": ["a", "b"]}])
    target = deck.items()[0]
    for seed in range(50):
        question = build_question(target, deck, random.Random(seed))
        assert question.options == ("b", "a")
        assert check(target, question.options, deck).outcome == "close"


def test_same_seed_same_question() -> None:
    for item_id in ("summit-city", "backers", "timeline"):
        assert ask(EN, item_id, seed=9) == ask(EN, item_id, seed=9)


def test_every_item_of_both_decks_builds() -> None:
    rng = random.Random(0)
    for deck in (EN, FR):
        for study_item in deck.items():
            question = build_question(study_item, deck, rng)
            assert question.prompt
            assert question.answer_text
            if question.kind in ("typed", "cloze", "number", "basic"):
                assert question.options == ()


@given(
    items=st.lists(st.text(min_size=1, max_size=10), min_size=2, max_size=8, unique=True),
    seed=st.integers(0, 2**32),
)
@settings(max_examples=100, deadline=None)
def test_order_options_are_a_wrong_permutation(items: list[str], seed: int) -> None:
    deck = deck_with([{"id": "o", "type": "order", "prompt": "?", "items": items}])
    question = build_question(deck.items()[0], deck, random.Random(seed))
    assert sorted(question.options) == sorted(items)
    assert list(question.options) != items


@given(
    answer=st.text(min_size=1, max_size=10).filter(str.strip),
    distractors=st.lists(
        st.text(min_size=1, max_size=10).filter(str.strip), min_size=1, max_size=3, unique=True
    ),
    others=st.lists(st.text(min_size=1, max_size=10).filter(str.strip), max_size=6),
    seed=st.integers(0, 2**32),
)
@settings(max_examples=100, deadline=None)
def test_choice_options_properties(
    answer: str, distractors: list[str], others: list[str], seed: int
) -> None:
    if answer in distractors:
        distractors = [d for d in distractors if d != answer] or [answer + "x"]
    cards = [
        {"id": "c", "type": "choice", "prompt": "?", "answer": answer, "distractors": distractors}
    ]
    cards += [
        {"id": f"t{i}", "type": "typed", "prompt": "?", "answer": o} for i, o in enumerate(others)
    ]
    deck = deck_with(cards)
    question = build_question(deck.items()[0], deck, random.Random(seed))
    assert question.options.count(answer) == 1
    assert set(distractors) <= set(question.options)
    assert len(question.options) == len(set(question.options))
    extra = [o for o in question.options if o != answer and o not in distractors]
    for option in extra:
        assert option in others
        assert fold(option) != fold(answer)
    assert len(question.options) >= min(4, 1 + len(distractors))
    assert check(question.item, answer, deck).outcome == "correct"
