"""Table-driven tests of answer checking, in English and French decks."""

from __future__ import annotations

import unicodedata

import pytest
from checking_decks import EN, FR, deck_with, item

from quizapp.core import unicode_classes as tables
from quizapp.core.checking import (
    Checker,
    DiffOp,
    Verdict,
    allowed_typos,
    check,
    fold,
    format_number,
    parse_number,
    propose_rating,
    run_examples,
)

# (item id, response, outcome, foldings that must be reported)
EN_TYPED = [
    # exact and folded
    ("lna-leader", "Khalifa Haftar", "correct", ()),
    ("lna-leader", "khalifa haftar", "correct", ("case",)),
    ("lna-leader", "KHALIFA HAFTAR", "correct", ("case",)),
    ("lna-leader", "  Khalifa   Haftar  ", "correct", ("spacing",)),
    ("lna-leader", "Khalifa Haftar.", "correct", ("punctuation",)),
    ("lna-leader", '"Khalifa Haftar"', "correct", ("punctuation",)),
    ("lna-leader", "“Khalifa Haftar”", "correct", ("punctuation",)),
    ("lna-leader", "Haftar", "correct", ()),
    ("lna-leader", "hifter", "correct", ("case",)),
    ("lna-leader", "Ḱhalifa Háftar", "correct", ("accents",)),
    ("lna-leader", "Khalifa\u00a0Haftar", "correct", ("unicode",)),
    ("lna-leader", "Ｋｈａｌｉｆａ Ｈａｆｔａｒ", "correct", ("unicode",)),
    ("lna-leader", "Khalifa Haf\u200btar", "correct", ("invisible",)),
    ("lna-leader", "\u202eKhalifa Haftar\u202c", "correct", ("invisible",)),
    ("lna-leader", "\ufeffHaftar\u2060", "correct", ("invisible",)),
    ("lna-leader", "Haf\u00adtar", "correct", ("invisible",)),
    # typos: 13 letters allow two edits, "Haftar" one
    ("lna-leader", "Khalifa Hafter", "close", ("typo",)),
    ("lna-leader", "Kahlifa Haftar", "close", ("typo",)),
    ("lna-leader", "Khalfa Hafter", "close", ("typo",)),
    ("lna-leader", "Haftr", "close", ("typo",)),
    ("lna-leader", "haftra", "close", ("case", "typo")),
    ("lna-leader", "Khalifa", "wrong", ()),
    ("lna-leader", "Gaddafi", "wrong", ()),
    ("lna-leader", "", "wrong", ()),
    ("lna-leader", "   ", "wrong", ()),
    ("lna-leader", "...", "wrong", ()),
    # word order
    ("lna-leader", "Haftar Khalifa", "close", ("word order",)),
    ("lna-leader", "Haftar, Khalifa", "close", ("word order",)),
    # articles (English deck)
    ("un", "United Nations", "correct", ("article",)),
    ("un", "The United Nations", "correct", ("case",)),
    ("un", "the united nations", "correct", ("case",)),
    ("un", "a United Nations", "correct", ("article",)),
    ("un", "UN", "correct", ()),
    ("un", "U.N.", "correct", ("punctuation",)),
    ("un", "the UN", "correct", ("article",)),
    ("un", "Unite Nations", "close", ("article", "typo")),
    ("eastern-city", "the Tobruk", "correct", ("article",)),
    ("eastern-city", "an Tobruk", "correct", ("article",)),
    # hyphens and spaces
    ("egypt-president", "Abdel Fattah el Sisi", "correct", ("hyphens",)),
    ("egypt-president", "abdel fattah el-sisi", "correct", ("case",)),
    ("egypt-president", "Abdel Fattah el–Sisi", "correct", ("hyphens",)),
    ("egypt-president", "el Sisi", "correct", ("hyphens",)),
    ("egypt-president", "el-Sisi", "correct", ()),
    ("egypt-president", "Sisi", "correct", ()),
    ("egypt-president", "elSisi", "close", ("typo",)),
    ("egypt-president", "Abdel Fatah el Sissi", "close", ("typo",)),
    ("egypt-president", "Sissi", "close", ("typo",)),
    # typo tolerance scales with length; none for three letters or fewer
    ("eastern-city", "Tobrukk", "close", ("typo",)),
    ("eastern-city", "Tobrk", "close", ("typo",)),
    ("eastern-city", "Tborukk", "wrong", ()),
    ("eastern-city", "Tobrouk", "correct", ()),
    ("eastern-city", "Tbruok", "wrong", ()),
    ("acronym", "LNA", "correct", ()),
    ("acronym", "lna", "correct", ("case",)),
    ("acronym", "L.N.A.", "correct", ("punctuation",)),
    ("acronym", "LAN", "wrong", ()),
    ("acronym", "LN", "wrong", ()),
    ("neighbour", "Egpyt", "close", ("typo",)),
    ("neighbour", "Egypte", "close", ("typo",)),
    ("neighbour", "Egyptian", "wrong", ()),
    ("operation", "Operation Dignty", "close", ("typo",)),
    ("operation", "Operation Karama", "wrong", ()),
    # digits allow no typo
    ("resolution", "Resolution 2259", "correct", ()),
    ("resolution", "resolution 2259", "correct", ("case",)),
    ("resolution", "Resolution 2258", "wrong", ()),
    ("resolution", "Resolution 22599", "wrong", ()),
    ("resolution", "Resolutoin 2259", "close", ("typo",)),
    # another card's answer is a different fact, not a typo
    ("eastern-city", "Tripoli", "wrong", ()),
    ("eastern-city", "tripoli", "wrong", ()),
    ("capital", "Tobruk", "wrong", ()),
    ("capital", "Tripol", "close", ("typo",)),
    ("neighbour", "Cairo", "wrong", ()),
    # a preposition before the answer (more in test_checking_halfway.py)
    ("eastern-city", "in Tobruk", "correct", ("preposition",)),
    ("eastern-city", "at Tobrukk", "close", ("typo", "preposition")),
    ("capital", "in Tobruk", "wrong", ()),
]

