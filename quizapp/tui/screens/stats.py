"""The stats screen: score history, calendar, retention, forecast, cards, hardest, tags, class.

All figures come from :func:`quizapp.core.stats.compute_stats`, run in a
thread worker on a read-only store of its own, so a history of a million
reviews never freezes input: a loading indicator shows meanwhile and Escape
works at once. The figures of the tab on show are computed first and shown
with the other tabs disabled; the rest follow and enable them. The tabs
(drawn by :class:`~quizapp.tui.screens.stats_tabs.StatsView`)
keep every figure readable at 80x24; intensity and states are shown with
glyphs and numbers, never by colour alone. Connected to a shared history as a
teacher, a Class tab shows every learner (:mod:`.stats_class`), as ``quizapp class``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    DataTable,
    Footer,
    LoadingIndicator,
    Static,
    TabbedContent,
    TabPane,
)
from textual.worker import get_current_worker
from textual_plotext import PlotextPlot

from quizapp.core import stats
from quizapp.core.config import Config
from quizapp.core.i18n import N_, _
from quizapp.core.models import Deck, StudyItem
from quizapp.core.stats.class_view import ClassReport
from quizapp.core.store import HistoryReadError, Store, open_readonly
from quizapp.tui.safe_text import literal
from quizapp.tui.screens.stats_card import CardScreen
from quizapp.tui.screens.stats_class import ClassView, class_report_of
from quizapp.tui.screens.stats_tabs import StatsView

__all__ = ["CardScreen", "StatsScreen"]

# The parts of the report (``stats.SECTIONS``) each tab shows; the hardest cards'
# recall note needs retention (day one has none).
TAB_SECTIONS: dict[str, frozenset[str]] = {
    tab: frozenset(sections)
    for tab, sections in (
        ("overview", {"activity", "cards"}),
        *((name, {name}) for name in ("quizzes", "retention", "forecast", "cards", "tags")),
        ("hardest", {"hardest", "retention"}),
    )
}


def _fsrs_lines(
    path: Path | None, decks: Sequence[Deck], config: Config | None, deck_id: str | None
) -> list[str]:
    """One line per deck: its parameters, their date and evaluation (``quizapp optimize``)."""
    from quizapp.core.optimizer.report import parameter_lines

    try:
        return parameter_lines(path, decks, config or Config(), deck_id)
    except Exception as error:  # the other figures are still worth showing
        return [_("cannot read the fitted parameters: {error}").format(error=error)]


class StatsScreen(StatsView):
    """Statistics of one deck (``deck_id``) or of all decks (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", N_("Back")),
        Binding("r", "reload", N_("Reload")),
        Binding("t", "toggle_histogram", N_("Histogram"), tooltip=N_("Intervals or stabilities")),
        Binding(
            "p",
            "cycle_series",
            N_("Day/week/month"),
            tooltip=N_("Retention per day, week or month"),
        ),
        Binding(
            "a", "toggle_scope", N_("All/this deck"), tooltip=N_("All decks, or the deck opened")
        ),
        Binding("1", "tab('overview')", N_("Overview tab"), show=False),
        Binding("2", "tab('quizzes')", N_("Quiz scores tab"), show=False),
        Binding("3", "tab('retention')", N_("Retention tab"), show=False),
        Binding("4", "tab('forecast')", N_("Forecast tab"), show=False),
        Binding("5", "tab('cards')", N_("Card states tab"), show=False),
        Binding("6", "tab('hardest')", N_("Hardest cards tab"), show=False),
        Binding("7", "tab('tags')", N_("Tags tab"), show=False),
        Binding("8", "tab('class')", N_("Class tab"), show=False),
    ]

    DEFAULT_CSS = """
    StatsScreen #stats-title { height: 1; padding: 0 1; background: $boost; }
    StatsScreen #stats-loading { height: 1fr; }
    StatsScreen #stats-error { padding: 1 2; }
    StatsScreen TabbedContent { height: 1fr; }
    StatsScreen TabPane { padding: 0 1; }
    StatsScreen .note { height: auto; }
    StatsScreen DataTable { height: auto; max-height: 100%; }
    StatsScreen #quiz-plot { height: 1fr; min-height: 8; }
    StatsScreen #quiz-table { height: auto; max-height: 6; }
    StatsScreen #hist-table { height: auto; }
    StatsScreen #series-note { margin-top: 1; }
    StatsScreen #series-plot { height: 10; }
    StatsScreen #states-table { height: 2; }
    StatsScreen #heatmap { margin-top: 1; }
    StatsScreen #hardest-box DataTable { height: auto; }
    """

    def __init__(
        self,
        deck_id: str | None = None,
        *,
        decks: Sequence[Deck] | None = None,
        now: Callable[[], datetime] | None = None,
        db_path: Path | None = None,
        tz: tzinfo | None = None,
        rollover_hour: int | None = None,
    ) -> None:
        super().__init__()
        self.deck_id = deck_id
        self.own_deck = deck_id  # ``a`` switches between it and all decks
        self._decks = list(decks) if decks is not None else None
        self._now = now
        self._db_path = db_path
        self._tz = tz
        self._rollover_hour = rollover_hour
        self.report: stats.StatsReport | None = None
        self.items: dict[tuple[str, str], StudyItem] = {}
        self.show_stabilities = False
        self.series_unit = "week"  # ``p`` cycles through stats.SERIES_LENGTHS
        self.fsrs_lines: list[str] = []  # which FSRS parameters each deck uses
        self._titles = {d.deck.id: d.deck.title for d in self._decks or ()}
        self._reading: Store | None = None  # the store the stats worker is reading, if any

    # ---------------------------------------------------------------- layout

    def _deck_title(self, deck_id: str) -> str:
        """The loaded deck's title on one line, else ``deck <id>`` (a history-only deck)."""
        title = self._titles.get(deck_id, "")
        return " ".join(title.split()) or _("deck {id}").format(id=deck_id)

    def _retitle(self) -> None:
        self.query_one("#stats-title", Static).update(self._title())

    def _title(self) -> Content:
        # Content, not markup: a deck's title is untrusted text ("[b]" shows as typed).
        scope = self._deck_title(self.deck_id) if self.deck_id else _("all decks")
        hint = _("  (a: all decks)") if self.own_deck and self.deck_id else ""
        hint = _("  (a: this deck only)") if self.own_deck and not self.deck_id else hint
        return Content.assemble(_("Stats: "), literal(scope, single_line=True), hint)

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="stats-title")
        yield LoadingIndicator(id="stats-loading")
        yield Static("", id="stats-error", markup=False)
        with TabbedContent(id="stats-tabs"):
            with TabPane(_("Overview"), id="overview"), VerticalScroll(can_focus=False):
                yield Static("", id="overview-text", markup=False, classes="note")
                yield Static("", id="heatmap", markup=False, classes="note")
            with TabPane(_("Quizzes"), id="quizzes"), Vertical():
                yield Static("", id="quiz-note", markup=False, classes="note")
                yield PlotextPlot(id="quiz-plot")
                yield DataTable(id="quiz-table", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Retention"), id="retention"), VerticalScroll(can_focus=False):
                yield Static("", id="retention-note", markup=False, classes="note")
                yield DataTable(id="retention-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="series-note", markup=False, classes="note")
                yield PlotextPlot(id="series-plot")
                yield DataTable(id="series-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="fsrs-note", markup=False, classes="note")
            with TabPane(_("Forecast"), id="forecast"), Vertical():
                yield Static("", id="forecast-note", markup=False, classes="note")
                yield PlotextPlot(id="forecast-plot")
            with TabPane(_("Cards"), id="cards"), Vertical():
                yield DataTable(id="states-table", cursor_type="none", show_cursor=False)
                yield Static("", id="hist-note", markup=False, classes="note")
                yield DataTable(id="hist-table", cursor_type="none", show_cursor=False)
            hardest = VerticalScroll(id="hardest-box", can_focus=False)
            with TabPane(_("Hardest"), id="hardest"), hardest:
                yield Static(_("Most lapses (Tab to a row, Enter: show the card)"), classes="note")
                yield DataTable(id="lapses-table", cursor_type="row", zebra_stripes=True)
                yield Static(_("Lowest recall probability now"), id="recall-note", classes="note")
                yield DataTable(id="recall-table", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Tags"), id="tags"), VerticalScroll(can_focus=False):
                yield Static("", id="tags-note", markup=False, classes="note")
                yield DataTable(id="tags-table", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Class"), id="class"):
                yield ClassView(id="class-view", can_focus=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stats-tabs").display = False
        self.query_one(TabbedContent).hide_tab("class")
        self.query_one("#stats-error").display = False
        self.compute(self.query_one(TabbedContent).active)

    # ---------------------------------------------------------------- computing

    def _inputs(self) -> tuple[list[Deck], tzinfo, int, Path | None, datetime, Config | None]:
        """Decks, clock, database and config, from the arguments (the app gives its
        library, clock and history), else the user's decks, config and history.

        Runs in the worker: loading the decks and the config reads files. The
        config is read even when the clock is given, for its per-deck desired
        retention.
        """
        tz, hour = self._tz, self._rollover_hour
        setup = stats.load_setup(decks=self._decks)
        decks = setup.decks
        titles = {d.deck.id: d.deck.title for d in decks}
        if titles != self._titles:  # the header names the deck by its title once known
            self._titles = titles
            self.app.call_from_thread(self._retitle)
        tz = tz or setup.tz
        hour = setup.rollover_hour if hour is None else hour
        path = self._db_path  # None: the configured history (server URL or default file)
        now = self._now() if self._now is not None else datetime.now(UTC)
        self.tz_used = tz
        return decks, tz, hour, path, now, setup.config

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def compute(self, shown: str = "overview") -> None:
        """Compute the figures off the event loop: those of the ``shown`` tab first, shown
        at once, then the others, then hand the whole report to the screen."""
        worker = get_current_worker()
        deck_id = self.deck_id  # ``a`` may change it while this runs
        first = TAB_SECTIONS.get(shown, frozenset())
        try:
            decks, tz, hour, path, now, config = self._inputs()
            store = open_readonly(path)
            self._reading = store
            try:
                if worker.is_cancelled:
                    return  # left while the history was being opened

                part = partial(
                    stats.compute_stats,
                    store,
                    deck_id=deck_id,
                    decks=decks,
                    now=now,
                    tz=tz,
                    rollover_hour=hour,
                    config=config,
                )
                early = part(sections=first) if first else None
                if early is not None and not worker.is_cancelled:
                    self.app.call_from_thread(self._show_first, early, shown)
                report = part(sections=frozenset(stats.SECTIONS) - first)
                if early is not None:
                    report = stats.combine(report, early, first)
                klass = class_report_of(store, tz, hour, now, deck_id, decks)
            finally:
                if self._reading is store:
                    self._reading = None
                if store is not None:
                    store.close()
        except Exception as error:  # shown on the screen; the app keeps running
            detail = error.reason if isinstance(error, HistoryReadError) else error
            if not worker.is_cancelled:
                self.app.call_from_thread(
                    self._show_error, _("Cannot compute the stats: {error}").format(error=detail)
                )
            return
        self.fsrs_lines = _fsrs_lines(path, decks, config, deck_id)
        items = {
            (deck.deck.id, item.id): item
            for deck in decks
            if deck_id is None or deck.deck.id == deck_id
            for item in deck.items()
        }
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, report, items, klass)

    def _show_first(self, report: stats.StatsReport, shown: str) -> None:
        """The ``shown`` tab from a report holding its figures only; the other tabs are
        disabled (not filled with the zeros of the parts not computed yet)."""
        self.query_one("#stats-loading").display = False
        self.fill_tab(shown, report)
        self._enable_tabs(shown)
        self.query_one("#stats-tabs").display = True

    def _enable_tabs(self, only: str | None = None) -> None:
        """Enable every tab, or ``only`` that one (the others disabled)."""
        tabs = self.query_one(TabbedContent)
        for pane in tabs.query(TabPane):
            if pane.id is not None:
                enable = only is None or pane.id == only
                (tabs.enable_tab if enable else tabs.disable_tab)(pane.id)

    def _show_error(self, message: str) -> None:
        self.query_one("#stats-loading").display = False
        error = self.query_one("#stats-error", Static)
        error.update(Content(message))  # literal: a path may hold "[...]"
        error.display = True

    def _show(
        self,
        report: stats.StatsReport,
        items: dict[tuple[str, str], StudyItem],
        klass: ClassReport | None = None,
    ) -> None:
        self.report = report
        self.items = items
        self.query_one("#stats-loading").display = False
        self.fill_tabs(report)
        self._enable_tabs()
        self.query_one("#fsrs-note", Static).update(
            "\n".join([_("FSRS parameters each deck schedules with:"), *self.fsrs_lines])
        )
        tabs = self.query_one(TabbedContent)
        if klass is None:
            tabs.hide_tab("class")
        else:
            self.query_one(ClassView).show(klass)
            tabs.show_tab("class")
        self.query_one("#stats-tabs").display = True
        self.refresh_bindings()  # ``t`` needs a report: the footer shows it now

    # ---------------------------------------------------------------- actions

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a hardest card opens it."""
        if self.report is None or event.data_table.id not in ("lapses-table", "recall-table"):
            return
        cards = (
            self.report.most_lapses
            if event.data_table.id == "lapses-table"
            else self.report.lowest_retrievability
        )
        key = event.row_key.value
        if key is None or not key.isdigit() or int(key) >= len(cards):
            return
        card = cards[int(key)]
        self.app.push_screen(CardScreen(card, self.items.get((card.deck_id, card.item_id))))

    def _stop_work(self) -> None:
        """Cancel the stats worker and interrupt its query: no work goes on for a screen left."""
        self.workers.cancel_group(self, "stats")
        store = self._reading
        if store is not None:
            store.interrupt()

    def on_unmount(self) -> None:
        self._stop_work()

    def action_back(self) -> None:
        self._stop_work()
        self.dismiss(None)

    def action_reload(self) -> None:
        self.query_one("#stats-loading").display = True
        self._stop_work()  # the figures being computed are of the old choice
        self.compute(self.query_one(TabbedContent).active)

    def action_toggle_scope(self) -> None:
        self.deck_id = None if self.deck_id else self.own_deck
        self._retitle()
        self.action_reload()

    def action_toggle_histogram(self) -> None:
        self.show_stabilities = not self.show_stabilities
        self.draw_histogram()

    def action_cycle_series(self) -> None:
        units = list(stats.SERIES_LENGTHS)
        self.series_unit = units[(units.index(self.series_unit) + 1) % len(units)]
        self.draw_series()

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        if not tabs.get_tab(tab).disabled:  # disabled: its figures are still being computed
            tabs.active = tab

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        if action in ("toggle_histogram", "cycle_series"):
            return self.report is not None
        if action == "toggle_scope":
            return self.own_deck is not None
        return True
