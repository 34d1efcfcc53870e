"""The home screen: every deck, what is due, the last quiz score."""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import Future
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from quizapp.core.i18n import N_, _, ngettext
from quizapp.exit_codes import ExitCode
from quizapp.tui.backend import DeckRow
from quizapp.tui.safe_text import literal
from quizapp.tui.start_view import StartView, counted_rows, with_counts
from quizapp.tui.widgets.deck_table import DeckTable

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp


# How long the first frame waits for the cached rows (seconds); they usually take 10 ms.
FIRST_VIEW_WAIT = 0.1


class HomeScreen(Screen[None]):
    """Decks in a table; Enter studies, ``t`` takes a quiz, ``s`` shows stats."""

    HELP_NOTES = N_(
        "Due = Learn + Review, as in 'quizapp due'. Last quiz: the score and "
        "date of the last quiz taken to the end (abandoned: see stats)."
    )

    # The re-fit suggestion: one line, shown only when there is something to say.
    DEFAULT_CSS = """
    HomeScreen #refit-hint {
        height: 1; padding: 0 1; display: none; text-wrap: nowrap; text-overflow: ellipsis;
    }
    HomeScreen #refit-hint.shown { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "study", N_("Study"), show=True, priority=False),
        Binding("t", "quiz", N_("Quiz")),
        Binding("a", "study_all", N_("Study all")),
        Binding("s", "stats", N_("Stats")),
        Binding("b", "browse", N_("Cards")),
        Binding("B", "browse_all", N_("Cards of every deck"), show=False),
        Binding("r", "reload", N_("Reload")),
        Binding("q", "quit", N_("Quit")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DeckRow] = []

    @property
    def quizapp(self) -> QuizApp:
        """The app, with its backend and navigation."""
        return cast("QuizApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content(_("quizapp · decks")).stylize("bold"), id="home-title")
        yield DeckTable(id="decks")
        yield Static("", id="refit-hint")
        yield Static("", id="deck-detail")
        # The Footer (a widget per key) is mounted just after the first frame: the
        # table and its rows are drawn first, the keys a frame later.

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_footer)
        first, self.quizapp.first_view = self.quizapp.first_view, None
        if first is not None:
            # The cached titles and counts take a few milliseconds to read on the I/O
            # thread when the event loop waits (and ten times that when it does not):
            # briefly waiting for them puts them in the first frame.
            with contextlib.suppress(TimeoutError):
                self._show_start(first.result(timeout=FIRST_VIEW_WAIT))
        self.refresh_rows(reload=True, first=first)

    def on_screen_resume(self) -> None:
        if self.rows:
            self.refresh_rows(reload=False)

    @work(exclusive=True, group="home-rows")
    async def refresh_rows(
        self,
        reload: bool = True,
        announce: bool = False,
        first: Future[StartView] | None = None,
    ) -> None:
        """Load the decks (from disk when ``reload``) and their counts, off the UI thread."""
        backend = self.quizapp.backend
        view = StartView()
        if first is not None:  # the first load: the cached titles and counts, if any
            view = await asyncio.wrap_future(first)
            if not self.query_one(DeckTable).row_count:
                self._show_start(view)
            if view.previews:
                # The first frame, drawn with them, before the deck models are imported.
                await self._first_frame()
        else:
            self._show_title(_("quizapp · decks · loading…"))
        try:
            # The decks first (the table fills in as soon as they are loaded), then their counts.
            rows = with_counts(await backend.run(backend.library_rows, reload), view.counts)
            self._show_rows(rows, counting=not all(row.counted for row in rows))
            self.quizapp.decks_shown()
            rows = await backend.run(counted_rows, backend, view)
            if not self.query(DeckTable):  # the app ended while the decks were counted
                return
        except Exception as error:
            # Imported only here: the config module brings pydantic, which the
            # first frame must not wait for (the I/O thread imports it meanwhile).
            from quizapp.core.config import ConfigError
            from quizapp.core.store.protocol import StoreError

            if not isinstance(error, StoreError | ConfigError):
                raise
            # a history or config unfit to use: say so
            self.app.exit(return_code=ExitCode.BAD_INPUT, message=f"quizapp: {error}")
            return
        self._show_rows(rows, counting=False)
        if announce:
            self.notify(
                ngettext(
                    "Reloaded {n} deck from disk.", "Reloaded {n} decks from disk.", len(rows)
                ).format(n=len(rows))
            )
        self._tell(self.quizapp.backend.take_notices())
        self.quizapp.rows_loaded(rows)
        await self._show_refit_hint()

    async def _mount_footer(self) -> None:
        await self.mount(Footer())
        self.refresh_bindings()  # the footer lists the keys when told they are ready

    async def _first_frame(self) -> None:
        drawn = asyncio.Event()
        self.call_after_refresh(drawn.set)
        await drawn.wait()

    def _show_title(self, title: str) -> None:
        self.query_one("#home-title", Static).update(Content(title).stylize("bold"))

    def _show_start(self, view: StartView) -> None:
        """The decks' cached titles, sizes and (when still true) counts, while they load."""
        if not view.previews:
            self._show_title(_("quizapp · decks · loading…"))
            return
        self.query_one(DeckTable).show_previews(view.previews, view.counts)
        title = ngettext("quizapp · {n} deck", "quizapp · {n} decks", len(view.previews))
        title = title.format(n=len(view.previews))
        self._show_title(title if view.counts else title + _(" · counting…"))

    def _show_rows(self, rows: list[DeckRow], *, counting: bool) -> None:
        """Put the rows in the table and the number of decks in the title."""
        self.rows = rows
        table = self.query_one(DeckTable)
        table.show_rows(rows)
        broken = sum(1 for row in rows if not row.ok)
        good = len(rows) - broken
        title = ngettext("quizapp · {n} deck", "quizapp · {n} decks", good).format(n=good)
        if broken:
            title += _(" · {n} with errors (marked ✗)").format(n=broken)
        if counting:
            title += _(" · counting…")
        self._show_title(title)
        self._show_detail()
        table.focus()

    async def _show_refit_hint(self) -> None:
        """Suggest fitting FSRS again (a month, or 1,000 reviews, since the last fit)."""
        from quizapp.core.optimizer.suggest import refit_suggestion
        from quizapp.core.scheduling import to_ms

        backend = self.quizapp.backend
        hint = await backend.run(lambda: refit_suggestion(backend.store, to_ms(backend.now())))
        for widget in self.query("#refit-hint").results(Static):  # none once the app ended
            widget.update(literal(hint or "", single_line=True))
            widget.set_class(hint is not None, "shown")

    def _tell(self, notices: list[str]) -> None:
        """One-line remarks about the decks (failing examples, skipped decks), each once."""
        for notice in notices:
            self.notify(notice, severity="warning", markup=False, timeout=10)

    @work(group="examples")
    async def _tell_examples(self, rows: list[DeckRow]) -> None:
        """Say, once a deck, that a deck about to be studied has examples that fail."""
        backend = self.quizapp.backend
        self._tell(await backend.run(backend.examples_notices, [row.loaded for row in rows]))

    def _study(self, rows: list[DeckRow]) -> None:
        self.quizapp.start_study(rows)
        self._tell_examples(rows)

    @property
    def current(self) -> DeckRow | None:
        key = self.query_one(DeckTable).current_key
        return next((row for row in self.rows if row.key == key), None)

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def on_data_table_row_selected(self) -> None:
        self.action_study()

    def _show_detail(self) -> None:
        row = self.current
        detail = self.query_one("#deck-detail", Static)
        if row is None and self.query_one(DeckTable).row_count:  # the decks are still loading
            detail.update("")
        elif row is None:
            detail.update(
                Content(_("No decks found. Put .toml decks in the decks folder or pass paths."))
            )
        elif not row.ok:
            detail.update(
                _error_lines(row, max(20, (detail.size.width or self.app.size.width) - 2))
            )
        else:
            deck = row.deck
            assert deck is not None
            text = deck.deck.description or deck.deck.title
            detail.update(literal(text))

    def _usable(self) -> DeckRow | None:
        row = self.current
        if row is None:
            return None
        if not row.ok:
            self.notify(
                _("This deck has errors; fix them and press r to reload."), severity="warning"
            )
            return None
        return row

    def action_study(self) -> None:
        row = self._usable()
        if row is not None:
            self._study([row])

    def action_study_all(self) -> None:
        rows = [row for row in self.rows if row.ok]
        if rows:
            self._study(rows)

    def action_quiz(self) -> None:
        row = self._usable()
        if row is not None:
            self.quizapp.ask_quiz(row)

    def action_stats(self) -> None:
        row = self.current
        self.quizapp.open_stats(row.key if row is not None and row.ok else None)

    def action_browse(self) -> None:
        from quizapp.tui.screens.browser import BrowserScreen

        row = self.current
        self.app.push_screen(BrowserScreen(row.key if row is not None and row.ok else None))

    def action_browse_all(self) -> None:
        from quizapp.tui.screens.browser import BrowserScreen

        self.app.push_screen(BrowserScreen(None))

    def action_reload(self) -> None:
        self.refresh_rows(reload=True, announce=True)

    async def action_quit(self) -> None:
        await self.app.action_quit()


# Lines the error pane (#deck-detail, max-height 6 with its top border) shows under its heading.
ERROR_PANE_LINES = 4


def _error_lines(row: DeckRow, width: int) -> Content:
    """As many of a broken deck's problems as fit, one line each, then how to see the rest."""
    path = row.loaded.path
    problems = row.loaded.problems
    command = f"quizapp check {path}"
    more_height = -(-len(_("… and {n} more ({command})").format(n=999, command=command)) // width)
    room = ERROR_PANE_LINES
    if len(problems) > room:
        room = max(1, room - more_height)
    lines = [
        literal(str(problem).replace(str(path), path.name, 1), single_line=True).truncate(
            width, ellipsis=True
        )
        for problem in problems[:room]
    ]
    more = len(problems) - len(lines)
    if more > 0:
        lines.append(
            Content.assemble(
                *_split(_("… and {n} more ({command})").format(n=more, command="\0"), command)
            )
        )
    return Content("\n").join([Content(_("✗ This deck has errors:")).stylize("bold"), *lines])


def _split(template: str, command: str) -> list[str | Content]:
    """The translated line around its command, which is shown literally (never as markup)."""
    before, _sep, after = template.partition("\0")
    return [before, literal(command, single_line=True), after]
