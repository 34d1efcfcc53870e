"""``CardState.to_json``: the exact text kept in ``reviews.state_before``/``state_after``.

The JSON is built field by field (``dataclasses.asdict`` deep-copies and was
half the time of an import), so these pin the bytes it must keep producing.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from quizapp.core.store import protocol
from quizapp.core.store.protocol import CardState

STATES = [
    (
        CardState.new("geo", "capital-fr"),
        '{"buried_until_ms": null, "deck_id": "geo", "difficulty": null, "due_ms": null, '
        '"item_id": "capital-fr", "lapses": 0, "last_review_ms": null, "leech": false, '
        '"reps": 0, "stability": null, "state": 0, "step": null, "suspended": false}',
    ),
    (
        CardState(
            "geo",
            "nile.reverse",
            state=2,
            step=None,
            stability=12.5,
            difficulty=4.25,
            due_ms=1_728_000_000_000,
            last_review_ms=1_727_000_000_000,
            reps=7,
            lapses=1,
        ),
        '{"buried_until_ms": null, "deck_id": "geo", "difficulty": 4.25, '
        '"due_ms": 1728000000000, "item_id": "nile.reverse", "lapses": 1, '
        '"last_review_ms": 1727000000000, "leech": false, "reps": 7, "stability": 12.5, '
        '"state": 2, "step": null, "suspended": false}',
    ),
    (
        CardState(
            "fr",
            "élève.1",
            state=1,
            step=0,
            stability=0.1,
            difficulty=10.0,
            due_ms=5,
            last_review_ms=0,
            reps=1,
            lapses=9,
            suspended=True,
            buried_until_ms=99,
            leech=True,
        ),
        '{"buried_until_ms": 99, "deck_id": "fr", "difficulty": 10.0, "due_ms": 5, '
        '"item_id": "\\u00e9l\\u00e8ve.1", "lapses": 9, "last_review_ms": 0, "leech": true, '
        '"reps": 1, "stability": 0.1, "state": 1, "step": 0, "suspended": true}',
    ),
]


@pytest.mark.parametrize(("state", "expected"), STATES)
def test_json_is_byte_identical_to_the_stored_form(state: CardState, expected: str) -> None:
    assert state.to_json() == expected
    assert state.to_json() == json.dumps(dataclasses.asdict(state), sort_keys=True)
    assert CardState.from_json(state.to_json()) == state


def test_every_field_is_written() -> None:
    """A field added to CardState must reach the JSON too."""
    names = {f.name for f in dataclasses.fields(CardState)}
    assert set(json.loads(CardState.new("d", "i").to_json())) == names


def test_json_does_not_deep_copy_through_asdict(monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-answer cost of an import: no recursive dataclass walk per state."""

    def fail(*args, **kwargs):
        raise AssertionError("to_json went through dataclasses.asdict")

    monkeypatch.setattr(protocol, "asdict", fail, raising=False)
    monkeypatch.setattr(dataclasses, "asdict", fail)
    assert CardState.new("d", "i").to_json().startswith('{"buried_until_ms": null')
