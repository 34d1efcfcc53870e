"""Properties of answer checking, tested with hypothesis."""

from __future__ import annotations

import re
import unicodedata

from checking_decks import EN, FR, deck_with
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quizapp.core.checking import Verdict, check, fold, format_number, parse_number
from quizapp.core.models import Deck
from quizapp.core.unicode_classes import CF

LANGUAGES = st.sampled_from(["en", "fr", "de", "es", "it", "pt", "xx"])
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text an author could put in an answer: no cloze braces or alias bars.
ANSWER_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="{}|"),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() and "::" not in s)

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèêëàâäîïôöùûüçñåøæœß"
LATIN_WORDS = st.lists(
    st.text(alphabet=LATIN, min_size=1, max_size=12), min_size=1, max_size=4
).map(" ".join)
MARKS = [chr(c) for c in range(0x300, 0x370)]
# letters that fold to one letter, so dropping one is one edit (not "ß" → "ss")
SIMPLE_WORDS = st.lists(
    st.text(alphabet=LATIN.replace("ß", "").replace("æ", "").replace("œ", ""), min_size=1),
    min_size=1,
    max_size=4,
).map(" ".join)


@given(text=st.text(max_size=80), language=LANGUAGES)
@FAST
def test_folding_is_idempotent(text: str, language: str) -> None:
    once = fold(text, language)
    assert fold(once, language) == once


@given(text=LATIN_WORDS, language=LANGUAGES)
@FAST
def test_folding_ignores_case(text: str, language: str) -> None:
    assert fold(text.upper(), language) == fold(text.lower(), language) == fold(text, language)


def _typed_deck(answer: str, accept: list[str], others: list[str], language: str) -> Deck:
    cards = [{"id": "target", "type": "typed", "prompt": "?", "answer": answer, "accept": accept}]
    cards += [
        {"id": f"other-{i}", "type": "typed", "prompt": "?", "answer": other}
        for i, other in enumerate(others)
    ]
    return deck_with(cards, language)


@given(
    answer=ANSWER_TEXT,
    accept=st.lists(ANSWER_TEXT, max_size=3),
    others=st.lists(ANSWER_TEXT, max_size=4),
    language=LANGUAGES,
)
@FAST
def test_every_accepted_answer_is_correct(
    answer: str, accept: list[str], others: list[str], language: str
) -> None:
    deck = _typed_deck(answer, accept, others, language)
    target = deck.items()[0]
    for response in [answer, *accept]:
        verdict = check(target, response, deck)
        assert verdict.outcome == "correct", (response, verdict)
        assert verdict.matched in [answer, *accept]


@given(
    gaps=st.lists(
        ANSWER_TEXT.filter(lambda s: s.strip() == s and "{" not in s), min_size=1, max_size=4
    ),
    language=LANGUAGES,
)
@FAST
def test_every_cloze_answer_is_correct(gaps: list[str], language: str) -> None:
    text = " and ".join("{{" + gap + "}}" for gap in gaps)
    deck = deck_with([{"id": "c", "type": "cloze", "text": text}], language)
    for item in deck.items():
        assert item.gap is not None
        for answer in item.gap.answers:
            assert check(item, answer, deck).outcome == "correct"


@st.composite
def case_and_accent_changes(draw: st.DrawFn, text: str) -> str:
    """``text`` with some letters swapped in case and some given a combining accent."""
    out = []
    for char in text:
        if char.isalpha() and draw(st.booleans()):
            char = char.swapcase()
        out.append(char)
        if char.isalpha() and draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(MARKS)))
    changed = "".join(out)
    if draw(st.booleans()):
        changed = unicodedata.normalize("NFC", changed)
    return changed


@given(data=st.data(), answer=LATIN_WORDS, others=st.lists(LATIN_WORDS, max_size=5))
@FAST
def test_case_and_accents_never_make_a_right_answer_wrong(
    data: st.DataObject, answer: str, others: list[str]
) -> None:
    language = data.draw(LANGUAGES)
    deck = _typed_deck(answer, [], others, language)
    target = deck.items()[0]
    assert check(target, answer, deck).outcome == "correct"
    response = data.draw(case_and_accent_changes(answer))
    verdict = check(target, response, deck)
    assert verdict.outcome == "correct", (response, verdict)


