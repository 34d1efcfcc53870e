"""The command palette (ctrl+p) lists the current screen's actions, from its bindings."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenActionsProvider(Provider):
    """Every described binding that is available now on the screen, as a command."""

    def _commands(self) -> list[tuple[str, str, object]]:
        screen = self.screen
        commands: list[tuple[str, str, object]] = []
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled or binding.description in seen:
                continue
            if binding.system:
                continue
            seen.add(binding.description)
            run = partial(self.app.run_action, binding.action, active.node)
            commands.append(
                (binding.description, f"key: {self.app.get_key_display(binding) or key}", run)
            )
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
