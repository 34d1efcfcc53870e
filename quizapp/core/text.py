"""Safe display of untrusted deck text.

Deck files are written by anyone. A prompt containing ESC (``\\x1b``) or
another control character could move the cursor, change the terminal title,
hide text or, with some terminals, do worse. Every interface therefore shows
deck text through :func:`visible`, which keeps the text literal but replaces
each control character by a visible escape, so the learner sees that it is
there and the terminal never interprets it.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, the C1 controls (U+0080–U+009F; a
# terminal may treat U+009B as CSI), and the bidirectional overrides and
# isolates that can make text read differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_OR_LAYOUT = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Return ``text`` with every control character shown as an escape.

    Newline and tab are kept (deck text may span lines); everything else that
    a terminal could interpret is replaced, e.g. ESC becomes the four
    characters ``\\x1b`` and U+202E becomes ``\\u202e``.
    """
    return _UNSAFE.sub(_escape, text)


def visible_line(text: str) -> str:
    """Like :func:`visible`, but also escapes newline and tab.

    For places that must stay on one line: table cells, options, titles.
    """
    return _UNSAFE_OR_LAYOUT.sub(_escape, text)


def visible_json(text: str) -> str:
    """Like :func:`visible`, for JSON text: each control character as a ``\\uXXXX`` escape.

    ``json.dumps`` already escapes C0 controls inside strings but lets C1
    controls and bidi overrides through. Outside strings JSON has no such
    characters, so this keeps the document valid and, once parsed, the very
    same strings: the escape is lossless.
    """
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text)


def count_of(count: int, singular: str, plural: str | None = None, *, grouped: bool = False) -> str:
    """A count with its noun agreeing: ``0 cards``, ``1 card``, ``2 cards`` (``1,205 cards``)."""
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {word}" if grouped else f"{count} {word}"
