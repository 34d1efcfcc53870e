"""Cut an article into sentences, verbatim, and say which ones no card may come from.

Cards quote their sentence, so a sentence is always an exact slice of the
article (offsets kept). Sentences are cut by rules rather than by a language
model: the rules keep a quotation in guillemets whole, which a small model
does not, and they are the same with or without spaCy.
"""

from __future__ import annotations

import re

from quizapp.core.draft.model import Sentence
from quizapp.core.i18n import N_

# An end mark, then closing quotes or brackets, then space, then what starts a sentence.
_BOUNDARY = re.compile(r"[.!?…]+[»”\"')\]]*(?=\s+[«“\"(\[]?[A-ZÀ-ÖØ-Þ0-9])")
_ABBREVIATIONS = frozenset(
    [
        "m",
        "mme",
        "mlle",
        "dr",
        "st",
        "mr",
        "mrs",
        "ms",
        "prof",
        "gen",
        "col",
        "jr",
        "sr",
        "etc",
        "cf",
        "vs",
        "no",
        "art",
        "av",
        "j-c",
    ]
)
# Not ‘ ’: the right one is also the apostrophe of "l’Égypte".
_OPENERS = {"«": "»", "“": "”"}
_SPEECH_VERBS = re.compile(
    r"\b(déclaré|dit|affirmé|ajouté|indiqué|expliqué|estimé|selon|said|told|says|stated|"
    r"added|according)\b",
    re.IGNORECASE,
)
MIN_WORDS = 4
MAX_CHARS = 1500


def split_sentences(article: str) -> list[Sentence]:
    """Every sentence of the article in order, each an exact slice of it.

    Lines are paragraphs; inside one, a sentence ends at ``.``, ``!``, ``?`` or
    ``…`` followed by a capital, unless the mark ends an abbreviation or an
    open quotation is not yet closed.
    """
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", article):
        start = line.start()
        cut = start
        for match in _BOUNDARY.finditer(line.group(0)):
            end = start + match.end()
            piece = article[cut:end]
            if _ends_with_abbreviation(piece) or _open_quotes(piece):
                continue
            _append(sentences, article, cut, end)
            cut = end
        _append(sentences, article, cut, line.end())
    return sentences


def _append(sentences: list[Sentence], article: str, start: int, end: int) -> None:
    raw = article[start:end]
    stripped = raw.strip()
    if not stripped:
        return
    offset = start + raw.index(stripped)
    text = stripped
    sentences.append(
        Sentence(
            text=text,
            start=offset,
            index=len(sentences),
            skip=skip_reason(text),
            quoted=quoted_spans(text),
        )
    )


def _ends_with_abbreviation(piece: str) -> bool:
    words = re.findall(r"[\w-]+(?=\.$)", piece.rstrip())
    if not words:
        return False
    word = words[-1]
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _open_quotes(piece: str) -> bool:
    """Whether a guillemet or curly quote opened in ``piece`` is still open at its end."""
    depth = 0
    for char in piece:
        if char in _OPENERS:
            depth += 1
        elif char in _OPENERS.values() and depth > 0:
            depth -= 1
    return depth > 0 or piece.count('"') % 2 == 1


def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the outermost quotations of a sentence, quote marks included."""
    spans: list[tuple[int, int]] = []
    depth, begin = 0, 0
    straight_open: int | None = None
    for index, char in enumerate(text):
        if char in _OPENERS:
            if depth == 0:
                begin = index
            depth += 1
        elif char in _OPENERS.values() and depth > 0:
            depth -= 1
            if depth == 0:
                spans.append((begin, index + 1))
        elif char == '"' and depth == 0:
            if straight_open is None:
                straight_open = index
            else:
                spans.append((straight_open, index + 1))
                straight_open = None
    return tuple(spans)


def _nested_quotation(text: str) -> bool:
    depth = 0
    straight = 0
    for char in text:
        if char in _OPENERS:
            depth += 1
            if depth > 1 or straight % 2:
                return True
        elif char in _OPENERS.values() and depth > 0:
            depth -= 1
        elif char == '"':
            straight += 1
            if depth > 0:
                return True
    return False


def skip_reason(text: str) -> str:
    """Why no card should come from this sentence, or "" when cards may.

    The reason is English (marked for the catalogue): show it with ``_()``.

    A question states no fact; a quotation of a quotation (quoted words inside
    quoted words, or words reported by someone who reports someone else's)
    is hearsay the article does not vouch for.
    """
    if re.search(r"\?[»”\"')\]\s]*$", text):
        return N_("a question")
    if _nested_quotation(text):
        return N_("a quotation of a quotation")
    if quoted_spans(text) and len(_SPEECH_VERBS.findall(text)) >= 2:
        return N_("a quotation of a quotation")
    if len(text.split()) < MIN_WORDS:
        return N_("too short")
    if len(text) > MAX_CHARS:
        return N_("too long")
    return ""