@given(
    data=st.data(),
    answer=SIMPLE_WORDS.filter(lambda s: sum(c.isalpha() for c in s) >= 8),
)
@FAST
def test_a_close_answer_stays_right_with_case_changes(data: st.DataObject, answer: str) -> None:
    deck = _typed_deck(answer, [], [], "xx")
    target = deck.items()[0]
    # drop one letter from a word of six letters or more, or after the first
    # letter of a word of four or five (shorter words allow no typo)
    inner = []
    for word in re.finditer(r"\S+", answer):
        size = len(word.group())
        if size >= 6:
            inner += range(word.start(), word.end())
        elif size >= 4:
            inner += range(word.start() + 1, word.end())
    assume(inner)
    index = data.draw(st.sampled_from(inner))
    typo = answer[:index] + answer[index + 1 :]
    assume(fold(typo, "xx") != fold(answer, "xx"))
    assert check(target, typo, deck).is_right
    assert check(target, typo.upper(), deck).is_right


ANY_TEXT = st.text(max_size=200)
ANY_RESPONSE = st.one_of(
    ANY_TEXT,
    st.booleans(),
    st.frozensets(ANY_TEXT, max_size=5),
    st.tuples(ANY_TEXT, ANY_TEXT),
    st.lists(ANY_TEXT, max_size=5).map(tuple),
)


@given(response=ANY_RESPONSE, deck=st.sampled_from([EN, FR]), data=st.data())
@settings(max_examples=300, deadline=None)
def test_no_response_makes_check_raise(response, deck: Deck, data: st.DataObject) -> None:
    items = [i for i in deck.items() if i.type != "basic"]
    item = data.draw(st.sampled_from(items))
    verdict = check(item, response, deck)
    assert isinstance(verdict, Verdict)
    assert verdict.outcome in ("correct", "close", "wrong")
    assert verdict.is_right == (verdict.matched is not None)


@given(text=st.text(max_size=40), language=LANGUAGES, unit=st.sampled_from(["", "km", "%", "€"]))
@FAST
def test_parse_number_never_raises(text: str, language: str, unit: str) -> None:
    parsed = parse_number(text, language, unit)
    assert parsed is None or isinstance(parsed[0], float)


@given(
    value=st.one_of(
        st.integers(-(10**12), 10**12),
        st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False).filter(
            lambda v: v == 0 or abs(v) >= 1e-6
        ),
    ),
    language=st.sampled_from(["en", "fr"]),
    unit=st.sampled_from(["", "km", "%"]),
)
@FAST
def test_the_shown_number_is_accepted(value: float, language: str, unit: str) -> None:
    deck = deck_with(
        [{"id": "n", "type": "number", "prompt": "?", "answer": value, "unit": unit}], language
    )
    item = deck.items()[0]
    verdict = check(item, format_number(value, language, unit), deck)
    assert verdict.outcome == "correct", verdict


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202a"]


@given(data=st.data(), answer=LATIN_WORDS, language=LANGUAGES)
@FAST
def test_invisible_characters_and_wrapping_never_matter(
    data: st.DataObject, answer: str, language: str
) -> None:
    deck = _typed_deck(answer, [], [], language)
    target = deck.items()[0]
    chars = list(answer)
    for _ in range(data.draw(st.integers(0, 3))):
        position = data.draw(st.integers(0, len(chars)))
        chars.insert(position, data.draw(st.sampled_from(INVISIBLE)))
    left, right = data.draw(st.sampled_from([("", ""), ('"', '"'), ("« ", " »"), ("  ", ".")]))
    response = left + "".join(chars) + right
    assert check(target, response, deck).outcome == "correct", response


ASCII_WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10), min_size=1, max_size=3
).map(" ".join)


@given(answer=ASCII_WORDS, language=LANGUAGES)
@FAST
def test_only_the_needed_folding_is_reported(answer: str, language: str) -> None:
    deck = _typed_deck(answer, [], [], language)
    target = deck.items()[0]
    assert check(target, answer, deck).foldings == ()
    assert check(target, answer.upper(), deck).foldings == ("case",)
    assert check(target, answer.replace(" ", "  "), deck).foldings in ((), ("spacing",))
    assert check(target, answer + "\u200b", deck).foldings == ("invisible",)


@given(
    answer=ANSWER_TEXT,
    accept=st.lists(ANSWER_TEXT, max_size=2),
    response=st.text(max_size=80),
    language=LANGUAGES,
)
@FAST
def test_the_diff_spells_out_both_texts(
    answer: str, accept: list[str], response: str, language: str
) -> None:
    deck = _typed_deck(answer, accept, [], language)
    verdict = check(deck.items()[0], response, deck)
    typed = "".join(op.response for op in verdict.diff)
    due = "".join(op.expected for op in verdict.diff)
    assert typed == CF.sub("", response).strip()
    assert due in [answer, *accept]
    if verdict.matched is not None:
        assert due == verdict.matched
    for op in verdict.diff:
        if op.kind == "equal":
            assert len(op.response) == len(op.expected)
