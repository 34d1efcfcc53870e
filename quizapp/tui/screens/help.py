"""``?``: every key of the screen underneath, generated from its bindings."""

from __future__ import annotations

from typing import Any, ClassVar, Protocol, runtime_checkable

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from quizapp.core.i18n import N_, _
from quizapp.tui.i18n_bindings import describe
from quizapp.tui.palette import declared_by_quizapp


@runtime_checkable
class HasHelpNotes(Protocol):
    """A screen whose help opens with a few words about it (its class's ``HELP_NOTES``)."""

    HELP_NOTES: str


@runtime_checkable
class HasHelpGroup(Protocol):
    """A widget whose keys the help lists under a heading of their own (``HELP_GROUP``)."""

    HELP_GROUP: str


# The help's title names the screen underneath (its class's name, "HomeScreen" -> "home").
SCREEN_NAMES = (
    N_("home"),
    N_("study"),
    N_("quiz"),
    N_("results"),
    N_("answer"),
    N_("stats"),
    N_("card"),
    N_("carddetail"),
    N_("browser"),
    N_("addcard"),
    N_("summary"),
    N_("draft review"),
)
# The headings the keys are grouped under (translated where shown).
THIS_SCREEN = N_("This screen")
EVERYWHERE = N_("Everywhere")
FOCUSED_FIELD = N_("Focused field")


def key_rows(app: App[Any], screen: Screen[Any]) -> list[tuple[str, str, str, bool]]:
    """(group, keys, what, available now) for every key that applies to ``screen``.

    Built from the bindings themselves so the help never goes stale: first the
    screen's own ``BINDINGS`` in their order (marked when not available at this
    moment), then those of the focused widget, then the app-wide ones.
    """
    active = screen.active_bindings
    grouped: dict[tuple[str, str], tuple[list[str], bool]] = {}
    # a focused text box takes printable keys (u, e, space...) as typing
    typing = isinstance(screen.focused, Input)

    def add(group: str, binding: Binding, enabled: bool) -> None:
        if binding.system:
            return
        what = describe(binding.description) or binding.action.replace("_", " ")
        display = app.get_key_display(binding)
        if any(w == what and display in k for (g, w), (k, _) in grouped.items() if g != group):
            return  # the same key for the same thing (the table's Enter is the screen's Study)
        keys, was_enabled = grouped.setdefault((group, what), ([], enabled))
        if typing and group == THIS_SCREEN and _printable(binding.key):
            display += _(" (not now)")
        if display not in keys:
            keys.append(display)
        grouped[(group, what)] = (keys, was_enabled or enabled)

    own = list(Binding.make_bindings(type(screen).BINDINGS))
    own_actions = {b.action for b in own}
    for binding in own:
        add(THIS_SCREEN, binding, _available(screen, binding.action))
    for item in active.values():
        node, binding = item.node, item.binding
        if node is screen and binding.action in own_actions:
            continue
        if node is not app and not declared_by_quizapp(node, binding):
            continue  # Textual's generic plumbing (Focus Next, a table's Page Left...)
        if node is screen or node is app or isinstance(node, Screen):
            add(EVERYWHERE, binding, item.enabled)
        else:
            group = node.HELP_GROUP if isinstance(node, HasHelpGroup) else FOCUSED_FIELD
            add(group, binding, item.enabled)
    rows = [(group, ", ".join(keys), what, on) for (group, what), (keys, on) in grouped.items()]
    order = {THIS_SCREEN: 0, EVERYWHERE: 2}
    rows.sort(key=lambda r: order.get(r[0], 1))
    return rows


def _printable(key: str) -> bool:
    """A key an Input would take as text: one character, space or a named punctuation key."""
    return len(key) == 1 or key in {"space", "exclamation_mark", "question_mark", "full_stop"}


def _available(screen: Screen[Any], action: str) -> bool:
    """Whether the screen would run ``action`` now (its ``check_action`` says True)."""
    name = action.split("(", 1)[0]
    return screen.check_action(name, ()) is True


class HelpScreen(ModalScreen[None]):
    """A list of keys; Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", N_("Close help"))
    ]

    def __init__(self, rows: list[tuple[str, str, str, bool]], title: str, notes: str = "") -> None:
        """``rows`` come from ``key_rows``; ``notes`` explain the screen (its ``HELP_NOTES``)."""
        super().__init__()
        self.rows = rows
        self.title_text = title
        self.notes = notes

    def compose(self) -> ComposeResult:
        lines: list[Content] = [
            Content(_("Keys: {screen}").format(screen=_(self.title_text))).stylize("bold"),
            Content(""),
        ]
        if self.notes:
            lines += [Content(_(self.notes)), Content("")]
        group = None
        for where, keys, what, enabled in self.rows:
            if where != group:
                if group is not None:
                    lines.append(Content(""))
                lines.append(Content(_(where)).stylize("underline"))
                group = where
            line = Content(f"  {keys:<18} {what}")
            lines.append(line if enabled else line.append(_(" (not now)")).stylize("dim"))
        lines.append(Content(""))
        lines.append(
            Content(_("ctrl+p lists these as commands; Escape closes this help.")).stylize("dim")
        )
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(Content("\n").join(lines))

    def action_close(self) -> None:
        self.dismiss(None)
