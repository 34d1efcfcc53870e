"""The starter deck of ``quizapp new``: one commented card of every type.

The text is a template rather than a dump of models so that the comments, which
teach the format, sit beside the keys they explain. A test checks that every
language's starter deck passes ``quizapp check``.
"""

from __future__ import annotations

import json

# Card contents per language; the comments stay in English (they are for the author).
_CONTENT: dict[str, dict[str, str]] = {
    "en": {
        "front": "Bonjour",
        "back": "Hello (French)",
        "typed_prompt": "What is the capital of France?",
        "typed_answer": "Paris",
        "choice_prompt": "Which planet is the largest?",
        "choice_answer": "Jupiter",
        "choice_d1": "Mars",
        "choice_d2": "Venus",
        "multi_prompt": "Which of these are primary colours of light?",
        "statement": "Water boils at 100 °C at sea level.",
        "number_prompt": "How many days are there in a leap year?",
        "cloze": "The {{c1::Nile::a river}} flows into the {{Mediterranean}} Sea.",
        "order_prompt": "Put these numbers in order, smallest first.",
        "explanation": "Paris has been the capital since the 10th century.",
    },
    "fr": {
        "front": "Hello",
        "back": "Bonjour (anglais)",
        "typed_prompt": "Quelle est la capitale de l'Italie ?",
        "typed_answer": "Rome",
        "choice_prompt": "Quelle planète est la plus grande ?",
        "choice_answer": "Jupiter",
        "choice_d1": "Mars",
        "choice_d2": "Vénus",
        "multi_prompt": "Lesquelles sont des couleurs primaires de la lumière ?",
        "statement": "L'eau bout à 100 °C au niveau de la mer.",
        "number_prompt": "Combien de jours compte une année bissextile ?",
        "cloze": "Le {{c1::Rhône::un fleuve}} se jette dans la {{Méditerranée}}.",
        "order_prompt": "Rangez ces nombres du plus petit au plus grand.",
        "explanation": "Rome est la capitale de l'Italie depuis 1871.",
    },
}

_MULTI = {
    "en": (["Red", "Green", "Blue"], ["Yellow"]),
    "fr": (["Rouge", "Vert", "Bleu"], ["Jaune"]),
}


def _q(text: str) -> str:
    """A TOML basic string (JSON string syntax is valid TOML for these texts)."""
    return json.dumps(text, ensure_ascii=False)


def starter_deck(deck_id: str, title: str, language: str = "en") -> str:
    """The TOML text of a new deck with one card of every type."""
    c = _CONTENT.get(language, _CONTENT["en"])
    answers, distractors = _MULTI.get(language, _MULTI["en"])
    return f"""\
# A quizapp deck: edit the cards below, then run `quizapp check` on this file.
# The deck format is described in docs/deck-format.md; every key is checked.
format = 1

[deck]
id = {_q(deck_id)}                 # your history is kept under this id: keep it once you study
title = {_q(title)}
language = {_q(language)}                     # answers are compared in this language
# description = "What this deck is about."
# tags = ["topic"]

# Each [[cards]] table is one card. Its id names its history: keep it when you edit the text.

# basic: a front and a back; you grade yourself.
[[cards]]
id = "greeting"
type = "basic"
front = {_q(c["front"])}
back = {_q(c["back"])}
reverse = true                    # also ask back -> front

# typed: type the answer; case, accents and small typos are forgiven.
[[cards]]
id = "capital"
type = "typed"
prompt = {_q(c["typed_prompt"])}
answer = {_q(c["typed_answer"])}
accept = []                       # other answers that count as right
explanation = {_q(c["explanation"])}
tags = ["geography"]

# choice: pick one option.
[[cards]]
id = "largest-planet"
type = "choice"
prompt = {_q(c["choice_prompt"])}
answer = {_q(c["choice_answer"])}
distractors = [{_q(c["choice_d1"])}, {_q(c["choice_d2"])}]

# multi: pick every right option.
[[cards]]
id = "primary-colours"
type = "multi"
prompt = {_q(c["multi_prompt"])}
answers = [{", ".join(_q(a) for a in answers)}]
distractors = [{", ".join(_q(d) for d in distractors)}]

# truefalse: is the statement true?
[[cards]]
id = "boiling-point"
type = "truefalse"
statement = {_q(c["statement"])}
answer = true

# number: a number, within a tolerance.
[[cards]]
id = "leap-year"
type = "number"
prompt = {_q(c["number_prompt"])}
answer = 366
tolerance = 0

# cloze: each {{{{gap}}}} is asked on its own; {{{{c1::answer::hint}}}} shows the hint.
[[cards]]
id = "river"
type = "cloze"
text = {_q(c["cloze"])}

# order: write the items in the right order; they are shown shuffled.
[[cards]]
id = "numbers"
type = "order"
prompt = {_q(c["order_prompt"])}
items = ["1", "10", "100"]
"""
