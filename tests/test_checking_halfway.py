"""The checker meets learners halfway: prepositions, titles and dates around a right answer.

Table-driven, in English and French decks: each case is (deck, item, response,
outcome, foldings that must be reported, words the verdict's detail must hold).
"""

from __future__ import annotations

import pytest
from checking_decks import deck_with, item
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.checking import check, fold

EN = deck_with(
    [
        {"id": "city", "type": "typed", "prompt": "Where?", "answer": "Cairo"},
        {"id": "seat", "type": "typed", "prompt": "Where?", "answer": "Tobruk"},
        {"id": "region", "type": "typed", "prompt": "Where?", "answer": "the East"},
        {"id": "town", "type": "typed", "prompt": "Where?", "answer": "In Amenas"},
        {
            "id": "speaker",
            "type": "typed",
            "prompt": "Who?",
            "answer": "Aguila Saleh Issa",
            "accept": ["Aguila Saleh"],
        },
        {"id": "leader", "type": "typed", "prompt": "Who?", "answer": "Khalifa Haftar"},
        {"id": "month", "type": "typed", "prompt": "Which month?", "answer": "April"},
        {
            "id": "pinned",
            "type": "typed",
            "prompt": "Which month?",
            "answer": "April",
            "accept": ["April 2019", "4 April 2019"],
        },
        {"id": "may", "type": "typed", "prompt": "Which month?", "answer": "May"},
        {"id": "date", "type": "typed", "prompt": "When?", "answer": "April 2019"},
    ]
)

FR = deck_with(
    [
        {"id": "ville", "type": "typed", "prompt": "Où ?", "answer": "Le Caire"},
        {"id": "siege", "type": "typed", "prompt": "Où ?", "answer": "Tobrouk"},
        {"id": "pays", "type": "typed", "prompt": "D’où ?", "answer": "Égypte"},
        {"id": "region", "type": "typed", "prompt": "Où ?", "answer": "l’Est"},
        {"id": "chef", "type": "typed", "prompt": "Qui ?", "answer": "Khalifa Haftar"},
        {"id": "sissi", "type": "typed", "prompt": "Qui ?", "answer": "Abdel-Fattah al-Sissi"},
        {"id": "mois", "type": "typed", "prompt": "Quel mois ?", "answer": "Avril"},
        {
            "id": "date",
            "type": "typed",
            "prompt": "Quel mois ?",
            "answer": "avril",
            "accept": ["avril 2019", "4 avril 2019"],
        },
    ],
    "fr",
)

Case = tuple[object, str, str, str, tuple[str, ...], str]

PREPOSITIONS: list[Case] = [
    (EN, "city", "in Cairo", "correct", ("preposition",), "without 'in'"),
    (EN, "city", "In Cairo.", "correct", ("preposition",), "without 'In'"),
    (EN, "city", "at Cairo", "correct", ("preposition",), "without 'at'"),
    (EN, "city", "in cairo", "correct", ("case", "preposition"), "without 'in'"),
    (EN, "city", "in Cario", "close", ("typo", "preposition"), "1 typo"),
    (EN, "city", "in Tobruk", "wrong", (), ""),  # another card's answer, preposition or not
    (EN, "city", "in", "wrong", (), ""),
    (EN, "city", "en Cairo", "wrong", (), ""),  # a French preposition in an English deck
    (EN, "region", "in the East", "correct", ("preposition",), "without 'in'"),
    (EN, "region", "on the east", "correct", ("case", "preposition"), "without 'on'"),
    (EN, "town", "In Amenas", "correct", (), ""),  # the preposition is the answer's own
    (EN, "town", "Amenas", "wrong", (), ""),
    (EN, "seat", "at Tobrouk", "close", ("typo", "preposition"), "without 'at'"),
    (FR, "ville", "au Caire", "correct", ("preposition",), "without 'au'"),
    (FR, "ville", "Au Caire", "correct", ("preposition",), "without 'Au'"),
    (FR, "ville", "à Le Caire", "correct", ("preposition",), "without 'à'"),
    (FR, "ville", "dans le Caire", "correct", ("preposition",), "without 'dans'"),
    (FR, "ville", "au Kaire", "close", ("typo", "preposition"), "without 'au'"),
    (FR, "ville", "in Cairo", "wrong", (), ""),
    (FR, "siege", "à Tobrouk", "correct", ("preposition",), "without 'à'"),
    (FR, "siege", "a Tobrouk", "correct", ("preposition",), "without 'a'"),
    (FR, "siege", "en Tobrouk", "correct", ("preposition",), "without 'en'"),
    (FR, "siege", "au Caire", "wrong", (), ""),
    (FR, "pays", "d'Égypte", "correct", ("preposition",), 'without "d\'"'),
    (FR, "pays", "d’Egypte", "correct", ("accents", "preposition"), "without 'd’'"),
    (FR, "pays", "de l'Égypte", "correct", ("article",), ""),
    (FR, "pays", "en Égypte", "correct", ("preposition",), "without 'en'"),
    (FR, "pays", "par l’Égypte", "correct", ("preposition",), "without 'par'"),
    (FR, "region", "à l’Est", "correct", ("preposition",), "without 'à'"),
    (FR, "region", "dans l'est", "correct", ("preposition",), "without 'dans'"),
    (FR, "region", "de l'Est", "correct", ("article",), ""),
]

