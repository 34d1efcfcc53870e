"""Folding text to the key answers are compared on, and reporting which foldings a match needed.

The steps, their names and order are described in :mod:`quizapp.core.checking`. The
leading articles and the titles before a name that are dropped are per language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from rapidfuzz.distance import OSA

from quizapp.core import unicode_classes as tables
from quizapp.core.checking.limits import MAX_TYPO_LENGTH
from quizapp.core.models import Deck

FOLDINGS = (
    "invisible",
    "unicode",
    "case",
    "accents",
    "hyphens",
    "punctuation",
    "spacing",
    "article",
)

# Unicode "Cf" (format) characters: zero-width space and joiners, bidi marks,
# embeddings, overrides and isolates, soft hyphen, BOM, word joiner, tags…
INVISIBLE = tables.CF
# with the half rings that transliterate Arabic ayn and hamza ("ʿAbd", "Qurʾan")
_APOSTROPHES = "'’‘‛ʼʻʹ`´′ʾʿ"
_APOSTROPHE = re.compile("[" + _APOSTROPHES + "]")
_SPELLED_OUT = str.maketrans(
    {
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ħ": "h",
        "Ħ": "H",
        "ı": "i",
        "ŀ": "l",
        "Ŀ": "L",
        "ß": "ss",
        "ẞ": "SS",
    }
)
_SPELLED_OUT_RE = re.compile("[" + "".join(chr(c) for c in _SPELLED_OUT) + "]")


_ASCII_PUNCTUATION = re.compile(r"""[!"#%&()*,./:;?@\[\\\]_{}]""")


def _hyphens(text: str) -> str:
    if text.isascii():
        return text.replace("-", " ") if "-" in text else text
    return tables.PD.sub(" ", text)


def _punctuation(text: str) -> str:
    """Apostrophes become spaces (so "l'armée" keeps its article apart); other punctuation goes."""
    if text.isascii():
        return _ASCII_PUNCTUATION.sub("", text.replace("'", " ").replace("`", " "))
    return tables.P.sub("", _APOSTROPHE.sub(" ", text))


_ELIDED = r"\s*[" + _APOSTROPHES + r"]\s*|\s+"
_ARTICLES: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"^(?:the|an|a)\s+(?=\S)"),
    "fr": re.compile(
        r"^(?:(?:de\s+la|les|le|la|une|un|des|du)\s+|(?:de\s+)?l(?:" + _ELIDED + r"))(?=\S)"
    ),
    "es": re.compile(r"^(?:el|la|los|las|un|una|unos|unas)\s+(?=\S)"),
    "pt": re.compile(r"^(?:o|a|os|as|um|uma|uns|umas)\s+(?=\S)"),
    "it": re.compile(
        r"^(?:(?:il|lo|la|i|gli|le|un|uno|una)\s+|(?:l|un)(?:" + _ELIDED + r"))(?=\S)"
    ),
    "de": re.compile(r"^(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines)\s+(?=\S)"),
}


def language_of(deck: Deck) -> str:
    """The primary language subtag of a deck, lowercased ("fr" for "fr-CA")."""
    return deck.deck.language.split("-")[0].split("_")[0].lower()


def _accents(text: str) -> str:
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", tables.MN.sub("", unicodedata.normalize("NFD", text)))
    if _SPELLED_OUT_RE.search(text):
        text = text.translate(_SPELLED_OUT)
    return text


def _casefold(text: str) -> str:
    # A stray combining ypogegrammeni is the one mark that casefolds to a
    # letter (iota); drop it like any other accent. Precomposed Greek letters
    # with an iota subscript (ᾳ) are untouched and still fold to "αι".
    if "\u0345" in text:
        text = text.replace("\u0345", "")
    return text.casefold()


def _steps(language: str) -> tuple[tuple[str, Callable[[str], str]], ...]:
    article = _ARTICLES.get(language)

    def strip_articles(text: str) -> str:
        if article is None:
            return text
        while match := article.match(text):
            text = text[match.end() :]
        return text

    return (
        ("invisible", lambda s: INVISIBLE.sub("", s) if not s.isascii() else s),
        ("unicode", lambda s: unicodedata.normalize("NFKC", s) if not s.isascii() else s),
        ("case", _casefold),
        ("accents", _accents),
        ("hyphens", _hyphens),
        ("punctuation", _punctuation),
        ("spacing", lambda s: " ".join(s.split())),
        ("article", lambda s: strip_articles(s.strip())),
    )


_STEPS_BY_LANGUAGE: dict[str, tuple[tuple[str, Callable[[str], str]], ...]] = {}


def steps_for(language: str) -> tuple[tuple[str, Callable[[str], str]], ...]:
    steps = _STEPS_BY_LANGUAGE.get(language)
    if steps is None:
        steps = _STEPS_BY_LANGUAGE[language] = _steps(language)
    return steps


def _run(text: str, language: str, skip: str) -> tuple[str, frozenset[str]]:
    """Apply the folding steps except those named in ``skip`` ("a|b"); say which changed."""
    skipped = skip.split("|") if skip else ()
    changed: set[str] = set()
    for name, step in steps_for(language):
        if name in skipped:
            continue
        after = step(text)
        if after != text:
            changed.add(name)
        text = after
    return text.strip(), frozenset(changed)


def _trace(text: str, language: str) -> tuple[str, ...]:
    """``text`` before each folding step and after the last one."""
    states = [text]
    for _name, step in steps_for(language):
        text = step(text)
        states.append(text)
    return tuple(states)


_trace_cached = lru_cache(maxsize=4096)(_trace)


@lru_cache(maxsize=16384)
def _fold_cached(text: str, language: str, skip: str) -> tuple[str, frozenset[str]]:
    return _fold_uncached(text, language, skip)


