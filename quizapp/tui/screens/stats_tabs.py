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
from quizapp.core.i18n import N_, _, pgettext
from quizapp.core.l10n import decimal, month_3, number, percent
from quizapp.core.stats import bar_text, percent_text, score_text
from quizapp.tui.safe_text import literal_text, visible

UNIT_NAMES = {"day": N_("day"), "week": N_("week"), "month": N_("month")}


def state_columns() -> tuple[str, ...]:
    """The card-state table's headers: counts of cards, so plural where the language agrees."""
    return (
        pgettext("cards", "new"),
        pgettext("cards", "learning"),
        pgettext("cards", "young"),
        pgettext("cards", "mature"),
        pgettext("cards", "suspended"),
        pgettext("cards", "leeches"),
        pgettext("cards", "total"),
    )


def axis_day(when: date, *, with_year: bool = False) -> str:
    """A chart's day: ``04 Dec`` (``04 déc``), with ``26`` after it for a long span."""
    text = f"{when:%d} {month_3(when)}"
    return f"{text} {when:%y}" if with_year else text


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
        for tab in ("overview", "quizzes", "retention", "forecast", "cards", "hardest", "tags"):
            self.fill_tab(tab, report)

    def fill_tab(self, tab: str, report: stats.StatsReport) -> None:
        """The tab ``tab`` (a pane id) from ``report``; the Class tab fills on its own."""
        fill = {
            "overview": self._fill_overview,
            "quizzes": self._fill_quizzes,
            "retention": self._fill_retention,
            "forecast": self._fill_forecast,
            "cards": self._fill_cards,
            "hardest": self._fill_hardest,
            "tags": self._fill_tags,
        }.get(tab)
        if fill is not None:
            fill(report)

    def _fill_overview(self, report: stats.StatsReport) -> None:
        cal, cs = report.calendar, report.card_states
        text = "\n".join(
            [
                _("Reviews: {all} in all; {year} in the last year, on {days}").format(
                    all=number(report.total_reviews),
                    year=number(cal.total_reviews),
                    days=stats.days_text(cal.days_studied),
                ),
                _("Streak: {now} now, longest {longest}").format(
                    now=stats.days_text(cal.current_streak),
                    longest=stats.days_text(cal.longest_streak),
                ),
                _(
                    "Cards: {new} new · {learning} learning · {young} young · {mature} mature"
                    " · {suspended} suspended · {leeches} leeches"
                ).format(
                    new=number(cs.new),
                    learning=number(cs.learning),
                    young=number(cs.young),
                    mature=number(cs.mature),
                    suspended=number(cs.suspended),
                    leeches=number(cs.leeches),
                ),
            ]
        )
        self.query_one("#overview-text", Static).update(text)
        self.query_one("#heatmap", Static).update("\n".join(stats.heatmap_lines(cal)))

    def _fill_quizzes(self, report: stats.StatsReport) -> None:
        plot = self.query_one("#quiz-plot", PlotextPlot)
        table = self.query_one("#quiz-table", DataTable)
        table.clear(columns=True)
        table.add_columns(
            _("deck"), _("quizzes"), _("best"), _("last"), _("average"), _("abandoned")
        )
        finished = [q for q in report.quizzes if q.points]
        note = self.query_one("#quiz-note", Static)
        if not finished:
            note.update(_("No finished quiz yet: take one from the decks screen."))
            plot.display = False
        else:
            note.update(
                _("Score per quiz in percent, quizzes in the order taken (marker per deck)")
            )
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
        tz = self.tz_used or UTC
        plt.xticks(
            positions(ticks),
            [
                axis_day(from_ms(moments[t - 1]).astimezone(tz).date(), with_year=span_days > 300)
                for t in ticks
            ],
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
            self.query_one("#retention-note", Static).update(_(stats.EARLY_NOTE))
            return
        self.query_one("#retention-note", Static).update(
            _(
                "True retention (answers not Again) · desired {desired} · young: interval < 21d"
            ).format(desired=percent_text(ret.desired))
        )
        table = self.query_one("#retention-table", DataTable)
        table.clear(columns=True)
        table.add_columns(_("period"), _("young"), _("mature"), _("total"), _("answers"))
        for row in ret.rows:
            table.add_row(
                stats.period_text(row.period),
                percent_text(row.young),
                percent_text(row.mature),
                percent_text(row.total),
                number(row.total_count),
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
        what = {"day": _("Per day"), "week": _("Per ISO week"), "month": _("Per month")}[
            series.unit
        ]
        answered = sum(r.total_count for r in series.rows)
        self.query_one("#series-note", Static).update(
            _("{per}, last {count}: {answered} review answers (p: day, week or month)").format(
                per=what, count=len(series.rows), answered=number(answered)
            )
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
        plt.plot(
            [0, count - 1],
            [desired, desired],
            marker="-",
            label=_("desired {percent}").format(percent=percent(desired)),
        )
        if points:
            plt.plot(*zip(*points, strict=True), marker="●", label=_("true retention"))
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
        table.add_columns(
            _(UNIT_NAMES[series.unit]), _("young"), _("mature"), _("total"), _("answers")
        )
        for row in reversed(series.rows):
            table.add_row(
                row.period,
                percent_text(row.young),
                percent_text(row.mature),
                percent_text(row.total),
                number(row.total_count),
            )

    @staticmethod
    def _short_period(unit: str, start: date) -> str:
        if unit == "week":
            return _("W{week}").format(week=f"{start.isocalendar()[1]:02d}")
        if unit == "month":
            return f"{month_3(start)} {start:%y}"
        return axis_day(start)

    def _fill_forecast(self, report: stats.StatsReport) -> None:
        fc = report.forecast
        total = sum(d.due for d in fc.days)
        self.query_one("#forecast-note", Static).update(
            _(
                "Cards due per day, next {days} days: {total} in all"
                " (today includes {overdue} overdue)"
            ).format(days=len(fc.days), total=number(total), overdue=number(fc.overdue))
        )
        plot = self.query_one("#forecast-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        x = list(range(len(fc.days)))
        values = [d.due for d in fc.days]
        plt.bar(x, values, marker="█", width=0.6)
        ticks = [i for i in x if i % 7 == 0]
        plt.xticks(positions(ticks), [axis_day(fc.days[i].day) for i in ticks])
        plt.yticks(int_ticks(max(values, default=0)))
        plot.refresh()

    def _fill_cards(self, report: stats.StatsReport) -> None:
        cs = report.card_states
        table = self.query_one("#states-table", DataTable)
        table.clear(columns=True)
        table.add_columns(*state_columns())
        table.add_row(
            *(
                number(v)
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
        what = _("Stabilities") if self.show_stabilities else _("Intervals")
        self.query_one("#hist-note", Static).update(
            _("{what} of cards in review, in days (t: intervals or stabilities)").format(what=what)
        )
        # One table row per bin, so each bar sits on its label's line at any size
        # (a plotext bar chart spreads ten bars over however many rows it gets).
        table = self.query_one("#hist-table", DataTable)
        table.clear(columns=True)
        for label in (_("days"), _("cards"), _("share")):
            table.add_column(Text(label, justify="right"))
        table.add_column("", key="bar")
        total = sum(b.count for b in bins)
        biggest = max((b.count for b in bins), default=0)
        width = max(10, min(60, self.size.width - 30))
        for b in bins:
            table.add_row(
                Text(stats.bin_text(b.low, b.high), justify="right"),
                Text(number(b.count), justify="right"),
                Text(percent_text(b.count / total) if total else "-", justify="right"),
                bar_text(b.count, biggest, width),
            )

    def _fill_hardest(self, report: stats.StatsReport) -> None:
        """The hardest cards by their question (Enter shows deck, id and the whole card).

        On day one every recall is near 100%: one line says when it fills in.
        """
        self.query_one("#recall-note", Static).update(
            _(stats.EARLY_NOTE) if report.early else _("Lowest recall probability now")
        )
        self.query_one("#recall-table").display = not report.early
        room = max(16, self.app.size.width - 6 - 2 * 6 - sum((6, 7, 9, 6)) - 2)
        for table_id, cards in (
            ("#lapses-table", report.most_lapses),
            ("#recall-table", report.lowest_retrievability),
        ):
            table = self.query_one(table_id, DataTable)
            table.clear(columns=True)
            table.add_columns(_("question"), _("lapses"), _("reviews"), _("stability"), _("recall"))
            for i, card in enumerate(cards):
                label = card.question or f"{card.deck_id} / {card.item_id}"
                table.add_row(
                    literal_text(label, width=room),
                    str(card.lapses),
                    str(card.reps),
                    "-"
                    if card.stability is None
                    else _("{days}d").format(days=decimal(card.stability)),
                    percent_text(card.retrievability),
                    key=str(i),
                )
            if not cards:
                table.add_row(_("none yet"), "", "", "", "")

    def _fill_tags(self, report: stats.StatsReport) -> None:
        note = self.query_one("#tags-note", Static)
        note.update(
            _("Accuracy per card tag (every answer: study, quiz, imported), weakest first")
            if report.tags
            else _("No answer to a card of a loaded deck yet.")
        )
        table = self.query_one("#tags-table", DataTable)
        table.clear(columns=True)
        table.add_columns(_("tag"), _("answers"), _("right"), _("accuracy"))
        for tag in report.tags:
            table.add_row(
                literal_text(stats.tag_text(tag.tag)),
                number(tag.answers),
                number(tag.right),
                percent_text(tag.accuracy),
            )
