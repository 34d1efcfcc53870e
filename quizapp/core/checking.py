"""Answer checking: forgiving where it does not matter, exact where it does, and explaining itself.

The learner's response is compared with a study item's accepted answers and a
:class:`Verdict` comes back: ``correct``, ``close`` (right but rated Hard, e.g. a
typo) or ``wrong``, with the accepted answer that matched, the foldings that
were needed, a character diff for display and one plain sentence of detail.

Folding (both sides, in this order; each step has a name that is reported when
it was needed to match):

``invisible``
    zero-width characters, bidi controls, soft hyphens and other format
    characters (Unicode ``Cf``) are removed: they cannot be seen, so they must
    not count.
``unicode``
    NFKC, so full-width letters, ligatures and no-break spaces are plain.
``case``
    ``str.casefold`` (which also turns ``ß`` into ``ss``).
``accents``
    combining marks are dropped (é→e, ö→o) and letters that are not composed
    with a mark are spelt out (æ→ae, œ→oe, ø→o, ł→l, đ→d, þ→th…).
``hyphens``
    dashes and hyphens become spaces, so "el-Sisi" = "el Sisi".
``punctuation``
    apostrophes (straight or typographic) become spaces, other punctuation
    (quotes, periods, commas…) is removed; symbols such as ``+`` or ``$`` stay.
``spacing``
    runs of whitespace become one space. Surrounding whitespace is always
    stripped and never reported: nobody needs to be told about a trailing space.
``article``
    leading articles of the deck's language (en: the, a, an; fr: le, la, les,
    l', un, une, des, du, de la, de l'; also es, it, de, pt) are dropped, as
    long as something is left.

Then ``typo``: a response within about one edit per six letters of an accepted
answer (Damerau-Levenshtein, optimal string alignment) is ``close``. Answers of
three letters or fewer get no typo tolerance, and neither do digits: "1998" for
"1999" or "Resolution 2258" for "Resolution 2259" is a different fact. A
response that is as close to another item's answer in the same deck as to this
item's (typing "Tripoli" for "Tobruk") is ``wrong``, since it names a different
fact rather than misspelling this one; an item that accepts one of this item's
answers too (the same person asked twice) does not count as another fact.
``word order`` (e.g. "Haftar Khalifa") is ``close`` too.

The checker never raises on any response (except for ``basic`` items, which are
self-graded: asking to check one is a programming error and raises
``ValueError``). Responses over :data:`MAX_TYPO_LENGTH` characters are compared
exactly, without the typo search or a full diff, and responses over
:data:`MAX_RESPONSE_LENGTH` are wrong without being folded, to cap the work.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import OSA, Levenshtein

from quizapp.core import _unicode_tables as tables
from quizapp.core.models import (
    BasicCard,
    ChoiceCard,
    ClozeCard,
    Deck,
    MultiCard,
    NumberCard,
    OrderCard,
    StudyItem,
    TrueFalseCard,
    TypedCard,
)

Outcome = Literal["correct", "close", "wrong"]
Response = str | bool | frozenset[str] | tuple[str, ...]

MAX_TYPO_LENGTH = 1000
"""Longer responses are compared exactly (no typo search, short diff)."""
MAX_RESPONSE_LENGTH = 10_000
"""Longer responses are wrong without being folded: answers are at most 500 characters."""
MAX_NUMBER_LENGTH = 100
"""Longer responses to a number card are not parsed as numbers."""
LETTERS_PER_TYPO = 6
MIN_TYPO_LETTERS = 4

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


@dataclass(frozen=True)
class DiffOp:
    """One run of a character diff: ``response`` is what was typed, ``expected`` what was due.

    ``equal`` runs may still differ in case or accents (they are aligned on
    folded characters), so a display can show both texts.
    """

    kind: Literal["equal", "insert", "delete", "replace"]
    response: str
    expected: str


@dataclass(frozen=True)
class Verdict:
    """What the checker decided about one response, and why."""

    outcome: Outcome
    expected: str
    matched: str | None
    foldings: tuple[str, ...]
    diff: tuple[DiffOp, ...]
    detail: str = ""

    @property
    def is_right(self) -> bool:
        """Close counts as right: the learner knew it, with a slip."""
        return self.outcome != "wrong"


# --------------------------------------------------------------------------- folding

# Unicode "Cf" (format) characters: zero-width space and joiners, bidi marks,
# embeddings, overrides and isolates, soft hyphen, BOM, word joiner, tags…
_INVISIBLE = tables.CF
_APOSTROPHES = "'’‘‛ʼʻʹ`´′"
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


class _CharTable(dict):
    """A lazily filled ``str.translate`` table: ``classify`` decides each new character once."""

    def __init__(self, classify: Callable[[str], str]) -> None:
        super().__init__()
        self._classify = classify

    def __missing__(self, code: int) -> str:
        value = self._classify(chr(code))
        self[code] = value
        return value


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
        ("invisible", lambda s: _INVISIBLE.sub("", s) if not s.isascii() else s),
        ("unicode", lambda s: unicodedata.normalize("NFKC", s) if not s.isascii() else s),
        ("case", _casefold),
        ("accents", _accents),
        ("hyphens", _hyphens),
        ("punctuation", _punctuation),
        ("spacing", lambda s: " ".join(s.split())),
        ("article", lambda s: strip_articles(s.strip())),
    )


_STEPS_BY_LANGUAGE: dict[str, tuple[tuple[str, Callable[[str], str]], ...]] = {}


def _steps_for(language: str) -> tuple[tuple[str, Callable[[str], str]], ...]:
    steps = _STEPS_BY_LANGUAGE.get(language)
    if steps is None:
        steps = _STEPS_BY_LANGUAGE[language] = _steps(language)
    return steps


def _run(text: str, language: str, skip: str) -> tuple[str, frozenset[str]]:
    """Apply the folding steps except those named in ``skip`` ("a|b"); say which changed."""
    skipped = skip.split("|") if skip else ()
    changed: set[str] = set()
    for name, step in _steps_for(language):
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
    for _name, step in _steps_for(language):
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
    steps = _steps_for(language)
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


def _fold_info(text: str, language: str, skip: str = "") -> tuple[str, frozenset[str]]:
    if len(text) > MAX_TYPO_LENGTH:
        return _fold_uncached(text, language, skip)
    return _fold_cached(text, language, skip)


def fold(text: str, language: str = "en", *, skip: str = "") -> str:
    """The folded form of ``text`` that answers are compared on.

    ``skip`` names one folding to leave out (used to find which foldings a
    match needed). Folding is idempotent: ``fold(fold(x)) == fold(x)``.
    """
    return _fold_info(text, language, skip)[0]


# --------------------------------------------------------------------------- diff


def _char_key(char: str) -> str:
    """One folded character standing for ``char``, so a diff aligns "É" with "e"."""
    if char in _APOSTROPHES:
        return "'"
    if tables.PD.match(char):
        return " "
    folded = _accents(unicodedata.normalize("NFKC", char).casefold())
    return folded[:1] or char


_CHAR_KEYS = _CharTable(_char_key)


def _keyed(text: str) -> str:
    """``text`` with each character replaced by its folded key (same length)."""
    if text.isascii():
        return text.lower().replace("-", " ").replace("`", "'")
    return text.translate(_CHAR_KEYS)


def char_diff(response: str, expected: str) -> tuple[DiffOp, ...]:
    """A character diff of ``response`` against ``expected``, aligned on folded characters."""
    if not response and not expected:
        return ()
    if len(response) > MAX_TYPO_LENGTH:
        shown = response[:60] + "…"
        return (DiffOp("replace", shown, expected),)
    ops: list[DiffOp] = []
    for op in Levenshtein.opcodes(_keyed(response), _keyed(expected)):
        ops.append(
            DiffOp(
                op.tag, response[op.src_start : op.src_end], expected[op.dest_start : op.dest_end]
            )
        )
    return tuple(ops)


# --------------------------------------------------------------------------- typos


def allowed_typos(folded_answer: str) -> int:
    """How many edits still count as a typo of this (folded) answer.

    About one per six letters, at least one from four letters up, none for
    three letters or fewer or for answers without letters (numbers).
    """
    letters = sum(map(str.isalpha, folded_answer))
    if letters < MIN_TYPO_LETTERS:
        return 0
    return max(1, letters // LETTERS_PER_TYPO)


def _digits(text: str) -> str:
    return "".join(filter(str.isdigit, text))


# --------------------------------------------------------------------------- numbers

_NUMBER_BODY = re.compile(r"^[+-]?[\d.,' _’]*\d[\d.,' _’]*$")


@dataclass(frozen=True)
class _Convention:
    decimal: str
    thousands: str


_COMMA_DECIMAL = _Convention(decimal=",", thousands=" ._'’")
_POINT_DECIMAL = _Convention(decimal=".", thousands=" ,_'’")
_POINT_LANGUAGES = {"en", "ja", "zh", "ko", "he", "th", "hi", "ga", "cy", "ms"}


def _convention(language: str) -> _Convention:
    return _POINT_DECIMAL if language in _POINT_LANGUAGES else _COMMA_DECIMAL


def _parse_with(body: str, convention: _Convention) -> tuple[float, bool] | None:
    """Parse ``body`` strictly in one convention; return (value, thousands separators used)."""
    sign = -1.0 if body.startswith("-") else 1.0
    body = body.lstrip("+-")
    if body.count(convention.decimal) > 1:
        return None
    whole, _, fraction = body.partition(convention.decimal)
    if fraction and not fraction.isdigit():
        return None
    groups = re.split("[" + re.escape(convention.thousands) + "]", whole) if whole else [""]
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    digits = "".join(groups)
    if (digits and not digits.isdigit()) or not (digits or fraction):
        return None
    try:
        value = sign * float(f"{digits or '0'}.{fraction or '0'}")
    except (ValueError, OverflowError):
        return None
    if not math.isfinite(value):
        return None
    return value, len(groups) > 1


def parse_number(
    text: str, language: str = "en", unit: str = ""
) -> tuple[float, tuple[str, ...]] | None:
    """Parse a learner's number with the deck language's separators.

    English-like decks write ``2,011.5``; French-like decks ``2 011,5`` or
    ``2.011,5`` (space, no-break space, narrow no-break space or period
    between thousands). Thousands groups must have three digits, so a string
    that is not valid in the deck's convention (e.g. "3,5" in an English deck)
    is tried in the other convention before giving up. The unit, when the card
    has one, may follow or precede the number. Returns the value and the
    foldings it took ("unit", "separators"), or None when ``text`` is not a
    number.
    """
    if len(text) > MAX_NUMBER_LENGTH:
        return None
    foldings: list[str] = []
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).strip()
    text = " ".join(text.replace("\u2212", "-").split())
    folded_unit = unicodedata.normalize("NFKC", unit).strip().casefold() if unit else ""
    if folded_unit:
        lowered = text.casefold()
        if lowered.endswith(folded_unit):
            text = text[: len(text) - len(folded_unit)].strip()
            foldings.append("unit")
        elif lowered.startswith(folded_unit):
            text = text[len(folded_unit) :].strip()
            foldings.append("unit")
    if not _NUMBER_BODY.match(text):
        return None
    text = re.sub(r"^([+-])\s+", r"\1", text)
    primary = _convention(language)
    parsed = _parse_with(text, primary)
    if parsed is None:
        other = _POINT_DECIMAL if primary is _COMMA_DECIMAL else _COMMA_DECIMAL
        parsed = _parse_with(text, other)
        if parsed is None:
            return None
    value, grouped = parsed
    if grouped:
        foldings.append("separators")
    return value, tuple(foldings)


def format_number(value: float | int, language: str = "en", unit: str = "") -> str:
    """A number for display in the deck's convention (thousands grouped from 10 000)."""
    convention = _convention(language)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, int):
        text = str(abs(value))
        if abs(value) >= 10_000:
            sep = "," if convention is _POINT_DECIMAL else "\u202f"
            text = f"{abs(value):,}".replace(",", sep)
        text = ("-" if value < 0 else "") + text
    else:
        text = repr(value)
        if "e" in text and math.isfinite(value):
            # positional, never "3.3e-19": the learner types what they see
            text = format(Decimal(text), "f")
        if convention is _COMMA_DECIMAL:
            text = text.replace(".", ",")
    return f"{text} {unit}" if unit else text