def _fold_uncached(text: str, language: str, skip: str) -> tuple[str, frozenset[str]]:
    if skip:
        folded, changed = _run(text, language, skip)
    else:
        # The full fold shares its step-by-step forms with _needed_foldings.
        states = _trace_cached(text, language) if len(text) <= MAX_TYPO_LENGTH else ()
        if not states:
            states = _trace(text, language)
        folded = states[-1].strip()
        changed = frozenset(
            name for name, a, b in zip(FOLDINGS, states, states[1:], strict=False) if a != b
        )
    if not folded and text.strip():
        # Everything was punctuation (an answer like "?" or "..."): keep the
        # punctuation rather than fold it away to nothing.
        skip += "|punctuation|hyphens"
        folded, changed = _run(text, language, skip)
    # Rare non-ASCII inputs need a second pass to settle (e.g. Hangul jamo that
    # compose once the punctuation between them is gone); folding must be
    # idempotent, so repeat until nothing changes.
    for _ in range(3):
        if folded.isascii():
            break
        again, _more = _run(folded, language, skip)
        if again == folded:
            break
        folded = again
    return folded, changed


def _variants(text: str, language: str, names: Iterable[str]) -> dict[str, str]:
    """``text`` folded without each of ``names`` in turn, for telling which foldings a match needed.

    The steps before the left-out one are shared, so this costs about half a
    fold per name. Only for attribution: it skips the rare fixes of
    :func:`fold` (all-punctuation answers fall back to :func:`fold` itself).
    """
    steps = steps_for(language)
    states = _trace(text, language)
    out: dict[str, str] = {}
    for name in names:
        index = FOLDINGS.index(name)
        folded = states[index]
        for _name, step in steps[index + 1 :]:
            folded = step(folded)
        folded = folded.strip()
        out[name] = folded if folded or not text.strip() else fold(text, language, skip=name)
    return out


@lru_cache(maxsize=4096)
def _answer_variants(text: str, language: str) -> dict[str, str]:
    return _variants(text, language, FOLDINGS)


def fold_info(text: str, language: str, skip: str = "") -> tuple[str, frozenset[str]]:
    if len(text) > MAX_TYPO_LENGTH:
        return _fold_uncached(text, language, skip)
    return _fold_cached(text, language, skip)


def fold(text: str, language: str = "en", *, skip: str = "") -> str:
    """The folded form of ``text`` that answers are compared on.

    ``skip`` names one folding to leave out (used to find which foldings a
    match needed). Folding is idempotent: ``fold(fold(x)) == fold(x)``.
    """
    return fold_info(text, language, skip)[0]


# Titles a learner may put before a name ("General Haftar", "le président
# Sissi"), folded, longest first.
_TITLES: dict[str, tuple[str, ...]] = {
    "en": ("field marshal", "president", "speaker", "general", "colonel", "marshal", "mr", "dr"),
    "fr": ("president", "marechal", "general", "colonel", "m"),
}


def strip_titles(key: str, language: str) -> str | None:
    """``key`` without its leading titles, or None when it starts with none."""
    titles = _TITLES.get(language, ())
    rest = key
    while True:
        title = next((t for t in titles if rest.startswith(t + " ")), None)
        if title is None:
            return rest if rest != key else None
        rest = rest[len(title) + 1 :]


def needed_foldings(
    response: str, answer: str, distance: int, changed: frozenset[str], language: str
) -> tuple[str, ...]:
    """The foldings that brought the response closer to ``answer``.

    Both texts are folded step by step, and a step is credited when it
    shrinks the edit distance between them: "i  a" against "i a" credits
    "spacing" alone, though dropping the Italian article would also have
    hidden the double space. In the rare case where the step-by-step forms
    do not end at the folded keys (answers of punctuation only, or text
    that needs a second pass), a leave-one-out test is used instead.
    """
    if not changed:
        return ()
    response_trace = _trace_cached(response, language)
    answer_trace = _trace_cached(answer, language)
    response_key = fold(response, language)
    answer_key = fold(answer, language)
    if response_trace[-1].strip() != response_key or answer_trace[-1].strip() != answer_key:
        return _needed_by_leaving_out(response, answer, distance, changed, language)
    needed = []
    before = OSA.distance(response_trace[0].strip(), answer_trace[0].strip())
    for index, name in enumerate(FOLDINGS, start=1):
        r, a = response_trace[index], answer_trace[index]
        if r is response_trace[index - 1] and a is answer_trace[index - 1]:
            continue  # the step changed neither text
        after = OSA.distance(r.strip(), a.strip())
        if after < before:
            needed.append(name)
        before = after
    return tuple(needed)


def _needed_by_leaving_out(
    response: str, answer: str, distance: int, changed: frozenset[str], language: str
) -> tuple[str, ...]:
    """The foldings without which the response would be further from ``answer``."""
    names = [name for name in FOLDINGS if name in changed]
    response_variants = _variants(response, language, names)
    answer_variants = _answer_variants(answer, language)

    def further(r: str, a: str) -> bool:
        return r != a and (
            distance == 0 or OSA.distance(r, a, score_cutoff=distance + 1) > distance
        )

    needed = [n for n in names if further(response_variants[n], answer_variants[n])]
    if not needed and response.strip() != answer:
        # Two foldings that each suffice (a no-break space is fixed by both
        # "unicode" and "spacing"): report the first pair that is needed.
        for i, first in enumerate(FOLDINGS):
            for second in FOLDINGS[i + 1 :]:
                skip = f"{first}|{second}"
                r = fold(response, language, skip=skip)
                if further(r, fold(answer, language, skip=skip)):
                    return (first, second)
    return tuple(needed)
