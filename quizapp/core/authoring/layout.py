"""The canonical layout of a deck file, applied with tomlkit so comments survive.

Canonical means: in ``[deck]`` and in every ``[[cards]]`` the keys come in the
order the format documents them (``id``, ``type``, the type's own keys, then
``explanation``, ``quote``, ``tags``, ``fact``, ``examples``); a comment line
moves with the key below it, an end-of-line comment with its key; each table
header has one blank line before it; blank lines never come in runs; the file
ends with one newline. Values are never rewritten, and a result that would read
back as different data is refused rather than written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import tomli
import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Item, Key, Table

from quizapp.core.authoring.ids import slugify, unique_id
from quizapp.core.i18n import _
from quizapp.core.models import CardBase, DeckMeta

_DOCUMENTED = ["explanation", "quote", "tags", "fact", "examples"]
_COMMON = _DOCUMENTED + [n for n in CardBase.model_fields if n not in ("id", "type", *_DOCUMENTED)]
_CARD_CLASSES: dict[str, type[CardBase]] = {
    cls.model_fields["type"].annotation.__args__[0]: cls  # type: ignore[union-attr]
    for cls in CardBase.__subclasses__()
}
_DECK_ORDER = list(DeckMeta.model_fields)
_PROMPT_KEYS = ("prompt", "front", "statement", "text")


class LayoutError(ValueError):
    """The deck cannot be laid out safely (it does not parse, or would change)."""


@dataclass(frozen=True)
class Formatted:
    text: str
    ids_added: int


def card_key_order(card_type: str) -> list[str]:
    """The documented order of a card's keys."""
    cls = _CARD_CLASSES.get(card_type)
    own = [k for k in (cls.model_fields if cls else {}) if k not in CardBase.model_fields]
    return ["id", "type", *own, *_COMMON]


def _reorder(table: Table, order: list[str]) -> None:
    """Put the keys of ``table`` in ``order`` (unknown keys last, tables after values)."""
    rank = {name: index for index, name in enumerate(order)}
    groups: list[tuple[Key, Item, list[Item]]] = []
    pending: list[Item] = []
    for key, item in table.value.body:
        if key is None:
            pending.append(item)
        else:
            groups.append((key, item, pending))
            pending = []
    sorted_groups = sorted(
        groups,
        key=lambda g: (isinstance(g[1], Table | AoT), rank.get(g[0].key, len(order))),
    )
    if [g[0].key for g in sorted_groups] == [g[0].key for g in groups]:
        return
    fresh = Container(True)
    for key, item, comments in sorted_groups:
        for comment in comments:
            fresh.append(None, comment)
        fresh.append(key, item)
    for trailing in pending:
        fresh.append(None, trailing)
    # Swapping the body in place keeps the table's header and the spacing
    # around it exactly as written; assigning a new table would not.
    table._value = fresh


def _prompt_of(card: Table) -> str:
    for key in _PROMPT_KEYS:
        value = card.get(key)
        if isinstance(value, str) and value.strip():
            return re.sub(r"\{\{(?:[a-z0-9-]+::)?([^}|:]*)[^}]*\}\}", r"\1", value)
    return ""


def _add_ids(cards: AoT) -> int:
    taken = {str(c["id"]) for c in cards if isinstance(c.get("id"), str)}
    added = 0
    for card in cards:
        if "id" in card:
            continue
        new_id = unique_id(slugify(_prompt_of(card)), taken)
        taken.add(new_id)
        card.add("id", new_id)
        added += 1
    return added


def tidy_blank_lines(text: str) -> str:
    """One blank line before each table header (and its comment), never two, one final newline."""
    if '"""' in text or "'''" in text:  # multi-line strings: blank lines there are data
        return text.rstrip("\n") + "\n"
    out: list[str] = []
    for line in text.splitlines():
        blank = not line.strip()
        if blank and (not out or not out[-1].strip()):
            continue
        if re.match(r"\s*\[", line) and out and out[-1].strip():
            # keep the comment lines just above a header with it
            start = len(out)
            while start > 0 and out[start - 1].lstrip().startswith("#"):
                start -= 1
            if start > 0 and out[start - 1].strip():
                out.insert(start, "")
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + "\n"


def format_deck_text(text: str, *, add_ids: bool = False) -> Formatted:
    """The canonical text of a deck; raises :class:`LayoutError` if it cannot be made safely."""
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    try:
        before = tomli.loads(text)
        doc = tomlkit.parse(text)
    except (tomli.TOMLDecodeError, tomlkit.exceptions.ParseError) as exc:
        raise LayoutError(_("not valid TOML: {error}").format(error=exc)) from None
    deck = doc.get("deck")
    if isinstance(deck, Table):
        _reorder(deck, _DECK_ORDER)
    cards = doc.get("cards")
    added = 0
    if isinstance(cards, AoT):
        if add_ids:
            added = _add_ids(cards)
        for card in cards:
            card_type = card.get("type")
            _reorder(card, card_key_order(card_type if isinstance(card_type, str) else ""))
    result = tidy_blank_lines(tomlkit.dumps(doc))
    after = tomli.loads(result)
    if _without_new_ids(after, before) != before:
        raise LayoutError(_("laying it out would change its data; left as it is"))
    return Formatted(text=result.replace("\n", newline), ids_added=added)


def _without_new_ids(after: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    """``after`` with the ids that --add-ids gave removed, to compare with ``before``."""
    cards_after = after.get("cards")
    cards_before = before.get("cards")
    if not isinstance(cards_after, list) or not isinstance(cards_before, list):
        return after
    stripped = []
    for new, old in zip(cards_after, cards_before, strict=False):
        if isinstance(new, dict) and isinstance(old, dict) and "id" not in old:
            new = {k: v for k, v in new.items() if k != "id"}
        stripped.append(new)
    return {**after, "cards": stripped}
