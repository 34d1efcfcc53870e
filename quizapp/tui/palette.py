"""The command palette (ctrl+p) lists the current screen's actions, from its bindings."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from quizapp.core.i18n import _


class ScreenActionsProvider(Provider):
    """The app's own actions available now (the screen's, the answer widget's, Theme, Help).

    It is the palette's only provider: widget plumbing (a table's cursor moves)
    and Textual's system commands, whose Quit bypasses a screen's safe exit,
    would bury the few commands a learner looks for.
    """

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(name, help text, what running it does) for each command on offer now."""
        screen = self.screen
        app = self.app
        commands: list[tuple[str, str, Callable[[], object]]] = []
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled or binding.description in seen:
                continue
            if binding.system:
                continue
            if not declared_by_quizapp(active.node, binding) and active.node is not app:
                continue
            seen.add(binding.description)
            run = partial(self.app.run_action, binding.action, active.node)
            commands.append(
                (
                    binding.description,
                    _("key: {key}").format(key=self.app.get_key_display(binding) or key),
                    run,
                )
            )
        commands.append((_("Theme"), _("choose the colours (remembered)"), app.action_change_theme))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            match = matcher.match(name)
            if match > 0:
                yield Hit(match, matcher.highlight(name), run, help=help_text)


def declared_by_quizapp(node: object, binding: Binding) -> bool:
    """Whether ``binding`` is declared by the node's own class (a quizapp screen or widget),
    not inherited from Textual's (a DataTable's cursor moves, a Screen's copy)."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("quizapp."):
            break
        declared = cls.__dict__.get("BINDINGS", [])
        if any(b.action == binding.action for b in Binding.make_bindings(declared)):
            return True
    return False
