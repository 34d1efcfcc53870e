"""The stats screen: score history, calendar, retention, forecast, cards, hardest, tags.

All figures come from :func:`quizapp.core.stats.compute_stats`, run in a
thread worker on a read-only connection of its own, so a history of a million
reviews never freezes input: a loading indicator shows meanwhile and Escape
works at once. The tabs keep every figure readable at 80x24; intensity and
states are shown with glyphs and numbers, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
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
from quizapp.core.models import Deck, StudyItem
from quizapp.core.paths import database_path

MARKERS = ("●", "x", "+", "o", "#", "*")  # one per deck, so lines differ without colour


def _int_ticks(biggest: int, most: int = 5) -> list[int]:
    """Whole-number ticks from 0 to at least ``biggest``: counts have no fractions."""
    step = max(1, -(-biggest // (most - 1)))
    return list(range(0, max(biggest, 1) + step, step))


def histogram_bar(count: int, biggest: int, width: int) -> str:
    """A bar of whole blocks, ``width`` for the biggest count; any count > 0 shows one."""
    if count <= 0 or biggest <= 0:
        return ""
    return "█" * max(1, round(width * count / biggest))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


class CardScreen(ModalScreen[None]):
    """One card of the hardest list: what is asked, the answer, and its record."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", "Close the card"),
    ]

    DEFAULT_CSS = """
    CardScreen { align: center middle; }
    CardScreen > #card-box {
        width: 90%; max-width: 90; height: auto; max-height: 90%;
        border: round $primary; padding: 0 1; background: $surface;
    }
    """

    def __init__(self, card: stats.HardCard, item: StudyItem | None) -> None:
        super().__init__()
        self.card = card
        self.item = item

    def _title(self) -> Content:
        scope = f"deck {self.deck_id}" if self.deck_id else "all decks"
        hint = "  (a: all decks)" if self.own_deck and self.deck_id else ""
        hint = "  (a: this deck only)" if self.own_deck and not self.deck_id else hint
        return Content(f"Stats: {scope}{hint}")

    def compose(self) -> ComposeResult:
        card = self.card
        lines = [Content(f"{card.deck_id} / {card.item_id}").stylize("bold"), Content("")]
        if self.item is None:
            lines.append(Content("Not in any loaded deck (imported history, or a removed card)."))
        else:
            lines += [Content(line) for line in describe_item(self.item)]
        lines += [
            Content(""),
            Content(
                f"Reviews {card.reps} · lapses {card.lapses} · stability "
                + ("-" if card.stability is None else f"{card.stability:.1f} days")
                + f" · recall now {_pct(card.retrievability)}"
            ),
            Content("Escape: back").stylize("dim"),
        ]
        with VerticalScroll(id="card-box"):
            yield Static(Content("\n").join(lines))

    def action_close(self) -> None:
        self.dismiss(None)


def describe_item(item: StudyItem) -> list[str]:
    """Plain lines for a study item: its question, its answer, tags and explanation."""
    card = item.card
    data = card.model_dump()
    lines = [f"Type: {card.type}" + (" (reversed)" if item.reverse else "")]
    if item.gap is not None:
        lines += [f"Text: {data['text']}", f"Gap: {item.gap.answer}"]
    else:
        for key in ("front", "prompt", "statement", "back", "answer", "answers", "items"):
            if key in data:
                value = data[key]
                if isinstance(value, list):
                    value = ", ".join(str(v) for v in value)
                lines.append(f"{key.capitalize()}: {value}")
    if card.tags:
        lines.append("Tags: " + ", ".join(card.tags))
    if card.explanation:
        lines.append(f"Why: {card.explanation}")
    return lines