# --------------------------------------------------------------------------- checker

_TRUE_WORDS = {
    "true",
    "t",
    "vrai",
    "v",
    "yes",
    "y",
    "oui",
    "o",
    "1",
    "wahr",
    "verdadero",
    "vero",
    "verdadeiro",
}
_FALSE_WORDS = {"false", "f", "faux", "no", "n", "non", "0", "falsch", "falso", "nein"}
_TRUE_FALSE_LABELS = {
    "en": ("True", "False"),
    "fr": ("Vrai", "Faux"),
    "es": ("Verdadero", "Falso"),
    "it": ("Vero", "Falso"),
    "de": ("Wahr", "Falsch"),
    "pt": ("Verdadeiro", "Falso"),
}


def truefalse_labels(language: str) -> tuple[str, str]:
    """The (true, false) option labels in the deck's language; English by default."""
    return _TRUE_FALSE_LABELS.get(language, _TRUE_FALSE_LABELS["en"])


def parse_truefalse(text: str) -> bool | None:
    """Map "true"/"Vrai"/"f"/"non"… to a bool; None when it is neither."""
    word = fold(text, "xx").strip()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    return None


def _quote(text: str, limit: int = 60) -> str:
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _join_positions(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class _Accepted:
    """The accepted answers of one typed or cloze item, raw and folded."""

    card: object
    raw: tuple[str, ...]
    keys: tuple[str, ...]
    limits: tuple[int, ...]  # typos allowed per answer
    digits: tuple[str, ...]  # the digits of each answer, which a typo must keep


class Checker:
    """Checks responses against the items of one deck.

    Folded answers are cached per item, and the folded answers of the whole
    deck are indexed once for the "another card's answer" rule.
    """

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.language = language_of(deck)
        self._accepted: dict[tuple[str, int], _Accepted] = {}
        self._index: dict[str, set[str]] | None = None
        self._keys_by_length: dict[int, list[str]] = {}
        self._index_raw: dict[str, str] = {}
        self._keys_of: dict[str, set[str]] = {}

    # ----------------------------------------------------------------- public

    def check(self, item: StudyItem, response: Response) -> Verdict:
        """Check ``response`` to ``item``; never raises except for basic cards."""
        card = item.card
        if isinstance(card, BasicCard):
            raise ValueError("basic cards are self-graded; there is no answer to check")
        try:
            if isinstance(card, TypedCard | ClozeCard):
                return self._check_typed(item, response)
            if isinstance(card, NumberCard):
                return self._check_number(card, response)
            if isinstance(card, ChoiceCard):
                return self._check_choice(card, response)
            if isinstance(card, TrueFalseCard):
                return self._check_truefalse(card, response)
            if isinstance(card, MultiCard):
                return self._check_multi(card, response)
            if isinstance(card, OrderCard):
                return self._check_order(card, response)
        except (RecursionError, MemoryError):  # pragma: no cover - defensive
            pass
        return Verdict("wrong", "", None, (), (), "this response could not be checked")

    # ----------------------------------------------------------------- typed and cloze

    def accepted(self, item: StudyItem) -> tuple[str, ...]:
        """The accepted answers of a typed or cloze item, canonical one first."""
        return self._prepare(item).raw

    def _prepare(self, item: StudyItem) -> _Accepted:
        key = (item.id, id(item.card))
        cached = self._accepted.get(key)
        if cached is not None and cached.card is item.card:
            return cached
        card = item.card
        if isinstance(card, ClozeCard):
            gap = item.gap or card.gaps[0]
            raw = tuple(gap.answers)
        elif isinstance(card, TypedCard):
            raw = (card.answer, *card.accept)
        else:
            raw = ()
        keys = tuple(fold(a, self.language) for a in raw)
        prepared = _Accepted(
            card=card,
            raw=raw,
            keys=keys,
            limits=tuple(allowed_typos(k) for k in keys),
            digits=tuple(_digits(k) for k in keys),
        )
        self._accepted[key] = prepared
        return prepared

    def _other_index(self) -> dict[str, set[str]]:
        """Folded answer -> ids of the items it answers, over the whole deck."""
        if self._index is None:
            index: dict[str, set[str]] = {}
            for other in self.deck.items():
                card = other.card
                if isinstance(card, TypedCard | ClozeCard):
                    answers = self._prepare(other).raw
                elif isinstance(card, ChoiceCard):
                    answers = (card.answer,)
                elif isinstance(card, MultiCard):
                    answers = tuple(card.answers)
                else:
                    continue
                for answer in answers:
                    key = fold(answer, self.language)
                    if key:
                        index.setdefault(key, set()).add(other.id)
                        self._index_raw.setdefault(key, answer)
                        self._keys_of.setdefault(other.id, set()).add(key)
            self._index = index
            for key in index:
                self._keys_by_length.setdefault(len(key), []).append(key)
        return self._index

    def _other_owners(self, item: StudyItem, key: str, own_keys: set[str]) -> set[str]:
        """The other items that ``key`` answers and that do not share an answer with ``item``.

        An item that also accepts one of this item's answers (a card asking
        for "Khalifa Haftar" that accepts "Haftar", next to a cloze gap
        "Haftar") is about the same thing, so its answers are not "another
        fact" here.
        """
        index = self._other_index()
        if key in own_keys:
            return set()
        return {
            owner
            for owner in index.get(key, ())
            if owner != item.id and not self._keys_of.get(owner, set()) & own_keys
        }

    def _nearest_other(
        self, item: StudyItem, response_key: str, own: tuple[str, ...], limit: int
    ) -> tuple[str, set[str]] | None:
        """Another item's answer within ``limit`` edits of the response, and its items."""
        self._other_index()
        own_keys = set(own)
        best: tuple[int, str, set[str]] | None = None
        size = len(response_key)
        for length in range(max(0, size - limit), size + limit + 1):
            for key in self._keys_by_length.get(length, ()):
                distance = OSA.distance(response_key, key, score_cutoff=limit)
                if distance > limit or (best is not None and distance >= best[0]):
                    continue
                owners = self._other_owners(item, key, own_keys)
                if owners:
                    best = (distance, key, owners)
        if best is None:
            return None
        return self._index_raw[best[1]], best[2]

    @staticmethod
    def _owner_phrase(item: StudyItem, owners: set[str]) -> str:
        """Name the owner: "the answer to another card", or "another gap" of this cloze."""
        prefix = item.card.id + "."
        if all(owner.startswith(prefix) for owner in owners):
            return "the answer to another gap of this card"
        return "the answer to another card"

    def _needed_foldings(
        self, response: str, answer: str, distance: int, changed: frozenset[str]
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
        response_trace = _trace_cached(response, self.language)
        answer_trace = _trace_cached(answer, self.language)
        response_key = fold(response, self.language)
        answer_key = fold(answer, self.language)
        if response_trace[-1].strip() != response_key or answer_trace[-1].strip() != answer_key:
            return self._needed_by_leaving_out(response, answer, distance, changed)
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
        self, response: str, answer: str, distance: int, changed: frozenset[str]
    ) -> tuple[str, ...]:
        """The foldings without which the response would be further from ``answer``."""
        names = [name for name in FOLDINGS if name in changed]
        response_variants = _variants(response, self.language, names)
        answer_variants = _answer_variants(answer, self.language)

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
                    r = fold(response, self.language, skip=skip)
                    if further(r, fold(answer, self.language, skip=skip)):
                        return (first, second)
        return tuple(needed)

    def _check_typed(self, item: StudyItem, response: Response) -> Verdict:
        prepared = self._prepare(item)
        expected = prepared.raw[0]
        if not isinstance(response, str):
            return Verdict("wrong", expected, None, (), (), "the response is not text")
        if len(response) > MAX_RESPONSE_LENGTH:
            detail = "the response is far too long to be this answer"
            return Verdict("wrong", expected, None, (), char_diff(response, expected), detail)
        shown = (
            _INVISIBLE.sub("", response).strip() if len(response) <= MAX_TYPO_LENGTH else response
        )
        response_key, response_changed = _fold_info(response, self.language)
        if not response_key and "" not in prepared.keys:
            detail = f"{_quote(shown)} has nothing to compare" if shown else "no answer was given"
            return Verdict("wrong", expected, None, (), char_diff(shown, expected), detail)

        # Exact match after folding.
        for raw, key in zip(prepared.raw, prepared.keys, strict=True):
            if key == response_key:
                changed = response_changed | _fold_info(raw, self.language)[1]
                foldings = self._needed_foldings(response, raw, 0, changed)
                detail = "" if not foldings else "matched after folding " + ", ".join(foldings)
                return Verdict("correct", expected, raw, foldings, char_diff(shown, raw), detail)

        too_long = len(response) > MAX_TYPO_LENGTH

        # Distances to the accepted answers: the nearest is shown in the diff,
        # and the nearest one that allows the typo makes the response close.
        candidates: list[tuple[int, int]] = []
        if not too_long:
            candidates = [
                (int(OSA.distance(response_key, key)), i) for i, key in enumerate(prepared.keys)
            ]
        best_distance, best_index = min(candidates) if candidates else (math.inf, 0)
        best_raw, best_key = prepared.raw[best_index], prepared.keys[best_index]

        if not too_long:
            # Same words in another order: right, but not quite.
            words = sorted(response_key.split())
            if len(words) > 1:
                for raw, key in zip(prepared.raw, prepared.keys, strict=True):
                    if words == sorted(key.split()):
                        return Verdict(
                            "close",
                            expected,
                            raw,
                            ("word order",),
                            char_diff(shown, raw),
                            "the words are in another order",
                        )

            response_digits = _digits(response_key)
            typos = [
                (distance, i)
                for distance, i in candidates
                if 0 < distance <= prepared.limits[i] and response_digits == prepared.digits[i]
            ]
            if typos:
                distance, index = min(typos)
                raw = prepared.raw[index]
                other = self._nearest_other(item, response_key, prepared.keys, distance)
                if other is not None:
                    other_raw, owners = other
                    return Verdict(
                        "wrong",
                        expected,
                        None,
                        (),
                        char_diff(shown, raw),
                        f"{_quote(shown)} is at least as close to {_quote(other_raw)}, "
                        f"{self._owner_phrase(item, owners)}, as to {_quote(raw)}",
                    )
                changed = response_changed | _fold_info(raw, self.language)[1]
                foldings = (*self._needed_foldings(response, raw, distance, changed), "typo")
                return Verdict(
                    "close",
                    expected,
                    raw,
                    foldings,
                    char_diff(shown, raw),
                    f"{_plural(distance, 'typo')} from {_quote(raw)}",
                )

        # Wrong: say why as precisely as we can.
        owners = set() if too_long else self._other_owners(item, response_key, set(prepared.keys))
        if owners:
            detail = f"{_quote(shown)} is {self._owner_phrase(item, owners)}"
        elif too_long:
            detail = "the response is far too long to be this answer"
        elif allowed_typos(best_key) == 0 and best_distance <= 1:
            detail = f"{_quote(best_raw)} is too short to allow a typo"
        elif best_distance <= allowed_typos(best_key):
            detail = "the digits differ, and numbers allow no typo"
        else:
            limit = allowed_typos(best_key)
            detail = f"{_plural(int(best_distance), 'edit')} from {_quote(best_raw)}" + (
                f" (at most {limit} allowed)" if limit else ""
            )
            other = self._nearest_other(
                item, response_key, prepared.keys, max(1, allowed_typos(response_key))
            )
            if other is not None:
                other_raw, owners = other
                phrase = self._owner_phrase(item, owners)
                detail = f"{_quote(shown)} looks like {_quote(other_raw)}, {phrase}; " + detail
        return Verdict("wrong", expected, None, (), char_diff(shown, best_raw), detail)

    # ----------------------------------------------------------------- number

    def _check_number(self, card: NumberCard, response: Response) -> Verdict:
        expected = format_number(card.answer, self.language, card.unit)
        if not isinstance(response, str) or isinstance(response, bool):
            return Verdict("wrong", expected, None, (), (), "the response is not text")
        shown = (
            _INVISIBLE.sub("", response).strip() if len(response) <= MAX_TYPO_LENGTH else response
        )
        diff = char_diff(shown, expected)
        parsed = parse_number(response, self.language, card.unit)
        if parsed is None:
            detail = "no answer was given" if not shown else f"{_quote(shown)} is not a number"
            return Verdict("wrong", expected, None, (), diff, detail)
        value, foldings = parsed
        answer = float(card.answer)
        slack = float(card.tolerance) + 1e-9 * abs(answer)
        if abs(value - answer) <= slack:
            detail = ""
            if value != answer:
                detail = f"within the tolerance of ±{format_number(card.tolerance, self.language)}"
            return Verdict("correct", expected, expected, foldings, diff, detail)
        shown_value = format_number(value, self.language)
        detail = f"the answer is {expected}, not {shown_value}"
        if card.tolerance:
            detail += f" (±{format_number(card.tolerance, self.language)} allowed)"
        return Verdict("wrong", expected, None, (), diff, detail)

    # ----------------------------------------------------------------- choice and truefalse

    def _match_option(self, text: str, options: Iterable[str]) -> str | None:
        """The option ``text`` names: exactly, else after folding."""
        options = list(options)
        if text in options:
            return text
        key = fold(text, self.language) if len(text) <= MAX_TYPO_LENGTH else None
        if not key:
            return None
        for option in options:
            if fold(option, self.language) == key:
                return option
        return None

    def _check_choice(self, card: ChoiceCard, response: Response) -> Verdict:
        expected = card.answer
        if not isinstance(response, str):
            return Verdict("wrong", expected, None, (), (), "the response is not an option")
        if response == expected:
            return Verdict("correct", expected, expected, (), ())
        # A typed or differently cased answer counts, unless it is exactly a distractor
        # (a deck may have a distractor that differs from the answer only in case).
        if response not in card.distractors and self._match_option(response, [expected]):
            return Verdict("correct", expected, expected, (), ())
        chosen = _quote(response.strip()) if response.strip() else "nothing"
        return Verdict(
            "wrong", expected, None, (), (), f"{chosen} was chosen, not {_quote(expected)}"
        )

    def _check_truefalse(self, card: TrueFalseCard, response: Response) -> Verdict:
        labels = truefalse_labels(self.language)
        expected = labels[0] if card.answer else labels[1]
        value: bool | None
        if isinstance(response, bool):
            value = response
        elif isinstance(response, str) and len(response) <= MAX_NUMBER_LENGTH:
            value = parse_truefalse(response)
        else:
            value = None
        if value is None:
            return Verdict(
                "wrong", expected, None, (), (), "the response is neither true nor false"
            )
        if value == card.answer:
            return Verdict("correct", expected, expected, (), ())
        detail = f"the statement is {'true' if card.answer else 'false'}"
        if card.correction:
            detail += f": {card.correction}"
        return Verdict("wrong", expected, None, (), (), detail)

    # ----------------------------------------------------------------- multi and order

    def _as_list(self, response: Response) -> list[str] | None:
        """A multi/order response as a list of texts; a string is split on ';' or newlines."""
        if isinstance(response, bool):
            return None
        if isinstance(response, str):
            if len(response) > 20 * MAX_TYPO_LENGTH:
                return None
            parts = [p.strip() for p in re.split(r"[;\n]", response)]
            return [p for p in parts if p]
        if isinstance(response, tuple | list | frozenset | set):
            if len(response) > 1000:
                return None
            return [str(p) for p in response]
        return None

    def _check_multi(self, card: MultiCard, response: Response) -> Verdict:
        expected = "; ".join(card.answers)
        texts = self._as_list(response)
        if texts is None:
            return Verdict("wrong", expected, None, (), (), "the response is not a set of options")
        options = [*card.answers, *card.distractors]
        chosen: set[str] = set()
        unknown: list[str] = []
        for text in texts:
            option = self._match_option(text, options)
            if option is None:
                unknown.append(text)
            else:
                chosen.add(option)
        answers = set(card.answers)
        missed = [a for a in card.answers if a not in chosen]
        extra = [o for o in options if o in chosen and o not in answers] + unknown
        if not missed and not extra:
            return Verdict("correct", expected, expected, (), ())
        parts = []
        if missed:
            parts.append("missed " + ", ".join(_quote(m) for m in missed))
        if extra:
            parts.append("wrongly chose " + ", ".join(_quote(e) for e in extra))
        detail = "; ".join(parts)
        return Verdict("wrong", expected, None, (), (), detail)

    def _check_order(self, card: OrderCard, response: Response) -> Verdict:
        items = list(card.items)
        expected = "; ".join(items)
        texts = self._as_list(response)
        if texts is None:
            return Verdict("wrong", expected, None, (), (), "the response is not a list of items")
        given = [self._match_option(t, items) or t for t in texts]
        if given == items:
            return Verdict("correct", expected, expected, (), ())
        if sorted(given) != sorted(items):
            return Verdict(
                "wrong",
                expected,
                None,
                (),
                (),
                f"the response does not list the {len(items)} items, each once",
            )
        wrong = [i + 1 for i, (g, e) in enumerate(zip(given, items, strict=True)) if g != e]
        if len(wrong) == 2 and wrong[1] == wrong[0] + 1:
            return Verdict(
                "close",
                expected,
                expected,
                ("swap",),
                (),
                f"items {wrong[0]} and {wrong[1]} are swapped",
            )
        which = f"position {wrong[0]} is" if len(wrong) == 1 else "positions"
        if len(wrong) > 1:
            which += f" {_join_positions(wrong)} are"
        return Verdict("wrong", expected, None, (), (), f"{which} wrong")


# --------------------------------------------------------------------------- module helpers

_CHECKERS: dict[int, tuple[Deck, Checker]] = {}
_MAX_CHECKERS = 16


def checker_for(deck: Deck) -> Checker:
    """A cached :class:`Checker` for ``deck`` (a few decks are kept)."""
    entry = _CHECKERS.get(id(deck))
    if entry is not None and entry[0] is deck:
        return entry[1]
    if len(_CHECKERS) >= _MAX_CHECKERS:
        _CHECKERS.pop(next(iter(_CHECKERS)))
    checker = Checker(deck)
    _CHECKERS[id(deck)] = (deck, checker)
    return checker


def check(item: StudyItem, response: Response, deck: Deck) -> Verdict:
    """Check one response with the deck's cached :class:`Checker`."""
    return checker_for(deck).check(item, response)


def propose_rating(
    verdict: Verdict,
    response_ms: int | None,
    median_ms: float | None,
    quick_ratio: float = 1 / 3,
) -> int:
    """The FSRS rating the app proposes: 1 Again, 2 Hard, 3 Good, 4 Easy.

    Wrong is Again and close is Hard. Correct is Good, or Easy when the
    response came in under ``quick_ratio`` of the deck's median response time
    (only when both times are known). The learner may override it.
    """
    if verdict.outcome == "wrong":
        return 1
    if verdict.outcome == "close":
        return 2
    if (
        response_ms is not None
        and median_ms is not None
        and median_ms > 0
        and response_ms >= 0
        and response_ms < quick_ratio * median_ms
    ):
        return 4
    return 3


def _describe(verdict: Verdict) -> str:
    """How a verdict reads in an examples failure: "accepted as close to 'Tobruk' (typo)"."""
    if verdict.outcome == "wrong":
        return "rejected" + (f": {verdict.detail}" if verdict.detail else "")
    text = f"accepted as {verdict.outcome}"
    if verdict.matched is not None:
        joint = " to " if verdict.outcome == "close" else ", matching "
        text += joint + _quote(verdict.matched)
    if verdict.foldings:
        text += " (" + ", ".join(verdict.foldings) + ")"
    return text


def _example_response(card: object, example: str) -> Response | None:
    """Turn an example string into a response for the card's type; None to skip it."""
    if isinstance(card, TrueFalseCard):
        return parse_truefalse(example)
    if isinstance(card, MultiCard):
        return frozenset(p.strip() for p in re.split(r"[;\n]", example) if p.strip())
    if isinstance(card, OrderCard):
        return tuple(p.strip() for p in re.split(r"[;\n]", example) if p.strip())
    return example


def run_examples(deck: Deck) -> list[tuple[tuple, str]]:
    """Run every card's ``examples`` and return the failures.

    Each ``accept`` entry must be correct or close and each ``reject`` entry
    wrong. Entries are interpreted by card type: typed as text; number as a
    number in the deck's convention; choice as option text; truefalse as
    "true"/"false" (or "vrai"/"faux", "yes"/"no"…; anything else is skipped);
    multi and order as option texts separated by ";" or newlines; basic cards
    are self-graded and skipped.

    Cloze cards: with one gap, examples apply to that gap. With several gaps an
    ``accept`` entry must be accepted by at least one gap (an author lists
    variants of different gaps' answers in one list) and a ``reject`` entry
    must be rejected by every gap (it is a wrong answer, full stop).

    Returns ``[(("cards", index), message), ...]`` in deck order, the message
    saying what the checker decided and why.
    """
    checker = checker_for(deck)
    failures: list[tuple[tuple, str]] = []
    items_by_card: dict[str, list[StudyItem]] = {}
    for item in deck.items():
        items_by_card.setdefault(item.card.id, []).append(item)
    for index, card in enumerate(deck.cards):
        if card.examples is None or isinstance(card, BasicCard):
            continue
        items = [i for i in items_by_card.get(card.id, []) if i.card is card]
        if not items:
            continue
        for should_accept, entries in ((True, card.examples.accept), (False, card.examples.reject)):
            for example in entries:
                response = _example_response(card, example)
                if response is None:
                    continue
                verdicts = [checker.check(item, response) for item in items]
                if should_accept:
                    if any(v.is_right for v in verdicts):
                        continue
                    verdict = verdicts[0]
                    message = f"example {_quote(example)} should be accepted but was " + _describe(
                        verdict
                    )
                    if len(items) > 1:
                        message += f" (and by the other {len(items) - 1} gaps)"
                else:
                    right = [v for v in verdicts if v.is_right]
                    if not right:
                        continue
                    verdict = right[0]
                    message = f"example {_quote(example)} should be rejected but was " + _describe(
                        verdict
                    )
                    if len(items) > 1:
                        gap = items[verdicts.index(verdict)].id
                        message += f" for gap {gap}"
                failures.append((("cards", index), message))
    return failures
