"""The home screen's table of decks."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from quizapp.tui.backend import DeckRow
from quizapp.tui.format import score, short_date
from quizapp.tui.safe_text import literal_text

COLUMNS = (  # key, label, width (None: the title takes what is left)
    ("status", "", 7),
    ("title", "Deck", None),
    ("cards", "Cards", 5),
    ("new", "New", 4),
    ("learning", "Learn", 5),
    ("due", "Due", 4),
    ("last", "Last quiz", 15),
)


class DeckTable(DataTable):
    """Decks by row; a deck that failed to load says so in words, not only in colour.

    The rows are given as data (``show_rows``); the screen reacts to the table's
    own ``RowSelected``/``RowHighlighted`` messages, whose row key is ``DeckRow.key``.
    """

    HELP_GROUP = "Deck table"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Study")]
    # the fixed columns, their cell padding and the scrollbar
    FIXED_WIDTH = sum(width or 0 for _key, _label, width in COLUMNS) + 2 * len(COLUMNS) + 2

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.deck_rows: list[DeckRow] = []

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        for key, label, width in COLUMNS:
            self.add_column(label, key=key, width=width or self._title_width())

    def show_rows(self, rows: list[DeckRow]) -> None:
        """Replace the rows, keeping the cursor on the same deck when it is still there."""
        self.deck_rows = rows
        current = self.current_key
        self.clear()
        title_width = self._title_width()
        for row in rows:
            self.add_row(*self._cells(row, title_width), key=row.key)
        keys = [row.key for row in rows]
        if current in keys:
            self.move_cursor(row=keys.index(current))

    @property
    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # the cursor may point past the end while rows are replaced
            return None

    def _title_width(self) -> int:
        return max(16, (self.size.width or self.app.size.width) - self.FIXED_WIDTH)

    def on_resize(self) -> None:
        """Give the title column whatever the fixed columns leave."""
        column = self.columns.get(ColumnKey("title"))
        if column is not None and column.width != self._title_width():
            column.width = self._title_width()
            if self.deck_rows:
                self.show_rows(self.deck_rows)

    @staticmethod
    def _cells(row: DeckRow, title_width: int) -> list[Text]:
        if not row.ok:
            error = row.first_error
            message = error.message if error else "could not be loaded"
            where = (
                f"{row.loaded.path.name}:{error.line}"
                if error and error.line
                else row.loaded.path.name
            )
            return [
                Text("✗ error", style="bold"),
                literal_text(f"{where}: {message}", width=title_width),
                Text("—"),
                Text(""),
                Text(""),
                Text(""),
                Text(""),
            ]
        deck = row.deck
        assert deck is not None
        due_now = row.learning + row.due
        last = (
            "—"
            if row.last_score is None
            else f"{score(row.last_score)} {short_date(row.last_quiz)}"
        )
        return [
            Text(
                "● due" if due_now else ("○ new" if row.new else "  "),
                style="bold" if due_now else "",
            ),
            literal_text(deck.deck.title, width=title_width),
            Text(str(row.cards), justify="right"),
            Text(str(row.new), justify="right"),
            Text(str(row.learning), justify="right"),
            Text(str(row.due), justify="right"),
            Text(last),
        ]