FR_TYPED = [
    ("chef", "Khalifa Haftar", "correct", ()),
    ("chef", "khalifa haftar", "correct", ("case",)),
    ("chef", "Khalifa Hafter", "close", ("typo",)),
    ("ville", "Tobrouk", "correct", ()),
    ("ville", "tobrouk", "correct", ("case",)),
    ("ville", "Tobruk", "close", ("typo",)),
    ("ville", "Tripoli", "wrong", ()),
    ("armee", "l'Armée nationale libyenne", "correct", ()),
    ("armee", "L’Armée nationale libyenne", "correct", ("case",)),
    ("armee", "Armée nationale libyenne", "correct", ("article",)),
    ("armee", "armee nationale libyenne", "correct", ("case", "accents")),
    ("armee", "l armee nationale libyenne", "correct", ("accents",)),
    ("armee", "l'Armée nationale lybienne", "close", ("typo",)),
    ("armee", "ANL", "correct", ()),
    ("armee", "l'ANL", "correct", ("article",)),
    ("armee", "LNA", "wrong", ()),
    ("caire", "Le Caire", "correct", ()),
    ("caire", "le caire", "correct", ("case",)),
    ("caire", "Caire", "correct", ("article",)),
    ("caire", "Le Kaire", "close", ("typo",)),
    ("emirats", "les Émirats arabes unis", "correct", ()),
    ("emirats", "Les Emirats arabes unis", "correct", ("case", "accents")),
    ("emirats", "Émirats arabes unis", "correct", ("article",)),
    ("emirats", "des Emirats Arabes Unis", "correct", ("case", "accents", "article")),
    ("emirats", "E.A.U.", "correct", ("punctuation",)),
    ("emirats", "EAU", "correct", ()),
    ("emirats", "Emirats arabes", "wrong", ()),
    ("egypte", "Égypte", "correct", ()),
    ("egypte", "Egypte", "correct", ("accents",)),
    ("egypte", "EGYPTE", "correct", ("case", "accents")),
    ("egypte", "l'Égypte", "correct", ("article",)),
    ("egypte", "Egypt", "close", ("accents", "typo")),
    ("egypte", "E\u0301gypte", "correct", ()),
    ("region", "la Cyrénaïque", "correct", ()),
    ("region", "Cyrenaique", "correct", ("accents", "article")),
    ("region", "de la Cyrénaïque", "correct", ("article",)),
    ("region", "une Cyrenaïque", "correct", ("accents", "article")),
    ("region", "Cyrenaiqe", "close", ("typo",)),
    ("region", "Cyrenaica", "wrong", ()),
    ("est", "de l'Est", "correct", ()),
    ("est", "l'est", "correct", ("case",)),
    ("est", "Est", "correct", ("article",)),
    ("est", "de l’Est", "correct", ()),
    ("oeuvre", "Œuvre d'Orient", "correct", ()),
    ("oeuvre", "oeuvre d'orient", "correct", ("case", "accents")),
    ("oeuvre", "Oeuvre d Orient", "correct", ("accents", "punctuation")),
    ("oeuvre", "Œuvre d’Orient", "correct", ()),
    # a preposition or elision before the answer (more in test_checking_halfway.py)
    ("caire", "au Caire", "correct", ("preposition",)),
    ("egypte", "d'Égypte", "correct", ("preposition",)),
    ("egypte", "en Egypte", "correct", ("accents", "preposition")),
    ("ville", "à Tobrouk", "correct", ("preposition",)),
    ("ville", "à Tripoli", "wrong", ()),
]


def _check_case(deck, item_id: str, response: str, outcome: str, foldings: tuple) -> None:
    verdict = check(item(deck, item_id), response, deck)
    assert verdict.outcome == outcome, verdict
    for name in foldings:
        assert name in verdict.foldings, verdict
    if outcome == "wrong":
        assert verdict.matched is None
        assert verdict.detail
    else:
        assert verdict.matched is not None


@pytest.mark.parametrize(("item_id", "response", "outcome", "foldings"), EN_TYPED)
def test_typed_english(item_id: str, response: str, outcome: str, foldings: tuple) -> None:
    _check_case(EN, item_id, response, outcome, foldings)


@pytest.mark.parametrize(("item_id", "response", "outcome", "foldings"), FR_TYPED)
def test_typed_french(item_id: str, response: str, outcome: str, foldings: tuple) -> None:
    _check_case(FR, item_id, response, outcome, foldings)


CLOZE = [
    (EN, "meeting.1", "Haftar", "correct"),
    (EN, "meeting.1", "Hafter", "close"),
    (EN, "meeting.1", "Cairo", "wrong"),
    (EN, "meeting.2", "Sisi", "correct"),
    (EN, "meeting.2", "el-Sisi", "correct"),
    (EN, "meeting.2", "El Sisi", "correct"),
    (EN, "meeting.2", "Haftar", "wrong"),
    (EN, "meeting.3", "cairo", "correct"),
    (EN, "meeting.3", "Cario", "close"),
    (EN, "meeting.when", "April 2019", "correct"),
    (EN, "meeting.when", "april 2019", "correct"),
    (EN, "meeting.when", "Aprli 2019", "close"),
    (EN, "meeting.when", "April 2018", "wrong"),
    (FR, "phrase.1", "Haftar", "correct"),
    (FR, "phrase.2", "Al Sissi", "correct"),
    (FR, "phrase.2", "Sisi", "close"),
    (FR, "phrase.3", "Caire", "correct"),
    (FR, "phrase.3", "le Caire", "correct"),
    (FR, "phrase.3", "Le Caire", "correct"),
]


@pytest.mark.parametrize(("deck", "item_id", "response", "outcome"), CLOZE)
def test_cloze_gaps(deck, item_id: str, response: str, outcome: str) -> None:
    assert check(item(deck, item_id), response, deck).outcome == outcome