TITLES: list[Case] = [
    (EN, "speaker", "Speaker Aguila Saleh", "correct", ("title",), "the title 'Speaker'"),
    (EN, "speaker", "speaker aguila saleh issa", "correct", ("title",), "'speaker'"),
    (EN, "speaker", "Speaker Saleh", "wrong", (), ""),
    (EN, "leader", "Field Marshal Khalifa Haftar", "correct", ("title",), "'Field Marshal'"),
    (EN, "leader", "General Khalifa Haftar", "correct", ("title",), "'General'"),
    (FR, "chef", "le maréchal Khalifa Haftar", "correct", ("title",), "'le maréchal'"),
    (FR, "chef", "le général Khalifa Haftar", "correct", ("title",), "'le général'"),
    (FR, "sissi", "le président Abdel-Fattah al-Sissi", "correct", ("title",), "'le président'"),
    (FR, "sissi", "au président al-Sissi", "wrong", (), ""),  # "al-Sissi" is not accepted here
    (FR, "chef", "au maréchal Khalifa Haftar", "correct", ("title", "preposition"), "'au'"),
]

DATES: list[Case] = [
    (EN, "month", "April", "correct", (), ""),
    (EN, "month", "April 2019", "correct", ("date",), "the year 2019 not checked"),
    (EN, "month", "4 April", "correct", ("date",), "the day 4 not checked"),
    (EN, "month", "April 4, 2019", "correct", ("date",), "no day or year"),
    (EN, "month", "the 4th of April", "correct", ("date",), "the day 4"),
    (EN, "month", "early April", "correct", ("date",), "'early' not checked"),
    (EN, "month", "in April", "correct", ("preposition",), "without 'in'"),
    (EN, "month", "in early April 2019", "correct", ("date", "preposition"), "'early'"),
    (EN, "month", "Apr.", "correct", ("date",), "the month 'Apr'"),
    (EN, "month", "Aprl 2019", "close", ("date", "typo"), "'Aprl' as the month 'April'"),
    (EN, "month", "Aprl", "close", ("typo",), "1 typo"),
    (EN, "month", "March 2019", "wrong", (), "'March' is another month"),
    (EN, "month", "April and May", "wrong", (), ""),
    (EN, "month", "April 2019 2020", "wrong", (), ""),
    (EN, "month", "2019", "wrong", (), ""),
    (EN, "month", "avril 2019", "wrong", (), ""),  # French months only in French decks
    (EN, "pinned", "April 2019", "correct", (), ""),
    (EN, "pinned", "4 April", "correct", ("date",), "the day 4 fits the card"),
    (EN, "pinned", "April 4, 2019", "correct", ("date",), "the day 4 and the year 2019 fit"),
    (EN, "pinned", "early April", "correct", ("date",), "'early' fits the card"),
    (EN, "pinned", "April 2018", "wrong", (), "the year is 2019, not 2018"),
    (EN, "pinned", "5 April 2019", "wrong", (), "the day is 4, not 5"),
    (EN, "pinned", "late April", "wrong", (), "'late' does not fit the day 4"),
    (EN, "pinned", "mid-April 2019", "wrong", (), "'mid' does not fit the day 4"),
    (EN, "may", "May 2019", "correct", ("date",), "the month 'May'"),
    (EN, "may", "in May", "correct", ("preposition",), "without 'in'"),
    (EN, "date", "April 2018", "wrong", (), ""),  # the answer is a date, not a month
    (EN, "date", "4 April 2019", "wrong", (), ""),
    (FR, "mois", "avril 2019", "correct", ("date",), "the month 'avril'"),
    (FR, "mois", "en avril", "correct", ("preposition",), "without 'en'"),
    (FR, "mois", "le 4 avril 2019", "correct", ("date",), "the day 4 and the year 2019"),
    (FR, "mois", "début avril", "correct", ("date",), "'début' not checked"),
    (FR, "mois", "Début avril", "correct", ("date",), "'Début'"),
    (FR, "mois", "au début du mois d'avril", "correct", ("date", "preposition"), "'début'"),
    (FR, "mois", "à la mi-avril", "correct", ("date", "preposition"), "'mi'"),
    (FR, "mois", "1er avril", "correct", ("date",), "the day 1"),
    (FR, "mois", "April 2019", "correct", ("date",), "the month 'April'"),  # English too
    (FR, "mois", "mars 2019", "wrong", (), "'mars' is another month"),
    (FR, "date", "le 4 avril 2019", "correct", ("article",), ""),
    (FR, "date", "début avril", "correct", ("date",), "'début' fits the card"),
    (FR, "date", "fin avril 2019", "wrong", (), "'fin' does not fit the day 4"),
    (FR, "date", "avril 2018", "wrong", (), "the year is 2019, not 2018"),
    (FR, "date", "en avril 2018", "wrong", (), "the year is 2019, not 2018"),
]


