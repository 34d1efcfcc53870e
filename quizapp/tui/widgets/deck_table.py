"""The home screen's table of decks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from quizapp.core.clock import from_ms
from quizapp.core.i18n import N_, _, current_language
from quizapp.tui.backend import DeckRow
from quizapp.tui.format import score, short_date
from quizapp.tui.safe_text import literal_text, visible

if TYPE_CHECKING:
    from quizapp.core.counts_cache import DeckCounts
    from quizapp.core.deck_index import DeckPreview

# key, label, width (None: the title takes what is left). The counts are those of
# ``quizapp due``, under the same names: new cards for today, learning steps due today,
# reviews due now; "● due" marks a deck with learning or review cards due (its DUE).
COLUMNS = (
    ("status", "", 7),
    ("title", N_("Deck"), None),
    ("cards", N_("Cards"), 5),
    ("new", N_("New"), 4),
    ("learning", N_("Learn"), 5),
    ("review", N_("Review"), 6),
    ("last", N_("Last quiz"), 15),
)


# The widest date the Last quiz column shows (French month names differ in length).
LONGEST_DAY = datetime(2026, 9, 30, 12, tzinfo=UTC)


def columns() -> list[tuple[str, str, int | None]]:
    """The columns with their labels in the interface's language, each as wide as its label."""
    status_width = max(cell_len(_("● due")), cell_len(_("○ new")), cell_len(_("✗ error")))
    shown: list[tuple[str, str, int | None]] = []
    for key, label, width in COLUMNS:
        text = _(label) if label else ""
        least = {"status": status_width, "last": cell_len(_last_quiz(100, LONGEST_DAY))}.get(key, 0)
        wide = max(width, cell_len(text), least) if width else None
        shown.append((key, text, wide))
    return shown


class DeckTable(DataTable[Text]):
    """Decks by row; a deck that failed to load says so in words, not only in colour.

    The rows are given as data (``show_rows``); the screen reacts to the table's
    own ``RowSelected``/``RowHighlighted`` messages, whose row key is ``DeckRow.key``.
    """

    HELP_GROUP = N_("Deck table")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", N_("Study"))]

    @property
    def fixed_width(self) -> int:
        """The fixed columns, their cell padding and the scrollbar."""
        return sum(width or 0 for _key, _label, width in columns()) + 2 * len(COLUMNS) + 2

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.deck_rows: list[DeckRow] = []

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        for key, label, width in columns():
            self.add_column(label, key=key, width=width or self._title_width())

    def show_rows(self, rows: list[DeckRow]) -> None:
        """Replace the rows, keeping the cursor on the same deck when it is still there."""
        self.deck_rows = rows
        current = self.current_key
        self.clear()
        title_width = self._title_width()
        titles = distinct_titles(rows)
        for row in rows:
            self.add_row(*self._cells(row, titles.get(row.key, ""), title_width), key=row.key)
        keys = [row.key for row in rows]
        if current in keys:
            self.move_cursor(row=keys.index(current))

    def show_previews(
        self, previews: Sequence[DeckPreview], counts: Mapping[str, DeckCounts] | None = None
    ) -> None:
        """Rows for decks still loading: each title and number of cards, and the counts
        remembered from the last start when they still hold (else "…", to come)."""
        self.clear()
        title_width = self._title_width()
        for preview in previews:
            title = Text(middle_cut(visible(preview.title, single_line=True), title_width),
                         no_wrap=True)  # fmt: skip
            cards = Text(str(preview.items), justify="right")
            found = (counts or {}).get(preview.deck_id)
            if found is None:
                pending = (Text("…", justify="right") for _ in range(3))
                self.add_row(Text("  "), title, cards, *pending, Text("…"), key=preview.deck_id)
                continue
            last_quiz = None if found.last_quiz_ms is None else from_ms(found.last_quiz_ms)
            status, *numbers, last = _count_cells(
                found.new, found.learning, found.review, found.last_score, last_quiz
            )
            self.add_row(status, title, cards, *numbers, last, key=preview.deck_id)

    @property
    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # the cursor may point past the end while rows are replaced
            return None

    def _title_width(self) -> int:
        return max(16, (self.size.width or self.app.size.width) - self.fixed_width)

    def on_resize(self) -> None:
        """Give the title column whatever the fixed columns leave."""
        column = self.columns.get(ColumnKey("title"))
        if column is not None and column.width != self._title_width():
            column.width = self._title_width()
            if self.deck_rows:
                self.show_rows(self.deck_rows)

    @staticmethod
    def _cells(row: DeckRow, title: str, title_width: int) -> list[Text]:
        if not row.ok:
            error = row.first_error
            message = error.message if error else _("could not be loaded")
            where = (
                f"{row.loaded.path.name}:{error.line}"
                if error and error.line
                else row.loaded.path.name
            )
            return [
                Text(_("✗ error"), style="bold"),
                literal_text(f"{where}: {message}", width=title_width),
                Text("—"),
                Text(""),
                Text(""),
                Text(""),
                Text(""),
            ]
        deck = row.deck
        assert deck is not None
        if not row.counted:  # the counts are on their way
            pending = [Text("…", justify="right") for _ in range(3)]
            cards = Text(str(row.cards), justify="right")
            return [Text("  "), Text(middle_cut(title, title_width), no_wrap=True), cards,
                    *pending, Text("…")]  # fmt: skip
        status, *numbers, last = _count_cells(
            row.new, row.learning, row.review, row.last_score, row.last_quiz
        )
        return [
            status,
            Text(middle_cut(title, title_width), no_wrap=True),
            Text(str(row.cards), justify="right"),
            *numbers,
            last,
        ]


