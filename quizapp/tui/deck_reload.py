"""The running app notices deck files changed on disk and reloads them.

An author edits a deck in an editor beside the app: the decks screen shows the
new counts, and a study session takes the new version of the deck without
losing its place: the card on screen is kept until it is answered, the
session's answers are kept in its count, and the queue goes on with the edited
cards. Watching runs in a worker (watchfiles); nothing here blocks the UI.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp.core.authoring.watch import changed_decks, watch_roots
from quizapp.core.i18n import _

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp
    from quizapp.tui.screens.study import StudyScreen

_SAFE_PHASES = ("question", "waiting", "done")  # nothing half-answered on screen


def _say(screen: StudyScreen, message: str, severity: str = "information") -> None:
    """On the study screen's notice line, over the card on screen and the next one."""
    screen.status.say(message, severity=severity, cards=2)


async def apply_fresh_deck(screen: StudyScreen, deck_id: str, path: Path) -> bool:
    """Reload ``path`` into a study screen; False (and a notice) when it now has errors.

    As the study screen's own edit key does: the answers given so far stay in
    the session's count, and the queue reopens on the new version of the deck.
    """
    backend = screen.backend
    fresh = await backend.run(backend.reload_deck, path)
    if not fresh.ok or fresh.deck is None:
        first = fresh.errors[0] if fresh.errors else _("unknown error")
        message = _("The deck now has errors; still using the old version. {error}")
        _say(screen, message.format(error=first), "error")
        return False
    old = next((d for d in screen.decks if d.deck.id == deck_id), None)
    if old is not None and old == fresh.deck:
        return True  # saved without a change (or already taken): keep the queue as it is
    screen.decks = [fresh.deck if d.deck.id == deck_id else d for d in screen.decks]
    _say(screen, _("Deck reloaded."))
    screen.outcomes_before = screen.outcomes
    await screen._open_session()  # reopen the queue on the edited deck
    return True


class DeckReloader:
    """Owned by the app: watches the library's folders, reloads what changed."""

    def __init__(self, app: QuizApp, *, enabled: bool) -> None:
        self.app = app
        self.enabled = enabled
        self.pending: set[Path] = set()
        self._stop = asyncio.Event()
        self._started = False
        self._timer: Any = None

    def start(self) -> None:
        """Begin watching (once, after the library is first loaded)."""
        if not self.enabled or self._started:
            return
        self._started = True
        self.app.run_worker(self._watch(), group="deck-watch", exit_on_error=False)

    def stop(self) -> None:
        self._stop.set()

    async def _watch(self) -> None:
        import watchfiles

        from quizapp.core.paths import user_decks_dir

        paths = [loaded.path for loaded in self.app.backend.library] + [user_decks_dir()]
        roots = watch_roots(paths)
        if not roots:
            return
        async for changes in watchfiles.awatch(*roots, stop_event=self._stop):
            changed = changed_decks(changes)
            if changed:
                self.decks_changed(changed)

    def decks_changed(self, paths: set[Path]) -> None:
        """Take changed deck files: refresh the decks screen, reload a study session's deck."""
        from quizapp.tui.screens.home import HomeScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, HomeScreen) and screen.rows:
                screen.refresh_rows(reload=True)
        self.pending |= {Path(p).resolve() for p in paths}
        self._apply()

    def _study_screen(self) -> StudyScreen | None:
        from quizapp.tui.screens.study import StudyScreen

        screen = self.app.screen
        return screen if isinstance(screen, StudyScreen) else None

    def _apply(self) -> None:
        screen = self._study_screen()
        if screen is None or not self.pending:
            self.pending.clear()
            return
        mine = {
            deck_id: path
            for deck_id, path in screen.paths.items()
            if Path(path).resolve() in self.pending
        }
        if not mine:
            self.pending.clear()
            return
        if screen.phase not in _SAFE_PHASES or screen.engine is None:
            if self._timer is None:  # wait until the card on screen is answered
                self._timer = self.app.set_interval(0.25, self._retry)
            return
        self.pending.clear()
        for deck_id, path in mine.items():
            screen.run_worker(apply_fresh_deck(screen, deck_id, Path(path)), group="study")

    def _retry(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._apply()
