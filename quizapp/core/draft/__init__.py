"""Draft a deck from an article: grounded card proposals for an author to accept, edit or drop.

The article is cut into sentences (:mod:`.sentences`); each sentence's names,
dates and numbers are found by spaCy when its pipeline for the language is
installed, by rules otherwise (:mod:`.analysis`, :mod:`.rules`,
:mod:`.lexicon`); clear patterns word questions (:mod:`.patterns`); every
mention becomes card proposals quoting its sentence (:mod:`.propose`); the
deck is written with comments kept and checked before each write
(:mod:`.deckfile`, :mod:`.session`). No Textual here: the review screen is
in the TUI.
"""

from quizapp.core.draft.analysis import PIPELINES, Analyzer, fallback_analyzer, load_analyzer
from quizapp.core.draft.deckfile import DraftError
from quizapp.core.draft.model import Mention, Proposal, Sentence
from quizapp.core.draft.session import Draft, DraftDeck, default_output, make_draft, read_article

__all__ = [
    "PIPELINES",
    "Analyzer",
    "Draft",
    "DraftDeck",
    "DraftError",
    "Mention",
    "Proposal",
    "Sentence",
    "default_output",
    "fallback_analyzer",
    "load_analyzer",
    "make_draft",
    "read_article",
]
