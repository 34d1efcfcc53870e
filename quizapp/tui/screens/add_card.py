"""Quick add: a form for a new card of any type, written into the deck file.

The fields follow the chosen type (from the core's ``FORM_FIELDS``); ctrl+s
saves. The card is written only if the deck still passes ``quizapp check``;
otherwise the reason is shown and nothing is written. A bundled deck is first
copied into the data folder (the user is told).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Input, Label, Select, Static

from quizapp.core.authoring.add_card import FORM_FIELDS, fields_for
from quizapp.core.i18n import N_, _
from quizapp.tui.safe_text import literal

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp
    from quizapp.tui.backend import Backend


class AddCardScreen(Screen[str | None]):
    DEFAULT_CSS = """
    AddCardScreen #add-title { height: auto; padding: 0 1; background: $boost; }
    AddCardScreen #add-type { width: 30; }
    AddCardScreen #add-fields { height: 1fr; padding: 0 1; }
    AddCardScreen #add-fields Label { margin-top: 1; }
    AddCardScreen #add-error { height: auto; padding: 0 1; color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save card"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    @property
    def backend(self) -> Backend:
        return cast("QuizApp", self.app).backend

    def __init__(self, deck_id: str, path: Path, card_type: str = "basic") -> None:
        super().__init__()
        self.deck_id = deck_id
        self.path = path
        self.card_type = card_type

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                (_("Add a card to "), "bold"), literal(self.deck_id, single_line=True)
            ),
            id="add-title",
        )
        yield Select(
            [(name, name) for name in FORM_FIELDS],
            value=self.card_type,
            allow_blank=False,
            id="add-type",
        )
        yield VerticalScroll(id="add-fields")
        yield Static("", id="add-error")
        yield Footer()

    async def on_mount(self) -> None:
        await self._build_fields()

    async def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.card_type:
            self.card_type = event.value
            await self._build_fields()

    async def _build_fields(self) -> None:
        box = self.query_one("#add-fields", VerticalScroll)
        await box.remove_children()
        widgets: list[Any] = []
        for spec in fields_for(self.card_type):
            if spec.kind == "bool":
                widgets.append(Checkbox(spec.shown, id=f"field-{spec.name}"))
            else:
                widgets.append(Label(spec.shown + ("" if spec.required else _(" (optional)"))))
                widgets.append(Input(id=f"field-{spec.name}", max_length=5000))
        await box.mount_all(widgets)
        first = box.query(Input)
        if first:
            first.first().focus()

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for spec in fields_for(self.card_type):
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Checkbox | Input):
                found[spec.name] = widget.value
        return found

    @work(exclusive=True, group="add-card")
    async def action_save(self) -> None:
        from quizapp.core.authoring.add_card import AddError, add_card
        from quizapp.tui.deck_files import writable_path

        error = self.query_one("#add-error", Static)
        values = self.values()
        backend = self.backend
        path = await writable_path(self, self.path)
        self.path = path
        try:
            card_id = await backend.run(add_card, path, self.card_type, values)
        except AddError as exc:
            error.update(Content.assemble((_("Not added: "), "bold"), literal(str(exc))))
            return
        await backend.run(backend.reload_deck, path)
        self.notify(
            _("Added card {card} to {file}.").format(card=card_id, file=path.name), markup=False
        )
        self.dismiss(card_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
