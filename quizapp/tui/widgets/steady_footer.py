"""A footer whose keys are updated in place, and rebuilt only when a new key appears.

Textual's ``Footer`` recomposes (unmounts and mounts a widget per key) every
time the screen's bindings may have changed, one frame after the change. The
study screen's phase moves several times per answer and each phase shows other
keys: rebuilding the footer each time was a large share of the time from a
rating key to the next card, and drew the footer a frame after the card.

This footer follows the bindings at once (it is told synchronously) and, when
every key to show already has its widget, only updates those widgets: shown or
hidden, enabled or dimmed, label. A key that has no widget yet makes it
recompose, keeping the widgets of the keys shown before (hidden), so that after
a few answers every key of the screen has its widget and nothing is rebuilt.
While its screen says it is between two settled states (``footer_settled()``
false: saving an answer, fetching the next card) it waits; a key shown
meanwhile does nothing, as the screen's ``check_action`` still decides.
Bindings in groups (shown as one label for several keys) fall back to
``Footer``'s own layout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class Shown(NamedTuple):
    """One key as the footer shows it: its first binding, whether it works, its tooltip."""

    binding: Binding
    enabled: bool
    tooltip: str

    @property
    def id(self) -> tuple[str, str]:
        """What a key widget stands for: the action, and the key that names it."""
        return (self.binding.action, self.binding.key)


def merged_order(before: list[Shown], now: list[Shown]) -> list[Shown]:
    """The keys of ``now`` in their order, with those of ``before`` kept around them.

    A key of ``before`` missing from ``now`` stays (to be hidden) where it was;
    when the two orders disagree, ``now`` alone.
    """
    merged = list(before)
    ids = [key.id for key in merged]
    at = 0  # where the next new key goes: after the last key of ``now`` placed so far
    for key in now:
        if key.id in ids:
            at = ids.index(key.id) + 1
            merged[at - 1] = key
        else:
            merged.insert(at, key)
            ids.insert(at, key.id)
            at += 1
    positions = [ids.index(key.id) for key in now]
    return merged if positions == sorted(positions) else list(now)


class SteadyFooter(Footer):
    """A ``Footer`` whose key widgets are updated in place (see the module)."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[object, ...] | None = None  # what is on screen now
        self._order: list[Shown] = []  # one key widget each, in this order, hidden or not
        self._keys: dict[tuple[str, str], FooterKey] = {}  # mounted key widgets by key id
        self._palette_key: FooterKey | None = None  # the command palette's, on the right
        self._rebuilding = False  # a recompose is on its way (it reads the bindings itself)

    def on_mount(self) -> None:
        # ``Footer.on_mount`` also subscribes ``bindings_changed`` (deferred): a no-op here.
        self.screen.bindings_updated_signal.subscribe(self, self._follow, immediate=True)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Footer's deferred subscription: everything is done in ``_follow``, at once."""

    def _active(self) -> tuple[list[Shown] | None, Shown | None]:
        """The keys to show, one per action as ``Footer`` shows them (None for groups),
        and the command palette's key, docked on the right."""
        shown: dict[str, Shown] = {}
        groups = False
        active = self.screen.active_bindings
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                groups = groups or binding.group is not None
                shown.setdefault(binding.action, Shown(binding, enabled, tooltip))
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            key = active.get(self.app.COMMAND_PALETTE_BINDING)
            if key is not None:
                palette = Shown(key.binding, key.enabled, key.binding.tooltip)
        return (None if groups else list(shown.values())), palette

    def _follow(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        settled: Callable[[], bool] | None = getattr(screen, "footer_settled", None)
        if settled is not None and not settled():
            return  # the screen's next settled phase changes the bindings again
        if self._rebuilding:
            return
        keys, palette = self._active()
        signature = (self.compact, palette, None if keys is None else tuple(keys))
        if signature == self._shown:
            return
        if keys is not None and self._update_in_place(keys, palette):
            self._shown = signature
            return
        self._rebuilding = True
        self.refresh(recompose=True)

    def _update_in_place(self, keys: list[Shown], palette: Shown | None) -> bool:
        """Show ``keys`` with the widgets there are; False when one has none."""
        if any(key.id not in self._keys for key in keys):
            return False
        if (palette is None) != (self._palette_key is None):
            return False
        wanted = {key.id: key for key in keys}
        ids = [key.id for key in self._order]
        if [ids.index(key) for key in wanted] != sorted(ids.index(key) for key in wanted):
            return False
        for key_id, widget in self._keys.items():
            key = wanted.get(key_id)
            if key is None:
                if widget.display:
                    widget.display = False
                continue
            self._update_key(widget, key)
        if palette is not None and self._palette_key is not None:
            self._update_key(self._palette_key, palette, palette.binding.description)
        self._order = [wanted.get(key.id, key) for key in self._order]
        return True

    def _update_key(self, widget: FooterKey, key: Shown, tooltip: str = "") -> None:
        """One key widget: shown, enabled or dimmed, its label and tooltip."""
        binding = key.binding
        if not widget.display:
            widget.display = True
        if widget._disabled == key.enabled:
            widget._disabled = not key.enabled
            widget.set_class(not key.enabled, "-disabled")
        key_display = self.app.get_key_display(binding)
        if (widget.key_display, widget.description) != (key_display, binding.description):
            widget.key_display, widget.description = key_display, binding.description
            widget.refresh(layout=True)
        tooltip = key.tooltip or tooltip
        if widget.tooltip != (tooltip or None):
            widget.tooltip = tooltip or None
        widget.key, widget.action = binding.key, binding.action

    def compose(self) -> ComposeResult:
        self._rebuilding = False
        self._keys, self._palette_key = {}, None
        keys, palette = self._active() if self._bindings_ready else (None, None)
        if keys is None:  # not ready yet, or key groups: Footer's own layout
            self._order = []
            self._shown = None
            yield from super().compose()
            return
        self._order = merged_order(self._order, keys)
        self._shown = (self.compact, palette, tuple(keys))
        self.styles.grid_size_columns = len(keys)
        wanted = {key.id for key in keys}
        for key in self._order:
            widget = self._key_widget(key, shown=key.id in wanted)
            self._keys[key.id] = widget
            yield widget
        if palette is not None:
            binding = palette.binding
            self._palette_key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not palette.enabled,
                tooltip=binding.tooltip or binding.description,
            )
            yield self._palette_key

    def _key_widget(self, key: Shown, *, shown: bool) -> FooterKey:
        binding = key.binding
        widget = FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            disabled=not key.enabled,
            tooltip=key.tooltip,
        ).data_bind(compact=Footer.compact)
        widget.display = shown
        return widget


def key_widgets(footer: SteadyFooter) -> Iterable[FooterKey]:
    """The footer's key widgets shown now (for tests and tools)."""
    return (widget for widget in footer.query(FooterKey) if widget.display)
