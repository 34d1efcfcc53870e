"""Small English and French decks shared by the checking and question tests."""

from __future__ import annotations

from quizapp.core.models import Deck, StudyItem

EN = Deck.model_validate(
    {
        "format": 1,
        "deck": {"id": "libya-en", "title": "Libya", "language": "en"},
        "cards": [
            {
                "id": "lna-leader",
                "type": "typed",
                "prompt": "Who leads the LNA?",
                "answer": "Khalifa Haftar",
                "accept": ["Haftar", "Hifter"],
            },
            {
                "id": "eastern-city",
                "type": "typed",
                "prompt": "Which eastern city hosts the House of Representatives?",
                "answer": "Tobruk",
                "accept": ["Tobrouk"],
                "examples": {"accept": ["tobruk", "Tobrukk", "TOBROUK"], "reject": ["Tripoli"]},
            },
            {"id": "capital", "type": "typed", "prompt": "Capital?", "answer": "Tripoli"},
            {
                "id": "egypt-president",
                "type": "typed",
                "prompt": "Who is Egypt's president?",
                "answer": "Abdel Fattah el-Sisi",
                "accept": ["el-Sisi", "Sisi"],
            },
            {
                "id": "un",
                "type": "typed",
                "prompt": "Who brokered the talks?",
                "answer": "the United Nations",
                "accept": ["UN"],
            },
            {
                "id": "resolution",
                "type": "typed",
                "prompt": "Which resolution?",
                "answer": "Resolution 2259",
            },
            {"id": "acronym", "type": "typed", "prompt": "Haftar's army?", "answer": "LNA"},
            {"id": "neighbour", "type": "typed", "prompt": "Eastern neighbour?", "answer": "Egypt"},
            {
                "id": "operation",
                "type": "typed",
                "prompt": "Name of the 2014 operation?",
                "answer": "Operation Dignity",
            },
            {"id": "year", "type": "number", "prompt": "Year of the revolution?", "answer": 2011},
            {
                "id": "distance",
                "type": "number",
                "prompt": "How far?",
                "answer": 25,
                "unit": "km",
                "tolerance": 2,
            },
            {"id": "share", "type": "number", "prompt": "Share?", "answer": 3.5, "unit": "%"},
            {"id": "people", "type": "number", "prompt": "Displaced?", "answer": 1500000},
            {"id": "below", "type": "number", "prompt": "Temperature?", "answer": -4},
            {
                "id": "summit-city",
                "type": "choice",
                "prompt": "Where did Haftar meet Sisi?",
                "answer": "Cairo",
                "distractors": ["Tunis"],
            },
            {
                "id": "tf",
                "type": "truefalse",
                "statement": "Haftar leads the Government of National Accord.",
                "answer": False,
                "correction": "He leads the LNA; Fayez al-Sarraj led the GNA.",
            },
            {
                "id": "backers",
                "type": "multi",
                "prompt": "Which states backed Haftar?",
                "answers": ["Egypt", "United Arab Emirates"],
                "distractors": ["Qatar", "Turkey"],
            },
            {
                "id": "timeline",
                "type": "order",
                "prompt": "Put in order",
                "items": ["Revolution", "Civil war", "Offensive on Tripoli", "Ceasefire"],
            },
            {
                "id": "meeting",
                "type": "cloze",
                "text": "{{Haftar}} met {{Sisi|el-Sisi}} in {{Cairo}} in {{when::April 2019}}.",
                "examples": {"accept": ["Hafter", "el Sisi", "april 2019"], "reject": ["Tunis"]},
            },
            {"id": "flash", "type": "basic", "front": "GNA", "back": "Government of Accord"},
        ],
    }
)

FR = Deck.model_validate(
    {
        "format": 1,
        "deck": {"id": "libye-fr", "title": "Libye", "language": "fr"},
        "cards": [
            {
                "id": "chef",
                "type": "typed",
                "prompt": "Qui dirige l'ANL ?",
                "answer": "Khalifa Haftar",
                "accept": ["Haftar"],
            },
            {"id": "ville", "type": "typed", "prompt": "Quelle ville ?", "answer": "Tobrouk"},
            {"id": "capitale", "type": "typed", "prompt": "Capitale ?", "answer": "Tripoli"},
            {
                "id": "armee",
                "type": "typed",
                "prompt": "Que dirige Haftar ?",
                "answer": "l'Armée nationale libyenne",
                "accept": ["ANL"],
            },
            {"id": "caire", "type": "typed", "prompt": "Où ?", "answer": "Le Caire"},
            {
                "id": "emirats",
                "type": "typed",
                "prompt": "Quel allié ?",
                "answer": "les Émirats arabes unis",
                "accept": ["EAU"],
            },
            {"id": "egypte", "type": "typed", "prompt": "Voisin ?", "answer": "Égypte"},
            {"id": "region", "type": "typed", "prompt": "Région ?", "answer": "la Cyrénaïque"},
            {"id": "est", "type": "typed", "prompt": "D'où ?", "answer": "de l'Est"},
            {"id": "oeuvre", "type": "typed", "prompt": "Quoi ?", "answer": "Œuvre d'Orient"},
            {"id": "annee", "type": "number", "prompt": "Année ?", "answer": 2011},
            {"id": "taux", "type": "number", "prompt": "Taux ?", "answer": 3.5, "unit": "%"},
            {"id": "deplaces", "type": "number", "prompt": "Déplacés ?", "answer": 1500000},
            {
                "id": "vf",
                "type": "truefalse",
                "statement": "Haftar dirige l'ANL.",
                "answer": True,
            },
            {
                "id": "lieu",
                "type": "choice",
                "prompt": "Où ?",
                "answer": "Le Caire",
                "distractors": ["Tunis", "Alger"],
            },
            {
                "id": "ordre",
                "type": "order",
                "prompt": "Dans l'ordre",
                "items": ["Révolution", "Guerre civile", "Offensive"],
            },
            {
                "id": "phrase",
                "type": "cloze",
                "text": "{{Haftar}} a rencontré {{Sissi|al-Sissi}} au {{Caire}}.",
            },
        ],
    }
)


def item(deck: Deck, item_id: str) -> StudyItem:
    """The study item ``item_id`` of ``deck``."""
    for candidate in deck.items():
        if candidate.id == item_id:
            return candidate
    raise KeyError(item_id)


def deck_with(cards: list[dict], language: str = "en") -> Deck:
    """A throwaway deck around ``cards``."""
    return Deck.model_validate(
        {
            "format": 1,
            "deck": {"id": "t", "title": "T", "language": language},
            "cards": cards,
        }
    )
