"""Prepositions and elisions a learner puts before an answer: "in Cairo", "au Caire", "d'Égypte".

The question asks for a place or a time and the learner answers with the
words of a sentence. Those words are folded like articles, but from the
response only and only when it does not match as typed, so an answer that
begins with one ("In Amenas") is still compared whole; the verdict names the
words it left out.
"""

from __future__ import annotations

import re

from quizapp.core.checking.diff import char_diff
from quizapp.core.checking.folding import _APOSTROPHES, fold
from quizapp.core.checking.verdict import Verdict
from quizapp.core.checking.wording import quote
from quizapp.core.i18n import _

# Folded, per language ("à" folds to "a", "d'" to "d").
_PREPOSITIONS: dict[str, tuple[str, ...]] = {
    "en": ("in", "on", "at", "by"),
    "fr": ("a", "au", "aux", "en", "dans", "de", "d", "par"),
}

# Where a learner's words may be cut: after spaces, or after an apostrophe ("d'Égypte").
_BOUNDARY = re.compile(r"\s+|\s*[" + _APOSTROPHES + r"]\s*")


def preposition_of(response_key: str, language: str) -> str | None:
    """The preposition the folded response starts with, when something follows it."""
    for word in _PREPOSITIONS.get(language, ()):
        if response_key.startswith(word + " ") and response_key[len(word) + 1 :].strip():
            return word
    return None


def split_preposition(shown: str, response_key: str, language: str) -> tuple[str, str] | None:
    """``shown`` cut into its leading preposition as typed and the rest, or None.

    ``response_key`` is ``shown`` folded; only a response whose folded form
    starts with a preposition of the deck's language is cut.
    """
    word = preposition_of(response_key, language)
    if word is None:
        return None
    for boundary in _BOUNDARY.finditer(shown):
        head, tail = shown[: boundary.end()], shown[boundary.end() :]
        if fold(head, language) == word and tail.strip():
            return head.strip(), tail
        if len(fold(head, language)) > len(word):
            break
    return None


def without_preposition(inner: Verdict, shown: str, head: str) -> Verdict:
    """The verdict on the words after ``head``, given for the whole response ``shown``."""
    assert inner.matched is not None
    foldings = (*inner.foldings, *(("preposition",) if "preposition" not in inner.foldings else ()))
    detail = _("matched without {words}").format(words=quote(head))
    if inner.detail:
        detail += f"; {inner.detail}"
    diff = char_diff(shown, inner.matched)
    return Verdict(inner.outcome, inner.expected, inner.matched, foldings, diff, detail)
