"""A deck as an Anki package (genanki) or a CSV file.

One note per card: ``typed`` becomes Anki's type-in note, ``cloze`` a Cloze
note, ``basic`` with ``reverse`` a Basic (and reversed card) note, and the
types Anki has no note for (choice, multi, true/false, number, order) a Basic
note with the options on the front. Note GUIDs are ``quizapp:<deck>:<card>``
and the model and deck ids are fixed numbers, so exporting again and importing
into Anki updates the notes instead of adding copies, and ``quizapp import``
gets the card ids back.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path
from typing import Any

from quizapp.core.anki.html_text import text_to_html
from quizapp.core.anki.notes import GUID_PREFIX
from quizapp.core.checking import format_number, truefalse_labels
from quizapp.core.models import (
    AnyCard,
    BasicCard,
    ChoiceCard,
    ClozeCard,
    Deck,
    MultiCard,
    NumberCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)

_AFTER = "{{#Explanation}}<br><br>{{Explanation}}{{/Explanation}}"
_CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: center; }"
# Fixed ids: Anki recognises the same note types on every export.
_BASIC_ID, _REVERSED_ID, _TYPED_ID, _CLOZE_ID = 1607392319, 1607392320, 1607392321, 1607392322


def card_faces(card: AnyCard, language: str) -> tuple[str, str]:
    """(front, back) as text, for the note types and the CSV export."""
    if isinstance(card, BasicCard):
        return card.front, card.back
    if isinstance(card, TypedCard):
        return card.prompt, card.answer
    if isinstance(card, ChoiceCard):
        options = sorted([card.answer, *card.distractors])
        return _with_options(card.prompt, options), card.answer
    if isinstance(card, MultiCard):
        options = sorted([*card.answers, *card.distractors])
        return _with_options(card.prompt, options), "; ".join(card.answers)
    if isinstance(card, TrueFalseCard):
        true, false = truefalse_labels(language)
        back = true if card.answer else false
        return f"{card.statement}\n\n{true} / {false}", (
            f"{back} — {card.correction}" if card.correction else back
        )
    if isinstance(card, NumberCard):
        return card.prompt, format_number(card.answer, language, card.unit)
    if isinstance(card, OrderCard):
        return _with_options(card.prompt, sorted(card.items)), "\n".join(
            f"{n}. {item}" for n, item in enumerate(card.items, 1)
        )
    if isinstance(card, ClozeCard):
        return _cloze_faces(card)
    raise ValueError(f"unknown card type {card.type!r}")  # pragma: no cover


def _with_options(prompt: str, options: list[str]) -> str:
    return prompt + "\n\n" + "\n".join(f"- {option}" for option in options)


def _cloze_faces(card: ClozeCard) -> tuple[str, str]:
    front, back, position = [], [], 0
    for gap in card.gaps:
        front += [card.text[position : gap.start], f"[{gap.hint or '…'}]"]
        back += [card.text[position : gap.start], gap.answer]
        position = gap.end
    return "".join(front) + card.text[position:], "".join(back) + card.text[position:]


def anki_cloze(card: ClozeCard) -> str:
    """Our cloze text in Anki's syntax: every gap numbered ``cN``, hints kept."""
    used = {int(m.group(1)) for g in card.gaps if (m := re.fullmatch(r"c(\d+)(?:-\d+)?", g.name))}
    next_number, parts, position = 1, [], 0
    for gap in card.gaps:
        match = re.fullmatch(r"c(\d+)(?:-\d+)?", gap.name)
        if match:
            number = int(match.group(1))
        else:
            while next_number in used:
                next_number += 1
            number = next_number
            used.add(number)
        hint = f"::{text_to_html(gap.hint)}" if gap.hint else ""
        parts += [
            text_to_html(card.text[position : gap.start]),
            "{{" + f"c{number}::{text_to_html(gap.answer)}{hint}" + "}}",
        ]
        position = gap.end
    return "".join(parts) + text_to_html(card.text[position:])


def _number(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:15], 16)


def write_apkg(deck: Deck, path: Path) -> int:
    """Write ``deck`` as an Anki package at ``path`` (the caller makes it atomic); note count."""
    import genanki  # type: ignore[import-untyped]

    def model(model_id: int, name: str, templates: list[tuple[str, str]]) -> Any:
        return genanki.Model(
            model_id,
            name,
            fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Explanation"}],
            templates=[
                {"name": f"Card {n}", "qfmt": q, "afmt": "{{FrontSide}}<hr id=answer>" + a + _AFTER}
                for n, (q, a) in enumerate(templates, 1)
            ],
            css=_CSS,
        )

    basic = model(_BASIC_ID, "quizapp Basic", [("{{Front}}", "{{Back}}")])
    reversed_ = model(
        _REVERSED_ID,
        "quizapp Basic (and reversed card)",
        [("{{Front}}", "{{Back}}"), ("{{Back}}", "{{Front}}")],
    )
    typed = model(
        _TYPED_ID,
        "quizapp Basic (type in the answer)",
        [
            ("{{Front}}\n\n{{type:Back}}", "{{type:Back}}"),
        ],
    )
    cloze = genanki.Model(
        _CLOZE_ID,
        "quizapp Cloze",
        fields=[{"name": "Text"}, {"name": "Back Extra"}],
        templates=[
            {"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>{{Back Extra}}"}
        ],
        css=_CSS,
        model_type=genanki.Model.CLOZE,
    )
    meta = deck.deck
    package_deck = genanki.Deck(_number(f"quizapp deck {meta.id}"), meta.title)
    for card in deck.cards:
        tags = [re.sub(r"\s+", "_", tag) for tag in card.tags]
        guid = f"{GUID_PREFIX}{meta.id}:{card.id}"
        explanation = text_to_html(card.explanation)
        if isinstance(card, ClozeCard):
            fields = [anki_cloze(card), explanation]
            note_model = cloze
        else:
            front, back = card_faces(card, meta.language)
            fields = [text_to_html(front), text_to_html(back), explanation]
            if isinstance(card, TypedCard):
                note_model = typed
            elif isinstance(card, BasicCard) and card.reverse:
                note_model = reversed_
            else:
                note_model = basic
        package_deck.add_note(genanki.Note(model=note_model, fields=fields, tags=tags, guid=guid))
    genanki.Package(package_deck).write_to_file(str(path))
    return len(deck.cards)


def csv_text(deck: Deck) -> str:
    """``front,back,tags`` with a header row, one row a card (``quizapp import`` reads it)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "front", "back", "tags"])
    for card in deck.cards:
        front, back = card_faces(card, deck.deck.language)
        writer.writerow([card.id, front, back, " ".join(card.tags)])
    return out.getvalue()