def test_other_gap_of_the_same_cloze_is_named() -> None:
    verdict = check(item(EN, "meeting.1"), "April 2019", EN)
    assert verdict.outcome == "wrong"
    assert "another gap" in verdict.detail
    # "Cairo" also answers the choice card, so that is named instead
    assert "another card" in check(item(EN, "meeting.1"), "Cairo", EN).detail


def test_other_card_answer_says_so() -> None:
    verdict = check(item(EN, "eastern-city"), "Tripoli", EN)
    assert "another card" in verdict.detail
    near = check(item(EN, "capital"), "Tobrul", EN)
    assert near.outcome == "wrong"
    assert "'Tobruk'" in near.detail and "another card" in near.detail


def test_typo_that_is_nearer_another_answer_is_wrong() -> None:
    deck = deck_with(
        [
            {"id": "a", "type": "typed", "prompt": "?", "answer": "Sarraj"},
            {"id": "b", "type": "typed", "prompt": "?", "answer": "Serraji"},
        ]
    )
    # "Serraj" is one edit from both: as close to the other card, so wrong.
    verdict = check(item(deck, "a"), "Serraj", deck)
    assert verdict.outcome == "wrong"
    assert "'Serraji'" in verdict.detail
    assert check(item(deck, "a"), "Sarrajj", deck).outcome == "close"


def test_same_answer_on_two_cards_is_not_another_fact() -> None:
    deck = deck_with(
        [
            {"id": "a", "type": "typed", "prompt": "?", "answer": "Benghazi"},
            {"id": "b", "type": "typed", "prompt": "?", "answer": "benghazi"},
        ]
    )
    assert check(item(deck, "a"), "Bengazi", deck).outcome == "close"
    assert check(item(deck, "b"), "Benghazi", deck).outcome == "correct"


NUMBERS = [
    # (deck, item, response, outcome)
    (EN, "year", "2011", "correct"),
    (EN, "year", " 2011 ", "correct"),
    (EN, "year", "2 011", "correct"),
    (EN, "year", "2,011", "correct"),
    (EN, "year", "2011.0", "correct"),
    (EN, "year", "２０１１", "correct"),
    (EN, "year", "20\u200b11", "correct"),
    (EN, "year", "2.011", "wrong"),
    (EN, "year", "2012", "wrong"),
    (EN, "year", "2010", "wrong"),
    (EN, "year", "201", "wrong"),
    (EN, "year", "twenty eleven", "wrong"),
    (EN, "year", "", "wrong"),
    (EN, "year", "20,11", "wrong"),
    (EN, "year", "2011 km", "wrong"),
    (EN, "year", "1e3", "wrong"),
    (EN, "year", "--2011", "wrong"),
    (EN, "distance", "25", "correct"),
    (EN, "distance", "25 km", "correct"),
    (EN, "distance", "25km", "correct"),
    (EN, "distance", "25 KM", "correct"),
    (EN, "distance", "27", "correct"),
    (EN, "distance", "23.5", "correct"),
    (EN, "distance", "27.5", "wrong"),
    (EN, "distance", "22", "wrong"),
    (EN, "share", "3.5", "correct"),
    (EN, "share", "3.5%", "correct"),
    (EN, "share", "3.5 %", "correct"),
    (EN, "share", "3,5", "correct"),
    (EN, "share", "3.50", "correct"),
    (EN, "share", "35", "wrong"),
    (EN, "share", "3.4", "wrong"),
    (EN, "people", "1500000", "correct"),
    (EN, "people", "1,500,000", "correct"),
    (EN, "people", "1 500 000", "correct"),
    (EN, "people", "1.5", "wrong"),
    (EN, "people", "1,500,00", "wrong"),
    (EN, "below", "-4", "correct"),
    (EN, "below", "−4", "correct"),
    (EN, "below", "- 4", "correct"),
    (EN, "below", "4", "wrong"),
    (FR, "annee", "2011", "correct"),
    (FR, "annee", "2 011", "correct"),
    (FR, "annee", "2\u202f011", "correct"),
    (FR, "annee", "2\u00a0011", "correct"),
    (FR, "annee", "2.011", "correct"),
    (FR, "annee", "2,011", "wrong"),
    (FR, "annee", "2011,0", "correct"),
    (FR, "taux", "3,5", "correct"),
    (FR, "taux", "3,5 %", "correct"),
    (FR, "taux", "3.5", "correct"),
    (FR, "taux", "3,6", "wrong"),
    (FR, "deplaces", "1 500 000", "correct"),
    (FR, "deplaces", "1.500.000", "correct"),
    (FR, "deplaces", "1,5", "wrong"),
    (FR, "deplaces", "1,500,000", "correct"),
]


@pytest.mark.parametrize(("deck", "item_id", "response", "outcome"), NUMBERS)
def test_numbers(deck, item_id: str, response: str, outcome: str) -> None:
    verdict = check(item(deck, item_id), response, deck)
    assert verdict.outcome == outcome, verdict
    assert verdict.outcome != "close"


def test_number_verdict_texts() -> None:
    verdict = check(item(EN, "people"), "1,500,001", EN)
    assert verdict.expected == "1,500,000"
    assert verdict.detail == "the answer is 1,500,000, not 1,500,001"
    assert (
        check(item(EN, "distance"), "3 km", EN).detail == "the answer is 25 km, not 3 (±2 allowed)"
    )
    assert check(item(FR, "deplaces"), "2", FR).expected == "1\u202f500\u202f000"
    assert check(item(EN, "distance"), "26", EN).detail.startswith("within the tolerance")
    assert "not a number" in check(item(EN, "year"), "soon", EN).detail
    assert "unit" in check(item(EN, "distance"), "25 km", EN).foldings


