"""Load and lint deck files: never a traceback, every problem at its line.

Deck files are written by hand and may come from anywhere, so the loader
treats them as untrusted bytes:

1. the size is capped before anything is read into memory;
2. the bytes must be UTF-8 (a BOM is accepted, CRLF line ends too); a bad
   byte is reported at its line and column;
3. a cheap pre-scan rejects what would make a parser work hard or recurse
   deeply (deep bracket nesting, dotted keys of many parts, numbers of
   hundreds of digits) before ``tomli`` sees the text;
4. ``tomli`` parses (its errors carry a line and column);
5. pydantic validates against :mod:`quizapp.core.models`, and every error
   location such as ``("cards", 3, "typed", "answer")`` is mapped back to a
   line and column by a light scan of the TOML source (:class:`DeckSource`);
6. checks that span cards or files follow: duplicate card ids, the
   ``source`` file and the ``quote`` of each card, and the cards' ``examples``
   run by the answer checker.

Every problem is collected, so an author sees all of them at once.

One module a step: :mod:`.reading` (capped bytes), :mod:`.decoding`,
:mod:`.prescan`, :mod:`.keyscan` and :mod:`.source` (key positions and
``DeckSource.locate``), :mod:`.messages` (pydantic errors in words),
:mod:`.checks` (across cards), :mod:`.quotes` (the source file), :mod:`.report`
and :mod:`.loader` (the entry points). This package re-exports what callers use.
"""

from quizapp.core.decks.keyscan import KeyPath
from quizapp.core.decks.loader import inspect_bytes, inspect_deck, lint_deck, load_deck
from quizapp.core.decks.prescan import (
    _BRACKET_DELTA,
    _LONG_NUMBER,
    MAX_KEY_PARTS,
    MAX_NESTING,
    MAX_NUMBER_DIGITS,
)
from quizapp.core.decks.quotes import MAX_SOURCE_BYTES, fold_quote
from quizapp.core.decks.reading import MAX_DECK_BYTES, ReadFailure
from quizapp.core.decks.report import DeckReport
from quizapp.core.decks.source import DeckSource, Location

__all__ = [
    "MAX_DECK_BYTES",
    "MAX_KEY_PARTS",
    "MAX_NESTING",
    "MAX_NUMBER_DIGITS",
    "MAX_SOURCE_BYTES",
    "_BRACKET_DELTA",
    "_LONG_NUMBER",
    "DeckReport",
    "DeckSource",
    "KeyPath",
    "Location",
    "ReadFailure",
    "fold_quote",
    "inspect_bytes",
    "inspect_deck",
    "lint_deck",
    "load_deck",
]
