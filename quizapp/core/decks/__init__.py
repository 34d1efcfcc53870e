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

The modules: :mod:`.reading` (capped bytes to text), :mod:`.prescan` (hostile
input), :mod:`.locations` (where each key is: ``DeckSource.locate``),
:mod:`.messages` (pydantic errors in words), :mod:`.checks` (across cards and
files) and :mod:`.loader` (the entry points and :class:`DeckReport`). This
package re-exports what callers use.
"""

from quizapp.core.decks.checks import MAX_SOURCE_BYTES, fold_quote
from quizapp.core.decks.loader import DeckReport, inspect_bytes, inspect_deck, lint_deck, load_deck
from quizapp.core.decks.locations import DeckSource, KeyPath, Location
from quizapp.core.decks.prescan import (
    BRACKET_DELTA,
    LONG_NUMBER,
    MAX_KEY_PARTS,
    MAX_NESTING,
    MAX_NUMBER_DIGITS,
)
from quizapp.core.decks.reading import MAX_DECK_BYTES, ReadFailure

# The pre-scan reads these two through the package at call time (see
# ``prescan._package``), so that a test can replace them here: count the
# bracket lookups, or switch the digits check off to reach the parser's limit.
_BRACKET_DELTA = BRACKET_DELTA
_LONG_NUMBER = LONG_NUMBER

__all__ = [
    "BRACKET_DELTA",
    "LONG_NUMBER",
    "MAX_DECK_BYTES",
    "MAX_KEY_PARTS",
    "MAX_NESTING",
    "MAX_NUMBER_DIGITS",
    "MAX_SOURCE_BYTES",
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
