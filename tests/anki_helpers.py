"""Anki packages built with Anki's own library, in the layout it writes today."""

from __future__ import annotations

from pathlib import Path

import pytest


def build_current_apkg(folder: Path) -> Path:
    """An .apkg as Anki exports it now (zstd ``collection.anki21b``), with one answer logged."""
    collection_mod = pytest.importorskip("anki.collection")
    v3 = pytest.importorskip("anki.scheduler.v3")
    col = collection_mod.Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Spanish::Greetings")
        rows = [
            ("Basic", {"Front": "<b>hola</b>&nbsp;amigo", "Back": "hello<br>friend"}, ["es"]),
            ("Basic (and reversed card)", {"Front": "gato", "Back": "cat"}, ["es", "animals"]),
            ("Basic (type in the answer)", {"Front": "perro?", "Back": "dog"}, []),
            (
                "Cloze",
                {"Text": "{{c1::Madrid::city}} is in {{c2::Spain}}", "Back Extra": "Capital"},
                [],
            ),
            ("Basic", {"Front": 'a picture <img src="x.png">', "Back": "[sound:y.mp3]pic"}, []),
        ]
        for model_name, fields, tags in rows:
            note = col.new_note(col.models.by_name(model_name))
            for key, value in fields.items():
                note[key] = value
            note.tags = tags
            col.add_note(note, deck)
        for card_id in col.find_cards("")[:2]:
            card = col.get_card(card_id)
            card.start_timer()
            states = col._backend.get_scheduling_states(card.id)
            answer = col.sched.build_answer(card=card, states=states, rating=v3.CardAnswer.GOOD)
            col.sched.answer_card(answer)
        out = folder / "current.apkg"
        options = collection_mod.ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=True, with_media=True, legacy=False
        )
        col.export_anki_package(out_path=str(out), options=options, limit=None)
    finally:
        col.close()
    return out
