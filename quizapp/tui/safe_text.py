"""Deck text is untrusted: this is the one place that makes it safe to show.

A deck file may contain Textual markup (``[bold]x[/]``, ``[@click=app.quit]``)
or terminal control sequences (``\\x1b[31m``). Neither may ever be
interpreted. Every widget that shows deck text goes through ``literal()``
(a ``Content`` that is never parsed as markup) or ``literal_text()`` (a Rich
``Text`` for widgets such as ``DataTable`` that would parse a ``str``), and
both pass the text through ``visible()`` first so control characters are
shown as symbols instead of reaching the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

# Bidirectional overrides and isolates can make text appear in a different
# order than it is stored ("Trojan Source"); show them as code points.
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def _replacement(char: str, single_line: bool) -> str | None:
    code = ord(char)
    if char == "\n":
        return "⏎ " if single_line else None
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, ESC is ␛
    if code == 0x7F:
        return "␡"
    if 0x80 <= code <= 0x9F:
        return f"\\x{code:02x}"
    if code in _BIDI:
        return f"<U+{code:04X}>"
    return None


def visible(text: str, *, single_line: bool = False) -> str:
    """Return ``text`` with every control character replaced by a visible symbol.

    Newlines are kept unless ``single_line`` (for table cells and titles),
    where they become ``⏎``. Tabs become a space so columns stay predictable.
    """
    if text.isprintable() and "\t" not in text:
        return text
    out: list[str] = []
    for char in text:
        replacement = _replacement(char, single_line)
        out.append(char if replacement is None else replacement)
    return "".join(out)


def literal(text: str, *, single_line: bool = False) -> Content:
    """Deck text as Textual ``Content``: shown as written, never parsed as markup."""
    return Content(visible(text, single_line=single_line))


def literal_text(text: str, *, style: str = "", width: int | None = None) -> Text:
    """Deck text as a Rich ``Text`` for widgets (like ``DataTable``) that parse plain strings.

    With ``width``, the text is cut to that many cells with an ellipsis.
    """
    result = Text(visible(text, single_line=True), style=style, no_wrap=True, overflow="ellipsis")
    if width is not None and result.cell_len > width:
        result.truncate(width, overflow="ellipsis")
    return result
