"""A draft from an article to a deck file: read, analyse, propose, then write or review.

``make_draft`` does the reading and the analysis; ``DraftDeck`` is the deck
being written, one accepted card at a time (the review) or all at once
(``write_all``). Both front ends, the command and the review screen, go
through here, so the rules of what is written live in one place.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit

from quizapp.core.decks import MAX_SOURCE_BYTES
from quizapp.core.decks.reading import decode, read_regular_file
from quizapp.core.draft.analysis import Analyzer, Progress, _quiet
from quizapp.core.draft.deckfile import (
    DraftError,
    append_card,
    card_ids,
    new_document,
    problems_of,
    read_document,
    remove_card,
    unique_id,
    write_checked,
)
from quizapp.core.draft.model import CardTable, Proposal, Sentence
from quizapp.core.draft.propose import card_id, card_table, propose, slug
from quizapp.core.i18n import _
from quizapp.core.l10n import number
from quizapp.core.problems import Problem


def read_article(path: Path) -> str:
    """The article's text: a regular UTF-8 file of at most 2 MB (as a deck's source must be)."""
    data, (kind, detail) = read_regular_file(path, MAX_SOURCE_BYTES, follow_links=False)
    if data is None:
        raise DraftError(
            {
                "missing": _("{path}: no such file"),
                "unreadable": _("{path}: cannot be read: {detail}"),
                "link": _("{path}: is a symbolic link; name the file itself"),
                "directory": _("{path}: is a directory, not an article"),
                "special": _("{path}: is not a regular file"),
                "too big": _("{path}: is larger than {size} bytes"),
            }[kind].format(path=path, detail=detail, size=number(MAX_SOURCE_BYTES))
        )
    text, bad = decode(data)
    if text is None or "\x00" in text:
        if bad:
            raise DraftError(
                _("{path}: is not UTF-8 text (line {line})").format(path=path, line=bad[0])
            )
        raise DraftError(_("{path}: is not UTF-8 text").format(path=path))
    if not text.strip():
        raise DraftError(_("{path}: is empty").format(path=path))
    return text


@dataclass
class Draft:
    """The proposals for one article, and what they were made with."""

    article: Path
    text: str
    analyzer: Analyzer
    sentences: list[Sentence]
    proposals: list[Proposal]

    @property
    def skipped(self) -> list[Sentence]:
        return [s for s in self.sentences if s.skip]


def make_draft(article: Path, analyzer: Analyzer, progress: Progress = _quiet) -> Draft:
    """Read the article and propose cards from it."""
    text = read_article(article)
    sentences = analyzer.analyse(text, progress)
    proposals = propose(sentences, analyzer.lexicon, fallback=analyzer.fallback)
    return Draft(article, text, analyzer, sentences, proposals)


def default_output(article: Path) -> Path:
    """``article.txt`` -> ``article.toml`` beside it."""
    return (
        article.with_suffix(".toml")
        if article.suffix
        else article.with_name(article.name + ".toml")
    )


@dataclass
class DraftDeck:
    """The deck file a draft is written to; every change is checked, then written atomically."""

    path: Path
    draft: Draft
    doc: tomlkit.TOMLDocument = field(init=False)
    accepted: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.path.exists():
            self.doc = read_document(self.path)
            self._same_source()
            return
        if not self.path.parent.is_dir():
            raise DraftError(
                _("{path}: the folder {folder} does not exist").format(
                    path=self.path, folder=self.path.parent
                )
            )
        article = self.draft.article
        try:
            relative = os.path.relpath(article.resolve(), self.path.resolve().parent)
        except ValueError:  # another drive: the deck must sit on the article's drive
            raise DraftError(
                _("{path}: put the deck on the same drive as the article").format(path=self.path)
            ) from None
        analyzer = self.draft.analyzer
        note = (
            f"Drafted from {article.name} with {analyzer.name}"
            + (f" ({analyzer.note})" if analyzer.fallback and analyzer.note else "")
            + ".\nEach card quotes its sentence of the article; check what it asks before studying."
        )
        stem = article.name.split(".")[0]
        self.doc = new_document(
            deck_id=slug(article.stem, 60),
            title=f"{stem} (draft)",
            language=analyzer.language,
            source_path=relative.replace(os.sep, "/"),
            source_title=article.name,
            note=note,
        )

    def _same_source(self) -> None:
        """A deck taken up again must draw from this article, or its quotes would not check."""
        deck = self.doc.get("deck")
        source = deck.get("source") if isinstance(deck, dict) else None
        path = source.get("path") if isinstance(source, dict) else None
        if not isinstance(path, str):
            raise DraftError(
                _("{path}: is not a drafted deck (it names no source)").format(path=self.path)
            )
        named = (self.path.parent / path).resolve()
        if named != self.draft.article.resolve():
            raise DraftError(
                _("{path}: draws from {source}, not from {article}").format(
                    path=self.path, source=path, article=self.draft.article
                )
            )

    def table_for(self, proposal: Proposal, card: CardTable | None = None) -> CardTable:
        """The full card table of a proposal (or of the author's edit of it), with a free id."""
        lex = self.draft.analyzer.lexicon
        wanted = card_id(proposal, lex)
        table = card_table(proposal, lex, unique_id(wanted, card_ids(self.doc)))
        if card is not None:
            # The author's edit wins; the quote and fact it does not show are kept.
            edited: CardTable = {"id": card.get("id", table["id"])}
            edited.update({key: value for key, value in card.items() if key != "id"})
            for key in ("quote", "fact"):
                edited.setdefault(key, table[key])
            table = edited
        return table

    def check(self, table: CardTable) -> list[Problem]:
        """The errors the deck would have with this card added (nothing is written)."""
        trial = copy.deepcopy(self.doc)
        append_card(trial, table)
        return [p for p in problems_of(trial, self.path) if p.severity == "error"]

    def accept(self, proposal: Proposal, card: CardTable | None = None) -> CardTable:
        """Add the proposal (or the author's edit of it) and write the deck, checked."""
        table = self.table_for(proposal, card)
        comment = (
            f"accepted; proposed with confidence {proposal.confidence:.2f} ({proposal.reason})"
        )
        trial = copy.deepcopy(self.doc)
        append_card(trial, table, comment)
        write_checked(trial, self.path)
        self.doc = trial
        self.accepted.append(str(table["id"]))
        return table

    def undo(self) -> str | None:
        """Remove the last card accepted in this session and write the deck; its id."""
        if not self.accepted:
            return None
        card = self.accepted.pop()
        trial = copy.deepcopy(self.doc)
        remove_card(trial, card)
        write_checked(trial, self.path)
        self.doc = trial
        return card

    def write_all(self) -> list[Problem]:
        """Write every proposal, each commented with its confidence; the deck's warnings."""
        for proposal in self.draft.proposals:
            table = self.table_for(proposal)
            comment = f"confidence {proposal.confidence:.2f}: {proposal.reason}"
            append_card(self.doc, table, comment)
        return write_checked(self.doc, self.path)
