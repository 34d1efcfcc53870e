"""``?``: every key of the screen underneath, generated from its bindings."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def key_rows(app: Any, screen: Screen) -> list[tuple[str, str, str, bool]]:
    """(where, keys, what, available now) for every binding that applies to ``screen``.

    Built from the live bindings (focused widget, screen, app) plus the screen's
    own ``BINDINGS`` that are not available at this moment, so nothing goes stale.
    """
    rows: list[tuple[str, str, str, bool]] = []
    seen: set[tuple[str, str]] = set()
    by_action: dict[tuple[int, str], list[str]] = {}
    order: list[tuple[Any, Binding, bool]] = []
    for _key, active in screen.active_bindings.items():
        binding = active.binding
        ident = (id(active.node), binding.action)
        if ident not in by_action:
            by_action[ident] = []
            order.append((active.node, binding, active.enabled))
        by_action[ident].append(app.get_key_display(binding))
    for binding in Binding.make_bindings(type(screen).BINDINGS):
        ident = (id(screen), binding.action)
        if ident not in by_action:
            by_action[ident] = []
            order.append((screen, binding, False))
        display = app.get_key_display(binding)
        if display not in by_action[ident]:
            by_action[ident].append(display)
    for node, binding, enabled in order:
        what = binding.description or binding.action
        keys = ", ".join(dict.fromkeys(by_action[(id(node), binding.action)]))
        where = _where(node, screen)
        if (where, what) in seen or binding.system:
            continue
        seen.add((where, what))
        rows.append((where, keys, what, enabled))
    rows.sort(key=lambda r: ("This screen", "Answer", "Everywhere").index(r[0]))
    return rows


def _where(node: Any, screen: Screen) -> str:
    if node is screen:
        return "This screen"
    if isinstance(node, Screen) or node is screen.app:
        return "Everywhere"
    return "Answer"


class HelpScreen(ModalScreen[None]):
    """A list of keys; Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help")
    ]

    def __init__(self, rows: list[tuple[str, str, str, bool]], title: str) -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title

    def compose(self) -> ComposeResult:
        lines: list[Content] = [Content(f"Keys: {self.title_text}").stylize("bold"), Content("")]
        group = None
        for where, keys, what, enabled in self.rows:
            if where != group:
                if group is not None:
                    lines.append(Content(""))
                lines.append(Content(where).stylize("underline"))
                group = where
            line = Content(f"  {keys:<18} {what}")
            lines.append(line if enabled else line.append(" (not now)").stylize("dim"))
        lines.append(Content(""))
        lines.append(
            Content("ctrl+p lists these as commands; Escape closes this help.").stylize("dim")
        )
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(Content("\n").join(lines))

    def action_close(self) -> None:
        self.dismiss(None)
