"""Words of each language the rules need: months, days, numbers, titles, function words.

Only French and English are described; any other language gets English's
tables (the cards are still grounded, only the wording of prompts is English).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    """The words of one language that the rule-based analysis and the prompts use."""

    code: str
    months: frozenset[str]
    days: frozenset[str]
    numbers: dict[str, int]
    # Capitalised words that start a sentence without being names.
    function_words: frozenset[str]
    # Words before a name that make it a person ("le président X", "general X").
    person_titles: frozenset[str]
    # First words of an organisation's name ("Ligue arabe", "Chambre des représentants").
    org_heads: frozenset[str]
    # Words that may join the capitalised words of one name ("Chambre des représentants").
    name_joiners: frozenset[str]
    # Prepositions before a place ("à Tobrouk", "in Cairo").
    place_prepositions: frozenset[str]
    articles: tuple[str, ...]


_FR_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
_EN_MONTHS = "january february march april may june july august september october november december"

FRENCH = Lexicon(
    code="fr",
    months=frozenset(_FR_MONTHS.split()),
    days=frozenset(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]),
    numbers={
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "onze": 11,
        "douze": 12,
        "quinze": 15,
        "vingt": 20,
        "trente": 30,
        "cent": 100,
        "mille": 1000,
    },
    function_words=frozenset(
        [
            "le",
            "la",
            "les",
            "l",
            "un",
            "une",
            "des",
            "du",
            "de",
            "d",
            "au",
            "aux",
            "ce",
            "cet",
            "cette",
            "ces",
            "il",
            "elle",
            "ils",
            "elles",
            "on",
            "nous",
            "vous",
            "je",
            "tu",
            "mais",
            "et",
            "ou",
            "donc",
            "or",
            "ni",
            "car",
            "si",
            "lors",
            "selon",
            "actuellement",
            "après",
            "avant",
            "depuis",
            "pendant",
            "dans",
            "en",
            "par",
            "pour",
            "sur",
            "sous",
            "avec",
            "sans",
            "quand",
            "alors",
            "ainsi",
            "puis",
            "enfin",
            "aujourd",
            "hier",
            "demain",
            "cependant",
            "toutefois",
            "est",
            "ouest",
            "nord",
            "sud",
        ]
    ),
    person_titles=frozenset(
        [
            "président",
            "présidente",
            "général",
            "maréchal",
            "chef",
            "envoyé",
            "envoyée",
            "dictateur",
            "ministre",
            "roi",
            "reine",
            "prince",
            "émir",
            "premier",
            "secrétaire",
            "porte-parole",
            "ambassadeur",
            "colonel",
            "commandant",
            "juge",
            "directeur",
            "directrice",
            "m",
            "mme",
        ]
    ),
    org_heads=frozenset(
        [
            "ligue",
            "organisation",
            "chambre",
            "armée",
            "conseil",
            "union",
            "nations",
            "assemblée",
            "parlement",
            "gouvernement",
            "banque",
            "parti",
            "front",
            "mouvement",
            "cour",
            "commission",
            "agence",
            "fonds",
            "comité",
            "congrès",
            "sénat",
            "otan",
            "onu",
        ]
    ),
    name_joiners=frozenset({"des", "de", "du", "pour", "et"}),
    place_prepositions=frozenset({"à", "au", "en", "vers", "depuis"}),
    articles=("le ", "la ", "les ", "l'", "l’"),
)

ENGLISH = Lexicon(
    code="en",
    months=frozenset(_EN_MONTHS.split()),
    days=frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
    numbers={
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "fifteen": 15,
        "twenty": 20,
        "thirty": 30,
        "hundred": 100,
        "thousand": 1000,
    },
    function_words=frozenset(
        [
            "the",
            "a",
            "an",
            "this",
            "that",
            "these",
            "those",
            "he",
            "she",
            "it",
            "they",
            "we",
            "you",
            "i",
            "but",
            "and",
            "or",
            "so",
            "if",
            "when",
            "while",
            "after",
            "before",
            "since",
            "during",
            "in",
            "on",
            "at",
            "by",
            "for",
            "from",
            "with",
            "without",
            "as",
            "then",
            "thus",
            "currently",
            "today",
            "yesterday",
            "however",
            "meanwhile",
            "according",
            "east",
            "west",
            "north",
            "south",
        ]
    ),
    person_titles=frozenset(
        [
            "president",
            "general",
            "marshal",
            "leader",
            "chief",
            "envoy",
            "dictator",
            "minister",
            "king",
            "queen",
            "prince",
            "emir",
            "secretary",
            "spokesman",
            "spokeswoman",
            "ambassador",
            "colonel",
            "commander",
            "judge",
            "director",
            "mr",
            "mrs",
            "ms",
            "dr",
        ]
    ),
    org_heads=frozenset(
        [
            "league",
            "organisation",
            "organization",
            "house",
            "chamber",
            "army",
            "council",
            "union",
            "nations",
            "assembly",
            "parliament",
            "government",
            "bank",
            "party",
            "front",
            "movement",
            "court",
            "commission",
            "agency",
            "fund",
            "committee",
            "congress",
            "senate",
            "nato",
        ]
    ),
    name_joiners=frozenset({"of", "for", "and"}),
    place_prepositions=frozenset({"in", "at", "to", "from"}),
    articles=("the ", "a ", "an "),
)

LEXICONS = {"fr": FRENCH, "en": ENGLISH}


def lexicon_for(language: str) -> Lexicon:
    """The lexicon of a language tag ("fr", "fr-FR", "en"); English for others."""
    return LEXICONS.get(language.lower().split("-")[0], ENGLISH)


def guess_language(text: str) -> str:
    """ "fr" or "en", whichever language's commonest function words the text uses more."""
    words = text.lower().replace("’", " ").replace("'", " ").split()
    french = sum(
        w in {"le", "la", "les", "des", "du", "et", "est", "une", "que", "l"} for w in words
    )
    english = sum(w in {"the", "of", "and", "is", "to", "was", "that", "with", "a"} for w in words)
    return "fr" if french > english else "en"
