"""Write imported cards as a deck file that passes ``quizapp check``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit

from quizapp.core.authoring.layout import card_key_order, format_deck_text
from quizapp.core.problems import Problem


def deck_toml(deck_id: str, title: str, cards: list[dict[str, Any]], note: str) -> str:
    """The TOML text of a deck with these cards; ``note`` becomes the opening comment."""
    doc = tomlkit.document()
    for line in note.splitlines():
        doc.add(tomlkit.comment(line))
    doc.add("format", 1)
    meta = tomlkit.table()
    meta.add("id", deck_id)
    meta.add("title", title)
    doc.add("deck", meta)
    aot = tomlkit.aot()
    for card in cards:
        table = tomlkit.table()
        for key in sorted(card, key=_rank(card["type"])):
            value = card[key]
            if isinstance(value, str) and "\n" in value:
                value = tomlkit.string(value, multiline=True)
            table.add(key, value)
        aot.append(table)
    doc.add("cards", aot)
    return format_deck_text(tomlkit.dumps(doc)).text


def _rank(card_type: str) -> Any:
    order = card_key_order(card_type)
    return lambda key: order.index(key) if key in order else len(order)


def check_text(text: str, path: Path) -> list[Problem]:
    """The errors ``quizapp check`` would report on ``text`` written at ``path``."""
    from quizapp.core.decks import inspect_bytes

    report = inspect_bytes(text.encode("utf-8"), path)
    return [p for p in report.problems if p.severity == "error"]
