"""Whatever the article says, every proposal quotes it verbatim and the deck checks clean."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core.decks import inspect_deck
from quizapp.core.draft import DraftDeck, fallback_analyzer, make_draft

WORDS = [
    "Le", "la", "président", "général", "ministre", "de", "l’", "à", "en", "au", "a", "signé",
    "rencontré", "basée", "son", "siège", "Ali", "Ben", "Salah", "Tunis", "Sousse", "Ligue",
    "arabe", "Chambre", "des", "représentants", "(LNA)", "LNA", "2019", "1999", "deux", "12 500",
    "avril", "mardi", "«", "»", "“", "”", "\"", "{{", "}}", "|", "::", "x::",
    "Al-Sissi", "al-Sissi",
    "?", ",", ".", "[b]", "\\", "é", "Ωmega", "The", "envoy", "based", "in", "Cairo", "May",
]  # fmt: skip


@st.composite
def articles(draw: st.DrawFn) -> str:
    sentences = draw(
        st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), max_size=6)
    )
    return "\n".join(
        " ".join(words) + draw(st.sampled_from([".", "", " ?", "!"])) for words in sentences
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles(), language=st.sampled_from(["fr", "en"]))
def test_any_article_drafts_a_deck_that_checks(text: str, language: str) -> None:
    if not text.strip():
        return
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "article.txt"
        article.write_text(text, encoding="utf-8")
        draft = make_draft(article, fallback_analyzer(language))
        for proposal in draft.proposals:
            sentence = proposal.sentence
            assert text[sentence.start : sentence.start + len(sentence.text)] == sentence.text
            assert not sentence.skip
        deck = Path(folder) / "deck.toml"
        DraftDeck(deck, draft).write_all()
        report = inspect_deck(deck)
        assert report.errors == []
        assert report.deck is not None
        assert len(report.deck.cards) == len(draft.proposals)
