"""The Textual application: wiring of screens, the backend, themes and help.

``make_app`` builds it for the commands and for tests (deck paths, store
location, a fixed clock and seed can all be injected).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal, Protocol, runtime_checkable

from textual.app import App
from textual.binding import Binding, BindingType

from quizapp.core.i18n import N_, _
from quizapp.tui.backend import Backend, DeckRow
from quizapp.tui.palette import ScreenActionsProvider

if TYPE_CHECKING:
    from quizapp.tui.start_view import StartView

StudyStart = tuple[Literal["study"], str]  # ("study", deck id or "all")
QuizStart = tuple[Literal["quiz"], str, int, int | None]  # ("quiz", deck id, count, seed)
AddStart = tuple[Literal["add"], str]  # ("add", deck id): the quick-add form alone
Start = StudyStart | QuizStart | AddStart  # the screen asked for on the command line


@runtime_checkable
class QuitsSafely(Protocol):
    """A screen with its own way out for ctrl+q (the study screen ends with its summary)."""

    def quit_safely(self) -> None: ...


@runtime_checkable
class EndsOnSignal(Protocol):
    """A screen with work to save when the process is told to end (SIGTERM, SIGHUP)."""

    async def end_for_signal(self) -> None: ...


class QuizApp(App[None]):
    """Decks, study and quiz screens on top of the core."""

    CSS_PATH = "app.tcss"
    TITLE = "quizapp"
    COMMANDS: ClassVar = {ScreenActionsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", N_("Help")),
        # Textual adds this key itself, on the app object where the translated
        # bindings do not reach; declared here it is described like the others.
        Binding(
            "ctrl+p",
            "command_palette",
            N_("palette"),
            show=False,
            priority=True,
            tooltip=N_("Open the command palette"),
        ),
    ]

    def __init__(
        self,
        backend: Backend,
        *,
        start: Start | None = None,
        seed: int | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        watch_decks: bool = False,
    ) -> None:
        super().__init__()
        from quizapp.tui.deck_reload import DeckReloader
        from quizapp.tui.start_view import start_view

        self.deck_reloader = DeckReloader(self, enabled=watch_decks)
        # The cached titles and counts are read on the I/O thread while Textual starts.
        self.first_view: Future[StartView] | None = backend.submit(start_view, backend)
        self.added_card: str | None = None  # the card quick add wrote, for 'quizapp add'
        self.backend = backend
        self.start = start
        self.seed = seed
        self.monotonic = monotonic
        self._theme_loaded = False
        self._backup_started = False
        self._theme_requested = False

    def on_mount(self) -> None:
        from quizapp.tui.screens.home import HomeScreen

        # The theme is read from the store once the home screen has shown its decks
        # (decks_shown): opening the store first would hold up the deck table.
        self.push_screen(HomeScreen())
        self._handle_termination()

    def _handle_termination(self) -> None:
        """SIGTERM and SIGHUP end the app as quitting would: an open quiz is saved abandoned."""
        from quizapp.core.termination import SIGNALS

        loop = asyncio.get_running_loop()
        for signum in SIGNALS:
            try:
                loop.add_signal_handler(signum, self._terminated, signum)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
                return

    def _terminated(self, signum: int) -> None:
        self.run_worker(self._end_for_signal(signum), group="terminate", exclusive=True)

    async def _end_for_signal(self, signum: int) -> None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, EndsOnSignal):
                await screen.end_for_signal()
        self.exit(return_code=128 + signum)

    async def on_unmount(self) -> None:
        from quizapp.core.termination import SIGNALS

        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop = asyncio.get_running_loop()
            for signum in SIGNALS:
                loop.remove_signal_handler(signum)
        self.deck_reloader.stop()
        if self._backup_started:  # the decks were loaded and counted: remember the counts
            from quizapp.tui.start_view import remember_at_exit

            self.backend.submit(remember_at_exit, self.backend)
        self.backend.close()

    # --- the command palette, with its words in the interface's language ------------------

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, its search box prompting in the interface's language."""
        from textual.command import CommandPalette

        open_already = CommandPalette.is_open(self)  # type: ignore[arg-type]
        if self.use_command_palette and not open_already:
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def search_themes(self) -> None:
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…"))
        )

    # --- themes: chosen with the palette ("Theme"), remembered in the store ----------------

    def load_theme(self) -> None:
        self.run_worker(self._load_theme(), group="theme")

    def decks_shown(self) -> None:
        """The deck table has its first rows: now read the remembered theme (once)."""
        if not self._theme_requested:
            self._theme_requested = True
            self.load_theme()

    async def _load_theme(self) -> None:
        try:
            name = await self.backend.run(self.backend.get_setting, "theme")
        except Exception as error:
            # imported here, not before the first frame (the store package is not light)
            from quizapp.core.store.protocol import StoreError

            if isinstance(error, StoreError):  # the home screen reports an unusable store
                return
            raise
        if name and name in self.available_themes:
            self.theme = name
        self._theme_loaded = True

    def watch_theme(self, name: str) -> None:
        if self._theme_loaded:
            self.run_worker(
                self.backend.run(self.backend.set_setting, "theme", name), group="theme"
            )

    def _back_up_today(self) -> None:
        """The day's backup (thread worker, once the decks are shown); a failure is a warning."""
        from quizapp.core.daily_backup import back_up_today
        from quizapp.core.i18n import _
        from quizapp.core.store.protocol import StoreError

        try:
            back_up_today(self.backend.now(), self.backend.store_path)
        except (StoreError, OSError) as error:
            if self.is_running:  # the learner may have quit while the copy was made
                message = _("No backup today: {error}").format(error=error)
                with contextlib.suppress(RuntimeError):
                    self.call_from_thread(self.notify, message, severity="warning", markup=False)

    # --- navigation used by the screens -----------------------------------------------------

    def rows_loaded(self, rows: list[DeckRow]) -> None:
        """After the first load, jump to the screen asked for on the command line."""
        self.deck_reloader.start()
        if not self._backup_started:
            self._backup_started = True
            self.run_worker(self._back_up_today, thread=True, group="backup", exit_on_error=False)
        start, self.start = self.start, None
        if not start:
            return
        deck_id = start[1]
        usable = [row for row in rows if row.ok]
        chosen = usable if deck_id == "all" else [row for row in usable if row.key == deck_id]
        if not chosen:
            from quizapp.core.library import unknown_deck_message

            # the deck ids there are (and a likely one), as the other commands say it
            usable_decks = [row.loaded for row in usable]
            message = unknown_deck_message(usable_decks, deck_id)
            self.notify(message[:1].upper() + message[1:], severity="error", markup=False)
            return
        if start[0] == "add":  # quizapp add DECK: the form alone, then exit
            from quizapp.tui.screens.add_card import AddCardScreen

            def _done(card_id: str | None) -> None:
                self.added_card = card_id
                self.exit()

            self.push_screen(AddCardScreen(deck_id, chosen[0].loaded.path), _done)
        elif len(start) == 2:
            self.start_study(chosen)
        else:
            from quizapp.tui.screens.quiz import QuizScreen

            _, _, count, seed = start
            deck = chosen[0].deck
            assert deck is not None  # a usable row has its deck
            self.push_screen(QuizScreen(deck, count=min(count, len(deck.items())), seed=seed))

    def start_study(self, rows: list[DeckRow]) -> None:
        from quizapp.tui.screens.study import StudyScreen

        decks = [row.deck for row in rows if row.deck is not None]
        paths = {row.key: row.loaded.path for row in rows}
        self.push_screen(StudyScreen(decks, paths))

    def ask_quiz(self, row: DeckRow) -> None:
        from quizapp.tui.screens.modals import QuizCountScreen
        from quizapp.tui.screens.quiz import QuizScreen

        deck = row.deck
        assert deck is not None

        def _start(count: int | None) -> None:
            if count:
                self.push_screen(QuizScreen(deck, count=count, seed=self.seed))

        self.push_screen(QuizCountScreen(deck.deck.title, len(deck.items())), _start)

    def open_stats(self, deck_id: str | None) -> None:
        from quizapp.tui.screens.stats import StatsScreen

        decks = [
            loaded.deck for loaded in self.backend.library if loaded.ok and loaded.deck is not None
        ]
        self.push_screen(
            StatsScreen(deck_id, decks=decks, now=self.backend.now, db_path=self.backend.store_path)
        )

    async def action_quit(self) -> None:
        """ctrl+q (and the Quit command): through a screen's own safe exit when it has one."""
        if isinstance(self.screen, QuitsSafely):
            self.screen.quit_safely()
        else:
            await super().action_quit()

    def action_help(self) -> None:
        from quizapp.tui.screens.help import HasHelpNotes, HelpScreen, key_rows

        if isinstance(self.screen, HelpScreen):
            return
        title = type(self.screen).__name__.removesuffix("Screen").lower() or "screen"
        notes = self.screen.HELP_NOTES if isinstance(self.screen, HasHelpNotes) else ""
        self.push_screen(HelpScreen(key_rows(self, self.screen), title, notes))


