"""A deck and a history whose every text field carries markup, escapes and bidi payloads.

Shared by the pseudo-terminal test of every command and the Pilot test of every
screen. ``PAYLOAD`` holds Textual markup that would act when clicked or crash
when parsed, an OSC 52 clipboard write, a screen clear, a colour, a C1 CSI and
a right-to-left override. ``MARKERS`` are byte strings that can only reach the
output if a payload went through unescaped.
"""

from __future__ import annotations

import json
from pathlib import Path

PAYLOAD = "[@click=app.quit]q[/][b]\x1b]52;c;UE9XTkVE\x07\x1b[2J\x1b[31mRED\x9b1m\u202eevil"
MARKERS = (b"\x1b]52;c;UE9XTkVE", b"\x1b[31mRED", b"\xc2\x9b1m", "\u202e".encode())
DECK_ID = "hostile"
ITEMS = ("c1", "c2")


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string (control characters as ``\\uXXXX``)."""
    return json.dumps(text)  # JSON string escapes are valid TOML basic-string escapes


def write_deck(folder: Path) -> Path:
    """A valid deck under a hostile file name, with hostile title, tags, prompts and options."""
    folder.mkdir(parents=True, exist_ok=True)
    p = _toml_string(PAYLOAD)
    name = PAYLOAD.replace("/", "|")
    (folder / f"src{name}.txt").write_text(PAYLOAD + "\n", encoding="utf-8")
    deck = folder / f"deck{name}.toml"
    deck.write_text(
        f"""format = 1

[deck]
id = "{DECK_ID}"
title = {p}
tags = [{p}, "[/]"]
source = {{ path = {_toml_string("src" + name + ".txt")}, title = {p} }}

[[cards]]
id = "c1"
type = "choice"
prompt = {p}
answer = {p}
distractors = [{_toml_string(PAYLOAD + "2")}, "[/]"]
tags = [{p}]
explanation = {p}

[[cards]]
id = "c2"
type = "truefalse"
statement = {p}
answer = true
tags = ["[/]"]
""",
        encoding="utf-8",
    )
    return deck


HOSTILE_ANSWERS = [
    (PAYLOAD, PAYLOAD),
    (DECK_ID, PAYLOAD),
    (DECK_ID, "[/]"),
    ("[/]", "c1"),
    (DECK_ID, "c1"),
    (DECK_ID, "c2"),
]
DAY_MS = 86_400_000
JAN_1_2026_10H_MS = 1_767_261_600_000


def write_history(database: Path) -> Path:
    """A history whose deck ids, item ids and answers carry the payload, written by the store.

    ``history import`` refuses such ids (they are not in the deck-id alphabet),
    but a history can still hold them (a database from an older quizapp, a
    hand edit): the screens and commands must show them safely all the same.
    Each card is left in review, one lapse, so the stats' card lists show it.
    """
    from quizapp.core.store.protocol import REVIEW, CardState, NewReview
    from quizapp.core.store.sqlite import SqliteStore

    reviews = []
    for n, (deck_id, item_id) in enumerate(HOSTILE_ANSWERS):
        when = JAN_1_2026_10H_MS + n * DAY_MS
        after = CardState(
            deck_id=deck_id,
            item_id=item_id,
            state=REVIEW,
            stability=1.5,
            difficulty=6.0,
            due_ms=when + DAY_MS,
            last_review_ms=when,
            reps=1,
            lapses=1,
        )
        reviews.append(
            NewReview(
                deck_id=deck_id,
                item_id=item_id,
                reviewed_ms=when,
                rating=1,
                verdict="wrong",
                response=PAYLOAD,
                response_ms=1000,
                mode="study",
                state_before=CardState.new(deck_id, item_id),
                state_after=after,
            )
        )
    with SqliteStore.open(database) as store:
        store.record_reviews(reviews)
    return database


def write_history_export(path: Path) -> Path:
    """A history export whose deck ids, item ids and answers carry the payload (refused)."""
    reviews = [
        {
            "deck_id": deck_id,
            "item_id": item_id,
            "reviewed": f"2026-01-0{n + 1}T10:00:00Z",
            "rating": 1,
            "verdict": "wrong",
            "response": PAYLOAD,
            "response_ms": 1000,
            "mode": "study",
        }
        for n, (deck_id, item_id) in enumerate(HOSTILE_ANSWERS)
    ]
    path.write_text(
        json.dumps(
            {"format": "quizapp-history", "version": 1, "reviews": reviews, "quiz_sessions": []}
        ),
        encoding="utf-8",
    )
    return path
