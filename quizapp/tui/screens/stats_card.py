"""One card of the stats' hardest lists, opened with Enter: what is asked, and its record."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quizapp.core.models import StudyItem
from quizapp.core.stats import HardCard, percent_text
from quizapp.tui.safe_text import literal


class CardScreen(ModalScreen[None]):
    """One card of the hardest list: what is asked, the answer, and its record."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", "Close the card"),
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
            lines.append(Content("Not in any loaded deck (imported history, or a removed card)."))
        else:
            lines += [literal(line) for line in describe_item(self.item)]
        lines += [
            Content(""),
            Content(
                f"Reviews {card.reps} · lapses {card.lapses} · stability "
                + ("-" if card.stability is None else f"{card.stability:.1f} days")
                + f" · recall now {percent_text(card.retrievability)}"
            ),
            Content("Escape: back").stylize("dim"),
        ]
        with VerticalScroll(id="card-box"):
            yield Static(Content("\n").join(lines))

    def action_close(self) -> None:
        self.dismiss(None)


def describe_item(item: StudyItem) -> list[str]:
    """Plain lines for a study item: its question, its answer, tags and explanation."""
    card = item.card
    data = card.model_dump()
    lines = [f"Type: {card.type}" + (" (reversed)" if item.reverse else "")]
    if item.gap is not None:
        lines += [f"Text: {data['text']}", f"Gap: {item.gap.answer}"]
    else:
        for key in ("front", "prompt", "statement", "back", "answer", "answers", "items"):
            if key in data:
                value = data[key]
                if isinstance(value, list):
                    value = ", ".join(str(v) for v in value)
                lines.append(f"{key.capitalize()}: {value}")
    if card.tags:
        lines.append("Tags: " + ", ".join(card.tags))
    if card.explanation:
        lines.append(f"Why: {card.explanation}")
    return lines
