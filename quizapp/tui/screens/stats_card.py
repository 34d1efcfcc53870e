"""One card of the stats' hardest lists, opened with Enter: what is asked, and its record."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quizapp.core.i18n import N_, _
from quizapp.core.l10n import decimal, number
from quizapp.core.models import StudyItem
from quizapp.core.stats import HardCard, percent_text
from quizapp.tui.safe_text import literal


class CardScreen(ModalScreen[None]):
    """One card of the hardest list: what is asked, the answer, and its record."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", N_("Close the card")),
    ]

    DEFAULT_CSS = """
    CardScreen { align: center middle; }
    CardScreen > #card-box {
        width: 90%; max-width: 90; height: auto; max-height: 90%;
        border: round $primary; padding: 0 1; background: $surface;
    }
    """

    def __init__(self, card: HardCard, item: StudyItem | None) -> None:
        super().__init__()
        self.card = card
        self.item = item

    def compose(self) -> ComposeResult:
        card = self.card
        lines = [
            Content.assemble(
                literal(card.deck_id, single_line=True),
                " / ",
                literal(card.item_id, single_line=True),
            ).stylize("bold"),
            Content(""),
        ]
        if self.item is None:
            lines.append(
                Content(_("Not in any loaded deck (imported history, or a removed card)."))
            )
        else:
            lines += [literal(line) for line in describe_item(self.item)]
        lines += [
            Content(""),
            Content(
                _(
                    "Reviews {reps} · lapses {lapses} · stability {stability} · recall now {recall}"
                ).format(
                    reps=number(card.reps),
                    lapses=number(card.lapses),
                    stability="-"
                    if card.stability is None
                    else _("{days} days").format(days=decimal(card.stability)),
                    recall=percent_text(card.retrievability),
                )
            ),
            Content(_("Escape: back")).stylize("dim"),
        ]
        with VerticalScroll(id="card-box"):
            yield Static(Content("\n").join(lines))

    def action_close(self) -> None:
        self.dismiss(None)


# A card's fields as the card view names them (the TOML keys stay English in the deck).
FIELD_NAMES = {
    "front": N_("Front"),
    "prompt": N_("Prompt"),
    "statement": N_("Statement"),
    "back": N_("Back"),
    "answer": N_("Answer"),
    "answers": N_("Answers"),
    "items": N_("Items"),
}


def describe_item(item: StudyItem) -> list[str]:
    """Plain lines for a study item: its question, its answer, tags and explanation."""
    card = item.card
    data = card.model_dump()
    lines = [_("Type: {type}").format(type=card.type) + (_(" (reversed)") if item.reverse else "")]
    if item.gap is not None:
        lines += [
            _("Text: {text}").format(text=data["text"]),
            _("Gap: {answer}").format(answer=item.gap.answer),
        ]
    else:
        for key in ("front", "prompt", "statement", "back", "answer", "answers", "items"):
            if key in data:
                value = data[key]
                if isinstance(value, list):
                    value = ", ".join(str(v) for v in value)
                lines.append(_("{field}: {value}").format(field=_(FIELD_NAMES[key]), value=value))
    if card.tags:
        lines.append(_("Tags: {tags}").format(tags=", ".join(card.tags)))
    if card.explanation:
        lines.append(_("Why: {explanation}").format(explanation=card.explanation))
    return lines
