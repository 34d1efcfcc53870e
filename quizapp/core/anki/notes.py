"""Anki notes as quizapp cards: Basic, Basic (and reversed card), type-in, and Cloze.

Note types are recognised by their templates, not their (translated) names: a
``{{cloze:…}}`` template is a cloze, a ``{{type:…}}`` template a typed card, a
second template a reversed basic card. Each note becomes one card dict with an
id derived from the note's GUID, so importing again gives the same ids and the
history stays attached. Cards that would not pass ``quizapp check`` are left
out and counted with the reason.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from quizapp.core.anki.html_text import html_to_text
from quizapp.core.anki.package import AnkiPackage, NoteType
from quizapp.core.authoring.ids import ID_PATTERN, unique_id
from quizapp.core.models import Card

GUID_PREFIX = "quizapp:"  # our exports' GUIDs: quizapp:<deck id>:<card id>
_FIELD_REF = re.compile(r"\{\{([^#/^}!][^}]*)\}\}")
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.DOTALL)
_EXTRA_NAMES = {"back extra", "extra", "explanation", "notes"}
_CARD = TypeAdapter(Card)


@dataclass
class Converted:
    cards: list[dict[str, Any]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    media_refs: int = 0
    # Anki card id -> quizapp item id, for bringing the review log along
    items: dict[int, str] = field(default_factory=dict)


def card_id_from_guid(guid: str) -> str:
    """The quizapp card id of an Anki note: ours back as it was, others from a hash."""
    if guid.startswith(GUID_PREFIX):
        candidate = guid.rsplit(":", 1)[-1]
        if ID_PATTERN.match(candidate) and len(candidate) <= 64:
            return candidate
    return "anki-" + hashlib.sha256(guid.encode("utf-8")).hexdigest()[:10]


def _refs(template: str) -> list[tuple[str, str]]:
    """(modifier, field name) of every field a template shows, in order."""
    found = []
    for match in _FIELD_REF.finditer(template):
        parts = match.group(1).strip().split(":")
        found.append((parts[0] if len(parts) > 1 else "", parts[-1].strip()))
    return found


def _clean_tags(raw: str) -> list[str]:
    tags: list[str] = []
    for tag in raw.split():
        tag = tag[:64]
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:50]


def _cloze_text(text: str) -> str:
    """Anki cloze syntax as ours: repeated ``cN`` become ``cN-2``… so each gap has a name."""
    seen: Counter[str] = Counter()

    def rename(match: re.Match[str]) -> str:
        name = f"c{match.group(1)}"
        seen[name] += 1
        if seen[name] > 1:
            name = f"{name}-{seen[name]}"
        return "{{" + f"{name}::{match.group(2)}" + "}}"

    return _CLOZE.sub(rename, text)


class _Note:
    def __init__(self, note_type: NoteType, fields: list[str]) -> None:
        self.values = dict(zip(note_type.fields, fields, strict=False))
        self.media = 0

    def text(self, name: str) -> str:
        value, media = html_to_text(self.values.get(name, ""))
        self.media += media
        return value

    def join(self, names: list[str]) -> str:
        return "\n".join(t for t in (self.text(n) for n in names) if t)


def _card_of(note_type: NoteType, note: _Note, has_reverse: bool) -> dict[str, Any]:
    question, answer = note_type.templates[0] if note_type.templates else ("", "")
    front_refs = _refs(question)
    front_names = [n for mod, n in front_refs if mod not in ("type", "cloze") and n in note.values]
    extra = [n for n in note_type.fields if n.lower() in _EXTRA_NAMES]
    if note_type.is_cloze:
        cloze_field = next((n for mod, n in front_refs if mod == "cloze"), note_type.fields[0])
        card: dict[str, Any] = {"type": "cloze", "text": _cloze_text(note.text(cloze_field))}
    else:
        typed = next((n for mod, n in front_refs if mod == "type"), None)
        back_names = [
            n
            for _, n in _refs(answer)
            if n in note.values and n not in front_names and n not in extra and n != typed
        ]
        if typed is not None:
            card = {"type": "typed", "prompt": note.join(front_names), "answer": note.text(typed)}
        else:
            back = note.join(back_names or [n for n in note_type.fields[1:2] if n not in extra])
            card = {"type": "basic", "front": note.join(front_names), "back": back}
            if has_reverse:
                card["reverse"] = True
    explanation = note.join(extra)
    if explanation:
        card["explanation"] = explanation
    return card


def convert_notes(package: AnkiPackage) -> Converted:
    """Every note of the package as a card dict (validated), with what was left out."""
    result = Converted()
    ordinals: dict[int, set[int]] = {}
    cards_of_note: dict[int, list[tuple[int, int]]] = {}
    for anki_id, note_id, ordinal, _ in package.rows.cards:
        ordinals.setdefault(note_id, set()).add(ordinal)
        cards_of_note.setdefault(note_id, []).append((anki_id, ordinal))
    taken: set[str] = set()
    for note_id, guid, type_id, tags, flds in package.rows.notes:
        note_type = package.note_types.get(type_id)
        if note_type is None or not note_type.fields:
            result.skipped["unknown note type"] += 1
            continue
        note = _Note(note_type, flds.split("\x1f"))
        card = _card_of(note_type, note, 1 in ordinals.get(note_id, set()))
        result.media_refs += note.media
        new_id = unique_id(card_id_from_guid(guid), taken)
        card = {"id": new_id, **card}
        card_tags = _clean_tags(tags)
        if card_tags:
            card["tags"] = card_tags
        try:
            model = _CARD.validate_python(card)
        except ValidationError as exc:
            reason = exc.errors()[0]
            where = ".".join(str(p) for p in reason["loc"][1:]) or "card"
            result.skipped[f"{where}: {reason['msg']}"] += 1
            continue
        taken.add(new_id)
        result.cards.append(card)
        for anki_card, ordinal in cards_of_note.get(note_id, []):
            result.items[anki_card] = _item_id(model, card, ordinal)
    return result


def _item_id(model: Any, card: dict[str, Any], ordinal: int) -> str:
    """The quizapp item an Anki card (note + template ordinal) is studied as."""
    if card["type"] == "cloze":
        names = [gap.name for gap in model.gaps]
        wanted = f"c{ordinal + 1}"
        return f"{card['id']}.{wanted}" if wanted in names else f"{card['id']}.{names[0]}"
    if card["type"] == "basic" and card.get("reverse") and ordinal == 1:
        return f"{card['id']}.reverse"
    return str(card["id"])


def deck_title(package: AnkiPackage) -> str:
    """The name of the Anki deck most of the cards are in (``Parent::Child``)."""
    counts = Counter(did for _, _, _, did in package.rows.cards)
    for did, _ in counts.most_common():
        name = package.rows.decks.get(did, "").replace("\x1f", "::").strip()
        if name:
            return name[:500]
    return "Imported from Anki"
