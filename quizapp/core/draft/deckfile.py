"""Write a drafted deck: a TOML document that keeps its comments, checked before every write.

The deck is edited with tomlkit, so the author's comments and layout survive
each card added during a review. Every write is checked with the same loader
as ``quizapp check`` first (a draft that would not pass is never written),
then made atomically: a temporary file in the same folder, fsync, rename.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tomli
import tomlkit
from tomlkit.items import AoT, Table

from quizapp.core.decks import inspect_bytes
from quizapp.core.draft.model import CardTable
from quizapp.core.problems import Problem


class DraftError(Exception):
    """A draft that cannot be written; the message is for the author."""


def new_document(
    deck_id: str, title: str, language: str, source_path: str, source_title: str, note: str
) -> tomlkit.TOMLDocument:
    """An empty deck whose source is the article (``source_path`` relative to the deck)."""
    doc = tomlkit.document()
    for line in note.splitlines():
        doc.add(tomlkit.comment(line))
    doc.add(tomlkit.nl())
    doc.add("format", 1)
    deck = tomlkit.table()
    deck.add("id", deck_id)
    deck.add("title", title)
    deck.add("language", language)
    source = tomlkit.inline_table()
    source.update({"path": source_path, "title": source_title, "language": language})
    deck.add("source", source)
    doc.add("deck", deck)
    return doc


def _cards(doc: tomlkit.TOMLDocument) -> AoT:
    if "cards" not in doc:
        doc.add(tomlkit.nl())
        doc.add("cards", tomlkit.aot())
    cards = doc["cards"]
    if not isinstance(cards, AoT):
        raise DraftError("the deck's 'cards' is not an array of tables")
    return cards


def card_ids(doc: tomlkit.TOMLDocument) -> set[str]:
    """The ids of the cards already in the document."""
    if "cards" not in doc:
        return set()
    return {str(card.get("id")) for card in _cards(doc)}


def unique_id(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… when it is taken (ids stay at 64 characters)."""
    taken = set(taken)
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted[:60]}-{number}" in taken:
        number += 1
    return f"{wanted[:60]}-{number}"


def _item(value: Any) -> Any:
    """Lists of short strings stay on one line; long ones get a line each."""
    if isinstance(value, list) and sum(len(str(v)) for v in value) > 60:
        array = tomlkit.array()
        array.extend(value)
        array.multiline(True)
        return array
    return value


def append_card(doc: tomlkit.TOMLDocument, card: CardTable, comment: str = "") -> None:
    """Add a card at the end, with an optional comment line above it."""
    table: Table = tomlkit.table()
    if comment:
        table.add(tomlkit.comment(comment))
    for key, value in card.items():
        table.add(key, _item(value))
    _cards(doc).append(table)


def remove_card(doc: tomlkit.TOMLDocument, card_id: str) -> bool:
    """Remove the card with this id; whether there was one."""
    cards = _cards(doc)
    for index, card in enumerate(cards):
        if card.get("id") == card_id:
            del cards[index]
            return True
    return False


def problems_of(doc: tomlkit.TOMLDocument, path: Path) -> list[Problem]:
    """What ``quizapp check`` would say of the document written at ``path``."""
    return inspect_bytes(tomlkit.dumps(doc).encode("utf-8"), path).problems


def write_checked(doc: tomlkit.TOMLDocument, path: Path) -> list[Problem]:
    """Write the document atomically if it checks without errors; return its warnings.

    Raises :class:`DraftError` with the first errors, and then nothing is written.
    """
    data = tomlkit.dumps(doc).encode("utf-8")
    problems = inspect_bytes(data, path).problems
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DraftError("; ".join(str(p) for p in errors[:3]))
    atomic_write(path, data)
    return problems


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    try:
        directory = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory)
    except OSError:
        pass
    finally:
        os.close(directory)


def read_document(path: Path) -> tomlkit.TOMLDocument:
    """The deck at ``path`` as an editable document (comments kept)."""
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except (tomlkit.exceptions.ParseError, UnicodeDecodeError) as exc:
        raise DraftError(f"{path}: cannot be read as a deck: {exc}") from None


EDITABLE_HIDDEN = ("quote", "fact")


def card_text(card: CardTable) -> str:
    """A card as the TOML lines an author edits; the quote and fact stay out of the way."""
    doc = tomlkit.document()
    for key, value in card.items():
        if key not in EDITABLE_HIDDEN:
            doc.add(key, _item(value))
    return tomlkit.dumps(doc)


def parse_card_text(text: str) -> CardTable:
    """The card an author edited, as a table; :class:`DraftError` with the TOML error."""
    try:
        table = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise DraftError(f"the card is not valid TOML: {exc}") from None
    if "type" not in table:
        raise DraftError("the card needs a type")
    return table