def _count_cells(
    new: int, learning: int, review: int, last_score: float | None, last_quiz: datetime | None
) -> list[Text]:
    """The status mark, the three counts and the last quiz of a counted deck."""
    due = learning + review
    last = "—" if last_score is None else _last_quiz(last_score, last_quiz)
    return [
        Text(_("● due") if due else (_("○ new") if new else "  "), style="bold" if due else ""),
        Text(str(new), justify="right"),
        Text(str(learning), justify="right"),
        Text(str(review), justify="right"),
        Text(last),
    ]


def _last_quiz(value: float, when: datetime | None) -> str:
    """``85% 2026-11-29`` (French ``85 % 29/11/2026``, as narrow as the English).

    The column is fixed and the title takes what is left, so the French date is
    the numeric one here; other screens write ``29 nov. 2026``.
    """
    if when is not None and current_language() == "fr":
        return f"{score(value)} {when:%d/%m/%Y}"
    return f"{score(value)} {short_date(when)}"


def distinct_titles(rows: list[DeckRow]) -> dict[str, str]:
    """Each loaded deck's title as shown (control characters visible), by row key.

    Two decks with the same title are told apart by their ids, at the end,
    where :func:`middle_cut` keeps them.
    """
    shown = {
        row.key: visible(row.deck.deck.title, single_line=True)
        for row in rows
        if row.deck is not None
    }
    seen: dict[str, int] = {}
    for title in shown.values():
        seen[title.casefold()] = seen.get(title.casefold(), 0) + 1
    return {
        key: f"{title} ({key})" if seen[title.casefold()] > 1 else title
        for key, title in shown.items()
    }


def middle_cut(text: str, width: int) -> str:
    """``text`` within ``width`` cells, cut in the middle with an ellipsis.

    Titles of one series ("Libya, winter 2019: …", "Libye, hiver 2019 : …")
    differ at their start and their end alike; cutting only the end could
    leave two rows that read the same.
    """
    if cell_len(text) <= width:
        return text
    room = max(1, width - 1)
    tail_room = room // 2
    head_room = room - tail_room
    head, used = "", 0
    for char in text:
        if used + cell_len(char) > head_room:
            break
        head += char
        used += cell_len(char)
    tail, used = "", 0
    for char in reversed(text[len(head) :]):
        if used + cell_len(char) > tail_room:
            break
        tail = char + tail
        used += cell_len(char)
    return f"{head.rstrip()}…{tail.lstrip()}"