def make_app(
    extra_paths: Sequence[Path | str] = (),
    *,
    deck_paths: Sequence[Path | str] | None = None,
    store_path: Path | None = None,
    home: Path | None = None,
    now: Callable[[], datetime] | None = None,
    start: Start | None = None,
    seed: int | None = None,
    monotonic: Callable[[], float] = time.monotonic,
    notices: Sequence[str] = (),
    watch_decks: bool = False,
) -> QuizApp:
    """Build the app.

    ``deck_paths`` replaces the library (bundled + user decks + ``extra_paths``)
    with exactly these files; ``home`` is a data folder whose
    ``history.sqlite3`` is used unless ``store_path`` is given; ``now`` fixes
    the clock and ``seed`` the shuffling, for tests and snapshots; ``notices``
    are shown once the decks are loaded (what selecting the deck had to say).
    ``watch_decks`` reloads deck files changed on disk while the app runs.
    """
    from quizapp.tui import no_break
    from quizapp.tui.i18n_bindings import install

    install()  # key descriptions in the current language, for every screen
    no_break.install()  # French "quiz ?" never wraps before its "?"
    if store_path is None and home is not None:
        store_path = Path(home) / "history.sqlite3"
    backend = Backend(
        extra_paths=[Path(p) for p in extra_paths],
        deck_paths=None if deck_paths is None else [Path(p) for p in deck_paths],
        store_path=store_path,
        now=now,
        notices=notices,
    )
    return QuizApp(backend, start=start, seed=seed, monotonic=monotonic, watch_decks=watch_decks)
