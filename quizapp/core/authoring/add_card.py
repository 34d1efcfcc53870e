"""Quick add: a card from a form's fields, appended to a deck file keeping its comments.

The fields of each card type are described once here, for every front end.
A card is written only if the whole deck still passes ``quizapp check``;
otherwise the problems are returned and the file is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli
import tomlkit
from tomlkit.items import AoT

from quizapp.core.atomic import atomic_write_text
from quizapp.core.authoring.ids import slugify, unique_id
from quizapp.core.authoring.layout import card_key_order, tidy_blank_lines
from quizapp.core.i18n import _, pgettext
from quizapp.core.problems import Problem


@dataclass(frozen=True)
class FormField:
    name: str
    label: str  # English (listed in _marked_labels): show :attr:`shown`
    kind: str = "text"  # text, list (one item a line, or separated by ';'), bool, number
    required: bool = True

    @property
    def shown(self) -> str:
        """The label in the interface's language."""
        return pgettext("form field", self.label)


_COMMON = (
    FormField("id", "Id (empty: made from the prompt)", required=False),
    FormField("tags", "Tags (separated by spaces)", "words", required=False),
    FormField("explanation", "Explanation", required=False),
)
FORM_FIELDS: dict[str, tuple[FormField, ...]] = {
    "basic": (
        FormField("front", "Front"),
        FormField("back", "Back"),
        FormField("reverse", "Also ask back → front", "bool", required=False),
    ),
    "typed": (
        FormField("prompt", "Prompt"),
        FormField("answer", "Answer"),
        FormField("accept", "Other right answers (separated by ;)", "list", required=False),
    ),
    "choice": (
        FormField("prompt", "Prompt"),
        FormField("answer", "Answer"),
        FormField("distractors", "Wrong options (separated by ;)", "list"),
    ),
    "multi": (
        FormField("prompt", "Prompt"),
        FormField("answers", "Right options (separated by ;)", "list"),
        FormField("distractors", "Wrong options (separated by ;)", "list", required=False),
    ),
    "truefalse": (
        FormField("statement", "Statement"),
        FormField("answer", "True?", "bool"),
        FormField("correction", "What is true instead", required=False),
    ),
    "number": (
        FormField("prompt", "Prompt"),
        FormField("answer", "Answer (a number)", "number"),
        FormField("tolerance", "Tolerance", "number", required=False),
        FormField("unit", "Unit", required=False),
    ),
    "cloze": (FormField("text", "Text with {{gaps}} ({{c1::answer::hint}} for a hint)"),),
    "order": (
        FormField("prompt", "Prompt"),
        FormField("items", "Items in the right order (separated by ;)", "list"),
    ),
}


def _marked_labels() -> tuple[str, ...]:  # pragma: no cover - marks the labels for the catalogue
    """Every label, with the context that tells "Back" (of a card) from "Back" (go back)."""
    return (
        pgettext("form field", "Id (empty: made from the prompt)"),
        pgettext("form field", "Tags (separated by spaces)"),
        pgettext("form field", "Explanation"),
        pgettext("form field", "Front"),
        pgettext("form field", "Back"),
        pgettext("form field", "Also ask back → front"),
        pgettext("form field", "Prompt"),
        pgettext("form field", "Answer"),
        pgettext("form field", "Other right answers (separated by ;)"),
        pgettext("form field", "Wrong options (separated by ;)"),
        pgettext("form field", "Right options (separated by ;)"),
        pgettext("form field", "Statement"),
        pgettext("form field", "True?"),
        pgettext("form field", "What is true instead"),
        pgettext("form field", "Answer (a number)"),
        pgettext("form field", "Tolerance"),
        pgettext("form field", "Unit"),
        pgettext("form field", "Text with {{gaps}} ({{c1::answer::hint}} for a hint)"),
        pgettext("form field", "Items in the right order (separated by ;)"),
    )


def fields_for(card_type: str) -> tuple[FormField, ...]:
    return (*FORM_FIELDS[card_type], *_COMMON)


class AddError(ValueError):
    """The card was refused; ``problems`` says why (as ``quizapp check`` would)."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        return float(text.replace(",", "."))


def card_from_form(card_type: str, values: dict[str, Any], taken: set[str]) -> dict[str, Any]:
    """A card dict from the form's raw values; raises :class:`AddError` for a missing field."""
    if card_type not in FORM_FIELDS:
        raise AddError(_("unknown card type {type!r}").format(type=card_type))
    card: dict[str, Any] = {"type": card_type}
    for spec in fields_for(card_type):
        raw = values.get(spec.name)
        if spec.kind == "bool":
            if raw or spec.required:
                card[spec.name] = bool(raw)
            continue
        text = str(raw or "").strip()
        if not text:
            if spec.required:
                field = spec.shown.split(" (")[0]
                raise AddError(_("{field} is required").format(field=field))
            continue
        if spec.kind == "list":
            card[spec.name] = [p.strip() for p in text.replace("\n", ";").split(";") if p.strip()]
        elif spec.kind == "words":
            card[spec.name] = list(dict.fromkeys(text.split()))
        elif spec.kind == "number":
            try:
                card[spec.name] = _number(text)
            except ValueError:
                raise AddError(
                    _("{field}: {text!r} is not a number").format(field=spec.shown, text=text)
                ) from None
        else:
            card[spec.name] = text
    if "id" not in card:
        basis = next(
            (str(card[k]) for k in ("prompt", "front", "statement", "text") if k in card), ""
        )
        card["id"] = unique_id(slugify(basis.replace("{", " ").replace("}", " ")), taken)
    return card


def with_card(text: str, card: dict[str, Any]) -> str:
    """The deck text with ``card`` appended as a new ``[[cards]]`` table, comments kept."""
    doc = tomlkit.parse(text)
    table = tomlkit.table()
    order = card_key_order(card["type"])
    for key in sorted(card, key=lambda k: order.index(k) if k in order else len(order)):
        table.add(key, card[key])
    cards = doc.get("cards")
    if isinstance(cards, AoT):
        cards.append(table)
    else:
        aot = tomlkit.aot()
        aot.append(table)
        doc.add("cards", aot)
    return tidy_blank_lines(tomlkit.dumps(doc))


def card_ids(text: str) -> set[str]:
    data = tomli.loads(text)
    cards = data.get("cards")
    return {c["id"] for c in cards if isinstance(c, dict) and "id" in c} if cards else set()


def add_card(path: Path, card_type: str, values: dict[str, Any]) -> str:
    """Append a card to the deck at ``path``; its id. Raises :class:`AddError` if refused."""
    from quizapp.core.decks import inspect_bytes

    text = path.read_bytes().decode("utf-8-sig")
    taken = card_ids(text)
    card = card_from_form(card_type, values, taken)
    if card["id"] in taken:
        raise AddError(_("the deck already has a card {id!r}").format(id=card["id"]))
    new_text = with_card(text, card)
    report = inspect_bytes(new_text.encode("utf-8"), path)
    errors = [p for p in report.problems if p.severity == "error"]
    if errors:
        raise AddError(errors[0].message, errors)
    atomic_write_text(path, new_text)
    return str(card["id"])