@pytest.mark.parametrize(
    ("text", "language", "unit", "value"),
    [
        ("2011", "en", "", 2011),
        ("2,011.5", "en", "", 2011.5),
        ("2 011,5", "fr", "", 2011.5),
        ("2.011,5", "fr", "", 2011.5),
        (".5", "en", "", 0.5),
        ("+7", "en", "", 7),
        ("$5", "en", "$", 5),
        ("5 €", "fr", "€", 5),
        ("1'000", "en", "", 1000),
        ("12", "de-CH", "", 12),
        ("abc", "en", "", None),
        ("1,2,3", "en", "", None),
        ("1.2.3", "en", "", None),
        ("9" * 200, "en", "", None),
        ("", "en", "", None),
        ("-", "en", "", None),
    ],
)
def test_parse_number(text: str, language: str, unit: str, value: float | None) -> None:
    parsed = parse_number(text, language.split("-")[0], unit)
    if value is None:
        assert parsed is None
    else:
        assert parsed is not None and parsed[0] == value


@pytest.mark.parametrize(
    ("value", "language", "unit", "shown"),
    [
        (2011, "en", "", "2011"),
        (25000, "en", "", "25,000"),
        (25000, "fr", "", "25\u202f000"),
        (3.5, "fr", "%", "3,5 %"),
        (3.5, "en", "km", "3.5 km"),
        (2011.0, "en", "", "2011"),
        (-12000, "en", "", "-12,000"),
    ],
)
def test_format_number(value: float, language: str, unit: str, shown: str) -> None:
    assert format_number(value, language, unit) == shown


MULTI = [
    (frozenset({"Egypt", "United Arab Emirates"}), "correct", ""),
    (frozenset({"Egypt"}), "wrong", "missed 'United Arab Emirates'"),
    (frozenset({"Egypt", "United Arab Emirates", "Qatar"}), "wrong", "wrongly chose 'Qatar'"),
    (frozenset({"Qatar", "Turkey"}), "wrong", "missed 'Egypt'"),
    (frozenset(), "wrong", "missed"),
    (frozenset({"egypt", "united arab emirates"}), "correct", ""),
    (frozenset({"Egypt", "United Arab Emirates", "Mars"}), "wrong", "wrongly chose 'Mars'"),
    ("Egypt; United Arab Emirates", "correct", ""),
    ("Egypt\nUnited Arab Emirates", "correct", ""),
    ("Egypt", "wrong", "missed"),
    (("Egypt", "United Arab Emirates"), "correct", ""),
    (True, "wrong", "not a set"),
]


@pytest.mark.parametrize(("response", "outcome", "detail"), MULTI)
def test_multi(response, outcome: str, detail: str) -> None:
    verdict = check(item(EN, "backers"), response, EN)
    assert verdict.outcome == outcome
    assert detail in verdict.detail


ORDER_ITEMS = ("Revolution", "Civil war", "Offensive on Tripoli", "Ceasefire")
ORDER = [
    (ORDER_ITEMS, "correct", ""),
    (("Civil war", "Revolution", "Offensive on Tripoli", "Ceasefire"), "close", "items 1 and 2"),
    (("Revolution", "Offensive on Tripoli", "Civil war", "Ceasefire"), "close", "items 2 and 3"),
    (("Revolution", "Civil war", "Ceasefire", "Offensive on Tripoli"), "close", "items 3 and 4"),
    (("Ceasefire", "Civil war", "Offensive on Tripoli", "Revolution"), "wrong", "ons 1 and 4"),
    (tuple(reversed(ORDER_ITEMS)), "wrong", "positions 1, 2, 3 and 4"),
    (("Civil war", "Offensive on Tripoli", "Revolution", "Ceasefire"), "wrong", "1, 2 and 3"),
    (ORDER_ITEMS[:3], "wrong", "each once"),
    ((*ORDER_ITEMS, "Ceasefire"), "wrong", "each once"),
    (("revolution", "civil war", "offensive on tripoli", "ceasefire"), "correct", ""),
    ("Revolution; Civil war; Offensive on Tripoli; Ceasefire", "correct", ""),
    ("Civil war; Revolution; Offensive on Tripoli; Ceasefire", "close", "swapped"),
    (frozenset(ORDER_ITEMS), "wrong", ""),
    (False, "wrong", "not a list"),
]


@pytest.mark.parametrize(("response", "outcome", "detail"), ORDER)
def test_order(response, outcome: str, detail: str) -> None:
    verdict = check(item(EN, "timeline"), response, EN)
    if isinstance(response, frozenset):
        # a set has no order; whatever it iterates as, it never raises
        assert verdict.outcome in ("correct", "close", "wrong")
        return
    assert verdict.outcome == outcome, verdict
    assert detail in verdict.detail


def test_order_french() -> None:
    good = ("Révolution", "Guerre civile", "Offensive")
    assert check(item(FR, "ordre"), good, FR).outcome == "correct"
    swapped = ("Guerre civile", "Révolution", "Offensive")
    assert check(item(FR, "ordre"), swapped, FR).outcome == "close"


CHOICE_TF = [
    (EN, "summit-city", "Cairo", "correct"),
    (EN, "summit-city", "cairo", "correct"),
    (EN, "summit-city", "Tunis", "wrong"),
    (EN, "summit-city", "", "wrong"),
    (EN, "summit-city", True, "wrong"),
    (FR, "lieu", "Le Caire", "correct"),
    (FR, "lieu", "Alger", "wrong"),
    (EN, "tf", False, "correct"),
    (EN, "tf", True, "wrong"),
    (EN, "tf", "False", "correct"),
    (EN, "tf", "true", "wrong"),
    (EN, "tf", "maybe", "wrong"),
    (FR, "vf", True, "correct"),
    (FR, "vf", "Vrai", "correct"),
    (FR, "vf", "faux", "wrong"),
    (FR, "vf", frozenset(), "wrong"),
]


@pytest.mark.parametrize(("deck", "item_id", "response", "outcome"), CHOICE_TF)
def test_choice_and_truefalse(deck, item_id: str, response, outcome: str) -> None:
    assert check(item(deck, item_id), response, deck).outcome == outcome