class StatsScreen(Screen[None]):
    """Statistics of one deck (``deck_id``) or of all decks (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back"),
        Binding("r", "reload", "Reload"),
        Binding("t", "toggle_histogram", "Histogram", tooltip="Intervals or stabilities"),
        Binding("p", "cycle_series", "Day/week/month", tooltip="Retention per day, week or month"),
        Binding("a", "toggle_scope", "All/this deck", tooltip="All decks, or the deck opened"),
        Binding("1", "tab('overview')", "Overview tab", show=False),
        Binding("2", "tab('quizzes')", "Quiz scores tab", show=False),
        Binding("3", "tab('retention')", "Retention tab", show=False),
        Binding("4", "tab('forecast')", "Forecast tab", show=False),
        Binding("5", "tab('cards')", "Card states tab", show=False),
        Binding("6", "tab('hardest')", "Hardest cards tab", show=False),
        Binding("7", "tab('tags')", "Tags tab", show=False),
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
        self._tz_used: tzinfo | None = None

    # ---------------------------------------------------------------- layout

    def _title(self) -> Content:
        scope = f"deck {self.deck_id}" if self.deck_id else "all decks"
        hint = "  (a: all decks)" if self.own_deck and self.deck_id else ""
        hint = "  (a: this deck only)" if self.own_deck and not self.deck_id else hint
        return Content(f"Stats: {scope}{hint}")

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="stats-title")
        yield LoadingIndicator(id="stats-loading")
        yield Static("", id="stats-error", markup=False)
        with TabbedContent(id="stats-tabs"):
            with TabPane("Overview", id="overview"), VerticalScroll(can_focus=False):
                yield Static("", id="overview-text", markup=False, classes="note")
                yield Static("", id="heatmap", markup=False, classes="note")
            with TabPane("Quizzes", id="quizzes"), Vertical():
                yield Static("", id="quiz-note", markup=False, classes="note")
                yield PlotextPlot(id="quiz-plot")
                yield DataTable(id="quiz-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Retention", id="retention"), VerticalScroll(can_focus=False):
                yield Static("", id="retention-note", markup=False, classes="note")
                yield DataTable(id="retention-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="series-note", markup=False, classes="note")
                yield PlotextPlot(id="series-plot")
                yield DataTable(id="series-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Forecast", id="forecast"), Vertical():
                yield Static("", id="forecast-note", markup=False, classes="note")
                yield PlotextPlot(id="forecast-plot")
            with TabPane("Cards", id="cards"), Vertical():
                yield DataTable(id="states-table", cursor_type="none", show_cursor=False)
                yield Static("", id="hist-note", markup=False, classes="note")
                yield DataTable(id="hist-table", cursor_type="none", show_cursor=False)
            hardest = VerticalScroll(id="hardest-box", can_focus=False)
            with TabPane("Hardest", id="hardest"), hardest:
                yield Static("Most lapses (Tab to a row, Enter: show the card)", classes="note")
                yield DataTable(id="lapses-table", cursor_type="row", zebra_stripes=True)
                yield Static("Lowest recall probability now", classes="note")
                yield DataTable(id="recall-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Tags", id="tags"), VerticalScroll(can_focus=False):
                yield Static("", id="tags-note", markup=False, classes="note")
                yield DataTable(id="tags-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stats-tabs").display = False
        self.query_one("#stats-error").display = False
        self.compute()

    # ---------------------------------------------------------------- computing

    def _inputs(self) -> tuple[list[Deck], tzinfo, int, Path, datetime, Config | None]:
        """Decks, clock, database and config, from the arguments, else the app's backend,
        else defaults.

        Runs in the worker: loading the decks and the config reads files. The
        config is read even when the clock is given, for its per-deck desired
        retention.
        """
        backend = getattr(self.app, "backend", None)
        decks = self._decks
        if decks is None and backend is not None and getattr(backend, "library", None):
            decks = [ld.deck for ld in backend.library if getattr(ld, "deck", None) is not None]
        tz, hour = self._tz, self._rollover_hour
        setup = stats.load_setup(decks=decks)
        decks = setup.decks
        tz = tz or setup.tz
        hour = setup.rollover_hour if hour is None else hour
        path = self._db_path or getattr(backend, "store_path", None) or database_path()
        clock = self._now or getattr(backend, "now", None)
        now = clock() if clock is not None else datetime.now(UTC)
        self._tz_used = tz
        return decks, tz, hour, Path(path), now, setup.config

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def compute(self) -> None:
        """Compute every figure off the event loop, then hand the report to the screen."""
        worker = get_current_worker()
        deck_id = self.deck_id  # ``a`` may change it while this runs
        try:
            decks, tz, hour, path, now, config = self._inputs()
            conn = stats.connect_readonly(path)
            try:
                report = stats.compute_stats(
                    conn,
                    deck_id=deck_id,
                    decks=decks,
                    now=now,
                    tz=tz,
                    rollover_hour=hour,
                    config=config,
                )
            finally:
                if conn is not None:
                    conn.close()
        except Exception as error:  # shown on the screen; the app keeps running
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_error, f"Cannot compute the stats: {error}")
            return
        items = {
            (deck.deck.id, item.id): item
            for deck in decks
            if deck_id is None or deck.deck.id == deck_id
            for item in deck.items()
        }
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, report, items)

    def _show_error(self, message: str) -> None:
        self.query_one("#stats-loading").display = False
        error = self.query_one("#stats-error", Static)
        error.update(Content(message))  # literal: a path may hold "[...]"
        error.display = True

    def _show(self, report: stats.StatsReport, items: dict[tuple[str, str], StudyItem]) -> None:
        self.report = report
        self.items = items
        self.query_one("#stats-loading").display = False
        self._fill_overview(report)
        self._fill_quizzes(report)
        self._fill_retention(report)
        self._fill_forecast(report)
        self._fill_cards(report)
        self._fill_hardest(report)
        self._fill_tags(report)
        self.query_one("#stats-tabs").display = True
        self.refresh_bindings()  # ``t`` needs a report: the footer shows it now

    # ---------------------------------------------------------------- tabs

    def _fill_overview(self, report: stats.StatsReport) -> None:
        cal, cs = report.calendar, report.card_states
        text = "\n".join(
            [
                f"Reviews: {report.total_reviews:,} in all; {cal.total_reviews:,} in the last "
                f"year, on {stats.days_text(cal.days_studied)}",
                f"Streak: {stats.days_text(cal.current_streak)} now, "
                f"longest {stats.days_text(cal.longest_streak)}",
                f"Cards: {cs.new:,} new · {cs.learning:,} learning · {cs.young:,} young · "
                f"{cs.mature:,} mature · {cs.suspended:,} suspended · {cs.leeches:,} leeches",
            ]
        )
        self.query_one("#overview-text", Static).update(text)
        self.query_one("#heatmap", Static).update("\n".join(stats.heatmap_lines(cal)))

    def _fill_quizzes(self, report: stats.StatsReport) -> None:
        plot = self.query_one("#quiz-plot", PlotextPlot)
        table = self.query_one("#quiz-table", DataTable)
        table.clear(columns=True)
        table.add_columns("deck", "quizzes", "best", "last", "average", "abandoned")
        finished = [q for q in report.quizzes if q.points]
        note = self.query_one("#quiz-note", Static)
        if not finished:
            note.update("No finished quiz yet: take one from the decks screen.")
            plot.display = False
        else:
            note.update("Score per quiz in percent, quizzes in the order taken (marker per deck)")
            plot.display = True
            self._plot_quizzes(plot, finished)
        for quiz in report.quizzes:
            table.add_row(
                quiz.deck_id,
                str(len(quiz.points)),
                _score(quiz.best),
                _score(quiz.last),
                _score(quiz.average),
                str(quiz.abandoned),
            )

    def _plot_quizzes(self, plot: PlotextPlot, finished: list[stats.QuizHistory]) -> None:
        """One line per deck; x is the quiz's rank in time, labelled with dates.

        Ranks rather than times, so that three quizzes taken the same evening
        stay three points instead of one.
        """
        moments = sorted(p.finished_ms for quiz in finished for p in quiz.points)
        rank = {ms: i + 1 for i, ms in enumerate(moments)}  # same instant, same rank
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        for i, quiz in enumerate(finished):
            plt.plot(
                [rank[p.finished_ms] for p in quiz.points],
                [p.score for p in quiz.points],
                marker=MARKERS[i % len(MARKERS)],
                label=quiz.deck_id if len(finished) > 1 else None,
            )
        count = len(moments)
        ticks = sorted({1 + round(k * (count - 1) / 4) for k in range(5)}) if count > 1 else [1]
        span_days = (moments[-1] - moments[0]) / 86_400_000
        fmt = "%d %b %y" if span_days > 300 else "%d %b"
        tz = self._tz_used or UTC
        plt.xticks(
            ticks,
            [datetime.fromtimestamp(moments[t - 1] / 1000, tz).strftime(fmt) for t in ticks],
        )
        plt.xlim(0.5, count + 0.5)
        plt.ylim(0, 100)
        plt.yticks([0, 25, 50, 75, 100])
        plot.refresh()

    def _fill_retention(self, report: stats.StatsReport) -> None:
        ret = report.retention
        self.query_one("#retention-note", Static).update(
            f"True retention (answers not Again) · desired {_pct(ret.desired)} · "
            f"young: interval < 21d"
        )
        table = self.query_one("#retention-table", DataTable)
        table.clear(columns=True)
        table.add_columns("period", "young", "mature", "total", "answers")
        for row in ret.rows:
            table.add_row(
                row.period,
                _pct(row.young),
                _pct(row.mature),
                _pct(row.total),
                f"{row.total_count:,}",
            )
        self._draw_series()

    def _draw_series(self) -> None:
        """True retention per day, week or month: a line beside the desired one, and a table.

        Markers tell the two lines apart without colour; the table lists the
        newest period first, so the running one shows without scrolling.
        """
        if self.report is None:
            return
        ret = self.report.retention
        series = ret.series.get(self.series_unit)
        if series is None:
            return
        what = {"day": "day", "week": "ISO week", "month": "month"}[series.unit]
        answered = sum(r.total_count for r in series.rows)
        self.query_one("#series-note", Static).update(
            f"Per {what}, last {len(series.rows)}: {answered:,} review answers "
            f"(p: day, week or month)"
        )
        plot = self.query_one("#series-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        count = len(series.rows)
        points = [(i, 100 * r.total) for i, r in enumerate(series.rows) if r.total is not None]
        desired = 100 * ret.desired
        lowest = min([desired, *(y for _, y in points)])
        floor = max(0, min(80, int(lowest // 10) * 10 - 10))
        plt.plot([0, count - 1], [desired, desired], marker="-", label=f"desired {desired:.0f}%")
        if points:
            plt.plot(*zip(*points, strict=True), marker="●", label="true retention")
        step = {"day": 7, "week": 3, "month": 3}[series.unit]
        ticks = [i for i in range(count) if (count - 1 - i) % step == 0]
        plt.xticks(ticks, [self._short_period(series.unit, series.starts[i]) for i in ticks])
        plt.xlim(-0.5, count - 0.5)
        plt.ylim(floor, 100)
        plt.yticks(list(range(floor, 101, 10 if 100 - floor <= 50 else 20)))
        plot.refresh()
        table = self.query_one("#series-table", DataTable)
        table.clear(columns=True)
        table.add_columns(series.unit, "young", "mature", "total", "answers")
        for row in reversed(series.rows):
            table.add_row(
                row.period,
                _pct(row.young),
                _pct(row.mature),
                _pct(row.total),
                f"{row.total_count:,}",
            )

    @staticmethod
    def _short_period(unit: str, start: date) -> str:
        if unit == "week":
            return f"W{start.isocalendar()[1]:02d}"
        if unit == "month":
            return start.strftime("%b %y")
        return start.strftime("%d %b")

    def _fill_forecast(self, report: stats.StatsReport) -> None:
        fc = report.forecast
        total = sum(d.due for d in fc.days)
        self.query_one("#forecast-note", Static).update(
            f"Cards due per day, next {len(fc.days)} days: {total:,} in all "
            f"(today includes {fc.overdue:,} overdue)"
        )
        plot = self.query_one("#forecast-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        x = list(range(len(fc.days)))
        values = [d.due for d in fc.days]
        plt.bar(x, values, marker="█", width=0.6)
        ticks = [i for i in x if i % 7 == 0]
        plt.xticks(ticks, [fc.days[i].day.strftime("%d %b") for i in ticks])
        plt.yticks(_int_ticks(max(values, default=0)))
        plot.refresh()

    def _fill_cards(self, report: stats.StatsReport) -> None:
        cs = report.card_states
        table = self.query_one("#states-table", DataTable)
        table.clear(columns=True)
        table.add_columns("new", "learning", "young", "mature", "suspended", "leeches", "total")
        table.add_row(
            *(
                f"{v:,}"
                for v in (
                    cs.new,
                    cs.learning,
                    cs.young,
                    cs.mature,
                    cs.suspended,
                    cs.leeches,
                    cs.total,
                )
            )
        )
        self._draw_histogram()

    def _draw_histogram(self) -> None:
        if self.report is None:
            return
        bins = self.report.stabilities if self.show_stabilities else self.report.intervals
        what = "Stabilities" if self.show_stabilities else "Intervals"
        self.query_one("#hist-note", Static).update(
            f"{what} of cards in review, in days (t: intervals or stabilities)"
        )
        # One table row per bin, so each bar sits on its label's line at any size
        # (a plotext bar chart spreads ten bars over however many rows it gets).
        table = self.query_one("#hist-table", DataTable)
        table.clear(columns=True)
        for label in ("days", "cards", "share"):
            table.add_column(Text(label, justify="right"))
        table.add_column("", key="bar")
        total = sum(b.count for b in bins)
        biggest = max((b.count for b in bins), default=0)
        width = max(10, min(60, self.size.width - 30))
        for b in bins:
            table.add_row(
                Text(b.label, justify="right"),
                Text(f"{b.count:,}", justify="right"),
                Text(_pct(b.count / total) if total else "-", justify="right"),
                histogram_bar(b.count, biggest, width),
            )

    def _fill_hardest(self, report: stats.StatsReport) -> None:
        for table_id, cards in (
            ("#lapses-table", report.most_lapses),
            ("#recall-table", report.lowest_retrievability),
        ):
            table = self.query_one(table_id, DataTable)
            table.clear(columns=True)
            table.add_columns("deck", "item", "lapses", "reviews", "stability", "recall")
            for i, card in enumerate(cards):
                table.add_row(
                    card.deck_id,
                    card.item_id,
                    str(card.lapses),
                    str(card.reps),
                    "-" if card.stability is None else f"{card.stability:.1f}d",
                    _pct(card.retrievability),
                    key=str(i),
                )
            if not cards:
                table.add_row("none yet", "", "", "", "", "")

    def _fill_tags(self, report: stats.StatsReport) -> None:
        note = self.query_one("#tags-note", Static)
        note.update(
            "Accuracy per card tag (every answer: study, quiz, imported), weakest first"
            if report.tags
            else "No answer to a card of a loaded deck yet."
        )
        table = self.query_one("#tags-table", DataTable)
        table.clear(columns=True)
        table.add_columns("tag", "answers", "right", "accuracy")
        for tag in report.tags:
            table.add_row(tag.tag, f"{tag.answers:,}", f"{tag.right:,}", _pct(tag.accuracy))

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

    def action_back(self) -> None:
        self.workers.cancel_group(self, "stats")
        self.dismiss(None)

    def action_reload(self) -> None:
        self.query_one("#stats-loading").display = True
        self.compute()

    def action_toggle_scope(self) -> None:
        self.deck_id = None if self.deck_id else self.own_deck
        self.query_one("#stats-title", Static).update(self._title())
        self.action_reload()

    def action_toggle_histogram(self) -> None:
        self.show_stabilities = not self.show_stabilities
        self._draw_histogram()

    def action_cycle_series(self) -> None:
        units = list(stats.SERIES_LENGTHS)
        self.series_unit = units[(units.index(self.series_unit) + 1) % len(units)]
        self._draw_series()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        if action in ("toggle_histogram", "cycle_series"):
            return self.report is not None
        if action == "toggle_scope":
            return self.own_deck is not None
        return True
