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
from quizapp.core.i18n import N_, _
from quizapp.core.l10n import day, decimal
from quizapp.core.ratings import RATINGS, rating_name
from quizapp.tui.format import VERDICT_LABELS
from quizapp.tui.safe_text import literal, literal_text
from quizapp.tui.screens.browser import STATE_WORDS

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp
    from quizapp.tui.backend import Backend

# How a review was given, as the history table names it (the store keeps the English word).
MODE_WORDS = {"study": N_("study"), "quiz": N_("quiz"), "import": N_("import")}


def _when(ms: int | None) -> str:
    if ms is None:
        return "—"
    when = from_ms(ms).astimezone()
    return f"{day(when.date())} {when:%H:%M}"


class CardDetailScreen(Screen[None]):
    DEFAULT_CSS = """
    CardDetailScreen #detail-head { height: auto; max-height: 60%; padding: 0 1; }
    CardDetailScreen #detail-history { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "back", N_("Back"))]

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
            Content.assemble((_("Card "), "bold"), literal(row.item_id, single_line=True)),
            Content.assemble((_("Deck "), "bold"), literal(row.deck_id, single_line=True)),
            Content.assemble((_("Type "), "bold"), row.type),
            Content.assemble((_("Prompt "), "bold"), literal(row.prompt)),
            Content.assemble((_("Tags "), "bold"), literal(" ".join(row.tags) or "—")),
            Content.assemble(
                (_("Schedule "), "bold"),
                _("{state}; due {due}; stability {stability}; lapses {lapses}").format(
                    state=_(STATE_WORDS.get(row.state, row.state)),
                    due=_when(row.due_ms),
                    stability="—"
                    if row.stability is None
                    else _("{days} days").format(days=decimal(row.stability)),
                    lapses=row.lapses,
                )
                + (_("; suspended") if row.suspended else "")
                + (_("; leech") if row.leech else ""),
            ),
        ]
        self.query_one("#detail-card", Static).update(Content("\n").join(lines))
        table = self.query_one(DataTable)
        for label in (_("When"), _("Mode"), _("Rating"), _("Verdict"), _("Answer"), _("Time")):
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
            seconds = (
                "—"
                if review.response_ms is None
                else _("{seconds}s").format(seconds=decimal(review.response_ms / 1000))
            )
            table.add_row(
                _when(review.reviewed_ms),
                _(MODE_WORDS[review.mode]) if review.mode in MODE_WORDS else review.mode,
                f"{review.rating} {rating_name(review.rating)}"
                if review.rating in RATINGS
                else "—",
                _(VERDICT_LABELS[review.verdict][1]) if review.verdict in VERDICT_LABELS else "—",
                literal_text(review.response or "", width=30),
                seconds,
            )
        if not reviews:
            table.add_row(_("no answers yet"), "", "", "", "", "")

    def action_back(self) -> None:
        self.dismiss()