def test_choice_distractor_that_folds_like_the_answer_is_still_wrong() -> None:
    deck = deck_with(
        [{"id": "c", "type": "choice", "prompt": "?", "answer": "US", "distractors": ["us"]}]
    )
    assert check(deck.items()[0], "us", deck).outcome == "wrong"
    assert check(deck.items()[0], "US", deck).outcome == "correct"


def test_truefalse_wrong_shows_the_correction() -> None:
    verdict = check(item(EN, "tf"), True, EN)
    assert verdict.expected == "False"
    assert "Sarraj" in verdict.detail
    assert check(item(FR, "vf"), False, FR).expected == "Vrai"


def test_basic_is_self_graded() -> None:
    with pytest.raises(ValueError, match="self-graded"):
        check(item(EN, "flash"), "anything", EN)


def test_verdict_fields() -> None:
    verdict = check(item(EN, "lna-leader"), "khalifa hafter", EN)
    assert isinstance(verdict, Verdict)
    assert verdict.outcome == "close" and verdict.is_right
    assert verdict.expected == "Khalifa Haftar"
    assert verdict.matched == "Khalifa Haftar"
    assert verdict.foldings == ("case", "typo")
    assert "1 typo" in verdict.detail
    assert "".join(op.response for op in verdict.diff) == "khalifa hafter"
    assert "".join(op.expected for op in verdict.diff) == "Khalifa Haftar"
    assert DiffOp("replace", "e", "a") in verdict.diff
    wrong = check(item(EN, "lna-leader"), "Gaddafi", EN)
    assert not wrong.is_right and wrong.foldings == ()


@pytest.mark.parametrize(
    ("response", "nearest"),
    [
        ("Tobrukk", "Tobruk"),
        ("tobruk", "Tobruk"),
        ("Tobrouk", "Tobrouk"),
        ("Tobroukk", "Tobrouk"),
        ("Tripoli", "Tobrouk"),
        ("", "Tobruk"),
        ("x" * 5000, "Tobruk"),
    ],
)
def test_diff_covers_both_texts(response: str, nearest: str) -> None:
    verdict = check(item(EN, "eastern-city"), response, EN)
    if verdict.matched:
        assert verdict.matched == nearest
    if len(response) <= 1000:
        assert "".join(op.response for op in verdict.diff) == response
    assert "".join(op.expected for op in verdict.diff) == nearest
    for op in verdict.diff:
        assert op.kind in ("equal", "insert", "delete", "replace")


def test_huge_and_hostile_responses_do_not_raise() -> None:
    target = item(EN, "lna-leader")
    for response in ["Haftar " * 100_000, "\u0301" * 10_000, "\x00", "\ud800", "𝔎𝔥𝔞𝔩𝔦𝔣𝔞"]:
        assert check(target, response, EN).outcome in ("correct", "close", "wrong")
    assert check(target, "Haftar" + " " * 2000, EN).outcome == "correct"
    assert check(item(EN, "year"), "1" * 10_000, EN).outcome == "wrong"


@pytest.mark.parametrize(
    ("answer", "typos"),
    [("ab", 0), ("abc", 0), ("abcd", 1), ("tobruk", 1), ("khalifa haftar", 2), ("2019", 0)],
)
def test_allowed_typos(answer: str, typos: int) -> None:
    assert allowed_typos(answer) == typos


@pytest.mark.parametrize(
    ("text", "language", "folded"),
    [
        ("  The   Quick-Brown Fox! ", "en", "quick brown fox"),
        ("L’Armée", "fr", "armee"),
        ("de la Libye", "fr", "libye"),
        ("du Caire", "fr", "caire"),
        ("de l'Est", "fr", "est"),
        ("des Émirats", "fr", "emirats"),
        ("une Révolution", "fr", "revolution"),
        ("le", "fr", "le"),
        ("the", "en", "the"),
        ("a", "en", "a"),
        ("The The", "en", "the"),
        ("le Caire", "en", "le caire"),
        ("the Hague", "fr", "the hague"),
        ("Straße", "de", "strasse"),
        ("Æsir Œdipe Øresund Łódź", "en", "aesir oedipe oresund lodz"),
        ("ǅemal", "en", "dzemal"),
        ("ﬁn", "en", "fin"),
        ("el-Sisi", "en", "el sisi"),
        ("el—Sisi", "en", "el sisi"),
        ("?", "en", "?"),
        ("C++", "en", "c++"),
        ("U.S.", "en", "us"),
        ("O’Brien", "en", "o brien"),
        ("die Linke", "de", "linke"),
        ("el Cairo", "es", "cairo"),
        ("l'Aquila", "it", "aquila"),
    ],
)
def test_fold(text: str, language: str, folded: str) -> None:
    assert fold(text, language) == folded


@pytest.mark.parametrize(
    ("verdict_outcome", "response_ms", "median_ms", "rating"),
    [
        ("wrong", 100, 10_000, 1),
        ("close", 100, 10_000, 2),
        ("correct", 5000, 9000, 3),
        ("correct", 2000, 9000, 4),
        ("correct", 3000, 9000, 3),
        ("correct", None, 9000, 3),
        ("correct", 100, None, 3),
        ("correct", 100, 0, 3),
    ],
)
def test_propose_rating(verdict_outcome: str, response_ms, median_ms, rating: int) -> None:
    verdict = Verdict(verdict_outcome, "x", None, (), ())  # type: ignore[arg-type]
    assert propose_rating(verdict, response_ms, median_ms) == rating


def test_propose_rating_quick_ratio() -> None:
    verdict = Verdict("correct", "x", "x", (), ())
    assert propose_rating(verdict, 4000, 9000, quick_ratio=0.5) == 4
    assert propose_rating(verdict, 4000, 9000) == 3


def test_run_examples_on_good_examples() -> None:
    assert run_examples(EN) == []


