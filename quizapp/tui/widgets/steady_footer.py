"""A footer that is rebuilt only when the keys it shows change.

Textual's ``Footer`` recomposes (unmounts and mounts a widget per key) every
time the screen's bindings may have changed. The study screen's phase moves
three or four times per answer (saving, loading, the next question), and
most of those moves last a few milliseconds: rebuilding the footer each time
was a large share of the time from a rating key to the next card. This footer
gathers the changes of one refresh into one, rebuilds only when the keys,
their labels or their enabled states differ from what is on screen, and
waits while its screen says it is between two settled states
(``footer_settled()`` false: saving an answer, fetching the next card); a key
shown meanwhile does nothing, as the screen's ``check_action`` still decides.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """A ``Footer`` that recomposes only when what it shows changes."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[object, ...] | None = None
        self._pending = False

    def _signature(self) -> tuple[object, ...]:
        """What the footer would show: each shown binding, its label and whether it is enabled."""
        return (
            self.show_command_palette,
            self.compact,
            tuple(
                (binding.key, binding.action, binding.description, enabled, tooltip)
                for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
                if binding.show
            ),
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        settled: Callable[[], bool] | None = getattr(self.screen, "footer_settled", None)
        if settled is not None and not settled():
            return  # the screen's next settled phase changes the bindings again
        signature = self._signature()
        if signature != self._shown:
            self._shown = signature
            await self.recompose()
