"""The stats screen's Class tab: what ``quizapp class`` prints, for a teacher's connection.

One row per learner and deck (last and best quiz score, true retention, the
learner's study streak), then the cards the class misses most. Learner
names, deck ids and questions come from the shared database, where any
learner could have written anything: every one goes through
:func:`~quizapp.tui.safe_text.literal_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from quizapp.core.i18n import _, ngettext
from quizapp.core.l10n import number
from quizapp.core.models import Deck
from quizapp.core.stats import DayClock, days_text, percent_text, score_text
from quizapp.core.stats.class_view import ClassReport, DeckScores, class_report
from quizapp.core.store import Store, teacher_view
from quizapp.tui.safe_text import literal_text

QUESTION_WIDTH = 40  # cells of a missed card's question; the counts stay whole


def class_report_of(
    store: Store | None,
    tz: tzinfo,
    hour: int,
    now: datetime,
    deck_id: str | None,
    decks: Sequence[Deck],
) -> ClassReport | None:
    """The class view when the history is a teacher's connection, else None (no Class tab)."""
    view = None if store is None else teacher_view(store)
    if view is None:
        return None
    clock = DayClock(tz, hour)
    return class_report(view, clock, int(now.timestamp() * 1000), deck_id, decks)


class ClassView(VerticalScroll):
    """The class's figures as two tables; :meth:`show` fills them from a report."""

    DEFAULT_CSS = """
    ClassView { padding: 0 1; }
    ClassView .note { height: auto; }
    ClassView DataTable { height: auto; }
    ClassView #class-missed-note { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="class-note", markup=False, classes="note")
        yield DataTable(id="class-table", cursor_type="row", zebra_stripes=True)
        yield Static(
            _("Missed most by the class (wrong of all answers, learners who missed)"),
            id="class-missed-note",
            markup=False,
            classes="note",
        )
        yield DataTable(id="class-missed", cursor_type="row", zebra_stripes=True)

    def show(self, report: ClassReport) -> None:
        scope = _("deck {deck}").format(deck=report.deck_id) if report.deck_id else _("all decks")
        count = len(report.learners)
        learners = ngettext("{n} learner", "{n} learners", count).format(n=number(count))
        self.query_one("#class-note", Static).update(
            _("The class, {scope}: {learners}").format(scope=scope, learners=learners)
        )
        table = self.query_one("#class-table", DataTable)
        table.clear(columns=True)
        table.add_columns(
            _("learner"), _("deck"), _("last"), _("best"), _("retention"), _("streak"), _("answers")
        )
        for person in report.learners:
            streak = days_text(person.streak)
            decks: list[DeckScores | None] = [*person.decks] or [None]  # one row for everyone
            for deck in decks:
                table.add_row(
                    literal_text(person.learner, width=20),
                    literal_text(deck.deck_id, width=24) if deck else "-",
                    score_text(deck.last_score) if deck else "-",
                    score_text(deck.best_score) if deck else "-",
                    percent_text(deck.retention) if deck else "-",
                    streak,
                    number(person.answers),
                )
        missed = self.query_one("#class-missed", DataTable)
        missed.clear(columns=True)
        missed.add_columns(_("card"), _("wrong"), _("learners"))
        for card in report.most_missed:
            label = card.question or f"{card.deck_id} / {card.item_id}"
            missed.add_row(
                literal_text(label, width=QUESTION_WIDTH),
                _("{wrong} of {answers}").format(
                    wrong=number(card.wrong), answers=number(card.answers)
                ),
                number(card.learners),
            )
        if not report.most_missed:
            missed.add_row(_("none yet"), "", "")