def test_run_examples_reports_failures_with_reasons() -> None:
    deck = deck_with(
        [
            {
                "id": "city",
                "type": "typed",
                "prompt": "?",
                "answer": "Tobruk",
                "examples": {"accept": ["Tobrouk", "Benghazi"], "reject": ["Tobrok", "Tripoli"]},
            },
            {"id": "capital", "type": "typed", "prompt": "?", "answer": "Tripoli"},
            {
                "id": "year",
                "type": "number",
                "prompt": "?",
                "answer": 2011,
                "examples": {"accept": ["2,011", "2012"], "reject": ["2011"]},
            },
            {
                "id": "tf",
                "type": "truefalse",
                "statement": "?",
                "answer": True,
                "examples": {"accept": ["true", "false", "perhaps"], "reject": ["vrai"]},
            },
            {
                "id": "pick",
                "type": "choice",
                "prompt": "?",
                "answer": "Cairo",
                "distractors": ["Tunis"],
                "examples": {"accept": ["Cairo"], "reject": ["Cairo"]},
            },
            {
                "id": "gaps",
                "type": "cloze",
                "text": "{{Haftar}} in {{Cairo}}",
                "examples": {"accept": ["Hafter", "Kairo", "Paris"], "reject": ["cairo"]},
            },
            {
                "id": "many",
                "type": "multi",
                "prompt": "?",
                "answers": ["a", "b"],
                "distractors": ["c"],
                "examples": {"accept": ["a; b", "a"], "reject": ["a; c"]},
            },
            {
                "id": "seq",
                "type": "order",
                "prompt": "?",
                "items": ["x", "y", "z"],
                "examples": {"accept": ["y; x; z"], "reject": ["z; y; x", "x; y; z"]},
            },
            {"id": "b", "type": "basic", "front": "f", "back": "b", "examples": {"accept": ["b"]}},
        ]
    )
    failures = run_examples(deck)
    messages = {(where, message) for where, message in failures}
    assert (
        ("cards", 0),
        "example 'Tobrok' should be rejected but was accepted as close to 'Tobruk' (typo)",
    ) in messages
    by_card: dict[int, list[str]] = {}
    for where, message in failures:
        assert where[0] == "cards"
        by_card.setdefault(where[1], []).append(message)
    assert len(by_card[0]) == 2
    assert any("'Benghazi' should be accepted but was rejected" in m for m in by_card[0])
    assert len(by_card[2]) == 2  # 2012 accepted? no; 2011 rejected? no
    assert any("'2012' should be accepted" in m for m in by_card[2])
    assert any("'2011' should be rejected but was accepted as correct" in m for m in by_card[2])
    assert len(by_card[3]) == 2  # "false" not accepted, "vrai" not rejected; "perhaps" skipped
    assert len(by_card[4]) == 1
    assert len(by_card[5]) == 2  # "Paris" fits no gap; "cairo" is right for gap 2
    assert any("for gap gaps.2" in m for m in by_card[5])
    assert len(by_card[6]) == 1  # "a" alone misses b
    assert len(by_card[7]) == 1  # "x; y; z" is correct, not rejected
    assert 8 not in by_card


def test_checker_cache_per_deck() -> None:
    checker = Checker(EN)
    first = checker.check(item(EN, "lna-leader"), "Haftar")
    assert checker.check(item(EN, "lna-leader"), "Haftar") == first
    assert checker.accepted(item(EN, "lna-leader")) == ("Khalifa Haftar", "Haftar", "Hifter")


