"""The card browser: every card with its schedule; search, filter, history, edit, suspend.

Typing in the search box filters at once (every word must appear in the card
id, type, prompt or tags); the tag and state selectors narrow further. The
table shows deck text through ``safe_text`` only.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static

from quizapp.core.authoring.browse import STATE_FILTERS, CardRow, all_tags, card_rows, matches
from quizapp.core.clock import to_ms
from quizapp.core.i18n import N_, _
from quizapp.core.l10n import decimal, number
from quizapp.tui.safe_text import literal_text

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp
    from quizapp.tui.backend import Backend

_RATING = {1: "✗", 2: "≈", 3: "✓", 4: "★"}


def due_text(due_ms: int | None, now_ms: int) -> str:
    """``now``, ``in 3d``, ``2h ago``… or ``—`` for a new card."""
    if due_ms is None:
        return "—"
    delta = (due_ms - now_ms) / 1000
    ahead = delta >= 0
    seconds = abs(delta)
    for size, unit in ((86400, N_("{n}d")), (3600, N_("{n}h")), (60, N_("{n}m"))):
        if seconds >= size:
            amount = _(unit).format(n=int(seconds // size))
            return (_("in {time}") if ahead else _("{time} ago")).format(time=amount)
    return _("now")


# The card states and the state filter's choices, as the browser names them.
STATE_WORDS = {
    "all": N_("all"),
    "new": N_("new"),
    "learning": N_("learning"),
    "review": N_("review"),
    "relearning": N_("relearning"),
    "due": N_("due"),
    "suspended": N_("suspended"),
    "leech": N_("leech"),
}


def status_text(row: CardRow) -> str:
    flags = [_(STATE_WORDS.get(row.state, row.state))]
    if row.suspended:
        flags.append(_("susp."))
    if row.leech:
        flags.append(_("leech"))
    return " ".join(flags)


class BrowserScreen(Screen[None]):
    """Cards of one deck (or all decks) in a table."""

    DEFAULT_CSS = """
    BrowserScreen #browser-title { height: auto; padding: 0 1; background: $boost; }
    BrowserScreen #browser-filters { height: auto; }
    BrowserScreen #browser-search { width: 1fr; }
    BrowserScreen #browser-tag, BrowserScreen #browser-state { width: 22; }
    BrowserScreen #browser-table { height: 1fr; }
    """
    HELP_NOTES = N_(
        "Type to search; the selectors filter by tag and by state. Enter opens the card "
        "and its review history. Due: when the card is next due; Stab.: stability in "
        "days; Last: the last answers, oldest first (✗ again, ≈ hard, ✓ good, ★ easy)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Card & history"), show=True),
        Binding("e", "edit", N_("Edit")),
        Binding("s", "suspend", N_("Suspend/unsuspend")),
        Binding("a", "add", N_("Add card")),
        Binding("slash", "search", N_("Search"), key_display="/"),
        Binding("escape", "back", N_("Back")),
    ]

    @property
    def backend(self) -> Backend:
        return cast("QuizApp", self.app).backend

    def __init__(self, deck_id: str | None = None) -> None:
        super().__init__()
        self.deck_id = deck_id
        self.rows: list[CardRow] = []
        self.shown: list[CardRow] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="browser-title")
        with Horizontal(id="browser-filters"):
            yield Input(placeholder=_("search cards…"), id="browser-search")
            yield Select([], prompt=_("any tag"), id="browser-tag", allow_blank=True)
            yield Select(
                [(_(STATE_WORDS.get(name, name)), name) for name in STATE_FILTERS],
                value="all",
                id="browser-state",
                allow_blank=False,
            )
        yield DataTable(id="browser-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in (
            (N_("Card"), "card"),
            (N_("Type"), "type"),
            (N_("Prompt"), "prompt"),
            (N_("Tags"), "tags"),
            (N_("State"), "state"),
            (N_("Due"), "due"),
            (N_("Stab."), "stability"),
            (N_("Lap."), "lapses"),
            (N_("Last"), "last"),
        ):
            table.add_column(_(label), key=key)
        table.focus()
        self.load_rows()

    def _decks(self) -> list[tuple[Any, Path]]:
        library = self.backend.library
        return [
            (loaded.deck, loaded.path)
            for loaded in library
            if loaded.ok and (self.deck_id is None or loaded.id == self.deck_id)
        ]

    @work(exclusive=True, group="browser-rows")
    async def load_rows(self, keep: str | None = None) -> None:
        backend = self.backend
        self.rows = await backend.run(card_rows, backend.store, self._decks())
        tag_select = self.query_one("#browser-tag", Select)
        chosen = tag_select.value
        tags = all_tags(self.rows)
        tag_select.set_options([(tag, tag) for tag in tags])
        if isinstance(chosen, str) and chosen in tags:
            tag_select.value = chosen
        self.refilter(keep)

    def _now_ms(self) -> int:
        now: datetime = self.backend.now()
        return to_ms(now)

    def refilter(self, keep: str | None = None) -> None:
        table = self.query_one(DataTable)
        query = self.query_one("#browser-search", Input).value
        tag = self.query_one("#browser-tag", Select).value
        state = self.query_one("#browser-state", Select).value
        now_ms = self._now_ms()
        self.shown = [
            row
            for row in self.rows
            if matches(
                row,
                query,
                tag if isinstance(tag, str) else None,
                state if isinstance(state, str) else "all",
                now_ms,
            )
        ]
        table.clear()
        width = max(14, self.size.width - 66)
        for row in self.shown:
            table.add_row(
                literal_text(row.item_id, width=16),
                row.type,
                literal_text(row.prompt, width=width),
                literal_text(" ".join(row.tags), width=12),
                status_text(row),
                due_text(row.due_ms, now_ms),
                "—" if row.stability is None else decimal(row.stability),
                str(row.lapses),
                " ".join(_RATING.get(r, "?") for r in row.last_ratings),
                key=f"{row.deck_id}\x1f{row.item_id}",
            )
        if keep is not None:
            for index, row in enumerate(self.shown):
                if f"{row.deck_id}\x1f{row.item_id}" == keep:
                    table.move_cursor(row=index)
        where = self.deck_id or _("all decks")
        title = _("Cards · {where} · {shown} of {total}").format(
            where=where, shown=number(len(self.shown)), total=number(len(self.rows))
        )
        self.query_one("#browser-title", Static).update(Content(title).stylize("bold"))

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.is_mounted:
            self.refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.is_mounted:
            self.refilter()

    @property
    def current(self) -> CardRow | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        from quizapp.tui.screens.card_detail import CardDetailScreen

        row = self.current
        if row is not None:
            self.app.push_screen(CardDetailScreen(row))

    def action_search(self) -> None:
        self.query_one("#browser-search", Input).focus()

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):
            focused.value = ""
            self.query_one(DataTable).focus()
            return
        self.dismiss()

    @work(exclusive=True, group="browser-write")
    async def action_suspend(self) -> None:
        row = self.current
        if row is None:
            return
        backend = self.backend
        await backend.run(backend.store.set_suspended, row.deck_id, row.item_id, not row.suspended)
        done = _("Unsuspended {card}.") if row.suspended else _("Suspended {card}.")
        self.notify(done.format(card=row.item_id), markup=False)
        self.load_rows(keep=f"{row.deck_id}\x1f{row.item_id}")

    @work(exclusive=True, group="browser-write")
    async def action_edit(self) -> None:
        from quizapp.tui.deck_files import edit_card

        row = self.current
        if row is None or row.path is None:
            return
        await edit_card(self, row.deck_id, row.path, row.card_id)
        self.load_rows(keep=f"{row.deck_id}\x1f{row.item_id}")

    def action_add(self) -> None:
        from quizapp.tui.screens.add_card import AddCardScreen

        row = self.current
        deck_id = self.deck_id or (row.deck_id if row else None)
        path = next((p for d, p in self._decks() if d.deck.id == deck_id), None)
        if deck_id is None or path is None:
            self.notify(_("No deck to add to."), severity="warning")
            return

        def _added(card_id: str | None) -> None:
            if card_id:
                self.load_rows(keep=f"{deck_id}\x1f{card_id}")

        self.app.push_screen(AddCardScreen(deck_id, path), _added)
