"""No-break spaces that hold: a line never starts with the ``?`` of French typography.

French puts a no-break space (U+00A0, or the narrow U+202F) before ``? ! : ;``
and inside ``« »``, and writes ``87,5 %`` and ``1 205`` with them. Textual
(``textual._wrap``, for :class:`~textual.content.Content`) and Rich
(``rich._wrap``, for :class:`~rich.text.Text` in tables) split lines on any
whitespace, and Python counts these spaces as whitespace: a narrow screen
could show ``Abandonner ce quiz`` with ``? 3 sur 10`` on the next line.

:func:`install` gives both the same word pattern in which these spaces (and
the figure space U+2007) join the words around them, as Unicode's line
breaking rules say. Deck text keeps its own no-break spaces with the same
meaning. Both modules are private and their versions pinned; the French
interface tests fail if a new version stops reading the patterns.
"""

from __future__ import annotations

import re
from typing import Final

NO_BREAK: Final = "\u00a0\u2007\u202f"
"""The spaces that must not end a line: no-break, figure, narrow no-break."""

_WORD: Final = rf"[\S{NO_BREAK}]"
_BREAK: Final = rf"[^\S{NO_BREAK}]"

TEXTUAL_CHUNK: Final = re.compile(rf"{_WORD}+{_BREAK}*|{_BREAK}+")
"""``textual._wrap.re_chunk`` with no-break spaces inside words."""
RICH_WORD: Final = re.compile(rf"{_BREAK}*{_WORD}+{_BREAK}*")
"""``rich._wrap.re_word`` with no-break spaces inside words."""


def install() -> None:
    """Make Textual's and Rich's line wrapping keep no-break spaces (idempotent)."""
    import rich._wrap
    import textual._wrap

    textual._wrap.re_chunk = TEXTUAL_CHUNK
    rich._wrap.re_word = RICH_WORD
