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
"1999" or "Resolution 2258" for "Resolution 2259" is a different fact. The
budget also holds per word, so a phrase's budget is not spent on replacing
one short word ("gouvernement d'unité nationale" is not a typo of
"gouvernement d'union nationale"): the response's words are aligned with the
answer's (a missing or extra space is one edit), a word of three letters or
fewer must match exactly, a word of four or five letters allows one edit that
keeps its sound (a missing, extra or swapped letter after the first, or a
sound-alike letter: a vowel for a vowel after the first letter, c/k/q/g, s/z;
so "Sissi", "Cario", "Saleh", "Kaire" pass but "Irak" for "Iran" does not),
and a longer word one edit per six letters, a sound-alike counting half
("lybienne" for "libyenne"). A
response that is as close to another item's answer in the same deck as to this
item's (typing "Tripoli" for "Tobruk") is ``wrong``, since it names a different
fact rather than misspelling this one; an item that accepts one of this item's
answers too (the same person asked twice) does not count as another fact.
``word order`` (e.g. "Haftar Khalifa") is ``close`` too.

``title``: a response that is an accepted answer (of two letters or more,
and not itself a title) exactly after folding, but for titles before it
("General Haftar", "le président Sissi"), is ``correct``; the titles are per
language (en: general, president, speaker, colonel, marshal, field marshal,
mr, dr; fr: général, président, maréchal, colonel, M.). A title with a typo in
the name, or a response that is another item's whole answer, gets no such pass.

``preposition``: a response that does not match as typed is checked again
without a leading preposition or elision of the deck's language (en: in, on,
at, by; fr: à, au, aux, en, dans, de, d', par), so "in Cairo", "au Caire" and
"d'Égypte" are right wherever "Cairo", "Le Caire" and "Égypte" are; the
verdict says "matched without 'au'". Only the response is cut, so an answer
that begins with one ("In Amenas") is still compared whole.

``date``: when an item's first answer is a month alone ("April", "Avril"), a
response that gives that month with a day, a year or a part of the month
("4 April 2019", "début avril", "the 4th of April") is right: the month
decides, and what else was given is checked against the item's dated answers
(an accepted "4 April 2019" pins the day and the year; "early", "mid",
"late" must fit that day), or said to be unchecked when it has none. Month
names are read in the deck's language and in English (:mod:`.dates`).

The checker never raises on any response (except for ``basic`` items, which are
self-graded: asking to check one is a programming error and raises
``ValueError``). Responses over :data:`MAX_TYPO_LENGTH` characters are compared
exactly, without the typo search or a full diff, and responses over
:data:`MAX_RESPONSE_LENGTH` are wrong without being folded, to cap the work.

Each module has one job: :mod:`.folding` (folding, and which foldings a
match needed), :mod:`.leading` (prepositions), :mod:`.dates` (dates for a
month), :mod:`.typos` (typo budgets), :mod:`.others` (the other
card's answer rule), :mod:`.numbers` and :mod:`.truefalse` (reading those
answers), :mod:`.diff`, :mod:`.verdict`, :mod:`.checker` (the per-type
checks), :mod:`.examples` (the cards' examples), :mod:`.limits` and
:mod:`.wording`. Other code imports from this package, not from its modules.
"""

from __future__ import annotations

from quizapp.core.checking.checker import Checker, check, checker_for
from quizapp.core.checking.diff import DiffOp, char_diff
from quizapp.core.checking.examples import run_examples
from quizapp.core.checking.folding import FOLDINGS, fold, language_of
from quizapp.core.checking.folding import steps_for as steps_for
from quizapp.core.checking.limits import MAX_NUMBER_LENGTH, MAX_RESPONSE_LENGTH, MAX_TYPO_LENGTH
from quizapp.core.checking.numbers import format_number, parse_number, read_number
from quizapp.core.checking.truefalse import parse_truefalse, truefalse_labels
from quizapp.core.checking.typos import LETTERS_PER_TYPO, MIN_TYPO_LETTERS, allowed_typos
from quizapp.core.checking.verdict import (
    Outcome,
    Response,
    Verdict,
    folding_names,
    foldings_text,
    propose_rating,
)

__all__ = [
    "FOLDINGS",
    "LETTERS_PER_TYPO",
    "MAX_NUMBER_LENGTH",
    "MAX_RESPONSE_LENGTH",
    "MAX_TYPO_LENGTH",
    "MIN_TYPO_LETTERS",
    "Checker",
    "DiffOp",
    "Outcome",
    "Response",
    "Verdict",
    "allowed_typos",
    "char_diff",
    "check",
    "checker_for",
    "fold",
    "folding_names",
    "foldings_text",
    "format_number",
    "language_of",
    "parse_number",
    "parse_truefalse",
    "propose_rating",
    "read_number",
    "run_examples",
    "truefalse_labels",
]