@pytest.mark.parametrize(
    ("cls", "categories"),
    [
        (tables.MN, {"Mn"}),
        (tables.PD, {"Pd"}),
        (tables.P, {"Pc", "Ps", "Pe", "Pi", "Pf", "Po"}),
        (tables.CF, {"Cf"}),
    ],
)
def test_unicode_classes_follow_this_python(cls: tables.CharClass, categories: set[str]) -> None:
    """Every code point, BMP (regular expression) and astral (translate) alike."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    expected = "".join(
        "#" if unicodedata.category(c) in categories or c in cls.extra else c for c in every
    )
    assert cls.sub("#", every) == expected
    bmp = every[:0xD800]
    assert cls.sub("#", bmp) == expected[:0xD800]


def test_marks_newer_than_unicode_14_follow_this_python() -> None:
    """U+11F00 Kawi sign candrabindu (Unicode 15) was missing from frozen Unicode 14 tables.

    It is folded away exactly when the running Python knows it as a mark, so the
    test runs (and means something) on every Python, with no skip.
    """
    kawi = "\U00011f00"
    known = unicodedata.unidata_version >= "15.0.0"
    assert (unicodedata.category(kawi) == "Mn") == known
    assert tables.MN.sub("", "a" + kawi) == ("a" if known else "a" + kawi)


def test_minus_sign_counts_as_a_dash() -> None:
    assert tables.PD.match("\u2212") and tables.PD.sub(" ", "a\u2212b") == "a b"


@pytest.mark.parametrize("char", ["\u0301", "\u0308", "\U0001d167", "\U000e0100"])
def test_astral_and_bmp_marks_are_both_removed(char: str) -> None:
    assert tables.MN.sub("", "e" + char) == "e"


def test_folding_names_follow_the_steps() -> None:
    from quizapp.core.checking import FOLDINGS, steps_for

    for language in ("en", "fr", "xx"):
        assert tuple(name for name, _ in steps_for(language)) == FOLDINGS


WORDS = deck_with(
    [
        {
            "id": "gov",
            "type": "typed",
            "prompt": "?",
            "answer": "Gouvernement d’accord national",
            "accept": ["gouvernement d'union nationale"],
        },
        {"id": "gaddafi", "type": "typed", "prompt": "?", "answer": "Mouammar Kadhafi"},
        {"id": "iran", "type": "typed", "prompt": "?", "answer": "Iran"},
        {"id": "speaker", "type": "typed", "prompt": "?", "answer": "Aguila Salah Issa"},
        {"id": "sisi", "type": "typed", "prompt": "?", "answer": "Abdel Fattah el-Sisi"},
        {"id": "city", "type": "typed", "prompt": "?", "answer": "Tobrouk"},
        {"id": "capital", "type": "typed", "prompt": "?", "answer": "Tripoli"},
    ],
    "fr",
)

# The typo budget holds per word: a phrase's budget is not spent on one short word.
PER_WORD = [
    ("gov", "gouvernement d'union nationale", "correct"),
    ("gov", "gouvernement d'unité nationale", "wrong"),  # another word, not a typo
    ("gov", "gouvernement d'union nationalle", "close"),
    ("gov", "gouvernement d'acord national", "close"),
    ("gov", "gouvernement dunion nationale", "close"),  # a missing space
    ("gov", "gouvernement union nationale", "wrong"),  # a missing word
    ("gov", "gouvernement de union nationale", "wrong"),  # "d" must be exact
    ("gaddafi", "Mouammar Gadhafi", "close"),
    ("gaddafi", "Muammar Kadhafi", "close"),
    ("gaddafi", "Muammar Gadhafi", "close"),
    ("gaddafi", "Mouammar Kadafi", "close"),
    ("iran", "Irna", "close"),  # swapped neighbours
    ("iran", "Irann", "close"),  # a doubled letter
    ("iran", "Irak", "wrong"),  # a consonant replaced: another country
    ("iran", "Oran", "wrong"),  # the first letter
    ("iran", "ran", "wrong"),
    ("speaker", "Aguila Saleh Issa", "close"),  # a vowel for a vowel
    ("speaker", "Aguila Salah Isa", "close"),
    ("speaker", "Aguila Salad Issa", "wrong"),
    ("sisi", "Abdel Fatah el-Sisi", "close"),
    ("sisi", "Abdelfattah el Sisi", "close"),
    ("sisi", "Abdel Fattah al-Sisi", "wrong"),  # words of three letters are exact
    ("sisi", "Abdel Fattah el-Sissi", "close"),
    ("city", "Tobruk", "close"),
    ("city", "Tripoli", "wrong"),
    ("capital", "Tripolli", "close"),
]


@pytest.mark.parametrize(("item_id", "response", "outcome"), PER_WORD)
def test_typo_budget_per_word(item_id: str, response: str, outcome: str) -> None:
    verdict = check(item(WORDS, item_id), response, WORDS)
    assert verdict.outcome == outcome, verdict
    if outcome == "close":
        assert "typo" in verdict.foldings


@pytest.mark.parametrize(
    ("item_id", "response", "detail"),
    [
        ("gov", "gouvernement d'unité nationale", "'unite' is 2 edits from the word 'union'"),
        ("gov", "gouvernement union nationale", "the word 'd' is missing"),
        ("sisi", "Abdel Fattah al-Sisi", "the word 'el' must be typed exactly"),
        ("iran", "Irak", "'irak' is not a slip of 'iran' but another word"),
    ],
)
def test_per_word_rejection_says_which_word(item_id: str, response: str, detail: str) -> None:
    verdict = check(item(WORDS, item_id), response, WORDS)
    assert verdict.outcome == "wrong"
    assert detail in verdict.detail, verdict.detail


DAYS = deck_with([{"id": "days", "type": "number", "prompt": "?", "answer": 2, "unit": "days"}])
JOURS = deck_with(
    [
        {"id": "jours", "type": "number", "prompt": "?", "answer": 2, "unit": "jours"},
        {"id": "n", "type": "number", "prompt": "?", "answer": 77},
    ],
    "fr",
)

# A number among filler words, or spelt out: (deck, item, response, outcome, foldings)
NUMBER_WORDS = [
    (EN, "year", "in 2011", "correct", ("filler",)),
    (EN, "year", "year 2011", "correct", ("filler",)),
    (EN, "year", "In the year 2011.", "correct", ("filler",)),
    (EN, "year", "around 2011", "correct", ("filler",)),
    (EN, "year", "~2011", "correct", ("filler",)),
    (EN, "year", "2011.", "correct", ()),
    (EN, "year", "in 2012", "wrong", ()),
    (EN, "year", "en 2011", "wrong", ()),  # a French filler in an English deck
    (EN, "year", "2011 km", "wrong", ()),
    (EN, "year", "maybe 2011", "wrong", ()),
    (EN, "distance", "about 25 km", "correct", ("unit", "filler")),
    (EN, "distance", "approximately 26km", "correct", ("unit", "filler")),
    (EN, "share", "about 3.5 %", "correct", ("unit", "filler")),
    (FR, "annee", "en 2011", "correct", ("filler",)),
    (FR, "annee", "l'an 2011", "correct", ("filler",)),
    (FR, "annee", "L’année 2011", "correct", ("filler",)),
    (FR, "annee", "année 2011", "correct", ("filler",)),
    (FR, "annee", "vers 2011", "correct", ("filler",)),
    (FR, "annee", "en l'an 2 011", "correct", ("filler", "separators")),
    (FR, "taux", "environ 3,5 %", "correct", ("unit", "filler")),
    (FR, "deplaces", "environ 1 500 000", "correct", ("filler",)),
    (DAYS, "days", "two", "correct", ("number-words",)),
    (DAYS, "days", "Two days", "correct", ("unit", "number-words")),
    (DAYS, "days", "2 day", "correct", ("unit",)),
    (DAYS, "days", "three", "wrong", ()),
    (JOURS, "jours", "deux", "correct", ("number-words",)),
    (JOURS, "jours", "deux jours", "correct", ("unit", "number-words")),
    (JOURS, "jours", "environ deux jours", "correct", ("unit", "filler", "number-words")),
    (JOURS, "jours", "douze", "wrong", ()),
    (JOURS, "n", "soixante-dix-sept", "correct", ("number-words",)),
    (JOURS, "n", "soixante dix sept", "correct", ("number-words",)),
]


@pytest.mark.parametrize(("deck", "item_id", "response", "outcome", "foldings"), NUMBER_WORDS)
def test_numbers_among_words(deck, item_id: str, response: str, outcome: str, foldings) -> None:
    verdict = check(item(deck, item_id), response, deck)
    assert verdict.outcome == outcome, verdict
    assert set(foldings) <= set(verdict.foldings), verdict


@pytest.mark.parametrize(
    ("deck", "item_id", "response"),
    [
        (EN, "year", "2011 or 2012"),
        (EN, "year", "between 2010 and 2012"),
        (EN, "year", "2010-2012"),
        (EN, "year", "in 2011, 2012"),
        (EN, "year", "twenty eleven"),
        (FR, "annee", "2011 ou 2012"),
        (DAYS, "days", "2 or 3 days"),
        (DAYS, "days", "two or three"),
    ],
)
def test_several_numbers_are_wrong_and_say_one_is_expected(deck, item_id, response) -> None:
    verdict = check(item(deck, item_id), response, deck)
    assert verdict.outcome == "wrong"
    assert "one number is expected" in verdict.detail, verdict.detail


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("zero", "en", 0),
        ("seven", "en", 7),
        ("twenty", "en", 20),
        ("twenty-one", "en", 21),
        ("ninety nine", "en", 99),
        ("zéro", "fr", 0),
        ("un", "fr", 1),
        ("une", "fr", 1),
        ("seize", "fr", 16),
        ("dix-sept", "fr", 17),
        ("vingt", "fr", 20),
        ("vingt et un", "fr", 21),
        ("vingt-deux", "fr", 22),
        ("soixante et onze", "fr", 71),
        ("quatre-vingts", "fr", 80),
        ("quatre-vingt-dix-neuf", "fr", 99),
        ("Deux", "fr", 2),
        ("two", "fr", None),
        ("deux", "en", None),
        ("and", "en", None),
        ("2011 and", "en", None),
    ],
)
def test_number_words(text: str, language: str, value: int | None) -> None:
    parsed = parse_number(text, language)
    if value is None:
        assert parsed is None
    else:
        assert parsed is not None and parsed[0] == value
        assert "number-words" in parsed[1]


TITLED = deck_with(
    [
        {
            "id": "gaddafi",
            "type": "typed",
            "prompt": "?",
            "answer": "Muammar Gaddafi",
            "accept": ["Gaddafi"],
        },
        {
            "id": "rank",
            "type": "typed",
            "prompt": "Haftar's rank?",
            "answer": "Field Marshal",
            "accept": ["Marshal"],
        },
        {"id": "initial", "type": "typed", "prompt": "?", "answer": "X"},
        {"id": "council", "type": "typed", "prompt": "?", "answer": "General Haftar"},
        {"id": "leader", "type": "typed", "prompt": "?", "answer": "Haftar"},
        {"id": "speaker", "type": "typed", "prompt": "?", "answer": "Aguila Saleh"},
    ]
)

# A title before a name: (deck, item, response, outcome)
TITLES = [
    (EN, "lna-leader", "General Haftar", "correct"),
    (EN, "lna-leader", "general haftar", "correct"),
    (EN, "lna-leader", "Field Marshal Khalifa Haftar", "correct"),
    (EN, "lna-leader", "Marshal Haftar", "correct"),
    (EN, "lna-leader", "Mr. Haftar", "correct"),
    (EN, "egypt-president", "President Sisi", "correct"),
    (EN, "egypt-president", "President el-Sisi", "correct"),
    (EN, "egypt-president", "the President Abdel Fattah el-Sisi", "correct"),
    (EN, "lna-leader", "Captain Haftar", "wrong"),  # not a title on the list
    (EN, "lna-leader", "General Hafter", "wrong"),  # a title and a typo: too far
    (EN, "lna-leader", "General Gaddafi", "wrong"),
    (EN, "lna-leader", "Haftar General", "wrong"),
    (FR, "chef", "le général Haftar", "correct"),
    (FR, "chef", "Maréchal Haftar", "correct"),
    (FR, "chef", "M. Haftar", "correct"),
    (FR, "phrase.2", "le président Sissi", "correct"),
    (FR, "chef", "Président Haftar", "correct"),
    (FR, "chef", "General Haftar", "correct"),  # folds to the French title
    (FR, "chef", "Colonel Khalifa Haftar", "correct"),
    (FR, "chef", "Mr Haftar", "wrong"),  # an English title in a French deck
    (TITLED, "gaddafi", "Colonel Gaddafi", "correct"),
    (TITLED, "gaddafi", "Colonel Muammar Gaddafi", "correct"),
    (TITLED, "rank", "General Marshal", "wrong"),  # the answer is itself a title
    (TITLED, "initial", "General X", "wrong"),  # one letter is too little to go on
    (TITLED, "leader", "General Haftar", "wrong"),  # another card's whole answer
    (TITLED, "speaker", "Speaker Aguila Saleh", "correct"),
    (TITLED, "speaker", "the Speaker Aguila Saleh", "correct"),
    (TITLED, "speaker", "Speaker Aguila Salah", "wrong"),  # a title and a typo: too far
]


@pytest.mark.parametrize(("deck", "item_id", "response", "outcome"), TITLES)
def test_title_before_a_name(deck, item_id: str, response: str, outcome: str) -> None:
    verdict = check(item(deck, item_id), response, deck)
    assert verdict.outcome == outcome, verdict
    if outcome == "correct":
        assert "title" in verdict.foldings
        assert "without the title" in verdict.detail


def test_title_verdict_names_the_title() -> None:
    verdict = check(item(FR, "chef"), "le général Haftar", FR)
    assert verdict.matched == "Haftar"
    assert verdict.expected == "Khalifa Haftar"
    assert verdict.detail == "matched without the title 'le général'"


@pytest.mark.parametrize(
    ("text", "language"), [("FORTY", "en"), ("deux", "fr"), ("vingt et un", "fr")]
)
def test_number_words_read_as_floats_like_digits(text: str, language: str) -> None:
    """Spelt-out numbers come back as floats, like numbers written in digits."""
    parsed = parse_number(text, language)
    assert parsed is not None
    assert isinstance(parsed[0], float)
