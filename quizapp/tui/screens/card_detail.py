"""One card in full, with every answer it was given (the browser's Enter)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from quizapp.core.authoring.browse import CardRow
from quizapp.core.clock import from_ms
from quizapp.tui.safe_text import literal, literal_text

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp
    from quizapp.tui.backend import Backend

_RATINGS = {1: "1 Again", 2: "2 Hard", 3: "3 Good", 4: "4 Easy"}


def _when(ms: int | None) -> str:
    if ms is None:
        return "—"
    return from_ms(ms).astimezone().strftime("%Y-%m-%d %H:%M")


class CardDetailScreen(Screen[None]):
    DEFAULT_CSS = """
    CardDetailScreen #detail-head { height: auto; max-height: 60%; padding: 0 1; }
    CardDetailScreen #detail-history { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "back", "Back")]

    @property
    def backend(self) -> Backend:
        return cast("QuizApp", self.app).backend

    def __init__(self, row: CardRow) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-head"):
            yield Static(id="detail-card")
        yield DataTable(id="detail-history", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        row = self.row
        lines = [
            Content.assemble(("Card ", "bold"), literal(row.item_id, single_line=True)),
            Content.assemble(("Deck ", "bold"), literal(row.deck_id, single_line=True)),
            Content.assemble(("Type ", "bold"), row.type),
            Content.assemble(("Prompt ", "bold"), literal(row.prompt)),
            Content.assemble(("Tags ", "bold"), literal(" ".join(row.tags) or "—")),
            Content.assemble(
                ("Schedule ", "bold"),
                f"{row.state}; due {_when(row.due_ms)}; stability "
                + ("—" if row.stability is None else f"{row.stability:.1f} days")
                + f"; lapses {row.lapses}"
                + ("; suspended" if row.suspended else "")
                + ("; leech" if row.leech else ""),
            ),
        ]
        self.query_one("#detail-card", Static).update(Content("\n").join(lines))
        table = self.query_one(DataTable)
        for label in ("When", "Mode", "Rating", "Verdict", "Answer", "Time"):
            table.add_column(label)
        self.load_history()

    @work(exclusive=True)
    async def load_history(self) -> None:
        backend = self.backend
        reviews: list[Any] = await backend.run(
            backend.store.reviews, self.row.deck_id, item_id=self.row.item_id
        )
        table = self.query_one(DataTable)
        for review in reviews:
            seconds = "—" if review.response_ms is None else f"{review.response_ms / 1000:.1f}s"
            table.add_row(
                _when(review.reviewed_ms),
                review.mode,
                _RATINGS.get(review.rating or 0, "—"),
                review.verdict or "—",
                literal_text(review.response or "", width=30),
                seconds,
            )
        if not reviews:
            table.add_row("no answers yet", "", "", "", "", "")

    def action_back(self) -> None:
        self.dismiss()
