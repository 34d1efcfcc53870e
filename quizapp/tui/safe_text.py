"""Deck text is untrusted: this is the one place that makes it safe to show.

A deck file may contain Textual markup (``[bold]x[/]``, ``[@click=app.quit]``)
or terminal control sequences (``\\x1b[31m``). Neither may ever be
interpreted. Every widget that shows deck text goes through ``literal()``
(a ``Content`` that is never parsed as markup) or ``literal_text()`` (a Rich
``Text`` for widgets such as ``DataTable`` that would parse a ``str``), and
both pass the text through ``visible()`` first so control characters are
shown as escapes (as in the plain mode) instead of reaching the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from quizapp.core.text import visible as core_visible
from quizapp.core.text import visible_line


def visible(text: str, *, single_line: bool = False) -> str:
    """Return ``text`` with every control character shown as an escape (``\\x1b``).

    The same escapes as the plain mode (the core's ``visible``/``visible_line``),
    so a deck reads the same in both. With ``single_line`` (table cells, titles,
    options) newline and tab are escaped too; otherwise newlines are kept and a
    tab becomes a space so columns stay predictable.
    """
    if single_line:
        return visible_line(text)
    return core_visible(text).replace("\t", " ")


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


def status_line(head: Content, title: str, tail: str, width: int) -> Content:
    """A one-line status: ``head`` + deck ``title`` + ``tail``, within ``width`` cells.

    Only the title gives way: it is cut with an ellipsis so the counts stay whole.
    The title stays literal (see ``literal``).
    """
    shown = literal(title, single_line=True)
    room = width - head.cell_length - Content(tail).cell_length
    if shown.cell_length > room:
        shown = shown.truncate(max(1, room), ellipsis=True)
    return Content.assemble(head, shown, tail)
