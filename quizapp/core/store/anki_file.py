"""Read-only access to an Anki collection file (SQLite), for ``quizapp import``.

This is the store's door to a *foreign* database: it is opened read-only,
never written, and only the rows the importer needs come out, as plain
tuples. Both layouts Anki has written are read: the older one keeps the note
types as JSON in ``col.models``; the newer one (schema 18, the layout of
``collection.anki21b``) keeps them in ``notetypes``, ``fields`` and
``templates`` tables, with protobuf-encoded configs that the caller decodes.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class NotAnAnkiCollection(ValueError):
    """The file is not SQLite, or is SQLite without Anki's tables."""


@dataclass
class RawNoteType:
    """A note type as stored: fields by order, templates as (qfmt, afmt) or raw config bytes."""

    id: int
    name: str
    is_cloze: bool | None  # None: decide from the raw config (newer layout)
    fields: list[str]
    templates: list[tuple[str, str]] = field(default_factory=list)
    raw_config: bytes = b""
    raw_templates: list[bytes] = field(default_factory=list)


@dataclass
class AnkiRows:
    note_types: dict[int, RawNoteType]
    notes: list[tuple[int, str, int, str, str]]  # id, guid, note type id, tags, fields
    cards: list[tuple[int, int, int, int]]  # id, note id, template ordinal, deck id
    decks: dict[int, str]
    revlog: list[tuple[int, int, int, int, int]]  # id (ms), card id, ease, time (ms), type


_REQUIRED = {"col", "notes", "cards", "revlog"}


def read_anki_collection(path: Path) -> AnkiRows:
    """Every row the importer needs; raises :class:`NotAnAnkiCollection`."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise NotAnAnkiCollection(f"cannot open the collection: {exc}") from None
    try:
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        except sqlite3.DatabaseError:
            raise NotAnAnkiCollection("not an SQLite database") from None
        if not _REQUIRED.issubset(tables):
            raise NotAnAnkiCollection("an SQLite database, but not an Anki collection")
        try:
            return _read(conn, tables)
        except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
            raise NotAnAnkiCollection(f"the collection cannot be read: {exc}") from None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, tables: set[str]) -> AnkiRows:
    models_json, decks_json = conn.execute("SELECT models, decks FROM col").fetchone()
    models: dict[str, Any] = json.loads(models_json or "{}") if models_json else {}
    note_types: dict[int, RawNoteType] = {}
    if models:
        for raw_id, model in models.items():
            note_types[int(raw_id)] = RawNoteType(
                id=int(raw_id),
                name=str(model.get("name", "")),
                is_cloze=model.get("type") == 1,
                fields=[f["name"] for f in sorted(model["flds"], key=lambda f: f["ord"])],
                templates=[
                    (t.get("qfmt", ""), t.get("afmt", ""))
                    for t in sorted(model["tmpls"], key=lambda t: t["ord"])
                ],
            )
    elif "notetypes" in tables:
        for ntid, name, config in conn.execute("SELECT id, name, config FROM notetypes"):
            note_types[ntid] = RawNoteType(ntid, name, None, [], raw_config=bytes(config or b""))
        for ntid, _, name in conn.execute("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord"):
            if ntid in note_types:
                note_types[ntid].fields.append(name)
        for ntid, _, config in conn.execute(
            "SELECT ntid, ord, config FROM templates ORDER BY ntid, ord"
        ):
            if ntid in note_types:
                note_types[ntid].raw_templates.append(bytes(config or b""))
    decks: dict[int, str] = {}
    if decks_json and decks_json != "{}":
        decks = {int(k): str(v.get("name", "")) for k, v in json.loads(decks_json).items()}
    elif "decks" in tables:
        decks = {did: name for did, name in conn.execute("SELECT id, name FROM decks")}
    notes = list(conn.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id"))
    cards = list(conn.execute("SELECT id, nid, ord, did FROM cards ORDER BY id"))
    revlog = list(conn.execute("SELECT id, cid, ease, time, type FROM revlog ORDER BY id"))
    return AnkiRows(note_types, notes, cards, decks, revlog)
