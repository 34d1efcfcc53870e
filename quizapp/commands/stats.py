"""``quizapp stats [--deck ID] [--full | --json]``: the stats screen's figures, as text or JSON.

By default a one-screen summary (:mod:`quizapp.commands.stats_summary`);
``--full`` prints every table, plain and aligned (no colour) so it reads in a
pipe or a log; the JSON is the whole report for scripts (see
``quizapp.core.stats.report_to_dict``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Set
from dataclasses import dataclass

from quizapp.commands.stats_summary import card_label, format_summary, terminal_width
from quizapp.core import stats
from quizapp.core.clock import from_ms
from quizapp.core.i18n import _, pgettext
from quizapp.core.l10n import day, decimal, number, weekday_day_month
from quizapp.core.models import Deck
from quizapp.core.store import StoreError, open_readonly
from quizapp.exit_codes import ExitCode

BAR_WIDTH = 40


_pct, _score = stats.percent_text, stats.score_text


def _bar(count: int, biggest: int) -> str:
    return stats.bar_text(count, biggest, BAR_WIDTH)


def _table(headers: list[str], rows: list[list[str]], right: Set[int] = frozenset()) -> list[str]:
    """Rows under headers, columns as wide as their widest cell; numbers right-aligned."""
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        parts = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  " + "  ".join(parts).rstrip()

    return [line(headers), *(line(r) for r in rows)]


def format_report(report: stats.StatsReport, width: int | None = None) -> str:
    """The whole report as aligned text, in the order of the stats screen's tabs.

    Questions are cut to ``width`` (the terminal's); on day one the retention
    and lowest-recall tables give way to one line saying when they fill in.
    """
    width = width or terminal_width()
    when = from_ms(report.generated_ms)
    scope = _("deck {deck}").format(deck=report.deck_id) if report.deck_id else _("all decks")
    cal = report.calendar
    out = [
        _("quizapp stats: {scope}").format(scope=scope),
        _("as of {day} ({timezone}, days start at {hour}); generated {when} UTC").format(
            day=day(cal.today),
            timezone=report.timezone,
            hour=f"{report.rollover_hour:02d}:00",
            when=f"{day(when.date())} {when:%H:%M}",
        ),
        "",
        _("Reviews: {total} in all; {recent} in the last {days} days, on {studied}").format(
            total=number(report.total_reviews),
            recent=number(cal.total_reviews),
            days=len(cal.days),
            studied=stats.days_text(cal.days_studied),
        ),
        _("Streak: current {current}, longest {longest}").format(
            current=stats.days_text(cal.current_streak),
            longest=stats.days_text(cal.longest_streak),
        ),
        "",
        _("Reviews per day, last year"),
        *stats.heatmap_lines(cal),
        "",
        _("Quiz scores"),
    ]
    if report.quizzes:
        out += _table(
            [
                _column("deck"),
                _column("quizzes"),
                _column("best"),
                _column("last"),
                _column("average"),
                _column("abandoned"),
            ],
            [
                [
                    q.deck_id,
                    str(len(q.points)),
                    _score(q.best),
                    _score(q.last),
                    _score(q.average),
                    q.abandoned_text,
                ]
                for q in report.quizzes
            ],
            right={1, 2, 3, 4, 5},
        )
    else:
        out.append("  " + _("no quiz yet"))
    ret = report.retention
    desired = _pct(ret.desired)
    out += ["", _("True retention (desired {desired})").format(desired=desired)]
    retention_columns = [_column("young"), _column("mature"), _column("total"), _column("answers")]
    out += (
        [f"  {stats.early_note()}"]
        if report.early
        else _table(
            [_column("period"), *retention_columns],
            [
                [
                    stats.period_text(r.period),
                    _pct(r.young),
                    _pct(r.mature),
                    _pct(r.total),
                    number(r.total_count),
                ]
                for r in ret.rows
            ],
            right={1, 2, 3, 4},
        )
    )
    titles = {
        "day": _("True retention per day, last {n} (desired {desired})"),
        "week": _("True retention per ISO week, last {n} (desired {desired})"),
        "month": _("True retention per month, last {n} (desired {desired})"),
    }
    for unit, series in () if report.early else ret.series.items():
        title = titles.get(unit, _("True retention per {unit}, last {n} (desired {desired})"))
        out += ["", title.format(unit=unit, n=len(series.rows), desired=desired)]
        out += _table(
            [_column(unit), *retention_columns],
            [
                [
                    r.period,
                    _pct(r.young),
                    _pct(r.mature),
                    _pct(r.total),
                    number(r.total_count),
                ]
                for r in series.rows
            ],
            right={1, 2, 3, 4},
        )
    fc = report.forecast
    biggest = max((d.due for d in fc.days), default=0)
    out += [
        "",
        _("Forecast: due per day, next {days} days (overdue now: {overdue})").format(
            days=len(fc.days), overdue=number(fc.overdue)
        ),
    ]
    out += [
        f"  {weekday_day_month(d.day)}  {number(d.due):>6}  {_bar(d.due, biggest)}".rstrip()
        for d in fc.days
    ]
    cs = report.card_states
    out += ["", _("Card states")]
    out += _table(
        [
            _column("new"),
            _column("learning"),
            _column("young"),
            _column("mature"),
            _column("suspended"),
            _column("leeches"),
            _column("total"),
        ],
        [
            [
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
            ]
        ],
        right=set(range(7)),
    )
    for title, bins in (
        (_("Intervals of cards in review"), report.intervals),
        (_("Stabilities of cards in review"), report.stabilities),
    ):
        biggest = max((b.count for b in bins), default=0)
        out += ["", title]
        if not biggest:
            out.append("  " + _("no card in review yet"))
            continue
        out += [
            f"  {stats.bin_text(b.low, b.high):>8}  {number(b.count):>6}  "
            f"{_bar(b.count, biggest)}".rstrip()
            for b in bins
        ]
    for title, cards in (
        (_("Hardest: most lapses"), report.most_lapses),
        (_("Hardest: lowest recall probability now"), report.lowest_retrievability),
    ):
        out += ["", title]
        if cards is report.lowest_retrievability and report.early:
            out.append(f"  {stats.early_note()}")
            continue
        if not cards:
            out.append("  " + _("none"))
            continue
        out += _hard_table(cards, width)
    out += ["", _("Accuracy per tag (every answer: study, quiz, imported)")]
    if report.tags:
        out += _table(
            [_column("tag"), _column("answers"), _column("right"), _column("accuracy")],
            [
                [stats.tag_text(t.tag), number(t.answers), number(t.right), _pct(t.accuracy)]
                for t in report.tags
            ],
            right={1, 2, 3},
        )
    else:
        out.append("  " + _("no answer to a tagged card yet"))
    return "\n".join(out) + "\n"


def _column(name: str) -> str:
    """A column header of the tables, in the interface's language."""
    headers = {
        "deck": pgettext("stats column", "deck"),
        "quizzes": pgettext("stats column", "quizzes"),
        "best": pgettext("stats column", "best"),
        "last": pgettext("stats column", "last"),
        "average": pgettext("stats column", "average"),
        "abandoned": pgettext("stats column", "abandoned"),
        "period": pgettext("stats column", "period"),
        "day": pgettext("stats column", "day"),
        "week": pgettext("stats column", "week"),
        "month": pgettext("stats column", "month"),
        "young": pgettext("stats column", "young"),
        "mature": pgettext("stats column", "mature"),
        "total": pgettext("stats column", "total"),
        "answers": pgettext("stats column", "answers"),
        "new": pgettext("stats column", "new"),
        "learning": pgettext("stats column", "learning"),
        "suspended": pgettext("stats column", "suspended"),
        "leeches": pgettext("stats column", "leeches"),
        "tag": pgettext("stats column", "tag"),
        "right": pgettext("stats column", "right"),
        "accuracy": pgettext("stats column", "accuracy"),
        "question": pgettext("stats column", "question"),
        "lapses": pgettext("stats column", "lapses"),
        "reviews": pgettext("stats column", "reviews"),
        "stability": pgettext("stats column", "stability"),
        "recall": pgettext("stats column", "recall"),
    }
    return headers.get(name, name)


def _hard_table(cards: list[stats.HardCard], width: int) -> list[str]:
    """The hardest cards by question (cut to what the figures leave of ``width``)."""
    figures = [
        [
            str(c.lapses),
            str(c.reps),
            "-" if c.stability is None else _("{days}d").format(days=decimal(c.stability, 1)),
            _pct(c.retrievability),
        ]
        for c in cards
    ]
    headers = [_column("lapses"), _column("reviews"), _column("stability"), _column("recall")]
    used = sum(max(len(x) for x in col) + 2 for col in zip(headers, *figures, strict=True))
    room = max(12, width - 2 - used - 2)
    rows = [[card_label(c, room), *row] for c, row in zip(cards, figures, strict=True)]
    return _table([_column("question"), *headers], rows, right={1, 2, 3, 4})


@dataclass(frozen=True)
class _KnownDeck:
    """A deck id as the library's message about an unknown deck lists it."""

    id: str


def _unknown_deck(decks: list[Deck], history_ids: set[str], arg: str) -> str:
    """The library's one-line message, listing loaded and history-only ids alike.

    ``stats --deck`` takes an id only (not a file), so the hint about a path is dropped.
    """
    from quizapp.core.library import unknown_deck_message

    known = [_KnownDeck(d.deck.id) for d in decks] + [_KnownDeck(i) for i in history_ids]
    return unknown_deck_message(known, arg, paths=False)  # type: ignore[arg-type]


def run(args: argparse.Namespace) -> int:
    """Compute the report on a read-only store and print it."""
    from quizapp.core.config import ConfigError

    try:
        setup = stats.load_setup()
    except ConfigError as error:
        print(_("quizapp: {message}").format(message=error), file=sys.stderr)
        return ExitCode.BAD_INPUT
    try:
        store = open_readonly()
    except StoreError as error:
        print(_("quizapp: {message}").format(message=error), file=sys.stderr)
        return ExitCode.BAD_INPUT
    try:
        if args.deck is not None and args.deck not in {d.deck.id for d in setup.decks}:
            known = stats.history_deck_ids(store)
            if args.deck not in known:
                print(
                    _("quizapp: {message}").format(
                        message=_unknown_deck(setup.decks, known, args.deck)
                    ),
                    file=sys.stderr,
                )
                return ExitCode.BAD_INPUT
        report = stats.compute_stats(
            store,
            deck_id=args.deck,
            decks=setup.decks,
            tz=setup.tz,
            rollover_hour=setup.rollover_hour,
            config=setup.config,
        )
    except StoreError as error:  # a damaged file that still opened
        print(_("quizapp: {message}").format(message=error), file=sys.stderr)
        return ExitCode.BAD_INPUT
    finally:
        if store is not None:
            store.close()
    if args.json:
        sys.stdout.write(stats.report_to_json(report) + "\n")
    elif getattr(args, "full", False):
        sys.stdout.write(format_report(report))
    else:
        sys.stdout.write(format_summary(report))
    return ExitCode.OK