@pytest.mark.parametrize(
    ("deck", "item_id", "response", "outcome", "foldings", "detail"),
    PREPOSITIONS + TITLES + DATES,
)
def test_halfway(deck, item_id: str, response: str, outcome: str, foldings, detail: str) -> None:
    verdict = check(item(deck, item_id), response, deck)
    assert verdict.outcome == outcome, verdict
    assert set(foldings) <= set(verdict.foldings), verdict
    assert detail in verdict.detail, verdict
    if outcome == "wrong":
        assert verdict.matched is None
    else:
        assert verdict.matched is not None
        assert "".join(op.response for op in verdict.diff) == response.strip()
        assert "".join(op.expected for op in verdict.diff) == verdict.matched


def test_each_new_folding_is_named_in_the_detail() -> None:
    """A verdict that needed a preposition or a date folded says which words it left out."""
    for deck, item_id, response, outcome, _foldings, _detail in PREPOSITIONS + DATES:
        if outcome == "wrong":
            continue
        verdict = check(item(deck, item_id), response, deck)
        if "preposition" in verdict.foldings:
            assert "matched without '" in verdict.detail or 'without "' in verdict.detail
        if "date" in verdict.foldings:
            assert "matched " in verdict.detail and "the month" in verdict.detail


LETTERS = st.text(alphabet="bcdfghjklmnpqrstvwxyzaeiou", min_size=4, max_size=10)
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
}


@given(
    answer=st.lists(LETTERS, min_size=1, max_size=3).map(" ".join),
    language=st.sampled_from(["en", "fr"]),
    data=st.data(),
)
@settings(max_examples=150, deadline=None)
def test_a_preposition_never_makes_a_right_answer_wrong(
    answer: str, language: str, data: st.DataObject
) -> None:
    words = {"en": ["in", "on", "at", "In", "AT"], "fr": ["à", "au", "en", "dans", "À", "d'"]}
    deck = deck_with([{"id": "a", "type": "typed", "prompt": "?", "answer": answer}], language)
    target = deck.items()[0]
    word = data.draw(st.sampled_from(words[language]))
    response = word + ("" if word.endswith("'") else " ") + answer
    verdict = check(target, response, deck)
    assert verdict.is_right, (response, verdict)
    if fold(response, language) != fold(answer, language):
        assert "preposition" in verdict.foldings or verdict.foldings == ("article",)


@given(
    language=st.sampled_from(["en", "fr"]),
    month=st.integers(0, 11),
    asked=st.integers(0, 11),
    day=st.one_of(st.none(), st.integers(1, 31)),
    year=st.one_of(st.none(), st.integers(1000, 2999)),
)
@settings(max_examples=150, deadline=None)
def test_a_month_decides_a_date_given_for_a_month(
    language: str, month: int, asked: int, day: int | None, year: int | None
) -> None:
    """With no dated answer on the card, a date is right exactly when its month is the card's."""
    names = MONTHS[language].split()
    deck = deck_with(
        [{"id": "m", "type": "typed", "prompt": "?", "answer": names[asked].capitalize()}],
        language,
    )
    response = " ".join(str(part) for part in (day, names[month], year) if part is not None)
    verdict = check(deck.items()[0], response, deck)
    assert verdict.is_right == (month == asked), (response, verdict)
