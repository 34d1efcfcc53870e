"""The stats screen's tabs, filled from a report: text, tables and plotext charts.

:class:`StatsView` draws a :class:`~quizapp.core.stats.StatsReport` into the
widgets that :class:`~quizapp.tui.screens.stats.StatsScreen` composes; the
screen computes the report and handles the keys. Intensity and states are
shown with glyphs and numbers, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, tzinfo

from rich.text import Text
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from quizapp.core import stats
from quizapp.core.clock import from_ms
from quizapp.core.stats import bar_text, percent_text, score_text
from quizapp.tui.safe_text import literal_text, visible

MARKERS = ("●", "x", "+", "o", "#", "*")  # one per deck, so lines differ without colour


def positions(ticks: Iterable[int]) -> list[float]:
    """Tick positions as plotext's stubs want them (the values stay whole numbers)."""
    result: list[float] = list(ticks)
    return result


def int_ticks(biggest: int, most: int = 5) -> list[float]:
    """Whole-number ticks from 0 to at least ``biggest``: counts have no fractions."""
    step = max(1, -(-biggest // (most - 1)))
    ticks: list[float] = list(range(0, max(biggest, 1) + step, step))
    return ticks


class StatsView(Screen[None]):
    """Draws a report into the tabs; the state below is the screen's."""

    report: stats.StatsReport | None = None
    show_stabilities: bool = False
    series_unit: str = "week"  # ``p`` cycles through stats.SERIES_LENGTHS
    tz_used: tzinfo | None = None

    def fill_tabs(self, report: stats.StatsReport) -> None:
        """Every tab from ``report``."""
        self._fill_overview(report)
        self._fill_quizzes(report)
        self._fill_retention(report)
        self._fill_forecast(report)
        self._fill_cards(report)
        self._fill_hardest(report)
        self._fill_tags(report)

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
                literal_text(quiz.deck_id),
                str(len(quiz.points)),
                score_text(quiz.best),
                score_text(quiz.last),
                score_text(quiz.average),
                quiz.abandoned_text,
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
                label=visible(quiz.deck_id, single_line=True) if len(finished) > 1 else None,
            )
        count = len(moments)
        ticks = sorted({1 + round(k * (count - 1) / 4) for k in range(5)}) if count > 1 else [1]
        span_days = (moments[-1] - moments[0]) / 86_400_000
        fmt = "%d %b %y" if span_days > 300 else "%d %b"
        tz = self.tz_used or UTC
        plt.xticks(
            positions(ticks),
            [from_ms(moments[t - 1]).astimezone(tz).strftime(fmt) for t in ticks],
        )
        plt.xlim(0.5, count + 0.5)
        plt.ylim(0, 100)
        plt.yticks([0, 25, 50, 75, 100])
        plot.refresh()

    def _fill_retention(self, report: stats.StatsReport) -> None:
        ret = report.retention
        for selector in ("#retention-table", "#series-note", "#series-plot", "#series-table"):
            self.query_one(selector).display = not report.early  # day one: no column of dashes
        if report.early:
            self.query_one("#retention-note", Static).update(stats.EARLY_NOTE)
            return
        self.query_one("#retention-note", Static).update(
            f"True retention (answers not Again) · desired {percent_text(ret.desired)} · "
            f"young: interval < 21d"
        )
        table = self.query_one("#retention-table", DataTable)
        table.clear(columns=True)
        table.add_columns("period", "young", "mature", "total", "answers")
        for row in ret.rows:
            table.add_row(
                row.period,
                percent_text(row.young),
                percent_text(row.mature),
                percent_text(row.total),
                f"{row.total_count:,}",
            )
        self.draw_series()

    def draw_series(self) -> None:
        """True retention per day, week or month: a line beside the desired one, and a table.

        Markers tell the two lines apart without colour; the table lists the
        newest period first, so the running one shows without scrolling.
        """
        if self.report is None or self.report.early:
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
        plt.xticks(
            positions(ticks), [self._short_period(series.unit, series.starts[i]) for i in ticks]
        )
        plt.xlim(-0.5, count - 0.5)
        plt.ylim(floor, 100)
        plt.yticks(positions(range(floor, 101, 10 if 100 - floor <= 50 else 20)))
        plot.refresh()
        table = self.query_one("#series-table", DataTable)
        table.clear(columns=True)
        table.add_columns(series.unit, "young", "mature", "total", "answers")
        for row in reversed(series.rows):
            table.add_row(
                row.period,
                percent_text(row.young),
                percent_text(row.mature),
                percent_text(row.total),
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
        plt.xticks(positions(ticks), [fc.days[i].day.strftime("%d %b") for i in ticks])
        plt.yticks(int_ticks(max(values, default=0)))
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
        self.draw_histogram()

    def draw_histogram(self) -> None:
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
                Text(percent_text(b.count / total) if total else "-", justify="right"),
                bar_text(b.count, biggest, width),
            )

    def _fill_hardest(self, report: stats.StatsReport) -> None:
        """The hardest cards by their question (Enter shows deck, id and the whole card).

        On day one every recall is near 100%: one line says when it fills in.
        """
        self.query_one("#recall-note", Static).update(
            stats.EARLY_NOTE if report.early else "Lowest recall probability now"
        )
        self.query_one("#recall-table").display = not report.early
        room = max(16, self.app.size.width - 6 - 2 * 6 - sum((6, 7, 9, 6)) - 2)
        for table_id, cards in (
            ("#lapses-table", report.most_lapses),
            ("#recall-table", report.lowest_retrievability),
        ):
            table = self.query_one(table_id, DataTable)
            table.clear(columns=True)
            table.add_columns("question", "lapses", "reviews", "stability", "recall")
            for i, card in enumerate(cards):
                label = card.question or f"{card.deck_id} / {card.item_id}"
                table.add_row(
                    literal_text(label, width=room),
                    str(card.lapses),
                    str(card.reps),
                    "-" if card.stability is None else f"{card.stability:.1f}d",
                    percent_text(card.retrievability),
                    key=str(i),
                )
            if not cards:
                table.add_row("none yet", "", "", "", "")

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
            table.add_row(
                literal_text(tag.tag),
                f"{tag.answers:,}",
                f"{tag.right:,}",
                percent_text(tag.accuracy),
            )
